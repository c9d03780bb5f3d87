"""Read what an event leaves behind: its recap post (`recap:`) and its photos (`photos:`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from ugsite.content.urls import Urls, link_problem
from ugsite.content.yaml_source import LineDict
from ugsite.problems import Problem, error, warning
from ugsite.site.model import Photo, Post, RecapPost

PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")


@dataclass(frozen=True)
class RecapTargets:
    """The posts a `recap:` may name, by path and by slug, and the ones this build leaves out."""

    published: Mapping[str, RecapPost] = field(default_factory=lambda: MappingProxyType({}))
    held_back: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # name -> why it is left out


def recap_targets(posts: Iterable[Post], held_back: Iterable[tuple[str, str, str]]) -> RecapTargets:
    """Index the published posts, and the held-back ones as (path, slug, reason), by every name a recap may use."""
    published: dict[str, RecapPost] = {}
    for post in posts:
        target = RecapPost(post.source, post.title, post.route)
        for name in _names(post.source, post.slug):
            published.setdefault(name, target)
    held: dict[str, str] = {}
    for path, slug, reason in held_back:
        for name in _names(path, slug):
            held.setdefault(name, reason)
    return RecapTargets(MappingProxyType(published), MappingProxyType(held))


def _names(path: str, slug: str) -> tuple[str, ...]:
    """Return the names a post goes by: `posts/x.md`, `x.md` (its path under posts/), and its slug."""
    return (path, path.removeprefix("posts/"), slug)


def read_recap(meta: LineDict, path: str, targets: RecapTargets, problems: list[Problem]) -> RecapPost | None:
    """Read `recap:`, a post named by its file path or its slug; an unknown one is an error with close matches."""
    value = meta.get("recap")
    if value is None:
        return None
    line = meta.line_of("recap")
    name = str(value).strip().removeprefix("/").removeprefix("../") if isinstance(value, (str, int)) else ""
    if not name:
        problems.append(error(path, f"'recap' must name a post, by its file or its slug, not {value!r}", line,
                              "e.g. recap: posts/2026-11-12-what-we-learned.md"))
        return None
    if name in targets.published:
        return targets.published[name]
    if name in targets.held_back:
        problems.append(warning(path, f"the recap post '{name}' is {targets.held_back[name]}, so this build "
                                "does not link it", line, "the event's page links it once the post is published"))
        return None
    close = _closest_posts(name, targets)
    hint = (f"did you mean {' or '.join(repr(c) for c in close)}?" if close
            else "name a post by its file (posts/2026-11-12-recap.md) or its slug")
    problems.append(error(path, f"the recap '{name}' is not a post of this site", line, hint))
    return None


def _closest_posts(name: str, targets: RecapTargets) -> list[str]:
    """Return up to three names of posts close to `name`, one name per post (its closest)."""
    seen: set[str] = set()
    found: list[str] = []
    for match in difflib.get_close_matches(name, sorted(targets.published), n=9, cutoff=0.6):
        if targets.published[match].source not in seen:
            seen.add(targets.published[match].source)
            found.append(match)
    return found[:3]


def read_photos(meta: LineDict, path: str, static: frozenset[str], urls: Urls,
                problems: list[Problem]) -> tuple[Photo, ...]:
    """Read `photos:`: a folder under static/ with alt text for each file, or a list of {src, alt}."""
    value = meta.get("photos")
    line = meta.line_of("photos")
    if value is None:
        return ()
    if isinstance(value, str):
        value = _folder_entry(value, line)
    if isinstance(value, LineDict) and "folder" in value:
        return _folder(value, path, static, urls, problems)
    if isinstance(value, list):
        return tuple(photo for item in value if (photo := _listed(item, line, path, static, urls, problems)))
    problems.append(error(path, "'photos' must be a folder under static/ or a list of photos", line,
                          "e.g. photos:\n  - src: photos/2026-11/talk.jpg\n    alt: Maya at the lectern"))
    return ()


def _folder_entry(folder: str, line: int | None) -> LineDict:
    """Read `photos: FOLDER` as `photos: {folder: FOLDER}`, which then asks for the alt text of each photo."""
    entry = LineDict(folder=folder)
    entry.key_lines, entry.line = {"folder": line or 1}, line or 1
    return entry


def _folder(entry: LineDict, path: str, static: frozenset[str], urls: Urls, problems: list[Problem]) -> tuple[Photo, ...]:
    folder = _static_path(str(entry.get("folder", ""))).rstrip("/")
    line = entry.line_of("folder")
    unknown = sorted(str(k) for k in entry if k not in ("folder", "alt"))
    if unknown:
        problems.append(warning(path, f"unknown field '{unknown[0]}' in photos", entry.line_of(unknown[0]),
                                "photos from a folder take folder: and alt:"))
    files = sorted(f for f in static if PurePosixPath(f).parent.as_posix() == folder
                   and f.lower().endswith(PHOTO_SUFFIXES))
    if not files:
        folders = sorted({PurePosixPath(f).parent.as_posix() for f in static if f.lower().endswith(PHOTO_SUFFIXES)})
        close = difflib.get_close_matches(folder, folders, n=3, cutoff=0.6)
        problems.append(error(path, f"static/{folder}/ holds no photos (PNG, JPEG, WebP, GIF or AVIF files)", line,
                              f"did you mean {' or '.join(repr(c) for c in close)}?" if close
                              else "put the photos in a folder under static/ and name it here, e.g. photos: photos/2026-11"))
        return ()
    alts = entry.get("alt") or {}
    if not isinstance(alts, dict):
        problems.append(error(path, "'alt' of photos must map each file name to its alt text",
                              entry.line_of("alt"), 'e.g. alt:\n  stage.jpg: "Maya at the lectern"'))
        return ()
    names = {PurePosixPath(f).name: f for f in files}
    said = {str(k): str(v).strip() for k, v in alts.items() if v is not None and str(v).strip()}
    missing = [name for name in names if name not in said]
    if missing:
        problems.append(error(path, f"{len(missing)} photo{'s' * (len(missing) != 1)} in static/{folder}/ "
                              f"{'have' if len(missing) != 1 else 'has'} no alt text: {', '.join(missing)}", line,
                              "say what each photo shows, for readers who cannot see it:\n  photos:\n"
                              f"    folder: {folder}\n    alt:\n" + "".join(f'      {n}: "…"\n' for n in names).rstrip()))
    for name in sorted(set(said) - set(names)):
        close = difflib.get_close_matches(name, sorted(names), n=1)
        problems.append(error(path, f"'{name}' under alt is not a photo in static/{folder}/",
                              alts.line_of(name) if isinstance(alts, LineDict) else line,
                              f"did you mean '{close[0]}'?" if close else f"the folder holds {', '.join(names)}"))
    return tuple(Photo(urls.path(names[name]), alt) for name, alt in said.items() if name in names)  # in alt's order


def _listed(item: Any, line: int | None, path: str, static: frozenset[str], urls: Urls,
            problems: list[Problem]) -> Photo | None:
    if not isinstance(item, LineDict) or not isinstance(item.get("src"), str) or not item["src"].strip():
        problems.append(error(path, f"a photo must be {{src, alt}}, not {item!r}",
                              item.line if isinstance(item, LineDict) else line,
                              'e.g. - {src: photos/2026-11/talk.jpg, alt: "Maya at the lectern"}'))
        return None
    src, here = item["src"].strip(), item.line
    unknown = sorted(str(k) for k in item if k not in ("src", "alt"))
    if unknown:
        problems.append(warning(path, f"unknown field '{unknown[0]}' in a photo", item.line_of(unknown[0]),
                                "a photo takes src: and alt:"))
    alt = str(item.get("alt") or "").strip()
    if not alt:
        problems.append(error(path, f"the photo {src} has no alt text", item.line_of("alt"),
                              'say what it shows, for readers who cannot see it: alt: "Maya at the lectern"'))
    trouble = link_problem(src)
    scheme = urlsplit(src).scheme.lower() if trouble is None else ""
    if scheme not in ("", "http", "https"):
        trouble = f"a {scheme}: address is no image"
    if trouble:
        problems.append(error(path, f"the photo {src!r} is not a usable address: {trouble}", here,
                              "give a file under static/ (photos/talk.jpg) or a web address"))
        return None
    if urlsplit(src).scheme or src.startswith("//"):
        return Photo(src, alt) if alt else None
    rel = _static_path(src)
    if rel not in static:
        close = difflib.get_close_matches(rel, sorted(static), n=3, cutoff=0.6)
        problems.append(error(path, f"the photo static/{rel} does not exist", here,
                              f"did you mean {' or '.join(repr(c) for c in close)}?" if close
                              else "put the file under static/, or fix the path"))
        return None
    return Photo(urls.path(rel), alt) if alt else None


def _static_path(value: str) -> str:
    """Return a path written as `photos/x`, `/photos/x` or `static/photos/x` as the path under static/."""
    return value.strip().removeprefix("/").removeprefix("static/")
