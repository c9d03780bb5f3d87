"""The weekly reminder to collect slides and videos: `check --format markdown` and the workflow `init` writes."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from conftest import NOW, run_cli, write_tree
from workflow_steps import actionlint, load_workflow, run_step, steps_by_name

from ugsite import __version__

WORKFLOW = ".github/workflows/after-events.yml"
EPOCH = str(int(NOW.timestamp()))  # 2026-11-01: the October meetup ended 18 days before
TALK = "  - title: Typing\n    speakers: [grace]\n"
MEETUP = ("title: October meetup\nstart: 2026-10-14 18:30\nonline: https://meet.example/oct\nuid: oct@example.org\n"
          "talks:\n" + TALK)


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    site = tmp_path / "group"
    result = run_cli("init", str(site), "--name", "Café & Code", "--now", "2026-10-20T10:00:00Z")  # kick-off: Nov 3
    assert result.returncode == 0, result.stderr
    speakers = (site / "data/speakers.yaml").read_text(encoding="utf-8") + "grace:\n  name: Grace Hopper\n"
    return write_tree(site, {"data/speakers.yaml": speakers, "events/2026-10-14-october.yaml": MEETUP,
                             "requirements.txt": f"ugsite=={__version__}\n"})


def _switched_on(text: str) -> str:
    """Return the workflow as an organizer leaves it who follows its comment: the two lines after it uncommented."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if 'delete the "# " in front of the next two lines' in line) + 2
    for i in (at, at + 1):
        assert lines[i].lstrip().startswith("# "), lines[i]
        lines[i] = lines[i].replace("# ", "", 1)
    return "".join(lines)


def test_the_reminder_is_off_until_switched_on_valid_and_least_privileged(new_site: Path) -> None:
    file = new_site / WORKFLOW
    assert actionlint(file) == []
    workflow = load_workflow(file)
    assert workflow["on"] == {"workflow_dispatch": None}  # by hand only, until an organizer switches it on
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["remind"]["permissions"] == {"contents": "read", "issues": "write"}
    assert jobs["keep-schedule"]["permissions"] == {"actions": "write"}
    assert jobs["keep-schedule"]["if"] == "github.event_name == 'schedule'"
    for job in jobs.values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step  # expressions reach scripts only through env
    pages = load_workflow(new_site / ".github/workflows/pages.yml")
    assert "issues" not in str([j.get("permissions") for j in pages["jobs"].values()])  # the daily rebuild as it was
    assert {s["uses"] for s in jobs["remind"]["steps"] if "uses" in s} <= {
        s["uses"] for j in pages["jobs"].values() for s in j["steps"] if "uses" in s}

    file.write_text(_switched_on(file.read_text(encoding="utf-8")), encoding="utf-8")
    assert actionlint(file) == []
    on = load_workflow(file)["on"]
    assert set(on) == {"workflow_dispatch", "schedule"}
    [cron] = [entry["cron"] for entry in on["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "1")  # once a week, on Mondays


def _fake_gh(tmp_path: Path, open_issue: str | None) -> tuple[dict[str, str], Path]:
    """Return the environment of a runner whose `gh` records its calls (and lists `open_issue`), and the record."""
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    calls = tmp_path / "gh-calls"
    listed = f"echo {open_issue}" if open_issue else "true"
    (bin_dir / "gh").write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{calls}"\n'
                                f'if [ "$1 $2" = "issue list" ]; then {listed}; fi\n', encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    path = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), os.environ["PATH"]])
    return {**os.environ, "PATH": path, "RUNNER_TEMP": str(runner_temp), "SOURCE_DATE_EPOCH": EPOCH,
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "org/cafe-code",
            "GITHUB_REF_NAME": "main"}, calls


def _run(site: Path, tmp_path: Path, open_issue: str | None) -> tuple[list[str], str]:
    """Run the job's two steps as the runner would; return gh's calls and the issue's text."""
    steps = steps_by_name(load_workflow(site / WORKFLOW), "remind")
    env, calls = _fake_gh(tmp_path, open_issue)
    calls.unlink(missing_ok=True)
    listed, _ = run_step(steps["List the talks without slides or video"], site, {}, env)
    assert listed.returncode == 0, listed.stderr
    values = {"github.token": "t", "github.repository": "org/cafe-code"}
    result, _ = run_step(steps["Open, update or close the issue"], site, values, env)
    assert result.returncode == 0, result.stdout + result.stderr
    body = tmp_path / "runner-temp/body.md"
    return calls.read_text(encoding="utf-8").splitlines(), body.read_text(encoding="utf-8") if body.exists() else ""


