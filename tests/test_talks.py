"""Talk proposals by issue and pull request: the issue form, `talk from-issue`, talk files, `talk schedule`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import build_site, messages, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from workflow_steps import actionlint, load_workflow, run_step, steps_by_name

from ugsite import __version__
from ugsite.content.yaml_scalars import block, clean_text, plain, quoted
from ugsite.content.yaml_source import load_yaml
from ugsite.importers.talk_proposal import LABELS, form_answers

NOW = "2026-11-22T10:00:00Z"
FORM = ".github/ISSUE_TEMPLATE/talk-proposal.yml"
WORKFLOW = ".github/workflows/talk-proposals.yml"

# GitHub's documented rules for issue forms ("Syntax for issue forms" and "Syntax for GitHub's form
# schema", docs.github.com), written down as a JSON Schema for this test.
_TEXT = {"type": "string", "minLength": 1}
_ID = {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}
_REQUIRED = {"type": "object", "properties": {"required": {"type": "boolean"}}, "additionalProperties": False}


def _element(kind: str, attributes: dict[str, Any], required: list[str], validations: bool = True) -> dict[str, Any]:
    properties: dict[str, Any] = {"type": {"const": kind}, "attributes": {
        "type": "object", "properties": attributes, "required": required, "additionalProperties": False}}
    if kind != "markdown":
        properties["id"] = _ID
    if validations:
        properties["validations"] = _REQUIRED
    return {"type": "object", "properties": properties, "required": ["type", "attributes"],
            "additionalProperties": False}


_OPTIONS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": _TEXT}
ISSUE_FORM_RULES: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "description", "body"],
    "additionalProperties": False,
    "properties": {
        "name": _TEXT, "description": _TEXT, "title": {"type": "string"},
        "labels": {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]},
        "assignees": {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]},
        "projects": {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]},
        "type": _TEXT,
        "body": {"type": "array", "minItems": 1, "items": {"oneOf": [
            _element("markdown", {"value": _TEXT}, ["value"], validations=False),
            _element("input", {"label": _TEXT, "description": {"type": "string"}, "placeholder": {"type": "string"},
                               "value": {"type": "string"}}, ["label"]),
            _element("textarea", {"label": _TEXT, "description": {"type": "string"}, "placeholder": {"type": "string"},
                                  "value": {"type": "string"}, "render": {"type": "string"}}, ["label"]),
            _element("dropdown", {"label": _TEXT, "description": {"type": "string"}, "multiple": {"type": "boolean"},
                                  "options": _OPTIONS, "default": {"type": "integer", "minimum": 0}},
                     ["label", "options"]),
            _element("checkboxes", {"label": _TEXT, "description": {"type": "string"}, "options": {
                "type": "array", "minItems": 1, "items": {"type": "object", "required": ["label"],
                                                          "additionalProperties": False,
                                                          "properties": {"label": _TEXT, "required": {"type": "boolean"}}}}},
                     ["label", "options"], validations=False),
        ]}},
    },
}


def issue_form_problems(form: dict[str, Any]) -> list[str]:
    """Return what breaks GitHub's rules for issue forms, the schema's and those a schema cannot say."""
    found = [e.message for e in jsonschema.Draft202012Validator(ISSUE_FORM_RULES).iter_errors(form)]
    fields = [e for e in form.get("body", []) if isinstance(e, dict) and e.get("type") != "markdown"]
    ids = [e["id"] for e in fields if "id" in e]
    labels = [e.get("attributes", {}).get("label") for e in fields]
    found += [f"the id {i!r} is used twice" for i in set(ids) if ids.count(i) > 1]
    found += [f"the label {lab!r} is used twice" for lab in set(labels) if labels.count(lab) > 1]
    if not fields:
        found.append("a form needs at least one field that is not markdown")
    for element in fields:
        options = element.get("attributes", {}).get("options", [])
        if element.get("type") == "dropdown" and "default" in element["attributes"]:
            if element["attributes"]["default"] >= len(options):
                found.append(f"the default of {element['attributes']['label']!r} is not one of its options")
        if element.get("type") == "dropdown" and any(o.strip().lower() == "none" for o in options):
            found.append("'None' is reserved as an option of a dropdown")
    return found


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    result = run_cli("init", str(tmp_path / "group"), "--name", "Café & Code", "--timezone", "Europe/Berlin",
                     "--now", NOW)
    assert result.returncode == 0, result.stderr
    (tmp_path / "group/requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")
    return tmp_path / "group"


def _body(**answers: str) -> str:
    """Return an issue's body as GitHub renders the talk-proposal form: `### Label`, a blank line, the answer."""
    values = {"title": "Pattern matching in practice", "abstract": "How `match` replaces long `if` chains.",
              "length": "25 minutes", "level": "Beginners", "name": "Maya Okafor",
              "links": "https://maya.example/\nhttps://mastodon.example/@maya", "months": "March, April",
              "recording": "- [X] The talk may be recorded and the video published.",
              "conduct": "- [X] I will follow the group's code of conduct.", **answers}
    return "\n\n".join(f"### {LABELS[key]}\n\n{values[key] or '_No response_'}" for key in LABELS)


