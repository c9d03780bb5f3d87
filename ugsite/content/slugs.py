"""Make URL slugs from titles and file names, and vet slugs that users write themselves."""

from __future__ import annotations

import re
import unicodedata

_SAFE_SLUG = re.compile(r"[\w][\w.~-]*")
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "ł": "l", "Ł": "L", "þ": "th"})


def slugify(text: str) -> str:
    """Return a lower-case, hyphenated slug: `Café & Code: Ünïcode!` -> `cafe-code-unicode`.

    Latin letters lose their accents; a title in a script with no ASCII form keeps its letters
    (URLs carry them percent-encoded), so a Cyrillic or Japanese title still gets a real slug.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    if slug:
        return slug
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text).lower()).strip("-")


def slug_problem(value: str) -> str | None:
    """Say what is wrong with a user-written slug, or None when it is safe as one URL segment."""
    if value in (".", "..") or not _SAFE_SLUG.fullmatch(value):
        return f"the slug {value!r} is not a single URL segment of letters, digits, '-', '.', '_' or '~'"
    return None
