"""Find the translation of `ugsite init`'s sample content for a site's language, or say there is none.

`ugsite/scaffold_languages/<language>/` holds files at the same paths as in `ugsite/scaffold/`;
each replaces the English file of its path, and every file it lacks stays English. A tag with
a region or script (`pt-BR`) takes its language's translation (`pt`).
"""

from __future__ import annotations

import re
from pathlib import Path

TRANSLATIONS = Path(__file__).parents[1] / "scaffold_languages"
ENGLISH = "en"


def translated_languages() -> list[str]:
    """Return the languages the sample content is translated into, sorted."""
    return sorted(folder.name for folder in TRANSLATIONS.iterdir() if folder.is_dir())


def translation_folder(tag: str) -> Path | None:
    """Return the folder of the sample content in `tag`'s language; None when it is English or untranslated."""
    language = _language(tag)
    folder = TRANSLATIONS / language
    return folder if language != ENGLISH and language in translated_languages() else None


def untranslated_note(tag: str) -> str | None:
    """Say that the sample content is written in English for `tag`, unless it is English or translated."""
    if _language(tag) == ENGLISH or translation_folder(tag) is not None:
        return None
    return (f"no translation of the sample content for {tag!r}: written in English "
            f"(translated: {', '.join(translated_languages())})")


def _language(tag: str) -> str:
    """Return the primary language subtag of `tag`, lower case (`pt` for `pt-BR`); empty for a private-use tag."""
    primary = tag.split("-")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""
