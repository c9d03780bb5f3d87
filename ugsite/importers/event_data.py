"""Convert event data files of other sites (`_data/events.yml`, `events.json`, a folder of one file per event)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from ugsite.frontmatter import decode_text, split_front_matter
from ugsite.importers.event_dates import DAY_FIRST_LANGUAGES, date_in_name
from ugsite.importers.event_files import SiteFacts, place_event
from ugsite.importers.event_records import NAMES, Records, record_fields
from ugsite.importers.fields import Imported
from ugsite.importers.places import Venues
from ugsite.importers.report import Note
from ugsite.yaml_source import load_yaml

SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")


def _records(value: Any, mapping: dict[str, str] | None = None) -> list[tuple[str, dict[str, Any]]] | None:
    """Return the events in a parsed file (each with a name for the report), else None when it holds none."""
    if isinstance(value, dict):
        for key in ("events", "meetups", "meetings", "items"):
            if isinstance(value.get(key), (list, dict)):
                return _records(value[key], mapping)
        if _is_event(value, mapping):
            return [("", value)]
        if value and all(isinstance(v, dict) and _is_event(v, mapping) for v in value.values()):
            return [(str(k), v) for k, v in value.items()]
        return None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [(str(i + 1), v) for i, v in enumerate(value)] if any(_is_event(v, mapping) for v in value) else None
    return None


def _is_event(value: dict[str, Any], mapping: dict[str, str] | None = None) -> bool:
    keys = {str(k).lower() for k in value}
    chosen = {role: name.lower() for role, name in (mapping or {}).items()}
    names = {role: {n.lower() for n in NAMES[role]} | ({chosen[role]} if role in chosen else set())
             for role in ("start", "title")}
    return bool(keys & names["start"]) and bool(keys & names["title"])


def _pick_title(value: dict[str, Any]) -> bool:
    return any(str(k).lower() in {n.lower() for n in NAMES["title"]} for k in value)


def _parse(data: bytes, name: str) -> tuple[Any, str]:
    """Return a file's parsed content (Markdown: front matter with the body as description), or why not."""
    text, problems = decode_text(data, name)
    if text is None:
        return None, problems[0].message if problems else "it cannot be read"
    if name.endswith((".md", ".markdown")):
        source, found = split_front_matter(text, name)
        if source is None:
            return None, found[0].message if found else "it has no front matter"
        meta = dict(source.meta)
        if source.body.strip():
            meta.setdefault("description", source.body.strip())
        return meta, ""
    if name.endswith(".json"):
        try:
            return json.loads(text), ""
        except (ValueError, RecursionError) as exc:
            return None, f"it is not JSON that can be read ({exc})"
    value, found = load_yaml(text, name)
    return (value, "") if not found else (None, found[0].message)


def is_event_data(data: bytes, name: str = "events.yaml") -> bool:
    """Say whether a file holds events as data (a list or mapping of them, or one)."""
    value, _ = _parse(data, name if name.endswith(SUFFIXES) else "events.yaml")
    return _records(value) is not None


def is_event_folder(source: Path) -> bool:
    """Say whether a folder holds event files (most of its data files are events), as a site's events/ does."""
    if not source.is_dir():
        return False
    files = [f for f in sorted(source.rglob("*"))[:200] if f.is_file() and f.suffix.lower() in SUFFIXES]
    return bool(files) and sum(is_event_data(f.read_bytes(), f.name) for f in files) * 2 > len(files)


def import_event_data(source: Path, today: str, facts: SiteFacts, day_first: bool | None, language: str,
                      mapping: dict[str, str]) -> Imported:
    """Read a data file of events, or a folder of them; return event files and venues, a note for each event."""
    out = Imported()
    zone = facts.zone or ZoneInfo("UTC")
    records = Records(zone, Venues(facts.venues), DAY_FIRST_LANGUAGES.__contains__(language)
                      if day_first is None else day_first, dict(mapping))
    if mapping:
        records.notes.append(Note(str(source), "fields named with --map: " + ", ".join(f"{k}={v}" for k, v in
                                                                                     sorted(mapping.items()))))
    files = sorted(f for f in source.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES) \
        if source.is_dir() else [source]
    taken = set(facts.files)
    for file in files:
        rel = file.relative_to(source).as_posix() if source.is_dir() else file.name
        value, why = _parse(file.read_bytes(), file.name)
        found = _records(value, mapping) if value is not None else None
        if found is None and isinstance(value, dict) and date_in_name(file.name) and _pick_title(value):
            found = [("", value)]  # one event, its date in the file's name
        if found is None:
            out.notes.append(Note(rel, why or "it holds no events (nothing with a title and a date)", "skipped"))
            continue
        for label, record in found:
            where = f"{rel}: {label}" if label and len(found) > 1 else rel
            converted = record_fields(record, where, records, date_in_name(PurePosixPath(rel).name))
            if converted is not None:
                place_event(converted[0], converted[1], where, out, facts, taken)
    out.notes.extend(records.notes)
    if records.venues.added:
        out.data_entries["venues"] = records.venues.added
    return out
