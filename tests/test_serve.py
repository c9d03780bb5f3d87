"""`ugsite serve`: a real server on a free port, real HTTP requests, real file edits."""

from __future__ import annotations

import http.client
import http.server
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import EXAMPLE

from ugsite.commands.serve import LiveSite, make_handler
from ugsite.incremental import CACHE_DIR

TIMEOUT = 20


class Server:
    def __init__(self, process: subprocess.Popen[str] | None, port: int) -> None:
        self.process, self.port = process, port

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, body, dict(response.getheaders())

    def wait_for(self, path: str, predicate: object) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            status, body, _ = self.get(path)
            if callable(predicate) and predicate(status, body):
                return body
            time.sleep(0.1)
        raise AssertionError(f"{path} never reached the expected state")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`ugsite serve` on a copy of the example site, for a test that may change it or stop the server."""
    yield from _serve(tmp_path)


@pytest.fixture(scope="module")
def untouched_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`ugsite serve` on a copy of the example site, shared by the tests that only ask it for pages."""
    yield from _serve(tmp_path_factory.mktemp("serve"))


def _serve(tmp_path: Path) -> Iterator[Server]:
    site = shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR))
    process = subprocess.Popen(
        [sys.executable, "-m", "ugsite", "serve", str(site), "--port", "0", "--now", "2026-11-01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/site/", line)
    assert match, (line, process.stderr.read() if process.stderr else "")
    yield Server(process, int(match.group(1)))
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=TIMEOUT)


def test_serves_under_the_base_path_with_live_reload(untouched_server: Server) -> None:
    server = untouched_server
    status, _, headers = server.get("/")
    assert status == 302 and headers["Location"] == "/site/"
    status, body, headers = server.get("/site/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Harbor City Python" in body and 'EventSource("/__ugsite/events")' in body
    assert f'href="http://127.0.0.1:{server.port}/site/"' in body  # canonical URL points at the local server
    status, body, _ = server.get("/site/posts/summer-picnic/")
    assert status == 200 and 'class="badge">draft<' in body  # drafts are shown while previewing
    status, _, headers = server.get("/site/calendar.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    status, body, _ = server.get("/site/no/such/page/")
    assert status == 404 and "Page not found" in body


@pytest.mark.parametrize("path", ["/site/../../etc/passwd", "/site/%2e%2e/%2e%2e/etc/passwd", "/site/..%2f..%2fetc/passwd",
                                  "/site/posts/..%5c..%5cugsite.yaml", "/etc/passwd", "/site/%00"])
def test_never_serves_files_outside_the_output(untouched_server: Server, path: str) -> None:
    status, body, _ = untouched_server.get(path)
    assert status in (403, 404)
    assert "root:" not in body and "base_url" not in body


def test_symlinks_out_of_the_output_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<html><body>home</body></html>")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    (out / "leak.txt").symlink_to(secret)
    live = LiveSite(tmp_path, "http://127.0.0.1/", drafts=False, now=None)
    live.current = out
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(live, "/"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        local = Server(None, httpd.server_address[1])  # type: ignore[arg-type]
        assert local.get("/")[0] == 200
        status, body, _ = local.get("/leak.txt")
        assert status == 403 and "top secret" not in body
    finally:
        httpd.shutdown()
        live.close()


def test_rebuilds_reloads_keeps_last_good_build_and_recovers(server: Server, tmp_path: Path) -> None:
    events: list[str] = []

    def listen() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT * 2)
        conn.request("GET", "/__ugsite/events")
        response = conn.getresponse()
        while True:
            line = response.fp.readline().decode()
            if not line:
                return
            if line.startswith("data:"):
                events.append(line.strip())

    threading.Thread(target=listen, daemon=True).start()
    deadline = time.monotonic() + TIMEOUT
    while not events and time.monotonic() < deadline:
        time.sleep(0.05)
    assert events, "the reload stream sent nothing"

    post = tmp_path / "site/posts/new-venue.md"
    post.write_text(post.read_text(encoding="utf-8").replace("forty desks", "fifty desks"), encoding="utf-8")
    server.wait_for("/site/posts/new-venue/", lambda status, body: "fifty desks" in body)
    deadline = time.monotonic() + TIMEOUT
    while len(events) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(events) >= 2, events

    bad = tmp_path / "site/events/broken.yaml"
    bad.write_text("title: Broken\nstart: 18:30\n", encoding="utf-8")
    body = server.wait_for("/site/", lambda status, body: "ugsite-overlay" in body)
    assert "events/broken.yaml:2" in body and "Harbor City Python" in body
    status, body, _ = server.get("/site/posts/new-venue/")
    assert status == 200 and "fifty desks" in body  # the last good build is still served

    bad.unlink()
    server.wait_for("/site/", lambda status, body: "ugsite-overlay" not in body)


def test_the_preview_rebuilds_for_a_change_in_a_folder_named_as_tools_name_theirs_inside_the_content(
        tmp_path: Path) -> None:
    from watchdog.events import FileCreatedEvent

    from ugsite.commands.serve import DEBOUNCE_SECONDS, _Watcher

    rebuilt = threading.Event()
    watcher = _Watcher(tmp_path, rebuilt.set)
    for outside in ("node_modules/tool/index.js", ".git/index", "public/index.html", "posts/new.md.swp"):
        watcher.on_any_event(FileCreatedEvent(str(tmp_path / outside)))
    assert not rebuilt.wait(DEBOUNCE_SECONDS * 5)
    watcher.on_any_event(FileCreatedEvent(str(tmp_path / "static/js/node_modules/tiny-lib/index.js")))
    assert rebuilt.wait(10)  # published, as static/public/ and posts/__pycache__/ would be


def test_stops_cleanly(server: Server) -> None:
    assert server.process is not None
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=TIMEOUT) == 0


def test_a_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    site = shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", CACHE_DIR))
    busy = ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    try:
        port = busy.server_address[1]
        result = subprocess.run([sys.executable, "-m", "ugsite", "serve", str(site), "--port", str(port)],
                                capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        busy.server_close()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"--port: error: port {port} on 127.0.0.1 is in use already (is another server running there?)",
        f"  hint: stop that server, or choose another port: ugsite serve --port {port + 1} (--port 0 takes any free one)"]


def test_the_first_build_says_built_and_names_the_folder(tmp_path: Path) -> None:
    site = shutil.copytree(EXAMPLE, tmp_path / "harbor", ignore=shutil.ignore_patterns("public", CACHE_DIR))
    process = subprocess.Popen([sys.executable, "-m", "ugsite", "serve", ".", "--port", "0", "--now", "2026-11-01"],
                               cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=TIMEOUT)
    assert re.match(r"ugsite: serving harbor at http://127\.0\.0\.1:\d+/site/ \(Ctrl\+C to stop\)$", line), line
    assert re.match(r"ugsite: built harbor in \d+\.\d\d s$", err.splitlines()[0]), err
