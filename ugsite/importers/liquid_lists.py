"""Leave out the Liquid that lists the site's posts: what is assigned from `site.posts`, and the blocks using it.

A group's home page often picks its next and previous meetings out of `site.posts` (`{% assign next =
site.posts | where_exp: ... | first %}`) and shows them in `{% if next %}` and `{% for x in upcoming %}`
blocks. ugsite's home page and lists show the coming events and recent posts themselves, so those
assignments and blocks go, whole; an assignment that nothing uses any more goes with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}\n?", re.S)
_ASSIGN = re.compile(r"\{%-?\s*assign\s+(\w+)\s*=\s*(.*?)\s*-?%\}\n?", re.S)
_LISTS = re.compile(r"^(?:site\.posts|paginator\.posts|site\.categories\.\w+|site\.tags\.\w+)\b")
_OPENERS = {"if": "endif", "unless": "endunless", "for": "endfor", "case": "endcase"}

Note = Callable[[int, str], None]  # (offset in the text, what was left out)


def drop_post_lists(text: str, note: Note) -> str:
    """Return `text` without the assignments from the site's posts and the blocks that use them."""
    lists: set[str] = set()
    for match in _ASSIGN.finditer(text):
        source = match.group(2).split("|")[0].strip()
        if _LISTS.match(source) or source in lists:
            lists.add(match.group(1))
    if not lists:
        return text
    uses = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(lists))) + r")\b")
    kept: list[str] = []
    position = 0
    for start, end, what in _blocks(text, uses):
        kept.append(text[position:start])
        note(start, what)
        position = end
    text = "".join(kept) + text[position:]
    return _unused_assigns(text, note)


def _blocks(text: str, uses: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, description) of each outermost assignment or block that uses a list of posts."""
    found: list[tuple[int, int, str]] = []
    tags = list(_TAG.finditer(text))
    index = 0
    while index < len(tags):
        tag = tags[index]
        name, rest = tag.group(1), tag.group(2)
        if name == "assign" and uses.search(rest):
            found.append((tag.start(), tag.end(), f"Liquid {tag.group().strip()[:60]} picked from the site's posts"))
        elif name in _OPENERS and uses.search(rest):
            end = _closing(tags, index, name)
            if end is not None:
                found.append((tag.start(), tags[end].end(), f"a Liquid {name} block showing posts of the site "
                              "({% " + f"{name}{rest.rstrip()[:40]}" + " %}); ugsite's home page and lists show them"))
                index = end
        index += 1
    return found


def _closing(tags: list[re.Match[str]], index: int, name: str) -> int | None:
    depth = 0
    for position in range(index, len(tags)):
        tag = tags[position].group(1)
        if tag == name:
            depth += 1
        elif tag == _OPENERS[name]:
            depth -= 1
            if depth == 0:
                return position
    return None


def _unused_assigns(text: str, note: Note) -> str:
    """Leave out assignments whose variable nothing reads any more (`{% assign now = site.time %}`)."""
    for match in reversed(list(_ASSIGN.finditer(text))):
        rest = text[:match.start()] + text[match.end():]
        if not re.search(rf"(?<![\w.]){re.escape(match.group(1))}\b", rest):
            note(match.start(), f"Liquid {match.group().strip()[:60]}, which nothing uses any more, was left out")
            text = rest
    return text
