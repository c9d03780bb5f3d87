"""The example site builds, its feeds load in a feed reader, and its HTML is valid."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest
from conftest import EXAMPLE, NOW, REPO, build_site, messages, read_tree

VNU_JAR = Path(os.environ.get("UGSITE_VNU_JAR", REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "public"
    report = build_site(EXAMPLE, output=out, search=True)
    assert report.written, messages(report)
    assert report.problems == ()
    return out


def test_every_page_kind_is_built(public: Path) -> None:
    for path in (
        "index.html", "posts/index.html", "posts/page/2/index.html", "posts/our-first-meetup/index.html",
        "posts/pycon-planning-notes/index.html", "posts/welcome-to-2026/index.html", "about/index.html",
        "code-of-conduct/index.html", "sponsor-us/index.html", "speakers/index.html",
        "speakers/maya-okafor/index.html", "sponsors/index.html", "tags/index.html", "tags/python/index.html",
        "categories/recaps/index.html", "archive/index.html", "404.html", "sitemap.xml", "robots.txt",
        "content/images/2018/05/first-meetup.png", "images/social-card.png", ".nojekyll", "search/index.html",
        "pagefind/pagefind.js", "events/calendar/index.html", "events/calendar/2027-06/index.html",
        "events/subscribe/apple/index.html", "events/subscribe/other/index.html",
    ):
        assert (public / path).is_file(), path
    assert not (public / "posts/summer-picnic").exists()


def test_example_jobs_and_reminders(public: Path) -> None:
    jobs = (public / "jobs/index.html").read_text(encoding="utf-8")
    assert "Data engineer (Python, PostgreSQL)" in jobs and "Junior Python developer" not in jobs  # expired
    assert [e.title for e in feedparser.parse((public / "jobs/feed.xml").read_bytes()).entries] == [
        "Data engineer (Python, PostgreSQL) at The Foundry Co-working (Harbor City (hybrid, two days in the office) "
        "or remote)"]
    for name in ("events/reminders.xml", "events/reminders-atom.xml"):
        feed = feedparser.parse((public / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert all(e.id.startswith("urn:uuid:") for e in feed.entries)


def test_example_has_an_open_call_for_speakers(public: Path) -> None:
    home = (public / "index.html").read_text(encoding="utf-8")
    assert ('Call for speakers open until <time datetime="2027-01-15">January 15, 2027</time> — <a href="https://github.com/'
            'harbor-city-python/site/issues/new?template=talk-proposal.yml">propose a talk</a>') in home
    cfp = (public / "cfp/index.html").read_text(encoding="utf-8")
    assert "Type hints in a ten-year-old codebase" in cfp and "What teenagers break first" not in cfp  # scheduled
    feed = feedparser.parse((public / "cfp/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == ["Call for speakers: Harbor City Python (until January 15, 2027)"]


def test_override_template_shows_free_form_data(public: Path) -> None:
    about = (public / "about/index.html").read_text(encoding="utf-8")
    assert "<strong>Sofia Marques</strong>" in about


def test_main_feeds_load_in_a_feed_reader(public: Path) -> None:
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((public / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.feed.title == "Harbor City Python"
        assert feed.feed.link == "https://harbor-city-python.github.io/site/"
        posts = [e for e in feed.entries if "/site/posts/" in e.link]
        events = [e for e in feed.entries if "/site/events/" in e.link]
        assert len(posts) == 10 and len(events) == 10 and len(feed.entries) == 20
        assert posts[0].title == "Recap: typing in practice"
        assert posts[0].link == "https://harbor-city-python.github.io/site/posts/typing-in-practice-recap/"
        assert posts[0].published_parsed[:5] == (2026, 9, 10, 13, 0)
        dates = [datetime(*e.published_parsed[:6], tzinfo=timezone.utc) for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
        assert all(datetime(2018, 1, 1, tzinfo=timezone.utc) <= d <= NOW for d in dates)
        ghost = next(e for e in feed.entries if e.title == "Our first meetup")
        content = ghost.content[0].value
        assert 'src="https://harbor-city-python.github.io/site/content/images/2018/05/pizza.png"' in content
        assert "__GHOST_URL__" not in content
        assert "Cancelled: December meetup" in [e.title for e in events]


def test_tag_feed(public: Path) -> None:
    feed = feedparser.parse((public / "tags/python/feed.xml").read_bytes())
    assert not feed.bozo
    assert sorted(e.title for e in feed.entries) == ["Recap: Packaging workshop", "Recap: Structural pattern matching in practice",
                                                     "Recap: typing in practice"]


def test_build_is_byte_identical(public: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build_site(EXAMPLE, output=again, search=True).written
    assert read_tree(again) == read_tree(public)  # the search index too


def test_sub_path_reaches_every_channel(public: Path) -> None:
    home = (public / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="/site/css/site.css">' in home
    assert '<link rel="canonical" href="https://harbor-city-python.github.io/site/">' in home
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://harbor-city-python.github.io/site/posts/our-first-meetup/</loc>" in sitemap
    assert "Sitemap: https://harbor-city-python.github.io/site/sitemap.xml" in (public / "robots.txt").read_text()


def test_html_css_and_svg_pass_the_nu_html_checker(public: Path) -> None:
    assert VNU_JAR.is_file(), f"the Nu Html Checker is missing at {VNU_JAR}: run the README's test command"
    java = shutil.which("java")
    assert java, "a Java runtime is needed for the Nu Html Checker: run the README's test command"
    files = sorted(str(f) for f in public.rglob("*")
                   if f.suffix in (".html", ".css", ".svg") and "pagefind" not in f.relative_to(public).parts)
    assert len(files) > 40
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--also-check-css", "--also-check-svg", "--format", "json", *files],
        capture_output=True, text=True, timeout=600,
    )
    found = json.loads(result.stderr)["messages"]
    assert found == [], "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in found)


def test_example_events_and_calendar(public: Path) -> None:
    for path in ("events/index.html", "events/monthly-2026-11-11/index.html", "events/monthly-2026-12-09/event.ics",
                 "events/series/monthly/index.html", "events/series/monthly/calendar.ics", "venues/foundry/index.html",
                 "events/2027-06-19-harbor-sprint/index.html", "calendar.ics", "events/feed.xml"):
        assert (public / path).is_file(), path
    import icalendar
    import recurring_ical_events

    cal = icalendar.Calendar.from_ical((public / "calendar.ics").read_bytes())
    ny = "America/New_York"
    found = recurring_ical_events.of(cal).between(datetime(2027, 2, 1, tzinfo=timezone.utc),
                                                  datetime(2027, 5, 1, tzinfo=timezone.utc))
    meetups = sorted((e for e in found if "monthly" in str(e["UID"])), key=lambda e: e["DTSTART"].dt)
    assert [(e["DTSTART"].dt.month, e["DTSTART"].dt.day, e["DTSTART"].dt.hour) for e in meetups] == [
        (2, 10, 18), (3, 10, 18), (4, 14, 18)]
    assert [str(e["DTSTART"].dt.tzinfo) for e in meetups] == [ny] * 3
    assert [e["DTSTART"].dt.utcoffset().total_seconds() / 3600 for e in meetups] == [-5, -5, -4]  # DST from 14 March
    listing = (public / "events/index.html").read_text(encoding="utf-8")
    upcoming = listing.split('id="ug-upcoming"')[1].split('id="ug-past"')[0]
    assert "Advent of Code kick-off" in upcoming and "Hacktoberfest" not in upcoming
    assert "<s>December meetup</s>" in upcoming
    home = (public / "index.html").read_text(encoding="utf-8")
    hero = home.split('<article class="next-event')[1].split("</article>")[0]
    assert "November meetup: Python in the classroom" in hero and "Coming up" in home