def test_the_reminder_opens_one_issue_updates_it_and_closes_it_when_nothing_is_missing(new_site: Path,
                                                                                         tmp_path: Path) -> None:
    calls, body = _run(new_site, tmp_path, None)
    assert calls == [
        "issue list --label slides-and-videos --state open --limit 1 --json number --jq .[0].number // empty",
        "label create slides-and-videos --color FBCA04 --force --description Talks whose slides or video are not "
        "on the site yet",
        f"issue create --title Slides and videos to collect --label slides-and-videos --body-file "
        f"{tmp_path}/runner-temp/body.md"]
    item = ("- [ ] [events/2026-10-14-october.yaml:6](https://github.com/org/cafe-code/blob/main/events/"
            "2026-10-14-october.yaml#L6): October meetup (ended 2026-10-14, 18 days ago): the talk 'Typing' by "
            "Grace Hopper has no slides and no video\\\n"
            "  ask Grace Hopper for them, then add slides: https://... and video: https://... to the talk\n")
    assert item in body and body.startswith("These talks of the last 60 days have no slides or no video")
    html = BeautifulSoup(MarkdownIt("commonmark").enable("strikethrough").render(body), "html.parser")
    [link] = html.select("li a")
    assert link["href"] == "https://github.com/org/cafe-code/blob/main/events/2026-10-14-october.yaml#L6"

    calls, _ = _run(new_site, tmp_path, "12")  # a week later, the issue is still open
    assert calls[1:] == [f"issue edit 12 --body-file {tmp_path}/runner-temp/body.md"]

    (tmp_path / "runner-temp/body.md").unlink()
    done = MEETUP.replace(TALK, TALK + "    slides: https://slides.example/typing\n    video: https://video.example/t\n")
    (new_site / "events/2026-10-14-october.yaml").write_text(done, encoding="utf-8")
    calls, body = _run(new_site, tmp_path, "12")
    assert calls[1:] == ["issue close 12 --comment Every talk of the last 60 days has its slides and video on the "
                         "site now. Thank you!"] and body == ""
    calls, _ = _run(new_site, tmp_path, None)
    assert calls[1:] == []  # nothing missing, no issue open: nothing to do


def test_the_reminder_touches_no_issue_while_the_site_has_an_error(new_site: Path, tmp_path: Path) -> None:
    (new_site / "events/2026-10-14-october.yaml").write_text(MEETUP.replace("2026-10-14 18:30", "2026-13-14"),
                                                             encoding="utf-8")
    step = steps_by_name(load_workflow(new_site / WORKFLOW), "remind")["List the talks without slides or video"]
    env, _ = _fake_gh(tmp_path, None)
    result, _ = run_step(step, new_site, {}, env)
    assert result.returncode == 1  # so the step after it, which writes the issue, does not run
    assert "- [ ] **error:** [events/2026-10-14-october.yaml:2](https://github.com/org/cafe-code/blob/main/events/" \
           "2026-10-14-october.yaml#L2): 'start' " in result.stdout  # in the run's log


def test_init_upgrade_adds_the_reminder_workflow_to_an_older_site(new_site: Path) -> None:
    (new_site / WORKFLOW).unlink()
    result = run_cli("init", str(new_site), "--upgrade", "--now", "2027-01-05T10:00:00Z")
    assert result.returncode == 0, result.stderr
    assert [Path(p).relative_to(new_site).as_posix() for p in result.stdout.split()] == [WORKFLOW]
    assert load_workflow(new_site / WORKFLOW)["on"] == {"workflow_dispatch": None}


def test_markdown_shows_a_hostile_title_as_text(new_site: Path) -> None:
    title = "[Win](javascript:alert(1)) <img src=x onerror=alert(1)> **now** & ~~then~~ `code` #1"
    (new_site / "events/2026-10-14-october.yaml").write_text(
        MEETUP.replace("title: Typing", f"title: '{title}'"), encoding="utf-8")
    result = run_cli("check", str(new_site), "--after-events", "--format", "markdown", "--now", NOW.isoformat(),
                     env={k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")})
    assert result.returncode == 0, result.stderr
    html = BeautifulSoup(MarkdownIt("commonmark", {"html": True}).enable("strikethrough").render(result.stdout),
                         "html.parser")
    [item] = html.select("li")
    assert item.select("a, img, strong, s, code") == []  # no link to follow in the issue, no picture, no markup
    assert f"the talk '{title}' by Grace Hopper has no slides and no video" in item.get_text()
    assert item.get_text().startswith("[ ] events/2026-10-14-october.yaml:6: October meetup")


def test_markdown_says_nothing_when_nothing_is_missing(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"ugsite.yaml": "title: T\nbase_url: https://example.org/\ntimezone: UTC\n"})
    result = run_cli("check", str(site), "--after-events", "--format", "markdown", "--now", NOW.isoformat())
    assert result.returncode == 0 and result.stdout == "", result.stderr
    assert re.search(r"check passed: 0 errors, 0 warnings", result.stderr)
