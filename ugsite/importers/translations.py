"""Map a site in several languages onto ugsite's: its languages, a translation's file, its address and its links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ugsite.content.editions import edition, language_prefix
from ugsite.content.frontmatter import split_front_matter
from ugsite.content.yaml_scalars import clean_text, quoted
from ugsite.importers.fields import Imported, document, plain
from ugsite.importers.report import Note

LANGUAGES, AT_ROOT = "languages", "default_language_at_root"  # the settings an import writes to ugsite.yaml
LANGUAGE_TEXTS = "language_texts"  # each language's own title and description, written as entries of `languages:`
_TEXTS = ("title", "description")


@dataclass(frozen=True)
class Languages:
    """A site's languages, the default first, and whether the default one lives at the site's root."""

    codes: tuple[str, ...] = ()
    default_at_root: bool = True

    @property
    def default(self) -> str | None:
        """Return the default language, or None for a site in one language."""
        return self.codes[0] if self.codes else None

    def prefix(self, language: str | None) -> str:
        """Return the route every address of `language` (None: the default) starts with: "" or `en/`."""
        return language_prefix(language or self.codes[0], self.codes, self.default_at_root) if self.codes else ""

    def edition(self, path: str) -> tuple[str, str | None]:
        """Return a content file's path without its language (`posts/x.en.md` -> `posts/x.md`) and the language.

        Files of the default language carry no suffix: their language is None.
        """
        language, plain = edition(path, self.codes)
        return (plain, language) if language and language != self.default else (path, None)


def site_languages(settings: Mapping[str, Any]) -> Languages:
    """Return the languages an import found, as it wrote them into the settings."""
    codes = settings.get(LANGUAGES)
    if not isinstance(codes, list) or len(codes) < 2:
        return Languages()
    return Languages(tuple(map(str, codes)), settings.get(AT_ROOT) is not False)


def set_languages(out: Imported, codes: Iterable[str], default_at_root: bool, where: str) -> Languages:
    """Write a site's languages (the default first) into the new settings, with a report line; return them."""
    codes = tuple(dict.fromkeys(codes))
    if len(codes) < 2:  # one language: the settings say which, as they did
        return Languages()
    out.settings.update({"language": codes[0], LANGUAGES: list(codes)})
    if not default_at_root:
        out.settings[AT_ROOT] = False
    out.notes.append(Note(where, f"the site is in {', '.join(codes)} ({codes[0]} the default, "
                          + ("at the site's root" if default_at_root else f"under /{codes[0]}/ too")
                          + "): each translation became a file NAME.LANG.md, linked to the others of its page"))
    return Languages(codes, default_at_root)


def suffixed(target: str, language: str | None, languages: Languages) -> str:
    """Return the new file of `target` in `language`: `posts/x.en.md` outside the default language."""
    if not language or language == languages.default or not languages.codes:
        return target
    path = PurePosixPath(target)
    return str(path.with_name(f"{path.stem}.{language}{path.suffix}"))


def settings_text(text: str, settings: Mapping[str, Any]) -> str:
    """Return the text of a new ugsite.yaml with the site's languages after its `language:` line."""
    languages = site_languages(settings)
    if not languages.codes:
        return text
    texts = settings.get(LANGUAGE_TEXTS) or {}
    lines = ["languages:"]
    for code in languages.codes:
        own = texts.get(code) or {}
        lines.append(f"  - {code}" + (":" if own else ""))
        lines += [f"      {key}: {quoted(own[key])}" for key in _TEXTS if key in own]
    if not languages.default_at_root:
        lines.append(f"{AT_ROOT}: false")
    head, found, tail = text.partition("\nlanguage:")
    if not found:
        return "\n".join(lines) + "\n" + text
    line, _, rest = tail.partition("\n")
    return head + found + line + "\n" + "\n".join(lines) + "\n" + rest


def link_translations(out: Imported, keys: Mapping[str, str], languages: Languages, source: str) -> None:
    """Give the translations the old site linked by a key (Hugo's `translationKey`) a `translation_key`.

    `keys` maps each new file to its key. Translations whose files have one name once the language is left out
    are linked by it already, so they get none; the report says which way each group is linked.
    """
    groups: dict[str, list[str]] = {}
    for target, key in keys.items():
        groups.setdefault(key, []).append(target)
    for key, targets in sorted(groups.items()):
        names = {languages.edition(t)[0] for t in targets}
        if len(names) < 2:
            for target in targets:
                out.notes.append(Note(out.origins.get(target, target), f"its {source} '{key}' was left out: "
                                      + ("its translations share its file name, which links them" if len(targets) > 1
                                         else "no other file has it"), "skipped"))
            continue
        for target in sorted(targets):
            content = out.files.get(target)
            parsed, _ = split_front_matter(content, target) if isinstance(content, str) else (None, [])
            if parsed is None:
                continue
            meta = plain(parsed.meta)
            meta["translation_key"] = key
            out.files[target] = document(meta, parsed.body)
            out.notes.append(Note(out.origins.get(target, target), f"its {source} became translation_key: {key}, "
                                  f"linking {', '.join(sorted(targets))}"))


def report_language_settings(out: Imported, where: str, tables: Mapping[str, Any], followed: Iterable[str]) -> None:
    """Keep each language's own title and description; say which of its other settings (params, menus) were left out."""
    known = set(followed) | set(_TEXTS)
    texts = out.settings.setdefault(LANGUAGE_TEXTS, {})
    for code, table in tables.items():
        if not isinstance(table, Mapping):
            continue
        found = table.get("params")
        params: Mapping[str, Any] = found if isinstance(found, Mapping) else {}  # Hugo's description
        own = {key: clean_text(value, one_line=True) for key in _TEXTS
               if isinstance(value := table.get(key) or params.get(key), str) and value.strip()}
        if own:
            texts[str(code)] = own
        left = sorted(str(k) for k in table if str(k) not in known
                      and not (k == "params" and set(params) <= {"description"}))
        if left:
            out.notes.append(Note(where, f"the {code} language's own settings were left out (ugsite keeps a language's "
                                  f"title and description): {', '.join(left)}", "skipped"))
