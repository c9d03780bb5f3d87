"""Bring an old site's own files over: its static folder and the images and files beside its pages."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.importers.fields import Imported
from ugsite.importers.report import Note

_ABSOLUTE = re.compile(r"[a-zA-Z][\w+.-]*:|/|#")
MARKDOWN_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
# An HTML src or href, quoted or not, in any case (HTML pages of the 1990s write <IMG SRC=x.jpg>).
HTML_LINK = re.compile(r"""(<[a-zA-Z][^>]*?\s(?:src|href)\s*=\s*["']?)([^"'\s>]+)(["']?)""", re.I)


def is_bundle(path: str, branches: bool = False) -> bool:
    """Say whether a content file is a page bundle's `index.md` (or `index.fr.md`), with its files beside it.

    With `branches`, a section's `_index.md` is one too (Hugo's branch bundle: its files are published at the
    section's address, those of the bundles below it left to them).
    """
    return PurePosixPath(path).name.split(".")[0] in (("index", "_index") if branches else ("index",))


def _folder_address(old: str) -> str:
    return old if old.endswith("/") else posixpath.dirname(old) + "/"


def bundle_links(body: str, path: str, old: str | None, documents: tuple[str, ...], branches: bool = False,
                 source: Path | None = None) -> str:
    """Point a page bundle's relative resources (`![x](photo.jpg)`) at where they are published now.

    With the `source` folder, a link that names a file of the bundle in another case (`a.JPG` for `a.jpg`,
    which a host that ignores case served) names it as it is written on disk.
    """
    if not is_bundle(path, branches) or old is None:
        return body
    base = _folder_address(old)
    folder = (source / path).parent if source is not None else None
    named = {f.relative_to(folder).as_posix().lower(): f.relative_to(folder).as_posix()
             for f in folder.rglob("*") if f.is_file()} if folder is not None and folder.is_dir() else {}

    def absolute(match: re.Match[str]) -> str:
        url = match.group(2)
        if _ABSOLUTE.match(url) or re.split(r"[?#]", url, maxsplit=1)[0].endswith(documents):
            return match.group()
        url = url.removeprefix("./")
        cut = len(re.split(r"[?#]", url, maxsplit=1)[0])
        file, rest = url[:cut], url[cut:]
        if named and file not in named.values() and file.lower() in named:
            url = named[file.lower()] + rest
        return f"{match.group(1)}{base}{url}{match.group(3)}"

    return HTML_LINK.sub(absolute, MARKDOWN_LINK.sub(absolute, body))


def bundle_image(front: dict[str, Any], path: str, old: str | None, branches: bool = False) -> None:
    """Make a page bundle's relative cover image (`image: photo.jpg`) the address it is published at."""
    image = front.get("image")
    if isinstance(image, str) and old and is_bundle(path, branches) and not _ABSOLUTE.match(image):
        front["image"] = _folder_address(old) + image.removeprefix("./")


def bundle_files(source: Path, path: str, old: str | None, documents: tuple[str, ...], out: Imported,
                 branches: bool = False) -> None:
    """Publish a page bundle's images and files under its old address, where its page links them."""
    if not is_bundle(path, branches) or old is None:
        return
    base = _folder_address(old)
    folder = (source / path).parent
    below = {f.parent for f in folder.rglob("*") if f.parent != folder and is_bundle(f.name, True)
             and f.name.lower().endswith(documents)}  # bundles of their own, below a branch
    for file in sorted(folder.rglob("*")):
        if any(parent in below for parent in file.parents):
            continue
        if file.is_file() and not file.is_symlink() and not file.name.lower().endswith(documents):
            rel = file.relative_to(folder).as_posix()
            out.files[f"static{base}{rel}"] = file.read_bytes()
            out.notes.append(Note(file.relative_to(source).as_posix(), f"a file of the page bundle went to "
                                  f"static{base}{rel}", "moved"))


def copy_static(source: Path, out: Imported) -> None:
    """Copy the old site's `static/` folder as it is; a link to another file is reported instead."""
    base = source / "static"
    if not base.is_dir():
        return
    count = 0
    for file in sorted(base.rglob("*")):
        rel = file.relative_to(base).as_posix()
        if file.is_symlink():
            out.notes.append(Note(f"static/{rel}", "a link to another file was left out", "skipped"))
        elif file.is_file():
            out.files[f"static/{rel}"] = file.read_bytes()
            count += 1
    if count:
        out.notes.append(Note("static/", f"{count} images, downloads and other files went to static/", "moved"))


def report_theme(source: Path, folders: tuple[str, ...], out: Imported) -> None:
    """Note each folder of the old theme or build that the source has: ugsite's theme takes its place."""
    for folder in folders:
        if (source / folder).is_dir():
            out.notes.append(Note(f"{folder}/", "part of the old theme or build; ugsite's theme takes its place",
                                  "skipped"))
