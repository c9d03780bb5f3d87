"""Shared fixtures: write small sites from a dict, build them, run the command line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ugsite.build import BuildOptions, BuildReport, build

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example-content"
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)
CONFIG = "title: Test Group\nbase_url: https://org.github.io/group-site/\ntimezone: Europe/Berlin\n"


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `files` (path -> text or bytes) under `root` and return it."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a site (ugsite.yaml defaults to CONFIG) and returns its folder."""

    def make(files: Mapping[str, str | bytes], name: str = "site") -> Path:
        return write_tree(tmp_path / name, {"ugsite.yaml": CONFIG, **files})

    return make


def build_site(root: Path, **options: object) -> BuildReport:
    """Build `root` at NOW into `root/public` unless told otherwise."""
    settings: dict[str, object] = {"now": NOW, **options}
    return build(root, BuildOptions(**settings))  # type: ignore[arg-type]


def messages(report: BuildReport) -> list[str]:
    """Return the formatted problems of a report, first lines only."""
    return [p.format().splitlines()[0] for p in report.problems]


def run_cli(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m ugsite ARGS` and capture its output."""
    return subprocess.run([sys.executable, "-m", "ugsite", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def read_tree(root: Path) -> dict[str, bytes]:
    """Return every file under `root` by relative path."""
    return {f.relative_to(root).as_posix(): f.read_bytes() for f in sorted(root.rglob("*")) if f.is_file()}
