"""`ugsite check --after-events`: the talks of recent events that still lack slides or video."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from ugsite.content.yaml_source import LineDict
from ugsite.events.event_files import EventFile, scan_events
from ugsite.problems import Problem, warning
from ugsite.site.model import Event, Site, Talk

RECENT = timedelta(days=60)


def recent_events(site: Site) -> tuple[Event, ...]:
    """Return the events that took place and ended in the 60 days before the build's moment, latest first."""
    since = site.now - RECENT
    return tuple(sorted((e for e in site.events if since <= e.end <= site.now and e.has_file
                         and e.status not in ("cancelled", "postponed")), key=lambda e: e.start, reverse=True))


def missing_material(root: Path, site: Site) -> list[Problem]:
    """Return a warning for each talk of a recent event without slides or video, at the talk's line."""
    files, _ = scan_events(root)
    by_path = {f.path: f for f in files}
    found: list[Problem] = []
    for event in recent_events(site):
        lines = _talk_lines(by_path.get(event.source), event.talks)
        for talk, line in zip(event.talks, lines):
            if talk.missing:
                found.append(_chase(event, talk, line, site))
    return found


def _chase(event: Event, talk: Talk, line: int | None, site: Site) -> Problem:
    ended = event.end.astimezone(site.config.zone).date()
    days = (site.now.astimezone(site.config.zone).date() - ended).days
    ago = "today" if days == 0 else f"{days} day{'s' * (days != 1)} ago"
    lacks = " and no ".join(talk.missing)
    who = ", ".join(s.name for s in talk.speakers)
    ask = f"ask {who} for them, then add" if who else "add"
    return warning(event.source, f"{event.title} (ended {ended}, {ago}): the talk '{talk.title}'"
                   f"{f' by {who}' if who else ''} has no {lacks}", line,
                   f"{ask} " + " and ".join(f"{name}: https://..." for name in talk.missing) + " to the talk")


def _talk_lines(file: EventFile | None, talks: tuple[Talk, ...]) -> list[int | None]:
    """Return the line of each talk in its event file, matched by title in order (None where unknown)."""
    items = file.meta.get("talks") if file is not None else None
    entries = [i for i in items if isinstance(i, LineDict)] if isinstance(items, list) else []
    lines: list[int | None] = []
    for talk in talks:
        match = next((i for i in entries if str(i.get("title", "")).strip() == talk.title), None)
        if match is not None:
            entries.remove(match)
        lines.append(match.line if match is not None else file.meta.line_of("talks") if file else None)
    return lines
