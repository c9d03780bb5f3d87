"""Read a GitHub issue made with the talk-proposal form, and write it as a talk file and a speaker entry."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ugsite.content.urls import link_problem
from ugsite.content.yaml_scalars import block, clean_text, plain, quoted
from ugsite.problems import Problem, error, warning

# The labels of the form's fields, in its order (`.github/ISSUE_TEMPLATE/talk-proposal.yml`, which
# `ugsite init` writes). GitHub renders each answer under `### LABEL`; the labels are the contract.
LABELS = {
    "title": "Talk title",
    "abstract": "Abstract",
    "length": "Length",
    "level": "Level",
    "name": "Your name",
    "links": "Links",
    "months": "Preferred months",
    "recording": "Recording",
    "conduct": "Code of conduct",  # asked, not written anywhere: its heading ends the answer before it
}
NO_RESPONSE = "_No response_"
MAX_TITLE, MAX_NAME, MAX_ABSTRACT, MAX_CHOICE, MAX_LINK, MAX_LINKS = 200, 100, 10_000, 100, 300, 5
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")


@dataclass(frozen=True)
class Proposal:
    """The answers of one talk proposal, cleaned: text that is safe to write into the site's files."""

    number: int | None
    url: str | None  # the issue's page on GitHub
    login: str  # who opened the issue ("" when the JSON does not say)
    title: str
    abstract: str  # Markdown, raw HTML escaped
    length: str
    level: str
    name: str
    links: tuple[str, ...]
    months: tuple[str, ...]
    recording: bool | None  # None: the form had no such question


