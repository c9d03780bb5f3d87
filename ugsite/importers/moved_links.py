"""Keep the relative links of a page that moved pointing where they pointed (`assets/x.png` on `/about.html`).

A page the old site served at `/about.html` is `/about/` in ugsite: a relative link in it would now be read from
another folder. Where the link led to something the new site still serves (a file of `static/`, a page's old
address), it becomes that address from the site's root.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from ugsite.content.frontmatter import Source, split_front_matter
from ugsite.importers.assets import HTML_LINK, MARKDOWN_LINK
from ugsite.importers.broken_links import normal_address, served_addresses
from ugsite.importers.fields import Imported, document, plain
from ugsite.importers.report import Note

_BASE = "https://old.invalid"


def rebase_links(out: Imported, route_of: Callable[[str, Source], str], notes: list[Note]) -> None:
    """Point each relative link of a moved post or page at the address it led to on the old site."""
    served = served_addresses(out)
    for path in sorted(out.old_addresses):
        content = out.files.get(path)
        if not isinstance(content, str):
            continue
        parsed, _ = split_front_matter(content, path)
        if parsed is None:
            continue
        old, new = out.old_addresses[path], "/" + route_of(path, parsed)
        if posixpath.dirname(old) == posixpath.dirname(new):
            continue
        moved: list[str] = []

        def rebased(match: re.Match[str]) -> str:
            url = match.group(2)
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or url.startswith(("/", "#")) \
                    or re.search(r"[{}<>\\]", url) or parts.path.lower().endswith((".md", ".markdown")):
                return match.group()
            before = urljoin(_BASE + old, url).removeprefix(_BASE)
            after = urljoin(_BASE + new, url).removeprefix(_BASE)
            if before == after or normal_address(before) not in served or normal_address(after) in served:
                return match.group()
            moved.append(url)
            return f"{match.group(1)}{before}{match.group(3)}"

        body = HTML_LINK.sub(rebased, MARKDOWN_LINK.sub(rebased, parsed.body))
        if moved:
            out.files[path] = document(plain(parsed.meta), body)
            origin = out.origins.get(path, path)
            notes.append(Note(origin, f"{len(moved)} relative link{'s' if len(moved) > 1 else ''} "
                              f"({', '.join(sorted(set(moved))[:3])}) led from {old}, which is {new} now: each "
                              "points from the site's root where it led"))
