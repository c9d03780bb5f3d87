"""Split a source file into front matter (YAML `---`, TOML `+++` or JSON `{`) and body."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ugsite.problems import Problem, error, warning
from ugsite.content.xml_characters import (REPLACEMENT, carriable_utf8, describe, first_uncarriable,
                                           may_hold_uncarriable, replace_uncarriable, uncarriable_key)
from ugsite.content.yaml_source import LineDict, load_yaml

_FENCES = {"---": "yaml", "+++": "toml"}


@dataclass(frozen=True)
class Source:
    """A source file's front matter (with key lines) and the body that follows it."""

    path: str
    meta: LineDict
    body: str
    body_line: int
    format: str | None


def read_bytes(file: Path, path: str) -> tuple[bytes | None, list[Problem]]:
    """Read `file`, or say why it cannot be read (it went away while the build ran, say)."""
    try:
        return file.read_bytes(), []
    except OSError as exc:
        return None, [error(path, f"the file cannot be read ({exc.strerror or exc})", None,
                            "check that it is still there and that you may read it")]


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (with or without BOM) and normalise line endings to LF."""
    data, problems = read_bytes(file, path)
    return decode_text(data, path) if data is not None else (None, problems)


def decode_checked(data: bytes) -> str:
    """Decode UTF-8 bytes (with or without BOM) that decode_text has already accepted unchanged, line endings to LF."""
    text = data.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode the bytes of UTF-8 file `path` (with or without BOM), line endings normalised to LF."""
    try:
        text = decode_checked(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(path, "the file is not UTF-8 text", line, "save the file as UTF-8")]
    at = None if carriable_utf8(data) else first_uncarriable(text)
    if at is None:
        return text, []
    return replace_uncarriable(text), [warning(
        path, f"the file holds a control character ({describe(text[at])}) that pages, feeds and calendars cannot "
        f"carry; it is shown as {REPLACEMENT}", text.count("\n", 0, at) + 1,
        "delete it: editors show it as a box, ^G or similar")]


def read_source(file: Path, path: str) -> tuple[Source | None, list[Problem]]:
    """Read `file` and split its front matter; `path` is how problems name it."""
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    source, found = split_front_matter(text, path)
    return source, problems + found


def split_front_matter(text: str, path: str) -> tuple[Source | None, list[Problem]]:
    """Split `text` into front matter and body; a file without front matter has empty meta."""
    first = text.split("\n", 1)[0].rstrip()
    if first in _FENCES:
        return _split_fenced(text, path, first)
    if text.lstrip().startswith("{"):
        return _split_json(text, path)
    return Source(path, _empty(), text, 1, None), []


def _split_fenced(text: str, path: str, fence: str) -> tuple[Source | None, list[Problem]]:
    ends = [re.escape(fence)] + ([re.escape("...")] if fence == "---" else [])
    closing = re.compile(rf"^(?:{'|'.join(ends)})[ \t]*$", re.M)
    match = closing.search(text, len(fence) + 1) if "\n" in text else None
    if match is None:
        return None, [
            error(path, f"the front matter opened with {fence} on line 1 is never closed", 1,
                  f"add a line with just {fence} after the last front-matter field")
        ]
    inner = text[len(fence) + 1 : match.start()]
    body_start = match.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    if _FENCES[fence] == "yaml":
        meta, problems = load_yaml(inner, path, first_line=2)
    else:
        meta, problems = _load_toml(inner, path)
    if meta is None and not problems:
        meta = _empty()
    if problems:
        return None, problems
    if not isinstance(meta, LineDict):
        return None, [error(path, "the front matter is not a list of 'key: value' fields", 2,
                            "write one field per line, e.g. title: My post")]
    # load_yaml refuses such a character itself; TOML is looked through here.
    if _FENCES[fence] != "yaml" and (escaped := _escaped_uncarriable(meta, inner, path)) is not None:
        return None, [escaped]
    return Source(path, meta, text[body_start:], body_line, _FENCES[fence]), []


def _escaped_uncarriable(meta: LineDict, source: str, path: str) -> Problem | None:
    """An escape (`\\u0007`, `\\ud800`) in `source` can still write what the file may not hold: refuse it, naming the field."""
    found = uncarriable_key(meta) if may_hold_uncarriable(source) else None
    if found is None:
        return None
    key, char = found
    return error(path, f"'{key}' holds a control character ({describe(char)}) that pages, feeds and calendars "
                 "cannot carry", meta.line_of(key), "remove the escape sequence that writes it")


def _load_toml(inner: str, path: str) -> tuple[LineDict | None, list[Problem]]:
    try:
        data = tomllib.loads(inner)
    except RecursionError:
        return None, [error(path, "the TOML front matter is nested too deeply", 2, "nest tables and lists a few levels at most")]
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) + 1 if found else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return None, [error(path, f"invalid TOML: {message}", line,
                            'TOML text values need quotes: title = "My post"')]
    return _with_lines(data, inner, re.compile(r'^\s*"?([A-Za-z0-9_.-]+)"?\s*=', re.M), 2), []


def _split_json(text: str, path: str) -> tuple[Source | None, list[Problem]]:
    start = text.index("{")
    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except RecursionError:
        return None, [error(path, "the JSON front matter is nested too deeply", 1, "nest objects and lists a few levels at most")]
    except json.JSONDecodeError as exc:
        return None, [error(path, f"invalid JSON front matter: {exc.msg}", exc.lineno,
                            "JSON needs double quotes around keys and text, and commas between fields")]
    if not isinstance(data, dict):
        return None, [error(path, "the JSON front matter is not an object", 1)]
    inner = text[:end]
    body_start = end + 1 if text[end : end + 1] == "\n" else end
    meta = _with_lines(data, inner, re.compile(r'^\s*"([^"\\]+)"\s*:', re.M), 1)
    if (escaped := _escaped_uncarriable(meta, text[start:end], path)) is not None:
        return None, [escaped]
    return Source(path, meta, text[body_start:], text.count("\n", 0, body_start) + 1, "json"), []


def _with_lines(data: dict[str, Any], inner: str, key_pattern: re.Pattern[str], first_line: int) -> LineDict:
    meta = LineDict(data)
    meta.line = first_line
    meta.key_lines = {}
    for match in key_pattern.finditer(inner):
        meta.key_lines.setdefault(match.group(1), inner.count("\n", 0, match.start()) + first_line)
    return meta


def _empty() -> LineDict:
    meta = LineDict()
    meta.key_lines = {}
    meta.line = 1
    return meta
