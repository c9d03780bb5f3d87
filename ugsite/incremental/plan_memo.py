"""Keep values the plan works out between builds, under a digest of all they are worked out from.

An event page says when the event is, in words, and carries its JSON-LD and its links to
calendar apps: a tenth of a second for a thousand events, at every build. Each depends only
on the arguments the plan names (ugsite.render.plan_pages.Memo); their digest, by value, and
ugsite's code (cache_format) are its key, so an equal event in a later build gets its texts
back, and a changed one has them worked out again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ugsite.incremental.cache import BuildCache, cache_format
from ugsite.incremental.fingerprint import Digests

SPACE = "plan-values"
Value = TypeVar("Value")


class CachedMemo:
    """A Memo (ugsite.render.plan_pages) that answers from the build cache; `store()` keeps what it worked out."""

    def __init__(self, cache: BuildCache) -> None:
        self._cache = cache
        self._digest = Digests()
        self._fresh: dict[str, Any] = {}

    def __call__(self, name: str, args: tuple[Any, ...], compute: Callable[[], Value]) -> Value:
        key = self._digest((cache_format(), name, args)).hex()
        found = self._cache.get_many(SPACE, [key])
        if key in found:
            value: Value = found[key]
            return value
        made = self._fresh[key] = compute()
        return made

    def store(self) -> None:
        """Keep the values worked out since the last `store()` for later builds."""
        self._cache.put_many(SPACE, self._fresh)
        self._fresh = {}
