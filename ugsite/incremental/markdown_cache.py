"""Reuse rendered Markdown between builds: a body's HTML is kept under a digest of everything it was made from.

The key holds the body's text (or, for a post or page, its origin: the digest of its file,
which stands for the text without reading it), its site path and first line, what was asked
of it, the raw-HTML rule and the site's address (the cache itself is reset whenever ugsite's code or a
library that shapes output changes). What the HTML says about other files (a link's route,
an image's size) is not in the key; it is recorded with the HTML and checked before reuse.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt

from ugsite.content.markdown import Job, LinkTargets, MarkdownRenderer, Rendered
from ugsite.content.urls import Urls
from ugsite.incremental.cache import BuildCache

SPACE = "markdown"


class CachedMarkdownRenderer(MarkdownRenderer):
    """A MarkdownRenderer that answers from the build cache where the answer still holds."""

    def __init__(self, md: MarkdownIt, urls: Urls, targets: LinkTargets, cache: BuildCache, workers: int = 1) -> None:
        super().__init__(md, urls, targets, workers)
        self.cache = cache
        self._fetched: dict[str, object] = {}

    def prefetch(self, jobs: Sequence[Job]) -> None:
        """Fetch the cached results of jobs that will be rendered one at a time, in one query."""
        self._fetched.update(self.cache.get_many(SPACE, [self._key(job) for job in jobs]))

    def render_many(self, jobs: Sequence[Job], meanwhile: Callable[[], object] | None = None) -> list[Rendered]:
        """Render many bodies: from the cache where still valid, the rest as the plain renderer does."""
        keys = [self._key(job) for job in jobs]
        cached = self.cache.get_many(SPACE, [k for k in keys if k not in self._fetched])
        cached |= {k: self._fetched[k] for k in keys if k in self._fetched}
        results: dict[int, Rendered] = {}
        misses: list[int] = []
        for index, key in enumerate(keys):
            hit = cached.get(key)
            if isinstance(hit, Rendered) and self.still_valid(hit):
                results[index] = hit
            else:
                misses.append(index)
        for index, rendered in zip(misses, super().render_many([jobs[i] for i in misses], meanwhile)):
            results[index] = rendered
        if misses:
            self.cache.put_many(SPACE, {keys[i]: results[i] for i in misses})
        return [results[i] for i in range(len(jobs))]

    def _key(self, job: Job) -> str:
        text, path, first_line, take_heading, plain, identity = job
        head = f"{self.md.options['html']}\0{self.urls.base_url}\0{path}\0{first_line}\0{take_heading}\0{plain}\0"
        if identity:  # it stands for the text, which need not even be read
            return hashlib.sha256(f"{head}\0identity\0{identity}".encode("utf-8", "surrogatepass")).hexdigest()
        assert isinstance(text, str), "a job whose text is read later has an identity"
        return hashlib.sha256((head + text).encode("utf-8", "surrogatepass")).hexdigest()
