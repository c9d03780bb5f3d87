"""Write the built site: into a fresh folder first, then swapped in for the old output."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from ugsite.problems import Problem, error

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


def write_site(files: Mapping[str, bytes | Path], out: Path,
               finish: Callable[[Path], list[Problem]] | None = None) -> list[Problem]:
    """Write `files` to a sibling temporary folder, then swap it in place of `out`.

    `finish` may add to the folder before the swap (the search index); if it reports
    problems, nothing is swapped. A build that fails before the swap leaves the previous
    output exactly as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = out.with_name(f".{out.name}.new-{os.getpid()}")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        for path, content in sorted(files.items()):
            target = fresh / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_bytes(content)
        problems = finish(fresh) if finish else []
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if problems:
        shutil.rmtree(fresh, ignore_errors=True)
        return problems
    if out.exists():
        out.rename(old)
    try:
        fresh.rename(out)
    except BaseException:
        if old.exists():
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return []
