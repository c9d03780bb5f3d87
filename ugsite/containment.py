"""Keep a build inside the site folder: refuse source files that link to files elsewhere."""

from __future__ import annotations

from pathlib import Path

from ugsite.problems import Problem, error


def outside_links(root: Path, files: list[Path]) -> list[Problem]:
    """Return an error for each file that is a link to something outside the site folder.

    Content can come from pull requests; a link to /etc/passwd must not be published.
    """
    top = root.resolve()
    return [
        error(f.relative_to(root).as_posix(), "this is a link to a file outside the site folder, which is not published",
              None, "copy the file into the site instead")
        for f in files if not f.resolve().is_relative_to(top)
    ]
