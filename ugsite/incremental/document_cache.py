"""Read many posts and pages, reusing the checked front matter of files that did not change.

Parsing front matter is most of the cost of reading an unchanged archive. A file's checked
front matter depends only on its bytes, its path and the site settings, so it is cached
under a digest of all three (the document's origin). A file whose size, times and inode are
those recorded at an earlier build (as `make` and git's index decide) is not even read: an
index of the files the last build read says which origin and entry those stood for, and its
body is read only if its Markdown has to be rendered again. Files changed within the last
seconds are not recorded, since a second change within one tick of the file system's clock
would leave the same times.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TypeGuard

from ugsite.incremental.model_pickles import pickle_compactly
from ugsite.incremental.cache import BuildCache, cache_format
from ugsite.incremental.file_stats import settled_before, stat_keys
from ugsite.site.config import Config
from ugsite.site.documents import DocumentSource, Kind, check_document, with_body
from ugsite.content.source_files import SiteFiles
from ugsite.content.frontmatter import decode_checked, decode_text, read_bytes, split_front_matter
from ugsite.parallel import fork_map
from ugsite.problems import Problem

pickle_compactly()  # the front matter that workers send and the cache keeps

PARALLEL_THRESHOLD = 500  # files to check before worker processes pay for themselves
Read = tuple[DocumentSource | None, list[Problem]]
# Front matter, where the body starts, problems, and whether the text needed characters replaced.
Entry = tuple[DocumentSource | None, int, tuple[Problem, ...], bool]
# The files of one kind an earlier build read: the key of each one's size, times and inode -> its origin and Entry.
Index = dict[str, tuple[str, Entry]]
INDEX = "documents"  # the space of the Index of each kind and settings (BuildCache.get_index)


def read_documents(files: Sequence[tuple[Path, str]], kind: Kind, config: Config,
                   cache: BuildCache | None = None, workers: int = 1, listed: SiteFiles | None = None) -> list[Read]:
    """Read and check each (file, site path) in `files`; return each document or its problems.

    `listed` says the files' sizes and times as the build's listing of the site found them.
    """
    if cache is None or not cache.enabled:
        return _read_in_workers(files, kind, config, f"\0{kind}\0{config!r}\0".encode("utf-8", "surrogatepass"), workers)
    salt = f"{cache_format()}\0{kind}\0{config!r}\0".encode("utf-8", "surrogatepass")
    stats = stat_keys(files, salt, listed)  # position -> key of its size, times and inode; when it changed
    index_key = hashlib.sha256(salt).hexdigest()
    index: Index = cache.get_index(INDEX, index_key)
    vouched = _vouched(files, stats, index, salt)
    wanted = [i for i in range(len(files)) if i not in vouched]
    reads = {i: read_bytes(*files[i]) for i in wanted}
    unreadable: list[Read] = [(None, problems) for data, problems in reads.values() if data is None]
    wanted = [i for i in wanted if reads[i][0] is not None]
    contents = {i: reads[i][0] or b"" for i in wanted}
    keys = {i: _content_key(salt, files[i][1], contents[i]) for i in wanted}
    known = cache.get_many("documents", keys.values())
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
            doc = with_body(doc, (text or "")[start:])
        results[i] = (doc, list(problems))
    cache.put_many("documents", fresh)
    settled = settled_before()
    latest: Index = {stats[i][0]: index[stats[i][0]] for i in vouched}
    latest |= {stats[i][0]: (keys[i], fresh.get(keys[i]) or known[keys[i]])
               for i in wanted if i in stats and stats[i][1] < settled}
    cache.keep("documents", (origin for origin, _ in latest.values()))  # for a checkout whose files are all new
    cache.put_index(INDEX, index_key, index, latest)
    return [results[i] for i in range(len(files)) if i in results] + unreadable


def _read_in_workers(files: Sequence[tuple[Path, str]], kind: Kind, config: Config, salt: bytes,
                     workers: int) -> list[Read]:
    """Read and check every file in worker processes, each reading its own share, bodies included.

    Without a cache nothing is looked up by a file's bytes, so this process need not read
    them all first: at 10,000 posts that took it 0.4 s while the workers waited.
    """
    made = fork_map(lambda i: _read_and_check(*files[i], kind, config, salt), range(len(files)),
                    PARALLEL_THRESHOLD, workers)
    return ([(doc if doc is None else with_body(doc, body), list(problems)) for doc, body, problems, read in made if read]
            + [(None, list(problems)) for _, _, problems, read in made if not read])


def _read_and_check(file: Path, path: str, kind: Kind, config: Config,
                    salt: bytes) -> tuple[DocumentSource | None, str, tuple[Problem, ...], bool]:
    """Read and check one file; return its front matter, its body, its problems, and whether it could be read."""
    data, problems = read_bytes(file, path)
    if data is None:
        return None, "", tuple(problems), False
    (doc, start, found, _), text = _checked(file.stem, path, data, kind, config, _content_key(salt, path, data))
    if doc is None:
        return None, "", found, True
    return doc, text[start:], found, True  # the text as checked: decoded once, characters replaced if need be


class UnreadBody:
    """The body of a file the cache vouched for, read only if its Markdown must be rendered again.

    Calling it returns the body, or None when the file no longer has the bytes its front
    matter was checked from (it changed while the build ran). A class with slots, since one is
    made for every post at every build, in a third of a frozen dataclass's time.
    """

    __slots__ = ("file", "path", "key", "salt", "start")

    def __init__(self, file: Path, path: str, key: str, salt: bytes, start: int) -> None:
        self.file, self.path, self.key, self.salt, self.start = file, path, key, salt, start

    def __call__(self) -> str | None:
        data, _ = read_bytes(self.file, self.path)
        if data is None or _content_key(self.salt, self.path, data) != self.key:
            return None
        return decode_checked(data)[self.start:]


def _vouched(files: Sequence[tuple[Path, str]], stats: dict[int, tuple[str, int]], index: Index,
             salt: bytes) -> dict[int, Read]:
    """Return the documents of the files whose size, times and inode `index` knows, their bodies unread."""
    vouched: dict[int, Read] = {}
    for position, (key, _) in stats.items():
        known = index.get(key)
        if not (isinstance(known, tuple) and len(known) == 2 and isinstance(known[0], str) and _fits(known[1])):
            continue
        origin, (doc, start, problems, replaced) = known
        if replaced:  # a text whose characters were replaced is read again
            continue
        if doc is not None:
            file, path = files[position]
            doc = with_body(doc, UnreadBody(file, path, origin, salt, start))
        vouched[position] = (doc, list(problems))
    return vouched


def _content_key(salt: bytes, path: str, data: bytes) -> str:
    return hashlib.sha256(salt + path.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()


def _entry(stem: str, path: str, data: bytes, kind: Kind, config: Config, key: str) -> Entry:
    """Read and check one file; return its front matter without the body, where the body starts, problems."""
    return _checked(stem, path, data, kind, config, key)[0]


def _checked(stem: str, path: str, data: bytes, kind: Kind, config: Config, key: str) -> tuple[Entry, str]:
    """Return the Entry of one file, and its text as decoded and checked (empty when it is not UTF-8)."""
    text, read = decode_text(data, path)
    if text is None:
        return (None, 0, tuple(read), False), ""
    source, problems = split_front_matter(text, path)
    if source is None:
        return (None, 0, tuple(read + problems), bool(read)), text
    doc, problems = check_document(source, stem, kind, config)
    return (with_body(doc, "", key), len(text) - len(source.body), tuple(read + problems), bool(read)), text


def _fits(hit: object) -> TypeGuard[Entry]:
    """Say whether a cached entry has the shape this version stores (anything else is a miss)."""
    return (isinstance(hit, tuple) and len(hit) == 4 and (hit[0] is None or isinstance(hit[0], DocumentSource))
            and isinstance(hit[1], int) and isinstance(hit[2], tuple) and isinstance(hit[3], bool))
