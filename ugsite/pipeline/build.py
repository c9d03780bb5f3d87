"""The build pipeline: load, theme, plan, render, write."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ugsite.incremental.cache import CACHE_DIR, BuildCache
from ugsite.site.config import CONFIG_FILE, load_config
from ugsite.pipeline.load import load_site
from ugsite.site.model import HeldBack, Site
from ugsite.render.outputs import FeedOutput, Output, TemplateOutput
from ugsite.render.plan import plan_site
from ugsite.problems import Problem, has_errors
from ugsite.output.search import index_site, missing_search, search_available
from ugsite.incremental.reuse import Rendered, render_changed, with_bytes
from ugsite.incremental.snapshot import snapshot
from ugsite.render.theme import Theme, load_theme
from ugsite.output.write import bytes_needed, check_output, write_site
from ugsite.parallel import worker_count


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what to include, where to write, and the moment the build stands at."""

    now: datetime
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False
    search: bool | None = None
    cache: bool = True
    force: bool = False  # replace an output folder that ugsite did not write
    workers: int = field(default_factory=worker_count)  # processes that may read and render at once


@dataclass(frozen=True)
class BuildReport:
    """What a build did, or the problems that stopped it."""

    problems: tuple[Problem, ...]
    written: bool = False
    output: Path | None = None
    pages: int = 0
    feeds: int = 0
    files: int = 0
    reused: int = 0
    seconds: float = 0.0
    held_back: tuple[HeldBack, ...] = field(default=())

    @property
    def failed(self) -> bool:
        """Say whether the build stopped without writing."""
        return not self.written


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


def open_cache(root: Path, options: BuildOptions) -> BuildCache:
    """Open the site's build cache, or a cache that remembers nothing with --no-cache."""
    return BuildCache(root / CACHE_DIR if options.cache else None)


def build(root: Path, options: BuildOptions) -> BuildReport:
    """Build the site in `root`; write nothing unless every check passes."""
    started = time.perf_counter()
    output = options.output or root / "public"
    cache = open_cache(root, options)
    try:
        if (root / CONFIG_FILE).is_file():
            ours = options.force or bool(cache.get_many("manifest", [str(output.resolve())]))
            if (bad_output := check_output(output, root, ours)) is not None:
                return BuildReport((bad_output,))
        with collector_paused():
            return _build(root, options, output, cache, started)
    finally:
        cache.close()


def _build(root: Path, options: BuildOptions, output: Path, cache: BuildCache, started: float) -> BuildReport:
    """Build into `output`, or answer from the last build's report when no input changed."""
    place = str(output.resolve())
    key = snapshot(root, output, repr((options.now, options.drafts, options.future, options.base_url,
                                       options.search, options.strict))) if options.cache else ""
    previous = cache.get_many("manifest", [place]).get(place)
    last = cache.get_many("snapshot", [place]).get(place)
    if key and isinstance(last, tuple) and last[0] == key and isinstance(last[1], BuildReport) \
            and previous and _intact(output, previous):
        return replace(last[1], seconds=time.perf_counter() - started, output=output, reused=last[1].files)
    prepared = prepare(root, options, cache)
    rendered, site, theme = prepared.rendered, prepared.site, prepared.theme
    if rendered is None or site is None or theme is None:
        return BuildReport(prepared.problems)
    files = with_bytes(rendered, bytes_needed(rendered.files, output, previous), site, theme, options.now, cache)
    found, manifest = write_site(files, output, previous, finish=index_site if site.config.search else None)
    if found:
        return BuildReport((*prepared.problems, *found))
    outputs = prepared.outputs
    report = BuildReport(
        problems=prepared.problems, written=True, output=output,
        pages=sum(isinstance(o, TemplateOutput) and o.template.endswith(".html") for o in outputs),
        feeds=sum(isinstance(o, FeedOutput) for o in outputs),
        files=len(files), reused=rendered.reused, seconds=time.perf_counter() - started,
        held_back=site.held_back,
    )
    if manifest is not None:
        cache.put_many("manifest", {place: manifest})
        if key:
            cache.put_many("snapshot", {place: (key, report)})
    return report


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a build runs.

    A build creates hundreds of thousands of objects that live until it ends (the model, the
    plan, the cached values it reads back); the collector would scan them again and again for
    cycles they do not have. Reference counting still frees memory as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _intact(output: Path, manifest: Mapping[str, tuple[str, int]]) -> bool:
    """Say whether every file the last build wrote is still there, at its size."""
    try:
        return all((output / path).stat().st_size == size for path, (_, size) in manifest.items())
    except OSError:
        return False


def _stops(problems: list[Problem], strict: bool) -> bool:
    return has_errors(problems) or (strict and bool(problems))
