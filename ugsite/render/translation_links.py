"""Link each page of a site in two or more languages to its versions in the others.

Pages are the same page in two languages when they are translations of one document (their
`translation_key`), or, for the pages ugsite makes (home, lists, tags, events), when they have
the same route. Each page learns its version in every language (else that language's home), and
a page that shows a document untranslated learns the address of the original, its canonical one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from babel import Locale, UnknownLocaleError

from ugsite.content.urls import Urls
from ugsite.render.outputs import Output, TemplateOutput
from ugsite.render.page_contexts import FrameContext, LanguageLink, PageMeta, SitemapContext
from ugsite.site.model import Site

Identity = tuple[str, str]


@dataclass(frozen=True)
class LanguagePart:
    """One language's part of the site, planned: its site, and what it writes under its route prefix."""

    site: Site
    outputs: tuple[Output, ...]


def link_translations(parts: Sequence[LanguagePart]) -> list[LanguagePart]:
    """Return the parts with every page's `meta.languages` (and `meta.original` for untranslated ones) filled in."""
    if len(parts) < 2:
        return list(parts)
    found: dict[Identity, dict[str, str]] = defaultdict(dict)
    facts = [_facts(part.site) for part in parts]
    for part, (urls, keys, copies) in zip(parts, facts):
        for output in part.outputs:
            meta = _meta(output)
            if meta is not None and output.source not in copies:
                found[_identity(output.source, meta, keys)][part.site.config.language] = urls.path(meta.route)
    names = {p.site.config.language: _name(p.site.config.language) for p in parts}
    homes = {p.site.config.language: Urls(p.site.config.base_url).path("") for p in parts}
    default = parts[0].site.config.language
    return [_linked(part, keys, copies, found, names, homes, default) for part, (_, keys, copies) in zip(parts, facts)]


def _linked(part: LanguagePart, keys: dict[str, str], copies: frozenset[str], found: dict[Identity, dict[str, str]],
            names: dict[str, str], homes: dict[str, str], default: str) -> LanguagePart:
    language = part.site.config.language
    metas: dict[str, PageMeta] = {}
    outputs: list[Output] = []
    for output in part.outputs:
        meta = _meta(output)
        if meta is not None and isinstance(output, TemplateOutput):
            versions = found[_identity(output.source, meta, keys)]
            copy = output.source in copies
            meta = replace(meta, original=versions.get(default) if copy else None, languages=tuple(
                LanguageLink(tag, name, versions.get(tag) or homes[tag], tag in versions and not (copy and tag == language),
                             tag == language)
                for tag, name in names.items()))
            if not copy:
                metas[meta.route] = meta
            output = replace(output, context=replace(output.context, meta=meta))  # type: ignore[call-arg]
        outputs.append(output)
    return LanguagePart(part.site, tuple(
        replace(o, context=replace(o.context, pages=tuple(metas[p.route] for p in o.context.pages if p.route in metas)))
        if isinstance(o, TemplateOutput) and isinstance(o.context, SitemapContext) else o
        for o in outputs))


def _facts(site: Site) -> tuple[Urls, dict[str, str], frozenset[str]]:
    """Return a part's URLs, the translation key of each document's file, and the files it shows untranslated."""
    documents = (*site.posts, *site.pages)
    keys = {d.source: d.translation_key for d in documents}
    copies = frozenset({d.source for d in documents if d.untranslated} | {e.source for e in site.events if e.untranslated})
    return Urls(site.config.base_url), keys, copies


def _meta(output: Output) -> PageMeta | None:
    """Return what the head of an HTML page says about it; None for other outputs."""
    if isinstance(output, TemplateOutput) and isinstance(output.context, FrameContext):
        return output.context.meta
    return None


def _identity(source: str, meta: PageMeta, keys: dict[str, str]) -> Identity:
    key = keys.get(source)
    return ("document", key) if key and meta.kind in ("post", "page") else ("route", meta.route)


def _name(tag: str) -> str:
    """Return a language's name in that language, as a switcher shows it: `Polski`, `English`."""
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name() or tag
    except (UnknownLocaleError, ValueError):
        return tag
    return name[:1].upper() + name[1:]
