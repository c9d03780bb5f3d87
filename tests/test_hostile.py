"""Hostile and careless input from a pull request: no injected link, no traceback, nothing leaked."""

from __future__ import annotations

import html.parser
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build_site, messages, run_cli

SiteMaker = Callable[..., Path]

# Every way a script address has been smuggled into an attribute: case, whitespace and
# control characters a browser ignores, character references for the colon, other schemes.
DANGEROUS = [
    "javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "\x01javascript:alert(1)", "javascript&colon;alert(1)", "javascript&#58;alert(1)", "javascript&#x3A;alert(1)",
    "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd",
]

# Each field that becomes an href or src: file, the YAML that sets it to {url}, and the
# message's opening that names it.
LINK_FIELDS = {
    "speaker url": ("data/speakers.yaml", "ada:\n  name: Ada\n  url: {url}\n"),
    "speaker avatar": ("data/speakers.yaml", "ada:\n  name: Ada\n  avatar: {url}\n"),
    "sponsor url": ("data/sponsors.yaml", "acme:\n  name: ACME\n  url: {url}\n"),
    "sponsor logo": ("data/sponsors.yaml", "acme:\n  name: ACME\n  logo: {url}\n"),
    "venue url": ("data/venues.yaml", "hall:\n  name: Hall\n  url: {url}\n"),
    "inline venue url": ("events/2026-12-01-a.yaml", "title: A\nstart: 2026-12-01 18:00\nvenue: {{name: Pub, url: {url}}}\n"),
    "inline speaker url": ("events/2026-12-01-a.yaml",
                           "title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/a\n"
                           "speakers: [{{name: Eve, url: {url}}}]\n"),
    "inline speaker avatar": ("events/2026-12-01-a.yaml",
                              "title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/a\n"
                              "speakers: [{{name: Eve, avatar: {url}}}]\n"),
    "event image": ("events/2026-12-01-a.yaml",
                    "title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/a\nimage: {url}\n"),
    "event online": ("events/2026-12-01-a.yaml", "title: A\nstart: 2026-12-01 18:00\nonline: {url}\n"),
    "event rsvp": ("events/2026-12-01-a.yaml",
                   "title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/a\nrsvp: {url}\n"),
    "talk slides": ("events/2026-12-01-a.yaml", "title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/a\n"
                                                "talks: [{{title: T, slides: {url}}}]\n"),
    "talk video": ("events/2026-12-01-a.yaml", "title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/a\n"
                                               "talks: [{{title: T, video: {url}}}]\n"),
    "post image": ("posts/2026-05-01-p.md", "---\ntitle: P\nimage: {url}\n---\nText\n"),
    "page image": ("pages/about.md", "---\ntitle: About\nimage: {url}\n---\nText\n"),
    "series online": ("data/series.yaml", "m:\n  title: M\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n"
                                          "  start: 2026-11-11 18:30\n  online: {url}\n"),
    "organizer url": ("ugsite.yaml", "title: T\nbase_url: https://org.github.io/g/\norganizer: {{name: O, url: {url}}}\n"),
    "menu url": ("ugsite.yaml", "title: T\nbase_url: https://org.github.io/g/\nnav: [{{title: Go, url: {url}}}]\n"),
}


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\x01", "\\x01") + '"'


class _Links(html.parser.HTMLParser):
    """Collect every attribute a browser would follow or load."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "poster", "srcset") and value:
                self.found.append(value)


def dangerous_links(folder: Path) -> list[str]:
    """Return every href/src/... in the built HTML whose scheme is not one a page may link to."""
    bad = []
    for page in folder.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for value in parser.found:
            probe = re.sub(r"[\x00-\x20\x7f]+", "", value)
            scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", probe)
            if scheme and scheme.group(1).lower() not in ("http", "https", "mailto", "webcal"):  # webcal: ugsite's own
                bad.append(f"{page.relative_to(folder)}: {value}")
    return bad


@pytest.mark.parametrize("field", sorted(LINK_FIELDS))
@pytest.mark.parametrize("url", DANGEROUS, ids=range(len(DANGEROUS)))
def test_no_field_can_carry_a_script_link(make_site: SiteMaker, field: str, url: str) -> None:
    path, template = LINK_FIELDS[field]
    files = {"data/speakers.yaml": "ada:\n  name: Ada\n", "data/venues.yaml": "hall:\n  name: Hall\n",
             path: template.format(url=_yaml_string(url))}
    root = make_site(files)
    report = build_site(root)
    assert not report.written, f"{field} = {url!r} was accepted"
    errors = [m for m in messages(report) if ": error: " in m]
    assert len(errors) == 1 and errors[0].startswith(path + ":"), errors
    assert not (root / "public").exists()


def test_ghost_placeholders_never_become_a_scheme(make_site: SiteMaker) -> None:
    """On a site served at the root, `__GHOST_URL__` + text stays a path on the site."""
    root = make_site({
        "ugsite.yaml": "title: T\nbase_url: https://example.org/\n",
        "posts/2026-05-01-p.md": "---\ntitle: P\nimage: __GHOST_URL__javascript:alert(1)\n---\n"
                                 "[x](__GHOST_URL__javascript:alert(2)) ![y](__GHOST_URL__javascript:alert(3))\n\n"
                                 '<a href="__GHOST_URL__javascript:alert(4)">z</a> [home](__GHOST_URL__)\n',
    })
    report = build_site(root)
    assert report.written, messages(report)
    assert dangerous_links(root / "public") == []
    post = (root / "public/posts/p/index.html").read_text(encoding="utf-8")
    assert 'href="/javascript:alert(2)"' in post and 'href="/"' in post


def test_every_link_of_the_example_site_is_safe(tmp_path: Path) -> None:
    from conftest import EXAMPLE

    report = build_site(EXAMPLE, output=tmp_path / "out", cache=False)
    assert report.written
    assert dangerous_links(tmp_path / "out") == []


def test_messages_show_control_and_invisible_characters_escaped(make_site: SiteMaker) -> None:
    """A value or file name cannot clear the terminal, recolour it, reorder text or fake a line of the report."""
    root = make_site({
        "data/venues.yaml": "hall:\n  name: Hall\n",
        "events/2026-12-01-\u202eevil\u200b\x1b[2J\nposts/x.md:1: error: fake.yaml":
            'title: A\nstart: 2026-12-01 18:00\nvenue: "\\e[31mlibrary"\n',
    })
    for output in ("text", "github"):
        result = run_cli("check", str(root), "--now", "2026-11-01", "--format", output)
        assert result.returncode == 1
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\u202e" not in shown and "\u200b" not in shown
        assert not any(line.startswith("posts/x.md") for line in shown.splitlines())
    assert "/site/events/2026-12-01-\\u202eevil\\u200b\\x1b[2J\\x0aposts/x.md%3A1%3A" in result.stdout
    text = run_cli("check", str(root), "--now", "2026-11-01").stderr.splitlines()
    assert text[0] == ("events/2026-12-01-\\u202eevil\\u200b\\x1b[2J\\x0aposts/x.md:1: error: fake.yaml:3: error: "
                       "'venue' holds a control character (U+001B) that pages, feeds and calendars cannot carry")
