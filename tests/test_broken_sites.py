"""Each folder under tests/broken/ is a site with mistakes; the build must say exactly this."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_cli

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_broken_site_reports_exactly(case: str, tmp_path: Path) -> None:
    site = shutil.copytree(BROKEN / case, tmp_path / case, ignore=shutil.ignore_patterns("expected.txt"))
    result = run_cli("build", "--now", "2026-11-01", cwd=site)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == expected
    assert result.returncode == 1
    assert not (site / "public").exists()
    assert "Traceback" not in result.stderr


def test_every_case_has_expectations() -> None:
    assert len(CASES) >= 8
    for case in CASES:
        expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
        assert expected.endswith("nothing was written.\n"), case
