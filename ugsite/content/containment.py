"""Keep a build inside the site folder: one rule for every file the build reads or publishes.

Content can come from pull requests, so a file may be a link planted to publish something
else: `/etc/passwd`, `~/secrets.yaml`, or the checkout's own `.git/config`, where CI may keep
a token. A file is refused when it lies under `.git/`, or when it is a link (or lies in a
linked folder) that leads outside the site folder or into its `.git/`, build cache or output.
"""

from __future__ import annotations

import os
from pathlib import Path

from ugsite.content.source_files import SiteFiles
from ugsite.problems import Problem, error

PRIVATE = (".git", ".ugsite-cache", "public")  # inside the site, yet never read or published


def refused(root: Path, file: Path, links: dict[str, bool] | None = None) -> str | None:
    """Say why `file` (under `root`) may not be read or published, or None; `links` memoises folders."""
    top, path = str(root), str(file)  # strings, not PurePath methods: this runs for every file of a site
    parts = path[len(top) + 1:].split(os.sep) if path.startswith(top + os.sep) else ()
    if ".git" in parts:
        return "it lies in a .git folder, which is never published"
    if not _through_link(top, path, {} if links is None else links):
        return None
    target = file.resolve()
    resolved = root.resolve()
    if not target.is_relative_to(resolved):
        return "it is a link to a file outside the site folder"
    inside = target.relative_to(resolved).parts
    if inside and (inside[0] in PRIVATE or inside[0].startswith(".public") or ".git" in inside):
        return f"it is a link into the site's {inside[0]}/ folder, which is never published"
    return None


def outside_links(root: Path, files: list[Path], listed: SiteFiles | None = None) -> list[Problem]:
    """Return an error for each of `files` that `refused` turns away (`listed`: the folders as the build listed them)."""
    listing = listed if listed is not None else SiteFiles()
    links: dict[str, bool] = {}
    plain: set[str] = set()  # folders none of whose files can be turned away: the usual case, told once per folder
    top = str(root)
    folders = [os.path.dirname(str(file)) for file in files]
    # One listing of each folder says which of its files are links (a look at each file would
    # cost a system call apiece: ten thousand posts, one folder).
    for folder in dict.fromkeys(folders):
        if not folder.startswith(top + os.sep):
            continue
        through = _through_link(top, folder, links)
        try:
            entries = listing.entries(folder)
        except OSError:
            continue
        if not through and ".git" not in folder[len(top) + 1:].split(os.sep) and not any(
                entry.is_symlink() or entry.name == ".git" for entry in entries):
            plain.add(folder)
            continue
        for entry in entries:
            links[entry.path] = through or entry.is_symlink()
    problems = []
    for file, folder in zip(files, folders):
        if folder in plain:
            continue
        reason = refused(root, file, links)
        if reason:
            problems.append(error(file.relative_to(root).as_posix(), f"{reason}, so it is not used", None,
                                  "copy the file itself into the site instead of linking to it"))
    return problems


def _through_link(root: str, path: str, links: dict[str, bool]) -> bool:
    """Say whether `path` is a link or lies in a linked folder below `root` (only those can lead elsewhere)."""
    if path == root or not path:
        return False
    if path not in links:
        parent = os.path.dirname(path)
        links[path] = os.path.islink(path) or (parent != path and _through_link(root, parent, links))
    return links[path]
