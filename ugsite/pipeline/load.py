"""Load a site folder into a complete, frozen Site, collecting every problem on the way."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ugsite.incremental.cache import BuildCache
from ugsite.site.config import Config
from ugsite.content.containment import outside_links, refused
from ugsite.site.data_files import DataFiles, build_data, read_data_files
from ugsite.incremental.document_cache import read_documents
from ugsite.incremental.event_file_cache import cached_parse
from ugsite.incremental.markdown_cache import CachedMarkdownRenderer
from ugsite.site.documents import (
    DocumentSource,
    Kind,
    document_job,
    find_markdown,
    finish_document,
)
from ugsite.events.event_files import Directory, EventFile, event_route, read_events, scan_events
from ugsite.events.talk_files import read_talk_files
from ugsite.events.recaps import RecapTargets, recap_targets
from ugsite.content.frontmatter import read_source
from ugsite.events.history import read_history
from ugsite.content.markdown import LinkTargets, MarkdownRenderer, make_markdown
from ugsite.site.jobs import read_jobs
from ugsite.site.cfp import opening
from ugsite.site.held_back import HeldBack
from ugsite.site.model import CallForSpeakers, Edition, Event, History, Page, Post, Series, Site, Talk
from ugsite.content.editions import edition
from ugsite.events.event_editions import event_files_in, moved_translations, untranslated_events
from ugsite.site.pictures import with_photos, with_pictures
from ugsite.problems import Problem
from ugsite.events.series import PATH as SERIES_PATH
from ugsite.events.series import SeriesTools, read_series
from ugsite.content.source_files import SiteFiles, find_files
from ugsite.content.urls import Urls

INTRO_FILE = "pages/_index.md"
_WHY = {"draft": "a draft", "future": "dated after the build's moment"}
_IGNORED_STATIC = {".DS_Store", "Thumbs.db", ".gitkeep"}


def load_site(config: Config, *, now: datetime, drafts: bool = False, future: bool = False,
              cache: BuildCache | None = None, workers: int = 1,
              meanwhile: Callable[[], object] | None = None,
              listed: SiteFiles | None = None) -> tuple[Site | None, list[Problem]]:
    """Read posts, pages, data and static files; render Markdown; return the Site and all problems.

    `cache` reuses checked front matter and rendered Markdown from earlier builds; `workers`
    is how many processes may read and render at once; `meanwhile` is work of this process's
    own to do while they render Markdown (ugsite.parallel.fork_map); `listed`, the site's folders as the
    build listed them already (ugsite.incremental.snapshot).
    """
    problems: list[Problem] = []
    listing = listed if listed is not None else SiteFiles()
    sources = _noted(problems, _read_documents(config, cache, workers, listing))
    held_back = tuple(_held_back(doc, now, drafts, future) for doc in sources)
    published = [doc for doc, held in zip(sources, held_back) if held is None]
    static = _noted(problems, _static_files(config.root, listing))
    event_files = _noted(problems, scan_events(config.root, config.languages, cached_parse(cache, listing)
                                               if cache is not None and cache.enabled else None, listing))
    default = config.languages[0] if config.languages else config.language
    routes = {doc.path: (config.language_prefix(doc.edition or default) + doc.route if held is None else None)
              for doc, held in zip(sources, held_back)}
    targets = LinkTargets(
        routes=routes | {f.path: config.language_prefix(f.language or default) + event_route(f, config)
                         for f in event_files},
        static=frozenset(f"static/{name}" for name in static),
        static_root=config.root / "static",
    )
    renderer = _renderer(config, targets, cache, workers)
    documents = _noted(problems, _finish_documents(published, renderer, now, meanwhile))
    own_intro = _intro_file(config.root, default) if config.languages else None  # `pages/_index.pl.md`
    intro_html = _noted(problems, _intro(config, renderer, own_intro or INTRO_FILE))
    raw_data = _noted(problems, read_data_files(config.root))
    data = _noted(problems, build_data(raw_data, renderer))
    held = [(doc.path, doc.slug, _WHY[h.reason]) for doc, h in zip(sources, held_back) if h is not None and doc.kind == "post"]
    recaps = recap_targets((d for d in documents if isinstance(d, Post)), held)
    series, events, talks, editions = _noted(problems, _events(config, raw_data, data, renderer, event_files, now,
                                                        static=frozenset(static), recaps=recaps))
    documents, events = _pictures(documents, events, config, static)
    editions = {language: Edition(_pictures([], edition.events, config, static)[1],
                                  _noted(problems, _intro(config, renderer, intro) if (intro := _intro_file(
                                      config.root, language)) else ("", [])))
                for language, edition in editions.items()}
    jobs = _noted(problems, read_jobs(config, renderer, data.sponsors))
    posts = sorted((d for d in documents if isinstance(d, Post)), key=_newest_first)
    pages = sorted((d for d in documents if isinstance(d, Page)), key=lambda p: (p.title.lower(), p.source))
    site = Site(
        config=config, now=now, intro_html=intro_html, posts=tuple(posts), pages=tuple(pages),
        speakers=data.speakers, sponsors=data.sponsors, venues=data.venues, data=data.raw,
        static_files=static, held_back=tuple(h for h in held_back if h is not None),
        events=events, series=series, jobs=jobs, talks=talks,
        calls=_noted(problems, _calls(config, renderer, series)), editions=editions,
    )
    return site, list(dict.fromkeys(problems))  # a file read for each language tells its problems once


Value = TypeVar("Value")


def _noted(problems: list[Problem], result: tuple[Value, Sequence[Problem]]) -> Value:
    """Add a step's problems to `problems` and return its value."""
    value, found = result
    problems.extend(found)
    return value


