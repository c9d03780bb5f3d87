"""Event files and series: what is read, what is derived, and what is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import html5lib
import pytest
from conftest import NOW, build_site, messages

from ugsite.site import routes
from ugsite.site.config import load_config
from ugsite.pipeline.load import load_site
from ugsite.site.model import Site

SiteMaker = Callable[..., Path]
BERLIN = ZoneInfo("Europe/Berlin")
DATA = {
    "data/venues.yaml": "hall:\n  name: Town Hall\n  address: 1 Main St\n  city: Springfield\n  lat: 50.1\n  lon: 8.6\n",
    "data/speakers.yaml": "ada:\n  name: Ada Lovelace\n",
    "data/sponsors.yaml": "acme:\n  name: ACME\n",
}


def load(root: Path) -> tuple[Site, list[str]]:
    config, problems = load_config(root)
    assert config is not None, problems
    site, found = load_site(config, now=NOW)
    assert site is not None
    return site, [p.format().splitlines()[0] for p in found]


def test_event_file_fields(make_site: SiteMaker) -> None:
    site, problems = load(make_site({**DATA, "events/2026-12-09-meetup.yaml": (
        "title: December meetup\nstart: 2026-12-09 18:30\nduration: 90m\nvenue: hall\nspeakers: [ada]\n"
        "sponsors: [acme]\nrsvp: https://rsvp.example/x\ntags: [Python]\ndescription: |\n  Talks and *pizza*.\n"
    )}))
    assert problems == []
    (event,) = site.events
    assert event.start == datetime(2026, 12, 9, 18, 30, tzinfo=BERLIN)
    assert event.end - event.start == timedelta(minutes=90)
    assert event.venue is not None and event.venue.name == "Town Hall"
    assert [s.name for s in event.speakers] == ["Ada Lovelace"] and [s.name for s in event.sponsors] == ["ACME"]
    assert event.uid == "2026-12-09-meetup@org.github.io"
    assert event.route == "events/2026-12-09-meetup/"
    assert "<em>pizza</em>" in event.description_html and event.description_text == "Talks and pizza."
    assert event.attendance == "offline" and event.status == "scheduled"


def test_markdown_event_with_bom_and_dashes_in_a_block_scalar(make_site: SiteMaker) -> None:
    root = make_site({"events/online.md": "\ufeff---\ntitle: Online talk\nstart: \"2026-12-01 19:00\"\n"
                      "online: https://meet.example/x\nsummary: |\n  Before\n  ---\n  after\n---\nBody **text**.\n"})
    site, problems = load(root)
    assert problems == []
    (event,) = site.events
    assert event.summary == "Before\n---\nafter"
    assert "<strong>text</strong>" in event.description_html
    assert event.attendance == "online"


def test_all_day_and_multi_day(make_site: SiteMaker) -> None:
    site, _ = load(make_site({
        "events/one.yaml": "title: One day\nstart: 2027-06-19\n",
        "events/two.yaml": "title: Two days\nstart: 2027-06-19\nend: 2027-06-20\n",
        "events/night.yaml": "title: Overnight\nstart: 2027-06-19 20:00\nend: 2027-06-20 02:00\n",
    }))
    events = {e.slug: e for e in site.events}
    assert events["one"].all_day and events["one"].end - events["one"].start == timedelta(days=1)
    assert events["two"].all_day and events["two"].end == datetime(2027, 6, 21, tzinfo=BERLIN)
    assert not events["night"].all_day and events["night"].end.day == 20


def test_explicit_offset_that_disagrees_with_the_zone_warns(make_site: SiteMaker) -> None:
    site, problems = load(make_site({"events/x.yaml": (
        "title: X\nstart: 2026-05-14T18:30:00-06:00\ntimezone: America/Chicago\n")}))
    assert problems == ["events/x.yaml:2: warning: 'start' has the UTC offset -06:00, but America/Chicago is at -05:00 "
                        "on 2026-05-14; ugsite uses 19:30 America/Chicago"]
    assert site.events[0].start.utcoffset() == timedelta(hours=-5)


def test_event_mistakes_are_errors_with_lines(make_site: SiteMaker) -> None:
    root = make_site({**DATA, "events/bad.yaml": (
        "title: Bad\nstart: 2026-12-09 18:30\nend: 2026-12-09 17:00\nvenue: nowhere\nspeakers: [grace]\n"
        "status: maybe\ncolour: red\n")})
    _, problems = load(root)
    assert sorted(problems) == [
        "events/bad.yaml:3: error: the event ends (2026-12-09 17:00) before it starts (2026-12-09 18:30)",
        "events/bad.yaml:4: error: unknown venue 'nowhere'",
        "events/bad.yaml:5: error: unknown speaker 'grace'",
        "events/bad.yaml:6: error: 'status' must be one of scheduled, cancelled, postponed, rescheduled, moved-online, not 'maybe'",
        "events/bad.yaml:7: warning: unknown field 'colour' is ignored",
    ]


def test_yaml_time_trap_in_start(make_site: SiteMaker) -> None:
    _, problems = load(make_site({"events/x.yaml": "title: X\nstart: 18:30\n"}))
    assert problems == ["events/x.yaml:2: error: 'start' is a time (18:30) without a day"]


SERIES = (
    "monthly:\n  title: Monthly meetup\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n  start: \"2026-01-14 18:30\"\n"
    "  duration: 2h\n  venue: hall\n  except: [\"2026-08-12\"]\n  tags: [meetup]\n"
)


def test_series_expands_across_dst_with_exceptions_and_overrides(make_site: SiteMaker) -> None:
    site, problems = load(make_site({
        **DATA, "data/series.yaml": SERIES,
        "events/march.yaml": "series: monthly\nstart: 2026-03-11 19:00\ntitle: March special\nspeakers: [ada]\n",
        "events/nov.yaml": "series: monthly\nstart: 2026-11-11 18:30\nstatus: cancelled\n",
    }))
    assert problems == []
    meetings = [e for e in site.events if e.series]
    days = [e.start.date().isoformat() for e in meetings]
    assert "2026-08-12" not in days
    assert days[:4] == ["2026-01-14", "2026-02-11", "2026-03-11", "2026-04-08"]
    assert all(e.start.hour == 18 and e.start.minute == 30 for e in meetings if e.has_file is False)
    assert {e.start.utcoffset() for e in meetings if not e.has_file} == {timedelta(hours=1), timedelta(hours=2)}
    march = next(e for e in meetings if e.slug == "monthly-2026-03-11")
    assert march.title == "March special" and march.start.hour == 19 and march.has_file
    assert march.recurrence_id == datetime(2026, 3, 11, 18, 30, tzinfo=BERLIN)
    assert march.venue is not None and march.venue.name == "Town Hall"
    nov = next(e for e in meetings if e.slug == "monthly-2026-11-11")
    assert nov.status == "cancelled" and nov.title == "Monthly meetup"
    assert max(e.start for e in meetings) < NOW + timedelta(days=190)


def test_override_must_match_an_occurrence(make_site: SiteMaker) -> None:
    _, problems = load(make_site({**DATA, "data/series.yaml": SERIES,
                                  "events/wrong.yaml": "series: monthly\nstart: 2026-03-12 18:30\n",
                                  "events/skipped.yaml": "series: monthly\nstart: 2026-08-12 18:30\n",
                                  "events/unknown.yaml": "series: weekly\ntitle: W\nstart: 2026-03-12 18:30\n"}))
    assert sorted(problems) == [
        "events/skipped.yaml:2: error: 2026-08-12 is not a meeting of the series 'monthly'",
        "events/unknown.yaml:1: error: unknown series 'weekly'",
        "events/wrong.yaml:2: error: 2026-03-12 is not a meeting of the series 'monthly'",
    ]


def test_series_mistakes(make_site: SiteMaker) -> None:
    _, problems = load(make_site({**DATA, "data/series.yaml": (
        "a:\n  title: A\n  rrule: FREQ=SOMETIMES\n  start: \"2026-01-14 18:30\"\n"
        "b:\n  title: B\n  rrule: FREQ=WEEKLY\n  start: \"2026-01-14\"\n"
        "c:\n  title: C\n  rrule: FREQ=WEEKLY\n  start: \"18:30\"\n"
        "d:\n  title: D\n  rrule: FREQ=WEEKLY;BYDAY=TU\n  start: \"18:30\"\n  from: 2026-01-01\n  venue: moon\n")}))
    assert problems == [
        "data/series.yaml:3: error: the rrule of 'a' is not valid: invalid 'FREQ': SOMETIMES",
        "data/series.yaml:8: error: the series 'b' needs a start time, not only a date",
        "data/series.yaml:12: error: the series 'c' gives a start time but no from: date",
        "data/series.yaml:18: error: unknown venue 'moon'",
    ]


def test_series_with_time_and_from_starts_on_the_first_match(make_site: SiteMaker) -> None:
    site, problems = load(make_site({"data/series.yaml": (
        "tuesdays:\n  title: Coding dojo\n  rrule: FREQ=WEEKLY;BYDAY=TU\n  start: \"19:00\"\n  from: 2026-10-01\n  count: 3\n")}))
    assert problems == []
    assert [e.start.date().isoformat() for e in site.events] == ["2026-10-06", "2026-10-13", "2026-10-20"]


def test_events_pages_build_and_cancelled_is_struck(make_site: SiteMaker) -> None:
    root = make_site({**DATA, "data/series.yaml": SERIES,
                      "events/nov.yaml": "series: monthly\nstart: 2026-11-11 18:30\nstatus: cancelled\n",
                      "events/2026-12-01-x.yaml": "title: <b>X</b> & Y\nstart: 2026-12-01 18:00\nvenue: hall\n"})
    report = build_site(root)
    assert report.written, messages(report)
    out = root / "public"
    for path in ("events/index.html", "events/monthly-2026-11-11/index.html", "events/monthly-2026-11-11/event.ics",
                 "events/series/monthly/index.html", "events/series/monthly/calendar.ics", "calendar.ics",
                 "events/tags/meetup/calendar.ics", "venues/hall/index.html", "events/feed.xml", "events/atom.xml"):
        assert (out / path).is_file(), path
    listing = (out / "events/index.html").read_text(encoding="utf-8")
    assert "<s>Monthly meetup</s>" in listing and "Cancelled" in listing
    page = (out / "events/2026-12-01-x/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;X&lt;/b&gt; &amp; Y" in page and "<b>X</b>" not in page
    home = (out / "index.html").read_text(encoding="utf-8")
    hero = home.split('<article class="next-event')[1].split("</article>")[0]
    assert 'href="/group-site/events/2026-12-01-x/"' in hero and "&lt;b&gt;X&lt;/b&gt; &amp; Y" in hero  # the cancelled one is not next
    assert 'href="/group-site/events/2026-12-01-x/event.ics">Add to calendar' in hero and ">Details</a>" in hero
    assert "Coming up" in home and 'href="/group-site/events/monthly-2026-11-11/"' in home


def test_a_meeting_moved_to_another_day_and_a_bounded_series(make_site: SiteMaker) -> None:
    site, problems = load(make_site({**DATA, "data/series.yaml": SERIES.replace("  tags: [meetup]\n", "  until: 2026-12-31\n"),
                                     "events/moved.yaml": "series: monthly\noccurrence: 2026-12-09\nstart: 2026-12-10 18:30\n"
                                                          "title: Thursday this time\n"}))
    assert problems == []
    moved = next(e for e in site.events if e.slug == "monthly-2026-12-09")
    assert moved.start.date().isoformat() == "2026-12-10" and moved.title == "Thursday this time"
    assert moved.recurrence_id is not None and moved.recurrence_id.date().isoformat() == "2026-12-09"
    assert max(e.start for e in site.events).date().isoformat() == "2026-12-10"


def test_event_tags_read_like_post_tags(make_site: SiteMaker) -> None:
    site, problems = load(make_site({"events/x.yaml": "title: X\nstart: 2026-12-01 18:00\ntags: python, Meetup Night\n"}))
    assert problems == []
    assert [t.slug for t in site.events[0].tags] == ["python", "meetup-night"]


def test_a_cancelled_meeting_is_never_the_next_one(make_site: SiteMaker) -> None:
    root = make_site({**DATA, "data/series.yaml": SERIES,
                      "events/nov.yaml": "series: monthly\nstart: 2026-11-11 18:30\nstatus: cancelled\n"})
    report = build_site(root)
    assert report.written, messages(report)
    for page in ("index.html", "events/index.html", "events/series/monthly/index.html"):
        html = (root / "public" / page).read_text(encoding="utf-8")
        cards = re.findall(r'<li class="event-card h-event([^"]*)"[^>]*>.*?href="[^"]*/events/([^/"]+)/"', html, re.S)
        assert cards[0] == (" is-cancelled", "monthly-2026-11-11"), page
        if page == "index.html":  # the home page's card of the next event, not a highlighted item of its list
            assert re.findall(r'<article class="next-event.*?href="[^"]*/events/([^/"]+)/"', html, re.S) == ["monthly-2026-12-09"]
            assert cards == [(" is-cancelled", "monthly-2026-11-11"), ("", "monthly-2027-01-13")]  # the rest of the next three
        else:
            assert [slug for classes, slug in cards if "is-next" in classes] == ["monthly-2026-12-09"], page


def test_posts_dated_after_now_are_marked_when_built_with_future(make_site: SiteMaker) -> None:
    """serve builds with --future; the preview then says which posts the live site does not show yet."""
    root = make_site({"posts/2026-12-24-gift.md": "Soon.\n", "posts/2026-10-01-old.md": "Old.\n"})
    assert build_site(root, future=True).written
    soon = (root / "public/posts/gift/index.html").read_text(encoding="utf-8")
    assert '<span class="badge" title="Dated after this build' in soon and "not yet published" in soon
    assert "not yet published" not in (root / "public/posts/old/index.html").read_text(encoding="utf-8")
    later = datetime(2026, 12, 25, tzinfo=BERLIN)
    assert build_site(root, future=True, now=later).written  # the cached page must not keep the badge
    assert "not yet published" not in (root / "public/posts/gift/index.html").read_text(encoding="utf-8")


def _page(root: Path, route: str) -> ElementTree.Element:
    """Return the built page at `route`, parsed as a browser parses it."""
    text = (root / "public" / route / "index.html").read_text(encoding="utf-8")
    return html5lib.parse(text, namespaceHTMLElements=False)  # type: ignore[no-any-return]


def test_each_event_tag_has_a_page_of_its_events_with_its_calendar(make_site: SiteMaker) -> None:
    root = make_site({**DATA,
        "events/2026-06-01-old.yaml": "title: An old <workshop>\nstart: 2026-06-01 18:00\ntags: [Work & Shop, Python]\n",
        "events/2026-12-09-new.yaml": "title: A new workshop\nstart: 2026-12-09 18:00\nvenue: hall\ntags: [Work & Shop]\n",
        "events/2027-01-09-other.yaml": "title: Something else\nstart: 2027-01-09 18:00\ntags: [Python]\n",
    })
    report = build_site(root)
    assert report.written, messages(report)
    route = routes.event_tag("work-shop")
    assert route == "events/tags/work-shop/" and (root / "public" / routes.tag_calendar("work-shop")).is_file()
    page = _page(root, route)
    assert page.findtext(".//h1") == "Work & Shop"
    upcoming = page.find(".//ol[@data-ug-upcoming]")
    past = page.find(".//ol[@data-ug-past]")
    assert upcoming is not None and past is not None
    assert [a.text for a in upcoming.iter("a") if "p-name" in (a.get("class") or "")] == ["A new workshop"]
    assert ["".join(a.itertext()) for a in past.iter("a") if "p-name" in (a.get("class") or "")] == ["An old <workshop>"]
    assert "Something else" not in "".join(page.itertext())
    copy = page.find(".//input[@data-ug-copy]")
    assert copy is not None and copy.get("value") == "https://org.github.io/group-site/events/tags/work-shop/calendar.ics"
    apple = next(a for a in page.iter("a") if a.text == "Apple Calendar")
    assert apple.get("href") == "webcal://org.github.io/group-site/events/tags/work-shop/calendar.ics"
    assert "Test Group: Work & Shop" in "".join(page.find(".//details[@class='subscribe-panel']").itertext())  # type: ignore[union-attr]
    tag_links = {"/group-site/events/tags/work-shop/", "/group-site/events/tags/python/"}
    for where in ("events/2026-06-01-old/", "events/"):  # the event's page, and its card in the list
        found = {a.get("href") for a in _page(root, where).iter("a") if "p-category" in (a.get("class") or "")}
        assert found >= tag_links, where
    assert "/group-site/events/tags/work-shop/" in (root / "public/sitemap.xml").read_text(encoding="utf-8")


ACCESS_VENUE = ("hall:\n  name: Town Hall\n  directions: |\n    **Tram 4** to Main & 5th < Dock, then walk.\n"
                "  accessibility:\n    step_free: true\n    hearing_loop: false\n    notes: Lift <inside> & ramp\n")


def test_a_venue_says_its_access_and_directions_on_its_page_and_briefly_on_its_events(make_site: SiteMaker) -> None:
    root = make_site({"data/venues.yaml": ACCESS_VENUE,
                      "events/2026-12-09-meetup.yaml": "title: Meetup\nstart: 2026-12-09 18:00\nvenue: hall\n"})
    report = build_site(root)
    assert report.written and report.problems == (), messages(report)
    venue = _page(root, "venues/hall/")
    access = venue.find(".//section[@id='access']")
    assert access is not None and access.findtext("h2") == "Accessibility"
    assert [li.text for li in access.iter("li")] == ["Step-free access", "No hearing loop"]  # only what it says
    assert access.findtext(".//p[@class='access-notes']") == "Lift <inside> & ramp"
    directions = venue.find(".//section[@class='directions']")
    assert directions is not None and directions.findtext("h2") == "Getting there"
    assert directions.findtext(".//strong") == "Tram 4" and "to Main & 5th < Dock, then walk." in "".join(directions.itertext())
    where = next(d for d in _page(root, "events/2026-12-09-meetup/").iter("div") if d.findtext("h2") == "Where")
    brief = where.find(".//p[@class='access-brief']")
    assert brief is not None and " ".join("".join(brief.itertext()).split()) == (
        "Access: Step-free access. No hearing loop. Access details")
    assert brief.find("a").get("href") == "/group-site/venues/hall/#access"  # type: ignore[union-attr]
    assert where.find(".//div[@class='directions']//strong") is not None
    calendar = (root / "public/events/2026-12-09-meetup/event.ics").read_text(encoding="utf-8")
    assert "Directions: Tram 4 to Main & 5th < Dock" in calendar.replace("\r\n ", "")  # plain text in calendars


def test_a_venue_without_access_facts_says_nothing_about_them(make_site: SiteMaker) -> None:
    root = make_site({**DATA, "events/2026-12-09-meetup.yaml": "title: Meetup\nstart: 2026-12-09 18:00\nvenue: hall\n"})
    assert build_site(root).written
    assert _page(root, "venues/hall/").find(".//section[@id='access']") is None
    assert "access-brief" not in (root / "public/events/2026-12-09-meetup/index.html").read_text(encoding="utf-8")


def test_wrong_accessibility_fields_are_errors_naming_file_and_line(make_site: SiteMaker) -> None:
    root = make_site({"data/venues.yaml": (
        "hall:\n  name: Town Hall\n  accessibility:\n    step_free: yes\n    hearing_lop: true\n"
        "shed:\n  name: Shed\n  accessibility: step-free\n")})
    report = build_site(root)
    assert report.failed and not (root / "public").exists()
    found = [p.format() for p in report.problems]
    assert found == [
        "data/venues.yaml:4: error: 'accessibility: step_free' must be true or false, not 'yes'\n"
        "  hint: write step_free: true, or step_free: false, or say more under notes:",
        "data/venues.yaml:5: error: unknown field 'hearing_lop' in 'accessibility'\n"
        "  hint: did you mean 'hearing_loop'? the fields are: notes, step_free, accessible_toilet, hearing_loop, quiet_room",
        "data/venues.yaml:8: error: 'accessibility' must be a mapping of notes and true-or-false facts, not 'step-free'\n"
        "  hint: e.g.\n  accessibility:\n    step_free: true\n    hearing_loop: false\n    notes: Lift to every floor",
    ], found


@pytest.mark.parametrize(("rule", "said"), [
    ("FREQ=MONTHLY;BYDAY=2WE", "the second Wednesday of every month"),
    ("FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3", "the third Wednesday of every month"),
    ("FREQ=MONTHLY;BYDAY=-1TH", "the last Thursday of every month"),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "the first Monday of every other month"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "the 15th of every month"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "the last day of every month"),
    ("FREQ=MONTHLY", "the 14th of every month"),
    ("FREQ=WEEKLY;BYDAY=TU,TH", "every Tuesday and Thursday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "every other Tuesday"),
    ("FREQ=WEEKLY;INTERVAL=3", "every 3 weeks on Wednesday"),
    ("FREQ=YEARLY", "every year on 14 January"),
    ("FREQ=DAILY", ""),  # not a rule a group meets by: the dates speak for themselves
    ("FREQ=MONTHLY;BYMONTH=1,7;BYDAY=2WE", ""),
    ("FREQ=MONTHLY;BYDAY=WE", ""),
])
def test_a_series_rule_is_said_as_people_say_it(rule: str, said: str) -> None:
    from datetime import datetime

    from ugsite.events.rule_text import rule_text

    assert rule_text(rule, datetime(2026, 1, 14, 18, 30)) == said


def test_series_pages_and_event_cards_say_how_a_series_recurs(make_site: Callable[..., Path]) -> None:
    site = make_site({"data/series.yaml": 'monthly:\n  title: Monthly meetup\n  start: "2026-09-09 18:30"\n'
                                          "  rrule: FREQ=MONTHLY;BYDAY=2WE\n  timezone: Europe/Berlin\n"})
    assert build_site(site).written
    series = html5lib.parse((site / "public/events/series/monthly/index.html").read_text(encoding="utf-8"),
                            namespaceHTMLElements=False)
    assert ["".join(p.itertext()) for p in series.iter("p") if p.get("class") == "schedule"] == [
        "Meets the second Wednesday of every month."]
    assert not [p for p in series.iter("p") if p.get("class") == "event-series"]  # its own page need not say it
    events = html5lib.parse((site / "public/events/index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    said = {"".join(p.itertext()) for p in events.iter("p") if p.get("class") == "event-series"}
    assert said == {"Monthly meetup, the second Wednesday of every month"}
