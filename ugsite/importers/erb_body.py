"""Turn the ERB in Middleman pages into what it rendered to, where that is knowable; report the rest."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ugsite.importers.report import Note, NotedText

_STRING = r"""(?:"((?:[^"\\#]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
_COMMENT = re.compile(r"<%#.*?%>\n?", re.S)
_TAG = re.compile(r"<%(=|-)?(.*?)-?%>", re.S)
_LINK_TO = re.compile(rf"^link_to\s*\(?\s*{_STRING}\s*,\s*{_STRING}\s*(?P<rest>,.*?)?\)?$", re.S)
_IMAGE_TAG = re.compile(rf"^image_tag\s*\(?\s*{_STRING}\s*(?P<rest>,.*?)?\)?$", re.S)
_ALT = re.compile(rf"(?:\balt:|:alt\s*=>)\s*{_STRING}")
_DATA = re.compile(r"^current_(?:page|article)\.data(?:\.(\w+)|\[\s*[:'\"](\w+)['\"]?\s*\])$")
_PARTIAL = re.compile(rf"^partial\s*\(?\s*{_STRING}")


@dataclass
class Erb(NotedText):
    """What the ERB of one file can be resolved against."""

    file: str
    first_line: int
    markdown: bool  # write Markdown links and images (else HTML)
    data: Mapping[str, Any]  # the page's front matter
    link: Callable[[str], str]  # an address of the old site -> its address (or file) in the new one
    images_dir: str
    notes: list[Note] = field(default_factory=list)


def convert_erb(text: str, erb: Erb) -> str:
    """Return `text` with the ERB that can be worked out worked out; notes go to `erb.notes`."""
    before = text
    text = _COMMENT.sub(lambda m: _comment(m, before, erb), text)
    before = text
    return _TAG.sub(lambda m: _tag(m, before, erb), text)


def _comment(match: re.Match[str], text: str, erb: Erb) -> str:
    erb.note(text, match.start(), "an ERB comment was left out")
    return ""


def _tag(match: re.Match[str], text: str, erb: Erb) -> str:
    code = match.group(2).strip()
    value = _value(code, erb) if match.group(1) == "=" else None
    if value is None and (partial := _PARTIAL.match(code)) is not None:
        name = partial.group(1) or partial.group(2)
        erb.note(text, match.start(), f"the partial {name!r} inserted a part of the old theme; it is left as a "
                 "comment: write what it showed, or remove it", "needs a person")
        return f"<!-- imported from Middleman, not converted: partial {name} -->"
    if value is None:
        erb.note(text, match.start(), f"ERB {match.group()[:60]} is Ruby the import does not run; left as it is",
                 "needs a person")
        return match.group()
    erb.note(text, match.start(), f"ERB {match.group()[:60]} became {value[:60]}")
    return value


def _value(code: str, erb: Erb) -> str | None:
    """Work out link_to, image_tag and current_page.data with literal arguments; None for anything else."""
    if (link := _LINK_TO.match(code)) is not None:
        label, url = _text(link, 1), erb.link(_text(link, 3))
        return f"[{label}]({url})" if erb.markdown else f'<a href="{html.escape(url)}">{html.escape(label)}</a>'
    if (image := _IMAGE_TAG.match(code)) is not None:
        src = _text(image, 1)
        if not re.match(r"[a-z][\w+.-]*:|/", src):
            src = f"/{erb.images_dir.strip('/')}/{src}"
        alt_found = _ALT.search(image.group("rest") or "")
        alt = _text(alt_found, 1) if alt_found else ""
        return f"![{alt}]({src})" if erb.markdown else f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'
    if (data := _DATA.match(code)) is not None:
        found = erb.data.get(data.group(1) or data.group(2))
        return str(found) if isinstance(found, (str, int, float)) and not isinstance(found, bool) else None
    return None


def _text(match: re.Match[str], group: int) -> str:
    """Return the string of a double- or single-quoted literal matched at `group` (and the group after it)."""
    value = match.group(group) if match.group(group) is not None else match.group(group + 1)
    return re.sub(r"\\(.)", r"\1", value or "")
