"""Convert event data files of other sites (`_data/events.yml`, `events.json`, a folder of one file per event)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from ugsite.content.frontmatter import decode_text, split_front_matter
from ugsite.importers.event_dates import DAY_FIRST_LANGUAGES, date_in_name, looks_like_moment
from ugsite.importers.event_files import SiteFacts, place_event
from ugsite.importers.event_records import NAMES, Records, record_fields
from ugsite.importers.fields import Imported
from ugsite.importers.places import Venues
from ugsite.importers.report import Note
from ugsite.content.yaml_source import load_yaml

SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")
_VENUE_FOLDERS = {"venues", "places", "locations"}
_SPEAKER_FOLDERS = {"speakers", "people", "presenters", "members"}
_ABOUT = ("title", "description", "place", "people", "link")  # besides a date, what makes a mapping an event


def _records(value: Any, mapping: dict[str, str] | None = None) -> list[tuple[str, dict[str, Any]]] | None:
    """Return the events in a parsed file (each with a name for the report), else None when it holds none."""
    if isinstance(value, dict):
        for key in ("events", "meetups", "meetings", "items"):
            if isinstance(value.get(key), (list, dict)):
                return _records(value[key], mapping)
        if _is_event(value, mapping):
            return [("", value)]
        entries = {k: v for k, v in value.items() if v is not None}  # `wuerzburg:` with its lines commented out
        if entries and all(isinstance(v, dict) and _is_event(v, mapping) for v in entries.values()):
            return [(str(k), v if v is not None else {}) for k, v in value.items()]
        return None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [(str(i + 1), v) for i, v in enumerate(value)] if any(_is_event(v, mapping) for v in value) else None
    return None


def _is_event(value: dict[str, Any], mapping: dict[str, str] | None = None) -> bool:
    """Say whether a mapping is an event: a date, and a title or something else it is about (a place, talks)."""
    keys = {str(k).lower() for k in value}
    chosen = {role: name.lower() for role, name in (mapping or {}).items()}
    names = {role: {n.lower() for n in NAMES[role]} | ({chosen[role]} if role in chosen else set())
             for role in ("start", "time", *_ABOUT)}
    dated = bool(keys & names["start"]) or any(looks_like_moment(v) for k, v in value.items()
                                               if str(k).lower() in names["time"])
    return dated and (any(keys & names[role] for role in _ABOUT) or "talks" in keys)


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
    files = [f for f in sorted(source.rglob("*"))[:500] if f.is_file() and f.suffix.lower() in SUFFIXES]
    related = _related(files, source)
    files = [f for f in files if f.relative_to(source).as_posix() not in related.files]
    dated = sum(is_event_data(f.read_bytes(), f.name) or bool(date_in_name(f.name)) for f in files)
    return bool(files) and dated * 2 > len(files)


@dataclass
class _Related:
    """Files an event refers to by name, in folders beside the events: venues, speakers, series defaults."""

    venues: dict[str, dict[str, Any]] = field(default_factory=dict)
    speakers: dict[str, dict[str, Any]] = field(default_factory=dict)
    series: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # file -> what it was read as


def _related(files: list[Path], source: Path) -> _Related:
    """Index the venue, speaker and series files of a folder (`cities/X/venues/NAME.yaml`, `series/NAME.yaml`)."""
    found = _Related()
    for file in files:
        rel = file.relative_to(source)
        folders = [part.lower() for part in rel.parts[:-1]]
        if not folders or "events" in folders[-1:]:
            continue
        value, _ = _parse(file.read_bytes(), file.name)
        if not isinstance(value, dict) or _records(value) is not None:
            continue
        if folders[-1] in _VENUE_FOLDERS:
            found.venues[file.stem] = {"name": file.stem, **value}
            found.files[rel.as_posix()] = f"the venue '{file.stem}' of the events that name it"
        elif folders[-1] in _SPEAKER_FOLDERS:
            found.speakers[file.stem] = {"name": file.stem, **value}
            found.files[rel.as_posix()] = f"the speaker '{file.stem}' of the events that name them"
        elif "series" in folders:
            key = rel.parts[folders.index("series") + 1] if len(rel.parts) > folders.index("series") + 2 \
                else file.stem
            found.series[key.rsplit(".", 1)[0]] = value
            found.files[rel.as_posix()] = f"what the events of the series '{key}' share"
    return found


def _with_related(record: dict[str, Any], rel: str, related: _Related) -> dict[str, Any]:
    """Return the record with the venue and speakers it names read from their files, and its series' defaults."""
    record = dict(record)
    parts = rel.split("/")
    if "series" in parts[:-1]:
        key = parts[parts.index("series") + 1]
        own = {str(k).lower() for k in record}
        for name, value in related.series.get(key, {}).items():
            role = next((names for names in NAMES.values() if name.lower() in {n.lower() for n in names}), (name,))
            if not own & {n.lower() for n in role}:  # the event's own title, time or place wins over its series'
                record[name] = value
    for name in NAMES["place"]:
        if isinstance(record.get(name), str) and record[name] in related.venues:
            record[name] = related.venues[record[name]]
    for name in NAMES["people"]:
        value = record.get(name)
        if isinstance(value, (str, list)):
            items = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and v in related.speakers for v in items):
                record[name] = [related.speakers.get(v, v) if isinstance(v, str) else v for v in items]
    return record


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
    related = _related(files, source) if source.is_dir() else _Related()
    taken = set(facts.files)
    for file in files:
        rel = file.relative_to(source).as_posix() if source.is_dir() else file.name
        if rel in related.files:
            out.notes.append(Note(rel, f"read as {related.files[rel]}"))
            continue
        value, why = _parse(file.read_bytes(), file.name)
        if isinstance(value, dict) and not any(isinstance(v, (list, dict)) and k in ("events", "meetups", "meetings")
                                               for k, v in value.items()):
            value = _with_related(value, rel, related)  # one event: its series' defaults count
        found = _records(value, mapping) if value is not None else None
        if found is None and isinstance(value, dict) and date_in_name(file.name) and _pick_title(value):
            found = [("", value)]  # one event, its date in the file's name
        if found is None:
            out.notes.append(Note(rel, why or "it holds no events (nothing with a date and a title, place or description)", "skipped"))
            continue
        for label, record in found:
            where = f"{rel}: {label}" if label and len(found) > 1 else rel
            if not record:
                out.notes.append(Note(where, "it is empty: there is no event to import", "skipped"))
                continue
            converted = record_fields(_with_related(record, rel, related), where, records,
                                      date_in_name(PurePosixPath(rel).name))
            if converted is not None:
                place_event(converted[0], converted[1], where, out, facts, taken)
    out.notes.extend(records.notes)
    if records.venues.added:
        out.data_entries["venues"] = records.venues.added
    return out
