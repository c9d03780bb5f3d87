"""Hostile and careless input from a pull request: no injected link, no traceback, nothing leaked."""

from __future__ import annotations

import functools
import html.parser
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import build_site, messages, read_tree, run_cli

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


@pytest.mark.parametrize(("link", "target", "message"), [
    ("data/organizers.yaml", "outside", "data/organizers.yaml: error: it is a link to a file outside the site folder"),
    ("templates/robots.txt", "outside", "templates/robots.txt: error: it is a link to a file outside the site folder"),
    ("themes/mine/templates/home.html", "outside",
     "themes/mine/templates/home.html: error: it is a link to a file outside the site folder"),
    ("themes/mine/static/notes.txt", "outside",
     "themes/mine/static/notes.txt: error: it is a link to a file outside the site folder"),
    ("pages/_index.md", "outside", "pages/_index.md: error: it is a link to a file outside the site folder"),
    ("pages/about.md", "outside", "pages/about.md: error: it is a link to a file outside the site folder"),
    ("static/config.txt", ".git/config",
     "static/config.txt: error: it is a link into the site's .git/ folder, which is never published"),
    ("static/cache.db", ".ugsite-cache/cache.sqlite",
     "static/cache.db: error: it is a link into the site's .ugsite-cache/ folder, which is never published"),
    ("static/vendor/.git/config", None,
     "static/vendor/.git/config: error: it lies in a .git folder, which is never published"),
])
def test_no_folder_the_build_reads_publishes_what_lies_elsewhere(make_site: SiteMaker, tmp_path: Path, link: str,
                                                                  target: str | None, message: str) -> None:
    """One rule for data, templates, themes, pages and static: links out of the site, or into .git, are refused."""
    (tmp_path / "outside").write_text("root:x:0:0:secret\n", encoding="utf-8")
    root = make_site({"ugsite.yaml": "title: T\nbase_url: https://org.github.io/g/\ntheme: mine\n",
                      "themes/mine/theme.yaml": "extends: default\n", "themes/mine/templates/.keep": "",
                      ".git/config": "[remote]\n  token = secret\n", ".ugsite-cache/cache.sqlite": "secret"})
    file = root / link
    file.parent.mkdir(parents=True, exist_ok=True)
    if target is None:
        file.write_text("token = secret\n", encoding="utf-8")
    else:
        file.symlink_to(tmp_path / target if target == "outside" else root / target)
    report = build_site(root)
    assert not report.written
    assert [m for m in messages(report) if ": error: " in m] == [f"{message}, so it is not used"]
    assert not (root / "public").exists()


def test_a_folder_ugsite_did_not_write_is_not_replaced(make_site: SiteMaker) -> None:
    root = make_site({"posts/2026-05-01-a.md": "A\n", "docs/index.html": "<h1>Our other website</h1>\n"})
    result = run_cli("build", str(root), "-o", str(root / "docs"), "--now", "2026-11-01")
    assert result.returncode == 1 and "the output folder holds files that ugsite did not write" in result.stderr
    assert "--force" in result.stderr
    assert (root / "docs/index.html").read_text(encoding="utf-8") == "<h1>Our other website</h1>\n"
    assert run_cli("build", str(root), "-o", str(root / "docs"), "--now", "2026-11-01", "--force").returncode == 0
    assert "Our other website" not in (root / "docs/index.html").read_text(encoding="utf-8")
    assert (root / "docs/.ugsite-output").is_file()
    assert run_cli("build", str(root), "-o", str(root / "docs"), "--now", "2026-11-02", "--no-cache").returncode == 0


def test_a_build_killed_at_any_moment_leaves_the_old_output_or_the_new(make_site: SiteMaker, tmp_path: Path) -> None:
    """Kill incremental builds at many moments: the output is always one whole build, never a mix."""
    files = {f"posts/2026-05-{1 + i % 28:02d}-post-{i}.md": f"---\ntags: [t{i % 7}]\n---\nPost {i}.\n" for i in range(400)}
    root = make_site(files)
    assert run_cli("build", str(root), "--now", "2026-11-01").returncode == 0
    old = read_tree(root / "public")
    for name in list(files)[::3]:
        (root / name).write_text(files[name].replace("Post", "Edited post"), encoding="utf-8")
    assert run_cli("build", str(root), "-o", str(tmp_path / "expected"), "--now", "2026-11-01",
                   "--no-cache").returncode == 0
    new = read_tree(tmp_path / "expected")
    assert new != old
    rng = random.Random(7)
    outcomes = set()
    for _ in range(8):
        process = subprocess.Popen([sys.executable, "-m", "ugsite", "build", str(root), "--now", "2026-11-01"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.6))
        process.kill()
        process.wait()
        now = read_tree(root / "public")
        assert now in (old, new), "the output is a mix of two builds"
        outcomes.add("new" if now == new else "old")
        if now == new:  # start again from the old output, so the next kill can land mid-write too
            for name in list(files)[::3]:
                (root / name).write_text(files[name], encoding="utf-8")
            assert run_cli("build", str(root), "--now", "2026-11-01").returncode == 0
            assert read_tree(root / "public") == old
            for name in list(files)[::3]:
                (root / name).write_text(files[name].replace("Post", "Edited post"), encoding="utf-8")
    assert run_cli("build", str(root), "--now", "2026-11-01").returncode == 0
    assert read_tree(root / "public") == new


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
_DATE_TEXT = st.builds(lambda y, m, d, h, mi: f"{y:04d}-{m:02d}-{d:02d} {h:02d}:{mi:02d}",
                       st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25), st.integers(0, 61))
