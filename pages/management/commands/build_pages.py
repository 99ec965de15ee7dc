from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management.base import BaseCommand

from pages.publish import pin_times, publish_pages


def hashed_name(name: str) -> str | None:
    """The name `collectstatic` gave the asset, if the storage hashes names and knows it."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return None
    return staticfiles_storage.hashed_files.get(name)


def asset_source(name: str) -> Path | None:
    found = finders.find(name)
    return Path(found) if found else None


class Command(BaseCommand):
    help = (
        "Copy the static side's pages to WHITENOISE_ROOT, linking their assets by hashed "
        "name, with Brotli and gzip versions; with SOURCE_DATE_EPOCH, date every built file."
    )

    def handle(self, *args: object, **options: object) -> None:
        target = settings.PAGES_BUILD_DIR
        written = publish_pages(
            source=settings.PAGES_SOURCE_DIR,
            target=target,
            hashed_name=hashed_name,
            static_url=settings.STATIC_URL,
            asset_source=asset_source,
        )
        self.stdout.write(f"Pages copied to {target} with {len(written)} compressed files.")
        if settings.SOURCE_DATE_EPOCH is not None:
            pinned = sum(
                pin_times(folder, settings.SOURCE_DATE_EPOCH)
                for folder in (target, Path(settings.STATIC_ROOT))
            )
            self.stdout.write(f"{pinned} built files dated {settings.SOURCE_DATE_EPOCH}.")
