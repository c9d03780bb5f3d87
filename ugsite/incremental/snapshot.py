"""Recognise a rebuild in which nothing changed, from file sizes, times and inodes alone.

A build's output depends on the files of the site folder, the built-in themes, ugsite
itself, the options and, for calendars, the site's git history. When all of those are as
they were for the last build into the same output folder, and that folder is intact,
there is nothing to do: this is how `make` decides, and it answers in milliseconds.
"""

from __future__ import annotations

import hashlib
import operator
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from stat import S_ISDIR

from ugsite import __version__
from ugsite.content.source_files import OUTSIDE_THE_SITE, SiteFiles
from ugsite.incremental.cache import cache_format


def snapshot(root: Path, output: Path, options: str, listed: SiteFiles | None = None) -> str:
    """Return a key that changes whenever any input of a build into `output` may have.

    `listed` keeps what the walk of the site's folders found, for the build to read its files from.
    """
    # ugsite's own code and themes, and the libraries, by the digest the cache is kept for (cache_format).
    digest = hashlib.sha256(f"{__version__}\0{cache_format()}\0{options}\0".encode())
    git = _git_state(root)  # git answers while the files are looked at: its status of a large site takes a while
    try:
        out = os.path.relpath(output.resolve(), root.resolve()).split(os.sep)
    except ValueError:  # on another drive
        out = [os.pardir]
    if out[0] == os.pardir:  # outside the site: no folder met in the walk is it or beside it
        out = []
    _walk(listed if listed is not None else SiteFiles(), str(root.absolute()), "", out, digest)
    digest.update(git().encode())
    return digest.hexdigest()


def _walk(listed: SiteFiles, folder: str, inside: str, out: list[str], digest: "hashlib._Hash") -> None:
    """Add the size, times and inode of every file under `folder` (at `inside` in the site) to `digest`, but those of
    the folders a build never reads: OUTSIDE_THE_SITE at the top, the output (`out`, its path in the site as parts,
    empty when it is elsewhere) and the folders a build makes beside it (`.public.new-...`)."""
    try:
        entries = sorted(listed.entries(folder), key=_NAME)
    except OSError:
        return
    depth = inside.count("/") + 1 if inside else 0
    beside = bool(out) and depth == len(out) - 1 and inside == "/".join(out[:-1])  # the output's folder
    for entry in entries:
        name = entry.name
        path = f"{inside}/{name}" if inside else name
        if entry.is_dir(follow_symlinks=False):
            if not ((depth == 0 and (name in OUTSIDE_THE_SITE or name.startswith(".public")))
                    or (beside and (name == out[-1] or name.startswith(f".{out[-1]}.")))):
                _walk(listed, entry.path, path, out, digest)
            continue
        try:
            found = entry.stat()
        except OSError:  # a link that leads nowhere
            continue
        if S_ISDIR(found.st_mode):  # a link to a folder, which a build does not enter
            continue
        # The change time too: an edit can keep the size and put the modification time back.
        digest.update(f"{path}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ctime_ns}\0{found.st_ino}\n"
                      .encode("utf-8", "surrogateescape"))


_NAME = operator.attrgetter("name")


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