_VALUE = st.one_of(_TEXT, _DATE_TEXT, st.integers(-10**15, 10**15), st.floats(), st.booleans(), st.none(),
                   st.lists(_TEXT, max_size=4), st.dictionaries(_TEXT, _TEXT, max_size=3),
                   st.sampled_from(["javascript:alert(1)", "http://[::1", "9999999999d", "FREQ=SECONDLY", "../../etc",
                                    "a" * 300, "calendar.ics", "__GHOST_URL__x", "<script>x</script>", "\x1b[2J"]))
_EVENT_KEYS = ["title", "start", "end", "duration", "timezone", "status", "venue", "online", "speakers", "talks",
               "sponsors", "rsvp", "tags", "image", "summary", "description", "uid", "series", "occurrence", "extra"]
_POST_KEYS = ["title", "date", "updated", "slug", "summary", "description", "tags", "categories", "author", "image",
              "draft", "extra"]
_SERIES_KEYS = ["title", "rrule", "start", "from", "duration", "until", "count", "except", "timezone", "online", "uid"]


def _fields(keys: list[str], required: dict[str, object]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.sampled_from(keys), _VALUE, max_size=6).map(lambda d: {**required, **d})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=_fields(_EVENT_KEYS, {"title": "E", "start": "2026-12-01 18:00"}),
       post=_fields(_POST_KEYS, {"title": "P"}), series=_fields(_SERIES_KEYS, {"rrule": "FREQ=MONTHLY;BYDAY=2WE",
                                                                             "start": "2026-01-14 18:30"}),
       body=_TEXT, name=st.sampled_from(["e", "feed.xml", "calendar.ics", "a" * 250, "x y", "ünï"]))
def test_no_input_makes_a_traceback(tmp_path_factory: pytest.TempPathFactory, event: dict[str, object],
                                    post: dict[str, object], series: dict[str, object], body: str, name: str) -> None:
    """Whatever the files say, build and check end with success or exit 1 naming a file, never a crash."""
    root = tmp_path_factory.mktemp("fuzz")
    dump = functools.partial(yaml.safe_dump, allow_unicode=True, sort_keys=False)
    (root / "ugsite.yaml").write_text("title: T\nbase_url: https://org.github.io/g/\ntimezone: Asia/Tokyo\n")
    for folder in ("events", "posts", "data"):
        (root / folder).mkdir()
    (root / f"events/{name}.yaml").write_text(dump(event), encoding="utf-8")
    (root / "posts/2026-05-01-p.md").write_text(f"---\n{dump(post)}---\n{body}\n", encoding="utf-8")
    (root / "data/series.yaml").write_text(dump({"m": series}), encoding="utf-8")
    files = ("ugsite.yaml", "events/", "posts/", "data/", "calendar", "feed", "home", "static/", "posts/", "tags/")
    for command in ("build", "check"):
        result = run_cli(command, str(root), "--now", "2026-11-01", "--links" if command == "check" else "--no-cache")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
        if result.returncode == 1:
            problems = [line for line in result.stderr.splitlines() if ": error: " in line]
            assert problems and all(line.startswith(files) for line in problems), result.stderr


@pytest.mark.parametrize("files", [
    {"ugsite.yaml": 'title: T\nbase_url: https://org.github.io/g/\norganizer: {name: O, email: "a@b.org\\r\\nATTENDEE:x"}\n'},
    {"ugsite.yaml": 'title: T\nbase_url: https://org.github.io/g/\norganizer: {name: "O\\nX-Y: z", email: a@b.org}\n'},
    {"events/2026-12-01-a.yaml": 'title: A\nstart: 2026-12-01 18:00\nonline: "https://meet.example/a\\r\\nX-INJECTED:1"\n'},
    {"events/2026-12-01-a.yaml": 'title: A\nstart: 2026-12-01 18:00\nonline: https://meet.example/\n'
                                 'rsvp: "https://rsvp.example/\\nBEGIN:VEVENT"\n'},
])
def test_no_value_adds_a_line_to_a_calendar(make_site: SiteMaker, files: dict[str, str]) -> None:
    """A line break inside an address or the organizer would start a property of its own in the .ics files."""
    report = build_site(make_site(files))
    assert not report.written
    errors = [m for m in messages(report) if ": error: " in m]
    assert len(errors) == 1 and errors[0].startswith(next(iter(files)) + ":"), errors


def test_check_links_on_folders_named_like_files(make_site: SiteMaker) -> None:
    """An event file calendar.ics.yaml or x.html.yaml makes a folder of that name; the link check reads only files."""
    event = "title: E\nstart: 2026-12-01 18:00\nonline: https://meet.example/\n"
    root = make_site({"events/calendar.ics.yaml": event, "events/x.html.yaml": event})
    result = run_cli("check", str(root), "--links", "--now", "2026-11-01")
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
