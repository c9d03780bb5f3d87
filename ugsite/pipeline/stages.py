"""The build pipeline, in order: settings, site, theme, plan, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from ugsite.incremental.cache import BuildCache
from ugsite.incremental.reuse import Rendered, render_changed, with_bytes
from ugsite.output.search import index_site, missing_search, search_available
from ugsite.output.write import Manifest, bytes_needed, reusable, write_site
from ugsite.pipeline.build import BuildOptions, BuildReport
from ugsite.pipeline.load import load_site
from ugsite.problems import Problem, has_errors
from ugsite.render.outputs import FeedOutput, Output, TemplateOutput
from ugsite.render.plan import plan_site
from ugsite.render.theme import Theme, load_theme
from ugsite.site.config import load_config
from ugsite.site.model import Site


@dataclass(frozen=True)
class Prepared:
    """A site loaded, planned and rendered; `rendered` is None when problems stopped it."""

    problems: tuple[Problem, ...]
    site: Site | None = None
    theme: Theme | None = None
    outputs: tuple[Output, ...] = ()
    rendered: Rendered | None = None


def prepare(root: Path, options: BuildOptions, cache: BuildCache | None = None) -> Prepared:
    """Load, check, plan and render the site in `root`, writing nothing but the cache."""
    config, problems = load_config(root, options.base_url)
    if config is None:
        return Prepared(tuple(problems))
    if options.search is not None:
        config = replace(config, search=options.search)
    if config.search and not search_available():
        return Prepared((*problems, missing_search("--search" if options.search else "ugsite.yaml")))
    site, found = load_site(config, now=options.now, drafts=options.drafts, future=options.future, cache=cache,
                            workers=options.workers)
    problems += (cache.problems if cache else []) + found
    theme, found = load_theme(config)
    problems += found
    if site is None or theme is None or _stops(problems, options.strict):
        return Prepared(tuple(problems), site)
    outputs, found = plan_site(site, theme)
    problems += found
    if _stops(problems, options.strict):
        return Prepared(tuple(problems), site)
    rendered, found = render_changed(outputs, site, theme, options.now, cache, options.workers)
    problems += found
    if _stops(problems, options.strict):
        return Prepared(tuple(problems), site, theme, tuple(outputs))
    return Prepared(tuple(problems), site, theme, tuple(outputs), rendered)


def build_now(root: Path, options: BuildOptions, output: Path, previous: Manifest | None, cache: BuildCache,
              started: float) -> tuple[BuildReport, Manifest | None]:
    """Run every stage and write into `output`; return the report and what was written (None: nothing)."""
    prepared = prepare(root, options, cache)
    rendered, site, theme = prepared.rendered, prepared.site, prepared.theme
    if rendered is None or site is None or theme is None:
        return BuildReport(prepared.problems), None
    reused = reusable(rendered.files, output, previous)
    files = with_bytes(rendered, bytes_needed(rendered.files, reused), site, theme, options.now, cache)
    found, manifest = write_site(files, output, previous, index_site if site.config.search else None, reused,
                                 options.workers)
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


def _stops(problems: list[Problem], strict: bool) -> bool:
    return has_errors(problems) or (strict and bool(problems))
