"""Turn Hugo shortcodes into the Markdown or links they stood for, where that is knowable; report the rest."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ugsite.importers.report import Note

_PAIRED_HIGHLIGHT = re.compile(r"\{\{[<%]\s*highlight\s+([\w+#.-]+)[^>%]*[>%]\}\}\n?(.*?)\n?\{\{[<%]\s*/highlight\s*[>%]\}\}",
                               re.S)
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)([\w.-]+)(.*?)\s*[>%]\}\}", re.S)
_COMMENTED = re.compile(r"\{\{[<%]/\*.*?\*/[>%]\}\}", re.S)  # {{</* x */>}}: shows the shortcode itself


@dataclass
class Shortcodes:
    """What shortcodes in one file can be resolved against."""

    file: str
    first_line: int
    params: Mapping[str, Any]
    ref_file: Callable[[str], str | None]  # a ref/relref target -> the new file's path, relative to this one
    notes: list[Note] = field(default_factory=list)

    def note(self, text: str, at: int, what: str, kind: str = "converted") -> None:
        self.notes.append(Note(self.file, what, kind, self.first_line + text.count("\n", 0, at)))  # type: ignore[arg-type]


def convert_shortcodes(text: str, codes: Shortcodes) -> str:
    """Return `text` with the shortcodes that can be resolved resolved; notes go to `codes.notes`."""
    shown: list[str] = []

    def keep(match: re.Match[str]) -> str:
        shown.append(match.group().replace("/*", "", 1).replace("*/", "", 1))
        return f"\x00{len(shown) - 1}\x00"

    text = _COMMENTED.sub(keep, text)
    before = text
    text = _PAIRED_HIGHLIGHT.sub(lambda m: _highlight(m, before, codes), text)
    before = text
    text = _SHORTCODE.sub(lambda m: _one(m, before, codes), text)
    return re.sub("\x00(\\d+)\x00", lambda m: shown[int(m.group(1))], text)


def _highlight(match: re.Match[str], text: str, codes: Shortcodes) -> str:
    codes.note(text, match.start(), f"the highlight shortcode ({match.group(1)}) became a fenced code block")
    return f"```{match.group(1)}\n{match.group(2)}\n```"


def _arguments(raw: str) -> tuple[list[str], dict[str, str]]:
    try:
        parts = shlex.split(raw.strip())
    except ValueError:
        parts = raw.split()
    positional = [p for p in parts if "=" not in p]
    named = dict(p.split("=", 1) for p in parts if "=" in p)
    return positional, named


def _one(match: re.Match[str], text: str, codes: Shortcodes) -> str:
    name, raw = match.group(3), match.group(4)
    positional, named = _arguments(raw)
    first = named.get("id") or (positional[0] if positional else "")
    replacement: str | None = None
    if match.group(2):
        replacement = None
    elif name == "figure":
        src, alt = named.get("src", ""), named.get("alt") or named.get("title") or named.get("caption") or ""
        caption = named.get("caption") or named.get("title")
        if src:
            replacement = f"![{alt}]({src}" + (f' "{caption}"' if caption else "") + ")"
    elif name == "youtube" and first:
        replacement = f"[Watch the video on YouTube](https://www.youtube.com/watch?v={first})"
    elif name == "vimeo" and first:
        replacement = f"[Watch the video on Vimeo](https://vimeo.com/{first})"
    elif name == "gist" and len(positional) >= 2:
        replacement = f"[See the code on GitHub](https://gist.github.com/{positional[0]}/{positional[1]})"
    elif name in ("tweet", "x"):
        user, post = named.get("user"), named.get("id") or (positional[0] if positional else "")
        if post:
            replacement = (f"[See the post](https://x.com/{user}/status/{post})" if user
                           else f"[See the post](https://x.com/i/status/{post})")
    elif name in ("ref", "relref") and first:
        replacement = codes.ref_file(first)
    elif name == "param" and first:
        value = codes.params.get(first)
        replacement = str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    if replacement is None:
        codes.note(text, match.start(), f"the shortcode {match.group()[:60]} has no equivalent; left as it is",
                   "needs a person")
        return match.group()
    codes.note(text, match.start(), f"the shortcode {name} became {replacement[:60]}")
    return replacement
