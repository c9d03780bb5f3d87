"""The ids other generators gave headings, so that links to a heading of the old site still arrive.

A heading whose old id differs from the one ugsite gives it (`## Über uns`: kramdown's `ber-uns`,
ugsite's `uber-uns`) is listed in the page's `anchors:`, and ugsite puts the old id in the heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

from ugsite.importers.report import Note
from ugsite.content.slugs import slugify

_PARSER = MarkdownIt("commonmark")


def kramdown_id(text: str) -> str:
    """Return the id kramdown (Jekyll's Markdown) gives a heading: ASCII letters, digits and dashes."""
    value = re.sub(r"^[^a-zA-Z]+", "", text)
    value = re.sub(r"[^a-zA-Z0-9 -]", "", value).replace(" ", "-").lower()
    return value or "section"


def github_id(text: str) -> str:
    """Return the id Goldmark (Hugo's Markdown, its default `github` style) gives a heading."""
    value = "".join(c for c in text.lower() if c in " -_" or unicodedata.category(c)[0] in "LN")
    return value.replace(" ", "-")


RULES: dict[str, Callable[[str], str]] = {"kramdown": kramdown_id, "github": github_id}


def old_anchors(body: str, rule: str, titled: bool = True) -> dict[str, str]:
    """Return {old id: ugsite's id} for each heading of a Markdown body whose ids differ (first of each only).

    Without `titled` (no title in the front matter), a leading `# Heading` is the page's title, which ugsite
    takes out of the body: it is no heading to put an old id in.
    """
    anchors: dict[str, str] = {}
    seen_old: set[str] = set()
    seen_new: set[str] = set()
    tokens = _PARSER.parse(body)
    for index, (opening, inline) in enumerate(zip(tokens, tokens[1:])):
        if opening.type != "heading_open" or inline.type != "inline":
            continue
        if index == 0 and opening.tag == "h1" and not titled:
            continue
        text = "".join(t.content for t in inline.children or [] if t.type in ("text", "code_inline"))
        old, new = RULES[rule](text), slugify(text)
        if old and new and old != new and old not in seen_old and new not in seen_new:
            anchors[old] = new
        seen_old.add(old)
        seen_new.add(new)
    return anchors


def keep_heading_ids(body: str, path: str, rule: str, front: dict[str, Any], notes: list[Note]) -> None:
    """Add `anchors:` to a Markdown document whose headings had other ids on the old site."""
    if path.lower().endswith((".html", ".htm")):
        return  # an HTML body keeps the ids it writes
    anchors = old_anchors(body, rule, titled="title" in front)
    if anchors:
        front["anchors"] = anchors
        notes.append(Note(path, f"{len(anchors)} heading{'s' if len(anchors) > 1 else ''} had another id on the old "
                          f"site; links to it still arrive (anchors: {', '.join(anchors)})"))
