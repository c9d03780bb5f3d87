"""Write the resized copies of a static image with Pillow: upright, without metadata, the same bytes every build."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps

_SAVE = {
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "png": {"format": "PNG", "optimize": True},
}


def resized(file: Path, width: int, kind: str) -> bytes:
    """Return `file` scaled to `width` pixels wide (the height in proportion) as `kind` (webp, jpeg or png).

    The copy is turned upright as the camera's orientation tag says and carries no metadata
    (a photo's location stays with the original, which is served as it is).
    """
    with Image.open(file) as opened:
        image = ImageOps.exif_transpose(opened) or opened
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        if kind == "jpeg" and image.mode != "RGB":
            image = image.convert("RGB")
        if width != image.width:
            image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, **_SAVE[kind])  # type: ignore[arg-type]
        return out.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
