"""Read a Jekyll site made with jekyll-polyglot: its languages, each document's, and its file in that language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.importers.fields import Imported, read_document
from ugsite.importers.translations import Languages, suffixed

SETTINGS = ("languages", "default_lang", "lang_from_path")  # polyglot's settings that the import follows


def polyglot_languages(config: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the languages of `languages:` in _config.yml, `default_lang` (else the first) first; () without."""
    listed = config.get("languages")
    if not isinstance(listed, list):
        return ()
    codes = [str(code).strip() for code in listed if isinstance(code, str) and code.strip()]
    default = config.get("default_lang")
    default = str(default).strip() if isinstance(default, str) and default.strip() else (codes[0] if codes else "")
    return tuple(dict.fromkeys([default, *codes])) if codes else ()


def document_languages(source: Path, paths: list[str], config: Mapping[str, Any],
                       languages: Languages) -> dict[str, str]:
    """Return each document's language: its `lang`, else (with `lang_from_path`) its first or second folder's,
    else the default one. A `lang` the site does not build is the default, its own kept by the conversion."""
    found: dict[str, str] = {}
    for path in paths:
        parsed = read_document(source, path, Imported())
        lang = parsed.meta.get("lang") if parsed is not None else None
        folders = PurePosixPath(path).parts[:2]
        if isinstance(lang, str) and lang.strip() in languages.codes:
            found[path] = lang.strip()
        elif lang is None and config.get("lang_from_path") is True and any(f in languages.codes for f in folders):
            found[path] = next(f for f in folders if f in languages.codes)
        else:
            found[path] = languages.codes[0]
    return found


def edition_files(targets: Mapping[str, str], editions: Mapping[str, str], languages: Languages) -> dict[str, str]:
    """Return each document's new file in its language: a folder named for it left out, the language a suffix.

    `en/about.md` and `about.md` are one page's translations, `pages/about.en.md` and `pages/about.md`; a
    language's home page (`en/index.md`, `pages/en.md` as a page) is `pages/_index.en.md`. Where two documents of
    one language would share a file, each keeps its folder.
    """
    files = {path: suffixed(_without_folder(target, editions[path]), editions[path], languages)
             for path, target in targets.items()}
    counts = Counter(files.values())
    return {path: new if counts[new] == 1 else suffixed(targets[path], editions[path], languages)
            for path, new in files.items()}


def _without_folder(target: str, language: str) -> str:
    parts = list(PurePosixPath(target).parts)
    if parts[0] == "pages" and len(parts) == 2 and PurePosixPath(parts[1]).stem == language:
        return "pages/_index.md"
    kept = [parts[0], *[p for p in parts[1:-1] if p != language], parts[-1]]
    return "/".join(kept)


def translation_keys(source: Path, targets: Mapping[str, str], out: Imported,
                     languages: Languages) -> tuple[dict[str, str], dict[str, str]]:
    """Return the keys that linked translations on the old site, by new file: `page_id`s, and the `permalink`s
    that documents of different names share (the same permalink is the same page in each language)."""
    ids: dict[str, str] = {}
    permalinks: dict[str, str] = {}
    for path, target in targets.items():
        parsed = read_document(source, path, Imported()) if target in out.files else None
        meta = parsed.meta if parsed is not None else {}
        if isinstance(meta.get("page_id"), (str, int)) and str(meta["page_id"]).strip():
            ids[target] = str(meta["page_id"]).strip()
        elif isinstance(meta.get("permalink"), str) and meta["permalink"].strip("/ "):
            permalinks[target] = meta["permalink"].strip("/ ")
    names: dict[str, set[str]] = {}
    for target, key in permalinks.items():
        names.setdefault(key, set()).add(languages.edition(target)[0])
    return ids, {target: key for target, key in permalinks.items() if len(names[key]) > 1}
