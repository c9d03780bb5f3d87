"""Make URL slugs from titles and file names, and vet slugs that users write themselves."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

_SAFE_SLUG = re.compile(r"[\w][\w.~-]*")
# German writes an umlaut as its letter plus e when it has no umlauts (Müller -> Mueller); elsewhere
# (Finnish, Turkish, Hungarian...) the plain letter is the convention, which is anyascii's folding.
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_FOLDS = {"de": _GERMAN}


@dataclass(frozen=True)
class SlugStyle:
    """How a site turns titles into slugs: in ASCII, as its language writes them so, or keeping Unicode letters."""

    language: str = "en"  # the site's language tag: it decides conventions such as German ü -> ue
    unicode: bool = False  # keep letters of every script as they are (`slugs: unicode` in ugsite.yaml)


PLAIN = SlugStyle()


@functools.lru_cache(maxsize=8192)  # a site's posts share their tags, authors and categories
def slugify(text: str, style: SlugStyle = PLAIN) -> str:
    """Return a lower-case, hyphenated slug: `Café & Code: Ünïcode!` -> `cafe-code-unicode`.

    Every script is transliterated to ASCII (`Встреча` -> `vstrecha`, `Zlot Łódź` -> `zlot-lodz`),
    following the conventions of `style.language` where they differ; a `style.unicode` site keeps
    its letters instead (URLs carry them percent-encoded).
    """
    if style.unicode:
        return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text).lower()).strip("-")
    folds = _FOLDS.get(style.language.split("-", 1)[0].lower())
    text = unicodedata.normalize("NFC", text)
    ascii_text = anyascii(text.translate(folds) if folds else text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def stem_slug(stem: str, style: SlugStyle) -> str:
    """Return a file name's stem as a slug: as written where it is one already (`Meetup_2026`), else slugified.

    A stem in another script is transliterated like a title unless the site keeps Unicode slugs.
    """
    if slug_problem(stem) is None and (style.unicode or stem.isascii()):
        return stem
    return slugify(stem, style)


def slug_problem(value: str) -> str | None:
    """Say what is wrong with a user-written slug, or None when it is safe as one URL segment."""
    if value in (".", "..") or not _SAFE_SLUG.fullmatch(value):
        return f"the slug {value!r} is not a single URL segment of letters, digits, '-', '.', '_' or '~'"
    return None