def read_issue(text: str, path: str) -> tuple[Proposal | None, list[Problem]]:
    """Read an issue's JSON, as `gh issue view --json` or a webhook (its `issue`, or the whole event) gives it."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        return None, [error(path, f"this is not JSON: {exc}", None,
                            "save it with: gh issue view NUMBER --json number,title,body,author,labels,url > issue.json")]
    if isinstance(data, dict) and isinstance(data.get("issue"), dict):
        data = data["issue"]  # the whole event of a workflow run ($GITHUB_EVENT_PATH)
    if not isinstance(data, dict) or not isinstance(data.get("body"), str):
        return None, [error(path, "this is not a GitHub issue with a body (no \"body\" text)", None,
                            "save it with: gh issue view NUMBER --json number,title,body,author,labels,url > issue.json")]
    answers = form_answers(data["body"])
    if "title" not in answers and "abstract" not in answers:
        return None, [error(path, "the issue was not written with the talk-proposal form (it has no "
                                  f"'### {LABELS['title']}' or '### {LABELS['abstract']}')", None,
                            "ask for the proposal through the form, or write talks/KEY.yaml by hand")]
    return _proposal(data, answers, path)


def form_answers(body: str) -> dict[str, str]:
    """Return the answers of an issue form's rendered body by field, `_No response_` as "".

    Each field's heading is the last line `### LABEL` before the next field's, so an answer that
    holds a line such as `### Your name` cannot take the place of a later field.
    """
    lines = clean_text(body).split("\n")
    answers: dict[str, str] = {}
    end = len(lines)
    for key, label in reversed(LABELS.items()):
        heading = next((i for i in range(end - 1, -1, -1) if lines[i].strip() == f"### {label}"), None)
        if heading is None:
            continue
        answer = "\n".join(lines[heading + 1:end]).strip("\n")
        answers[key] = "" if answer.strip() == NO_RESPONSE else answer
        end = heading
    return answers


def _proposal(data: dict[str, Any], answers: dict[str, str], path: str) -> tuple[Proposal, list[Problem]]:
    notes: list[Problem] = []

    def line(key: str, limit: int, fallback: str = "") -> str:
        raw = clean_text(answers.get(key, ""), one_line=True) or fallback
        text = clean_text(raw, one_line=True, limit=limit)
        if text != raw:
            notes.append(warning(path, f"the answer to '{LABELS[key]}' was cut to {limit} characters"))
        return text

    issue_title = re.sub(r"^\s*talk\s*:\s*", "", str(data.get("title") or ""), flags=re.IGNORECASE)
    login = _login(data)
    title = line("title", MAX_TITLE, clean_text(issue_title, one_line=True))
    name = line("name", MAX_NAME, login)
    abstract = clean_text(answers.get("abstract", ""), limit=MAX_ABSTRACT)
    if len(clean_text(answers.get("abstract", ""))) > MAX_ABSTRACT:
        notes.append(warning(path, f"the answer to '{LABELS['abstract']}' was cut to {MAX_ABSTRACT} characters"))
    problems = [error(path, f"the proposal has no {what}", None, f"fill in '{LABELS[key]}' in the issue, then run "
                      "this again") for key, what, value in (("title", "title", title), ("name", "speaker's name", name))
                if not value]
    number = data.get("number")
    return Proposal(
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        url=_issue_url(data), login=login, title=title, abstract=markdown_text(abstract),
        length=line("length", MAX_CHOICE), level=line("level", MAX_CHOICE), name=name,
        links=_links(answers.get("links", ""), path, notes), months=_months(answers.get("months", "")),
        recording=_checked(answers["recording"]) if "recording" in answers else None,
    ), problems + notes


def markdown_text(text: str) -> str:
    """Return Markdown with every `<` escaped, so no raw HTML (`<script>`, `<iframe>`) comes from a stranger."""
    return text.replace("<", "\\<")


def _login(data: dict[str, Any]) -> str:
    person = data.get("author") if isinstance(data.get("author"), dict) else data.get("user")
    login = person.get("login") if isinstance(person, dict) else None
    return login if isinstance(login, str) and _LOGIN.fullmatch(login) else ""


def _issue_url(data: dict[str, Any]) -> str | None:
    for key in ("html_url", "url"):  # the webhook's `url` is the API's; gh's is the page
        value = data.get(key)
        if isinstance(value, str) and _web_address(value) and "//api." not in value:
            return value
    return None


def _web_address(text: str) -> bool:
    if link_problem(text) is not None or any(c.isspace() or c in "\"'<>\\" for c in text):
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(text) <= MAX_LINK


def _links(answer: str, path: str, notes: list[Problem]) -> tuple[str, ...]:
    found: list[str] = []
    for item in answer.replace(",", " ").split():
        item = item.strip("<>()[]").rstrip(".;")
        if _web_address(item) and item not in found:
            found.append(item)
        elif "/" in item or "." in item:  # meant as an address; a word such as "Mastodon:" is not
            notes.append(warning(path, f"'{LABELS['links']}': left out {clean_text(item, one_line=True, limit=60)!r}, "
                                       "which is not a web address (https://...)"))
    if len(found) > MAX_LINKS:
        notes.append(warning(path, f"'{LABELS['links']}': kept the first {MAX_LINKS} of {len(found)} addresses"))
    return tuple(found[:MAX_LINKS])


def _months(answer: str) -> tuple[str, ...]:
    names = (clean_text(m, one_line=True, limit=MAX_CHOICE) for m in answer.split(","))
    return tuple(dict.fromkeys(n for n in names if n))[:12]


def _checked(answer: str) -> bool:
    return bool(re.search(r"^\s*[-*]\s*\[[xX]\]", answer, flags=re.MULTILINE))


def talk_text(proposal: Proposal, key: str, speaker: str) -> str:
    """Return the YAML of the talk file `talks/KEY.yaml`."""
    extra = [("proposal", proposal.url), ("length", proposal.length or None), ("level", proposal.level or None)]
    lines = [
        f"# An accepted talk proposal. To schedule it, add {key} to the talks: of an event",
        f"# (or run: ugsite talk schedule {key} --event YYYY-MM-DD).",
        f"title: {quoted(proposal.title)}",
        f"speakers: [{plain(speaker)}]",
    ]
    if proposal.abstract:
        lines.append(f"description: {block(proposal.abstract, 2)}")
    lines.append("extra:")
    lines += [f"  {name}: {quoted(value)}" for name, value in extra if value]
    if proposal.months:
        lines.append(f"  preferred_months: [{', '.join(quoted(m) for m in proposal.months)}]")
    if proposal.recording is not None:
        lines.append(f"  recording: {'true' if proposal.recording else 'false'}")
    if proposal.number is not None:
        lines.append(f"  issue: {proposal.number}")
    return "\n".join(lines) + "\n"


def speaker_text(proposal: Proposal, key: str) -> str:
    """Return the entry of a new speaker for `data/speakers.yaml`, ready to append."""
    lines = [f"{plain(key)}:", f"  name: {quoted(proposal.name)}"]
    if proposal.links:
        lines.append(f"  url: {quoted(proposal.links[0])}")
    if proposal.login or len(proposal.links) > 1:
        lines.append("  extra:")
    if proposal.login:
        lines.append(f"    github: {quoted(proposal.login)}")
    if len(proposal.links) > 1:
        lines.append(f"    links: [{', '.join(quoted(link) for link in proposal.links)}]")
    return "\n".join(lines) + "\n"
