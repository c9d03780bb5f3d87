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

RECENT_NS = 2_000_000_000  # a file changed this recently is read at every build until it is older


def stat_keys(files: Sequence[tuple[Path, str]], salt: bytes) -> dict[int, tuple[str, int]]:
    """Return a key of each (file, site path)'s size, times and inode, and when it last changed.

    Files that went away are left out. `salt` is all else the key must change with.
    """
    stats: dict[int, tuple[str, int]] = {}
    for index, (file, path) in enumerate(files):
        try:
            st = os.stat(file)
        except OSError:
            continue
        facts = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
        stats[index] = (hashlib.sha256(salt + path.encode("utf-8", "surrogatepass") + b"\0" + facts.encode()).hexdigest(),
                        max(st.st_mtime_ns, st.st_ctime_ns))  # some file systems keep the creation time as ctime
    return stats


def settled_before() -> int:
    """Return the moment (in ns) before which a file must have last changed for its key to be recorded."""
    return time.time_ns() - RECENT_NS
