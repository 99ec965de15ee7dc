"""Copy the hand-written pages to where WhiteNoise serves them, compressed ahead of time,
with their assets linked under the hashed names that browsers may keep for ever."""

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from whitenoise.compress import Compressor

# An asset linked from a page: <link href="/static/css/site.css">, <script src=...>.
ASSET_LINK = re.compile(r'\b(?P<attribute>href|src)="/static/(?P<name>[^"?#]+)"')

# The name `collectstatic` gave an asset (css/site.1a2b3c4d5e6f.css), or None for a
# file it does not know, which the page then links as written.
HashedName = Callable[[str], str | None]


def with_hashed_assets(html: str, *, hashed_name: HashedName, static_url: str) -> str:
    """`html` with every asset it links under /static/ renamed to its hashed name.

    The hand-written pages link /static/css/site.css, a name that stays the same
    when the file changes and may therefore be kept only briefly (60 s). The pages
    Django renders link the hashed name, kept for a year: rewritten at build time,
    the files link the same one, so a visitor moving between the sides downloads
    the stylesheet once.
    """

    def rename(found: re.Match[str]) -> str:
        name = hashed_name(found["name"])
        if name is None:
            return found[0]
        return f'{found["attribute"]}="{static_url}{name}"'

    return ASSET_LINK.sub(rename, html)


def publish_pages(
    *,
    source: Path,
    target: Path,
    hashed_name: HashedName,
    static_url: str,
    asset_source: Callable[[str], Path | None],
) -> list[Path]:
    """Replace `target` with a copy of `source`, its pages' asset links hashed, plus
    `.br` and `.gz` files.

    The copy keeps each file's modification time, so ETag and Last-Modified stay
    the same from one build to the next while the page is unchanged. A page whose
    links changed because an asset it links changed takes that asset's time (found
    by `asset_source`) when it is newer: a browser asking "has it changed?" is told
    yes, and fetches the page that links the new stylesheet. Returns the
    compressed files written.
    """
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    for page in staging.rglob("*.html"):
        html = page.read_text()
        linked = with_hashed_assets(html, hashed_name=hashed_name, static_url=static_url)
        if linked == html:
            continue
        times = [page.stat().st_mtime]
        for found in ASSET_LINK.finditer(html):
            asset = asset_source(found["name"])
            if asset is not None:
                times.append(asset.stat().st_mtime)
        page.write_text(linked)
        os.utime(page, (max(times), max(times)))
    compressor = Compressor(quiet=True)
    written = [
        Path(name)
        for path in sorted(staging.rglob("*"))
        if path.is_file() and compressor.should_compress(path.name)
        for name in compressor.compress(str(path))
    ]
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return [target / path.relative_to(staging) for path in written]


def pin_times(root: Path, epoch: int) -> int:
    """Give every file under `root` the modification time `epoch`; how many there were."""
    files = [path for path in root.rglob("*") if path.is_file()]
    for path in files:
        os.utime(path, (epoch, epoch))
    return len(files)
