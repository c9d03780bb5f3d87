"""Index the built site with Pagefind, so search works from the output folder with no server code."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from ugsite.problems import Problem, error
from ugsite.site import routes

INSTALL_HINT = "install it with: python3 -m pip install 'ugsite[search]'  (or: pip install 'pagefind[bin]')"


def search_available() -> bool:
    """Say whether the Pagefind binary (PyPI `pagefind[bin]`) is installed."""
    return importlib.util.find_spec("pagefind") is not None and importlib.util.find_spec("pagefind_bin") is not None


def missing_search(source: str) -> Problem:
    """Return the problem of a build that asks for search without Pagefind installed."""
    return error(source, "search needs Pagefind, which is not installed", None, INSTALL_HINT)


def index_site(folder: Path) -> list[Problem]:
    """Write the Pagefind index into `folder/pagefind/`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-subdir", routes.SEARCH_INDEX.rstrip("/"), "--silent"],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        return [error("search", f"Pagefind could not index the site: {result.stderr.strip() or result.stdout.strip()}",
                      None, "this is likely a bug; build without search meanwhile")]
    return []
