"""Who's hiring: job files become a page and a feed of the openings open at the build's moment."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
from conftest import build_site, messages, run_cli

from ugsite.commands.check import check_site
from ugsite.pipeline.build import BuildOptions

SiteMaker = Callable[..., Path]
SETTINGS = "title: T\nbase_url: https://e.org/g/\ntimezone: Europe/Berlin\n"
SPONSORS = "acme:\n  name: Acme Corp\n"
OPEN = """\
title: Python developer
organization: Acme Corp
link: https://acme.example/jobs/1
location: Harbor City
remote: true
posted: 2026-10-20
expires: 2026-11-30
sponsor: acme
description: |
  Build **data pipelines**.
"""
EXPIRED = """\
---
title: Junior developer
organization: Dockside Library
link: mailto:jobs@dockside.example
location: remote
posted: 2026-09-01
expires: 2026-10-15
---
Help us keep the catalogue running.
"""
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def json_ld(html: str) -> list[Any]:
    """Return every JSON-LD object of a page, parsed as a search engine does."""
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_jobs_page_and_feed_list_only_open_openings(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS, "data/sponsors.yaml": SPONSORS, "jobs/acme-python.yaml": OPEN,
                      "jobs/dockside-junior.md": EXPIRED})
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    html = (root / "public/jobs/index.html").read_text()
    assert "Python developer" in html and "Junior developer" not in html  # expired on 15 October
    assert 'id="job-acme-python" data-ug-expires="2026-12-01T00:00:00+01:00"' in html  # open all of 30 November
    assert "Harbor City or remote" in html and "Acme Corp sponsors T" in html and "<strong>data pipelines</strong>" in html
    [posting] = json_ld(html)
    assert posting["@type"] == "JobPosting" and posting["hiringOrganization"]["name"] == "Acme Corp"
    assert posting["datePosted"] == "2026-10-20" and posting["validThrough"] == "2026-12-01T00:00:00+01:00"
    assert posting["jobLocationType"] == "TELECOMMUTE" and posting["jobLocation"]["address"] == "Harbor City"
    feed = feedparser.parse((root / "public/jobs/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == ["Python developer at Acme Corp (Harbor City or remote)"]
    assert feed.entries[0].link == "https://e.org/g/jobs/#job-acme-python"
    assert 'href="/g/jobs/"' in (root / "public/index.html").read_text()  # in the menu
    report = build_site(root, now=datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert "Python developer" not in (root / "public/jobs/index.html").read_text()
    assert feedparser.parse((root / "public/jobs/feed.xml").read_bytes()).entries == []
    report = build_site(root, now=datetime(2026, 9, 10, tzinfo=timezone.utc))  # before the Acme one was posted
    html = (root / "public/jobs/index.html").read_text()
    assert "Junior developer" in html and "Python developer" not in html and "Dockside Library</strong> · Remote</p>" in html


def test_hostile_text_is_escaped_on_the_page_in_json_ld_and_in_the_feed(make_site: SiteMaker) -> None:
    hostile = "</script><script>alert(1)</script>"
    root = make_site({"ugsite.yaml": SETTINGS + "raw_html: escape\n", "jobs/x.yaml": OPEN.replace(
        "Python developer", hostile).replace("sponsor: acme\n", "").replace("Build", f"{hostile} Build")})
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    html = (root / "public/jobs/index.html").read_text()
    assert "<script>alert(1)" not in html
    [posting] = json_ld(html)
    assert posting["title"] == hostile
    [entry] = feedparser.parse((root / "public/jobs/feed.xml").read_bytes()).entries
    assert entry.title.startswith(hostile) and "alert(1)</script>" not in entry.content[0].value


def test_mistakes_in_a_job_file_name_the_file_line_and_a_hint(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS, "data/sponsors.yaml": SPONSORS, "jobs/bad.yaml": """\
title: Python developer
organization: Acme Corp
link: javascript:alert(1)
location: ""
posted: someday
expires: 2026-12-01
sponsor: acmee
salary: lots
"""})
    report = build_site(root, now=NOW)
    assert not report.written
    assert sorted((p.path, p.line or 0, p.level) for p in report.problems) == [
        ("jobs/bad.yaml", 3, "error"), ("jobs/bad.yaml", 4, "error"), ("jobs/bad.yaml", 5, "error"),
        ("jobs/bad.yaml", 7, "error"), ("jobs/bad.yaml", 8, "warning")]
    formatted = "\n".join(p.format() for p in report.problems)
    assert "jobs/bad.yaml:4: error: the opening says neither where the work is nor that it is remote" in formatted
    assert "hint: add location: Harbor City, or remote: true" in formatted
    assert "jobs/bad.yaml:7: error: 'acmee' is not a sponsor of data/sponsors.yaml" in formatted
    assert "hint: known sponsors: acme" in formatted
    root = make_site({"ugsite.yaml": SETTINGS, "jobs/late.yaml": OPEN.replace("sponsor: acme\n", "").replace(
        "expires: 2026-11-30", "expires: 2025-11-30")}, name="late")
    assert messages(build_site(root, now=NOW)) == [
        "jobs/late.yaml:7: error: the opening expires (2025-11-30) before it is posted (2026-10-20)"]
    root = make_site({"ugsite.yaml": SETTINGS, "jobs/empty.md": "---\ntitle: X\n---\n"}, name="other")
    assert messages(build_site(root, now=NOW)) == [
        "jobs/empty.md:2: error: the opening has no 'organization'",
        "jobs/empty.md:2: error: the opening has no 'link'",
        "jobs/empty.md:2: error: the opening says neither where the work is nor that it is remote",
        "jobs/empty.md:2: error: the opening has no 'posted'",
    ]


def test_check_warns_about_openings_without_expires_or_past_it(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS, "jobs/forever.yaml": OPEN.replace("expires: 2026-11-30\n", "")
                      .replace("sponsor: acme\n", ""), "jobs/dockside-junior.md": EXPIRED})
    problems = check_site(root, BuildOptions(now=NOW))
    shown = sorted(p.format().splitlines()[0] for p in problems if p.path.startswith("jobs/"))
    assert shown == [
        "jobs/dockside-junior.md:7: warning: the opening expired on 2026-10-15, so it is no longer on the jobs page",
        "jobs/forever.yaml:1: warning: the opening has no 'expires', so it stays on the jobs page until someone "
        "deletes the file",
    ]


def test_new_job_writes_a_template_that_check_asks_to_complete(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS})
    done = run_cli("new", "job", "Data engineer", "--organization", "Acme & Co", "--site", str(root),
                   "--now", "2026-11-01T12:00:00Z")
    assert done.returncode == 0, done.stderr
    file = root / "jobs/2026-11-data-engineer-acme-co.md"
    assert done.stdout.strip().endswith("2026-11-data-engineer-acme-co.md") and file.is_file()
    report = build_site(root, now=NOW)
    assert messages(report) == ["jobs/2026-11-data-engineer-acme-co.md:5: error: the opening says neither where "
                                "the work is nor that it is remote"]
    file.write_text(file.read_text().replace('location: ""', "location: Harbor City"))
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    html = (root / "public/jobs/index.html").read_text()
    assert "Acme &amp; Co" in html and "apply by <time datetime=\"2026-12-31\">" in html
    problems = check_site(root, BuildOptions(now=NOW))
    assert any(p.path == "jobs/2026-11-data-engineer-acme-co.md" and "example text left from ugsite new" in p.message
               for p in problems)


def test_two_job_files_of_one_name_are_an_error(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS, "jobs/acme.yaml": OPEN.replace("sponsor: acme\n", ""),
                      "jobs/acme.md": EXPIRED})
    assert messages(build_site(root, now=NOW)) == [
        "jobs/acme.yaml: error: jobs/acme.yaml and jobs/acme.md would have one place on the jobs page (#job-acme)"]
