"""Every channel tells the same story: HTML (h-event), JSON-LD, ICS and the events feed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import mf2py
import pytest
import recurring_ical_events
from conftest import build_site, messages

SiteMaker = Callable[..., Path]
NY = ZoneInfo("America/New_York")
BASE = "https://org.github.io/group-site/"
SITE = {
    "ugsite.yaml": f"title: Harbor Test\nbase_url: {BASE}\ntimezone: America/New_York\n",
    "data/venues.yaml": "hall:\n  name: Town Hall\n  address: 1 Main St\n  city: Springfield\n  lat: 40.7\n  lon: -74.0\n",
    "data/series.yaml": (
        "monthly:\n  title: Monthly meetup\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n  start: \"2026-09-09 18:30\"\n"
        "  duration: 2h\n  venue: hall\n  except: [\"2026-12-09\"]\n"
    ),
    "events/scheduled.yaml": "title: Scheduled talk\nstart: 2026-11-20 18:00\nduration: 2h\nvenue: hall\npublished: 2026-10-01\n",
    "events/cancelled.yaml": "title: Cancelled talk\nstart: 2026-11-21 18:00\nvenue: hall\nstatus: cancelled\npublished: 2026-10-01\n",
    "events/rescheduled.yaml": "title: Moved talk\nstart: 2026-11-24 19:00\nvenue: hall\nstatus: rescheduled\npublished: 2026-10-01\n",
    "events/online.yaml": "title: Online talk\nstart: 2026-11-25 12:00\nonline: https://meet.example/o\npublished: 2026-10-01\n",
    "events/hybrid.yaml": "title: Hybrid talk\nstart: 2026-11-26 18:00\nvenue: hall\nonline: https://meet.example/h\npublished: 2026-10-01\n",
    "events/allday.yaml": "title: Conference day\nstart: 2026-11-28\nvenue: hall\npublished: 2026-10-01\n",
    "events/multiday.yaml": "title: Sprint weekend\nstart: 2027-03-06\nend: 2027-03-08\nvenue: hall\npublished: 2026-10-01\n",
    "events/override.yaml": "series: monthly\nstart: 2026-11-11 19:15\ntitle: November special\npublished: 2026-10-01\n",
}
T = datetime
EXPECTED: dict[str, dict[str, Any]] = {
    "scheduled": dict(title="Scheduled talk", start=T(2026, 11, 20, 18, tzinfo=NY), end=T(2026, 11, 20, 20, tzinfo=NY),
                      place="Town Hall", status="scheduled"),
    "cancelled": dict(title="Cancelled talk", start=T(2026, 11, 21, 18, tzinfo=NY), end=T(2026, 11, 21, 20, tzinfo=NY),
                      place="Town Hall", status="cancelled"),
    "rescheduled": dict(title="Moved talk", start=T(2026, 11, 24, 19, tzinfo=NY), end=T(2026, 11, 24, 21, tzinfo=NY),
                        place="Town Hall", status="rescheduled"),
    "online": dict(title="Online talk", start=T(2026, 11, 25, 12, tzinfo=NY), end=T(2026, 11, 25, 14, tzinfo=NY),
                   place="https://meet.example/o", status="scheduled"),
    "hybrid": dict(title="Hybrid talk", start=T(2026, 11, 26, 18, tzinfo=NY), end=T(2026, 11, 26, 20, tzinfo=NY),
                   place="Town Hall", status="scheduled"),
    "allday": dict(title="Conference day", start=date(2026, 11, 28), end=date(2026, 11, 28), place="Town Hall",
                   status="scheduled"),
    "multiday": dict(title="Sprint weekend", start=date(2027, 3, 6), end=date(2027, 3, 8), place="Town Hall",
                     status="scheduled"),
    "monthly-2026-11-11": dict(title="November special", start=T(2026, 11, 11, 19, 15, tzinfo=NY),
                               end=T(2026, 11, 11, 21, 15, tzinfo=NY), place="Town Hall", status="scheduled"),
    "monthly-2026-10-14": dict(title="Monthly meetup", start=T(2026, 10, 14, 18, 30, tzinfo=NY),
                               end=T(2026, 10, 14, 20, 30, tzinfo=NY), place="Town Hall", status="scheduled"),
    "monthly-2027-01-13": dict(title="Monthly meetup", start=T(2027, 1, 13, 18, 30, tzinfo=NY),
                               end=T(2027, 1, 13, 20, 30, tzinfo=NY), place="Town Hall", status="scheduled"),
}
ICS_STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "cancelled": "CANCELLED"}
LD_STATUS = {"scheduled": "EventScheduled", "rescheduled": "EventRescheduled", "cancelled": "EventCancelled"}


def moment(text: str) -> datetime | date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    return datetime.fromisoformat(re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text))


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("consistency") / "site"
    for name, text in SITE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    report = build_site(root)
    assert report.written, messages(report)
    assert report.problems == ()
    return root / "public"


@pytest.fixture(scope="module")
def ics_events(public: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical((public / "calendar.ics").read_bytes())
    found = recurring_ical_events.of(cal).between(date(2026, 9, 1), date(2027, 6, 1))
    by_slug: dict[str, icalendar.Event] = {}
    for vevent in found:
        url = str(vevent["URL"])
        if "/series/" in url:
            day = vevent["DTSTART"].dt.date().isoformat()
            by_slug[f"monthly-{day}"] = vevent
        else:
            by_slug[url.removeprefix(BASE + "events/").strip("/")] = vevent
    return by_slug


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_channels_agree(slug: str, public: Path, ics_events: dict[str, icalendar.Event]) -> None:
    want = EXPECTED[slug]
    html = (public / "events" / slug / "index.html").read_text(encoding="utf-8")

    (hevent,) = [i for i in mf2py.parse(doc=html, url=BASE)["items"] if "h-event" in i["type"]]
    props = hevent["properties"]
    assert props["name"] == [want["title"]]
    assert moment(props["start"][0]) == want["start"]
    assert moment(props["end"][0]) == want["end"]
    location = props["location"][0]
    assert (location["properties"]["name"][0] if isinstance(location, dict) else location) == want["place"]
    assert f'data-status="{want["status"]}"' in html

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert script is not None
    ld = json.loads(script.group(1))
    assert ld["name"] == want["title"]
    assert moment(ld["startDate"]) == want["start"] and moment(ld["endDate"]) == want["end"]
    assert ld["eventStatus"] == f"https://schema.org/{LD_STATUS[want['status']]}"
    places = ld["location"] if isinstance(ld["location"], list) else [ld["location"]]
    assert want["place"] in [p.get("name") or p.get("url") for p in places]

    vevent = ics_events[slug]
    summary = str(vevent["SUMMARY"])
    assert summary == (f"Cancelled: {want['title']}" if want["status"] == "cancelled" else want["title"])
    start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
    assert start == want["start"]
    if isinstance(start, datetime):
        assert end == want["end"]
    else:
        assert (end - start).days == (want["end"] - want["start"]).days + 1  # ICS DTEND is exclusive
    assert str(vevent.get("STATUS", "CONFIRMED")) == ICS_STATUS[want["status"]]
    assert str(vevent["LOCATION"]).startswith(want["place"])

    feed = feedparser.parse((public / "events/feed.xml").read_bytes())
    entries = {e.link: e for e in feed.entries}
    link = f"{BASE}events/{slug}/"
    if slug in ("monthly-2026-10-14", "monthly-2027-01-13"):
        assert link not in entries  # a meeting without a file of its own is no announcement
        return
    entry = entries[link]
    assert want["title"] in entry.title and (want["status"] == "scheduled") == (":" not in entry.title)
    start_attr = re.search(r'<time datetime="([^"]+)"', entry.content[0].value)
    assert start_attr is not None and moment(start_attr.group(1)) == want["start"]
