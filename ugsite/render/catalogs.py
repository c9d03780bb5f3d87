"""Keep the default theme's message catalogs: extract every message, update each language's `.po`, compile its `.mo`.

Messages are what the default theme's templates say (`_("…")`, `ngettext`), what ugsite's
planning code says for them (`speech.gettext`, `say`, `N_`), and the sentences of the usual
series schedules (ugsite.events.rule_text). Run after changing any of them:

    python -m ugsite.render.catalogs [NEW_LANGUAGE ...]

It writes `themes/default/locales/ugsite.pot`, merges it into every
`themes/default/locales/<language>/LC_MESSAGES/ugsite.po` (new messages come in untranslated,
gone ones are dropped) and compiles each to `ugsite.mo`, which builds read.
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ugsite.events.rule_text import spoken_sentences
from ugsite.render.theme_folder import builtin_themes
from ugsite.site.speech import DOMAIN

PACKAGE = Path(__file__).parents[1]
CODE = ("render", "events", "site")  # the packages whose code says things on pages, feeds and calendars
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "say": None}
TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def locales_folder() -> Path:
    """The default theme's `locales/` folder."""
    return builtin_themes() / "default" / "locales"


def extract_messages() -> Catalog:
    """Return every message of the default theme and of ugsite's pages, feeds and calendars, in a stable order."""
    template = Catalog(domain=DOMAIN, project="ugsite", msgid_bugs_address="https://github.com/ugsite/ugsite/issues",
                       charset="utf-8", fuzzy=False)
    templates = builtin_themes() / "default" / "templates"
    found = [(templates, [("**.html", "jinja2"), ("**.xml", "jinja2"), ("**.txt", "jinja2")], "themes/default/templates")]
    found += [(PACKAGE / name, [("**.py", "python")], f"ugsite/{name}") for name in CODE]
    for folder, method_map, shown in found:
        options = {"**.html": TEMPLATE_OPTIONS, "**.xml": TEMPLATE_OPTIONS, "**.txt": TEMPLATE_OPTIONS}
        for file, line, message, comments, context in extract_from_dir(
                folder, method_map, options_map=options, keywords=KEYWORDS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            template.add(message, None, [(f"{shown}/{file}", line)], auto_comments=comments, context=context)
    for sentence in spoken_sentences():
        template.add(sentence, None, [("ugsite/events/rule_text.py", 0)],
                     auto_comments=["How a series recurs, after 'Meets': a whole phrase, so its words can agree."])
    return template


def _messages_of(catalog: Catalog) -> list[tuple[object, ...]]:
    return [(m.id, m.context, tuple(sorted({f for f, _ in m.locations})), tuple(m.auto_comments)) for m in catalog if m.id]


def compiled(po_file: Path) -> bytes:
    """Return the `.mo` bytes of a `.po` file."""
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update_catalogs(new: tuple[str, ...] = ()) -> list[Path]:
    """Write the template, merge it into each language's catalog (starting those of `new`) and compile it.

    Return the files written. An English catalog is kept whole: each message is its own translation.
    """
    template = extract_messages()
    folder = locales_folder()
    for language in new:
        po_file = folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po_file.exists():
            po_file.parent.mkdir(parents=True, exist_ok=True)
            with po_file.open("wb") as handle:
                write_po(handle, Catalog(locale=language, domain=DOMAIN, project="ugsite", fuzzy=False))
    written = [folder / f"{DOMAIN}.pot"]
    if written[0].is_file():  # the same messages keep their date, so catalogs change only when messages do
        with written[0].open("rb") as handle:
            before = read_po(handle)
        if _messages_of(before) == _messages_of(template):
            template.creation_date = before.creation_date
    with written[0].open("wb") as handle:
        write_po(handle, template, width=100, omit_header=False, sort_output=False, no_location=False,
                 include_lineno=False)
    for po_file in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=po_file.parents[1].name)
        catalog.update(copy.deepcopy(template), update_header_comment=False, no_fuzzy_matching=True)  # shares messages
        catalog.obsolete.clear()
        if po_file.parents[1].name == "en":
            for message in catalog:
                if message.id and not any(message.string if isinstance(message.string, tuple) else [message.string]):
                    message.string = message.id
        with po_file.open("wb") as handle:
            write_po(handle, catalog, width=100, include_previous=False, include_lineno=False)
        po_file.with_suffix(".mo").write_bytes(compiled(po_file))
        written += [po_file, po_file.with_suffix(".mo")]
    return written


if __name__ == "__main__":
    for path in update_catalogs(tuple(sys.argv[1:])):
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    sys.exit(0)
