"""Decide every URL and output path in one place, aware of the site's base path."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit


@dataclass(frozen=True)
class Urls:
    """Build URLs for routes under a base URL such as `https://org.github.io/group-site/`.

    A route is a site-relative path without a leading slash: `""` (home), `posts/hello/`,
    `feed.xml`. Pages link to each other by root-relative URLs that include the base path,
    and feeds, sitemaps and social tags use absolute URLs.
    """

    base_url: str

    @property
    def origin(self) -> str:
        """Return `scheme://host[:port]`."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def base_path(self) -> str:
        """Return the path every URL starts with, `/` or `/group-site/`."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def path(self, route: str) -> str:
        """Return the root-relative URL of `route`: `posts/x/` -> `/group-site/posts/x/`."""
        route, _, fragment = route.partition("#")
        url = self.base_path + quote(route.lstrip("/"), safe="/~@!$&'()*+,;=:")
        return f"{url}#{fragment}" if fragment else url

    def absolute(self, route: str) -> str:
        """Return the absolute URL of `route`."""
        return self.origin + self.path(route)

    def absolutize(self, url: str) -> str:
        """Make a root-relative URL (`/group-site/x`) absolute; leave other URLs as they are."""
        if url.startswith("/") and not url.startswith("//"):
            return self.origin + url
        return url


_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*(?:"[^"]*"|'[^']*'|[^'">])*>""")  # a start tag; text holds no bare <
_ATTRIBUTE = re.compile(r"""(\s+)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_URL_ATTRIBUTES = {"href", "src", "srcset"}
_MAY_HOLD_URL = re.compile("href|src", re.IGNORECASE).search  # every name in _URL_ATTRIBUTES holds one
_SRCSET_URL = re.compile(r"(^|,)(\s*)([^\s,]\S*)")  # each candidate's URL; a comma inside one is not a split
_HAS_SCHEME = re.compile(r"\s*[a-zA-Z][a-zA-Z0-9+.-]*:")


@functools.lru_cache(maxsize=4096)  # a post is in its site's feeds and in those of its tags and authors
def absolutize_html(text: str, page: str) -> str:
    """Make the relative links and images of HTML shown at absolute URL `page` absolute, for feed readers.

    A reader resolves a relative reference against the feed's address, not the page's: a
    footnote's `#fn1` would lead into the feed, and `/group-site/x` to the reader's own host.
    Only attributes of tags change; text, code samples included, stays as it is.
    """

    def resolve(url: str) -> str:
        return url if _HAS_SCHEME.match(url) else urljoin(page, url.strip())

    def attribute(m: re.Match[str]) -> str:
        name, value = m.group(2).lower(), m.group(4)
        if name not in _URL_ATTRIBUTES:
            return m.group(0)
        quote_mark = value[0] if value[0] in "\"'" else ""
        value = value[1:-1] if quote_mark else value
        if name == "srcset":
            value = _SRCSET_URL.sub(lambda c: c.group(1) + c.group(2) + resolve(c.group(3)), value)
        else:
            value = resolve(value)
        return f"{m.group(1)}{m.group(2)}{m.group(3)}{quote_mark}{value}{quote_mark}"

    def tag(m: re.Match[str]) -> str:
        found = m.group(0)
        return _ATTRIBUTE.sub(attribute, found) if _MAY_HOLD_URL(found) else found  # most tags: <p>, <span class>

    return _TAG.sub(tag, text)


GHOST_URL = "__GHOST_URL__"


def replace_ghost(text: str, urls: Urls) -> str:
    """Replace Ghost's `__GHOST_URL__` placeholder with the site's base path.

    The result starts with the base path's `/` whatever follows the placeholder, so
    `__GHOST_URL__javascript:...` becomes a path on the site, never a scheme.
    """
    return text.replace(GHOST_URL + "/", urls.base_path).replace(GHOST_URL, urls.base_path)


LINK_SCHEMES = ("http", "https", "mailto")
_IGNORED_IN_SCHEMES = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these before reading a scheme
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def link_problem(url: str) -> str | None:
    """Say why `url` may not become a link or image (a scheme other than http, https, mailto), else None.

    The URL is read as a browser reads an attribute: character references decoded, and
    whitespace and control characters ignored, so `JaVa\tScRiPt&colon;` is caught too.
    """
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url.strip()):
        return "it holds a line break or another control character"
    probe = _IGNORED_IN_SCHEMES.sub("", html.unescape(url))
    scheme = _SCHEME.match(probe)
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return f"a {scheme.group(1).lower()}: address cannot be a link here"
    try:
        urlsplit(url).port  # noqa: B018 - reading it checks the host and port
    except ValueError as exc:
        return f"it is not a valid address ({exc})"
    return None


def asset_url(url: str, urls: Urls) -> str:
    """Return the URL of an image named in front matter, config or data files.

    Absolute URLs stay; `__GHOST_URL__/x`, `/x`, `static/x` and `x` all mean the file
    `static/x`, served at the base path.
    """
    if url.startswith(GHOST_URL):
        return replace_ghost(url, urls)
    if urlsplit(url).scheme or url.startswith("//"):
        return url
    return urls.path(url.removeprefix("/").removeprefix("static/"))


def alias_route(address: str) -> str | None:
    """Return the route that serves an old address of a page (`/2019/05/first-meetup/`, `blog/x.html`), or None.

    An address is a path on the site (from its root, the base path left out); one without a
    file name ending in .html is a folder, as GitHub Pages serves it. A query (`?p=12`), a
    fragment, another host or a path that climbs out cannot be a static file: None.
    """
    text = address.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or parts.query or parts.fragment or "?" in text or "#" in text:
        return None
    route = unquote(parts.path).lstrip("/")
    if not route or route_escapes(route) or any(part in ("", ".") for part in route.rstrip("/").split("/")):
        return None
    if route == "index.html" or route.endswith("/index.html"):
        return route.removesuffix("index.html")  # the folder's own page: served at the folder's address
    return route if route.endswith(("/", ".html", ".htm")) else route + "/"


def output_file(route: str) -> str:
    """Return the output file for `route`: a route ending in `/` is a folder with index.html."""
    name = f"{route}index.html" if route == "" or route.endswith("/") else route
    # Only a name that starts with "/" or ".", or holds "//" or "/.", can have an empty or "." part:
    # the rest (every route ugsite makes) need not be split, which a build does for each of its files.
    if name.startswith(("/", ".")) or "//" in name or "/." in name:
        parts = name.split("/")
        if "" in parts or "." in parts:
            return PurePosixPath(name).as_posix()
    return name


def route_escapes(route: str) -> bool:
    """Say whether `route` could write outside the output folder."""
    return route.startswith("/") or "\\" in route or "\0" in route or (".." in route and ".." in route.split("/"))
