"""Find the characters that XML (feeds, sitemaps), HTML and iCalendar cannot carry, and replace them."""

from __future__ import annotations

import re
from typing import Any

# XML 1.0 allows neither C0 controls other than tab and line feed, nor surrogates, nor U+FFFE and
# U+FFFF; calendar apps and feed readers reject or cut text at them.
_UNCARRIABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def first_uncarriable(text: str) -> int | None:
    """Return the offset of the first character XML cannot carry, or None."""
    match = _UNCARRIABLE.search(text)
    return match.start() if match else None


# The same characters as UTF-8 bytes: the C0 controls are bytes of their own, U+FFFE and U+FFFF
# start with EF BF (as a few characters XML may carry do), and UTF-8 cannot encode a surrogate.
_C0_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def carriable_utf8(data: bytes) -> bool:
    """Say quickly whether the UTF-8 text `data` surely holds no character XML cannot carry.

    False means it may: first_uncarriable on the decoded text then tells. Deleting bytes is
    a tenth of the time a search for a character class takes over a file's text.
    """
    return len(data.translate(None, _C0_BYTES)) == len(data) and b"\xef\xbf" not in data


def may_hold_uncarriable(source: str) -> bool:
    """Say whether data parsed from `source` (YAML, TOML, JSON) may hold a character XML cannot carry.

    Only what `source` holds, or an escape in it (`\\u0007`), can: without a backslash and
    without such a character in it, no string parsed from it needs looking through.
    """
    return "\\" in source or first_uncarriable(source) is not None


def replace_uncarriable(text: str) -> str:
    """Return `text` with every character XML cannot carry replaced by U+FFFD."""
    return _UNCARRIABLE.sub(REPLACEMENT, text)


def uncarriable_key(value: Any) -> tuple[str, str] | None:
    """Return (the top-level key, the character) of the first string in parsed data that XML cannot carry."""
    if isinstance(value, dict):
        for key, item in value.items():
            found = _first_in(key) or _first_in(item)
            if found:
                return str(key), found
    return None


def _first_in(value: Any) -> str | None:
    if isinstance(value, str):
        at = first_uncarriable(value)
        return value[at] if at is not None else None
    if isinstance(value, dict):
        return next((c for k, v in value.items() if (c := _first_in(k) or _first_in(v))), None)
    if isinstance(value, (list, tuple)):
        return next((c for v in value if (c := _first_in(v))), None)
    return None


def describe(char: str) -> str:
    """Name a character for a message: `U+0007`."""
    return f"U+{ord(char):04X}"
