"""Report what is wrong with a site as values: a Problem names the file, the line and a fix."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


class SourceChanged(RuntimeError):
    """A file of the site changed while a build that had read it ran: the build stops, writing nothing.

    Its text is `path: what happened`.
    """


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's site, printed the way compilers print."""

    path: str
    message: str
    line: int | None = None
    hint: str | None = None
    level: Level = "error"

    def location(self) -> str:
        """Return `path:line` (or just `path` when the line is unknown), safe to print."""
        path = shown(self.path)
        return f"{path}:{self.line}" if self.line else path

    def format(self) -> str:
        """Return the problem as `path:line: level: message`, with the hint on its own line.

        Text from the site (file names, values) is shown with its control and invisible
        characters escaped, so no file can move the cursor, recolour or rewrite a terminal
        or a CI log, or fake a line of its own: only the hint's own lines break, indented.
        """
        text = f"{self.location()}: {self.level}: {shown(self.message)}"
        if self.hint:
            lines = [shown(line) for line in self.hint.split("\n")]
            text += "\n  hint: " + "\n".join([lines[0], *(f"  {line}" if line[:1] != " " else line for line in lines[1:])])
        return text


def shown(text: str) -> str:
    """Return `text` with control, format (zero-width, bidirectional) and line-separator characters escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") and char.isspace():
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def error(path: str, message: str, line: int | None = None, hint: str | None = None) -> Problem:
    """Return an error-level Problem."""
    return Problem(path, message, line, hint, "error")


def warning(path: str, message: str, line: int | None = None, hint: str | None = None) -> Problem:
    """Return a warning-level Problem."""
    return Problem(path, message, line, hint, "warning")


def has_errors(problems: Iterable[Problem]) -> bool:
    """Say whether any problem is an error."""
    return any(p.level == "error" for p in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order problems by file and line, so the report reads like the source tree."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