def _read_documents(config: Config, cache: BuildCache | None, workers: int,
                    listed: SiteFiles) -> tuple[list[DocumentSource], list[Problem]]:
    """Read and check the front matter of every post and page (not the home page's intro)."""
    problems: list[Problem] = []
    sources: list[DocumentSource] = []
    folders: tuple[tuple[str, Kind], ...] = (("posts", "post"), ("pages", "page"))
    for folder, kind in folders:
        found_files = find_markdown(config.root, folder, listed)
        linked = outside_links(config.root, [f for f, _ in found_files], listed)
        problems += linked
        leaked = {p.path for p in linked}
        wanted = [(file, path) for file, path in found_files
                  if edition(path, config.languages)[1] != INTRO_FILE and path not in leaked]
        for doc, found in read_documents(wanted, kind, config, cache, workers, listed):
            problems += found
            if doc is not None:
                sources.append(doc)
    return sources, problems


def _renderer(config: Config, targets: LinkTargets, cache: BuildCache | None, workers: int) -> MarkdownRenderer:
    """Return the site's Markdown renderer, reusing earlier builds' results when there is a cache."""
    md, urls = make_markdown(config.raw_html), Urls(config.base_url)
    if cache is not None and cache.enabled:
        return CachedMarkdownRenderer(md, urls, targets, cache, workers)
    return MarkdownRenderer(md, urls, targets, workers)


def _finish_documents(published: list[DocumentSource], renderer: MarkdownRenderer, now: datetime,
                      meanwhile: Callable[[], object] | None) -> tuple[list[Post | Page], list[Problem]]:
    """Render the bodies of the published posts and pages and make them model objects."""
    problems: list[Problem] = []
    documents = []
    for doc, (rendered, html) in zip(published, renderer.render_bodies([document_job(d) for d in published], meanwhile)):
        document, found = finish_document(doc, rendered, renderer.urls, html)
        problems += found
        documents.append(_mark_scheduled(document, now))
    return documents, problems


def _events(config: Config, raw_data: dict[str, Any], data: DataFiles, renderer: MarkdownRenderer, files: list[EventFile],
            now: datetime, static: frozenset[str], recaps: RecapTargets
            ) -> tuple[tuple[tuple[Series, ...], tuple[Event, ...], tuple[Talk, ...], dict[str, Edition]], list[Problem]]:
    """Read the series, talks and events; on a site in two or more languages, the events of each language too."""
    history = read_history(config.root, ["events", SERIES_PATH], now)
    directory = Directory(
        config=config, host=urlsplit(config.base_url).hostname or "localhost", renderer=renderer,
        venues={v.key: v for v in data.venues}, speakers={s.key: s for s in data.speakers},
        sponsors={s.key: s for s in data.sponsors}, series={}, history=history, posts=recaps, static=static,
    )
    tools = SeriesTools(config, directory.host, directory.venues, history.get(SERIES_PATH, History()),
                        directory.describe, lambda entry, path, found: directory.inline("venues", entry, path, found))
    series, problems = read_series(raw_data.get("series"), tools)
    directory = replace(directory, series={s.key: s for s in series})
    talk_files, talk_problems = read_talk_files(config.root, directory)
    directory = replace(directory, talks=talk_files)
    problems += talk_problems
    events = _noted(problems, read_events(event_files_in(files, config.language, config.language), directory, now))
    editions: dict[str, Edition] = {}
    for language in config.languages[1:]:
        chosen = event_files_in(files, language, config.language)
        translated = _noted(problems, read_events(chosen, directory, now))
        problems += moved_translations(translated, events, chosen)
        editions[language] = Edition(untranslated_events(translated, chosen, language), "")
    talks = tuple(talk_files[key].talk for key in sorted(talk_files))
    return (series, events, talks, editions), problems


