"""Find the links of imported pages that led nowhere on the old site either, and list them in `broken_links:`.

A link is counted as broken before the import only when the source shows it: resolved against the page's old
address, it names no address of the old site (no page, alias or published file, nor a folder of them where the
old generator made a list), no part of it is a taxonomy, feed or page-number address, and either it lies below
the page's own address (where the old site served only the page's own files, all known) or its last part is in
no name of the source folder's files and folders, no page's title or slug, and no settings, data or redirect
file (a last part with an extension, `meeting.html`, must be a file's name, or the stem of a file a page is
made from, `meeting.md`, or a page's slug). Such a link stays in the page as it was; `ugsite check --links` leaves it out of its problems, and the
report lists it under "Broken on the old site too".
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ugsite.content.frontmatter import split_front_matter
from ugsite.content.slugs import slugify
from ugsite.importers.assets import HTML_LINK, MARKDOWN_LINK
from ugsite.importers.fields import Imported, document, plain
from ugsite.importers.report import Note
from ugsite.site import routes

# Addresses generators make for lists and feeds: a link into them is never claimed broken.
_MADE = {"tags", "tag", "categories", "category", "series", "authors", "author", "page", "feed", "rss", "atom",
         "archive", "archives", "search", "index.xml", "feed.xml", "atom.xml", "rss.xml", "sitemap.xml"}
_INDEX = ("index.html", "index.htm", "index.php")
# The lists ugsite makes itself, which an import links to (`@/blog/_index.md` becomes /posts/).
_OWN = {r.strip("/") for r in (routes.POSTS, routes.ARCHIVE, routes.EVENTS, routes.SPEAKERS, routes.SPONSORS,
                               routes.VENUES, routes.SEARCH)}
_SKIPPED_FOLDERS = {"node_modules", "vendor", "public", "_site", "output"}
# Settings, data, scripts and redirect lists: where an address no page has can be made (and Netlify's
# `_redirects`, Apache's `.htaccess`).
_SETTINGS = (".json", ".yaml", ".yml", ".toml", ".rb", ".py", ".js", ".ts", ".conf", ".txt", ".csv", ".xml", ".ini",
             ".cfg", "_redirects", ".htaccess", "rakefile", "makefile", "gemfile")
_LARGEST = 2_000_000
_PAGE_SOURCES = r"(?:md|markdown|mkd|mkdn|mdown|html?|xhtml|erb|haml|slim|liquid|textile|rst|adoc|asciidoc|org|php)"


def list_broken_links(source: Path, out: Imported) -> None:
    """Add `broken_links:` to each imported post and page with links that the old site did not serve either."""
    served = served_addresses(out)
    folders = {f for address in served for f in _parents(address)}
    names = _names(source) + "\n" + "\n".join(_slugs(out))
    for path, parsed in out.documents():
        old = out.old_addresses.get(path)
        broken = [url for url in _links(parsed.body) if not _new_file(url, path, out)
                  and _broken(url, old, served, folders, names)]
        if not broken:
            continue
        meta = plain(parsed.meta)
        meta["broken_links"] = sorted(set(broken) | set(meta.get("broken_links") or []))
        out.files[path] = document(meta, parsed.body)
        origin = out.origins.get(path, path)
        for url in sorted(set(broken)):
            out.notes.append(Note(origin, f"the link {url} led nowhere on the old site either (no page or file "
                                  "there, and nothing in the source is named like it): kept as it was and listed "
                                  "under broken_links", "broken before"))


def served_addresses(out: Imported) -> set[str]:
    """Return every address the old site served that the import knows, in the form `normal_address` gives."""
    served = {normal_address(a) for a in out.old_addresses.values()}
    served |= {normal_address("/" + p.removeprefix("static/")) for p in out.files if p.startswith("static/")}
    for path, content in out.files.items():
        if path.startswith(("posts/", "pages/")) and isinstance(content, str):
            parsed, _ = split_front_matter(content, path)
            aliases = parsed.meta.get("aliases") if parsed is not None else None
            served |= {normal_address(str(a)) for a in aliases or [] if isinstance(a, str)}
    return served


def normal_address(address: str) -> str:
    """Return an address as compared here: its path, decoded, lower-cased, without `index.html` or end slash."""
    path = posixpath.normpath("/" + unquote(urlsplit(address).path).lower())
    for index in _INDEX:
        if path.endswith("/" + index):
            path = path[: -len(index)]
    return "/" + path.strip("/")


def _parents(address: str) -> list[str]:
    parts = address.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) for i in range(len(parts))]


def _names(source: Path) -> str:
    """Return the names of the source's files and folders and the text of its settings, data and redirect files.

    A server's redirects (`_redirects`, `.htaccess`, a JSON list a deploy script reads) and the settings name
    addresses no page has: a link whose name is in them may have worked, so it is never claimed broken.
    """
    found: list[str] = []
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source).parts
        if any(part in _SKIPPED_FOLDERS or part.startswith(".") and part != ".htaccess" for part in rel):
            continue
        found.append(file.name)
        if file.is_file() and file.name.lower().endswith(_SETTINGS) and file.stat().st_size < _LARGEST:
            found.append(file.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(found).lower()


def _slugs(out: Imported) -> list[str]:
    """Return the slugs and titles of the imported pages, as the old generator may have made their addresses."""
    found: list[str] = []
    for path, content in sorted(out.files.items()):
        if path.startswith(("posts/", "pages/")) and isinstance(content, str):
            parsed, _ = split_front_matter(content, path)
            for key in ("title", "slug"):
                value = parsed.meta.get(key) if parsed is not None else None
                if isinstance(value, str):
                    found += [value.lower(), slugify(value), re.sub(r"[^\w.~-]+", "-", value.lower()).strip("-")]
    return found


def _links(body: str) -> list[str]:
    return [m.group(2) for pattern in (MARKDOWN_LINK, HTML_LINK) for m in pattern.finditer(body)]


def _new_file(url: str, path: str, out: Imported) -> bool:
    """Say whether `url` names a file of the new site (a converted link to a post's `.md` file, say)."""
    target = unquote(urlsplit(url).path)
    if target.lower().endswith((".md", ".markdown")):
        return True  # ugsite's build resolves it, or says it names no file
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) in out.files


