"""Render what changed since the last build; reuse the bytes of every other output.

This wraps rendering from outside. Each output's key is the fingerprint of all it is made
from (ugsite.incremental.fingerprint); an output whose key the cache knows is not rendered,
and its bytes are fetched only if the writer needs them (the previous output folder lacks
the file). Rendering itself (ugsite.render.rendering) knows nothing of this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from ugsite.content.urls import output_file
from ugsite.incremental.cache import CONTENT, BuildCache
from ugsite.incremental.fingerprint import PARALLEL_THRESHOLD as SHARED_THRESHOLD
from ugsite.incremental.fingerprint import Digests, Fingerprints, shared_values
from ugsite.output.write import FileEntry
from ugsite.problems import Problem
from ugsite.render.outputs import FileOutput, Output
from ugsite.parallel import fork_map
from ugsite.render.rendering import PARALLEL_THRESHOLD, compile_templates, draw_cards_ahead, render_output
from ugsite.render.theme import Theme
from ugsite.site.model import Site


@dataclass(frozen=True)
class Rendered:
    """Every file of a build by output path, and how many of them the cache vouched for unrendered."""

    files: Mapping[str, FileEntry]
    outputs: Mapping[str, Output]
    reused: int = 0
    owners: Mapping[str, int] = field(default_factory=dict)  # which part of a site in two or more languages made each


Planned = TypeVar("Planned")
OUTPUTS = "outputs"  # the digest of each output's bytes, by its key


def plan_beside(site: Site, plan: Callable[[], Planned], cache: BuildCache | None,
                workers: int, threshold: int = SHARED_THRESHOLD) -> tuple[Planned, Digests]:
    """Return what `plan()` returns, and the digests of the site's posts, pages and events.

    Fingerprints need those digests, and the plan does not change them: with a cache and
    many of them, worker processes work them out while this process plans.
    """
    digests = Digests()
    planned: list[Planned] = []
    shared = shared_values(site)
    if cache is not None and cache.enabled and workers > 1 and len(shared) >= threshold:
        digests.learn(shared, workers, threshold, meanwhile=lambda: planned.append(plan()))
    return (planned[0] if planned else plan()), digests


def render_changed(outputs: Sequence[Output], site: Site, theme: Theme, now: datetime,
                   cache: BuildCache | None = None, workers: int = 1,
                   put: Callable[[str, bytes], tuple[str, int]] | None = None,
                   digests: Digests | None = None, part: str = "") -> tuple[Rendered, list[Problem]]:
    """Render every output whose inputs changed since the cache last saw it.

    With `put`, each rendered file is handed to it where it was rendered (a worker process
    writes it into the build's new folder and says where), the cache keeps that file, and
    no bytes come back. `digests` are those of values already worked out (plan_beside).
    `part` names which part of a site in two or more languages the outputs are (its prefix).
    """
    paths = [output_file(o.route) for o in outputs]
    if cache is not None and cache.enabled:
        fingerprints = Fingerprints(theme.env, site, now, theme.speech.digest, digests, cache)
        keys = fingerprints.output_keys(outputs, workers)
    else:  # nothing to look up or store: fingerprints would be wasted work
        keys = [None] * len(outputs)
    # Nearly all of them, at every build: read back at once.
    indexed, known = cache.get_many_indexed(OUTPUTS, part, [k for k in keys if k]) if cache else ({}, {})
    misses = [i for i, (output, key) in enumerate(zip(outputs, keys))
              if not isinstance(output, FileOutput) and not (key and isinstance(known.get(key), str))]

    def make(index: int) -> FileEntry | Problem:
        content, problem = render_output(outputs[index], site, theme, now)
        if problem:
            return problem
        digest = hashlib.sha256(content).hexdigest()
        if put is None:
            return FileEntry(digest, content)
        file, time_ns = put(paths[index], content)
        if cache is not None and keys[index]:
            cache.keep_file(digest, file)
        return FileEntry(digest, written=(len(content), time_ns))

    if workers > 1 and len(misses) >= PARALLEL_THRESHOLD:
        compile_templates(theme, [outputs[i] for i in misses])
        draw_cards_ahead([outputs[i] for i in misses], site, theme, now, workers)
    made = dict(zip(misses, fork_map(make, misses, PARALLEL_THRESHOLD, workers)))
    files: dict[str, FileEntry] = {}
    fresh_digests: dict[str, str] = {}
    problems: list[Problem] = []
    for index, (output, path, key) in enumerate(zip(outputs, paths, keys)):
        if isinstance(output, FileOutput):
            files[path] = FileEntry(key or _file_identity(output.file), source=output.file)
            continue
        if index not in made:
            files[path] = FileEntry(known[key or ""])
            continue
        entry = made[index]
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        files[path] = entry
        if key:
            fresh_digests[key] = entry.digest
    if cache:
        cache.put_many(OUTPUTS, fresh_digests)
        cache.put_index(OUTPUTS, part, indexed, {key: fresh_digests.get(key) or known[key] for key in keys
                                               if key and (key in fresh_digests or isinstance(known.get(key), str))})
        cache.keep(CONTENT, [e.digest for e in files.values() if e.source is None])
    reused = len(outputs) - len(misses) - sum(isinstance(o, FileOutput) for o in outputs)
    return Rendered(files, dict(zip(paths, outputs)), reused), problems


def with_bytes(rendered: Rendered, paths: Collection[str], site: Site, theme: Theme, now: datetime,
               cache: BuildCache | None) -> dict[str, FileEntry]:
    """Return the files with the bytes of `paths` at hand: from the cache, or rendered again if it lost them."""
    files = dict(rendered.files)
    for path in paths:
        entry = files[path]
        blob = cache.kept_bytes(entry.digest) if cache else None
        if blob is None:
            blob, problem = render_output(rendered.outputs[path], site, theme, now)
            assert problem is None, problem  # it rendered without one when its digest was stored
        files[path] = FileEntry(entry.digest, blob)
    return files


def _file_identity(file: Path) -> str:
    stat = file.stat()
    return f"file:{file}:{stat.st_size}:{stat.st_mtime_ns}"