def _pictures(documents: list[Post | Page], events: tuple[Event, ...], config: Config,
              static: tuple[str, ...]) -> tuple[list[Post | Page], tuple[Event, ...]]:
    """Give the images that are the site's own files their size and resized copies."""
    files, urls, root = frozenset(static), Urls(config.base_url), config.root / "static"
    events = tuple(with_photos(with_pictures(events, root, files, urls), root, files, urls))
    return with_pictures(documents, root, files, urls), events


def _mark_scheduled(document: Post | Page, now: datetime) -> Post | Page:
    """Mark a post dated after `now` (kept by --future), its origin saying so too."""
    if not isinstance(document, Post) or document.date is None or document.date <= now:
        return document
    origin = hashlib.sha256(f"{document.origin}\0scheduled".encode()).hexdigest() if document.origin else ""
    return replace(document, scheduled=True, origin=origin)


def _held_back(doc: DocumentSource, now: datetime, drafts: bool, future: bool) -> HeldBack | None:
    if doc.draft and not drafts:
        return HeldBack(doc.path, "draft")
    if doc.kind == "post" and doc.date is not None and doc.date > now and not future:
        return HeldBack(doc.path, "future")
    return None


def _newest_first(post: Post) -> tuple[bool, float, str]:
    return (post.date is None, -(post.date.timestamp() if post.date else 0.0), post.source)


def _calls(config: Config, renderer: MarkdownRenderer,
           series: tuple[Series, ...]) -> tuple[tuple[CallForSpeakers, ...], list[Problem]]:
    """Return the site's call for speakers (its Markdown rendered) and then each series' own."""
    calls = [s.cfp for s in series if s.cfp is not None]
    if config.cfp is None:
        return tuple(calls), []
    rendered = renderer.render(config.cfp.text, "ugsite.yaml", config.cfp.line, plain=True)
    opens, closes = opening(config.cfp, config.zone)
    own = CallForSpeakers(config.title, "", opens, closes, config.cfp.url, rendered.html, rendered.text)
    return (own, *calls), list(rendered.problems)


def _intro_file(root: Path, language: str) -> str | None:
    """Return the file of the home page's introduction in `language` (`pages/_index.en.md`, `pages/en/_index.md`), if any."""
    for path in (INTRO_FILE.replace(".md", f".{language}.md"), INTRO_FILE.replace("pages/", f"pages/{language}/")):
        if (root / path).is_file():
            return path
    return None


def _intro(config: Config, renderer: MarkdownRenderer, path: str) -> tuple[str, list[Problem]]:
    """Return the home page's introduction of `path` (`pages/_index.md`, `pages/_index.en.md`), as HTML."""
    file = config.root / path
    if file.is_file() and not refused(config.root, file):  # a refused one is reported with the other pages
        source, problems = read_source(file, path)
        if source is None:
            return "", problems
        rendered = renderer.render(source.body, path, source.body_line)
        return rendered.html, problems + list(rendered.problems)
    if config.intro:
        rendered = renderer.render(config.intro, "ugsite.yaml")
        return rendered.html, list(rendered.problems)
    return "", []


def _static_files(root: Path, listed: SiteFiles) -> tuple[tuple[str, ...], list[Problem]]:
    files = [(f, path) for f, path in find_files(root, "static", skip_hidden=False, listed=listed)
             if f.name not in _IGNORED_STATIC]
    problems = outside_links(root, [f for f, _ in files], listed)
    leaked = {p.path for p in problems}
    return tuple(path[len("static/"):] for _, path in files if path not in leaked), problems
