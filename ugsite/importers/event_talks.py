"""Turn the talks that event data files list (mappings of whatever names, or Markdown) into ugsite's talks."""

from __future__ import annotations

import re
from typing import Any

_TITLE = ("title", "name", "talk", "topic")
_SPEAKERS = ("speakers", "speaker", "presenters", "presenter", "author", "by")
_DESCRIPTION = ("description", "abstract", "summary", "synopsis", "details")
_SLIDES = ("slides", "deck", "file", "pdf")
_VIDEO = ("video", "recording", "youtube", "vimeo")
SPEAKER_NAMES = frozenset(_SPEAKERS)
TALK_NAMES = frozenset(_TITLE + _SPEAKERS + _DESCRIPTION + _SLIDES + _VIDEO)  # what a talk's mapping may say


def talk_list(value: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Return ugsite talks for a source's `talks`, and what of them could not be kept (for the report)."""
    talks: list[dict[str, Any]] = []
    lost: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        talk = _from_text(item) if isinstance(item, str) else _from_mapping(item, lost) if isinstance(item, dict) \
            else None
        if talk is None:
            lost.append(f"a talk without a title ({str(item)[:40]!r})")
        else:
            talks.append(talk)
    return talks, lost


def _from_text(text: str) -> dict[str, Any] | None:
    """Read a talk written as Markdown: its first line (a heading, often) is the title, the rest its description."""
    lines = text.strip().split("\n")
    title = re.sub(r"^#+\s*", "", lines[0]).strip()
    if not title:
        return None
    rest = "\n".join(lines[1:]).strip()
    return {"title": title, **({"description": rest} if rest else {})}


def _from_mapping(item: dict[str, Any], lost: list[str]) -> dict[str, Any] | None:
    found = {key: _first(item, names) for key, names in (("title", _TITLE), ("speakers", _SPEAKERS),
                                                          ("description", _DESCRIPTION), ("slides", _SLIDES),
                                                          ("video", _VIDEO))}
    if not isinstance(found["title"], str) or not found["title"].strip():
        return None
    talk: dict[str, Any] = {"title": " ".join(found["title"].split())}
    people = found["speakers"]
    names = [people] if isinstance(people, str) else people if isinstance(people, list) else []
    speakers = [n.strip() for name in names if isinstance(name, str)
                for n in re.split(r"\s*(?:,|;| & | and )\s*", name) if n.strip()]
    if speakers:
        talk["speakers"] = [{"name": name} for name in speakers]
    if isinstance(found["description"], str) and found["description"].strip():
        talk["description"] = found["description"].strip()
    for key in ("slides", "video"):
        link = found[key]
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            talk[key] = link
        elif isinstance(link, str) and link.strip():
            lost.append(f"the {key} of '{talk['title']}' ({link}) is not a full web address")
    known = {n for names in (_TITLE, _SPEAKERS, _DESCRIPTION, _SLIDES, _VIDEO) for n in names}
    lost += [f"'{k}' of the talk '{talk['title']}'" for k in item if str(k).lower() not in known]
    return talk


def _first(item: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in item.items()}
    return next((lowered[n] for n in names if lowered.get(n) not in (None, "", [])), None)