def _issue(shape: str = "gh", number: int = 7, login: str = "maya-o", **answers: str) -> dict[str, Any]:
    url = f"https://github.com/org/site/issues/{number}"
    labels = [{"name": "talk-proposal"}, {"name": "accepted"}]
    if shape == "gh":  # gh issue view N --json number,title,body,author,labels,url
        return {"number": number, "title": "Talk: Pattern matching", "body": _body(**answers),
                "author": {"login": login, "name": "Maya"}, "labels": labels, "url": url}
    issue = {"number": number, "title": "Talk: Pattern matching", "body": _body(**answers).replace("\n", "\r\n"),
             "user": {"login": login, "type": "User"}, "labels": labels, "html_url": url,
             "url": f"https://api.github.com/repos/org/site/issues/{number}"}
    return issue if shape == "webhook-issue" else {"action": "labeled", "label": {"name": "accepted"}, "issue": issue}


def _from_issue(site: Path, issue: dict[str, Any], name: str = "issue.json") -> Any:
    file = site.parent / name
    file.write_text(json.dumps(issue), encoding="utf-8")
    return run_cli("talk", "from-issue", str(file), str(site))


def test_init_writes_the_issue_form_and_it_follows_githubs_rules(new_site: Path) -> None:
    form = yaml.safe_load((new_site / FORM).read_text(encoding="utf-8"))
    assert issue_form_problems(form) == []
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert labels == list(LABELS.values())  # from-issue finds the answers by these labels, in this order
    assert form["labels"] == ["talk-proposal"]
    broken = {**form, "body": [*form["body"], {"type": "dropdown", "id": "title",
                                               "attributes": {"label": "Talk title", "options": []}}]}
    assert len(issue_form_problems(broken)) >= 3  # no options, the id twice, the label twice: the rules bite


def test_the_proposal_workflow_is_valid_least_privileged_and_reads_no_issue_text_into_a_command(new_site: Path) -> None:
    file = new_site / WORKFLOW
    assert actionlint(file) == []
    workflow = load_workflow(file)
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["pull-request"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "read"}
    assert job["if"] == ("github.event.label.name == 'accepted' && "
                         "contains(github.event.issue.labels.*.name, 'talk-proposal')")
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step  # expressions reach scripts only through env
        for value in step.get("env", {}).values():
            assert not re.search(r"issue\.(title|body|user)|label\.name|head_ref", str(value)), value
    uses = {s["uses"] for s in job["steps"] if "uses" in s}
    pages = load_workflow(new_site / ".github/workflows/pages.yml")
    assert uses <= {s["uses"] for j in pages["jobs"].values() for s in j["steps"] if "uses" in s}


def test_the_workflow_step_writes_the_talk_from_the_event_file(new_site: Path, tmp_path: Path) -> None:
    """Run the step as the runner would, with a hostile issue in $GITHUB_EVENT_PATH."""
    event = tmp_path / "event.json"
    event.write_text(json.dumps(_issue("event", title='$(touch pwned) `touch pwned` "; touch pwned #')),
                     encoding="utf-8")
    step = steps_by_name(load_workflow(new_site / WORKFLOW), "pull-request")["Write the talk and its speaker"]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_EVENT_PATH": str(event)}
    result, _ = run_step(step, new_site, {}, env)
    assert result.returncode == 0, result.stderr
    assert not (new_site / "pwned").exists()
    talk = yaml.safe_load((new_site / "talks/touch-pwned-touch-pwned-touch-pwned.yaml").read_text(encoding="utf-8"))
    assert talk["title"] == '$(touch pwned) `touch pwned` "; touch pwned #'


