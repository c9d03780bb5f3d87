"""Render a Hugo site's own simple shortcodes (`layouts/shortcodes/NAME.html`, Go templates) through Jinja.

Many a site's shortcode only wraps its inner text in some HTML, or prints an argument or a setting. Such a
template is translated to Jinja action by action: `.Inner`, `.Get "x"` (or `.Get 0`), `.Page.Title`,
`.Page.Params.x`, `.Site.Params.x`, `if`, `with`, `else`, `end`, comments, and the functions `markdownify`,
`safeHTML`, `upper`, `lower` and `htmlEscape`. A template with anything else (variables, `range`, `Scratch`,
`dict`, `printf`, ...) is not translated: its shortcode stays, for a person, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt
from markupsafe import Markup

from ugsite.content.frontmatter import decode_text

Render = Callable[[str, Mapping[str, Any], "str | None"], "str | None"]
OwnShortcodes = Callable[[Mapping[str, Any]], Render]  # a page's front matter -> its renderer
_FOLDER = "layouts/shortcodes"
_ACTION = re.compile(r"\{\{(-?)\s*(.*?)\s*(-?)\}\}", re.S)
_FUNCTIONS = {"markdownify": "markdownify", "safeHTML": "safe", "upper": "upper", "lower": "lower",
              "htmlEscape": "e"}
_TERM = re.compile(r'\.Get\s+("(?:[^"\\]|\\.)*"|\d+)|(\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?)|("(?:[^"\\]|\\.)*")$')
_PREFORMATTED = re.compile(r"<(pre|textarea|code)\b", re.I)
_MARKDOWN = MarkdownIt("commonmark", {"html": True})


class Unsupported(ValueError):
    """A template uses what the translation does not know."""


def translate(template: str) -> str:
    """Return the Jinja of a Go shortcode template; raise Unsupported for anything beyond the known actions."""
    out: list[str] = []
    blocks: list[tuple[str, str | None]] = []  # ("if"|"with", the dot inside it)
    position = 0
    for match in _ACTION.finditer(template):
        out.append(_text(template[position:match.start()]))
        position = match.end()
        left, action, right = match.group(1), match.group(2), match.group(3)
        dot = next((d for _, d in reversed(blocks) if d), "ctx")
        if action.startswith("/*") and action.endswith("*/"):
            out.append(f"{{#{left} {right}#}}")
            continue
        words = action.split(None, 1)
        keyword, rest = words[0], words[1] if len(words) > 1 else ""
        if keyword == "if":
            blocks.append(("if", None))
            out.append(f"{{%{left} if {_pipeline(rest, dot)} {right}%}}")
        elif keyword == "with":
            name = f"_with{len(blocks)}"
            out.append(f"{{%{left} with {name} = {_pipeline(rest, dot)} %}}{{% if {name} {right}%}}")
            blocks.append(("with", name))
        elif keyword == "else" and blocks:
            kind, inner = blocks[-1]
            if rest.startswith("if ") and kind == "if":
                out.append(f"{{%{left} elif {_pipeline(rest[3:], dot)} {right}%}}")
            elif not rest:
                blocks[-1] = (kind, None)  # the dot is the outer one again
                out.append(f"{{%{left} else {right}%}}")
            else:
                raise Unsupported(action)
        elif keyword == "end" and not rest and blocks:
            kind, _ = blocks.pop()
            out.append(f"{{%{left} endif %}}{{% endwith {right}%}}" if kind == "with" else f"{{%{left} endif {right}%}}")
        else:
            out.append(f"{{{{{left} {_pipeline(action, dot)} {right}}}}}")
    if blocks:
        raise Unsupported("an unclosed block")
    out.append(_text(template[position:]))
    return "".join(out)


def _text(text: str) -> str:
    """Return a template's plain text as Jinja prints it as it is (CSS braces and all)."""
    return f"{{% raw %}}{text}{{% endraw %}}" if "{" in text or "}" in text else text


def _pipeline(text: str, dot: str) -> str:
    """Translate `term | fn | fn` or `fn term` into a Jinja expression."""
    stages = [s.strip() for s in text.split("|")]
    first = stages[0].split(None, 1)
    if first and first[0] in _FUNCTIONS and len(first) == 2:  # markdownify .Inner
        stages = [first[1], first[0], *stages[1:]]
    expression = _term(stages[0], dot)
    for stage in stages[1:]:
        if stage not in _FUNCTIONS:
            raise Unsupported(stage)
        expression = f"({expression})|{_FUNCTIONS[stage]}"
    return expression


def _term(text: str, dot: str) -> str:
    match = _TERM.fullmatch(text)
    if match is None:
        raise Unsupported(text)
    if match.group(1):
        return f"ctx.Get({match.group(1)})" if dot == "ctx" else _fail(text)
    if match.group(3):
        return match.group(3)
    path = match.group(2)
    if path == ".":
        return dot
    fields = path[1:].split(".")
    if dot == "ctx" and fields[0] not in ("Inner", "Page", "Site"):
        raise Unsupported(text)
    return dot + "".join(f"[{field.lower()!r}]" if i and fields[i - 1] == "Params" else f".{field}"
                         for i, field in enumerate(fields))


def _fail(text: str) -> str:
    raise Unsupported(text)


def _markdownify(value: Any) -> Markup:
    """Hugo's markdownify: the Markdown's HTML, without the <p> around a single paragraph."""
    html = _MARKDOWN.render(str(value)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


class _Call:
    """What `.` is in a shortcode: its inner text, its arguments, the page and the site."""

    def __init__(self, arguments: Mapping[str, Any], inner: str | None, page: Mapping[str, Any],
                 site: Mapping[str, Any]) -> None:
        self.Inner = Markup(inner or "")
        self.Page = page
        self.Site = site
        self._arguments = arguments

    def Get(self, key: str | int) -> Any:
        return self._arguments.get(str(key), "")


def site_shortcodes(source: Path, config: Mapping[str, Any]) -> OwnShortcodes | None:
    """Return, per page (its front matter), a renderer of the shortcodes `source` defines that translate."""
    folder = source / _FOLDER
    templates: dict[str, str] = {}
    if folder.is_dir():
        for file in sorted(folder.glob("*.html")):
            text, _ = decode_text(file.read_bytes(), file.name)
            if text is None:
                continue
            try:
                templates[file.stem] = translate(text)
            except Unsupported:
                continue
    if not templates:
        return None
    environment = SandboxedEnvironment(autoescape=True)
    environment.filters["markdownify"] = _markdownify
    params = config.get("params") if isinstance(config.get("params"), dict) else {}
    site = {"Params": {str(k).lower(): v for k, v in (params or {}).items()}, "Title": config.get("title", "")}

    def for_page(meta: Mapping[str, Any]) -> Render:
        page = {"Title": meta.get("title", ""), "Params": {str(k).lower(): v for k, v in meta.items()}}

        def render(name: str, arguments: Mapping[str, Any], inner: str | None) -> str | None:
            if name not in templates or inner is None and "ctx.Inner" in templates[name]:
                return None  # a shortcode with inner text is only ever written with its closing tag
            try:
                html = environment.from_string(templates[name]).render(ctx=_Call(arguments, inner, page, site))
            except (TemplateError, TypeError, ValueError, AttributeError, KeyError):
                return None
            html = html.strip()
            if not html or _PREFORMATTED.search(html):
                return html or None
            return re.sub(r"\s*\n\s*", " ", html)

        return render

    return for_page

