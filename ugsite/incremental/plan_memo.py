"""Keep values the plan works out between builds, under a digest of all they are worked out from.

An event page says when the event is, in words, and carries its JSON-LD and its links to
calendar apps: a tenth of a second for a thousand events, at every build. Each depends only
on the arguments the plan names (ugsite.render.plan_pages.Memo); their digest, by value, and
ugsite's code (cache_format) are its key, so an equal event in a later build gets its texts
back, and a changed one has them worked out again. The values a build used are kept together
too, as an index (BuildCache.get_index) that the next build reads back at once: a thousand
events asked the cache a thousand times.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ugsite.incremental.cache import BuildCache, cache_format
from ugsite.incremental.fingerprint import Digests

SPACE = "plan-values"
INDEX = "used"  # the index of the values the last build used
Value = TypeVar("Value")


class CachedMemo:
    """A Memo (ugsite.render.plan_pages) that answers from the build cache; `store()` keeps what it worked out."""

    def __init__(self, cache: BuildCache) -> None:
        self._cache = cache
        self._digest = Digests()
        self._fresh: dict[str, Any] = {}
        self._index: dict[str, Any] | None = None  # read when the first value is asked for
        self._used: dict[str, Any] = {}

    def __call__(self, name: str, args: tuple[Any, ...], compute: Callable[[], Value]) -> Value:
        key = self._digest((cache_format(), name, args)).hex()
        if key in self._used:
            known: Value = self._used[key]
            return known
        if self._index is None:
            self._index = self._cache.get_index(SPACE, INDEX)
        if key in self._index:
            value: Value = self._index[key]
        elif key in (found := self._cache.get_many(SPACE, [key])):  # not among those the last build used
            value = found[key]
        else:
            value = self._fresh[key] = compute()
        self._used[key] = value
        return value

    def store(self) -> None:
        """Keep the values worked out since the last `store()` for later builds, and the index of those used."""
        self._cache.put_many(SPACE, self._fresh)
        self._cache.keep(SPACE, self._used)
        if self._index is not None:
            self._cache.put_index(SPACE, INDEX, self._index, self._used)
            self._index = dict(self._used)
        self._fresh = {}
