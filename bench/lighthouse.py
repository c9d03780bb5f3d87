"""Lighthouse on the example site, as a phone sees it: `python -m bench.lighthouse [PATH ...]`.

Builds example-content/ at this moment (so the time-aware pages look as they would after the
daily rebuild), serves it on the loopback interface and runs Lighthouse (npm, installed into
.tools/ by the README's test command) in Debian's Chromium with its phone settings, printing
the score of each category for each page. The accessibility, best-practices and SEO scores
do not depend on timing and are asserted by tests/test_lighthouse.py; the performance score
does, so it is measured here, never asserted in a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / ".tools/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("UGSITE_CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("", "events/", "events/calendar/", "posts/pattern-matching-recap/", "venues/dockside-library/")
FLAGS = "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
        "--disable-component-update --disable-sync"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served_example(now: datetime | None = None) -> Iterator[str]:
    """Build the example site at `now` (default: this moment), serve it, and yield its address."""
    from ugsite.pipeline.build import BuildOptions, build

    with tempfile.TemporaryDirectory(prefix="ugsite-lighthouse-") as tmp:
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=tmp))
        origin = f"http://127.0.0.1:{server.server_address[1]}/site/"
        report = build(REPO / "example-content", BuildOptions(now=now or datetime.now(timezone.utc), base_url=origin,
                                                                output=Path(tmp) / "site", cache=False))
        if report.failed:
            raise RuntimeError("\n".join(p.format() for p in report.problems))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield origin
        finally:
            server.shutdown()


def audit(url: str, categories: tuple[str, ...] = CATEGORIES) -> dict[str, object]:
    """Run Lighthouse on `url` as a phone, for `categories`; return its JSON report."""
    with tempfile.TemporaryDirectory(prefix="ugsite-lighthouse-profile-") as profile:
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout", "--form-factor=mobile",
             f"--only-categories={','.join(categories)}", f"--chrome-flags={FLAGS} --user-data-dir={profile}"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    report: dict[str, object] = json.loads(done.stdout)
    return report


def scores(report: dict[str, object]) -> dict[str, float]:
    """Return the score (0 to 1) of each category of a Lighthouse report."""
    categories = report["categories"]
    assert isinstance(categories, dict)
    return {name: float(category["score"] or 0) for name, category in categories.items()}


def failing(report: dict[str, object], category: str) -> list[str]:
    """Return the audits of `category` that lower its score, with what Lighthouse says of them."""
    categories, audits = report["categories"], report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    found = []
    for ref in categories[category]["auditRefs"]:
        result = audits[ref["id"]]
        if ref["weight"] and result["score"] is not None and result["score"] < 1:
            found.append(f"{ref['id']}: {result['title']} {result.get('displayValue', '')}".strip())
    return found


def main() -> None:
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"Lighthouse is missing at {LIGHTHOUSE}: run the README's test command once")
    pages = sys.argv[1:] or list(PAGES)
    with served_example() as origin:
        print(f"{'page':<34} " + " ".join(f"{c:>15}" for c in CATEGORIES))
        for page in pages:
            report = audit(origin + page)
            found = scores(report)
            print(f"{'/' + page:<34} " + " ".join(f"{round(found[c] * 100):>15}" for c in CATEGORIES), flush=True)
            for line in failing(report, "performance"):
                print(f"    {line}")


if __name__ == "__main__":
    main()
