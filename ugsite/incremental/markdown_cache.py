"""Reuse rendered Markdown between builds: a body's HTML is kept under a digest of everything it was made from.

The key holds the body's text (or, for a post or page, its origin: the digest of its file,
which stands for the text without reading it), its site path and first line, what was asked
of it, the raw-HTML rule and the site's address (the cache itself is reset whenever ugsite's code or a
library that shapes output changes). What the HTML says about other files (a link's route,
an image's size) is not in the key; it is recorded with the HTML and checked before reuse.

The HTML is kept apart from the rest (`SPACE_HTML`): the bodies of posts and pages are read
back only when a page that shows them is rendered again, which after a small edit is a few
of thousands (render_bodies).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt

from ugsite.content.markdown import Job, LinkTargets, MarkdownRenderer, Rendered
from ugsite.content.urls import Urls
from ugsite.incremental.cache import BuildCache
from ugsite.incremental.model_pickles import pickle_compactly
from ugsite.problems import SourceChanged

pickle_compactly()  # what rendering each body found, as the cache keeps it

SPACE = "markdown"  # what a body's rendering found, but its HTML
SPACE_HTML = "markdown-html"
BODIES = "bodies"  # the index (BuildCache.get_index) of the results of the last build's render_bodies


class CachedMarkdownRenderer(MarkdownRenderer):
    """A MarkdownRenderer that answers from the build cache where the answer still holds."""

    def __init__(self, md: MarkdownIt, urls: Urls, targets: LinkTargets, cache: BuildCache, workers: int = 1) -> None:
        super().__init__(md, urls, targets, workers)
        self.cache = cache
        self._fetched: dict[str, Rendered] = {}

    def prefetch(self, jobs: Sequence[Job]) -> None:
        """Fetch the cached results of jobs that will be rendered one at a time, in one query; the others are
        rendered ahead as the plain renderer does (and stored)."""
        self._fetched.update(self._with_html(self._valid([self._key(job) for job in jobs])))
        super().prefetch([job for job in jobs if self._key(job) not in self._fetched])

    def render_many(self, jobs: Sequence[Job], meanwhile: Callable[[], object] | None = None) -> list[Rendered]:
        """Render many bodies: from the cache where still valid, the rest as the plain renderer does."""
        keys = [self._key(job) for job in jobs]
        if all(key in self._fetched for key in keys):  # an event's description, one of a thousand fetched at once
            return [self._fetched[key] for key in keys]
        cached = self._with_html(self._valid([k for k in keys if k not in self._fetched]))
        cached |= {k: self._fetched[k] for k in keys if k in self._fetched}
        return self._with_misses(jobs, keys, cached, meanwhile)

    def render_bodies(self, jobs: Sequence[Job],
                      meanwhile: Callable[[], object] | None = None) -> list[tuple[Rendered, str | Callable[[], str]]]:
        """Render many bodies; those the cache vouches for come without their HTML, which is read when first asked for."""
        keys = [self._key(job) for job in jobs]
        index, cached = self.cache.get_many_indexed(SPACE, BODIES, keys)  # nearly all of them, at every build
        found = self._still_valid(cached)
        self.cache.keep(SPACE_HTML, found)
        rendered = self._with_misses(jobs, keys, found, meanwhile)
        self.cache.put_index(SPACE, BODIES, index, {key: found.get(key) or dataclasses.replace(result, html="")
                                                    for key, result in zip(keys, rendered)})
        return [(result, CachedHtml(self, key, job) if key in found else result.html)
                for job, key, result in zip(jobs, keys, rendered)]

    def _valid(self, keys: Sequence[str]) -> dict[str, Rendered]:
        """Return the cached results of `keys` whose facts about other files still hold, without their HTML."""
        return self._still_valid(self.cache.get_many(SPACE, keys))

    def _still_valid(self, cached: dict[str, object]) -> dict[str, Rendered]:
        """Return those of `cached` that are results whose facts about other files still hold."""
        return {key: hit for key, hit in cached.items() if isinstance(hit, Rendered) and self.still_valid(hit)}

    def _with_html(self, found: dict[str, Rendered]) -> dict[str, Rendered]:
        """Return the results in `found` with their HTML from the cache (those whose HTML it lost are left out)."""
        html = self.cache.get_many(SPACE_HTML, found)
        return {key: dataclasses.replace(hit, html=html[key]) for key, hit in found.items() if isinstance(html.get(key), str)}

    def _with_misses(self, jobs: Sequence[Job], keys: Sequence[str], cached: dict[str, Rendered],
                     meanwhile: Callable[[], object] | None) -> list[Rendered]:
        """Return the result of each job: `cached`, else rendered now and stored."""
        misses = [i for i, key in enumerate(keys) if key not in cached]
        made = dict(zip(misses, super().render_many([jobs[i] for i in misses], meanwhile)))
        if misses:
            fresh = {keys[i]: made[i] for i in misses}
            self.cache.put_many(SPACE, {key: dataclasses.replace(r, html="") for key, r in fresh.items()})
            self.cache.put_many(SPACE_HTML, {key: r.html for key, r in fresh.items()})
        return [made[i] if i in made else cached[keys[i]] for i in range(len(jobs))]

    def html_of(self, key: str, job: Job) -> str:
        """Return the cached HTML of `key`, else render `job` again (the cache lost it, or was closed)."""
        found = self.cache.get_many(SPACE_HTML, [key]).get(key)
        if isinstance(found, str):
            return found
        rendered = super().render_many([job])[0]
        if rendered.problems and not rendered.html:  # its file no longer has the bytes the build read
            raise SourceChanged(f"{job.path}: {rendered.problems[0].message}")
        return rendered.html

    def _key(self, job: Job) -> str:
        text, path, first_line, take_heading, plain, identity = job
        head = f"{self.md.options['html']}\0{self.urls.base_url}\0{path}\0{first_line}\0{take_heading}\0{plain}\0"
        if identity:  # it stands for the text, which need not even be read
            return hashlib.sha256(f"{head}\0identity\0{identity}".encode("utf-8", "surrogatepass")).hexdigest()
        assert isinstance(text, str), "a job whose text is read later has an identity"
        return hashlib.sha256((head + text).encode("utf-8", "surrogatepass")).hexdigest()


class CachedHtml:
    """The HTML of a body the cache vouched for, read from the cache the first time it is asked for (Document.body_html)."""

    __slots__ = ("_renderer", "_key", "_job", "_html")

    def __init__(self, renderer: CachedMarkdownRenderer, key: str, job: Job) -> None:
        self._renderer, self._key, self._job = renderer, key, job
        self._html: str | None = None

    def __call__(self) -> str:
        if self._html is None:
            self._html = self._renderer.html_of(self._key, self._job)
        return self._html

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (self(),)  # pickled, it is its HTML: the renderer and the cache stay in this process
