"""Find the source files under a folder of the site, in a stable order, each folder listed once in a build."""

from __future__ import annotations

import os
from pathlib import Path

# Folders at the top of a site folder that hold no part of the site: version control, ugsite's
# cache and tools' own (a build reads nothing in them). Below the top, any folder may hold what
# a build reads (`static/js/node_modules/` is published), so none is passed over by its name.
OUTSIDE_THE_SITE = frozenset({".git", ".hg", ".svn", ".ugsite-cache", "__pycache__", "node_modules", ".venv"})


class SiteFiles:
    """The entries of the folders a build looks into, each folder listed once and each file's status asked once.

    A build that can reuse the last one looks at every file of the site twice: its snapshot
    (ugsite.incremental.snapshot) walks the site to tell whether anything changed, and loading
    then lists the posts, events and static files, and asks each one's size and times to know
    it again (ugsite.incremental.file_stats). One SiteFiles serves both: an os.DirEntry keeps
    the status it was asked for, so ten thousand posts cost ten thousand questions to the
    file system and one listing, not twenty thousand and three. What it says is what each
    folder held when first listed, as a file read once says what it held then.
    """

    def __init__(self) -> None:
        self._folders: dict[str, list[os.DirEntry[str]]] = {}
        self._entries: dict[str, os.DirEntry[str]] = {}  # by path, as os.DirEntry.path says it

    def entries(self, folder: str) -> list[os.DirEntry[str]]:
        """Return the entries of `folder`, listed when first asked for (OSError as os.scandir raises it)."""
        found = self._folders.get(folder)
        if found is None:
            with os.scandir(folder) as scan:
                found = self._folders[folder] = list(scan)
            self._entries.update((entry.path, entry) for entry in found)
        return found

    def stat(self, file: str | Path) -> os.stat_result:
        """Return the status of `file`, following a link, asked once when its folder was listed (OSError as os.stat)."""
        entry = self._entries.get(str(file))
        return entry.stat() if entry is not None else os.stat(file)


def find_files(root: Path, folder: str, suffixes: tuple[str, ...] | None = None,
               skip_hidden: bool = True, listed: SiteFiles | None = None) -> list[tuple[Path, str]]:
    """Return the files under `root/folder` with their site-relative paths, sorted by path.

    Only names ending in one of `suffixes` (any case) count, when given; with `skip_hidden`,
    files and folders whose names start with a dot are left out. Linked folders are not
    entered (a linked file is listed; `containment` decides whether it may be used). `listed`
    lists the folders, when the build has listed them already.
    """
    found: list[tuple[Path, str]] = []
    listing = listed if listed is not None else SiteFiles()

    def visit(directory: Path, prefix: str) -> None:
        try:
            entries = listing.entries(str(directory))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return
        for entry in entries:
            if skip_hidden and entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                visit(directory / entry.name, f"{prefix}{entry.name}/")
            elif entry.is_file() and (suffixes is None or entry.name.lower().endswith(suffixes)):
                found.append((directory / entry.name, f"{prefix}{entry.name}"))

    base = root / folder
    if base.is_dir():
        visit(base, f"{folder}/")
    # The order of Path, compared part by part: a NUL sorts before every character a name may hold.
    return sorted(found, key=lambda item: item[1].replace("/", "\0"))
