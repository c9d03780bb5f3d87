"""Where the built-in themes are, without loading the template engine (the build cache's key needs it)."""

from __future__ import annotations

from pathlib import Path


def builtin_themes() -> Path:
    """Return the folder of the built-in themes: inside the installed package, or the source tree's."""
    packaged = Path(__file__).parents[1] / "themes"
    return packaged if packaged.is_dir() else Path(__file__).parents[2] / "themes"
