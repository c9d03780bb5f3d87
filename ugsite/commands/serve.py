"""`ugsite serve`: build, serve on localhost under the base path, rebuild on change, reload the browser."""

from __future__ import annotations

import errno
import mimetypes
import posixpath
import shutil
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ugsite.pipeline.build import BuildOptions, build
from ugsite.site.config import load_config
from ugsite.problems import Problem, error, sort_problems
from ugsite.content.source_files import OUTSIDE_THE_SITE
from ugsite.content.urls import Urls

EVENTS_PATH = "/__ugsite/events"
DEBOUNCE_SECONDS = 0.2
_TYPES = {".ics": "text/calendar; charset=utf-8", ".xml": "application/xml; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8"}


class LiveSite:
    """The last good build, the problems of the latest attempt, and a counter browsers watch."""

    def __init__(self, root: Path, base_url: str, drafts: bool, now: datetime | None) -> None:
        self.root, self.base_url, self.drafts, self.fixed_now = root, base_url, drafts, now
        self.workdir = Path(tempfile.mkdtemp(prefix="ugsite-serve-"))
        self.current: Path | None = None
        self.problems: tuple[Problem, ...] = ()
        self.generation = 0
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self._build_lock = threading.Lock()

    def rebuild(self) -> bool:
        """Build into a fresh folder; keep serving the last good build if this one fails."""
        with self._build_lock:
            out = self.workdir / f"build-{self.generation + 1}"
            now = self.fixed_now or datetime.now(timezone.utc).replace(microsecond=0)
            # One process: the server's threads are running, and forking a process with threads is unsafe.
            report = build(self.root, BuildOptions(now=now, output=out, drafts=self.drafts, future=True,
                                                   base_url=self.base_url, workers=1))
            old = self.current
            with self.changed:
                if report.written:
                    self.current = out
                self.problems = report.problems
                self.generation += 1
                self.changed.notify_all()
            if report.written and old is not None:
                shutil.rmtree(old, ignore_errors=True)
            for problem in sort_problems(report.problems):
                print(problem.format(), file=sys.stderr)
            if report.written:
                again = "re" if old is not None else ""
                print(f"ugsite: {again}built {self.root.resolve().name} in {report.seconds:.2f} s", file=sys.stderr)
            else:
                print("ugsite: the site has errors; still serving the last good build", file=sys.stderr)
            return report.written

    def close(self) -> None:
        """Stop waiting browsers and remove the build folders."""
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        shutil.rmtree(self.workdir, ignore_errors=True)


