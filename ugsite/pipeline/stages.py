"""The build pipeline, in order: settings, site, theme, plan, render, write."""

from __future__ import annotations

import functools
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ugsite.content.source_files import SiteFiles
from ugsite.incremental.cache import BuildCache
from ugsite.incremental.fingerprint import Digests
from ugsite.incremental.plan_memo import CachedMemo
from ugsite.incremental.reuse import Rendered, plan_beside, render_changed, with_bytes
from ugsite.incremental.template_code import keep_compiled
from ugsite.output.search import index_site, missing_search, search_available
from ugsite.output.write import FileEntry, Manifest, NewFolder, bytes_needed, reusable, write_site
from ugsite.pipeline.build import BuildOptions, BuildReport
from ugsite.pipeline.load import load_site
from ugsite.problems import Problem, has_errors
from ugsite.render.outputs import FeedOutput, Output, TemplateOutput
from ugsite.render.plan import collisions, plan_shared, plan_site
from ugsite.render.plan_pages import Memo, compute_now
from ugsite.render.rendering import ready_to_render
from ugsite.render.translation_links import LanguagePart, link_translations
from ugsite.site.language_sites import language_sites
from ugsite.render.theme import Theme, load_theme
from ugsite.site.config import load_config
from ugsite.site.model import Site


NOT_FOUND_FILE = "404.html"


@dataclass(frozen=True)
class Part:
    """What one site and theme render, and the route prefix under which it is written (`en/`, or "")."""

    prefix: str
    site: Site
    theme: Theme
    outputs: tuple[Output, ...]


@dataclass(frozen=True)
class Prepared:
    """A site loaded, planned and rendered; `rendered` is None when problems stopped it.

    `outputs` are every language's; `parts` say which site and theme render each written path
    (one part for a site in one language).
    """

    problems: tuple[Problem, ...]
    site: Site | None = None
    theme: Theme | None = None
    outputs: tuple[Output, ...] = ()
    rendered: Rendered | None = None
    parts: tuple[Part, ...] = ()


def prepare(root: Path, options: BuildOptions, cache: BuildCache | None = None,
            new: NewFolder | None = None, listed: SiteFiles | None = None) -> Prepared:
    """Load, check, plan and render the site in `root`; write rendered files only into `new`, if given, and the cache.

    `listed` holds the site's folders as the build listed them already (ugsite.incremental.snapshot).
    """
    config, problems = load_config(root, options.base_url)
    if config is None:
        return Prepared(tuple(problems))
    if options.search is not None:
        config = replace(config, search=options.search)
    if config.search and not search_available():
        return Prepared((*problems, missing_search("--search" if options.search else "ugsite.yaml")))
    theme, theme_problems = load_theme(config)
    if theme is not None:
        keep_compiled(theme.env, cache)
        if options.templates is not None:
            options.templates.install(theme.env)
    # While worker processes render the Markdown, this one makes ready what the renderers will inherit.
    site, found = load_site(config, now=options.now, drafts=options.drafts, future=options.future, cache=cache,
                            workers=options.workers, meanwhile=functools.partial(ready_to_render, theme) if theme else None,
                            listed=listed)
    problems += (cache.problems if cache else []) + found + theme_problems
    if site is None or theme is None or _stops(problems, options.strict):
        return Prepared(tuple(problems), site)
    (parts, found), digests = plan_beside(site, lambda: _plan(site, theme, cache), cache, options.workers)
    problems += found
    outputs = tuple(o for part in parts for o in part.outputs)
    if _stops(problems, options.strict):
        return Prepared(tuple(problems), site)
    rendered, found = _render(parts, options.now, cache, options.workers, new, digests)
    problems += found
    if _stops(problems, options.strict):
        return Prepared(tuple(problems), site, theme, outputs)
    return Prepared(tuple(problems), site, theme, outputs, rendered, tuple(parts))


def _plan(site: Site, theme: Theme, cache: BuildCache | None) -> tuple[list[Part], list[Problem]]:
    """Plan the site, with values earlier builds worked out from equal arguments when there is a cache."""
    if cache is None or not cache.enabled:
        return _plan_parts(site, theme, cache, compute_now)
    memo = CachedMemo(cache)
    planned = _plan_parts(site, theme, cache, memo)
    memo.store()
    return planned


def _plan_parts(site: Site, theme: Theme, cache: BuildCache | None, memo: Memo) -> tuple[list[Part], list[Problem]]:
    """Plan the site: in one part, or one part per language and one of what they share (ugsite.site.language_sites)."""
    languages = language_sites(site)
    if len(languages) == 1:
        outputs, found = plan_site(site, theme, memo=memo)
        return [Part("", site, theme, tuple(outputs))], found
    problems: list[Problem] = []
    planned: list[LanguagePart] = []
    themes: list[Theme] = []
    for language_site in languages:
        language_theme, found = load_theme(language_site.config)
        problems += [p for p in found if p not in problems]  # each language's catalog speaks for itself once
        if language_theme is None:
            return [], problems
        keep_compiled(language_theme.env, cache)
        outputs, found = plan_site(language_site, language_theme, shared=False, memo=memo)
        problems += found
        planned.append(LanguagePart(language_site, tuple(outputs)))
        themes.append(language_theme)
    parts = [Part("", site, theme, tuple(plan_shared(site, theme)))] + [
        Part(site.config.language_prefix(p.site.config.language), p.site, t, p.outputs)
        for p, t in zip(link_translations(planned), themes)]
    problems += collisions([replace(o, route=part.prefix + o.route) for part in parts for o in part.outputs],
                           site.config.permalink) + theme.refused_static()
    return parts, problems


