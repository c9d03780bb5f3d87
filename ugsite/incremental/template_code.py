"""Keep the theme's compiled templates in the build cache, so a build compiles only the templates that changed.

Jinja files each template's code under its name and file and checks it against a digest of
the source before using it (and against its own version and Python's); the cache is reset
whenever ugsite's code changes, and with it the Environment's settings.
"""

from __future__ import annotations

import jinja2

from ugsite.incremental.cache import BuildCache

SPACE = "templates"


class TemplateCode(jinja2.BytecodeCache):
    """Jinja's bytecode cache, in the build cache. Only the process that opened the cache stores
    code (BuildCache.put_many): a forked worker that compiles a template keeps it to itself."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = f"{bucket.key}:{bucket.checksum}"
        code = self.cache.get_many(SPACE, [key]).get(key)
        if isinstance(code, bytes):
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.cache.put_many(SPACE, {f"{bucket.key}:{bucket.checksum}": bucket.bytecode_to_string()})


def keep_compiled(env: jinja2.Environment, cache: BuildCache | None) -> None:
    """Let `env` take its compiled templates from `cache`, and keep there those it compiles."""
    if cache is not None and cache.enabled:
        env.bytecode_cache = TemplateCode(cache)
