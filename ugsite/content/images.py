"""Read the pixel size of the site's images (pages reserve their space), and name their resized copies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


def image_size(file: Path) -> tuple[int, int] | None:
    """Return (width, height) of a PNG, JPEG, GIF, WebP, SVG or TIFF file, or None if unknown."""
    try:
        stat = file.stat()
    except OSError:
        return None
    return _size(str(file), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _size(path: str, _mtime: int, _length: int) -> tuple[int, int] | None:
    # Imported at the first image: imagesize can fetch URLs too, so importing it imports
    # urllib.request, http.client, email and ssl, which a site without images need not wait for.
    import imagesize

    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    if width <= 0 or height <= 0:
        return None
    return round(width), round(height)


# Responsive images: a raster image under static/ wider than the smallest width is also written
# at each of these widths below its own, and as WebP; pages offer them with srcset.
VARIANT_WIDTHS = (480, 960, 1600)
RESIZABLE = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}
SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"  # the default theme's text column


@dataclass(frozen=True)
class Variant:
    """One resized copy of a static image: its path under static/, width and format (png, jpeg or webp)."""

    path: str
    width: int
    format: str


def variants(file: Path, rel: str) -> tuple[Variant, ...]:
    """Return the resized copies of static image `rel` (at `file`): none for small, animated or vector images.

    Each width below the image's own gets a copy in its format and in WebP; the full width
    gets a WebP copy too (unless the image is WebP already). A WebP image's copies keep `.webp`
    in their name (`logo.webp.480w.webp`): sites often ship `logo.png` and `logo.webp` side by side,
    and the PNG's WebP copies are `logo.480w.webp`.
    """
    stem, dot, suffix = rel.rpartition(".")
    kind = RESIZABLE.get(f".{suffix.lower()}") if dot else None
    size = image_size(file) if kind else None
    if kind is None or size is None or size[0] <= VARIANT_WIDTHS[0] or _animated(file):
        return ()
    extension = suffix.lower()
    found: list[Variant] = []
    for width in (*(w for w in VARIANT_WIDTHS if w < size[0]), size[0]):
        if kind == "webp":
            if width < size[0]:
                found.append(Variant(f"{stem}.{extension}.{width}w.webp", width, "webp"))
            continue
        if width < size[0]:
            found.append(Variant(f"{stem}.{width}w.{extension}", width, kind))
        found.append(Variant(f"{stem}.{width}w.webp", width, "webp"))
    return tuple(found)


def srcsets(rel: str, found: tuple[Variant, ...], full_width: int, url: Callable[[str], str]) -> tuple[str, str]:
    """Return the srcset of the image's own format (ending with the image itself) and that of its WebP copies."""
    own = [f"{url(v.path)} {v.width}w" for v in found if v.format != "webp"] + [f"{url(rel)} {full_width}w"]
    webp = [f"{url(v.path)} {v.width}w" for v in found if v.format == "webp"]
    if rel.lower().endswith(".webp"):
        webp.append(f"{url(rel)} {full_width}w")
    return ", ".join(own), ", ".join(webp)


def _animated(file: Path) -> bool:
    stat = file.stat()
    return _is_animated(str(file), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _is_animated(path: str, _mtime: int, _length: int) -> bool:
    from PIL import Image, UnidentifiedImageError  # only sites with large images pay for loading Pillow

    try:
        with Image.open(path) as image:
            return bool(getattr(image, "is_animated", False))
    except (OSError, UnidentifiedImageError, ValueError):
        return True  # not an image Pillow can resize: leave it as it is
