"""Compile a theme's templates in a forked process while this one is still loading ugsite.

A build from the command line first spends a few tenths of a second on one core, importing
the modules that read, plan and render; compiling the default theme's forty templates is a
tenth of the rest of a clean build of 1,000 posts. `TemplatesAhead.start` forks as soon as the
command line is read and the modules that load settings and themes are (the build needs them
too): the fork loads the site's settings and theme, compiles every template of its layers,
and sends back Jinja's bytecode of each, under the template's name, file and
the checksum of its source. The build's Environment takes each template's code from there
(`install`) through Jinja's bytecode cache, which compiles anew a template whose source is no
longer the one compiled; if the fork fails, its work is done here, as it would have been.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import jinja2

from ugsite.parallel import Beside
# Loaded before the fork, which would otherwise load them for itself only for the build to load them again.
from ugsite.render.rendering import compile_theme
from ugsite.render.theme import load_theme
from ugsite.site.config import load_config

Codes = dict[str, bytes]  # "key:checksum" of a template (jinja2.bccache.Bucket) -> its bytecode


class TemplatesAhead:
    """The bytecode of a site's theme, compiled by a forked process."""

    def __init__(self, compiling: Beside[Codes] | None) -> None:
        self._compiling = compiling
        self._codes: Codes | None = None if compiling is not None else {}

    @classmethod
    def start(cls, root: Path, base_url: str | None, workers: int) -> TemplatesAhead:
        """Start compiling the theme of the site in `root` (as built with `base_url`).

        With one worker, or where the system cannot fork, it does nothing: the build compiles the
        templates itself, as it would have.
        """
        if workers < 2 or not hasattr(os, "fork"):
            return cls(None)
        return cls(Beside(functools.partial(_compile_theme, root, base_url), workers))

    def install(self, env: jinja2.Environment) -> None:
        """Let `env` take the code of its templates from here, and from its own bytecode cache where it has none."""
        if self._compiling is not None or self._codes:
            env.bytecode_cache = _Ahead(self, env.bytecode_cache)

    def code(self, key: str) -> bytes | None:
        """Return the bytecode compiled for `key` ("key:checksum"), waiting for the fork the first time, or None."""
        if self._codes is None:
            self._codes = self._compiling.result() if self._compiling is not None else {}
            self._compiling = None
        return self._codes.get(key)

    def cancel(self) -> None:
        """Stop the fork if it still compiles (the build ended without needing its templates)."""
        if self._compiling is not None:
            self._compiling.cancel()
            self._compiling = None
            self._codes = {}


class _Ahead(jinja2.BytecodeCache):
    """Jinja's bytecode cache: a template's code compiled ahead, else that of `inner` (the build cache's, if any)."""

    def __init__(self, ahead: TemplatesAhead, inner: jinja2.BytecodeCache | None) -> None:
        self.ahead = ahead
        self.inner = inner

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.ahead.code(f"{bucket.key}:{bucket.checksum}")
        if code is None:
            if self.inner is not None:
                self.inner.load_bytecode(bucket)
            return
        bucket.bytecode_from_string(code)
        if bucket.code is not None and self.inner is not None:
            self.inner.dump_bytecode(bucket)  # the next build finds it in the build cache

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.inner is not None:
            self.inner.dump_bytecode(bucket)


class _Recorder(jinja2.BytecodeCache):
    """Keep the bytecode of each template the Environment compiles."""

    def __init__(self) -> None:
        self.codes: Codes = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[f"{bucket.key}:{bucket.checksum}"] = bucket.bytecode_to_string()


def _compile_theme(root: Path, base_url: str | None) -> Codes:
    """Compile every template of the site's theme; return their bytecode (none if settings or theme do not load)."""
    config, _ = load_config(root, base_url)
    theme = load_theme(config)[0] if config is not None else None
    if theme is None:
        return {}
    recorder = _Recorder()
    theme.env.bytecode_cache = recorder
    compile_theme(theme)
    return recorder.codes
