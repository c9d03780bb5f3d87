"""Write the built site: into a fresh folder first, then swapped in for the old output."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from ugsite.problems import Problem, error
from ugsite.render import FileEntry

_SOURCE_FOLDERS = ("posts", "pages", "data", "static", "templates", "themes", "events")


def check_output(out: Path, root: Path) -> Problem | None:
    """Refuse output folders whose replacement would destroy sources or unrelated files."""
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
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        return error(shown, "the output folder holds files that are not a built site, and a build replaces it whole",
                     None, "empty it, or pick another folder with -o")
    return None


Manifest = dict[str, tuple[str, int]]  # output path -> (digest, size in bytes)


def write_site(files: Mapping[str, FileEntry], content: Callable[[str], bytes], out: Path,
               previous: Mapping[str, tuple[str, int]] | None = None,
               finish: Callable[[Path], list[Problem]] | None = None) -> tuple[list[Problem], Manifest | None]:
    """Write `files` to a sibling temporary folder, then swap it in place of `out`.

    `previous` describes what the last build wrote to `out`: files that did not change are
    hard-linked from there instead of written again, and when nothing changed at all
    nothing is written. `finish` may add to the folder before the swap (the search index);
    if it reports problems, nothing is swapped. A build that fails before the swap leaves
    the previous output exactly as it was.
    """
    out = out.resolve()
    if previous is not None and _unchanged(files, previous, out):
        return [], dict(previous)
    if previous is not None and finish is None and out.is_dir():
        return [], _update(files, content, out, previous)
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = out.with_name(f".{out.name}.new-{os.getpid()}")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    manifest: Manifest = {}
    folders: set[Path] = set()
    try:
        for path, entry in sorted(files.items()):
            target = fresh / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            if previous and previous.get(path, ("",))[0] == entry.digest and _same_size(out / path, previous[path][1]):
                _link_or_copy(out / path, target)
                manifest[path] = previous[path]
            elif entry.source is not None:
                shutil.copyfile(entry.source, target)
                manifest[path] = (entry.digest, target.stat().st_size)
            else:
                data = content(path)
                target.write_bytes(data)
                manifest[path] = (entry.digest, len(data))
        problems = finish(fresh) if finish else []
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if problems:
        shutil.rmtree(fresh, ignore_errors=True)
        return problems, None
    if out.exists():
        out.rename(old)
    try:
        fresh.rename(out)
    except BaseException:
        if old.exists():
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return [], manifest


def _update(files: Mapping[str, FileEntry], content: Callable[[str], bytes], out: Path,
            previous: Mapping[str, tuple[str, int]]) -> Manifest:
    """Bring the last build's folder up to date: replace changed files one by one, remove the rest.

    Every file is replaced atomically (written beside it, then renamed over it); the folder
    as a whole is not, but this only runs after the site passed every check, and a folder
    left half-updated by a crash is repaired by the next build, which compares it with the
    manifest of what it should hold.
    """
    manifest: Manifest = {}
    for path, entry in sorted(files.items()):
        target = out / path
        if previous.get(path, ("",))[0] == entry.digest and _same_size(target, previous[path][1]):
            manifest[path] = previous[path]
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.ugsite-{os.getpid()}")
        if entry.source is not None:
            shutil.copyfile(entry.source, temporary)
        else:
            temporary.write_bytes(content(path))
        os.replace(temporary, target)
        manifest[path] = (entry.digest, target.stat().st_size)
    for path in sorted(set(previous) - set(files), reverse=True):
        (out / path).unlink(missing_ok=True)
        folder = (out / path).parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return manifest


def _unchanged(files: Mapping[str, FileEntry], previous: Mapping[str, tuple[str, int]], out: Path) -> bool:
    if set(files) != set(previous) or not out.is_dir():
        return False
    return all(previous[path][0] == entry.digest and _same_size(out / path, previous[path][1])
               for path, entry in files.items())


def _same_size(file: Path, size: int) -> bool:
    try:
        return file.stat().st_size == size
    except OSError:
        return False


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