def test_the_workflow_pushes_a_branch_and_opens_one_pull_request(new_site: Path, tmp_path: Path) -> None:
    """Run the pull-request step with real git (a bare repository as the remote) and a stand-in for gh."""
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org"}
    remote = tmp_path / "remote.git"

    def git(*args: str, cwd: Path = new_site) -> str:
        done = subprocess.run(["git", *args], cwd=cwd, env=git_env, capture_output=True, text=True, check=True)
        return done.stdout

    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet", "-b", "main")
    git("add", ".")
    git("commit", "--quiet", "-m", "site")
    git("remote", "add", "origin", str(remote))
    git("push", "--quiet", "origin", "main")
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    calls = tmp_path / "gh-calls"
    (bin_dir / "gh").write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{calls}"\n'
                                'if [ "$1 $2" = "pr view" ]; then exit 1; fi\n', encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # who commits: the step says
    env["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    step = steps_by_name(load_workflow(new_site / WORKFLOW), "pull-request")["Open a pull request"]
    values = {"github.token": "t", "github.event.issue.number": "7"}
    quiet, _ = run_step(step, new_site, values, env)
    assert quiet.returncode == 0 and "Nothing new to propose" in quiet.stdout and not calls.exists()
    assert _from_issue(new_site, _issue()).returncode == 0
    result, _ = run_step(step, new_site, values, env)
    assert result.returncode == 0, result.stdout + result.stderr
    files = git("ls-tree", "-r", "--name-only", "talk-proposal-7", cwd=remote).split()
    assert "talks/pattern-matching-in-practice.yaml" in files and "data/speakers.yaml" in files
    assert git("log", "-1", "--format=%s%n%an", "talk-proposal-7", cwd=remote).split("\n")[:2] == [
        "Add the talk proposed in #7", "github-actions[bot]"]
    made = calls.read_text(encoding="utf-8").splitlines()
    assert made[0].startswith("pr view talk-proposal-7")
    assert made[1].startswith("pr create --head talk-proposal-7 --title Add the talk proposed in #7 --body ")
    assert "Closes #7." in made[1]


@pytest.mark.parametrize("shape", ["gh", "webhook-issue", "event"])
def test_from_issue_writes_a_talk_and_a_speaker_that_build(new_site: Path, shape: str) -> None:
    before = (new_site / "data/speakers.yaml").read_text(encoding="utf-8")
    result = _from_issue(new_site, _issue(shape))
    assert result.returncode == 0, result.stderr
    talk_file = new_site / "talks/pattern-matching-in-practice.yaml"
    assert [Path(p).name for p in result.stdout.split()] == ["pattern-matching-in-practice.yaml", "speakers.yaml"]
    assert "next: ugsite talk schedule pattern-matching-in-practice --event" in result.stderr
    talk = yaml.safe_load(talk_file.read_text(encoding="utf-8"))
    assert talk == {
        "title": "Pattern matching in practice", "speakers": ["maya-okafor"],
        "description": "How `match` replaces long `if` chains.",
        "extra": {"proposal": "https://github.com/org/site/issues/7", "length": "25 minutes", "level": "Beginners",
                  "preferred_months": ["March", "April"], "recording": True, "issue": 7},
    }
    speakers = (new_site / "data/speakers.yaml").read_text(encoding="utf-8")
    assert speakers.startswith(before)  # the organizers' file, comments and all, is as it was
    assert yaml.safe_load(speakers)["maya-okafor"] == {
        "name": "Maya Okafor", "url": "https://maya.example/",
        "extra": {"github": "maya-o", "links": ["https://maya.example/", "https://mastodon.example/@maya"]}}
    check = run_cli("check", str(new_site), "--strict", "--now", NOW)
    assert check.returncode == 0, check.stderr  # a speaker of an accepted talk is not "unused"
    report = build_site(new_site, now=_now())
    assert not report.failed, messages(report)
    assert (new_site / "public/speakers/maya-okafor/index.html").is_file()


def _now() -> Any:
    from datetime import datetime

    return datetime.fromisoformat(NOW.replace("Z", "+00:00"))


def test_from_issue_twice_or_for_a_known_speaker_adds_nothing_twice(new_site: Path) -> None:
    assert _from_issue(new_site, _issue()).returncode == 0
    speakers = (new_site / "data/speakers.yaml").read_text(encoding="utf-8")
    again = _from_issue(new_site, _issue("event"))
    assert again.returncode == 0 and again.stdout == ""
    assert "is talks/pattern-matching-in-practice.yaml already; nothing was written" in again.stderr
    second = _from_issue(new_site, _issue(number=8, login="someone-else", title="Typing in anger",
                                          name="maya okafor"))
    assert second.returncode == 0, second.stderr
    assert [Path(p).name for p in second.stdout.split()] == ["typing-in-anger.yaml"]  # no second Maya
    assert (new_site / "data/speakers.yaml").read_text(encoding="utf-8") == speakers
    assert yaml.safe_load((new_site / "talks/typing-in-anger.yaml").read_text())["speakers"] == ["maya-okafor"]
    same_title = _from_issue(new_site, _issue(number=9, login="kim", name="Kim Lee"))
    assert [Path(p).name for p in same_title.stdout.split()] == ["pattern-matching-in-practice-2.yaml",
                                                                 "speakers.yaml"]


def test_from_issue_appends_in_the_speakers_file_own_line_endings(new_site: Path) -> None:
    before = "\ufeff# Our speakers\r\nfirst-speaker:\r\n  name: Ann   # keep this comment\r\n".encode()
    (new_site / "data/speakers.yaml").write_bytes(before)
    assert _from_issue(new_site, _issue()).returncode == 0
    after = (new_site / "data/speakers.yaml").read_bytes()
    assert after.startswith(before) and after[len(before):].startswith(b"\r\nmaya-okafor:\r\n  name: ")
    assert b"\n" not in after.replace(b"\r\n", b"")
    report = build_site(new_site, now=_now())
    assert not report.failed, messages(report)


HOSTILE_TITLE = '</script><script>alert(1)</script> "quoted" \'single\' key: value # not a comment \x00\x1b[31m\u202eevil'


def test_hostile_text_comes_out_as_valid_escaped_files_that_build(new_site: Path) -> None:
    issue = _issue(title=HOSTILE_TITLE + "x" * 500, name='Robert"); DROP TABLE speakers;--\n\tname: mallory',
                   abstract="<img src=x onerror=alert(1)>\n\n</script><script>alert(2)</script>\n\n"
                            "```\ncode\n```\n\n### Your name\n\nnot the name\n\n" + "long " * 5000,
                   links="javascript:alert(1)\nhttps://ok.example/\ndata:text/html,<script>alert(3)</script>",
                   length="|\n  - &anchor *alias !!python/object", months="March, {bad: yaml}, ]")
    result = _from_issue(new_site, issue)
    assert result.returncode == 0, result.stderr
    assert "'Talk title' was cut to 200 characters" in result.stderr
    assert "'Abstract' was cut to 10000 characters" in result.stderr
    assert "\x1b" not in result.stderr  # nothing from the issue rewrites the terminal
    talk_file = next((new_site / "talks").iterdir())
    text = talk_file.read_text(encoding="utf-8")
    talk, problems = load_yaml(text, "talk")
    assert problems == []
    assert talk["title"].startswith('</script><script>alert(1)</script> "quoted" \'single\' key: value # not a comment')
    assert "\x00" not in talk["title"] and "\u202e" not in talk["title"] and len(talk["title"]) == 200
    assert "\\<img src=x onerror=alert(1)>" in talk["description"]
    assert talk["extra"]["length"] == "| - &anchor *alias !!python/object"
    speakers = yaml.safe_load((new_site / "data/speakers.yaml").read_text(encoding="utf-8"))
    speaker = speakers["robert-drop-table-speakers-name-mallory"]
    assert speaker["name"] == 'Robert"); DROP TABLE speakers;-- name: mallory'
    assert speaker["url"] == "https://ok.example/" and "links" not in speaker["extra"]
    check = run_cli("check", str(new_site), "--now", NOW)
    assert check.returncode == 0, check.stderr
    schedule = run_cli("talk", "schedule", talk_file.stem, "--event", "2026-12-06", "--site", str(new_site))
    assert schedule.returncode == 0, schedule.stderr
    report = build_site(new_site, now=_now())
    assert not report.failed, messages(report)
    page = (new_site / "public/events/2026-12-06-kick-off-meetup/index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "onerror=alert(1)>" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "issue.json: error: this is not JSON"),
    ('{"number": 1}', 'issue.json: error: this is not a GitHub issue with a body (no "body" text)'),
    ('{"body": "Hello, I would like to talk."}', "issue.json: error: the issue was not written with the talk-proposal form"),
])
def test_from_issue_says_what_is_wrong_with_the_issue(new_site: Path, text: str, message: str) -> None:
    (new_site.parent / "issue.json").write_text(text, encoding="utf-8")
    result = run_cli("talk", "from-issue", str(new_site.parent / "issue.json"), str(new_site))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.endswith("ugsite: nothing was written\n")
    assert not (new_site / "talks").exists()


