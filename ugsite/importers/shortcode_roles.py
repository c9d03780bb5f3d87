"""Tell what a Hugo site's own shortcode does when its template is more than go_shortcodes translates.

Three kinds are common on group sites, and each has a plain equivalent:
- `data`: it only stores its arguments for other templates (`.Page.Scratch.Set`, `.Page.Store.Set`) and shows
  nothing; its arguments are fields of the page, its inner text is text of the page.
- `page`: it takes no arguments (its inner text at most) and shows the page's own fields (`.Page.Params.x`, `.Page.Date`, the stored
  data), as ugsite's event page shows an event's time and place.
- `list`: it lists the site's pages (`.Site.RegularPages`, `where site.Pages ...`), as ugsite's own lists do.
"""

from __future__ import annotations

import re
from pathlib import Path

from ugsite.content.frontmatter import decode_text

_FOLDER = "layouts/shortcodes"
_ACTION = re.compile(r"\{\{-?.*?-?\}\}", re.S)
_STORES = re.compile(r"\.Page\.(?:Scratch|Store)\.(?:Set|Add|SetInMap)\b")
_ARGUMENTS = re.compile(r"(?<!Scratch)(?<!Store)\.Get\b|\.Inner\b")
_NAMED = re.compile(r"(?<!Scratch)(?<!Store)\.Get\b")
_PAGE_FIELDS = re.compile(r"\.Page\.(?:Params\.\w+|Date|PublishDate|Title|Scratch\.Get|Store\.Get)\b")
_MORE_THAN_FIELDS = re.compile(r"\.(?:Resources|Content|Summary|Plain|RawContent|Site|Sites)\b|\bsite\.")
_SITE_PAGES = re.compile(r"\b(?:\.Site|site)\.(?:RegularPages|Pages|AllPages|Sections)\b|\.GetPage\b")
_INVISIBLE = re.compile(r"<!--.*?-->|<(style|script)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
_LABEL_WORDS = 15  # a template whose own words are more than labels says something of its own


def shortcode_role(template: str) -> str | None:
    """Return `data`, `page` or `list` for a shortcode template that does one of those, else None."""
    shown = _INVISIBLE.sub("", _ACTION.sub("", template))
    actions = " ".join(_ACTION.findall(template))
    arguments = bool(_ARGUMENTS.search(actions))
    if _STORES.search(actions) and not shown.strip() and arguments:
        return "data"
    if _SITE_PAGES.search(actions):
        return "list"
    if not _NAMED.search(actions) and _PAGE_FIELDS.search(actions) and not _STORES.search(actions) \
            and not _MORE_THAN_FIELDS.search(actions) and len(shown.split()) <= _LABEL_WORDS:
        return "page"
    return None


def site_shortcode_roles(source: Path) -> dict[str, str]:
    """Return the role of each shortcode under `source`'s layouts/shortcodes/ that has one."""
    roles: dict[str, str] = {}
    folder = source / _FOLDER
    for file in sorted(folder.glob("*.html")) if folder.is_dir() else []:
        text, _ = decode_text(file.read_bytes(), file.name)
        role = shortcode_role(text) if text is not None else None
        if role:
            roles[file.stem] = role
    return roles
