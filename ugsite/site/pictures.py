"""Give the images of posts, pages and events (and events' photos) that are the site's own files their size and copies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

from ugsite.content.images import image_size, srcsets, variants
from ugsite.content.urls import Urls
from ugsite.site.model import Event, Page, Picture, Post

Shown = TypeVar("Shown", bound=Post | Page | Event)


def with_pictures(items: Sequence[Shown], static_root: Path, static: frozenset[str], urls: Urls) -> list[Shown]:
    """Return `items`, each whose `image` is a file under static/ given its Picture."""
    return [replace(item, picture=found) if (found := picture(item.image, static_root, static, urls)) else item
            for item in items]


def with_photos(events: Sequence[Event], static_root: Path, static: frozenset[str], urls: Urls) -> list[Event]:
    """Return `events`, each photo of theirs that is a file under static/ given its Picture."""
    return [replace(event, photos=tuple(replace(p, picture=picture(p.src, static_root, static, urls))
                                        for p in event.photos)) if event.photos else event for event in events]


def picture(url: str | None, static_root: Path, static: frozenset[str], urls: Urls) -> Picture | None:
    """Return the Picture of the image at `url` when it is one of the site's static files, else None."""
    if not url or not url.startswith(urls.base_path):
        return None
    rel = unquote(url[len(urls.base_path):].split("#", 1)[0].split("?", 1)[0])
    if rel not in static:
        return None
    file = static_root / rel
    size = image_size(file)
    if size is None:
        return None
    found = variants(file, rel)
    own, webp = srcsets(rel, found, size[0], urls.path) if found else ("", "")
    return Picture(size[0], size[1], own, webp)
