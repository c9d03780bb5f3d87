"""Read many posts and pages, reusing the checked front matter of files that did not change.

Parsing front matter is most of the cost of reading an unchanged archive. A file's checked
front matter depends only on its bytes, its path and the site settings, so it is cached
under a digest of all three (the document's origin). A file whose size, times and inode are
those recorded at an earlier build (as `make` and git's index decide) is not even read: the
cache says which origin those stood for, and its body is read only if its Markdown has to be
rendered again. Files changed within the last seconds are not recorded, since a second
change within one tick of the file system's clock would leave the same times.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeGuard

from ugsite.incremental.cache import BuildCache, cache_format
from ugsite.site.config import Config
from ugsite.site.documents import DocumentSource, Kind, check_document
from ugsite.content.frontmatter import decode_checked, decode_text, read_bytes, split_front_matter
from ugsite.parallel import fork_map
from ugsite.problems import Problem

PARALLEL_THRESHOLD = 500  # files to check before worker processes pay for themselves
RECENT_NS = 2_000_000_000  # a file changed this recently is read at every build until it is older
Read = tuple[DocumentSource | None, list[Problem]]
# Front matter, where the body starts, problems, and whether the text needed characters replaced.
Entry = tuple[DocumentSource | None, int, tuple[Problem, ...], bool]


def read_documents(files: Sequence[tuple[Path, str]], kind: Kind, config: Config,
                   cache: BuildCache | None = None, workers: int = 1) -> list[Read]:
    """Read and check each (file, site path) in `files`; return each document or its problems."""
    valid_for = cache_format() if cache is not None and cache.enabled else ""
    salt = f"{valid_for}\0{kind}\0{config!r}\0".encode("utf-8", "surrogatepass")
    stats: dict[int, tuple[str, int]] = {}  # index -> key of its size, times and inode; when it changed
    vouched: dict[int, Read] = {}
    if cache is not None and cache.enabled:
        stats = _stats(files, salt)
        vouched = _vouched(files, stats, salt, cache)
    wanted = [i for i in range(len(files)) if i not in vouched]
    reads = {i: read_bytes(*files[i]) for i in wanted}
    unreadable: list[Read] = [(None, problems) for data, problems in reads.values() if data is None]
    wanted = [i for i in wanted if reads[i][0] is not None]
    contents = {i: reads[i][0] or b"" for i in wanted}
    keys = {i: _content_key(salt, files[i][1], contents[i]) for i in wanted}
    known = cache.get_many("documents", keys.values()) if cache is not None and cache.enabled else {}
    misses = [i for i in wanted if not _fits(known.get(keys[i]))]
    # Workers send back entries without the body, which is cheap to cut from the text here.
    fresh = dict(zip((keys[i] for i in misses), fork_map(
        lambda i: _entry(files[i][0].stem, files[i][1], contents[i], kind, config, keys[i]),
        misses, PARALLEL_THRESHOLD, workers)))
    results: dict[int, Read] = dict(vouched)
    for i in wanted:
        doc, start, problems, replaced = fresh.get(keys[i]) or known[keys[i]]
        if doc is not None:
            # These bytes were decoded and checked when the entry was made; only replacements need redoing.
            text = decode_text(contents[i], files[i][1])[0] if replaced else decode_checked(contents[i])
            doc = DocumentSource(**{**vars(doc), "body": (text or "")[start:]})  # faster than replace()
        results[i] = (doc, list(problems))
    if cache is not None:
        cache.put_many("documents", fresh)
        settled = time.time_ns() - RECENT_NS
        cache.put_many("document-stats", {stats[i][0]: keys[i] for i in wanted if i in stats and stats[i][1] < settled})
    return [results[i] for i in range(len(files)) if i in results] + unreadable


@dataclass(frozen=True)
class UnreadBody:
    """The body of a file the cache vouched for, read only if its Markdown must be rendered again.

    Calling it returns the body, or None when the file no longer has the bytes its front
    matter was checked from (it changed while the build ran).
    """

    file: Path
    path: str
    key: str
    salt: bytes
    start: int

    def __call__(self) -> str | None:
        data, _ = read_bytes(self.file, self.path)
        if data is None or _content_key(self.salt, self.path, data) != self.key:
            return None
        return decode_checked(data)[self.start:]


def _stats(files: Sequence[tuple[Path, str]], salt: bytes) -> dict[int, tuple[str, int]]:
    """Return a key of each file's size, times and inode, and when it last changed (files that went away are left out)."""
    stats: dict[int, tuple[str, int]] = {}
    for index, (file, path) in enumerate(files):
        try:
            st = os.stat(file)
        except OSError:
            continue
        facts = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
        stats[index] = (hashlib.sha256(salt + path.encode("utf-8", "surrogatepass") + b"\0" + facts.encode()).hexdigest(),
                        max(st.st_mtime_ns, st.st_ctime_ns))  # some file systems keep the creation time as ctime
    return stats


def _vouched(files: Sequence[tuple[Path, str]], stats: dict[int, tuple[str, int]], salt: bytes,
             cache: BuildCache) -> dict[int, Read]:
    """Return the documents of the files whose size, times and inode the cache knows, their bodies unread."""
    origins = cache.get_many("document-stats", [key for key, _ in stats.values()])
    entries = cache.get_many("documents", {origins[key] for key, _ in stats.values() if isinstance(origins.get(key), str)})
    vouched: dict[int, Read] = {}
    for index, (key, _) in stats.items():
        origin = origins.get(key)
        entry = entries.get(origin) if isinstance(origin, str) else None
        if not _fits(entry) or entry[3]:  # a text whose characters were replaced is read again
            continue
        doc, start, problems, _ = entry
        if doc is not None:
            file, path = files[index]
            doc = DocumentSource(**{**vars(doc), "body": UnreadBody(file, path, doc.origin, salt, start)})
        vouched[index] = (doc, list(problems))
    return vouched


def _content_key(salt: bytes, path: str, data: bytes) -> str:
    return hashlib.sha256(salt + path.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()


def _entry(stem: str, path: str, data: bytes, kind: Kind, config: Config, key: str) -> Entry:
    """Read and check one file; return its front matter without the body, where the body starts, problems."""
    text, read = decode_text(data, path)
    if text is None:
        return None, 0, tuple(read), False
    source, problems = split_front_matter(text, path)
    if source is None:
        return None, 0, tuple(read + problems), bool(read)
    doc, problems = check_document(source, stem, kind, config)
    return replace(doc, body="", origin=key), len(text) - len(source.body), tuple(read + problems), bool(read)


def _fits(hit: object) -> TypeGuard[Entry]:
    """Say whether a cached entry has the shape this version stores (anything else is a miss)."""
    return (isinstance(hit, tuple) and len(hit) == 4 and (hit[0] is None or isinstance(hit[0], DocumentSource))
            and isinstance(hit[1], int) and isinstance(hit[2], tuple) and isinstance(hit[3], bool))
