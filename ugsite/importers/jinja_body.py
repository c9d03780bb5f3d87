"""Turn Jinja in content bodies into what it rendered to, where that is knowable; report the rest."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ugsite.importers.report import Note, NotedText

_COMMENT = re.compile(r"\{#.*?#\}\n?", re.S)
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_STATEMENT = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.S)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_STRING = re.compile(r"\"([^\"\\]*)\"|'([^'\\]*)'")
_CALL = re.compile(r"(\w+)\(\s*(['\"])([^'\"]*)\2\s*\)")


@dataclass
class Jinja(NotedText):
    """What Jinja in one file can be resolved against: functions of one literal argument."""

    file: str
    first_line: int
    functions: Mapping[str, Callable[[str], str | None]]
    engine: str  # how the report names what ran the Jinja: "the jinja2content plugin", "mynt"
    notes: list[Note] = field(default_factory=list)


def convert_jinja(text: str, jinja: Jinja) -> str:
    """Return `text` with the Jinja that can be worked out worked out; notes go to `jinja.notes`."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return f"\x00{len(kept) - 1}\x00"

    text = _RAW.sub(keep, text)  # shown as it is written, as Jinja shows it
    before = text
    text = _COMMENT.sub(lambda m: _comment(m, before, jinja), text)
    before = text
    text = _EXPRESSION.sub(lambda m: _expression(m, before, jinja), text)
    for match in _STATEMENT.finditer(text):
        jinja.note(text, match.start(), f"Jinja {match.group()[:60]} (run by {jinja.engine}) has no equivalent; "
                   "left as it is", "needs a person")
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _comment(match: re.Match[str], text: str, jinja: Jinja) -> str:
    jinja.note(text, match.start(), "a Jinja comment was left out")
    return ""


def _expression(match: re.Match[str], text: str, jinja: Jinja) -> str:
    literal = _STRING.fullmatch(match.group(1))
    if literal:  # {{ "{% for ... %}" }}: a page that shows Jinja writes it so
        value = literal.group(1) if literal.group(1) is not None else literal.group(2)
        jinja.note(text, match.start(), f"Jinja {match.group()[:60]} became the text it prints")
        return value
    call = _CALL.fullmatch(match.group(1))
    function = jinja.functions.get(call.group(1)) if call else None
    value = function(call.group(3)) if function and call else None
    if value is None:
        jinja.note(text, match.start(), f"Jinja {match.group()[:60]} (run by {jinja.engine}) cannot be worked out; "
                   "left as it is", "needs a person")
        return match.group()
    jinja.note(text, match.start(), f"Jinja {match.group()[:60]} became {value}")
    return value
