"""Write the built site: into a fresh folder first, then swapped in for the old output."""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from ugsite.parallel import Beside, fork_map
from ugsite.problems import Problem, error

_SOURCE_FOLDERS = ("posts", "pages", "data", "static", "templates", "themes", "events")
MARKER = ".ugsite-output"  # in every output folder: ugsite wrote it, and may replace it
_MARKER_TEXT = b"This folder was written by ugsite build, which replaces it whole at every build.\n"


def check_output(out: Path, root: Path, ours: bool = False) -> Problem | None:
    """Refuse output folders whose replacement would destroy sources or files ugsite did not write.

    A folder is ugsite's when it holds the marker every build writes, or when `ours` says so
    (the build cache remembers building it, or the user passed --force).
    """
    out, root = out.resolve(), root.resolve()
    shown = str(out)
    if out == root or root.is_relative_to(out):
        return error(shown, "the output folder would replace the site's own sources", None,
                     "pick an output folder inside the site, e.g. -o public")
    if any(out.is_relative_to(root / folder) for folder in _SOURCE_FOLDERS):
        return error(shown, "the output folder is inside a source folder of the site", None,
                     "pick an output folder such as public/")
    if out.exists() and not out.is_dir():
        return error(shown, "the output path is a file, not a folder", None, "remove it or pick another -o")
    if out.is_dir() and not ours and not (out / MARKER).is_file() and any(out.iterdir()):
        return error(shown, f"the output folder holds files that ugsite did not write (it has no {MARKER}), and a "
                     "build replaces the folder whole", None,
                     "pick an empty folder or one that ugsite built, or add --force to replace it")
    return None


# Output path -> (digest, size in bytes, modification time in ns). The time tells a file changed in
# place apart (the files are hard links shared by the output, the spare and the cache): ugsite
# never writes into a file it made, so any change to one gives it a new time.
ManifestEntry = tuple[str, int, int]  # a built file's digest, size and modification time
Manifest = dict[str, ManifestEntry]


@dataclass(frozen=True)
class FileEntry:
    """One file of the built site: its digest, and its bytes or the file to copy when at hand.

    `written` is the size and modification time of a file already written into the build's new
    folder (NewFolder), which the writer then leaves as it is.
    """

    digest: str
    content: bytes | None = None
    source: Path | None = None
    written: tuple[int, int] | None = None


class NewFolder:
    """The folder beside `out` that a build writes into, before write_site puts it in out's place whole.

    It starts empty, or as the output before the last one (`spare`, a folder in the build
    cache, where the last build kept it with a list of its files instead of removing it): then
    only the files that differ are written, and no folder is made again. `put` writes one file into it, from this
    process or a forked worker (each keeps its own list of the folders it made); it never
    writes into an existing file, which may be a hard link shared with an output or the cache.
    What the spare holds is looked up by a forked process (one of `workers`) while the build goes on.
    """

    def __init__(self, out: Path, spare: Path | None = None, workers: int = 1) -> None:
        self.out = out.resolve()
        self.path = self.out.with_name(f".{self.out.name}.new-{_unique()}")
        self.spare_path = spare
        self.spare: Manifest | None = None  # what the folder held when it was taken, if it was the spare
        self._folders: set[str] = set()
        self._workers = workers
        self._present: Beside[dict[str, tuple[int, int]]] | None = None
        self._found: dict[str, tuple[int, int]] | None = None

    def create(self) -> None:
        """Take the spare folder, else make the folder, empty but for the marker.

        What killed builds left is removed in the background once it is older than any build
        or removal still at work on it would be.
        """
        self.out.parent.mkdir(parents=True, exist_ok=True)
        for leftover in [*self.out.parent.glob(f".{self.out.name}.new-*"),
                         *self.out.parent.glob(f".{self.out.name}.old-*")]:
            if _older_than(leftover, LEFTOVER_SECONDS):
                _remove(leftover, background=True)
        self.spare = _take_spare(self.spare_path, self.path) if self.spare_path else None
        if self.spare is None:
            self.path.mkdir()
            (self.path / MARKER).write_bytes(_MARKER_TEXT)
        else:
            self._present = Beside(functools.partial(_present, self.path), self._workers)
        self._folders = {str(self.path)}

    def present(self) -> dict[str, tuple[int, int]]:
        """Return the size and modification time of every file the folder holds (but the marker) by its output
        path; empty unless it was the spare."""
        if self._found is None:
            self._found = self._present.result() if self._present is not None else {}
            self._present = None
        return self._found

    def held(self, files: Mapping[str, FileEntry]) -> frozenset[str]:
        """Return the paths of `files` whose copy in the folder, taken from the spare, stands for them (same digest,
        size and time).

        Files the build wrote into the folder itself are not among them, so that the look at
        the folder may have been taken before or while they were written.
        """
        if self.spare is None:
            return frozenset()
        spare, present = self.spare, self.present()
        return frozenset(path for path, entry in files.items()
                         if entry.written is None and (known := spare.get(path)) is not None
                         and known[0] == entry.digest and known[1:] == present.get(path))

    def put(self, path: str, content: bytes) -> tuple[str, int]:
        """Write `content` at the output path `path`; return the file's path and modification time."""
        target = os.path.join(self.path, path)
        _make_way(str(self.path), target, self._folders, self.spare is not None)
        return target, _written(target, content)

    def remove(self) -> None:
        """Remove the folder and all written into it (a build that stopped).

        A spare's many files are moved out of the way into the cache at once, and removed there
        in the background.
        """
        self._stop_looking()
        if self.spare is None or self.spare_path is None:
            _remove(self.path, background=False)
            return
        _throw_away(self.path, _trash(self.spare_path), background=True)

    def _stop_looking(self) -> None:
        if self._present is not None:
            self._present.cancel()
            self._present = None

    def give_back(self) -> None:
        """Keep the folder as the spare again, when nothing was written into it; else remove it."""
        if self.spare is None or self.spare_path is None:
            self.remove()
            return
        self._stop_looking()
        try:
            _write_spare_list(self.path, self.spare)
            self.path.rename(self.spare_path)
        except OSError:
            self.remove()


