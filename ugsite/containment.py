"""Keep a build inside the site folder: refuse source files that link to files elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

from ugsite.problems import Problem, error


def outside_links(root: Path, files: list[Path]) -> list[Problem]:
    """Return an error for each file that is a link to something outside the site folder.

    Content can come from pull requests; a link to /etc/passwd must not be published. Only a
    file that is a link, or lies in a linked folder, can lead outside, so only those are
    resolved.
    """
    top = root.resolve()
    linked: dict[str, bool] = {str(root): False}

    def through_link(path: str) -> bool:
        if path not in linked:
            parent = os.path.dirname(path)
            linked[path] = os.path.islink(path) or (parent != path and through_link(parent))
        return linked[path]

    return [
        error(f.relative_to(root).as_posix(), "this is a link to a file outside the site folder, which is not published",
              None, "copy the file into the site instead")
        for f in files if through_link(str(f)) and not f.resolve().is_relative_to(top)
    ]
