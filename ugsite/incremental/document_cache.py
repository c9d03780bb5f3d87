"""Read many posts and pages, reusing the checked front matter of files whose bytes did not change.

Parsing front matter is most of the cost of reading an unchanged archive. A file's checked
front matter depends only on its bytes, its path and the site settings, so it is cached
under a digest of all three; the body is always taken from the file itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeGuard

from ugsite.incremental.cache import FORMAT, BuildCache
from ugsite.site.config import Config
from ugsite.site.documents import DocumentSource, Kind, check_document
from ugsite.content.frontmatter import decode_checked, decode_text, read_bytes, split_front_matter
from ugsite.parallel import fork_map
from ugsite.problems import Problem

PARALLEL_THRESHOLD = 500  # files to check before worker processes pay for themselves
Read = tuple[DocumentSource | None, list[Problem]]
# Front matter, where the body starts, problems, and whether the text needed characters replaced.
Entry = tuple[DocumentSource | None, int, tuple[Problem, ...], bool]


def read_documents(files: Sequence[tuple[Path, str]], kind: Kind, config: Config,
                   cache: BuildCache | None = None, workers: int = 1) -> list[Read]:
    """Read and check each (file, site path) in `files`; return each document or its problems."""
    salt = f"{FORMAT}\0{kind}\0{config!r}\0".encode("utf-8", "surrogatepass")
    reads = [read_bytes(file, path) for file, path in files]
    unreadable: list[Read] = [(None, problems) for data, problems in reads if data is None]
    files = [f for f, (data, _) in zip(files, reads) if data is not None]
    contents = [data for data, _ in reads if data is not None]
    keys = [hashlib.sha256(salt + path.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()
            for (_, path), data in zip(files, contents)]
    known = cache.get_many("documents", keys) if cache is not None and cache.enabled else {}
    misses = [i for i, key in enumerate(keys) if not _fits(known.get(key))]
    # Workers send back entries without the body, which is cheap to cut from the text here.
    fresh = dict(zip((keys[i] for i in misses), fork_map(
        lambda i: _entry(files[i][0].stem, files[i][1], contents[i], kind, config, keys[i]),
        misses, PARALLEL_THRESHOLD, workers)))
    results: list[Read] = []
    for (_, path), data, key in zip(files, contents, keys):
        doc, start, problems, replaced = fresh[key] if key in fresh else known[key]
        if doc is not None:
            # These bytes were decoded and checked when the entry was made; only replacements need redoing.
            text = decode_text(data, path)[0] if replaced else decode_checked(data)
            doc = DocumentSource(**{**vars(doc), "body": (text or "")[start:]})  # faster than replace()
        results.append((doc, list(problems)))
    if cache is not None:
        cache.put_many("documents", fresh)
    return results + unreadable


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
