"""Recognise a rebuild in which nothing changed, from file sizes, times and inodes alone.

A build's output depends on the files of the site folder, the built-in themes, ugsite
itself, the options and, for calendars, the site's git history. When all of those are as
they were for the last build into the same output folder, and that folder is intact,
there is nothing to do: this is how `make` decides, and it answers in milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from ugsite import __version__
from ugsite.render.theme_folder import builtin_themes

_SKIPPED = {".git", ".ugsite-cache", "__pycache__", "node_modules", ".venv", ".hg", ".svn"}


def snapshot(root: Path, output: Path, options: str) -> str:
    """Return a key that changes whenever any input of a build into `output` may have."""
    digest = hashlib.sha256(f"{__version__}\0{options}\0".encode())
    out = output.resolve()
    for base in (root, builtin_themes(), Path(__file__).parents[1]):
        _walk(base.resolve(), out, digest)
    digest.update(_git_state(root).encode())
    return digest.hexdigest()


def _walk(base: Path, out: Path, digest: "hashlib._Hash") -> None:
    skipped_output = str(out)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith(".public")
                         and not d.startswith(f".{out.name}.") and os.path.join(folder, d) != skipped_output)
        for name in sorted(files):
            file = os.path.join(folder, name)
            try:
                stat = os.stat(file)
            except OSError:
                continue
            # The change time too: an edit can keep the size and put the modification time back.
            digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\n"
                          .encode("utf-8", "surrogateescape"))


def _git_state(root: Path) -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        head = subprocess.run([git, "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=30)
        status = subprocess.run([git, "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--", "."],
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return head.stdout + status.stdout
