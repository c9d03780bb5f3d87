"""The build cache only saves time: after any change, a cached build equals a clean one, byte for byte."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import sqlite3
import subprocess
import time
import sys
import zlib
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from conftest import EXAMPLE, NOW, REPO, build_site, messages, read_tree, run_cli, write_tree

from ugsite.pipeline.build import BuildOptions, BuildReport, build
from ugsite.pipeline.stages import prepare
from ugsite.incremental import CACHE_DIR
from ugsite.commands.cache_check import cache_differences
from ugsite.render.outputs import FileOutput


def built_tree(site: Path, output: Path) -> dict[str, bytes]:
    """Build `site` into `output` and return its files.

    With a warm cache, build_site (conftest) also builds the site clean and fails unless the
    two are byte for byte the same: the tests here need no clean build of their own.
    """
    report = build_site(site, output=output)
    assert report.written, messages(report)
    return read_tree(output)


def test_a_warm_build_that_differs_from_a_clean_one_fails_the_test_that_made_it(
        make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests here lean on build_site comparing every warm build with a clean one: it must."""
    import ugsite.pipeline.build

    site = make_site({"posts/2026-05-01-a.md": "---\ntitle: A\n---\nFirst words.\n"})
    monkeypatch.setattr(ugsite.pipeline.build, "snapshot", lambda *args: "blind")  # as if no input ever changed
    assert build_site(site).written
    edit(site / "posts/2026-05-01-a.md", "First words.", "Second words.")
    with pytest.raises(AssertionError, match="differs from a clean one"):
        build_site(site)


