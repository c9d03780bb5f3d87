"""Keeping a site's events in step with a feed: `ugsite import URL --sync`, `ugsite sync` and the scheduled job."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import REPO, read_tree, run_cli, served_folder
from workflow_steps import load_workflow, run_step, steps_by_name

FEED = REPO / "tests/fixtures/calendars/meetup.ics"
NOW = "2026-11-29T10:00:00Z"
TALK = "events/2026-10-15-async-rust-without-tears.yaml"
HACK_NIGHT = "events/2026-12-17-holiday-hack-night.yaml"


@pytest.fixture
def feed(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Serve a copy of a Meetup feed on the loopback interface; return the file (to change it) and its address."""
    folder = tmp_path / "served"
    folder.mkdir()
    shutil.copy(FEED, folder / "ical")
    with served_folder(folder) as address:
        yield folder / "ical", f"{address}/ical"


def read(file: Path) -> str:
    with file.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def edit(file: Path, old: str, new: str) -> None:
    text = read(file)
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8", newline="")


def drop_event(file: Path, uid: str) -> None:
    text = read(file)
    file.write_text(re.sub(rf"BEGIN:VEVENT\r\n(?:(?!END:VEVENT).)*UID:{re.escape(uid)}\r\nEND:VEVENT\r\n", "", text,
                           flags=re.S), encoding="utf-8", newline="")


def sync(url: str, site: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("import", url, str(site), "--sync", "--now", NOW)


def test_sync_follows_the_feed_and_keeps_what_organizers_wrote(feed: tuple[Path, str], tmp_path: Path) -> None:
    source, url = feed
    site = tmp_path / "site"
    assert sync(url, site).returncode == 0
    talk = site / TALK
    edit(talk, "venue: riverside-library\n", "venue: riverside-library\n# Maya confirmed on the phone\n"
                                             "speakers:\n- name: Maya Okafor\n")
    edit(talk, "description: |-\n", "description: |-\n  Slides are on the wiki.\n")
    edit(source, "SUMMARY:Async Rust without tears", "SUMMARY:Async Rust without fears")
    edit(source, "DTSTART;TZID=America/New_York:20261015T183000", "DTSTART;TZID=America/New_York:20261015T190000")
    drop_event(source, "event_301234569@meetup.com")  # the hack night is gone from Meetup before it happened
    before = read_tree(site)
    result = sync(url, site)
    assert result.returncode == 0, result.stderr
    after = read_tree(site)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed == [TALK, HACK_NIGHT, "sync-state.json"]
    text = talk.read_text(encoding="utf-8")
    assert "title: Async Rust without fears\nstart: 2026-10-15 19:00\n" in text
    assert "# Maya confirmed on the phone\nspeakers:\n- name: Maya Okafor\n" in text  # the organizer's lines stay
    assert "Slides are on the wiki." in text
    assert yaml.safe_load((site / HACK_NIGHT).read_text(encoding="utf-8"))["status"] == "cancelled"
    again = read_tree(site)
    assert sync(url, site).returncode == 0
    assert read_tree(site) == again  # a second sync changes nothing


def test_a_change_made_on_both_sides_keeps_the_organizers_and_says_so(feed: tuple[Path, str], tmp_path: Path) -> None:
    source, url = feed
    site = tmp_path / "site"
    assert sync(url, site).returncode == 0
    edit(site / TALK, "title: Async Rust without tears", "title: Async Rust, no tears")
    edit(source, "SUMMARY:Async Rust without tears", "SUMMARY:Async Rust without fears")
    result = sync(url, site)
    assert result.returncode == 1
    assert (f"{TALK}: needs a person: kept the title written here; the feed changed it to 'Async Rust without "
            "fears'") in result.stderr
    assert "title: Async Rust, no tears" in (site / TALK).read_text(encoding="utf-8")


def test_a_feed_that_fails_or_empties_changes_nothing(feed: tuple[Path, str], tmp_path: Path) -> None:
    source, url = feed
    site = tmp_path / "site"
    assert sync(url, site).returncode == 0
    before = read_tree(site)
    source.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meetup//RemoteApi//EN\r\nEND:VCALENDAR\r\n",
                      encoding="utf-8", newline="")
    empty = sync(url, site)
    assert empty.returncode == 2
    assert "the feed holds no events now, where it held 3; nothing was changed" in empty.stderr
    source.unlink()
    gone = sync(url, site)
    assert gone.returncode == 2 and "the server answered 404" in gone.stderr
    assert read_tree(site) == before


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_the_scheduled_job_commits_what_the_sync_changed(feed: tuple[Path, str], tmp_path: Path) -> None:
    source, url = feed
    remote, site = tmp_path / "remote.git", tmp_path / "group"
    assert run_cli("init", str(site), "--name", "Riverside Rust", "--timezone", "America/New_York",
                   "--now", NOW).returncode == 0
    with (site / "ugsite.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"sync:\n  - ics: {url}\n    tags: [meetup]\n")
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    for args in (["init", "--quiet", "-b", "main"], ["add", "-A"], ["-c", "user.name=O", "-c", "user.email=o@x",
                 "commit", "--quiet", "-m", "Start"], ["remote", "add", "origin", str(remote)],
                 ["push", "--quiet", "-u", "origin", "main"]):
        git(site, *args)
    workflow = load_workflow(site / ".github/workflows/pages.yml")
    steps = steps_by_name(workflow, "sync")
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}

    def run_job() -> tuple[subprocess.CompletedProcess[str], str]:
        found, outputs = run_step(steps["Are there feeds to sync?"], site, {}, env)
        assert found.returncode == 0 and outputs == {"sync": "yes"}
        synced, _ = run_step(steps["Sync events with the feeds"], site, {}, env)
        committed, outputs = run_step(steps["Commit what changed"], site, {"!cancelled()": "true"}, env)
        assert committed.returncode == 0, committed.stderr
        return synced, outputs["sha"]

    synced, sha = run_job()
    assert synced.returncode == 0, synced.stderr
    assert git(remote, "log", "-1", "--format=%H %an").split() == [sha, "github-actions[bot]"]
    message = git(remote, "log", "-1", "--format=%B")
    assert message.startswith(f"Sync events from {url.split('/')[2]}: 4 files changed\n\n- data/venues.yaml\n")
    event = yaml.safe_load((site / TALK).read_text(encoding="utf-8"))
    assert event["tags"] == ["meetup"] and event["uid"] == "event_301234567@meetup.com"
    _, again = run_job()
    assert again == sha  # nothing changed: no commit
    edit(source, "SUMMARY:Async Rust without tears", "SUMMARY:Async Rust without fears")
    _, edited = run_job()
    assert git(remote, "show", "--name-only", "--format=", edited).split() == [TALK, "sync-state.json"]
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    calendar = icalendar.Calendar.from_ical((site / "public/calendar.ics").read_bytes())
    talk = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == "event_301234567@meetup.com")
    assert (str(talk["SUMMARY"]), int(talk["SEQUENCE"])) == ("Async Rust without fears", 1)  # a calendar updates it
    sha = edited
    source.unlink()  # Meetup is down
    failed, after = run_job()
    assert failed.returncode == 2 and after == sha
    assert "was not synced; nothing of it changed" in failed.stderr
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    calendar = icalendar.Calendar.from_ical((site / "public/calendar.ics").read_bytes())
    assert "event_301234569@meetup.com" in {str(e["UID"]) for e in calendar.walk("VEVENT")}