def _broken(url: str, old: str | None, served: set[str], folders: set[str], names: str) -> bool:
    """Say whether `url`, written in a page the old site served at `old`, led nowhere there."""
    if re.search(r"[{}<>\\]", url) or url.startswith("#"):
        return False  # template code, or a link to the page itself
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    if not parts.path.startswith("/") and old is None:
        return False  # relative to an address the import does not know
    address = normal_address(urljoin("https://old.invalid" + (old or "/"), parts.path))
    segments = [s for s in address.strip("/").split("/") if s]
    if not segments or address in served or address in folders or _MADE & set(segments) or segments[0] in _OWN \
            or any(re.fullmatch(r"page\d+", s) for s in segments):  # jekyll-paginate's /page2/
        return False
    own = normal_address(old) if old and (old.endswith("/") or old.rsplit("/", 1)[-1] in _INDEX) else "/"
    if own != "/" and address.startswith(own + "/"):
        return True  # below a page's own address the old site served only the page's files, all known
    name = segments[-1]
    if "." not in name.strip("."):
        return name not in names
    # A file's name: the old site served it if a file had that name, or a page was made from a file of that
    # stem (`meeting.md` becomes meeting.html) or had it as slug; a word of some text (a file `meeting.jp`,
    # "the next meeting" in a settings file) is no such sign.
    stem = re.escape(name.rsplit(".", 1)[0])
    return not re.search(rf"(?m)(?<![\w.-]){re.escape(name)}(?![\w-])|(?:^|/){stem}\.{_PAGE_SOURCES}$|^{stem}$", names)
