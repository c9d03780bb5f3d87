"""The persistent build cache: pickled values in one SQLite file, trusted only when they fit.

The cache only saves time. A build with a missing, deleted, corrupt or foreign cache gives
the same bytes as one with a warm cache; a cache that cannot be read is set aside with a
warning, never a crash or a wrong page.
"""

from __future__ import annotations

import copyreg
import functools
import hashlib
import os
import pickle
import shutil
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ugsite import __version__
from ugsite.incremental import CACHE_DIR
from ugsite.incremental.code_digest import code_digest, remember_code_digest
from ugsite.problems import Problem, warning


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


# Model objects hold their mappings read-only (MappingProxyType, which pickle refuses); the
# cache, the fingerprints and the worker processes that read front matter pickle them. The
# faster forms of some model objects are in ugsite.incremental.model_pickles.
copyreg.pickle(MappingProxyType, lambda proxy: (_proxy, (dict(proxy),)))

INDEX_PARTS = 64  # the parts of an index (BuildCache.get_index), by the CRC-32 of the key


def _index_parts(index: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the entries of `index` in INDEX_PARTS parts, each entry in the one its key falls in."""
    parts: list[dict[str, Any]] = [{} for _ in range(INDEX_PARTS)]
    for key, value in index.items():
        parts[_index_part(key)][key] = value
    return parts


def _index_part(key: str) -> int:
    """Return which of an index's parts the entry of `key` is kept in."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % INDEX_PARTS


CONTENT = "content"  # the folder of built files, and the space that counts which a build used
SPARES = "spare"  # the folder of outputs kept for the next build to start from
CODE_NOTE = "code-digest"  # the digest of ugsite's code, and what it was worked out from (remember_code_digest)


@functools.cache
def cache_format() -> str:
    """Return what the cache's entries are valid for: the number changes with what the cache holds, the
    digest with any code that shapes the output (worked out only by builds that use the cache)."""
    return f"ugsite {__version__} cache 4 {code_digest()}"


class BuildCache:
    """Values by (space, key), and the built files by digest; entries a build did not use are dropped when it closes.

    The files (`content/`) are hard links to the ones a build wrote, so keeping them costs
    neither time nor space while the output is there; a file is read back only when its
    bytes still have the digest it is filed under.
    """

    def __init__(self, folder: Path | None) -> None:
        self.problems: list[Problem] = []
        self.used: dict[str, set[str]] = {}
        self.db: sqlite3.Connection | None = None
        self.files: Path | None = None
        self.folder = folder
        self._owner = os.getpid()  # the process that opened `db`; a forked worker reads through a connection of its own
        self._forked: tuple[int, sqlite3.Connection] | None = None
        self._indexes: dict[tuple[str, str], tuple[dict[str, Any], list[dict[str, Any]]]] = {}  # read: whole, in parts
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            remember_code_digest(folder / CODE_NOTE)  # cache_format() without reading ugsite's code again
            self.files = folder / CONTENT
            self.db = self._open(folder / "cache.sqlite")
        except (sqlite3.Error, OSError) as exc:
            self.problems.append(warning(f"{CACHE_DIR}/cache.sqlite", f"the build cache could not be used ({exc}); "
                                         "building without it", None, f"delete the {CACHE_DIR} folder"))
            self.db = self.files = None

    def _open(self, file: Path) -> sqlite3.Connection:
        db = sqlite3.connect(file, isolation_level=None, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # A commit waits for no flush to the disk (a dozen commits a build, each a millisecond or more):
            # in WAL mode the file stays whole even so, and what a crash takes back is only time saved.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (format TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS kv (space TEXT, key TEXT, value BLOB, PRIMARY KEY (space, key))")
            found = db.execute("SELECT format FROM meta").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            file.unlink(missing_ok=True)
            self.problems.append(warning(f"{CACHE_DIR}/cache.sqlite", "the build cache was damaged and has been reset"))
            return self._open(file)
        if found is None or found[0] != cache_format():
            if self.files is not None:
                shutil.rmtree(self.files, ignore_errors=True)
            db.execute("DELETE FROM kv")
            db.execute("DELETE FROM meta")
            db.execute("INSERT INTO meta VALUES (?)", (cache_format(),))
        return db

    def get_many(self, space: str, keys: Iterable[str]) -> dict[str, Any]:
        """Return the cached values of `keys` that exist and unpickle."""
        wanted = list(dict.fromkeys(keys))
        self.used.setdefault(space, set()).update(wanted)
        db = self._reader()
        if db is None or not wanted:
            return {}
        found: dict[str, Any] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = db.execute(f"SELECT key, value FROM kv WHERE space = ? AND key IN ({marks})",
                                  (space, *chunk)).fetchall()
            except sqlite3.Error:
                return found
            for key, blob in rows:
                try:
                    found[key] = pickle.loads(blob)
                except Exception:  # noqa: BLE001 - any unreadable entry is simply a miss
                    continue
        return found

    def get_index(self, space: str, name: str) -> dict[str, Any]:
        """Return the index `name` of `space`: the entries a build kept together with put_index, read back at once.

        Where a build reads back nearly all of a space's entries at every build (the front
        matter of every post, what every body's rendering found, the digest of every page), one
        pickle of a thousand reads back in a fraction of the time of a thousand (their classes,
        time zones and tags are read once); kept in INDEX_PARTS parts, an edit writes one again.
        """
        found = self.get_many(f"{space}:index", [f"{name}:{p}" for p in range(INDEX_PARTS)])
        parts = [part if isinstance(part := found.get(f"{name}:{p}"), dict) else {} for p in range(INDEX_PARTS)]
        index: dict[str, Any] = {}
        for part in parts:
            index |= part
        self._indexes[space, name] = (index, parts)
        return index

    def get_many_indexed(self, space: str, name: str, keys: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return the index `name` of `space`, and the cached values of `keys`: from it where it has them, else by key.

        Entries that another index (another output folder) keeps are found under their keys.
        """
        index = self.get_index(space, name)
        wanted = list(keys)
        found = {key: index[key] for key in wanted if key in index}
        self.keep(space, found)
        found |= self.get_many(space, [key for key in wanted if key not in found])
        return index, found

    def has_index(self, space: str, name: str) -> bool:
        """Say whether the index `name` of `space` has any part in the cache, without reading it."""
        db = self._reader()
        if db is None:
            return False
        keys = [f"{name}:{p}" for p in range(INDEX_PARTS)]
        try:
            return db.execute(f"SELECT 1 FROM kv WHERE space = ? AND key IN ({','.join('?' * len(keys))}) LIMIT 1",
                              (f"{space}:index", *keys)).fetchone() is not None
        except sqlite3.Error:
            return False

    def put_index(self, space: str, name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        """Keep `new` as the index `name` of `space`, writing only its parts that differ from `old` (what get_index gave)."""
        read = self._indexes.pop((space, name), None)  # its parts become the new index's
        if read is None or read[0] is not old:
            parts, before = _index_parts(new), _index_parts(old)
            self.put_many(f"{space}:index", {f"{name}:{p}": part for p, part in enumerate(parts) if part != before[p]})
            return
        # The parts it was read in, with only the entries that came, went or changed placed again:
        # after a small edit, a few of many thousands.
        missing = object()
        moved = [key for key, value in new.items() if (was := old.get(key, missing)) is not value and was != value]
        moved += old.keys() - new.keys()
        parts = read[1]
        changed = {_index_part(key) for key in moved}
        for p in changed:
            parts[p] = {key: value for key, value in parts[p].items() if key in new}
        for key in moved:
            if key in new:
                parts[_index_part(key)][key] = new[key]
        self.put_many(f"{space}:index", {f"{name}:{p}": parts[p] for p in sorted(changed)})

    def _reader(self) -> sqlite3.Connection | None:
        """Return a connection this process may read with: `db`, or in a forked worker one of its own.

        A connection must not be used on both sides of a fork (SQLite's rule); a worker that
        renders a page whose post's HTML is still in the cache opens its own, read-only.
        """
        if self.db is None or os.getpid() == self._owner or self.folder is None:
            return self.db
        if self._forked is None or self._forked[0] != os.getpid():
            try:
                uri = (self.folder / "cache.sqlite").resolve().as_uri() + "?mode=ro"
                self._forked = (os.getpid(), sqlite3.connect(uri, uri=True, timeout=30))
            except (sqlite3.Error, ValueError):
                return None
        return self._forked[1]

    @property
    def enabled(self) -> bool:
        """Say whether values are read and stored (not with --no-cache, nor after an error)."""
        return self.db is not None

    def keep(self, space: str, keys: Iterable[str]) -> None:
        """Mark entries as still in use without reading them."""
        self.used.setdefault(space, set()).update(keys)

    def spare_folder(self, out: Path) -> Path | None:
        """Return where the output before the last one of the output folder `out` is kept (ugsite.output.write)."""
        if self.folder is None or self.db is None:
            return None
        return self.folder / SPARES / hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]

    def file_of(self, digest: str) -> Path | None:
        """Return where the built file of `digest` is kept (None without a cache)."""
        return self.files / digest[:2] / digest if self.files is not None and self.db is not None else None

    def keep_file(self, digest: str, file: str) -> None:
        """Keep the built `file` whose bytes have `digest` (from a worker process too): linked, else copied."""
        kept = self.file_of(digest)
        if kept is None:
            return
        try:
            try:
                os.link(file, kept)
            except FileNotFoundError:  # the first file of its folder
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.link(file, kept)
        except FileExistsError:
            pass
        except OSError:  # another file system, or one without hard links
            spare = kept.with_name(f"{digest}.{os.getpid()}")
            try:
                shutil.copyfile(file, spare)
                os.replace(spare, kept)
            except OSError:
                spare.unlink(missing_ok=True)

    def kept_bytes(self, digest: str) -> bytes | None:
        """Return the bytes of the kept file of `digest`, if it is there and still has them."""
        kept = self.file_of(digest)
        if kept is None:
            return None
        self.used.setdefault(CONTENT, set()).add(digest)
        try:
            data = kept.read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

    def put_many(self, space: str, items: dict[str, Any]) -> None:
        """Store values; they are visible to the next build."""
        self.used.setdefault(space, set()).update(items)
        if self.db is None or not items or os.getpid() != self._owner:  # only the process that opened it writes
            return
        rows = [(space, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in items.items()]
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO kv VALUES (?, ?, ?)", rows)
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self.db = None

    def close(self) -> None:
        """Drop the entries this build did not use, so the cache does not grow forever.

        Every entry a build uses is in the cache when it ends, so the rows beyond those are
        stale; they are dropped once they are more than a tenth of the cache, which keeps
        the cache small without paying for a sweep after every small edit.
        """
        if self.db is None:
            return
        if CONTENT in self.used:  # a build that rendered nothing (nothing changed) says nothing of the files
            self._shed_files(self.used[CONTENT])
        try:
            self.db.execute("BEGIN")
            for space, keys in self.used.items():
                if space == CONTENT:
                    continue
                (rows,) = self.db.execute("SELECT COUNT(*) FROM kv WHERE space = ?", (space,)).fetchone()
                if rows - len(keys) <= len(keys) // 10:
                    continue
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
                self.db.execute("DELETE FROM keep")
                self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keys))
                self.db.execute("DELETE FROM kv WHERE space = ? AND key NOT IN (SELECT key FROM keep)", (space,))
            self.db.execute("COMMIT")
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = None

    def _shed_files(self, used: set[str]) -> None:
        """Remove the kept files this build did not use, once they are more than a tenth of those it did."""
        if self.files is None or not self.files.is_dir():
            return
        kept = [entry for folder in os.scandir(self.files) if folder.is_dir() for entry in os.scandir(folder.path)]
        stale = [entry.path for entry in kept if entry.name not in used]
        if len(stale) > len(used) // 10:
            for path in stale:
                try:
                    os.unlink(path)
                except OSError:
                    pass
