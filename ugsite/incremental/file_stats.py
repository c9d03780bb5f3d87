"""Know a file by its size, times and inode, as `make` and git's index do, so that reading it again can be skipped.

A file changed within the last seconds is not known this way: a second change within one
tick of the file system's clock would leave it the same size and times.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

from ugsite.content.source_files import SiteFiles

RECENT_NS = 2_000_000_000  # a file changed this recently is read at every build until it is older


def stat_keys(files: Sequence[tuple[Path, str]], salt: bytes,
              listed: SiteFiles | None = None) -> dict[int, tuple[str, int]]:
    """Return a key of each (file, site path)'s size, times and inode, and when it last changed.

    Files that went away are left out. `salt` is all else the key must change with; `listed`, when
    given, says each file's status as the build's listing of the site found it.
    """
    stat = listed.stat if listed is not None else os.stat
    stats: dict[int, tuple[str, int]] = {}
    salted = hashlib.sha256(salt)  # copied for each file: the salt (the settings) is hashed once
    for index, (file, path) in enumerate(files):
        try:
            st = stat(file)
        except OSError:
            continue
        key = salted.copy()
        key.update(f"{path}\0{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
                   .encode("utf-8", "surrogatepass"))
        # Some file systems keep the creation time as the change time.
        stats[index] = (key.hexdigest(), max(st.st_mtime_ns, st.st_ctime_ns))
    return stats


def settled_before() -> int:
    """Return the moment (in ns) before which a file must have last changed for its key to be recorded."""
    return time.time_ns() - RECENT_NS
