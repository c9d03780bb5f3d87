"""Read a Hugo site's languages: their order, their content folders, and the language of each content file."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.content.frontmatter import decode_text
from ugsite.content.yaml_source import load_yaml
from ugsite.importers.translations import Languages

# Suffixes read as a language in a site whose settings name no languages (`about.fr.md`), as such sites mean them.
_COMMON_LANGUAGES = {"en", "de", "fr", "es", "pt", "pl", "cs", "it", "nl", "sv", "da", "fi", "nb", "ru", "uk", "ja",
                     "zh", "ko", "tr", "el", "hu", "ro", "sk", "sl", "hr", "et", "lv", "lt"}


@dataclass(frozen=True)
class HugoLanguages:
    """The languages of a Hugo site, the default first, and where each keeps its content."""

    codes: tuple[str, ...] = ("en",)
    tables: Mapping[str, Any] = field(default_factory=dict)  # each language's own settings
    in_subdir: bool = False  # defaultContentLanguageInSubdir: the default language under /en/ too
    folders: Mapping[str, str] = field(default_factory=dict)  # a language's contentDir (site-relative) -> it
    configured: bool = False  # the settings name the languages; else common suffixes are read as languages

    @property
    def default(self) -> str:
        """Return the default content language."""
        return self.codes[0]

    @property
    def site(self) -> Languages:
        """Return the languages as the new site has them."""
        return Languages(self.codes, not self.in_subdir) if len(self.codes) > 1 else Languages()

    def place(self, path: str) -> tuple[str, list[str]]:
        """Return a content file's language and its path parts under its content folder, a language folder left out.

        The language is the folder's (`contentDir`, or `content/en/`), else the file name's (`about.fr.md`), else
        the default one.
        """
        language = None
        folder = max((f for f in self.folders if path.startswith(f + "/")), key=len, default=None)
        if folder is not None:
            language, parts = self.folders[folder], list(PurePosixPath(path[len(folder) + 1:]).parts)
        else:
            parts = list(PurePosixPath(path).parts[1:])
            if len(parts) > 1 and parts[0] in self.codes:
                language, parts = parts[0], parts[1:]
        named = parts[-1].split(".") if parts else []
        if len(named) >= 3 and (named[-2] in self.codes or not self.configured and named[-2] in _COMMON_LANGUAGES):
            language = named[-2]
        return language or self.default, parts

    def content_folders(self) -> list[str]:
        """Return the folders that hold content: content/, and each language's contentDir outside it."""
        return ["content", *sorted(f for f in self.folders if f != "content" and not f.startswith("content/"))]


def read_languages(source: Path, config: Mapping[str, Any], config_file: Path | None) -> HugoLanguages:
    """Read the languages of the settings (`[languages]`, or config/_default/languages.toml), the default first."""
    default = str(setting(config, "defaultContentLanguage") or "en").lower()
    table = setting(config, "languages")
    if not isinstance(table, dict) and config_file is not None and config_file.parent.name == "_default":
        table = _languages_file(config_file.parent)
    table = {str(k).lower(): v if isinstance(v, dict) else {} for k, v in table.items()} \
        if isinstance(table, dict) else {}
    others = sorted((code for code in table if code != default), key=lambda c: (_weight(table[c]), c))
    folders = {}
    for code, values in table.items():
        folder = setting(values, "contentDir")
        if isinstance(folder, str) and folder.strip().strip("/"):
            folders[PurePosixPath(folder.strip().strip("/").removeprefix("./")).as_posix()] = code
    codes = (default, *others)
    return HugoLanguages(codes, table, setting(config, "defaultContentLanguageInSubdir") is True, folders, bool(table))


def with_found(languages: HugoLanguages, found: set[str]) -> HugoLanguages:
    """Add the languages of file names the settings do not name (a site without `[languages]`), by name."""
    extra = sorted(found - set(languages.codes))
    if not extra:
        return languages
    return HugoLanguages((*languages.codes, *extra), languages.tables, languages.in_subdir, languages.folders,
                         languages.configured)


def setting(config: Mapping[str, Any], name: str) -> Any:
    """Return a setting by its name in any case, as Hugo reads them (`Languages`, `languages`)."""
    if name in config:
        return config[name]
    return next((v for k, v in config.items() if str(k).lower() == name.lower()), None)


def _weight(values: Mapping[str, Any]) -> int:
    weight = setting(values, "weight")
    return weight if isinstance(weight, int) and not isinstance(weight, bool) else 0


def _languages_file(folder: Path) -> Any:
    for name in ("languages.toml", "languages.yaml", "languages.yml", "languages.json"):
        file = folder / name
        if not file.is_file():
            continue
        text, _ = decode_text(file.read_bytes(), name)
        try:
            if file.suffix == ".toml":
                return tomllib.loads(text or "")
            if file.suffix == ".json":
                return json.loads(text or "{}")
            value, problems = load_yaml(text or "", name)
            return None if problems else value
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):
            return None
    return None