def test_the_clean_build_a_warm_one_is_compared_with_is_of_the_same_git_history(tmp_path: Path) -> None:
    """build_site keeps each clean build by what it was built from, and git history is part of that.

    The same files build to different calendars in a repository (an event file's commits are its
    SEQUENCE and LAST-MODIFIED) than outside one, so they must not share a clean build. The site
    lies in a folder of its repository, as the example site does in this one.
    """
    files = {"ugsite.yaml": "title: T\nbase_url: https://e.org/\ntimezone: UTC\n",
             "events/talk.yaml": "title: Talk\nstart: 2026-12-01 19:00\n"}
    plain, tracked = write_tree(tmp_path / "plain", files), write_tree(tmp_path / "repo/site", files)
    env = {"GIT_AUTHOR_DATE": "2026-10-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-10-01T10:00:00Z",
           "PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "add"]):
        subprocess.run(["git", "-C", str(tracked.parent), *args], check=True, capture_output=True, env=env)
    for site in (plain, tracked):  # a warm build of each, compared with a clean one
        assert build_site(site).written
        assert build_site(site, output=site / "again").written
    assert read_tree(plain / "again") == read_tree(plain / "public")
    assert read_tree(tracked / "again") == read_tree(tracked / "public")
    assert b"LAST-MODIFIED:20261001T100000Z" in (tracked / "again/calendar.ics").read_bytes()
    assert b"LAST-MODIFIED" not in (plain / "again/calendar.ics").read_bytes()


def built_example(tmp_path: Path) -> Path:
    """Return a copy of the example site, built once (so that its cache is warm)."""
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    return site


def record_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str,
                 what: Callable[..., str]) -> list[str]:
    """Have `module.name` note `what(*its arguments)` of every call in the list returned, and go on as before."""
    noted: list[str] = []
    original = getattr(module, name)

    def noting(*args: object) -> object:
        noted.append(what(*args))
        return original(*args)

    monkeypatch.setattr(module, name, noting)
    return noted


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit a post": lambda s: edit(s / "posts/new-venue.md", "forty desks", "fifty desks"),
    "retitle a linked post": lambda s: edit(s / "posts/pattern-matching-recap.md", 'title: "Recap:', 'title: "Looking back:'),
    "change a slug others link to": lambda s: edit(s / "posts/call-for-speakers.md", "title: Call for speakers 2026",
                                                    "title: Call for speakers 2026\nslug: speak-at-harbor"),
    "rename a post": lambda s: (s / "posts/new-venue.md").rename(s / "posts/2026-03-02-workshops-move.md"),
    "delete a post": lambda s: (s / "posts/hacktoberfest-recap.md").unlink(),
    "add a post": lambda s: (s / "posts/2026-06-01-summer.md").write_text("# Summer\n\nSee [the venue](new-venue.md).\n"),
    "delete a linked image": lambda s: (s / "static/content/images/2018/05/pizza.png").unlink(),
    "edit a template": lambda s: (s / "templates/post.html").write_text(
        '{% extends "@default/post.html" %}{% block content %}<p class="mine">Mine</p>{{ super() }}{% endblock %}'),
    "edit a partial of the theme": lambda s: (s / "templates/partials").mkdir() or (
        s / "templates/partials/post_meta.html").write_text("<p>{{ post.title }} by someone</p>\n"),
    "change the config": lambda s: edit(s / "ugsite.yaml", "posts_per_page: 6", "posts_per_page: 4"),
    "change the base URL": lambda s: edit(s / "ugsite.yaml", "https://harbor-city-python.github.io/site/",
                                          "https://example.org/harbor/"),
    "edit a data file": lambda s: edit(s / "data/speakers.yaml", "name: Maya Okafor", "name: Maya O."),
    "cancel a meeting": lambda s: edit(s / "events/monthly-2027-01-13.yaml", "title:", "status: cancelled\ntitle:"),
    "edit the series": lambda s: edit(s / "data/series.yaml", 'start: "2025-01-08 18:30"', 'start: "2025-01-08 19:00"'),
}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    """Build the example site once, into `before` beside it; return where, a copy of it all, and its output.

    Each test gets that folder back at the same place (a cache knows the site and its outputs
    by their absolute paths), one test after another. Its files are copies, with new inodes
    and times: the warm build finds them in the cache by their bytes, not by their size and
    times as test_updating_the_same_output_folder_equals_a_clean_build does.
    """
    work, kept = tmp_path_factory.mktemp("work"), tmp_path_factory.mktemp("kept")
    site = Path(shutil.copytree(EXAMPLE, work / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    before = built_tree(site, work / "before")
    shutil.copytree(work, kept, dirs_exist_ok=True)
    return work, kept, before


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_cached_build_after_a_change_equals_a_clean_build(change: str, built_once: tuple[Path, Path, dict[str, bytes]]) -> None:
    work, kept, before = built_once
    shutil.rmtree(work)
    shutil.copytree(kept, work)
    CHANGES[change](work / "site")
    report = build_site(work / "site", output=work / "after")  # which also builds it clean and compares the two
    assert report.written, messages(report)
    assert report.reused > 0  # the copy's cache served it
    assert read_tree(work / "after") != before


def test_a_corrupt_cache_is_reset_with_a_warning(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    (site / CACHE_DIR / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
        (site / CACHE_DIR / name).unlink(missing_ok=True)
    report = build_site(site, output=tmp_path / "after")
    assert report.written
    assert messages(report) == [f"{CACHE_DIR}/cache.sqlite: warning: the build cache was damaged and has been reset"]
    assert read_tree(tmp_path / "after") == read_tree(site / "public")


def test_no_cache_leaves_no_cache_behind(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site, cache=False).written
    assert not (site / CACHE_DIR).exists()


def test_parallel_rendering_equals_one_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from bench.corpus import write_corpus

    from ugsite.output.write import PARALLEL_FILES

    write_corpus(tmp_path / "site", 700)  # past every threshold of fork_map, writing included
    trees = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}"
        subprocess.run([sys.executable, "-m", "ugsite", "build", str(tmp_path / "site"), "-o", str(out), "--now",
                        "2026-11-01", "--no-cache"], check=True, capture_output=True,
                       env={**os.environ, "UGSITE_JOBS": jobs})
        trees.append(read_tree(out))
    assert len(trees[0]) > PARALLEL_FILES and trees[0] == trees[1]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_updating_the_same_output_folder_equals_a_clean_build(change: str, tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    CHANGES[change](site)
    assert build_site(site).written  # into the folder it built before; equal to a clean build (build_site)


def test_a_tampered_output_folder_is_repaired_and_an_unchanged_one_left_alone(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    before = read_tree(site / "public")
    home = site / "public/index.html"
    inode = home.stat().st_ino
    assert build_site(site).written
    assert home.stat().st_ino == inode  # nothing changed, nothing was written
    home.write_text("defaced")
    (site / "public/about/index.html").unlink()
    assert build_site(site).written
    assert read_tree(site / "public") == before


@pytest.mark.parametrize("output", ["public", "build/site/www", "../elsewhere"])
def test_a_build_answers_from_the_last_when_nothing_changed_wherever_its_output_lies(
        make_site: Callable[..., Path], output: str) -> None:
    """The snapshot that tells an unchanged site passes over the output and the folders a build makes beside it,
    and sees a change in any folder the build reads, however deep."""
    site = make_site({"posts/2026/05/a.md": "---\ntitle: A\ndate: 2026-05-01\n---\nFirst words.\n",
                      "static/notes/readme.txt": "Notes.\n"})
    out = site / output
    first = build(site, BuildOptions(now=NOW, output=out))
    assert first.written and first.reused < first.files, messages(first)  # a build that ran its stages
    again = build(site, BuildOptions(now=NOW, output=out))
    assert again.reused == again.files == first.files  # the last build's report: no stage ran
    for changed, old, new in (("posts/2026/05/a.md", "First", "Second"), ("static/notes/readme.txt", "Notes", "More")):
        edit(site / changed, old, new)
        report = build(site, BuildOptions(now=NOW, output=out))
        assert report.written and report.reused < report.files, changed
        assert build(site, BuildOptions(now=NOW, output=out)).reused == report.files
def test_an_output_file_changed_in_place_at_its_size_is_made_again_and_not_brought_back(tmp_path: Path) -> None:
    """The output's files are hard links shared with the spare and the cache: a change made in one (by a
    script that patches the output) is in all, and only their times tell."""
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build_site(site).written  # the output before this one is kept as the spare
    home = site / "public/index.html"
    right = home.read_bytes()

    def patch() -> None:
        with home.open("r+b") as file:  # in place, at the same size
            file.seek(100)
            file.write(bytes([right[100] ^ 0x20]))
        assert home.read_bytes() != right and len(home.read_bytes()) == len(right)

    patch()
    assert build_site(site).written  # nothing else changed, yet the output is not as the last build left it
    assert home.read_bytes() == right
    edit(site / "posts/new-venue.md", "fifty desks", "sixty desks")
    patch()
    assert build_site(site).written  # the page itself did not change: its copy is not linked again
    assert home.read_bytes() == right
    patch()
    shutil.rmtree(site / "public")
    assert build_site(site).written  # from the spare and the cache, which share the patched file
    assert home.read_bytes() == right  # and build_site compared each build with a clean one (conftest)


def test_a_file_added_in_a_folder_named_as_tools_name_theirs_is_seen_inside_the_content(tmp_path: Path) -> None:
    """`node_modules/` at the top of the site is no part of it; `static/js/node_modules/` is published."""
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    write_tree(site, {"node_modules/tool/index.js": "// a tool of the organizers'\n",
                      "static/js/node_modules/tiny-lib/index.js": "export const v = 1;\n"})
    assert build_site(site).written  # equal to a clean build (conftest)
    assert (site / "public/js/node_modules/tiny-lib/index.js").is_file()
    assert not (site / "public/node_modules").exists()


def test_the_cache_keeps_the_built_files_and_trusts_them_only_while_their_bytes_hold(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    assert build_site(site).written  # nothing changed: the cache still keeps every file
    home = site / "public/index.html"
    digest = hashlib.sha256(home.read_bytes()).hexdigest()
    kept = site / CACHE_DIR / "content" / digest[:2] / digest
    assert kept.stat().st_ino == home.stat().st_ino  # the built file itself: no copy, no second write
    # As in CI, where the cache is restored and the output folder is not: the files come from
    # the cache, except one whose kept copy no longer has its bytes, which is rendered again.
    shutil.rmtree(site / "public")
    kept.unlink()
    kept.write_bytes(b"not the home page")
    report = build_site(site)
    assert report.written and _rendered(report, site) == 0
    # build_site built it clean as well and found the two the same (conftest)


def test_a_build_starts_from_the_output_before_the_last_and_leaves_nothing_of_it_behind(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    (site / "public/stray.txt").write_text("put here by hand\n")
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build_site(site).written  # the output with the stray file is now the spare
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".public")) == []  # kept in the cache, not beside
    assert [p.name for p in (site / CACHE_DIR / "spare").iterdir()]
    edit(site / "posts/new-venue.md", "fifty desks", "sixty desks")
    post = next((site / "posts").glob("*.md"))
    post.unlink()
    assert build_site(site).written  # built from the spare: edited, deleted and stray files must all be right

    def tree(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() + ("/" if p.is_dir() else "") for p in root.rglob("*")}

    clean = _clean(site, tmp_path)
    assert tree(site / "public") == tree(clean)  # no stray file, no folder left empty by the deleted post
    assert read_tree(site / "public") == read_tree(clean)
    # A build that stops at a mistake leaves the spare for the next one, which comes out whole.
    spares = {p.name for p in (site / CACHE_DIR / "spare").iterdir()}
    post.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    assert build_site(site).failed
    assert {p.name for p in (site / CACHE_DIR / "spare").iterdir()} == spares
    post.unlink()
    edit(site / "posts/new-venue.md", "sixty desks", "seventy desks")
    assert build_site(site).written
    # build_site built it clean as well and found the two the same (conftest)


def test_the_first_build_with_a_cache_leaves_a_spare_for_the_next(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site, cache=False).written  # an output the cache knows nothing of: it cannot be the spare
    assert build_site(site).written
    (spare,) = (site / CACHE_DIR / "spare").iterdir()
    assert (spare / "index.html").stat().st_ino == (site / "public/index.html").stat().st_ino  # linked, not copied
    folder = spare.stat().st_ino
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build_site(site).written
    assert (site / "public").stat().st_ino == folder  # the spare, with one page written again
    # build_site built it clean as well and found the two the same (conftest)


@pytest.mark.parametrize("listed", [b'{"index.html": ["0000", 10, 10]}', b"\x80\x05garbage", b"",
                                    pickle.dumps(["index.html"]), pickle.dumps({"index.html": ["0000", 10, 10]})],
                         ids=["written-as-json-by-an-earlier-version", "damaged", "empty", "not-a-mapping",
                              "of-another-shape"])
def test_a_spare_whose_list_of_files_cannot_be_read_is_built_over_whole(listed: bytes, tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build_site(site).written
    (spare,) = (site / CACHE_DIR / "spare").iterdir()
    (spare / "index.html").write_text("not the home page\n", encoding="utf-8")  # what a kept list would vouch for
    (spare / ".ugsite-spare").write_bytes(listed)
    edit(site / "posts/new-venue.md", "fifty desks", "sixty desks")
    report = build_site(site)
    assert report.written and not report.problems
    assert "not the home page" not in (site / "public/index.html").read_text(encoding="utf-8")
    # build_site built it clean as well and found the two the same (conftest)


def test_builds_into_a_new_folder_each_time_keep_no_spares(tmp_path: Path) -> None:
    """As the preview server builds: none of those folders is built into again, so a spare of one is no use."""
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    for number in range(3):
        assert build_site(site, output=tmp_path / f"build-{number}").written
        edit(site / "posts/new-venue.md", "desks", "desks!")
    spares = site / CACHE_DIR / "spare"
    assert not spares.exists() or not list(spares.iterdir())


def test_a_file_that_became_a_folder_or_a_folder_that_became_a_file_since_the_spare_is_built_over(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    write_tree(site, {"static/talks": "a file where a page will be\n", "static/docs/a.txt": "a folder\n"})
    assert build_site(site).written
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build_site(site).written  # the output with the file `talks` and the folder `docs` is now the spare
    (site / "static/talks").unlink()
    shutil.rmtree(site / "static/docs")
    write_tree(site, {"pages/talks.md": "---\ntitle: Talks\n---\nOur talks.\n", "static/docs": "now a file\n"})
    assert build_site(site).written  # the page's folder `talks/` and the file `docs` take their places
    assert (site / "public/talks/index.html").is_file() and (site / "public/docs").read_text() == "now a file\n"
    # build_site built it clean as well and found the two the same (conftest)


def test_spares_of_output_folders_built_once_in_a_while_do_not_pile_up(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    for number in range(4):  # `-o` elsewhere, each built twice: the second build keeps the first's output
        assert build(site, BuildOptions(now=NOW, output=tmp_path / f"out-{number}")).written
        edit(site / "posts/new-venue.md", "desks", "desks!")
        assert build(site, BuildOptions(now=NOW, output=tmp_path / f"out-{number}")).written
    for _ in range(100):  # spares beyond the last two are removed by a detached process
        if len(list((site / CACHE_DIR / "spare").iterdir())) <= 2:
            break
        time.sleep(0.05)
    assert len(list((site / CACHE_DIR / "spare").iterdir())) == 2


def _rendered(report: BuildReport, site: Path) -> int:
    """Return how many files a build rendered (static files are copied, never rendered)."""
    prepared = prepare(site, BuildOptions(now=NOW))
    return report.files - report.reused - sum(isinstance(o, FileOutput) for o in prepared.outputs)


def test_a_rebuild_renders_again_only_what_a_change_touches(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    first = build_site(site)
    assert first.written and first.reused == 0
    # Every post and page is read afresh in the first build and from the cache in the next: the
    # fingerprints of what they show must not depend on which, or everything is rendered again.
    (site / "static/robots-note.txt").write_text("not linked from any page\n")
    second = build_site(site)
    assert second.written and _rendered(second, site) == 0
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    third = build_site(site)
    assert third.written
    # The post's page, its neighbours, the lists, tags, archive, feeds and sitemap that show it.
    assert 0 < _rendered(third, site) < third.files / 4
    # build_site built it clean as well and found the two the same (conftest)


def _clean(site: Path, tmp_path: Path) -> Path:
    assert build_site(site, output=tmp_path / "clean", cache=False).written
    return tmp_path / "clean"


def test_the_cache_sheds_what_no_build_uses_any_more(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))

    def rows() -> int:  # values, and the built files kept by digest
        with closing(sqlite3.connect(site / CACHE_DIR / "cache.sqlite")) as db:
            values = int(db.execute("SELECT COUNT(*) FROM kv").fetchone()[0])
        return values + sum(1 for file in (site / CACHE_DIR / "content").rglob("*") if file.is_file())

    assert build_site(site).written
    for number in range(30):
        edit(site / "posts/new-venue.md", "desks" if number == 0 else f"desks {number - 1}", f"desks {number}")
        # What the cache keeps is the question here; the last build is compared with a clean one (build_site).
        assert (build_site(site) if number == 29 else build(site, BuildOptions(now=NOW))).written
    grown = rows()
    shutil.rmtree(site / CACHE_DIR)
    assert build_site(site).written
    assert rows() <= grown <= rows() * 1.2  # without pruning, 30 edits leave hundreds of stale entries


def test_the_cache_serves_the_site_however_its_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    monkeypatch.chdir(tmp_path)
    assert build_site(Path("site")).written
    (site / "static/robots-note.txt").write_text("not linked from any page\n")
    report = build_site(site.resolve())
    assert report.written and _rendered(report, site) == 0


def test_a_later_clock_renders_again_only_what_depends_on_the_time(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    # An hour later (as `serve` rebuilds): calendars get a new DTSTAMP, posts and pages stay.
    # Two months later: meetings move from upcoming to past and the series reaches further.
    for later in (NOW + timedelta(hours=1), NOW + timedelta(days=60)):
        report = build_site(site, now=later)  # which also builds it clean and compares the two
        assert report.written
        if later == NOW + timedelta(hours=1):
            posts = len(list((site / "public/posts").glob("*/index.html")))
            assert posts >= 9 and report.reused > posts


def copied_package(tmp_path: Path) -> Path:
    """Return a copy of ugsite (code and themes) that a test may change, as an installation from git would."""
    package = tmp_path / "package"
    shutil.copytree(REPO / "ugsite", package / "ugsite", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "themes", package / "themes")
    shutil.copytree(REPO / "schemas", package / "schemas")
    return package


def build_with(package: Path, site: Path, out: Path, *extra: str) -> dict[str, bytes]:
    """Build `site` into `out` with the ugsite in `package`; return the files."""
    result = subprocess.run([sys.executable, "-m", "ugsite", "build", str(site), "-o", str(out),
                             "--now", NOW.isoformat(), *extra], cwd=package, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return read_tree(out)


def test_a_change_to_ugsites_own_code_is_never_served_from_the_cache(tmp_path: Path) -> None:
    """ugsite installed anew (a fix from git, the same version number): no page keeps the old code's bytes."""
    package = copied_package(tmp_path)
    site = shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns(".ugsite-cache", "public"))

    def built(name: str, *extra: str) -> dict[str, bytes]:
        return build_with(package, site, tmp_path / name, *extra)

    before = built("before")
    edit(package / "ugsite/events/ics.py", 'f"-//ugsite//ugsite {__version__}//EN"', 'f"-//ugsite//ugsite {__version__} fixed//EN"')
    edit(package / "ugsite/content/markdown.py", "_FORMATTER = HtmlFormatter(nowrap=True)",
         "_FORMATTER = HtmlFormatter(nowrap=True, lineseparator='\\n ')")
    warm, clean = built("warm"), built("clean", "--no-cache")
    assert warm == clean
    assert warm["calendar.ics"] != before["calendar.ics"] and b" fixed//EN" in warm["calendar.ics"]
    assert sum(warm[name] != before.get(name) for name in warm) > 10  # the highlighted code blocks changed too


def test_a_new_version_of_a_library_that_shapes_output_starts_the_cache_over(tmp_path: Path) -> None:
    """Pygments upgraded beside an unchanged ugsite: the next build does not answer from the last one."""
    site = shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns(".ugsite-cache", "public"))
    libraries = tmp_path / "libraries"  # a folder Python imports from before the installed libraries
    libraries.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(libraries), os.environ.get("PYTHONPATH")]))}

    def built() -> str:
        result = run_cli("build", str(site), "--now", NOW.isoformat(), env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    built()
    assert "reused from the cache" in built()  # nothing changed: the last build's report
    upgraded = libraries / "pygments-99.0.dist-info"
    upgraded.mkdir()
    (upgraded / "METADATA").write_text("Metadata-Version: 2.1\nName: Pygments\nVersion: 99.0\n", encoding="utf-8")
    assert "reused from the cache" not in built()


def test_verify_cache_builds_again_without_it_and_compares(tmp_path: Path) -> None:
    site = shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns(".ugsite-cache", "public"))
    for _ in range(2):  # a clean build, then one from the cache
        result = run_cli("build", str(site), "--now", NOW.isoformat(), "--verify-cache")
        assert result.returncode == 0, result.stderr
        assert "ugsite: verified: a clean build gives the same bytes" in result.stderr
    (site / "public/calendar.ics").write_bytes(b"stale")  # what a cache that missed a change would have written
    (site / "public/extra.html").write_text("left over", encoding="utf-8")
    differ = cache_differences(site, BuildOptions(now=NOW), site / "public")
    assert differ == ["calendar.ics", "extra.html"]


def test_verify_cache_on_the_benchmark_corpus_after_an_edit(tmp_path: Path) -> None:
    """The corpus of `python -m bench`, warm after one edited post and one edited event, equals a clean build."""
    from bench.corpus import write_corpus

    site = tmp_path / "site"
    write_corpus(site, 300)
    assert run_cli("build", str(site), "--now", NOW.isoformat()).returncode == 0
    post = sorted((site / "posts").glob("*.md"))[150]
    post.write_text(post.read_text(encoding="utf-8").replace("\n\n", "\n\nEdited. ", 1), encoding="utf-8")
    event = sorted((site / "events").iterdir())[5]
    event.write_text(event.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    result = run_cli("build", str(site), "--now", NOW.isoformat(), "--verify-cache")
    assert result.returncode == 0, result.stderr
    assert "reused from the cache" in result.stdout and "ugsite: verified" in result.stderr
    # Every post page again, by two processes: a forked one reads the posts' HTML from the cache itself.
    template = site / "templates/post.html"
    template.write_text(template.read_text(encoding="utf-8").replace("Thanks for reading", "Thank you"), encoding="utf-8")
    result = run_cli("build", str(site), "--now", NOW.isoformat(), "--verify-cache", env={**os.environ, "UGSITE_JOBS": "2"})
    assert result.returncode == 0, result.stderr
    assert "ugsite: verified" in result.stderr


def test_a_rebuild_reads_back_only_the_html_of_the_posts_it_shows_again(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.corpus import write_corpus

    from ugsite.incremental import markdown_cache

    site = tmp_path / "site"
    write_corpus(site, 300)
    with (site / "ugsite.yaml").open("a", encoding="utf-8") as config:
        config.write("feed_items: 3\n")  # the feeds (one for each tag too) show a few posts' bodies
    assert build_site(site).written
    read: list[str] = []
    html_of = markdown_cache.CachedMarkdownRenderer.html_of
    monkeypatch.setattr(markdown_cache.CachedMarkdownRenderer, "html_of",
                        lambda self, key, job: read.append(job.path) or html_of(self, key, job))
    posts = sorted((site / "posts").glob("*.md"))
    post = posts[150]
    post.write_text(post.read_text(encoding="utf-8").replace("\n\n", "\n\nEdited. ", 1), encoding="utf-8")
    assert build_site(site).written  # equal to a clean build (build_site compares them)
    assert f"posts/{post.name}" not in read  # rendered anew
    # Only the bodies of the pages rendered again beside it (its neighbours link to it): not those of the
    # posts the feeds show, as no feed shows it.
    assert 0 < len(set(read)) <= 2, read
    read.clear()
    newest = site / "posts" / f"{feedparser.parse(site / 'public/feed.xml').entries[0].link.rstrip('/').rsplit('/', 1)[1]}.md"
    newest.write_text(newest.read_text(encoding="utf-8").replace("\n\n", "\n\nEdited. ", 1), encoding="utf-8")
    assert build_site(site).written
    # The feeds that show it are written again, and read the bodies of the other posts they show.
    assert 2 < len(set(read)) < 20, read
    # The cache lost the HTML: it is rendered again when every post page is, and the pages come out the same.
    with closing(sqlite3.connect(site / CACHE_DIR / "cache.sqlite")) as db, db:
        db.execute("DELETE FROM kv WHERE space = ?", (markdown_cache.SPACE_HTML,))
    edit(site / "templates/post.html", "Thanks for reading", "Thank you for reading")
    read.clear()
    assert build_site(site).written
    assert len(set(read)) > 250


def test_a_post_whose_html_is_still_in_the_cache_pickles_with_its_html(tmp_path: Path) -> None:
    import pickle

    from ugsite.pipeline.build import open_cache

    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    with closing(open_cache(site, BuildOptions(now=NOW))) as cache:
        prepared = prepare(site, BuildOptions(now=NOW), cache)
        assert prepared.site is not None
        post = prepared.site.posts[0]
        assert not isinstance(post.body_html, str)  # read back from the cache when first asked for
        again = pickle.loads(pickle.dumps(post))
    assert again.body_html == post.html and "<p>" in again.html


def test_a_field_a_feature_sets_from_a_data_file_is_part_of_what_a_page_is_made_from(tmp_path: Path) -> None:
    """A five-line feature (each post's summary gets a badge from data/badge.yaml) needs no cache code."""
    package = copied_package(tmp_path)
    edit(package / "ugsite/pipeline/load.py", "    posts = sorted((d for d in documents if isinstance(d, Post)), key=_newest_first)\n",
         "    badge = str(raw_data.get('badge', {}).get('text', ''))\n"
         "    documents = [replace(d, summary=f'{d.summary} {badge}') for d in documents]\n"
         "    posts = sorted((d for d in documents if isinstance(d, Post)), key=_newest_first)\n")
    site = shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns(".ugsite-cache", "public"))
    (site / "data/badge.yaml").write_text("text: Organized by volunteers\n", encoding="utf-8")

    def built(name: str, *extra: str) -> dict[str, bytes]:
        return build_with(package, site, tmp_path / name, *extra)

    before = built("before")
    (site / "data/badge.yaml").write_text("text: Organized by the Harbor crew\n", encoding="utf-8")
    warm, clean = built("warm"), built("clean", "--no-cache")
    assert warm == clean
    assert b"Organized by the Harbor crew" in warm["index.html"] and before["index.html"] != warm["index.html"]


def test_a_rebuild_reads_only_the_files_whose_size_or_times_changed(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from ugsite.incremental import document_cache

    site = built_example(tmp_path)
    read = record_calls(monkeypatch, document_cache, "read_bytes", lambda file, path: path)
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build(site, BuildOptions(now=NOW)).written
    assert read == ["posts/new-venue.md"]
    # A post that links to one whose address changes is rendered again: its body is read then.
    read.clear()
    edit(site / "posts/call-for-speakers.md", "title: Call for speakers 2026",
         "title: Call for speakers 2026\nslug: speak-at-harbor")
    assert build(site, BuildOptions(now=NOW)).written
    linking = [p for p in read if p != "posts/call-for-speakers.md"]
    assert linking and "speak-at-harbor" in (site / "public" / _route_of(site, linking[0]) / "index.html").read_text()
    assert build_site(site).written  # nothing changed since: compared with a clean build


def test_a_rebuild_parses_only_the_event_files_whose_size_or_times_changed(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from ugsite.incremental import event_file_cache

    site = built_example(tmp_path)
    parsed = record_calls(monkeypatch, event_file_cache, "parse_event_file", lambda file, path: path)
    edit(site / "events/monthly-2027-01-13.yaml", "title:", "status: cancelled\ntitle:")
    assert build(site, BuildOptions(now=NOW)).written
    assert parsed == ["events/monthly-2027-01-13.yaml"]
    assert "Cancelled" in read_tree(site / "public")["events/monthly-2027-01-13/index.html"].decode()
    parsed.clear()
    (site / "events/monthly-2027-01-13.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    failed = build(site, BuildOptions(now=NOW))
    assert failed.failed and parsed == ["events/monthly-2027-01-13.yaml"]
    assert any(p.path == "events/monthly-2027-01-13.yaml" for p in failed.problems)
    again = build(site, BuildOptions(now=NOW))  # the broken file's parse is reused with its problem
    assert again.failed and parsed == ["events/monthly-2027-01-13.yaml"]
    assert [str(p) for p in again.problems] == [str(p) for p in failed.problems]


def test_an_event_pages_texts_are_worked_out_again_only_when_what_they_are_made_from_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ugsite.render import plan_events

    site = built_example(tmp_path)
    made = record_calls(monkeypatch, plan_events, "_event_texts", lambda event, *rest: event.source)
    edit(site / "events/2027-02-20-data-science-workshop.yaml", 'title: "Workshop:', 'title: "Renamed -')
    assert build(site, BuildOptions(now=NOW)).written
    assert made == ["events/2027-02-20-data-science-workshop.yaml"]
    page = read_tree(site / "public")["events/2027-02-20-data-science-workshop/index.html"].decode()
    assert "text=Renamed%20-%20Data%20science" in page  # its Google link
    made.clear()
    edit(site / "ugsite.yaml", "https://harbor-city-python.github.io/site/", "https://example.org/harbor/")
    assert build(site, BuildOptions(now=NOW)).written
    again = list(made)
    prepared = prepare(site, BuildOptions(now=NOW, cache=False))
    assert prepared.site is not None and len(again) == len(prepared.site.events) > 5
    assert build_site(site).written  # and the cached build equals a clean one


def test_the_values_the_plan_used_come_back_at_the_next_build_in_one_read(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from ugsite.incremental.cache import BuildCache
    from ugsite.incremental.plan_memo import SPACE, CachedMemo

    def squares(numbers: range, compute: Callable[[int], int]) -> tuple[list[int], list[str]]:
        """Return what a build's memo gives for each number, and the spaces it asked the cache for."""
        cache = BuildCache(tmp_path / "cache")
        asked = record_calls(monkeypatch, cache, "get_many", lambda space, keys: space)
        memo = CachedMemo(cache)
        found = [memo("square", (n,), functools.partial(compute, n)) for n in numbers]
        memo.store()
        cache.close()
        return found, asked

    assert squares(range(40), lambda n: n * n)[0] == [n * n for n in range(40)]
    again = squares(range(40), lambda n: pytest.fail(f"{n} squared again"))
    assert again == ([n * n for n in range(40)], [f"{SPACE}:index"])  # one read for all of them, not one each
    assert squares(range(1, 41), lambda n: -1 if n == 40 else pytest.fail(f"{n} squared again"))[0] == \
        [n * n for n in range(1, 40)] + [-1]


def test_an_index_read_back_and_kept_again_writes_only_the_parts_an_edit_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ugsite.incremental.cache import INDEX_PARTS, BuildCache

    first = {f"key{n}": ("value", n) for n in range(400)}
    with closing(BuildCache(tmp_path / "cache")) as cache:
        cache.put_index("space", "name", {}, first)
    # One entry goes, one changes, one comes: each in a part of its own (by the CRC-32 of its key).
    edited = {key: value for key, value in first.items() if key != "key3"} | {"key9": ("value", -9), "added": ("new", 0)}
    parts = sorted(f"name:{zlib.crc32(key.encode()) % INDEX_PARTS}" for key in ("key3", "key9", "added"))
    assert len(set(parts)) == 3
    for given_old in ("what it read", "an equal copy"):
        with closing(BuildCache(tmp_path / "cache")) as cache:
            old = cache.get_index("space", "name")
            assert old == first
            written = record_calls(monkeypatch, cache, "put_many", lambda space, items: sorted(items))
            cache.put_index("space", "name", old if given_old == "what it read" else dict(old), edited)
            assert written == [parts]
        with closing(BuildCache(tmp_path / "cache")) as cache:
            assert cache.get_index("space", "name") == edited
            cache.put_index("space", "name", edited, first)  # back as it was, for the next round


def test_the_descriptions_of_events_come_back_from_the_cache_in_reads_that_do_not_grow_with_them(
        make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Events are read one at a time, and their descriptions fetched ahead all at once: asking for
    one then goes back to the cache no more."""
    from ugsite.incremental.cache import BuildCache

    def reads(events: int) -> int:
        site = make_site({f"events/talk-{n:02d}.yaml": f"title: Talk {n}\nstart: 2026-12-{n % 28 + 1:02d} 19:00\n"
                          f"description: A talk about **topic {n}**.\n" for n in range(events)}, name=f"site{events}")
        assert build_site(site).written
        write_tree(site, {"posts/hello.md": "# Hello\n\nA post, so that the site is read again.\n"})
        with monkeypatch.context() as patch:
            asked = record_calls(patch, BuildCache, "get_many", lambda cache, space, keys: space)
            report = build_site(site)  # and the clean build it is compared with, which has no cache to read
        assert report.written, messages(report)
        return len(asked)

    assert reads(20) == reads(40)


def _route_of(site: Path, path: str) -> str:
    prepared = prepare(site, BuildOptions(now=NOW, cache=False))
    assert prepared.site is not None
    return next(d.route for d in (*prepared.site.posts, *prepared.site.pages) if d.source == path)


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(tmp_path: Path) -> None:
    import os

    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    post = site / "posts/new-venue.md"
    assert build_site(site).written
    before = post.stat()
    edit(post, "forty desks", "sixty desks")  # as many bytes as before
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert post.stat().st_size == before.st_size and post.stat().st_mtime_ns == before.st_mtime_ns
    assert build_site(site).written  # equal to a clean build: the change time gave it away
    assert "sixty desks" in read_tree(site / "public")["posts/new-venue/index.html"].decode()
    logo = site / "static/images/sponsors/tidewater.svg"  # a static file, copied as it is
    before = logo.stat()
    edit(logo, "#0e7490", "#3599a8")
    os.utime(logo, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert logo.stat().st_size == before.st_size and logo.stat().st_mtime_ns == before.st_mtime_ns
    assert build_site(site).written
    assert b"#3599a8" in read_tree(site / "public")["images/sponsors/tidewater.svg"]


def test_a_body_that_changed_after_its_front_matter_was_read_is_an_error_not_old_text(tmp_path: Path) -> None:
    from ugsite.content.markdown import Job, LinkTargets, MarkdownRenderer, make_markdown
    from ugsite.content.urls import Urls
    from ugsite.incremental.document_cache import UnreadBody

    file = tmp_path / "post.md"
    file.write_text("---\ntitle: T\n---\nBody.\n", encoding="utf-8")
    stale = UnreadBody(file, "posts/post.md", key="the digest of other bytes", salt=b"", start=16)
    assert stale() is None
    renderer = MarkdownRenderer(make_markdown("escape"), Urls("https://example.org/"), LinkTargets({}, frozenset()))
    rendered = renderer.render_many([Job(stale, "posts/post.md", 4)])[0]
    assert [p.message for p in rendered.problems] == ["the file changed while the build ran"] and rendered.html == ""


def test_fingerprints_worked_out_by_worker_processes_equal_those_of_one_process(tmp_path: Path) -> None:
    from ugsite.incremental.cache import BuildCache
    from ugsite.incremental.fingerprint import Fingerprints, shared_values
    from ugsite.incremental.reuse import plan_beside

    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    prepared = prepare(site, BuildOptions(now=NOW, cache=False))
    assert prepared.site is not None and prepared.theme is not None
    env, speech = prepared.theme.env, prepared.theme.speech.digest
    alone = Fingerprints(env, prepared.site, NOW, speech).output_keys(prepared.outputs, workers=1)
    shared = Fingerprints(env, prepared.site, NOW, speech).output_keys(prepared.outputs, workers=2, threshold=1)
    assert alone == shared
    assert len({key for key in alone if key}) > len(alone) * 0.9  # keys, each its own output's
    # Digested by a worker process while this one plans, the posts, pages and events give the same keys again.
    with closing(BuildCache(tmp_path / "cache")) as cache:
        planned, digests = plan_beside(prepared.site, lambda: os.getpid(), cache, workers=2, threshold=1)
    assert planned == os.getpid()  # planned here
    assert all(digests.known(value) for value in shared_values(prepared.site))
    beside = Fingerprints(env, prepared.site, NOW, speech, digests).output_keys(prepared.outputs, workers=1)
    assert beside == alone


def test_outputs_keyed_and_rendered_by_worker_processes_equal_a_clean_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes that work out keys and render what the cache does not know, list pages after them, build
    what one process builds clean: cold, after an edit of a post, and after an edit of a template."""
    import ugsite.incremental.reuse as reuse

    monkeypatch.setattr(reuse, "SHARED_THRESHOLD", 1)  # the example site is small: fork at any size
    monkeypatch.setattr(reuse, "PARALLEL_THRESHOLD", 1)
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site, workers=2).written  # build_site compares each warm build with a clean one
    CHANGES["edit a post"](site)
    report = build_site(site, workers=2)
    assert report.written and 0 < report.reused < report.files
    CHANGES["edit a template"](site)
    assert build_site(site, workers=2).written


def test_a_rebuild_compiles_only_the_templates_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    assert build_site(site).written
    compiled: list[str | None] = []
    parsed: list[str] = []  # parsed to see what they read (ugsite.incremental.fingerprint)
    compile_source, parse_source = jinja2.Environment.compile, jinja2.Environment.parse

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return compile_source(self, source, name, *args, **kwargs)  # type: ignore[call-overload]

    def counted_parse(self: jinja2.Environment, source: str, *args: object, **kwargs: object) -> object:
        parsed.append(source)
        return parse_source(self, source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    monkeypatch.setattr(jinja2.Environment, "parse", counted_parse)
    edit(site / "posts/new-venue.md", "forty desks", "fifty desks")
    assert build(site, BuildOptions(now=NOW, workers=1)).written
    assert compiled == [] and parsed == []  # every template came compiled from the cache, and what it reads too
    theme_post = REPO / "themes/default/templates/post.html"
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates/post.html").write_text(theme_post.read_text(encoding="utf-8").replace(
        "</article>", "<p>Thanks for reading</p></article>", 1), encoding="utf-8")
    edit(site / "posts/new-venue.md", "fifty desks", "sixty desks")
    assert build(site, BuildOptions(now=NOW, workers=1)).written
    assert compiled == ["post.html"]
    assert len(parsed) == 1 and "Thanks for reading" in parsed[0]
    assert "Thanks for reading" in (site / "public" / _route_of(site, "posts/new-venue.md") / "index.html").read_text()


def test_code_a_forked_worker_compiles_stays_out_of_the_cache(tmp_path: Path) -> None:
    import os

    import jinja2

    from ugsite.incremental.cache import BuildCache
    from ugsite.incremental.template_code import SPACE, TemplateCode

    cache = BuildCache(tmp_path / CACHE_DIR)
    env = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ 1 + 1 }}"}), bytecode_cache=TemplateCode(cache))
    pid = os.fork()
    if pid == 0:
        try:
            env.get_template("a.html")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert cache.get_many(SPACE, [row[0] for row in cache.db.execute("SELECT key FROM kv")]) == {}  # type: ignore[union-attr]
    assert env.get_template("a.html").render() == "2"
    assert len(cache.db.execute("SELECT key FROM kv WHERE space = ?", (SPACE,)).fetchall()) == 1  # type: ignore[union-attr]
    cache.close()


def test_tags_read_back_from_the_cache_are_one_object_each() -> None:
    import pickle

    from ugsite.incremental.model_pickles import pickle_compactly
    from ugsite.site.model import Term

    pickle_compactly()  # as the cache's modules do when they load
    one, two = (pickle.loads(pickle.dumps((Term("tags", "Python", "python"), ()))) for _ in range(2))
    assert one[0] == Term("tags", "Python", "python") and one[0] is two[0]


def test_checked_front_matter_read_back_from_the_cache_equals_what_was_stored(tmp_path: Path) -> None:
    import pickle
    from dataclasses import replace

    from ugsite.incremental.cache import BuildCache
    from ugsite.site.config import load_config
    from ugsite.site.documents import find_markdown
    from ugsite.incremental.document_cache import read_documents

    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    config, _ = load_config(site)
    assert config is not None
    with closing(BuildCache(tmp_path / "cache")) as cache:
        read = [doc for doc, _ in read_documents(find_markdown(site, "posts"), "post", config, cache) if doc]
    assert len(read) > 3
    for doc in read:
        stored = replace(doc, body="")
        assert pickle.loads(pickle.dumps(stored)) == stored  # every field, the tags, dates and extra too


def test_templates_compiled_ahead_by_a_fork_serve_the_build_unless_their_source_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from ugsite.render.compiled_ahead import TemplatesAhead

    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR)))
    ahead = TemplatesAhead.start(site, None, workers=2)
    assert ahead.code("no such template") is None  # waits until the fork has compiled the whole theme
    edit(site / "templates/page.html", "{% block after_content %}", "{% block after_content %}<p>Edited after the fork</p>")
    compiled = record_calls(monkeypatch, jinja2.Environment, "compile", lambda env, source, name, file, *rest: file)
    report = build(site, BuildOptions(now=NOW, cache=False, templates=ahead))
    assert report.written, messages(report)
    # The one template whose source is no longer the one compiled ahead; the theme's page.html, which
    # it extends by its layer's name (@default/page.html), was compiled ahead under that name.
    assert compiled == [str(site / "templates/page.html")]
    assert "<p>Edited after the fork</p>" in (site / "public/about/index.html").read_text(encoding="utf-8")
    assert read_tree(site / "public") == read_tree(build_site(site, output=tmp_path / "plain", cache=False).output)


def test_a_build_that_needs_no_templates_stops_the_fork_that_compiles_them(tmp_path: Path) -> None:
    import jinja2

    from ugsite.render.compiled_ahead import TemplatesAhead

    site = built_example(tmp_path)
    ahead = TemplatesAhead.start(site, None, workers=2)
    assert build(site, BuildOptions(now=NOW, templates=ahead)).reused  # nothing changed: answered from the last build
    env = jinja2.Environment()
    ahead.install(env)
    assert env.bytecode_cache is None  # stopped, it has nothing to offer (a later build compiles for itself)
