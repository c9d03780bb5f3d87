"""Turn Hugo's and Zola's shortcodes into the Markdown or links they stood for, where that is knowable; report the rest."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ugsite.importers.report import Note, NotedText

# Hugo: {{< name args >}} and {{% name args %}}; {{</* x */>}} shows the shortcode itself.
_PAIRED_HIGHLIGHT = re.compile(r"\{\{[<%]\s*highlight\s+([\w+#.-]+)[^>%]*[>%]\}\}\n?(.*?)\n?\{\{[<%]\s*/highlight\s*[>%]\}\}",
                               re.S)
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)([\w.-]+)(.*?)\s*[>%]\}\}", re.S)
_COMMENTED = re.compile(r"\{\{[<%]/\*.*?\*/[>%]\}\}", re.S)
_PAIRED = re.compile(r"\{\{([<%])\s*([\w.-]+)((?:(?!\}\}).)*?)\s*(?<!/)[>%]\}\}(.*?)\{\{[<%]\s*/\2\s*[>%]\}\}",
                     re.S)  # not {{< name />}}, which closes itself
# Zola: {{ name(key="value", n=1) }} and {% name(...) %} body {% end %}; {{/* x */}} shows `{{ x }}`.
_ZOLA_CALL = r"([A-Za-z_]\w*)\(((?:\"(?:[^\"\\]|\\.)*\"|'[^']*'|`[^`]*`|[^()\"'`])*)\)"
_ZOLA_INLINE = re.compile(r"\{\{\s*" + _ZOLA_CALL + r"\s*\}\}")
_ZOLA_BODY = re.compile(r"\{%\s*" + _ZOLA_CALL + r"\s*%\}\n?(.*?)\n?\{%\s*end\s*%\}", re.S)
_ZOLA_ESCAPED = re.compile(r"\{([{%])/\*(.*?)\*/([}%])\}", re.S)
_ZOLA_ARGUMENT = re.compile(r"(\w+)\s*=\s*(\"(?:[^\"\\]|\\.)*\"|'[^']*'|`[^`]*`|\[[^\]]*\]|[^,\s)]+)")


@dataclass
class Shortcodes(NotedText):
    """What shortcodes in one file can be resolved against."""

    file: str
    first_line: int
    params: Mapping[str, Any]
    ref_file: Callable[[str], str | None]  # a ref/relref target -> the new file's path, relative to this one
    notes: list[Note] = field(default_factory=list)
    # The site's own shortcodes: (name, arguments, body or None) -> the HTML its template gives, or None.
    render: Callable[[str, Mapping[str, Any], str | None], str | None] | None = None
    # What the site's other shortcodes do (shortcode_roles: data, page, list), and what this page is.
    roles: Mapping[str, str] = field(default_factory=dict)
    event: bool = False  # its own fields are shown by ugsite's event page
    home: bool = False  # it is the home page, which lists coming events and recent posts itself
    fields: dict[str, str] = field(default_factory=dict)  # the arguments of its data shortcodes


def convert_shortcodes(text: str, codes: Shortcodes) -> str:
    """Return `text` with the Hugo shortcodes that can be resolved resolved; notes go to `codes.notes`."""
    text, held = _hold(text, _COMMENTED, lambda m: m.group().replace("/*", "", 1).replace("*/", "", 1))
    before = text
    text = _PAIRED_HIGHLIGHT.sub(lambda m: _highlight(m, before, codes), text)
    if codes.roles:
        before = text
        text = _role_calls(codes.roles).sub(
            lambda m: _or_same(_played(m.group("name"), m.group("raw"), m.group("inner"), m, before, codes), m), text)
    if codes.render is not None:
        before = text
        text = _PAIRED.sub(lambda m: _paired(m, before, codes), text)
    before = text
    text = _SHORTCODE.sub(lambda m: _one(m, before, codes), text)
    return _restore(text, held)


def data_fields(text: str, roles: Mapping[str, str]) -> dict[str, str]:
    """Return the named arguments of the data shortcodes in `text` (the first value of each name)."""
    found: dict[str, str] = {}
    for match in _SHORTCODE.finditer(text):
        if not match.group(2) and roles.get(match.group(3)) == "data":
            for key, value in _arguments(_unclosed(match.group(4)))[1].items():
                if value.strip():
                    found.setdefault(key, value.strip())
    return found


def _unclosed(raw: str) -> str:
    """Return a shortcode's arguments without the `/` of `{{< name a="b"/>}}`."""
    return raw.rstrip()[:-1] if raw.rstrip().endswith("/") else raw


