"""Write untrusted text as YAML scalars that read back exactly as the cleaned text, whatever it held."""

from __future__ import annotations

import unicodedata

from ugsite.content.yaml_source import load_yaml

# Bidirectional overrides and isolates reorder the text around them on a page ("Trojan Source"); a
# title or name has no use for them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}


def clean_text(text: str, *, one_line: bool = False, limit: int | None = None) -> str:
    """Return `text` without control, bidirectional and unassigned characters, trimmed, at most `limit` long.

    Line breaks become `\\n` (spaces, for `one_line`, where runs of spaces become one); trailing
    spaces of lines and blank lines around the text go. Text cut at `limit` ends with "…".
    """
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char in ("\n", "\t"):
            kept.append(" " if one_line else char)
        elif char not in _BIDI_CONTROLS and char != "\ufeff" and unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn"):
            kept.append(char)
    joined = "".join(kept)
    if one_line:
        cleaned = " ".join(joined.split())
    else:
        cleaned = "\n".join(line.rstrip() for line in joined.split("\n")).strip("\n")
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[:limit - 1].rstrip() + "…"
    return cleaned


def quoted(text: str) -> str:
    """Return `text` as a double-quoted YAML scalar; characters YAML cannot hold as they are, escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _printable(code):
            out.append(char)
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def plain(text: str) -> str:
    """Return `text` as it is when YAML reads it back as that text (`maya-okafor`), else quoted (`"null"`, `"2024"`)."""
    value, problems = load_yaml(f"key: [{text}]\n", "key")
    return text if not problems and value == {"key": [text]} else quoted(text)


def block(text: str, indent: int) -> str:
    """Return `text` as a YAML literal block (`|-` and its lines indented), or quoted when a block cannot hold it."""
    lines = text.split("\n")
    if "\n" not in text or any(not all(_printable(ord(c)) or c == "\t" for c in line) for line in lines) \
            or any(line != line.rstrip() for line in lines) or not lines[0].strip():
        return quoted(text)
    pad = " " * indent
    header = f"|{indent}-" if lines[0][:1] in (" ", "\t") else "|-"
    return header + "\n" + "\n".join(pad + line if line else "" for line in lines)


def _printable(code: int) -> bool:
    """Say whether YAML 1.2 lets a character stand as it is in a scalar (its `c-printable`, minus line breaks)."""
    return (code == 0x09 or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD and code != 0xFEFF or 0x10000 <= code <= 0x10FFFF)
