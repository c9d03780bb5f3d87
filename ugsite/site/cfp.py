"""Read a call for speakers (`cfp:` in `ugsite.yaml` or on a series): when it opens and closes, and where to propose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ugsite.content.dates import DateError, is_date_only, parse_datetime
from ugsite.content.urls import link_problem
from ugsite.content.yaml_source import LineDict
from ugsite.problems import Problem, error

FIELDS = ("open", "close", "text", "url")
FORM = ".github/ISSUE_TEMPLATE/talk-proposal.yml"
EXAMPLE = 'e.g. cfp: {open: "2026-10-01", close: "2027-01-15", text: "Tell us what you learned"}'


@dataclass(frozen=True)
class CallSpec:
    """A call for speakers as written: its first day, its last day (in the site's zone), its Markdown, its link."""

    opens: date
    closes: date
    text: str
    url: str
    line: int  # where `text:` is, for Markdown problems


def proposal_form(root: Path, base_url: str) -> str | None:
    """Return the link of the site's talk-proposal issue form, when it has one and lives on GitHub Pages."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    if not (root / FORM).is_file() or not host.endswith(".github.io"):
        return None
    owner = host.removesuffix(".github.io")
    repo = parts.path.strip("/").split("/")[0] or host
    return f"https://github.com/{owner}/{repo}/issues/new?template=talk-proposal.yml"


def read_call(value: Any, path: str, line: int | None, default_url: str | None,
              where: str = "") -> tuple[CallSpec | None, list[Problem]]:
    """Read a `cfp:` mapping; `default_url` is the proposal form's link, if the site has one."""
    if not isinstance(value, LineDict):
        return None, [error(path, f"'cfp'{where} must be a mapping of open, close, text and url, not {value!r}",
                            line, EXAMPLE)]
    problems: list[Problem] = []
    for key in value:
        if key not in FIELDS:
            problems.append(error(path, f"unknown field '{key}' in 'cfp'{where}", value.line_of(key),
                                  f"a call for speakers takes {', '.join(FIELDS)}"))
    opens, closes = (_day(value, key, path, where, problems) for key in ("open", "close"))
    if opens is not None and closes is not None and closes < opens:
        problems.append(error(path, f"the call for speakers{where} closes ({closes}) before it opens ({opens})",
                              value.line_of("close"), "swap them, or check the year"))
    text = value.get("text", "")
    if not isinstance(text, str):
        problems.append(error(path, f"'text' of 'cfp'{where} must be Markdown text, not {text!r}",
                              value.line_of("text"), 'quote it: text: "..."'))
    url = value.get("url", default_url)
    if "url" in value:
        parts = urlsplit(url) if isinstance(url, str) and link_problem(url) is None else None
        if parts is None or parts.scheme not in ("http", "https", "mailto") or not (parts.netloc or parts.path):
            problems.append(error(path, f"'url' of 'cfp'{where} must be a web address, not {url!r}",
                                  value.line_of("url"), "e.g. url: https://sessionize.com/my-group/"))
    elif url is None:
        problems.append(error(path, f"the call for speakers{where} needs a 'url': where to propose a talk",
                              line or value.line,
                              f"add url: (a form or a page), or add the talk-proposal form ({FORM}, ugsite init "
                              "--upgrade writes it) to a site on GitHub Pages"))
    if problems or opens is None or closes is None or not isinstance(url, str) or not isinstance(text, str):
        return None, problems
    return CallSpec(opens, closes, text, url.strip(), value.line_of("text") or value.line), []


def _day(entry: LineDict, key: str, path: str, where: str, problems: list[Problem]) -> date | None:
    value = entry.get(key)
    if value is None:
        problems.append(error(path, f"the call for speakers{where} has no '{key}' day", entry.line_of(key), EXAMPLE))
        return None
    parsed = parse_datetime(value, ZoneInfo("UTC"), key)
    if isinstance(parsed, DateError) or not is_date_only(value):
        problems.append(error(path, f"'{key}' of 'cfp'{where} must be a day like 2027-01-15, not {value!r}",
                              entry.line_of(key), f'e.g. {key}: "2027-01-15"'))
        return None
    return parsed.date()


def opening(spec: CallSpec, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Return when a call opens and the first moment it is closed (the end of its last day in `zone`)."""
    return (datetime.combine(spec.opens, time(), zone),
            datetime.combine(spec.closes + timedelta(days=1), time(), zone))
