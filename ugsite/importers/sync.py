"""Keep a site's events in step with a platform's feed (`ugsite import URL --sync`).

What the feed said last time is kept in `sync-state.json`, beside ugsite.yaml (and committed with the
site), so a sync can tell a field the feed changed from one an organizer changed by hand: the first is
updated, the second kept. Files are edited key by key, so comments and fields the feed does not have
(speakers, talks, extra) stay as the organizer wrote them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ugsite.content.dates import DateError, parse_datetime
from ugsite.importers.event_files import yaml_text
from ugsite.importers.report import Note

STATE = "sync-state.json"
_MISSING = object()


@dataclass
class Synced:
    """The event files a sync writes, what it noted, and the problem that stops it, if any."""

    files: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    problem: str = ""


def read_state(site: Path) -> dict[str, Any]:
    """Return the sync state of `site`: per feed, per event file, the fields the feed gave it."""
    try:
        state = json.loads((site / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def state_text(state: dict[str, Any]) -> str:
    """Return the state as it is written: sorted, one field a line, so its changes read well in git."""
    return json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def sync_events(site: Path, feed: str, events: dict[str, str], state: dict[str, Any], now: datetime,
                zone: ZoneInfo, tags: list[str]) -> Synced:
    """Return the event files that make `site` mirror `events` (path -> file text from the feed)."""
    synced = Synced()
    before: dict[str, Any] = state.get(feed, {})
    if not events and before:
        synced.problem = (f"the feed holds no events now, where it held {len(before)}; nothing was changed (a "
                          "platform outage must not cancel every event). If the group really has none, remove the "
                          f"feed's entry from {STATE}")
        return synced
    after: dict[str, Any] = {}
    for path, text in sorted(events.items()):
        fields = yaml.safe_load(text) or {}
        if tags:
            fields["tags"] = list(dict.fromkeys([*fields.get("tags", []), *tags]))
        after[path] = fields
        target = site / path
        if not target.is_file():
            synced.files[path] = yaml_text(fields) if tags else text
            continue
        current = target.read_text(encoding="utf-8")
        updated = _update(current, fields, before.get(path), path, synced.notes)
        if updated != current:
            synced.files[path] = updated
    for path, fields in sorted(before.items()):
        if path not in after:
            after[path] = _gone(site, path, fields, now, zone, synced)
    state[feed] = after
    return synced


def _update(text: str, fields: dict[str, Any], last: dict[str, Any] | None, path: str, notes: list[Note]) -> str:
    """Return the file with each field the feed changed updated, unless an organizer changed it by hand."""
    current = yaml.safe_load(_front(text)) or {}
    for key in sorted(set(fields) | set(last or {})):
        new, had = fields.get(key, _MISSING), current.get(key, _MISSING)
        if new == had or (key == "description" and _is_markdown(path)):
            continue
        previous = (last or {}).get(key, _MISSING) if last is not None else had
        if new == previous:
            continue  # the feed did not change it; an edit made here stays
        if had != previous or (last is None and had is not _MISSING):
            notes.append(Note(path, f"kept the {key} written here; the feed changed it to {_shown(new)}",
                              "needs a person"))
            continue
        text = _set_key(text, key, new)
        notes.append(Note(path, f"{key} updated from the feed"))
    return text


def _shown(value: Any) -> str:
    if value is _MISSING:
        return "nothing"
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _gone(site: Path, path: str, fields: dict[str, Any], now: datetime, zone: ZoneInfo, synced: Synced) -> Any:
    """Mark an event that left the feed before it happened as cancelled; leave past ones alone."""
    target = site / path
    if not target.is_file():
        return fields
    current = yaml.safe_load(_front(target.read_text(encoding="utf-8"))) or {}
    start = parse_datetime(current.get("start"), ZoneInfo(str(current.get("timezone") or zone.key)))
    if isinstance(start, DateError) or start <= now or current.get("status") == "cancelled":
        return fields
    synced.files[path] = _set_key(target.read_text(encoding="utf-8"), "status", "cancelled")
    synced.notes.append(Note(path, "the event is no longer in the feed and has not happened: it is marked cancelled, "
                             "so subscribers see the cancellation"))
    return {**fields, "status": "cancelled"}


def _is_markdown(path: str) -> bool:
    return path.endswith((".md", ".markdown"))


def _front(text: str) -> str:
    """Return the YAML of an event file: all of a .yaml file, the front matter of a Markdown one."""
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        return parts[0].removeprefix("---")
    return text


def _set_key(text: str, key: str, value: Any) -> str:
    """Return `text` with the top-level `key` set to `value` (removed when _MISSING), the rest untouched."""
    lines = text.splitlines(keepends=True)
    fenced = text.startswith("---")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), len(lines)) if fenced \
        else len(lines)
    first = 1 if fenced else 0
    start = next((i for i in range(first, end) if re.match(rf"{re.escape(key)}\s*:", lines[i])), None)
    block = [] if value is _MISSING else yaml_text({key: value}).splitlines(keepends=True)
    if start is None:
        at = next((i for i in range(first, end) if lines[i].startswith("description:")), end)
        if at == end and at > first and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        return "".join(lines[:at] + block + lines[at:])
    stop = start + 1
    while stop < end and (not lines[stop].strip() or lines[stop][0] in " \t" or
                          (lines[stop].startswith("#") and _continues(lines, stop, end))):
        stop += 1
    return "".join(lines[:start] + block + lines[stop:])


def _continues(lines: list[str], at: int, end: int) -> bool:
    """Say whether a comment line at column 0 is inside a block (more indented lines follow before a key)."""
    for line in lines[at + 1:end]:
        if line.strip() and not line.startswith("#"):
            return line[0] in " \t"
    return False
