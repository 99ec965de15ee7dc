from django.conf import settings
from django.core.management.base import BaseCommand

from pages.publish import publish_pages


class Command(BaseCommand):
    help = "Copy the static side's pages to WHITENOISE_ROOT with Brotli and gzip versions."

    def handle(self, *args: object, **options: object) -> None:
        target = settings.PAGES_BUILD_DIR
        written = publish_pages(source=settings.PAGES_SOURCE_DIR, target=target)
        self.stdout.write(f"Pages copied to {target} with {len(written)} compressed files.")
