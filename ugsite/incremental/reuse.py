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
from ugsite.incremental.fingerprint import Digests, Fingerprints, keyed_apart, shared_values
from ugsite.output.write import FileEntry
from ugsite.problems import Problem
from ugsite.render.outputs import FileOutput, Output
from ugsite.parallel import fork_map
from ugsite.render.rendering import (PARALLEL_THRESHOLD, compile_templates, draw_cards_ahead, render_output,
                                     shows_post_cards)
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


# What a worker made of an output: the digest of its bytes that the cache knows, the file it rendered, or the
# problem that stopped it; None for a static file, and for a list page, rendered afterwards.
Made = str | FileEntry | Problem | None


def render_changed(outputs: Sequence[Output], site: Site, theme: Theme, now: datetime,
                   cache: BuildCache | None = None, workers: int = 1,
                   put: Callable[[str, bytes], tuple[str, int]] | None = None,
                   digests: Digests | None = None, part: str = "") -> tuple[Rendered, list[Problem]]:
    """Render every output whose inputs changed since the cache last saw it.

    With `put`, each rendered file is handed to it where it was rendered (a worker process
    writes it into the build's new folder and says where), the cache keeps that file, and
    no bytes come back. `digests` are those of values already worked out (plan_beside).
    `part` names which part of a site in two or more languages the outputs are (its prefix).

    When worker processes work out the keys, each renders at once an output whose key the
    cache does not know: a page that takes long to render (the archive, after an edit of any
    post) is rendered while the others go on with keys. List pages are rendered afterwards,
    all at once, so that the cards of the posts they show are drawn once for all workers
    (draw_cards_ahead); and so is everything when this process works out the keys alone.
    """
    paths = [output_file(o.route) for o in outputs]

    def make(index: int, key: str | None) -> FileEntry | Problem:
        content, problem = render_output(outputs[index], site, theme, now)
        if problem:
            return problem
        digest = hashlib.sha256(content).hexdigest()
        if put is None:
            return FileEntry(digest, content)
        file, time_ns = put(paths[index], content)
        if cache is not None and key:
            cache.keep_file(digest, file)
        return FileEntry(digest, written=(len(content), time_ns))

    indexed: dict[str, object] = {}
    if cache is not None and cache.enabled:
        fingerprints = Fingerprints(theme.env, site, now, theme.speech.digest, digests, cache)
        indexed = cache.get_index(OUTPUTS, part)  # the last build's keys, read now: the workers look keys up in it
        # Workers pay for themselves with many outputs to key, or many to render (a cache that knows few).
        threshold = SHARED_THRESHOLD if len(outputs) - len(indexed) < PARALLEL_THRESHOLD else PARALLEL_THRESHOLD
        forked = keyed_apart(len(outputs), workers, threshold)

        def look_up_or_make(batch: list[tuple[int, str | None]]) -> list[tuple[str | None, Made]]:
            wanted = [key for i, key in batch if key and key not in indexed and not isinstance(outputs[i], FileOutput)]
            # Kept by another output folder's index, or by a build before the last: asked for together.
            elsewhere = cache.get_many(OUTPUTS, wanted) if wanted else {}
            made: list[tuple[str | None, Made]] = []
            for index, key in batch:
                output = outputs[index]
                digest = (indexed.get(key) or elsewhere.get(key)) if key else None
                if isinstance(output, FileOutput):
                    made.append((key, None))
                elif isinstance(digest, str):
                    made.append((key, digest))
                else:  # rendered here and now by a worker; in one process, all together below
                    made.append((key, make(index, key) if forked and not shows_post_cards(output) else None))
            return made

        found = fingerprints.with_keys(outputs, look_up_or_make, workers, threshold)
        keys, made = [key for key, _ in found], [outcome for _, outcome in found]
    else:  # nothing to look up or store: fingerprints would be wasted work
        keys, made = [None] * len(outputs), [None] * len(outputs)
    later = [i for i, (output, outcome) in enumerate(zip(outputs, made))
             if outcome is None and not isinstance(output, FileOutput)]
    if workers > 1 and len(later) >= PARALLEL_THRESHOLD:
        compile_templates(theme, [outputs[i] for i in later])
        draw_cards_ahead([outputs[i] for i in later], site, theme, now, workers)
    for index, entry in zip(later, fork_map(lambda i: make(i, keys[i]), later, PARALLEL_THRESHOLD, workers)):
        made[index] = entry
    files: dict[str, FileEntry] = {}
    fresh: dict[str, str] = {}  # the digest of each rendered output's bytes, by its key
    known: dict[str, str] = {}  # the same of each output the cache knew
    problems: list[Problem] = []
    for output, path, key, outcome in zip(outputs, paths, keys, made):
        if isinstance(output, FileOutput):
            files[path] = FileEntry(key or _file_identity(output.file), source=output.file)
        elif isinstance(outcome, str):  # the digest the cache knew under `key`
            files[path] = FileEntry(outcome)
            known[key or ""] = outcome
        elif isinstance(outcome, Problem):
            problems.append(outcome)
        elif outcome is not None:
            files[path] = outcome
            if key:
                fresh[key] = outcome.digest
    if cache:
        cache.put_many(OUTPUTS, fresh)
        cache.keep(OUTPUTS, known)
        cache.put_index(OUTPUTS, part, indexed, known | fresh)
        cache.keep(CONTENT, [e.digest for e in files.values() if e.source is None])
    reused = sum(isinstance(outcome, str) for outcome in made)
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