class _Watcher(FileSystemEventHandler):
    """Rebuild shortly after the last change under the site folder."""

    def __init__(self, root: Path, rebuild: Callable[[], object]) -> None:
        self.root, self.rebuild = root.resolve(), rebuild
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [str(event.src_path), str(getattr(event, "dest_path", "") or "")]
        if all(self._ignored(p) for p in paths if p):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.rebuild)
            self.timer.daemon = True
            self.timer.start()

    def _ignored(self, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(self.root).parts
        except ValueError:
            return True
        if not parts:
            return False
        # What no build reads (ugsite.content.source_files), and what builds into the site folder write.
        return (parts[0] in OUTSIDE_THE_SITE or parts[0] == "public" or parts[0].startswith(".public")
                or parts[-1].endswith(("~", ".swp", ".swx", ".tmp")) or parts[-1].startswith(".#"))


def make_handler(live: LiveSite, base_path: str) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class serving `live` under `base_path`."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "ugsite"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

        def do_GET(self) -> None:
            try:
                self._get()
            except (ValueError, OSError) as exc:  # an address no file can have: too long, malformed
                if isinstance(exc, (BrokenPipeError, ConnectionResetError)):
                    return
                self._send(HTTPStatus.BAD_REQUEST if isinstance(exc, ValueError) else HTTPStatus.NOT_FOUND,
                           b"No such page: the address is malformed or too long", "text/plain; charset=utf-8")

        def _get(self) -> None:
            path = urlsplit(self.path).path
            if path == EVENTS_PATH:
                self._events()
            elif not path.startswith(base_path):
                if path in ("/", "") or not path.startswith(base_path.rstrip("/")):
                    self._redirect_or_missing(path)
                else:
                    self._redirect(base_path)
            else:
                self._file(unquote(path[len(base_path):]))

        def do_HEAD(self) -> None:
            self.do_GET()

        def _redirect_or_missing(self, path: str) -> None:
            if path in ("/", ""):
                self._redirect(base_path)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"Not found: this site lives under " + base_path.encode(), "text/plain")

        def _redirect(self, where: str) -> None:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _file(self, rel: str) -> None:
            current = live.current
            if current is None:
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, _overlay_page(live), "text/html; charset=utf-8")
                return
            parts = rel.split("/")
            if any(p in ("..", ".") for p in parts) or "\\" in rel or "\0" in rel or posixpath.isabs(rel):
                self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")
                return
            file = current / rel
            if file.is_dir():
                if rel and not rel.endswith("/"):
                    self._redirect(base_path + rel + "/")
                    return
                file = file / "index.html"
            root = current.resolve()
            try:
                real = file.resolve()
            except OSError:
                real = file
            if not real.is_relative_to(root):
                self._send(HTTPStatus.FORBIDDEN, b"Forbidden", "text/plain")
                return
            if not real.is_file():
                missing = root / "404.html"
                body = missing.read_bytes() if missing.is_file() else b"Not found"
                self._send(HTTPStatus.NOT_FOUND, _inject(body, live), "text/html; charset=utf-8")
                return
            body = real.read_bytes()
            kind = _TYPES.get(real.suffix) or mimetypes.guess_type(real.name)[0] or "application/octet-stream"
            if real.suffix == ".html":
                body = _inject(body, live)
            self._send(HTTPStatus.OK, body, kind)

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not live.stopping.is_set():
                    with live.changed:
                        if live.generation == seen:
                            live.changed.wait(timeout=10)
                        generation = live.generation
                    if live.stopping.is_set():
                        break
                    message = f"data: {generation}\n\n" if generation != seen else ": ping\n\n"
                    seen = generation
                    self.wfile.write(message.encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def _inject(body: bytes, live: LiveSite) -> bytes:
    script = (f'<script>(function(){{var g={live.generation};var s=new EventSource("{EVENTS_PATH}");'
              's.onmessage=function(e){if(+e.data!==g){s.close();location.reload();}};})();</script>')
    extra = script + (_overlay(live) if live.problems else "")
    text = body.decode("utf-8", "replace")
    at = text.rfind("</body>")
    return (text[:at] + extra + text[at:] if at >= 0 else text + extra).encode("utf-8")


def _overlay(live: LiveSite) -> str:
    errors = [p for p in sort_problems(live.problems) if p.level == "error"]
    shown = errors or sort_problems(live.problems)
    items = "".join(f"<li><code>{escape(p.location())}</code> {escape(p.message)}"
                    + (f"<br><small>{escape(p.hint)}</small>" if p.hint else "") + "</li>" for p in shown)
    title = "The last edit has errors; this is the last good build." if errors else "Warnings"
    return ('<div id="ugsite-overlay" role="alert" style="position:fixed;inset:auto 1rem 1rem 1rem;z-index:99999;'
            "max-height:50vh;overflow:auto;background:#2b0b0b;color:#fff;padding:1rem 1.25rem;border-radius:12px;"
            'font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 24px rgb(0 0 0/40%)">'
            f"<strong>ugsite: {escape(title)}</strong><ul>{items}</ul></div>")


def _overlay_page(live: LiveSite) -> bytes:
    body = "<!doctype html><html lang=en><title>ugsite: the site has errors</title><body>"
    return _inject((body + "<h1>The site has errors</h1><p>Fix them and this page reloads.</p></body></html>").encode(),
                   live)


def _listen_problem(host: str, port: int, exc: Exception) -> Problem:
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        return error("--port", f"port {port} on {host} is in use already (is another server running there?)", None,
                     f"stop that server, or choose another port: ugsite serve --port {port + 1 if port < 65535 else 8001} "
                     "(--port 0 takes any free one)")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return error("--host" if isinstance(exc, socket.gaierror) else "--port",
                 f"cannot listen on {host} port {port}: {reason}", None,
                 "use --host 127.0.0.1 and a --port from 1024 to 65535 (0 takes any free one)")


def serve(root: Path, host: str, port: int, drafts: bool, now: datetime | None) -> int:
    """Serve `root` until interrupted; return the exit status."""
    config, problems = load_config(root)
    if config is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return 1
    base_path = Urls(config.base_url).base_path
    try:
        server = ThreadingHTTPServer((host, port), BaseHTTPRequestHandler)
    except (OSError, OverflowError) as exc:
        print(_listen_problem(host, port, exc).format(), file=sys.stderr)
        return 1
    server.daemon_threads = True
    actual_port = server.server_address[1]
    live = LiveSite(root, f"http://{host}:{actual_port}{base_path}", drafts, now)
    server.RequestHandlerClass = make_handler(live, base_path)
    live.rebuild()
    observer = Observer()
    observer.schedule(_Watcher(root, live.rebuild), str(root), recursive=True)
    observer.start()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    # Ctrl+C and a TERM stop the server the same way, set before the line that says it is serving, so
    # a stop that comes at once (a script, a test) still ends with the cleanup and exit code 0.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"ugsite: serving {root.resolve().name} at http://{host}:{actual_port}{base_path} (Ctrl+C to stop)",
          flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        live.close()
        server.server_close()
        observer.join(timeout=5)
    print("ugsite: stopped", file=sys.stderr)
    return 0
