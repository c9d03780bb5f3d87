"""Calendars read back by real clients: icalendar, recurring-ical-events and vobject."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from conftest import NOW, build_site, messages, read_tree, write_tree
from hypothesis import given, settings
from hypothesis import strategies as st

from ugsite.site.config import load_config
from ugsite.events.ics import _vtimezone, calendar_ics
from ugsite.pipeline.load import load_site
from ugsite.site.model import Site

SiteMaker = Callable[..., Path]
NY = ZoneInfo("America/New_York")
FILES = {
    "ugsite.yaml": "title: Harbor Test\nbase_url: https://org.github.io/group-site/\ntimezone: America/New_York\n"
                   "organizer: {name: Harbor Test, email: hi@example.org}\n",
    "data/venues.yaml": "hall:\n  name: Town Hall\n  address: 1 Main St\n  city: Springfield\n  lat: 40.7\n  lon: -74.0\n",
    "data/series.yaml": (
        "monthly:\n  title: Monthly meetup\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n  start: \"2026-01-14 18:30\"\n"
        "  duration: 2h\n  venue: hall\n  except: [\"2026-08-12\"]\n  tags: [meetup]\n"
    ),
    "events/march.yaml": "series: monthly\nstart: 2026-03-11 19:00\ntitle: March special\n",
    "events/nov.yaml": "series: monthly\nstart: 2026-11-11 18:30\nstatus: cancelled\n",
    "events/sprint.yaml": "title: Sprint\nstart: 2026-12-19\nend: 2026-12-20\nvenue: hall\n",
    "events/online.yaml": "title: Online talk\nstart: 2026-12-01 19:00\nonline: https://meet.example/x\n",
}


def build(make_site: SiteMaker, files: dict[str, str] = FILES) -> Path:
    root = make_site(files)
    report = build_site(root)
    assert report.written, messages(report)
    return root / "public"


def parse(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_calendar_structure_and_round_trip(make_site: SiteMaker) -> None:
    data = (build(make_site) / "calendar.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    assert cal.to_ical() == data
    assert str(cal["X-WR-CALNAME"]) == "Harbor Test" and str(cal["X-WR-TIMEZONE"]) == "America/New_York"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in data.decode() and "X-PUBLISHED-TTL:PT12H" in data.decode()
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert cal.get_missing_tzids() == set()
    events = cal.walk("VEVENT")
    masters = [e for e in events if "RRULE" in e]
    assert len(masters) == 1 and masters[0]["UID"] == "series-monthly@org.github.io"
    assert masters[0]["DTSTART"].params["TZID"] == "America/New_York"
    assert [d.dt for d in masters[0]["EXDATE"].dts] == [datetime(2026, 8, 12, 18, 30, tzinfo=NY)]
    assert str(masters[0]["ORGANIZER"]) == "mailto:hi@example.org"
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert {e["RECURRENCE-ID"].dt for e in overrides} == {datetime(2026, 3, 11, 18, 30, tzinfo=NY),
                                                          datetime(2026, 11, 11, 18, 30, tzinfo=NY)}
    sprint = next(e for e in events if str(e["SUMMARY"]) == "Sprint")
    assert sprint["DTSTART"].dt == date(2026, 12, 19) and sprint["DTEND"].dt == date(2026, 12, 21)
    online = next(e for e in events if str(e["SUMMARY"]) == "Online talk")
    assert str(online["LOCATION"]) == "https://meet.example/x"
    assert str(online["URL"]) == "https://org.github.io/group-site/events/online/"
    assert sprint["GEO"].latitude == 40.7


def test_series_expands_to_the_expected_occurrences(make_site: SiteMaker) -> None:
    cal = parse(build(make_site) / "calendar.ics")
    found = recurring_ical_events.of(cal).between(datetime(2026, 1, 1, tzinfo=NY), datetime(2027, 1, 1, tzinfo=NY))
    meetups = sorted((e for e in found if "meetup" in [str(c) for c in e.categories] or "March" in str(e["SUMMARY"])),
                     key=lambda e: e["DTSTART"].dt)
    starts = [e["DTSTART"].dt for e in meetups]
    expected_days = [date(2026, m, d) for m, d in ((1, 14), (2, 11), (3, 11), (4, 8), (5, 13), (6, 10), (7, 8),
                                                   (9, 9), (10, 14), (11, 11), (12, 9))]
    assert [s.date() for s in starts] == expected_days
    for start in starts:
        if start.date() != date(2026, 3, 11):
            assert (start.hour, start.minute) == (18, 30)
    utc_hours = {s.date(): s.astimezone(timezone.utc).hour for s in starts}
    assert utc_hours[date(2026, 2, 11)] == 23 and utc_hours[date(2026, 4, 8)] == 22  # across the March DST change
    march = next(e for e in meetups if e["DTSTART"].dt.date() == date(2026, 3, 11))
    assert str(march["SUMMARY"]) == "March special" and march["DTSTART"].dt.hour == 19
    november = next(e for e in meetups if e["DTSTART"].dt.date() == date(2026, 11, 11))
    assert str(november["STATUS"]) == "CANCELLED" and str(november["SUMMARY"]).startswith("Cancelled: ")


def test_a_second_parser_reads_the_same_calendar(make_site: SiteMaker) -> None:
    text = (build(make_site) / "calendar.ics").read_text(encoding="utf-8")
    cal = vobject.readOne(text)
    summaries = sorted(str(v.summary.value) for v in cal.vevent_list)
    assert summaries == sorted(["Monthly meetup", "March special", "Cancelled: Monthly meetup", "Sprint", "Online talk"])
    master = next(v for v in cal.vevent_list if hasattr(v, "rrule"))
    days = [d.date() for d in master.getrruleset(addRDate=True).between(datetime(2026, 7, 1, tzinfo=NY),
                                                                        datetime(2026, 10, 1, tzinfo=NY))]
    assert days == [date(2026, 7, 8), date(2026, 9, 9)]


def test_per_event_series_and_tag_calendars(make_site: SiteMaker) -> None:
    out = build(make_site)
    single = parse(out / "events/monthly-2026-03-11/event.ics")
    (vevent,) = single.walk("VEVENT")
    assert "RECURRENCE-ID" not in vevent and "RRULE" not in vevent
    assert vevent["DTSTART"].dt == datetime(2026, 3, 11, 19, 0, tzinfo=NY)
    assert str(vevent["UID"]) == "monthly-2026-03-11@org.github.io"
    series = parse(out / "events/series/monthly/calendar.ics")
    assert {str(e["SUMMARY"]) for e in series.walk("VEVENT")} == {"Monthly meetup", "March special", "Cancelled: Monthly meetup"}
    tagged = parse(out / "events/tags/meetup/calendar.ics")
    assert any("RRULE" in e for e in tagged.walk("VEVENT"))


def test_uid_is_stable_across_edits_of_title_time_and_description(make_site: SiteMaker, tmp_path: Path) -> None:
    first = build(make_site, {**FILES, "events/talk.yaml": "title: A\nstart: 2026-12-01 19:00\n"})
    (first.parent / "events/talk.yaml").write_text("title: B\nstart: 2026-12-02 20:00\ndescription: New\n")
    assert build_site(first.parent).written
    uids = [str(e["UID"]) for e in parse(first / "events/talk/event.ics").walk("VEVENT")]
    assert uids == ["talk@org.github.io"]


def test_rebuild_is_byte_identical(make_site: SiteMaker, tmp_path: Path) -> None:
    root = make_site(FILES)
    build_site(root, output=tmp_path / "one")
    build_site(root, output=tmp_path / "two")
    assert read_tree(tmp_path / "one") == read_tree(tmp_path / "two")


def commit(root: Path, message: str, when: str) -> None:
    """Commit everything in `root` at the given date, as a fixed author."""
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": os.environ["PATH"], "HOME": str(root)}
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_sequence_and_last_modified_follow_git_history(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", {
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\ntimezone: UTC\n",
        "events/talk.yaml": "title: Talk\nstart: 2026-12-01 19:00\n",
        "events/other.yaml": "title: Other\nstart: 2026-12-08 19:00\n",
    })
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "add", "2026-10-01T10:00:00Z")

    def vevents() -> dict[str, icalendar.Event]:
        report = build_site(root)
        assert report.written, messages(report)
        return {str(e["SUMMARY"]): e for e in parse(root / "public/calendar.ics").walk("VEVENT")}

    before = vevents()
    assert before["Talk"]["SEQUENCE"] == 0
    assert before["Talk"]["LAST-MODIFIED"].dt == datetime(2026, 10, 1, 10, tzinfo=timezone.utc)
    again = (root / "public/calendar.ics").read_bytes()
    assert vevents()["Talk"].to_ical() == before["Talk"].to_ical()
    assert (root / "public/calendar.ics").read_bytes() == again
    (root / "events/talk.yaml").write_text("title: Talk\nstart: 2026-12-01 18:00\n")
    commit(root, "move", "2026-10-05T10:00:00Z")
    after = vevents()
    assert after["Talk"]["SEQUENCE"] == 1
    assert after["Talk"]["LAST-MODIFIED"].dt == datetime(2026, 10, 5, 10, tzinfo=timezone.utc)
    assert after["Other"]["SEQUENCE"] == 0 and after["Other"].to_ical() == before["Other"].to_ical()
    feed = (root / "public/events/feed.xml").read_text()
    assert "Thu, 01 Oct 2026 10:00:00 +0000" in feed


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n"), min_size=1, max_size=300)


@lru_cache(maxsize=1)
def one_event_site() -> Site:
    root = write_tree(Path(tempfile.mkdtemp()), {
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\n",
        "events/x.yaml": "title: X\nstart: 2026-12-01 19:00\n",
    })
    config, _ = load_config(root)
    assert config is not None
    site, _ = load_site(config, now=NOW)
    assert site is not None and len(site.events) == 1
    return site


@settings(max_examples=80, deadline=None)
@given(title=TEXT, description=TEXT)
def test_folding_and_escaping_of_any_text(title: str, description: str) -> None:
    site = one_event_site()
    event = replace(site.events[0], title=title, description_text=description)
    data = calendar_ics(site, "T", (event,), (), NOW)
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no line ends inside a UTF-8 sequence
    (vevent,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]) == description


def test_backslashes_and_carriage_returns_cannot_break_out() -> None:
    site = one_event_site()
    event = replace(site.events[0], title="Paths like C:\\New folder; a, b",
                    description_text="safe\rDTSTART:19700101T000000Z\r\nEND:VEVENT")
    data = calendar_ics(site, "T", (event,), (), NOW)
    lines = data.split(b"\r\n")
    assert not any(line.startswith((b"DTSTART:1970", b"END:VEVENT\\")) for line in lines)
    assert b"\r" not in data.replace(b"\r\n", b"")
    (vevent,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Paths like C:\\New folder; a, b"
    assert str(vevent["DESCRIPTION"]) == "safe\nDTSTART:19700101T000000Z\nEND:VEVENT"


def test_calendars_do_not_depend_on_hash_seeds(make_site: SiteMaker, tmp_path: Path) -> None:
    root = make_site({
        **FILES,
        "events/tokyo.yaml": "title: Tokyo\nstart: 2026-12-03 19:00\ntimezone: Asia/Tokyo\n",
        "events/berlin.yaml": "title: Berlin\nstart: 2026-12-04 19:00\ntimezone: Europe/Berlin\n",
        "events/prague.yaml": "title: Prague\nstart: 2026-12-05 19:00\ntimezone: Europe/Prague\n",
    })
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"seed-{seed}"
        subprocess.run([sys.executable, "-m", "ugsite", "build", str(root), "-o", str(out), "--now", "2026-11-01",
                        "--no-cache"], check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(read_tree(out))
    assert outputs[0] == outputs[1] == outputs[2]
    cal = icalendar.Calendar.from_ical(outputs[0]["calendar.ics"])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York", "Asia/Tokyo", "Europe/Berlin",
                                                               "Europe/Prague"]


def test_every_calendar_carries_the_zone_rules_of_its_own_events(make_site: SiteMaker) -> None:
    public = build(make_site, {**FILES, "events/tokyo.yaml": 'title: Tokyo\nstart: "2024-03-31 02:30"\ntimezone: Asia/Tokyo\n',
                               "events/summer.yaml": 'title: Summer\nstart: "2027-07-01 18:00"\ntimezone: Europe/Berlin\n'})
    checked = 0
    for file in sorted(public.rglob("*.ics")):
        cal = parse(file)
        # The zone as the calendar itself describes it, not as this machine's tz database does.
        rules = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}
        for event in cal.walk("VEVENT"):
            start = event["DTSTART"].dt
            if isinstance(start, datetime) and "TZID" in event["DTSTART"].params:
                local = start.replace(tzinfo=rules[event["DTSTART"].params["TZID"]])
                assert local.utcoffset() == start.utcoffset(), (file, event["SUMMARY"])
                checked += 1
    assert checked > 10


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "UTC", "Asia/Kolkata", "Europe/Berlin", "Australia/Sydney",
                                  "Europe/Dublin", "America/Sao_Paulo", "Europe/Moscow", "Asia/Tehran", "Pacific/Apia"])
def test_zone_rules_are_those_icalendar_writes_for_the_zone(zone: str) -> None:
    # ugsite stops icalendar's search for the next change of offset a year after the calendar's
    # span (else a zone without one is followed to the year 9999); what it writes is unchanged,
    # in zones without daylight saving time, with it, north and south, and in those that dropped it.
    for first, last in ((2016, 2029), (2025, 2026), (2010, 2030), (1990, 1995), (2015, 2018)):
        expected = icalendar.Timezone.from_tzinfo(ZoneInfo(zone), zone, date(first, 1, 1), date(last, 12, 31))
        assert _vtimezone(zone, first, last) == expected.to_ical()
