"""Copy the hand-written pages to where WhiteNoise serves them, compressed ahead of time."""

import shutil
from pathlib import Path

from whitenoise.compress import Compressor


def publish_pages(*, source: Path, target: Path) -> list[Path]:
    """Replace `target` with a copy of `source` plus `.br` and `.gz` files.

    The copy keeps each file's modification time, so ETag and Last-Modified
    stay the same from one build to the next while the page is unchanged.
    Returns the compressed files written.
    """
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
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