def _role_calls(roles: Mapping[str, str]) -> re.Pattern[str]:
    """Return a pattern of the calls of the shortcodes in `roles`: `{{< x a="b" />}}`, or with inner text."""
    names = "|".join(re.escape(name) for name in sorted(roles, key=len, reverse=True))
    return re.compile(r"\{\{[<%]\s*(?P<name>" + names + r")(?![\w.-])(?P<raw>(?:(?!\}\}).)*?)\s*"
                      r"(?:/[>%]\}\}|(?<!/)[>%]\}\}(?:(?P<inner>.*?)\{\{[<%]\s*/(?P=name)\s*[>%]\}\})?)", re.S)


def _or_same(replacement: str | None, match: re.Match[str]) -> str:
    return match.group() if replacement is None else replacement


def _played(name: str, raw: str, inner: str | None, match: re.Match[str], text: str, codes: Shortcodes) -> str | None:
    """Return what a shortcode of a known role becomes (its inner text, or nothing); None when it stays."""
    role = codes.roles.get(name)
    if role == "data":
        named = {k: v.strip() for k, v in _arguments(_unclosed(raw))[1].items() if v.strip()}
        for key, value in named.items():
            codes.fields.setdefault(key, value)
        what = f"its arguments became fields under extra: {', '.join(named)}" if named else "it had no arguments"
        codes.note(text, match.start(), f"the shortcode {name} only stored data for the old theme; {what}"
                   + ("; its inner text stays as text" if inner and inner.strip() else ""))
    elif role == "page" and codes.event:
        codes.note(text, match.start(), f"the shortcode {name} showed the page's own fields (its date, time, place), "
                   "which came over as the event's and which ugsite's event page shows")
    elif role == "list" and codes.home:
        codes.note(text, match.start(), f"the shortcode {name} listed the site's pages, as ugsite's home page lists "
                   "the coming events and recent posts itself")
    else:
        return None
    return (inner or "").strip("\n")


def _paired(match: re.Match[str], text: str, codes: Shortcodes) -> str:
    """Render a shortcode of the site's own with its inner text, as its template does; else leave it."""
    assert codes.render is not None
    positional, named = _arguments(match.group(3))
    html = codes.render(match.group(2), {**named, **{str(i): v for i, v in enumerate(positional)}}, match.group(4))
    if html is None:
        return match.group()
    codes.note(text, match.start(), f"the shortcode {match.group(2)} (with its inner text) became what the site's "
               f"template of it gives: {html[:60]}")
    return html


def convert_zola_shortcodes(text: str, codes: Shortcodes) -> str:
    """Return `text` with the Zola shortcodes that can be resolved resolved; notes go to `codes.notes`."""
    text, held = _hold(text, _ZOLA_ESCAPED, lambda m: "{" + m.group(1) + m.group(2) + m.group(3) + "}")
    before = text
    text = _ZOLA_BODY.sub(lambda m: _zola_body(m, before, codes), text)
    before = text
    text = _ZOLA_INLINE.sub(lambda m: _zola_one(m, before, codes), text)
    return _restore(text, held)


def _hold(text: str, pattern: re.Pattern[str], show: Callable[[re.Match[str]], str]) -> tuple[str, list[str]]:
    """Set aside what `pattern` finds (shortcodes written to be shown, not run), as `show` makes it look."""
    held: list[str] = []

    def keep(match: re.Match[str]) -> str:
        held.append(show(match))
        return f"\x00{len(held) - 1}\x00"

    return pattern.sub(keep, text), held


def _restore(text: str, held: list[str]) -> str:
    return re.sub("\x00(\\d+)\x00", lambda m: held[int(m.group(1))], text)


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
    elif name in ("ref", "relref") and first:
        replacement = codes.ref_file(first)
    elif name == "param" and first:
        value = codes.params.get(first)
        replacement = str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    else:
        replacement = embed(name, named, positional)
    if replacement is None and not match.group(2) and codes.render is not None:
        closed = bool(positional) and positional[-1] == "/"  # {{< name />}}: no inner text, and none to come
        positional = positional[:-1] if closed else positional
        replacement = codes.render(name, {**named, **{str(i): v for i, v in enumerate(positional)}},
                                   "" if closed else None)
    return _replaced(match, text, codes, name, replacement)


