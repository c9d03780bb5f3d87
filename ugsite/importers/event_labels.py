"""Read when and where an event post says it is in its text: `| **Time** | ... |` table rows, `**Where:** ...` lines."""

from __future__ import annotations

import re

# The labels organizers write before an event's time and place, lower case, without `**` or a colon.
WHEN_LABELS = {"when", "time", "date", "date and time", "date & time", "date/time", "time and date", "datum", "zeit",
               "wann", "fecha", "hora", "quand", "data", "quando"}
WHERE_LABELS = {"where", "venue", "place", "location", "address", "ort", "wo", "lugar", "lieu", "luogo", "local"}
_ROW = re.compile(r"^\s*\|?\s*([^|\n]{1,40}?)\s*\|\s*([^|\n]+?)\s*\|?\s*$")
_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^*_:\n]{1,30}?)(?::(?:\*\*|__)|(?:\*\*|__):|:)\s*(.+?)\s*$")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_LINK = re.compile(r"\[([^\]]*)\]\(\s*(https?://[^)\s]+)[^)]*\)|<(https?://[^>\s]+)>|(https?://\S+)")


def stated_facts(body: str) -> dict[str, str]:
    """Return the `when` and `where` a post's Markdown states with a label, each as written (the first of each)."""
    found: dict[str, str] = {}
    for line in _FENCE.sub("", body).splitlines():
        match = _ROW.match(line) if line.count("|") >= 2 else _LINE.match(line)
        if match is None:
            continue
        label = re.sub(r"[*_:`]", "", match.group(1)).strip().lower()
        value = match.group(2).strip().strip("*_").strip()
        if not value or re.fullmatch(r"[-:\s]+", value):
            continue
        role = "when" if label in WHEN_LABELS else "where" if label in WHERE_LABELS else None
        if role and role not in found:
            found[role] = value
    return found


def place_and_link(where: str) -> tuple[str, str | None]:
    """Split a stated place into its words and the first web address in it (`Online - Zoom [join](https://…)`)."""
    link = None

    def drop(match: re.Match[str]) -> str:
        nonlocal link
        link = link or match.group(2) or match.group(3) or match.group(4)
        return match.group(1) or ""

    text = _LINK.sub(drop, where)
    text = re.sub(r"<[^>]+>", " ", text)  # <br> and the like in a table cell
    return " ".join(text.split()).strip(" -–—,:"), link
