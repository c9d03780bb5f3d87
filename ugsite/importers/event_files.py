"""Write imported events as the YAML files an organizer would write, and know what a site has already."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ugsite.site.data_files import read_data_files
from ugsite.events.event_files import scan_events
from ugsite.importers.fields import Imported
from ugsite.importers.report import Note
from ugsite.content.slugs import PLAIN, SlugStyle, slugify

# The order of fields in an event file: what a reader looks for first.
ORDER = ("series", "occurrence", "uid", "title", "start", "end", "duration", "timezone", "status", "venue", "online",
         "speakers", "talks", "rsvp", "tags", "image", "summary", "extra", "description")


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a `|` block, as people write descriptions."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def yaml_text(value: Any) -> str:
    """Return `value` as YAML the way ugsite's own files are written (keys in order, blocks for long text)."""
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def event_text(fields: dict[str, Any]) -> str:
    """Return an event file's YAML, its fields in the usual order."""
    ordered = {k: fields[k] for k in ORDER if k in fields and fields[k] not in (None, "", [], {})}
    ordered.update({k: v for k, v in fields.items() if k not in ordered and k not in ORDER})
    return yaml_text(ordered)


def moment_text(moment: datetime | date) -> str:
    """Return `2026-05-14 18:30` (seconds only when there are some), or `2026-05-14` for a day."""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    return f"{moment:%Y-%m-%d %H:%M}" + (f":{moment:%S}" if moment.second else "")


def duration_text(length: timedelta) -> str:
    """Return a length as ugsite writes it: `90m`, `2h`, `2h30m`, `1d2h`."""
    minutes = int(length.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    text = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text or "0m"


def event_name(start: datetime | date, title: str, taken: set[str], style: SlugStyle = PLAIN) -> str:
    """Return a new event file's name, `events/2026-05-14-title.yaml`, not one in `taken`, slugged as the site says."""
    day = start.date() if isinstance(start, datetime) else start
    base = f"{day.isoformat()}-{slugify(title, style)[:50].strip('-') or 'event'}"
    name, number = f"events/{base}.yaml", 2
    while name in taken:
        name, number = f"events/{base}-{number}.yaml", number + 1
    taken.add(name)
    return name


@dataclass
class SiteFacts:
    """What an existing site has that an import of events must match: its zone, venues, series, event UIDs."""

    zone: ZoneInfo | None = None
    venues: dict[str, Any] = field(default_factory=dict)
    series: dict[str, Any] = field(default_factory=dict)
    uids: dict[str, str] = field(default_factory=dict)  # uid -> event file
    files: set[str] = field(default_factory=set)
    host: str = "example.org"  # of the site's address: UIDs of events that come without one
    slugs: SlugStyle = PLAIN  # how the site names files: new event files are named as `ugsite new event` would


def site_facts(site: Path, zone: ZoneInfo | None, base_url: str | None = None, slugs: SlugStyle = PLAIN) -> SiteFacts:
    """Read what `site` has already (nothing when it does not exist yet)."""
    facts = SiteFacts(zone, host=urlsplit(base_url or "").hostname or "example.org", slugs=slugs)
    if not site.is_dir():
        return facts
    data, _ = read_data_files(site)
    for name in ("venues", "series"):
        if isinstance(data.get(name), dict):
            setattr(facts, name, dict(data[name]))
    events, _ = scan_events(site)
    for event in events:
        facts.files.add(event.path)
        uid = event.meta.get("uid")
        if isinstance(uid, str):
            facts.uids[uid] = event.path
    return facts


def place_event(fields: dict[str, Any], start: datetime | date, where: str, out: Imported, facts: SiteFacts,
                taken: set[str], note: str = "") -> str:
    """Add an event file to `out`: the site's file with the same UID, else a new `events/DATE-TITLE.yaml`."""
    uid = fields.get("uid")
    target = facts.uids.get(uid) if isinstance(uid, str) and uid else None
    if target is None:
        target = event_name(start, str(fields.get("title") or "event"), taken, facts.slugs)
    if not uid:  # written out, as `ugsite new event` does, so that the identity never depends on the address
        fields = {"uid": f"{PurePosixPath(target).stem}@{facts.host}", **fields}
    out.files[target] = event_text(fields)
    out.origins[target] = where
    out.notes.append(Note(where, f"became {target}" + (f" ({note})" if note else "")))
    return target
