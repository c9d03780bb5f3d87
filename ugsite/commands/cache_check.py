"""`ugsite build --verify-cache`: build again without the cache and compare, file by file."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from ugsite.pipeline.build import BuildOptions, build
from ugsite.output.write import MARKER


def cache_differences(site: Path, options: BuildOptions, output: Path) -> list[str]:
    """Return the files (relative to the output) where a clean build of `site` differs from `output`."""
    with tempfile.TemporaryDirectory(prefix="ugsite-verify-") as scratch:
        clean = Path(scratch) / "clean"
        report = build(site, dataclasses.replace(options, output=clean, cache=False))
        if report.failed:
            return ["(the clean build failed)"]
        return sorted(name for name in _files(output) | _files(clean)
                      if not (output / name).is_file() or not (clean / name).is_file()
                      or (output / name).read_bytes() != (clean / name).read_bytes())


def _files(root: Path) -> set[str]:
    return {f.relative_to(root).as_posix() for f in root.rglob("*") if f.is_file() and f.name != MARKER}
