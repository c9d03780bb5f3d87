"""Check language tags (BCP 47, RFC 5646): the `language` of the site, posts, events and talks; and their direction."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError

# RFC 5646 section 2.1, "langtag" and "privateuse"; the grandfathered tags are listed whole. The
# grammar also takes a language subtag of 4 to 8 letters, but none is registered (4 letters are
# reserved), and it is how a mistaken `language: German` would pass: so 2 or 3 letters here.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    r"[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"  # language, with up to three extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE = rf"[Xx](?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|"
    "i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|"
    "zh-min-nan|zh-xiang"
)
_TAG = re.compile(rf"{_LANGTAG}|{_PRIVATE}|(?i:{_GRANDFATHERED})")
EXAMPLES = "en, de, pt-BR, zh-Hant or es-419"


def language_problem(tag: str) -> tuple[str, str] | None:
    """Say why `tag` is not a well-formed BCP 47 language tag, as a message and a hint; None when it is."""
    if _TAG.fullmatch(tag):
        return None
    message = f"{tag!r} is not a language tag (BCP 47)"
    hyphenated = tag.replace("_", "-")
    if "_" in tag and _TAG.fullmatch(hyphenated):
        return message, f"separate its parts with hyphens: {hyphenated}"
    if re.fullmatch(r"[A-Za-z]{4,}", tag):
        return message, f"write the language's code, not its name: e.g. {EXAMPLES}"
    return message, f"write a tag such as {EXAMPLES}"


@cache
def text_direction(tag: str) -> Literal["ltr", "rtl"]:
    """Return the direction a language is written in, from CLDR's data (`ar`, `he`, `fa`, `ur`... -> rtl).

    A tag CLDR does not know (`i-klingon`, private use) is written left to right.
    """
    try:
        return "rtl" if Locale.parse(tag, sep="-").text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):  # UnknownLocaleError is no ValueError; a malformed tag is
        return "ltr"
