"""Check every internal link, image, asset and anchor of a built site, as served under its base path."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ugsite.problems import Problem, error, warning
from ugsite.content.urls import Urls

_LINK_ATTRS = {"href", "src", "poster", "data"}
# Feeds and sitemaps: the URLs of <link href>, <link>, <loc> and <guid>; links inside entry
# content are the pages' own links, checked there.
_XML_URL = re.compile(r"""<link\b[^>]*\bhref=["']([^"']+)["']|<(?:link|loc|guid)\b[^>]*>\s*([^<\s]+)\s*<""")
_ICS_URL = re.compile(r"^URL(?:;[^:]*)?:(.+)$", re.M)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in _LINK_ATTRS and not (tag == "link" and dict(attrs).get("rel") in ("canonical",)):
                self.links.append((value, self.getpos()[0]))
            elif name == "srcset":
                self.links += [(part.strip().split(" ")[0], self.getpos()[0]) for part in value.split(",") if part.strip()]


def check_links(out: Path, urls: Urls, sources: Mapping[str, str],
                known: Mapping[str, tuple[str, ...]] | None = None, excused: list[str] | None = None) -> list[Problem]:
    """Return a Problem for each internal URL in `out` that would not resolve on the server.

    A problem names the source file that made the page (`sources`: output path -> source) and
    says where in the built page the link is. A link its source lists as broken on the old site
    already (`known`: each post's, page's and event's source -> its `broken_links:`) is no problem of this
    site's making: left out (and added to `excused`, when given), on its page and on the lists
    that show the post's text; one that leads somewhere now is a warning, to take it off the list.
    """
    pages: dict[str, _Page] = {}
    for file in sorted(f for f in out.rglob("*.html") if f.is_file()):  # an event slug may end in .html: a folder
        page = _Page()
        page.feed(file.read_text(encoding="utf-8"))
        pages[file.relative_to(out).as_posix()] = page
    problems: list[Problem] = []
    known = known or {}
    everywhere = tuple(link for links in known.values() for link in links)  # lists and feeds show posts' text
    for name, page in pages.items():
        own = known.get(sources.get(name, ""))
        listed = _written(everywhere if own is None else own, urls)
        stale: set[str] = set()
        for url, line in page.links:
            found = _check(url, name, line, out, urls, pages)
            if unquote(url) not in listed:
                problems += found
            elif found and excused is not None and own is not None:  # counted once, on its own page
                excused.append(f"{sources.get(name, name)}: {url}")
            elif not found and own is not None and url not in stale:
                stale.add(url)
                problems.append(warning(name, f"{url[:200]} is listed under broken_links, but it leads somewhere now",
                                        line, "take it off the list"))
    for name, url in _other_urls(out):
        problems += _check(url, name, None, out, urls, pages)
    return [replace(p, path=sources.get(p.path, p.path), line=None,
                    message=f"{p.message} (in {p.path}{f', line {p.line}' if p.line else ''})") for p in problems]


def _written(links: tuple[str, ...], urls: Urls) -> set[str]:
    """Return the forms a listed link takes in the built page: as written, and under the base path."""
    forms = {unquote(html.unescape(link)) for link in links}
    return forms | {urls.base_path + form[1:] for form in forms if form.startswith("/")}


def _other_urls(out: Path) -> Iterator[tuple[str, str]]:
    for file in sorted(f for f in out.rglob("*") if f.is_file()):  # events/calendar.ics/ may be a folder
        name = file.relative_to(out).as_posix()
        if file.suffix == ".xml":
            for match in _XML_URL.finditer(file.read_text(encoding="utf-8")):
                yield name, html.unescape(match.group(1) or match.group(2))
        elif file.suffix == ".ics":
            text = file.read_bytes().decode("utf-8").replace("\r\n ", "")
            for match in _ICS_URL.finditer(text):
                yield name, match.group(1).strip()


def _check(url: str, source: str, line: int | None, out: Path, urls: Urls, pages: dict[str, _Page]) -> list[Problem]:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[::1": a host no browser can reach
        return [error(source, f"{url[:200]} is not a valid address ({exc})", line, "fix the link")]
    if parts.scheme in ("mailto", "tel", "data", "webcal", "javascript") or url.startswith("#") and not url[1:]:
        return []
    if parts.scheme or parts.netloc:
        if f"{parts.scheme}://{parts.netloc}" != urls.origin:
            return []
    path = parts.path
    if not path:
        target = source
    elif path.startswith("/"):
        if not path.startswith(urls.base_path):
            return [error(source, f"{url} is outside the site's base path {urls.base_path}", line,
                          "link through the base path, or with a relative URL")]
        target = unquote(path[len(urls.base_path):])
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))
    file = _resolve(out, target)
    if file is None:
        return [error(source, f"{url[:200]} leads nowhere: no {target[:200] or 'index.html'} in the built site", line,
                      "fix the link, or add the page or file it points at")]
    fragment = unquote(parts.fragment)
    if fragment and file.endswith(".html"):
        page = pages.get(file)
        if page is not None and fragment not in page.ids:
            return [error(source, f"{url}: {file} has no element with id '{fragment}'", line,
                          "fix the #anchor; heading ids come from the heading text")]
    return []


def _resolve(out: Path, target: str) -> str | None:
    target = target.strip("/") if target not in ("", ".") else ""
    if target.startswith(".."):
        return None
    for candidate in (target, f"{target}/index.html" if target else "index.html"):
        try:
            if candidate and (out / candidate).is_file():
                return candidate
        except OSError:  # a name longer than the file system takes: no such file either
            return None
    return None
