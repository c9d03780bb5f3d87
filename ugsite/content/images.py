"""Read the pixel size of the site's images, so pages reserve their space (no layout shift)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import imagesize


def image_size(file: Path) -> tuple[int, int] | None:
    """Return (width, height) of a PNG, JPEG, GIF, WebP, SVG or TIFF file, or None if unknown."""
    try:
        stat = file.stat()
    except OSError:
        return None
    return _size(str(file), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _size(path: str, _mtime: int, _length: int) -> tuple[int, int] | None:
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    if width <= 0 or height <= 0:
        return None
    return round(width), round(height)
