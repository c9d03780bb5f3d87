"""`ugsite translate LANGUAGE`: write the site's own message catalog, `locales/LANGUAGE.po`, to translate or correct.

It holds every message the default theme says, each with the translation ugsite ships for
that language (empty where there is none). The organizer edits the `msgstr` lines; a build
uses the site's catalog before the theme's, and says any message left empty as the theme
does (its catalog's, else English).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ugsite.content.languages import language_problem
from ugsite.problems import Problem, error
from ugsite.render.theme_folder import builtin_themes
from ugsite.site.speech import DOMAIN, catalog_names


def write_translation(site: Path, tag: str, force: bool = False) -> tuple[Path | None, list[Problem]]:
    """Write `site/locales/TAG.po` from the default theme's messages and its translations for `tag`."""
    trouble = language_problem(tag)
    if trouble is not None:
        return None, [error("LANGUAGE", trouble[0], None, trouble[1])]
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None, [error("LANGUAGE", f"the Unicode CLDR has no locale {tag!r}, so ugsite cannot say dates in it",
                            None, "write a language it knows, e.g. de, pt-BR or zh-Hant")]
    target = site / "locales" / f"{tag}.po"
    if target.exists() and not force:
        return None, [error(f"locales/{tag}.po", "this catalog exists already", None,
                            "edit its msgstr lines, or pass --force to write it again from the theme's")]
    locales = builtin_themes() / "default" / "locales"
    with (locales / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    shipped: list[Catalog] = []
    for name in catalog_names(locale):
        po_file = locales / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po_file.is_file():
            with po_file.open("rb") as handle:
                shipped.append(read_po(handle, locale=name))
    catalog = Catalog(locale=locale, domain=DOMAIN, project=site.resolve().name, fuzzy=False,
                      header_comment=f"# The messages of this site's theme in {tag}: fill in or correct each msgstr.\n"
                                     "# A build uses these before the theme's own; an empty msgstr keeps the theme's.")
    for message in template:
        if not message.id:
            continue
        known = next((found.string for found in (c.get(message.id) for c in shipped)
                      if found is not None and _translated(found.string)), None)
        catalog.add(message.id, known, auto_comments=message.auto_comments, context=message.context)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, omit_header=False)
    return target, []


def _translated(string: object) -> bool:
    """Say whether a catalog's string (one, or a tuple of plural forms) holds a translation."""
    return all(string) if isinstance(string, tuple) else bool(string)
