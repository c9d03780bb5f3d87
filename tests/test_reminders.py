"""The reminder feed, read back with feedparser: reminders at their moment, notices of changes at once."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser
from conftest import build_site, messages, write_tree

SiteMaker = Callable[..., Path]
SETTINGS = "title: T\nbase_url: https://e.org/g/\ntimezone: UTC\n"
START = datetime(2026, 12, 10, 17, 30, tzinfo=timezone.utc)  # 18:30 in Berlin
EVENT = """\
title: Python & Pizza
start: 2026-12-10 18:30
timezone: Europe/Berlin
venue: {name: Community Hall, address: 1 Main Street, city: Harbor City}
online: https://meet.example/pp
rsvp: https://rsvp.example/pp
"""


def reminders(root: Path, now: datetime, name: str = "reminders.xml") -> Any:
    """Build the site at `now` and return its reminder feed, checked by feedparser."""
    report = build_site(root, now=now)
    assert report.written, messages(report)
    feed = feedparser.parse((root / "public/events" / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_each_reminder_appears_at_its_moment_dated_then_with_a_stable_guid(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS, "events/pizza.yaml": EVENT})
    assert reminders(root, START - timedelta(days=7, minutes=1)).entries == []
    week = reminders(root, START - timedelta(days=6))
    [first] = week.entries
    assert first.title == "Reminder: Python & Pizza, Thursday, December 10, 2026, 6:30\u2009–\u20098:30\u202fPM CET"
    assert datetime(*first.published_parsed[:6], tzinfo=timezone.utc) == START - timedelta(days=7)
    assert first.link == "https://e.org/g/events/pizza/"
    assert first.id.startswith("urn:uuid:")
    content = first.content[0].value
    assert "Thursday, December 10, 2026, 6:30\u2009–\u20098:30\u202fPM CET" in content  # the event's own zone, not the site's UTC
    assert "Community Hall, 1 Main Street, Harbor City" in content
    assert 'href="https://rsvp.example/pp"' in content and 'href="https://meet.example/pp"' in content
    assert 'href="https://e.org/g/events/pizza/event.ics"' in content
    day = reminders(root, START - timedelta(hours=2))
    assert [e.published for e in day.entries] == ["Wed, 09 Dec 2026 18:30:00 +0100", "Thu, 03 Dec 2026 18:30:00 +0100"]
    assert day.entries[1].id == first.id and day.entries[0].id != first.id
    atom = reminders(root, START - timedelta(hours=2), "reminders-atom.xml")
    assert [e.id for e in atom.entries] == [e.id for e in day.entries]
    assert reminders(root, START + timedelta(hours=3)).entries == []  # the event has ended
    assert 'href="/g/events/reminders.xml"' in (root / "public/events/index.html").read_text()


def test_reminders_setting_chooses_the_lead_times_or_turns_them_off(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS + "reminders: [2h, 3d]\n", "events/pizza.yaml": EVENT})
    feed = reminders(root, START - timedelta(hours=1))
    assert [e.published for e in feed.entries] == ["Thu, 10 Dec 2026 16:30:00 +0100", "Mon, 07 Dec 2026 18:30:00 +0100"]
    (root / "ugsite.yaml").write_text(SETTINGS + "reminders: false\n")
    report = build_site(root, now=START - timedelta(hours=1))
    assert report.written and not (root / "public/events/reminders.xml").exists()
    assert "reminders.xml" not in (root / "public/events/index.html").read_text()
    (root / "ugsite.yaml").write_text(SETTINGS + "reminders: [7d, soon]\n")
    report = build_site(root, now=START)
    assert messages(report) == [
        "ugsite.yaml:4: error: each entry of 'reminders' is a time before the event like 7d or 2h, not 'soon'"]


def commit(root: Path, when: str) -> None:
    """Commit everything in `root` at `when`."""
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": os.environ["PATH"], "HOME": str(root)}
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "change"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_a_cancellation_is_a_notice_at_once_dated_when_made_and_ends_the_reminders(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", {"ugsite.yaml": SETTINGS, "events/pizza.yaml": EVENT})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "2026-11-01T10:00:00Z")
    assert len(reminders(root, START - timedelta(days=2)).entries) == 1
    (root / "events/pizza.yaml").write_text(EVENT + "status: cancelled\n")
    commit(root, "2026-12-08T09:00:00Z")
    feed = reminders(root, datetime(2026, 12, 8, 9, 5, tzinfo=timezone.utc))
    [notice] = feed.entries
    assert notice.title == "Cancelled: Python & Pizza"
    assert datetime(*notice.published_parsed[:6], tzinfo=timezone.utc) == datetime(2026, 12, 8, 9, tzinfo=timezone.utc)
    assert "This event is cancelled." in notice.content[0].value
    assert "rsvp.example" not in notice.content[0].value  # nobody should sign up for it
    (root / "events/pizza.yaml").write_text(EVENT + "status: cancelled\ndescription: Sorry!\n")
    commit(root, "2026-12-08T12:00:00Z")
    [again] = reminders(root, datetime(2026, 12, 9, tzinfo=timezone.utc)).entries
    assert again.id == notice.id  # edited again: the same notice, so no second e-mail


def test_no_reminder_older_than_the_announcement(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", {"ugsite.yaml": SETTINGS, "events/pizza.yaml": EVENT})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "2026-12-07T10:00:00Z")  # announced three days ahead: "in 7 days" would be wrong
    [only] = reminders(root, START - timedelta(hours=3)).entries
    assert only.published == "Wed, 09 Dec 2026 18:30:00 +0100"


def test_meetings_of_a_series_have_their_own_reminders_and_a_moved_meeting_a_notice(make_site: SiteMaker) -> None:
    root = make_site({
        "ugsite.yaml": SETTINGS,
        "data/series.yaml": "monthly:\n  title: Monthly\n  rrule: FREQ=WEEKLY;COUNT=3\n  start: '2026-12-01 18:00'\n",
        "events/monthly-2026-12-15.yaml": "series: monthly\nstart: 2026-12-16 18:00\noccurrence: 2026-12-15\n",
    })
    feed = reminders(root, datetime(2026, 12, 7, 19, tzinfo=timezone.utc))
    assert [e.title for e in feed.entries] == ["Moved: Monthly", *["Reminder: Monthly, Tuesday, December 8, 2026, 6:00\u2009–\u20098:00\u202fPM UTC"] * 2]
    later = reminders(root, datetime(2026, 12, 9, 19, tzinfo=timezone.utc))
    assert [e.title for e in later.entries] == ["Moved: Monthly", "Reminder: Monthly, Wednesday, December 16, 2026, 6:00\u2009–\u20098:00\u202fPM UTC"]  # outside git: dated at the build
    ids = {e.id for e in (*feed.entries, *later.entries)}
    assert len(ids) == 4  # the 7-day reminders of two meetings differ; the notice is the same one


def test_hostile_text_is_escaped_in_reminders(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS, "events/x.yaml": EVENT.replace(
        "Community Hall", "'\"<img src=x onerror=alert(1)>'").replace("Python & Pizza", "</title><script>alert(1)</script>")})
    [entry] = reminders(root, START - timedelta(days=2)).entries
    assert entry.title.startswith("Reminder: </title><script>alert(1)</script>, Thursday")
    content = entry.content[0].value
    assert "&quot;&lt;img src=x onerror=alert(1)&gt;" in content and "<img" not in content


def test_a_meeting_filled_in_late_keeps_the_reminders_of_its_series(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", {
        "ugsite.yaml": SETTINGS,
        "data/series.yaml": "monthly:\n  title: Monthly\n  rrule: FREQ=WEEKLY;COUNT=3\n  start: '2026-12-01 18:00'\n",
    })
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "2026-11-01T10:00:00Z")
    (root / "events/monthly-2026-12-15.yaml").parent.mkdir()
    (root / "events/monthly-2026-12-15.yaml").write_text("series: monthly\nstart: 2026-12-15 18:00\ntitle: Talks\n")
    commit(root, "2026-12-12T10:00:00Z")  # the talks were added three days ahead: the meeting was known for weeks
    feed = reminders(root, datetime(2026, 12, 14, 19, tzinfo=timezone.utc))
    assert [e.title for e in feed.entries] == ["Reminder: Talks, Tuesday, December 15, 2026, 6:00\u2009–\u20098:00\u202fPM UTC"] * 2
