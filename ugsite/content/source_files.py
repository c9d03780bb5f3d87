"""Find the source files under a folder of the site, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

# Folders at the top of a site folder that hold no part of the site: version control, ugsite's
# cache and tools' own (a build reads nothing in them). Below the top, any folder may hold what
# a build reads (`static/js/node_modules/` is published), so none is passed over by its name.
OUTSIDE_THE_SITE = frozenset({".git", ".hg", ".svn", ".ugsite-cache", "__pycache__", "node_modules", ".venv"})


def find_files(root: Path, folder: str, suffixes: tuple[str, ...] | None = None,
               skip_hidden: bool = True) -> list[tuple[Path, str]]:
    """Return the files under `root/folder` with their site-relative paths, sorted by path.

    Only names ending in one of `suffixes` (any case) count, when given; with `skip_hidden`,
    files and folders whose names start with a dot are left out. Linked folders are not
    entered (a linked file is listed; `containment` decides whether it may be used).
    """
    found: list[tuple[Path, str]] = []
    base = root / folder

    def visit(directory: Path, prefix: str) -> None:
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return
        for entry in entries:
            if skip_hidden and entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                visit(directory / entry.name, f"{prefix}{entry.name}/")
            elif entry.is_file() and (suffixes is None or entry.name.lower().endswith(suffixes)):
                found.append((directory / entry.name, f"{prefix}{entry.name}"))

    if base.is_dir():
        visit(base, f"{folder}/")
    return sorted(found, key=lambda item: item[1].split("/"))  # the order of Path, compared part by part
