"""The command line: exit codes, the summary line, --now and SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import read_tree, run_cli

from ugsite import __version__
from ugsite.commands import cli
from ugsite.incremental import reuse

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
    files = sum(f.is_file() for f in (tmp_path / "out").rglob("*")) - 1  # the marker is not a file of the site
    assert lines[1].startswith(f"ugsite: built 5 pages, 3 feeds, {files} files into {tmp_path / 'out'} in ")
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


def test_a_bug_in_ugsite_is_one_line_unless_debug(make_site: Site, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A crash says it is ugsite's fault and how to see more; the traceback only comes with --debug."""
    site = make_site({})

    def broken(args: object, now: object) -> int:
        raise RuntimeError("the index went missing")

    monkeypatch.setattr(cli, "_build", broken)  # stands for any bug: the command line must catch it
    assert cli.main(["build", str(site)]) == cli.EXIT_BUG
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"ugsite {__version__}: internal error: RuntimeError: the index went missing at ")
    assert lines[1] == ("  hint: this is a bug in ugsite, not a mistake in your site; run the same command with "
                        "--debug to see the traceback, and please report it")
    assert len(lines) == 2
    assert cli.main(["build", str(site), "--debug"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "report it with the traceback above" in err


def test_a_worker_the_system_stops_fails_the_build_with_a_hint_and_keeps_the_output(
        make_site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({f"posts/2026-05-{1 + n % 28:02d}-p{n}.md": f"Post {n}.\n" for n in range(320)})
    assert cli.main(["build", str(site), "--no-cache"]) == cli.EXIT_OK
    before = read_tree(site / "public")
    parent, render = os.getpid(), reuse.render_output

    def killed_in_a_worker(*args: object) -> tuple[bytes, object]:
        if os.getpid() != parent:  # as the kernel's out-of-memory killer would
            os.kill(os.getpid(), signal.SIGKILL)
        return render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reuse, "render_output", killed_in_a_worker)
    monkeypatch.setenv("UGSITE_JOBS", "2")
    capsys.readouterr()
    assert cli.main(["build", str(site), "--no-cache"]) == cli.EXIT_SITE_ERRORS
    assert capsys.readouterr().err.splitlines() == [
        "ugsite: a worker process was stopped by SIGKILL (the system may have run short of memory) before its work "
        "was done; nothing was written",
        "  hint: build again; with UGSITE_JOBS=1 the build runs in one process and needs less memory"]
    assert read_tree(site / "public") == before


def test_a_post_that_changes_while_its_html_is_read_again_fails_the_build_and_keeps_the_output(
        make_site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3
    from contextlib import closing

    from ugsite.incremental import document_cache, markdown_cache
    from ugsite.incremental import CACHE_DIR

    site = make_site({"posts/2026-05-01-a.md": "---\ntitle: A\n---\nFirst post.\n"})
    assert cli.main(["build", str(site)]) == cli.EXIT_OK
    before = read_tree(site / "public")
    # The cache lost the post's HTML, and the file changes after its front matter was read.
    with closing(sqlite3.connect(site / CACHE_DIR / "cache.sqlite")) as db, db:
        db.execute("DELETE FROM kv WHERE space = ?", (markdown_cache.SPACE_HTML,))
    monkeypatch.setattr(document_cache.UnreadBody, "__call__", lambda self: None)
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates/post.html").write_text('{% extends "@default/post.html" %}', encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["build", str(site)]) == cli.EXIT_SITE_ERRORS
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "ugsite: posts/2026-05-01-a.md: the file changed while the build ran; nothing was written",
        "  hint: build again once the file is saved"]
    assert read_tree(site / "public") == before


def test_new_outside_a_site_names_the_site_option(tmp_path: Path) -> None:
    (tmp_path / "somewhere").mkdir()
    result = run_cli("new", "post", "Hello", cwd=tmp_path / "somewhere")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "ugsite.yaml: error: the folder 'somewhere' is not a site (it has no ugsite.yaml)",
        '  hint: run it inside the site folder, or name the site: ugsite new post "Our December recap" --site SITE']


def test_import_from_lists_every_kind_the_import_command_knows() -> None:
    from ugsite.commands.import_site import KINDS
    from ugsite.importers import SOURCE_KINDS

    assert list(SOURCE_KINDS) == sorted(KINDS)


def test_a_build_does_not_load_the_importers(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from ugsite.commands import cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('ugsite.importers.', 'markdownify', 'bs4'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
