"""Render a Zola site's own shortcodes (`templates/shortcodes/NAME.html`, Tera) with Jinja, where Jinja reads them.

Tera's syntax is Jinja's for what shortcodes mostly do (print an argument or a setting, `if`, `for`, `set`), so the
HTML a shortcode made is what its template gives under Jinja, with the shortcode's arguments, its `body` and the
site's `config`. A template that uses anything else (Tera's own filters and functions, `load_data`, `get_url`, a
value nobody gave) gives None, and the shortcode stays for a person, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment

from ugsite.content.frontmatter import decode_text

Render = Callable[[str, Mapping[str, Any], "str | None"], "str | None"]
_FOLDER = "templates/shortcodes"
# Where whitespace is content, a shortcode's lines are kept as they are.
_PREFORMATTED = re.compile(r"<(pre|textarea|code)\b", re.I)


class _TeraUndefined(Undefined):
    """An unknown value: false in `if` (as Tera has it), an error wherever it would be printed."""

    def __str__(self) -> str:
        self._fail_with_undefined_error()


def _default(given: Any, value: Any = None) -> Any:
    """Tera's `default(value=x)`: `x` when the value is unknown."""
    return value if isinstance(given, Undefined) else given


def site_shortcodes(source: Path, config: Mapping[str, Any]) -> Render | None:
    """Return a renderer of the shortcodes `source` defines itself, or None when it defines none."""
    folder = source / _FOLDER
    templates: dict[str, str] = {}
    if folder.is_dir():
        for file in sorted(folder.glob("*.html")):
            text, _ = decode_text(file.read_bytes(), file.name)
            if text is not None:
                templates[file.stem] = text
    if not templates:
        return None
    environment = SandboxedEnvironment(undefined=_TeraUndefined, autoescape=True, keep_trailing_newline=False)
    environment.filters["default"] = _default

    def render(name: str, arguments: Mapping[str, Any], body: str | None) -> str | None:
        if name not in templates:
            return None
        values = {**arguments, "config": config, "nth": 1, **({"body": body} if body is not None else {})}
        try:
            html = environment.from_string(templates[name]).render(values).strip()
        except (TemplateError, TypeError, ValueError, AttributeError, KeyError):
            return None
        if not html or _PREFORMATTED.search(html):
            return html or None
        return re.sub(r"\s*\n\s*", " ", html)  # one line: it stands in a paragraph as the call did

    return render
