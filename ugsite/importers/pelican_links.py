"""Turn Pelican's intra-site links ({filename}, {static}, {attach}, {tag}, ...) into links to the new files."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ugsite.importers.liquid import relative_path
from ugsite.importers.report import Note, NotedText
from ugsite.content.slugs import slugify

_KINDS = "filename|static|attach|tag|category|author|index"
# {filename}x is Pelican's syntax; |filename|x its old one, still read.
_PLACEHOLDER = re.compile(rf"(?:\{{(?P<a>{_KINDS})\}}|\|(?P<b>{_KINDS})\|)(?P<value>[^\s)\"'>\]]*)")


@dataclass
class SiteLinks(NotedText):
    """What the links of one content file can be resolved against."""

    file: str  # the source file, site-relative (content/2019/x.md)
    first_line: int
    target: str  # the new file (posts/x.md)
    content: str  # Pelican's content folder (PATH), site-relative
    documents: Mapping[str, str]  # source content file -> new file
    statics: Mapping[str, str]  # source static file -> its file under static/
    notes: list[Note] = field(default_factory=list)
    exists: Callable[[str], bool] = lambda path: True  # whether the source has a file (site-relative)
    broken: list[str] = field(default_factory=list)  # links that led nowhere on the old site either


def convert_links(text: str, links: SiteLinks) -> str:
    """Return `text` with each of Pelican's link placeholders pointing at the new site; notes go to `links`."""
    return _PLACEHOLDER.sub(lambda m: _one(m, text, links), text)


def _one(match: re.Match[str], text: str, links: SiteLinks) -> str:
    kind, value = match.group("a") or match.group("b"), match.group("value")
    new = _resolve(kind, value, links)
    if new is None and kind in ("filename", "static", "attach") and not links.exists(_source_of(value, links)):
        # Pelican warns and writes such a placeholder as it is: the old page linked to nothing either.
        links.broken.append(match.group())
        links.note(text, match.start(), f"the link {match.group()} names a file the source does not have, so "
                   "Pelican left it as it was and it led nowhere on the old site either: kept as it was and listed "
                   "under broken_links", "broken before")
        return match.group()
    if new is None:
        links.note(text, match.start(), f"the link {match.group()} names nothing of the site; left as it is",
                   "needs a person")
        return match.group()
    links.note(text, match.start(), f"the link {match.group()} became {new}")
    return new


def _source_of(value: str, links: SiteLinks) -> str:
    """Return the source file (site-relative) a {filename} or {static} link names."""
    path = re.split(r"[#?]", value, maxsplit=1)[0]
    base = links.content if path.startswith("/") else posixpath.dirname(links.file)
    return posixpath.normpath(posixpath.join(base, path.lstrip("/")))


def _resolve(kind: str, value: str, links: SiteLinks) -> str | None:
    """Return the new address of one placeholder, or None when it names nothing the import made."""
    if kind in ("tag", "category"):
        slug = slugify(value)
        return f"/{'tags' if kind == 'tag' else 'categories'}/{slug}/" if slug else None
    if kind == "index":
        return "/" + value.lstrip("/")
    if kind == "author":
        return None  # ugsite has no page per author
    path = re.split(r"[#?]", value, maxsplit=1)[0]
    suffix = value[len(path):]
    source = _source_of(value, links)
    if kind == "filename" and source in links.documents:
        return relative_path(links.documents[source], links.target) + suffix
    if source in links.statics:
        return "/" + links.statics[source].removeprefix("static/") + suffix
    return None
