"""Take the README's screenshots: the example site's front door at a phone's and a desktop's width.

    python docs/screenshots.py [--out docs/screenshots]

Builds example-content/ at a fixed moment (the next meetup is ten days away), and the
two-language test site (tests/fixtures/two-languages: its Polish home and an English post),
serves them on the loopback interface, and shoots the top of the home, events, event, series and post pages in
Debian's Chromium (UGSITE_CHROMIUM, default /usr/bin/chromium) with the page's clock at that
same moment and in the group's time zone, at 390 × 844 and 1280 × 800. It needs what the README's test command installs
(Playwright and Chromium); nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from ugsite.pipeline.build import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
MOMENT = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
PAGES = {
    "home": "",
    "events": "events/",
    "event": "events/monthly-2026-11-11/",
    "series": "events/series/monthly/",
    "post": "posts/pattern-matching-recap/",
}
TWO_LANGUAGES = REPO / "tests" / "fixtures" / "two-languages"
TWO_LANGUAGES_MOMENT = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
TWO_LANGUAGE_PAGES = {"two-languages-pl": "", "two-languages-en": "en/posts/soldering-workshop/"}
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve `folder` on the loopback interface; yield its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def take(out: Path, chromium: str = os.environ.get("UGSITE_CHROMIUM", "/usr/bin/chromium")) -> list[Path]:
    """Build the example site and write a PNG per page and width into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ugsite-screenshots-") as tmp:
        for source, moment, folder in ((REPO / "example-content", MOMENT, "site"),
                                       (TWO_LANGUAGES, TWO_LANGUAGES_MOMENT, "two")):
            report = build(source, BuildOptions(now=moment, output=Path(tmp) / folder, cache=False,
                                                base_url=f"http://127.0.0.1/{folder}/"))
            if report.failed:
                raise SystemExit("\n".join(p.format() for p in report.problems))
        with served(Path(tmp)) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="light",
                                              locale="en-US", timezone_id="America/New_York")  # a member's phone
                shots = [(name, f"site/{path}", MOMENT) for name, path in PAGES.items()]
                shots += [(name, f"two/{path}", TWO_LANGUAGES_MOMENT) for name, path in TWO_LANGUAGE_PAGES.items()]
                for name, path, moment in shots:
                    page = context.new_page()
                    page.clock.install(time=moment)
                    page.goto(f"{origin}{path}", wait_until="networkidle")
                    file = out / f"{name}-{size}.png"
                    page.screenshot(path=str(file), animations="disabled", caret="hide")
                    written.append(file)
                    page.close()
                context.close()
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(prog="python docs/screenshots.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots", help="where to write the PNGs")
    for file in take(parser.parse_args().out):
        print(file.relative_to(REPO) if file.is_relative_to(REPO) else file)


if __name__ == "__main__":
    main()