_BUILDS = itertools.count()


def _unique() -> str:
    """Return a name part no other folder of this process or another one takes (a preview server builds often)."""
    return f"{os.getpid()}-{next(_BUILDS)}"


SPARE_LIST = ".ugsite-spare"  # in a spare folder: its files' digests, sizes and times by path (a pickle, as the cache's values)


def _take_spare(spare: Path, path: Path) -> Manifest | None:
    """Rename the spare folder to `path` and return the list of its files; None if there is no usable spare."""
    try:
        listed = (spare / SPARE_LIST).read_bytes()
        spare.rename(path)
    except OSError:
        if spare.exists():
            _throw_away(spare, _trash(spare), background=True)
        return None
    _unlink(str(path / SPARE_LIST))
    try:
        found = pickle.loads(listed)
    except Exception:  # noqa: BLE001 - a damaged list, whatever its damage: every file is written again
        return {}
    return found if _is_manifest(found) else {}


def _is_manifest(value: object) -> TypeGuard[Manifest]:
    """Say whether `value` has the shape of a Manifest (a spare list of another shape is taken as damaged)."""
    return isinstance(value, dict) and all(
        type(path) is str and type(entry) is tuple and len(entry) == 3 and type(entry[0]) is str
        and type(entry[1]) is int and type(entry[2]) is int for path, entry in value.items())


def _keep_spare(old: Path, out: Path, spare: Path | None, manifest: Mapping[str, ManifestEntry] | None,
                files: int) -> None:
    """Keep the previous output, which `manifest` describes, as the next build's `spare`; else remove it."""
    if not old.exists():
        return
    if spare is None or manifest is None or spare.exists():
        _discard(old, out, files)
        return
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        _write_spare_list(old, manifest)
        old.rename(spare)  # fails across file systems: then it is removed
    except OSError:
        _discard(old, out, files)
        return
    _prune_spares(spare)


def _prune_spares(spare: Path) -> None:
    """Remove the spares of other output folders (`-o elsewhere`) beyond the last few, which are not worth
    their disk, and what killed builds left beside them (spares half made, folders half removed: names with a dot)."""
    others = sorted((p for p in spare.parent.iterdir() if p != spare and not p.name.startswith(".")),
                    key=_changed, reverse=True)
    for other in others[SPARES_KEPT - 1:]:
        _throw_away(other, _trash(other), background=True)
    for leftover in spare.parent.glob(".*"):
        if _older_than(leftover, LEFTOVER_SECONDS):
            _remove(leftover, background=True)


SPARES_KEPT = 2  # output folders of one site whose spare is kept


