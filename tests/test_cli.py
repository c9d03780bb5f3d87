"""The command line: exit codes, the summary line, --now and SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from conftest import read_tree, run_cli

from ugsite import __version__

Site = Callable[..., Path]


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"ugsite {__version__}"


def test_usage_errors_exit_2(make_site: Site) -> None:
    assert run_cli().returncode == 2
    assert run_cli("build", "--nope").returncode == 2
    result = run_cli("build", str(make_site({})), "--now", "next friday")
    assert result.returncode == 2 and "--now" in result.stderr


def test_build_prints_a_summary_and_held_back_posts(make_site: Site, tmp_path: Path) -> None:
    site = make_site({
        "posts/2026-05-01-a.md": "A\n",
        "posts/b.md": "---\ntitle: B\ndate: 2026-05-02\ndraft: true\n---\nB\n",
    })
    result = run_cli("build", str(site), "-o", str(tmp_path / "out"), "--now", "2026-11-01T12:00:00Z")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ugsite: left out 1 draft (use --drafts to include): posts/b.md"
    assert lines[1].startswith(f"ugsite: built 5 pages, 2 feeds, 15 files into {tmp_path / 'out'} in ")
    assert (tmp_path / "out/posts/a/index.html").is_file()


def test_site_errors_exit_1_and_keep_old_output(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-a.md": "A\n"})
    assert run_cli("build", str(site), "--now", "2026-11-01").returncode == 0
    before = read_tree(site / "public")
    (site / "ugsite.yaml").write_text("title: T\n", encoding="utf-8")
    result = run_cli("build", str(site), "--now", "2026-11-01")
    assert result.returncode == 1
    assert result.stderr.startswith("ugsite.yaml:1: error: 'base_url' is required")
    assert read_tree(site / "public") == before


def test_source_date_epoch_and_now_give_identical_output(make_site: Site, tmp_path: Path) -> None:
    site = make_site({"posts/a.md": "---\ntitle: A\n---\nUndated\n", "posts/2026-05-01-b.md": "B\n"})
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1793491200"}  # 2026-11-01T00:00:00Z
    assert run_cli("build", str(site), "-o", str(tmp_path / "one"), env=env).returncode == 0
    assert run_cli("build", str(site), "-o", str(tmp_path / "two"), "--now", "2026-11-01T00:00:00Z").returncode == 0
    assert read_tree(tmp_path / "one") == read_tree(tmp_path / "two")


def test_base_url_option_moves_the_site(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-a.md": "A\n"})
    result = run_cli("build", str(site), "--base-url", "https://example.org/other/", "--now", "2026-11-01")
    assert result.returncode == 0
    assert 'href="/other/posts/a/"' in (site / "public/index.html").read_text(encoding="utf-8")
