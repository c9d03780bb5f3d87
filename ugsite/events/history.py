"""Read when event sources were first published and last changed, from the site's git history.

Calendar clients decide whether an event changed by its SEQUENCE and LAST-MODIFIED, so these
must move when the file changes and stay put when it does not. Git knows exactly that: the
number of commits that touched a file and their dates. A file with uncommitted changes counts
one change more, dated at the build's moment. Outside a git checkout, nothing is known and
events carry no history.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from ugsite.site.model import History


def read_history(root: Path, folders: Iterable[str], now: datetime) -> dict[str, History]:
    """Return the history of every file under `folders` (site-relative), by site-relative path."""
    git = shutil.which("git")
    if git is None:
        return {}
    top = _git(git, root, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    prefix = root.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    paths = list(folders)
    log = _git(git, root, "-c", "core.quotepath=off", "log", "--format=%x1e%ct", "--name-only", "--no-renames",
               "--", *paths)
    if log is None:
        return {}
    stamps: dict[str, list[int]] = {}
    for block in log.split("\x1e")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        when = int(lines[0])
        for name in lines[1:]:
            if name.startswith(prefix):
                stamps.setdefault(name[len(prefix):], []).append(when)
    status = _git(git, root, "-c", "core.quotepath=off", "status", "--porcelain", "--untracked-files=no", "--", *paths) or ""
    dirty = {line[3:].strip() for line in status.splitlines() if len(line) > 3}
    history: dict[str, History] = {}
    for name, times in stamps.items():
        first, last = datetime.fromtimestamp(min(times), timezone.utc), datetime.fromtimestamp(max(times), timezone.utc)
        changed = f"{prefix}{name}" in dirty
        history[name] = History(first, now if changed else last, len(times) - 1 + changed)
    return history


def _git(git: str, root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
