"""Read the literal settings of a Python settings file (Pelican's) without running it."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PythonSettings:
    """The names a settings file assigns literal values to, and those it computes."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    computed: dict[str, int] = field(default_factory=dict)  # name -> line: a value only running the file gives
    error: tuple[str, int | None] | None = None  # the file is not Python: what is wrong, and where


def read_python_settings(text: str) -> PythonSettings:
    """Return the upper-case names `text` assigns, with their values where they are literals."""
    settings = PythonSettings()
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        settings.error = (exc.msg, exc.lineno)
        return settings
    for statement in tree.body:
        for name, value in _assignments(statement):
            _take(settings, name, value, statement.lineno)
    return settings


def _assignments(statement: ast.stmt) -> list[tuple[str, ast.expr | None]]:
    """Return the upper-case names a top-level statement assigns, with the expressions they get."""
    if isinstance(statement, ast.Assign):
        found: list[tuple[str, ast.expr | None]] = []
        for target in statement.targets:
            if isinstance(target, ast.Name):
                found.append((target.id, statement.value))
            elif isinstance(target, ast.Tuple):  # A, B = 1, 2
                values = statement.value.elts if isinstance(statement.value, ast.Tuple) else []
                found += [(t.id, values[i] if i < len(values) else None) for i, t in enumerate(target.elts)
                          if isinstance(t, ast.Name)]
        return [(name, value) for name, value in found if name.isupper()]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id.isupper():
        return [(statement.target.id, statement.value)]
    if isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name) and statement.target.id.isupper():
        return [(statement.target.id, None)]  # PLUGINS += [...]: depends on what came before
    return []


def _take(settings: PythonSettings, name: str, value: ast.expr | None, line: int) -> None:
    """Record `name` as a literal value, or as computed when only running the file would tell."""
    settings.lines[name] = line
    try:
        literal = ast.literal_eval(value) if value is not None else None
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        settings.values.pop(name, None)
        settings.computed[name] = line
        return
    if value is None:
        settings.values.pop(name, None)
        settings.computed[name] = line
        return
    settings.computed.pop(name, None)
    settings.values[name] = literal