def test_from_issue_outside_a_site_and_with_a_speakers_file_it_cannot_extend(new_site: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue.json"
    issue.write_text(json.dumps(_issue()), encoding="utf-8")
    outside = run_cli("talk", "from-issue", str(issue), str(tmp_path / "nowhere"))
    assert outside.returncode == 1 and "is not a site (it has no ugsite.yaml)" in outside.stderr
    (new_site / "data/speakers.yaml").write_text("{first-speaker: {name: Ann}}", encoding="utf-8")
    flow = run_cli("talk", "from-issue", str(issue), str(new_site))
    assert flow.returncode == 1
    assert "data/speakers.yaml: error: cannot add the speaker 'maya-okafor' at the end" in flow.stderr
    assert not (new_site / "talks/pattern-matching-in-practice.yaml").exists()
    assert (new_site / "data/speakers.yaml").read_text(encoding="utf-8") == "{first-speaker: {name: Ann}}"


def test_form_answers_cannot_be_taken_over_by_an_earlier_answer() -> None:
    body = _body(abstract="Intro\n\n### Your name\n\nMallory\n\n### Links\n\nhttps://evil.example/")
    answers = form_answers(body)
    assert answers["name"] == "Maya Okafor" and answers["links"].startswith("https://maya.example/")
    assert "### Your name" in answers["abstract"]
    assert form_answers(_body(months="", links=""))["months"] == ""  # _No response_


def test_talk_files_are_scheduled_by_key_and_checked(make_site: Any) -> None:
    site = make_site({
        "data/speakers.yaml": "maya:\n  name: Maya Okafor\n",
        "talks/pattern-matching.yaml": "title: Pattern matching\nspeakers: [maya]\ndescription: Why *match*.\n"
                                       "slides: https://slides.example/pm\n",
        "talks/spanish.yaml": "title: Tipado gradual\nspeakers: [maya]\nlanguage: es\n",
        "events/2026-12-09-meetup.yaml": "title: Meetup\nstart: 2026-12-09 18:30\ntalks:\n  - pattern-matching\n"
                                         "  - spanish\n  - title: Inline talk\n",
    })
    report = build_site(site)
    assert not report.failed, messages(report)
    page = (site / "public/events/2026-12-09-meetup/index.html").read_text(encoding="utf-8")
    assert "<span>Pattern matching</span>" in page and "<em>match</em>" in page and "Inline talk" in page
    assert '<span lang="es">Tipado gradual</span>' in page
    assert 'href="https://slides.example/pm"' in page
    speaker = (site / "public/speakers/maya/index.html").read_text(encoding="utf-8")
    assert "Meetup" in speaker
    (site / "talks/pattern-matching.yaml").write_text("title: Pattern matching, revised\nspeakers: [maya]\n",
                                                      encoding="utf-8")
    report = build_site(site)  # from the warm cache, compared with a clean build by the fixture
    assert not report.failed, messages(report)
    page = (site / "public/events/2026-12-09-meetup/index.html").read_text(encoding="utf-8")
    assert "<span>Pattern matching, revised</span>" in page and "<em>match</em>" not in page
    (site / "events/2026-12-09-meetup.yaml").write_text(
        "title: Meetup\nstart: 2026-12-09 18:30\ntalks:\n  - pattern-matchin\n", encoding="utf-8")
    (site / "talks/no-title.yaml").write_text("speakers: [maya]\ntitel: Oops\n", encoding="utf-8")
    (site / "talks/Bad Key.yaml").write_text("title: X\n", encoding="utf-8")
    report = build_site(site)
    assert report.failed
    found = {p.format() for p in report.problems}
    assert ("events/2026-12-09-meetup.yaml:3: error: unknown talk 'pattern-matchin'\n  hint: known talks "
            "(talks/KEY.yaml): pattern-matching, spanish; or write the talk here: - title: ...") in found
    assert "talks/no-title.yaml:1: error: the talk has no title\n  hint: add title: ..." in found
    assert any(p.startswith("talks/no-title.yaml:2: warning: unknown field 'titel' is ignored") for p in found)
    assert any(p.startswith("talks/Bad Key.yaml: error: a talk's key is its file name") for p in found)


@pytest.mark.parametrize(("event", "expected"), [
    ("title: Meetup\nstart: 2026-12-09 18:30\n", "title: Meetup\nstart: 2026-12-09 18:30\ntalks:\n  - pm\n"),
    ("title: Meetup\nstart: 2026-12-09 18:30\ntalks: []   # none yet\nrsvp: https://r.example/\n",
     "title: Meetup\nstart: 2026-12-09 18:30\ntalks:\n  - pm\nrsvp: https://r.example/\n"),
    ("title: Meetup\nstart: 2026-12-09 18:30\ntalks:\n    - title: First   # kept\n      speakers: [maya]\n\n"
     "# a comment\nrsvp: https://r.example/\n",
     "title: Meetup\nstart: 2026-12-09 18:30\ntalks:\n    - title: First   # kept\n      speakers: [maya]\n    - pm\n\n"
     "# a comment\nrsvp: https://r.example/\n"),
])
def test_schedule_adds_the_talk_to_the_event_file_and_changes_nothing_else(make_site: Any, event: str,
                                                                           expected: str) -> None:
    site = make_site({"data/speakers.yaml": "maya:\n  name: Maya\n", "talks/pm.yaml": "title: PM\nspeakers: [maya]\n",
                      "events/2026-12-09-meetup.yaml": event})
    result = run_cli("talk", "schedule", "pm", "--event", "2026-12-09", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / "events/2026-12-09-meetup.yaml").read_text(encoding="utf-8") == expected
    again = run_cli("talk", "schedule", "pm", "--event", "2026-12-09-meetup", "--site", str(site))
    assert again.returncode == 0 and "has the talk 'pm' already" in again.stderr
    assert not build_site(site).failed


def test_schedule_at_a_meeting_of_a_series_writes_its_file(new_site: Path) -> None:
    assert _from_issue(new_site, _issue()).returncode == 0
    result = run_cli("talk", "schedule", "pattern-matching-in-practice", "--event", "2027-01-13", "--site",
                     str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert (new_site / "events/monthly-2027-01-13.yaml").read_text(encoding="utf-8") == (
        "series: monthly\nstart: 2027-01-13 18:30\ntalks:\n  - pattern-matching-in-practice\n")
    check = run_cli("check", str(new_site), "--strict", "--now", NOW)
    assert check.returncode == 0, check.stderr
    report = build_site(new_site, now=_now())
    assert not report.failed, messages(report)
    page = (new_site / "public/events/monthly-2027-01-13/index.html").read_text(encoding="utf-8")
    assert "<span>Pattern matching in practice</span>" in page and 'href="/speakers/maya-okafor/"' in page
    wrong = run_cli("talk", "schedule", "pattern-matching-in-practice", "--event", "2027-01-14", "--site",
                    str(new_site), "--now", NOW)
    assert wrong.returncode == 1 and "no event file starts on 2027-01-14, and no series meets then" in wrong.stderr


def test_schedule_says_what_it_cannot_find(make_site: Any) -> None:
    site = make_site({"talks/pm.yaml": "title: PM\n", "events/a.yaml": "title: A\nstart: 2026-12-09 18:30\n",
                      "events/b.md": "---\ntitle: B\nstart: 2026-12-09 20:00\n---\nText\n",
                      "events/c.yaml": "title: C\nstart: 2026-12-10 18:30\ntalks: [x, y]\n"})
    cases = {("pmx", "a"): "talks/pmx.yaml: error: there is no talk 'pmx'\n  hint: known talks: pm",
             ("pm", "2026-12-11"): "--event: error: no event file starts on 2026-12-11",
             ("pm", "2026-13-45"): "--event: error: '2026-13-45' is not a day of the calendar",
             ("pm", "next-week"): "--event: error: no event file is named 'next-week'",
             ("pm", "2026-12-09"): "--event: error: several events start on 2026-12-09: a, b",
             ("pm", "c"): "events/c.yaml:3: error: cannot add the talk to talks: here without rewriting the list"}
    for (talk, event), message in cases.items():
        result = run_cli("talk", "schedule", talk, "--event", event, "--site", str(site))
        assert result.returncode == 1 and result.stderr.startswith(message), result.stderr
    (site / "events/a.yaml").write_bytes(b"\xef\xbb\xbftitle: A\r\nstart: 2026-12-09 18:30\r\n")
    crlf = run_cli("talk", "schedule", "pm", "--event", "a", "--site", str(site))
    assert crlf.returncode == 0, crlf.stderr
    assert (site / "events/a.yaml").read_bytes() == b"\xef\xbb\xbftitle: A\r\nstart: 2026-12-09 18:30\r\ntalks:\r\n  - pm\r\n"
    md = run_cli("talk", "schedule", "pm", "--event", "b", "--site", str(site))
    assert md.returncode == 0, md.stderr
    assert (site / "events/b.md").read_text() == "---\ntitle: B\nstart: 2026-12-09 20:00\ntalks:\n  - pm\n---\nText\n"


def test_init_upgrade_adds_only_the_missing_files(new_site: Path) -> None:
    (new_site / FORM).unlink()
    (new_site / WORKFLOW).unlink()
    (new_site / ".github/workflows/pages.yml").write_text("# mine\n", encoding="utf-8")
    for post in (new_site / "posts").iterdir():
        post.unlink()
    result = run_cli("init", str(new_site), "--upgrade", "--now", "2027-01-05T10:00:00Z")
    assert result.returncode == 0, result.stderr
    assert sorted(Path(p).relative_to(new_site).as_posix() for p in result.stdout.split()) == [FORM, WORKFLOW]
    assert (new_site / ".github/workflows/pages.yml").read_text(encoding="utf-8") == "# mine\n"
    assert not list((new_site / "posts").iterdir())  # the example content is not brought back
    again = run_cli("init", str(new_site), "--upgrade")
    assert again.returncode == 0 and again.stdout == "" and "added 0 missing files" in again.stderr
    empty = run_cli("init", str(new_site.parent / "empty"), "--upgrade")
    assert empty.returncode == 1 and "no ugsite.yaml" in empty.stderr
    both = run_cli("init", str(new_site), "--upgrade", "--force")
    assert both.returncode == 2


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_reads_back_from_yaml_as_its_cleaned_self(text: str) -> None:
    for one_line in (True, False):
        cleaned = clean_text(text, one_line=one_line)
        for scalar in (quoted(cleaned), block(cleaned, 2)):
            value, problems = load_yaml(f"key: {scalar}\nnext: 1\n", "t.yaml")
            assert problems == [] and value == {"key": cleaned, "next": 1}, scalar


@pytest.mark.parametrize("word", ["null", "true", "No", "2024", "0o17", "1e3", ".inf", "~", "maya-okafor", "山田"])
def test_keys_that_yaml_would_read_as_something_else_are_quoted(word: str) -> None:
    value, problems = load_yaml(f"key: [{plain(word)}]\n{plain(word)}: 1\n", "t.yaml")
    assert problems == [] and value == {"key": [word], word: 1}
    if word in ("null", "true", "2024", "~"):
        assert plain(word) == f'"{word}"'
    if word in ("maya-okafor", "山田"):
        assert plain(word) == word


def test_a_title_and_a_name_that_look_like_other_yaml_values_stay_text(new_site: Path) -> None:
    result = _from_issue(new_site, _issue(title="Null", name="2024"))
    assert result.returncode == 0, result.stderr
    assert 'speakers: ["2024"]' in (new_site / "talks/null.yaml").read_text(encoding="utf-8")
    assert '\n"2024":\n  name: "2024"\n' in (new_site / "data/speakers.yaml").read_text(encoding="utf-8")
    schedule = run_cli("talk", "schedule", "null", "--event", "2026-12-06", "--site", str(new_site))
    assert schedule.returncode == 0, schedule.stderr
    assert (new_site / "events/2026-12-06-kick-off-meetup.yaml").read_text(encoding="utf-8").endswith(
        'talks:\n  - "null"\n')
    report = build_site(new_site, now=_now())
    assert not report.failed, messages(report)
    assert "<span>Null</span>" in (new_site / "public/events/2026-12-06-kick-off-meetup/index.html").read_text()


def test_clean_text_limits_and_removes_what_a_page_should_not_hold() -> None:
    assert clean_text("a\u202eb\x00c\x1b\tz\r\nnext", one_line=True) == "abc z next"
    assert clean_text("\n\n  first\r\nsecond  \n\n") == "  first\nsecond"
    assert clean_text("x" * 10, limit=5) == "xxxx…"

