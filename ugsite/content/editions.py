"""Which language a content file is written in, by its name or folder, and which files translate each other.

A site in two or more languages (`languages: [pl, en]`) names a file's language before its
extension (`posts/zlot.en.md`) or in a folder after the content folder (`posts/en/zlot.md`);
a file that names none is in the default language. Files whose paths are equal without that
language translate each other, as do files that give the same `translation_key:`.
"""

from __future__ import annotations

from collections.abc import Sequence


def edition(path: str, languages: Sequence[str]) -> tuple[str | None, str]:
    """Return the language a file's name or folder gives it (or None), and its path without that language.

    `posts/zlot.en.md` -> ("en", "posts/zlot.md"); `pages/en/about.md` -> ("en", "pages/about.md").
    """
    if len(languages) < 2:
        return None, path
    by_lower = {tag.lower(): tag for tag in languages}
    parts = path.split("/")
    if len(parts) > 2 and parts[1].lower() in by_lower:
        return by_lower[parts[1].lower()], "/".join([parts[0], *parts[2:]])
    pieces = parts[-1].split(".")
    if len(pieces) >= 3 and pieces[-2].lower() in by_lower:
        return by_lower[pieces[-2].lower()], "/".join([*parts[:-1], ".".join([*pieces[:-2], pieces[-1]])])
    return None, path


def language_prefix(language: str, languages: Sequence[str], default_at_root: bool = True) -> str:
    """Return the route every address of `language` starts with: "" (one language, or the default at the root) or `en/`."""
    if len(languages) < 2 or (language == languages[0] and default_at_root):
        return ""
    return f"{language}/"


def plain_stem(stem: str, language: str | None) -> str:
    """Return a file's stem without the language its name ends in: `zlot.en` -> `zlot`."""
    if language and stem.lower().endswith("." + language.lower()):
        return stem[: -len(language) - 1]
    return stem


def translation_key(plain_path: str, given: str = "") -> str:
    """Return what links a file to its translations: its `translation_key:`, else its path without language and extension."""
    if given:
        return f"key:{given}"
    return plain_path.rsplit(".", 1)[0]
