"""Read the metadata header of Python-Markdown's meta extension (`Title: x` lines), as Pelican writes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The meta extension's own patterns: a key line, a continuation line (indented 4+), optional --- fences.
_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


@dataclass
class Metadata:
    """A file's fields (keys lower-cased, as Pelican reads them), their lines, and the body after them."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # lower-cased key -> the key as written
    body: str = ""
    body_line: int = 1


def read_metadata(text: str) -> Metadata:
    """Split `text` into its metadata header and the Markdown body after it."""
    lines = text.split("\n")
    meta = Metadata()
    at = 0
    if lines and _BEGIN.match(lines[0]):
        at = 1
    key = ""
    while at < len(lines):
        line = lines[at]
        if at > 0 and _END.match(line) and _BEGIN.match(lines[0]):
            at += 1
            break
        if not line.strip():
            at += 1
            break
        if (found := _KEY.match(line)) is not None:
            key = found.group("key").lower()
            meta.fields[key] = found.group("value").strip()
            meta.lines[key] = at + 1
            meta.names[key] = found.group("key")
        elif key and (more := _MORE.match(line)) is not None:
            meta.fields[key] = (meta.fields[key] + "\n" + more.group("value").strip()).strip()
        else:
            break  # not metadata: the body starts here
        at += 1
    meta.body = "\n".join(lines[at:])
    meta.body_line = at + 1
    return meta
