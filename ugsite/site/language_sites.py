"""A site in two or more languages as one site per language: its documents and events, translated or not.

Each language's part of the site lists what is written in that language, and what is not yet
translated into it in the default language (marked `untranslated`, so that its page says so and
points search engines to the original). Each language's events are read apart, from its own
files and the default language's (ugsite.events.event_editions).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from ugsite.site.model import Document, Site

Doc = TypeVar("Doc", bound=Document)


def language_sites(site: Site) -> tuple[Site, ...]:
    """Return the site of each language, the default first; a site in one language is its own."""
    config = site.config
    if len(config.languages) < 2:
        return (site,)
    return tuple(_language_site(site, language) for language in config.languages)


def _language_site(site: Site, language: str) -> Site:
    config = site.config
    default = config.languages[0]
    edition = site.editions.get(language)
    texts = config.language_texts.get(language, {})
    return replace(
        site, config=replace(config, language=language, base_url=config.base_url + config.language_prefix(language),
                             site_url=config.base_url, title=texts.get("title", config.title),
                             description=texts.get("description", config.description)),
        posts=_in_language(site.posts, language, default), pages=_in_language(site.pages, language, default),
        events=edition.events if edition else site.events,
        intro_html=(edition.intro_html if edition else "") or site.intro_html, editions={},
    )


def _in_language(documents: Sequence[Doc], language: str, default: str) -> tuple[Doc, ...]:
    """Return the documents of `language`, and those of the default language that have no translation into it."""
    translated = {d.translation_key for d in documents if d.edition == language}
    return tuple(d if d.edition == language else _untranslated(d) for d in documents
                 if d.edition == language or (d.edition == default and d.translation_key not in translated))


def _untranslated(document: Doc) -> Doc:
    origin = hashlib.sha256(f"{document.origin}\0untranslated".encode()).hexdigest() if document.origin else ""
    return replace(document, untranslated=True, origin=origin)
