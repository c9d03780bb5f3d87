"""Turn the Liquid in Jekyll pages into what it rendered to, where that is knowable; report the rest."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ugsite.importers.liquid_lists import drop_post_lists
from ugsite.importers.report import Note, NotedText

_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}\n?", re.S)
_HIGHLIGHT = re.compile(r"\{%-?\s*highlight\s+([\w+#.-]+)[^%]*%\}\n?(.*?)\n?\{%-?\s*endhighlight\s*-?%\}", re.S)
_POST_URL = re.compile(r"\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}")
_LINK = re.compile(r"\{%-?\s*link\s+([^\s%]+)\s*-?%\}")
_INCLUDE = re.compile(r"\{%-?\s*include(?:_relative)?\s+([^\s%]+)[^%]*-?%\}\n?")
_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_IAL = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*\n|[ \t]*\{:[^}\n]*\}", re.M)
_TAG = re.compile(r"\{%-?.*?-?%\}", re.S)
_POST_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+(?:site\.posts|paginator\.posts|site\.categories\.\w+|site\.tags\.\w+)"
                        r"[^%]*%\}.*?\{%-?\s*endfor\s*-?%\}\n?", re.S)
# Includes that only set up a theme and render nothing of the page's own.
SETUP_INCLUDES = {"JB/setup", "JB/setup.html"}


@dataclass
class Liquid(NotedText):
    """What Liquid in one file can be resolved against."""

    file: str
    first_line: int
    site: Mapping[str, Any]
    page: Mapping[str, Any]
    post_file: Callable[[str], str | None]  # a post_url name -> the new file's path, relative to this one
    link_file: Callable[[str], str | None]  # a {% link %} path -> the new file's path, or None
    notes: list[Note] = field(default_factory=list)


def convert(text: str, liquid: Liquid) -> str:
    """Return `text` with the Liquid that can be resolved resolved; notes go to `liquid.notes`."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return f"\x00{len(kept) - 1}\x00"

    text = _RAW.sub(keep, text)
    before = text
    text = drop_post_lists(text, lambda at, what: liquid.note(before, at, what))
    handlers: list[tuple[re.Pattern[str], Callable[[re.Match[str], str, Liquid], str]]] = [
        (_COMMENT, _comment), (_POST_LOOP, _post_loop), (_HIGHLIGHT, _highlight), (_POST_URL, _post_url), (_LINK, _link),
        (_INCLUDE, _include), (_OUTPUT, _output), (_IAL, _ial)]
    for pattern, handler in handlers:
        before = text
        text = pattern.sub(lambda m: handler(m, before, liquid), text)
    for match in _TAG.finditer(text):
        liquid.note(text, match.start(), f"Liquid {match.group()[:60]} has no equivalent; left as it is",
                    "needs a person")
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _comment(match: re.Match[str], text: str, liquid: Liquid) -> str:
    liquid.note(text, match.start(), "a Liquid comment was left out")
    return ""


def _post_loop(match: re.Match[str], text: str, liquid: Liquid) -> str:
    liquid.note(text, match.start(), "a loop listing posts was left out: ugsite's home page, post lists and tag pages "
                "list them")
    return ""


def _highlight(match: re.Match[str], text: str, liquid: Liquid) -> str:
    liquid.note(text, match.start(), f"{{% highlight {match.group(1)} %}} became a fenced code block")
    return f"```{match.group(1)}\n{match.group(2)}\n```"


def _post_url(match: re.Match[str], text: str, liquid: Liquid) -> str:
    target = liquid.post_file(match.group(1))
    if target is None:
        liquid.note(text, match.start(), f"{{% post_url {match.group(1)} %}} names no post of the site",
                    "needs a person")
        return match.group()
    liquid.note(text, match.start(), f"{{% post_url {match.group(1)} %}} became a link to {target}")
    return target


def _link(match: re.Match[str], text: str, liquid: Liquid) -> str:
    target = liquid.link_file(match.group(1))
    if target is None:
        liquid.note(text, match.start(), f"{{% link {match.group(1)} %}} names no file of the site", "needs a person")
        return match.group()
    liquid.note(text, match.start(), f"{{% link {match.group(1)} %}} became a link to {target}")
    return target


def _include(match: re.Match[str], text: str, liquid: Liquid) -> str:
    name = match.group(1).strip("'\"")
    if name in SETUP_INCLUDES:
        liquid.note(text, match.start(), f"{{% include {name} %}} (theme set-up, renders nothing) was left out")
        return ""
    liquid.note(text, match.start(), f"{{% include {name} %}} inserted a part of the old theme; it is left as a "
                "comment: write what it showed, or remove it", "needs a person")
    return f"<!-- imported from Jekyll, not converted: include {name} -->\n"


def _output(match: re.Match[str], text: str, liquid: Liquid) -> str:
    expression = match.group(1)
    value = _value(expression, liquid)
    if value is None:
        liquid.note(text, match.start(), f"{{{{ {expression[:60]} }}}} cannot be worked out; left as it is",
                    "needs a person")
        return match.group()
    liquid.note(text, match.start(), f"{{{{ {expression[:60]} }}}} became {value!r}")
    return value


def _value(expression: str, liquid: Liquid) -> str | None:
    """Work out `site.baseurl`, `"/x" | relative_url`, `page.title` and the like; None when unknowable."""
    parts = [p.strip() for p in expression.split("|")]
    head, filters = parts[0], parts[1:]
    if head in ("site.baseurl", "site.url"):
        value = ""  # links become paths from the site's root; ugsite puts the base path in front
    elif re.fullmatch(r"'[^']*'|\"[^\"]*\"", head):
        value = head[1:-1]
    elif head.startswith(("site.", "page.")):
        scope = liquid.site if head.startswith("site.") else liquid.page
        found = scope.get(head.split(".", 1)[1])
        if not isinstance(found, (str, int, float)) or isinstance(found, bool):
            return None
        value = str(found)
    else:
        return None
    for name in filters:
        if name in ("relative_url", "absolute_url", "uri_escape", "url_encode") or name.startswith("prepend: site."):
            continue
        return None
    return value


def _ial(match: re.Match[str], text: str, liquid: Liquid) -> str:
    liquid.note(text, match.start(), f"the kramdown attribute list {match.group().strip()} was left out")
    return ""


def relative_path(target: str, source: str) -> str:
    """Return the path of `target` relative to the folder of `source` (both site-relative)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
