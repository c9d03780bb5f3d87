"""`build`: answer from the last build when no input changed, else run the stages (ugsite.pipeline.stages)."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ugsite.content.source_files import SiteFiles
from ugsite.incremental import CACHE_DIR
from ugsite.incremental.cache import BuildCache
from ugsite.incremental.snapshot import snapshot
from ugsite.output.write import ManifestEntry, check_output
from ugsite.parallel import worker_count
from ugsite.problems import Problem
from ugsite.site import CONFIG_FILE
from ugsite.site.held_back import HeldBack

if TYPE_CHECKING:
    from ugsite.render.compiled_ahead import TemplatesAhead

MANIFEST = "manifest"  # the cache's index, by output folder, of each file's digest, size and time (ugsite.output.write)


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
    templates: TemplatesAhead | None = None  # the theme's templates, being compiled by a forked process


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
            ours = options.force or cache.has_index(MANIFEST, str(output.resolve()))
            if (bad_output := check_output(output, root, ours)) is not None:
                return BuildReport((bad_output,))
        with collector_paused():
            return _build(root, options, output, cache, started)
    finally:
        cache.close()
        if options.templates is not None:  # a build that needed none of them stops the fork
            options.templates.cancel()


def _build(root: Path, options: BuildOptions, output: Path, cache: BuildCache, started: float) -> BuildReport:
    """Build into `output`, or answer from the last build's report when no input changed."""
    place = str(output.resolve())
    listed = SiteFiles()  # the snapshot's walk of the site's folders, which the stages read them from
    key = snapshot(root, output, repr((options.now, options.drafts, options.future, options.base_url,
                                       options.search, options.strict)), listed) if options.cache else ""
    previous = cache.get_index(MANIFEST, place) or None
    last = cache.get_many("snapshot", [place]).get(place)
    if key and isinstance(last, tuple) and last[0] == key and isinstance(last[1], BuildReport) \
            and previous and _intact(output, previous):
        return replace(last[1], seconds=time.perf_counter() - started, output=output, reused=last[1].files)
    # The stages load only now: a build that reuses everything starts in a fraction of the time.
    from ugsite.pipeline.stages import build_now

    report, manifest = build_now(root, options, output, previous, cache, started, listed)
    if manifest is not None:
        cache.put_index(MANIFEST, place, previous or {}, manifest)
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


def _intact(output: Path, manifest: Mapping[str, ManifestEntry]) -> bool:
    """Say whether every file the last build wrote is still there, at its size and modification time."""
    folder, stat = f"{output}/", os.stat  # not a Path per file: 15,000 of them are a fifth of a no-op build
    try:
        for path, (_, size, time_ns) in manifest.items():
            found = stat(folder + path)
            if found.st_size != size or found.st_mtime_ns != time_ns:
                return False
        return True
    except OSError:
        return False
