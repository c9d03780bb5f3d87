"""Shared fixtures: write small sites from a dict, build them, run the command line."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from ugsite.commands.cli import main
from ugsite.pipeline.build import BuildOptions, BuildReport, build
from ugsite.incremental import file_stats
from ugsite.incremental import CACHE_DIR

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


@pytest.fixture(autouse=True)
def files_settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the cache vouch for a file by its size and times however recently it changed.

    Tests edit and build within milliseconds; a build would otherwise read every file that
    changed in the last seconds, and the warm builds of tests would never take that path.
    """
    monkeypatch.setattr(file_stats, "RECENT_NS", 0)


@pytest.fixture(autouse=True, scope="session")
def pictures_drawn_once_per_process() -> Iterator[None]:
    """Draw each link preview card, and resize each image to each width, once in a test process.

    Both are pure functions of their inputs (a card's values and the fonts that are part of
    ugsite; an image's bytes, the width and the format), and they were most of the time of a
    clean build of the example site, which test after test makes again from the same files.
    A test that draws or resizes something new still draws it; one that changes an image
    changes its bytes, and so what it is resized from.
    """
    from ugsite.render import cards, image_variants

    original = image_variants.resized
    copies: dict[tuple[bytes, int, str], bytes] = {}

    def resized(file: Path, width: int, kind: str) -> bytes:
        try:
            key = (hashlib.sha256(file.read_bytes()).digest(), width, kind)
        except OSError:
            return original(file, width, kind)
        if key not in copies:
            copies[key] = original(file, width, kind)  # a file Pillow cannot decode raises here, as it did
        return copies[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cards, "render_card", functools.lru_cache(maxsize=1024)(cards.render_card))
        patch.setattr(image_variants, "resized", resized)
        yield


def build_site(root: Path, **options: object) -> BuildReport:
    """Build `root` at NOW into `root/public` unless told otherwise.

    A build that starts from a warm cache (the site was built before in this test, then changed)
    is followed by a clean one, and the two must be byte for byte the same: every test that
    changes a site and builds it again checks that the cache missed nothing its change touched.
    """
    settings: dict[str, object] = {"now": NOW, **options}
    warm = settings.get("cache", True) is not False and (root / CACHE_DIR / "cache.sqlite").is_file()
    report = build(root, BuildOptions(**settings))  # type: ignore[arg-type]
    if warm and not report.failed and report.output is not None:
        cached, fresh = tree_digests(report.output), clean_build(root, settings)
        differ = sorted(n for n in set(cached) | set(fresh) if cached.get(n) != fresh.get(n))
        assert not differ, f"the build from the cache differs from a clean one in {differ}"
    return report


_CLEAN_BUILDS: dict[str, dict[str, str]] = {}  # clean builds of this process, by what they were built from


def clean_build(root: Path, settings: Mapping[str, object]) -> dict[str, str]:
    """Build `root` clean (no cache) with `settings` elsewhere; return the digest of each file it wrote.

    A clean build's bytes follow from the site's files and the settings alone (builds are
    deterministic, wherever the site lies), so one is made once for each set of both in this
    process: the tests that make the same change, or build the same site again, share it.
    """
    key = _inputs_key(root, settings)
    if key is None or key not in _CLEAN_BUILDS:
        with tempfile.TemporaryDirectory(prefix="ugsite-clean-") as scratch:
            clean = build(root, BuildOptions(**{**settings, "output": Path(scratch) / "out", "cache": False}))  # type: ignore[arg-type]
            assert not clean.failed, messages(clean)
            built = tree_digests(Path(scratch) / "out")
        if key is None:
            return built
        _CLEAN_BUILDS[key] = built
    return _CLEAN_BUILDS[key]


def _inputs_key(root: Path, settings: Mapping[str, object]) -> str | None:
    """Return a digest of the settings, the site's git history and every file of the site but its cache and output.

    None: a site with links. A file it does not know for an output (a folder of a name of its
    own, inside the site) only makes the key new. A site with a symbolic link could change
    through it unseen: it gets none.
    """
    output = settings.get("output")
    skip = {root / CACHE_DIR, root / "public", *([output] if isinstance(output, Path) else [])}
    key = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in settings.items() if k not in ("output", "cache"))).encode())
    key.update(_git_facts(root))
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if here / name not in skip)
        for name in [*folders, *sorted(files)]:
            path = here / name
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                return None
            try:
                content = hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"folder"
            except OSError:
                return None
            key.update(b"\0%s\0%s" % (path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"), content))
    return key.hexdigest()


def _git_facts(root: Path) -> bytes:
    """Return what a build learns from git about the site in `root`, or nothing outside a repository.

    Calendars and feeds carry each event file's history (SEQUENCE, LAST-MODIFIED): the same
    files build differently in a repository, in another place of it, after another commit or
    with uncommitted changes than outside one.
    """
    git = shutil.which("git")
    if git is None:  # ugsite reads no history either
        return b""
    facts = []
    for args in (["rev-parse", "--show-prefix", "HEAD"], ["status", "--porcelain", "--untracked-files=no", "--", "."]):
        found = subprocess.run([git, "-C", str(root), *args], capture_output=True, timeout=CLI_TIMEOUT)
        facts.append(found.stdout if found.returncode == 0 else b"")
    return b"\0".join(facts)


def tree_digests(root: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under `root` by relative path."""
    return {f.relative_to(root).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(root.rglob("*")) if f.is_file()}


def messages(report: BuildReport) -> list[str]:
    """Return the formatted problems of a report, first lines only."""
    return [p.format().splitlines()[0] for p in report.problems]


CLI_TIMEOUT = 120  # seconds a run of the command line may take


def run_cli(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m ugsite ARGS` and capture its output and exit status.

    A run in a folder (`cwd`) or an environment (`env`) of its own runs as a process. Any
    other runs in this process, as `python -m ugsite` would run it: starting Python and
    importing ugsite again would be most of the time of many runs. An exception that escaped
    the command line would fail the test with its traceback, and a run that takes longer than
    CLI_TIMEOUT is stopped as one that never ends would be.
    """
    if cwd is not None or env is not None:
        return subprocess.run([sys.executable, "-m", "ugsite", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=CLI_TIMEOUT)

    def too_long(signum: int, frame: object) -> None:
        raise TimeoutError(f"ugsite {' '.join(args)} ran for more than {CLI_TIMEOUT} s")

    stdout, stderr = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(CLI_TIMEOUT)  # forked workers do not inherit it
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
            try:
                status = main(list(args))
            except SystemExit as stopped:  # the parser's usage errors, --help and --version
                status = stopped.code if isinstance(stopped.code, int) else 0 if stopped.code is None else 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return subprocess.CompletedProcess(["ugsite", *args], status, stdout.getvalue(), stderr.getvalue())


def read_tree(root: Path) -> dict[str, bytes]:
    """Return every file under `root` by relative path."""
    return {f.relative_to(root).as_posix(): f.read_bytes() for f in sorted(root.rglob("*")) if f.is_file()}


@contextmanager
def served_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on the loopback interface (no test reaches the internet); yield its address."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def front(file: Path) -> dict[str, object]:
    """Return the front matter of a Markdown file as data."""
    return yaml.safe_load(file.read_text(encoding="utf-8").split("---\n")[1])
