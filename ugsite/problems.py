"""Report what is wrong with a site as values: a Problem names the file, the line and a fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's site, printed the way compilers print."""

    path: str
    message: str
    line: int | None = None
    hint: str | None = None
    level: Level = "error"

    def location(self) -> str:
        """Return `path:line` (or just `path` when the line is unknown)."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        """Return the problem as `path:line: level: message`, with the hint on its own line."""
        text = f"{self.location()}: {self.level}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


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