def _make_spare(built: Path, spare: Path, manifest: Mapping[str, ManifestEntry], workers: int) -> None:
    """Link the files of the output folder `built` (`manifest` describes it) into `spare`, when no earlier output can be kept.

    After a build that knew nothing of the output it replaced (the first with a cache, or
    the first after the cache was reset), the next build would otherwise start from an empty
    folder and link every unchanged file into it: at 10,000 posts that is 15,000 links and
    14,000 folders, most of a one-post rebuild. Made here, hard links cost no bytes, and the
    folder is named `spare` only once it is whole. (A build into a folder that did not exist,
    as the preview server's into a new one each time, makes none: it may be the only one.)
    """
    if spare.exists():
        return
    making = spare.with_name(f".{spare.name}.new-{_unique()}")
    paths = sorted(manifest)
    size = max(1, -(-len(paths) // (8 * max(1, workers))))
    try:
        making.mkdir(parents=True)
        os.link(built / MARKER, making / MARKER)
        fork_map(lambda part: _link_files(part, str(built), str(making)),
                 [paths[i:i + size] for i in range(0, len(paths), size)], 2, workers)
        _write_spare_list(making, manifest)
        making.rename(spare)
    except OSError:  # another file system, or a file gone: the next build links what it needs itself
        _remove(making, background=len(paths) >= BACKGROUND_DISCARD)
        return
    _prune_spares(spare)


def _link_files(paths: Sequence[str], source_root: str, target_root: str) -> None:
    """Hard-link each of `paths` under `source_root` to the same path under `target_root`."""
    folders = {target_root}
    for path in paths:
        target = os.path.join(target_root, path)
        parent = os.path.dirname(target)
        if parent not in folders:
            os.makedirs(parent, exist_ok=True)
            folders.add(parent)
        os.link(os.path.join(source_root, path), target)


def _changed(path: Path) -> float:
    try:
        return path.lstat().st_ctime
    except OSError:
        return 0.0


def _write_spare_list(folder: Path, manifest: Mapping[str, ManifestEntry]) -> None:
    # Read back at the next build: a pickle of 15,000 files' entries takes a third of the time JSON does, both ways.
    (folder / SPARE_LIST).write_bytes(pickle.dumps(dict(manifest), protocol=pickle.HIGHEST_PROTOCOL))


def _present(root: Path) -> dict[str, tuple[int, int]]:
    """Return the size and modification time of every file under `root` by its path there (but the marker's)."""
    found: dict[str, tuple[int, int]] = {}
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append((name + "/", entry.path))
                elif name != MARKER:
                    stat = entry.stat(follow_symlinks=False)
                    found[name] = (stat.st_size, stat.st_mtime_ns)
    return found


def _remove_stale(root: Path, stale: Collection[str]) -> None:
    """Remove the files `stale` from under `root`, and the folders that leaves empty."""
    emptied: set[str] = set()
    for path in stale:
        try:
            _unlink(os.path.join(root, path))
        except OSError:  # a folder now, made by this build for its files (a file that became a page)
            if not os.path.isdir(os.path.join(root, path)):
                raise
        emptied.add(os.path.dirname(path))
    for folder in sorted(emptied, key=len, reverse=True):
        while folder:
            try:
                os.rmdir(os.path.join(root, folder))
            except OSError:  # not empty: it holds files of this build
                break
            folder = os.path.dirname(folder)


def _make_way(root: str, target: str, folders: set[str], replacing: bool) -> None:
    """Make the folders above `target` (those in `folders` are made); when `replacing` (the folder under
    `root` was the spare), also remove what stands in the way: the old file at `target`, a folder
    where the file goes, or a file where one of its folders goes (a static file that became a page)."""
    parent = os.path.dirname(target)
    if parent not in folders:
        try:
            os.makedirs(parent, exist_ok=True)  # another process may be making it too
        except (FileExistsError, NotADirectoryError):
            if not replacing:
                raise
            place = root
            for part in os.path.relpath(parent, root).split(os.sep):
                place = os.path.join(place, part)
                if os.path.islink(place) or (os.path.lexists(place) and not os.path.isdir(place)):
                    _unlink(place)
            os.makedirs(parent, exist_ok=True)
        folders.add(parent)
    if replacing:
        try:
            _unlink(target)
        except OSError:  # a folder (Linux says so, others refuse to unlink it)
            if not os.path.isdir(target) or os.path.islink(target):
                raise
            shutil.rmtree(target)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def reusable(files: Mapping[str, FileEntry], out: Path, previous: Mapping[str, ManifestEntry] | None,
             held: Collection[str] = frozenset()) -> frozenset[str]:
    """Return the paths whose copy in `out` from the last build stands for the new file (same digest, size and time).

    Those `held` already (NewFolder.held: the spare has them) are not looked at.
    """
    if not previous:
        return frozenset()
    old_root = str(out.resolve())
    return frozenset(path for path, entry in files.items() if entry.written is None and path not in held
                     and _linkable(os.path.join(old_root, path), entry, previous.get(path)))


def bytes_needed(files: Mapping[str, FileEntry], reused: Collection[str]) -> list[str]:
    """Return the paths in `files` whose bytes the writer needs: neither at hand nor `reused` from the last build."""
    return [path for path, entry in files.items()
            if entry.content is None and entry.source is None and entry.written is None and path not in reused]


def write_site(files: Mapping[str, FileEntry], out: Path,
               previous: Mapping[str, ManifestEntry] | None = None,
               finish: Callable[[Path], list[Problem]] | None = None,
               reused: Collection[str] = frozenset(), workers: int = 1,
               new: NewFolder | None = None,
               held: frozenset[str] | None = None) -> tuple[list[Problem], Manifest | None]:
    """Write `files` into a new folder beside `out`, then swap it in place of `out` at once.

    Every entry brings its bytes or a file to copy, or was `written` into `new` already
    (the folder the build made for rendering into, else one made here), except those
    `reused`: the files of the last build's output (`previous` describes it, `reusable` finds
    them) that did not change, which are hard-linked from there instead of written again;
    when nothing changed at all, nothing is written. Up to `workers` processes write at once.
    `held` is `new.held(files)` when the caller has it already.
    `finish` may add to the folder before the swap (the search index); if it reports
    problems, nothing is swapped. Whenever the build stops, even killed, `out` holds the
    previous output or the new one, never a mix.
    """
    out = out.resolve()
    if previous is not None and out.is_dir() and len(reused) == len(files) == len(previous):
        if new is not None:
            new.give_back()  # nothing was rendered into it
        return [], dict(previous)
    if new is None:
        new = NewFolder(out)
        new.create()
    fresh = new.path
    manifest: Manifest = {path: (entry.digest, *entry.written) for path, entry in files.items()
                          if entry.written is not None}
    spare = new.spare
    if spare is not None:  # the output before the last one: keep what still holds, remove what is gone
        held = new.held(files) if held is None else held
        _remove_stale(fresh, [path for path in new.present() if path not in files])
        manifest.update((path, spare[path]) for path in held)
        files = {path: entry for path, entry in files.items() if path not in held}
    entries = sorted((path, entry) for path, entry in files.items() if entry.written is None)
    # Creating a file costs the system more than the bytes do: slices of neighbouring files
    # (so that each folder is mostly made by one process) are written by processes at once.
    processes = workers if len(entries) >= PARALLEL_FILES else 1
    size = max(1, -(-len(entries) // (8 * max(1, processes))))
    slices = [entries[i:i + size] for i in range(0, len(entries), size)]
    try:
        written = fork_map(lambda part: _write_files(part, str(fresh), str(out), previous or {}, reused,
                                                     spare is not None), slices, 2, processes)
        problems: list[Problem] = []
        for part, found in written:
            manifest.update(part)
            problems += found
        if not problems and finish:
            problems = finish(fresh)
    except BaseException:
        new.remove()
        raise
    if problems:
        new.remove()
        return problems, None
    if previous is None and new.spare_path is not None and out.is_dir():
        _make_spare(fresh, new.spare_path, manifest, workers if len(manifest) >= PARALLEL_FILES else 1)
    swap_folders(fresh, out)
    _keep_spare(fresh, out, new.spare_path, previous, len(manifest))  # now the previous output
    return [], manifest


PARALLEL_FILES = 1000  # below this, starting processes costs more than writing in parallel saves


def _write_files(entries: Sequence[tuple[str, FileEntry]], new_root: str, old_root: str,
                 previous: Mapping[str, ManifestEntry], reused: Collection[str],
                 replacing: bool = False) -> tuple[Manifest, list[Problem]]:
    """Write `entries` under `new_root`, linking the `reused` ones from `old_root`; return what was written.

    `replacing`: the folder holds files already (the spare), which are unlinked, never written into.
    """
    manifest: Manifest = {}
    folders: set[str] = {new_root}
    # Plain strings and os calls: a site has a folder per page, and this loop runs for each file.
    for path, entry in entries:
        target = os.path.join(new_root, path)
        _make_way(new_root, target, folders, replacing)
        if path in reused and path in previous:
            linked = _link_or_copy(os.path.join(old_root, path), target)
            manifest[path] = previous[path] if linked else (entry.digest, *_stamp(target))
        elif entry.content is not None:
            manifest[path] = (entry.digest, len(entry.content), _written(target, entry.content))
        elif entry.source is not None:
            shutil.copyfile(entry.source, target)
            manifest[path] = (entry.digest, *_stamp(target))
        else:
            return manifest, [error(os.path.join(old_root, path), "this file changed while the build ran", None,
                                    "build again")]
    return manifest, []


def _linkable(old: str, entry: FileEntry, known: ManifestEntry | None) -> bool:
    """Say whether the previous output's copy of a file can stand for `entry` (same digest, size and time)."""
    return known is not None and known[0] == entry.digest and _same_stamp(old, known[1:])


def _same_stamp(file: Path | str, stamp: tuple[int, ...]) -> bool:
    try:
        return _stamp(file) == stamp
    except OSError:
        return False


def _stamp(file: Path | str) -> tuple[int, int]:
    """Return a file's size and modification time, by which the manifest knows it."""
    stat = os.stat(file)
    return stat.st_size, stat.st_mtime_ns


def _written(target: str, content: bytes) -> int:
    """Write `content` into the new file `target`; return its modification time."""
    with open(target, "wb") as file:
        file.write(content)
        file.flush()
        return os.fstat(file.fileno()).st_mtime_ns


LEFTOVER_SECONDS = 600  # a new or old output folder untouched this long belongs to no live build or removal
BACKGROUND_DISCARD = 300  # files: from here on, the old output is removed by a process of its own


def _discard(old: Path, out: Path, files: int) -> None:
    """Remove the previous output; a large one in a detached process, so the build need not wait for it.

    Removing a folder per page (10,000 posts: 14,000 folders) takes longer than writing the
    pages that changed. The folder is first renamed to `.NAME.old-PID`, which the next build
    removes too if it is still there.
    """
    if not old.exists():
        return
    _throw_away(old, _trash(out), background=files >= BACKGROUND_DISCARD)


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_ctime > seconds  # renaming a folder sets its ctime
    except OSError:
        return False


def _trash(path: Path) -> Path:
    """Return a name beside `path` to throw a folder away under: `.NAME.old-PID-N`, which later builds clear up."""
    return path.with_name(f".{path.name}.old-{_unique()}")


def _throw_away(folder: Path, trash: Path, background: bool) -> None:
    """Remove `folder`, renamed first to `trash` (in place if it cannot be).

    Out of the way at once, it is never found under its name half removed: a spare emptied in
    place by a detached process, its change time renewed by every file removed, looked the
    newest to a build choosing which spares to keep, and was kept while another was removed.
    """
    try:
        folder.rename(trash)
    except OSError:
        trash = folder
    _remove(trash, background)


def _remove(folder: Path, background: bool) -> None:
    """Remove `folder`; with `background`, in a detached process, so that the build need not wait for it."""
    if background:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                              str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def swap_folders(fresh: Path, out: Path) -> None:
    """Put `fresh` in the place of `out` in one step; `fresh` then names the old folder (if there was one).

    Linux swaps two names atomically (renameat2 with RENAME_EXCHANGE), so no moment exists
    at which `out` is missing or mixed. Elsewhere two renames follow each other closely.
    """
    if out.exists() and _exchange(fresh, out):
        return
    old = out.with_name(f".{out.name}.old-{_unique()}")
    if out.exists():
        out.rename(old)
    try:
        fresh.rename(out)
    except BaseException:
        if old.exists():
            old.rename(out)
        raise
    if old.exists():
        old.rename(fresh)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    rename_at2 = getattr(_libc(), "renameat2", None) if sys.platform.startswith("linux") else None
    if rename_at2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = rename_at2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(done == 0)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _link_or_copy(source: str, target: str) -> bool:
    """Hard-link `source` at `target`, else copy it; say whether it was linked (the same file, with its time)."""
    try:
        os.link(source, target)
        return True
    except OSError:
        shutil.copyfile(source, target)
        return False
