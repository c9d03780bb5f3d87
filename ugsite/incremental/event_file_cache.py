"""Parse event files, reusing what an earlier build parsed of the files that did not change.

An event file's parse (its fields with their lines, its body, its problems) depends on its
bytes and its path alone. A file whose size, times and inode are those of an earlier build
(ugsite.incremental.file_stats) is not read again: the cache keeps its parse under a key of
those, its path and ugsite's code. Whatever depends on the rest of the site (venues,
speakers, series, the build's moment) is worked out from the parse at every build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from ugsite.content.source_files import SiteFiles
from ugsite.content.yaml_source import LineDict
from ugsite.events.event_files import ParsedEventFile, parse_event_file
from ugsite.incremental.cache import BuildCache, cache_format
from ugsite.incremental.file_stats import settled_before, stat_keys

SPACE = "event-files"


def cached_parse(cache: BuildCache, listed: SiteFiles | None = None) -> Callable[[list[tuple[Path, str]]], list[ParsedEventFile]]:
    """Return what parses many event files (ugsite.events.event_files.scan_events), from `cache` where it can
    (`listed`: the files' sizes and times as the build's listing of the site found them)."""

    def parse(files: list[tuple[Path, str]]) -> list[ParsedEventFile]:
        stats = stat_keys(files, f"{cache_format()}\0event file\0".encode(), listed) if cache.enabled else {}
        known = cache.get_many(SPACE, [key for key, _ in stats.values()])
        settled = settled_before()
        parsed: list[ParsedEventFile] = []
        fresh: dict[str, ParsedEventFile] = {}
        for index, (file, path) in enumerate(files):
            key, changed = stats.get(index, ("", settled))
            hit = known.get(key)
            if _fits(hit):
                parsed.append(hit)
                continue
            made = parse_event_file(file, path)
            parsed.append(made)
            if key and changed < settled:
                fresh[key] = made
        cache.put_many(SPACE, fresh)
        return parsed

    return parse


def _fits(hit: object) -> TypeGuard[ParsedEventFile]:
    """Say whether a cached entry has the shape this version stores (anything else is a miss)."""
    return (isinstance(hit, tuple) and len(hit) == 4 and (hit[0] is None or isinstance(hit[0], LineDict))
            and isinstance(hit[1], str) and isinstance(hit[2], int) and isinstance(hit[3], list))
