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
from collections.abc import Callable
from pathlib import Path

from ugsite import __version__
from ugsite.content.source_files import OUTSIDE_THE_SITE
from ugsite.render.theme_folder import builtin_themes


def snapshot(root: Path, output: Path, options: str) -> str:
    """Return a key that changes whenever any input of a build into `output` may have."""
    digest = hashlib.sha256(f"{__version__}\0{options}\0".encode())
    git = _git_state(root)  # git answers while the files are looked at: its status of a large site takes a while
    out = output.resolve()
    _walk(root.resolve(), out, digest, anywhere=frozenset())
    for base in (builtin_themes(), Path(__file__).parents[1]):  # ugsite's own: its bytecode is not an input
        _walk(base.resolve(), out, digest, anywhere=frozenset({"__pycache__"}))
    digest.update(git().encode())
    return digest.hexdigest()


def _walk(base: Path, out: Path, digest: "hashlib._Hash", anywhere: frozenset[str]) -> None:
    """Add the size, times and inode of every file under `base` to `digest`, but those of the folders a build
    never reads: OUTSIDE_THE_SITE at the top, `anywhere` at any depth, the output and the folders a build
    makes beside it (`.public.new-...`)."""
    top, skipped_output, beside = str(base), str(out), str(out.parent)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in anywhere
                         and not (folder == top and (d in OUTSIDE_THE_SITE or d.startswith(".public")))
                         and not (folder == beside and d.startswith(f".{out.name}."))
                         and os.path.join(folder, d) != skipped_output)
        for name in sorted(files):
            file = os.path.join(folder, name)
            try:
                stat = os.stat(file)
            except OSError:
                continue
            # The change time too: an edit can keep the size and put the modification time back.
            digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\n"
                          .encode("utf-8", "surrogateescape"))


def _git_state(root: Path) -> Callable[[], str]:
    """Start git on the checkout's HEAD and on its changes to tracked files; return what waits for both answers
    (empty where there is no git, or it fails or hangs)."""
    git = shutil.which("git")
    if git is None:
        return _no_answer
    commands = ([git, "-C", str(root), "rev-parse", "HEAD"],
                [git, "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--", "."])
    running: list[subprocess.Popen[str]] = []
    try:
        for command in commands:
            running.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True))
    except OSError:
        _stop(running)
        return _no_answer

    def answers() -> str:
        said = []
        try:
            for process in running:
                said.append(process.communicate(timeout=30)[0])
        except (OSError, subprocess.SubprocessError):
            _stop(running)
            return ""
        return "".join(said)

    return answers


def _no_answer() -> str:
    return ""


def _stop(running: list[subprocess.Popen[str]]) -> None:
    for process in running:
        process.kill()
        process.communicate()