def _render(parts: list[Part], now: datetime, cache: BuildCache | None, workers: int,
            new: NewFolder | None, digests: Digests) -> tuple[Rendered, list[Problem]]:
    """Render what changed in each part, into `new` if given; return every file under its path in the output folder."""
    if len(parts) == 1:
        return render_changed(parts[0].outputs, parts[0].site, parts[0].theme, now, cache, workers,
                              new.put if new else None, digests)
    problems: list[Problem] = []
    files: dict[str, FileEntry] = {}
    outputs: dict[str, Output] = {}
    owners: dict[str, int] = {}
    reused = 0
    for index, part in enumerate(parts):
        put = functools.partial(_put_under, new, part.prefix) if new else None
        rendered, found = render_changed(part.outputs, part.site, part.theme, now, cache, workers, put, digests,
                                         part=part.prefix)
        problems += found
        files.update({part.prefix + path: entry for path, entry in rendered.files.items()})
        outputs.update({part.prefix + path: output for path, output in rendered.outputs.items()})
        owners.update({part.prefix + path: index for path in rendered.files})
        reused += rendered.reused
    default = parts[1].prefix + NOT_FOUND_FILE
    if parts[1].prefix and default in files:  # GitHub Pages shows the 404 page at the root
        entry = files[default]
        if entry.written is not None and new is not None:
            entry = FileEntry(entry.digest, source=new.path / default)
        files[NOT_FOUND_FILE], outputs[NOT_FOUND_FILE], owners[NOT_FOUND_FILE] = entry, outputs[default], 1
    return Rendered(files, outputs, reused, owners), problems


def _put_under(new: NewFolder, prefix: str, path: str, content: bytes) -> tuple[str, int]:
    return new.put(prefix + path, content)


def build_now(root: Path, options: BuildOptions, output: Path, previous: Manifest | None, cache: BuildCache,
              started: float, listed: SiteFiles | None = None) -> tuple[BuildReport, Manifest | None]:
    """Run every stage and write into `output`; return the report and what was written (None: nothing)."""
    # Rendering writes each file it makes into it; write_site adds the rest and swaps it in.
    new = NewFolder(output, cache.spare_folder(output), options.workers)
    new.create()
    try:
        prepared = prepare(root, options, cache, new, listed)
        rendered, site = prepared.rendered, prepared.site
        if rendered is None or site is None:
            if prepared.outputs:  # it rendered some files into the folder before it stopped
                new.remove()
            else:  # stopped before rendering: the spare it started from is as it was
                new.give_back()
            return BuildReport(prepared.problems), None
        held = new.held(rendered.files)  # files of the spare that stand for new ones
        reused = reusable(rendered.files, output, previous, held)
        files = part_bytes(rendered, bytes_needed(rendered.files, reused | held), prepared.parts, options.now, cache)
    except BaseException:
        new.remove()
        raise
    found, manifest = write_site(files, output, previous, index_site if site.config.search else None, reused,
                                 options.workers, new, held)
    if found:
        return BuildReport((*prepared.problems, *found)), None
    outputs = prepared.outputs
    return BuildReport(
        problems=prepared.problems, written=True, output=output,
        pages=sum(isinstance(o, TemplateOutput) and o.template.endswith(".html") for o in outputs),
        feeds=sum(isinstance(o, FeedOutput) for o in outputs),
        files=len(files), reused=rendered.reused, seconds=time.perf_counter() - started,
        held_back=site.held_back,
    ), manifest


def part_bytes(rendered: Rendered, paths: Collection[str], parts: Sequence[Part], now: datetime,
               cache: BuildCache | None) -> dict[str, FileEntry]:
    """Return the files with the bytes of `paths` at hand, from the cache or rendered again by the part that owns each."""
    if len(parts) == 1:
        return with_bytes(rendered, paths, parts[0].site, parts[0].theme, now, cache)
    files = dict(rendered.files)
    for index, part in enumerate(parts):
        mine = [p for p in paths if rendered.owners.get(p) == index]
        if mine:
            local = Rendered({p: files[p] for p in mine}, {p: rendered.outputs[p] for p in mine})
            files.update(with_bytes(local, mine, part.site, part.theme, now, cache))
    return files


def _stops(problems: list[Problem], strict: bool) -> bool:
    return has_errors(problems) or (strict and bool(problems))