def _zola_one(match: re.Match[str], text: str, codes: Shortcodes) -> str:
    named = {m.group(1): _unquoted(m.group(2)) for m in _ZOLA_ARGUMENT.finditer(match.group(2))}
    replacement = embed(match.group(1), named)
    if replacement is None and codes.render is not None:
        replacement = codes.render(match.group(1), _zola_values(match.group(2)), None)
    return _replaced(match, text, codes, match.group(1), replacement)


def _zola_body(match: re.Match[str], text: str, codes: Shortcodes) -> str:
    html = codes.render(match.group(1), _zola_values(match.group(2)), match.group(3)) if codes.render else None
    if html is not None:
        codes.note(text, match.start(), f"the shortcode {match.group(1)} (with a body) became what the site's "
                   f"template of it gives: {html[:60]}")
        return html
    codes.note(text, match.start(), f"the shortcode {{% {match.group(1)}({match.group(2)[:40]}) %}} (with a body up "
               "to {% end %}) has no equivalent; left as it is", "needs a person")
    return match.group()


def _zola_values(raw: str) -> dict[str, Any]:
    """Return a Zola shortcode's arguments as Tera reads them: strings, numbers and true or false."""
    values: dict[str, Any] = {}
    for found in _ZOLA_ARGUMENT.finditer(raw):
        value = found.group(2)
        if value[:1] in ('"', "'", "`"):
            values[found.group(1)] = _unquoted(value)
        elif value in ("true", "false"):
            values[found.group(1)] = value == "true"
        elif re.fullmatch(r"-?\d+", value):
            values[found.group(1)] = int(value)
        elif re.fullmatch(r"-?\d+\.\d+", value):
            values[found.group(1)] = float(value)
        else:
            values[found.group(1)] = value
    return values


def _unquoted(value: str) -> str:
    if value[:1] in ('"', "'", "`") and value[-1:] == value[:1]:
        return re.sub(r"\\(.)", r"\1", value[1:-1]) if value[0] == '"' else value[1:-1]
    return value


def _replaced(match: re.Match[str], text: str, codes: Shortcodes, name: str, replacement: str | None) -> str:
    if replacement is None:
        codes.note(text, match.start(), f"the shortcode {match.group()[:60]} has no equivalent; left as it is",
                   "needs a person")
        return match.group()
    codes.note(text, match.start(), f"the shortcode {name} became {replacement[:60]}")
    return replacement


def embed(name: str, named: Mapping[str, str], positional: Sequence[str] = ()) -> str | None:
    """Return the Markdown of a shortcode that embeds an image, a video, a gist or a post; None for any other."""
    first = named.get("id") or (positional[0] if positional else "")
    if name in ("figure", "image", "img"):
        return _figure(named)
    if name == "youtube" and first:
        return f"[Watch the video on YouTube](https://www.youtube.com/watch?v={first})"
    if name == "vimeo" and first:
        return f"[Watch the video on Vimeo](https://vimeo.com/{first})"
    if name == "streamable" and first:
        return f"[Watch the video on Streamable](https://streamable.com/{first})"
    if name == "gist" and named.get("url", "").startswith("https://"):
        return f"[See the code on GitHub]({named['url']})"
    if name == "gist" and len(positional) >= 2:
        return f"[See the code on GitHub](https://gist.github.com/{positional[0]}/{positional[1]})"
    if name in ("tweet", "x") and first:
        user = named.get("user")
        return f"[See the post](https://x.com/{user}/status/{first})" if user else \
            f"[See the post](https://x.com/i/status/{first})"
    return None


def _figure(named: Mapping[str, str]) -> str | None:
    """An image with its caption: `src` (Hugo, most Zola themes) or `path` (Zola themes that resize it)."""
    src = named.get("src") or named.get("path") or ""
    if not src:
        return None
    alt = named.get("alt") or named.get("title") or named.get("caption") or ""
    caption = (named.get("caption") or named.get("title") or "").replace('"', '\\"')
    return f"![{alt}]({src}" + (f' "{caption}"' if caption else "") + ")"
