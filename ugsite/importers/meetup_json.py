"""Convert Meetup's event JSON into ugsite events: the v3 REST shape that many sites cached, and GraphQL exports.

Each event keeps the UID Meetup's own calendar feed gives it (`event_ID@meetup.com`), so a calendar
that subscribed to Meetup recognises the site's events as the same ones.
"""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from ugsite.importers.event_files import SiteFacts, place_event
from ugsite.importers.event_records import Records, record_fields
from ugsite.importers.fields import Imported
from ugsite.importers.places import Venues
from ugsite.importers.report import Note

_LEFT_OUT = ("group", "created", "updated", "visibility", "member_pay_fee", "waitlist_count", "rsvp_limit",
             "how_to_find_us", "is_online_event", "local_date", "local_time", "utc_offset", "date_in_series_pattern",
             "guest_limit", "rsvp_open_offset", "rsvp_close_offset", "pro_is_email_shared", "series", "fee",
             "__typename", "isOnline", "eventType", "going", "rsvps", "group", "timezone", "rsvpSettings")


def _events(value: Any) -> list[dict[str, Any]] | None:
    """Return Meetup's events in `value` (a v3 list or {"results"|"events": [...]}, or GraphQL edges), else None."""
    if isinstance(value, dict):
        for key in ("results", "events"):
            if isinstance(value.get(key), list):
                return _events(value[key])
        nodes = list(_graphql_nodes(value))
        return nodes or None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        if all(("time" in v and "name" in v) or ("dateTime" in v and "title" in v) for v in value):
            return value
    return None


def _graphql_nodes(value: Any) -> Any:
    if isinstance(value, dict):
        if "dateTime" in value and "title" in value and "id" in value:
            yield value
            return
        for item in value.values():
            yield from _graphql_nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _graphql_nodes(item)


def is_meetup_json(data: bytes) -> bool:
    """Say whether `data` is Meetup's event JSON."""
    if not data.lstrip()[:1] in (b"[", b"{"):
        return False
    try:
        return _events(json.loads(data)) is not None
    except (ValueError, RecursionError):
        return False


def import_meetup_json(data: bytes, name: str, today: str, facts: SiteFacts) -> Imported:
    """Read Meetup's event JSON; return event files and venues, with a note for each event."""
    out = Imported()
    try:
        parsed = json.loads(data)
        events = _events(parsed) or []
    except (ValueError, RecursionError) as exc:
        out.notes.append(Note(name, f"this is not JSON that can be read ({exc})", "needs a person"))
        return out
    zone = facts.zone
    if zone is None:
        group = _group(parsed, events)
        zone = _zone(group.get("timezone"))
        if zone is None:
            zone = ZoneInfo("UTC")
            out.notes.append(Note(name, "Meetup's data names no time zone; the site uses UTC (change timezone in "
                                  "ugsite.yaml)", "needs a person"))
        out.settings["timezone"] = zone.key
        if isinstance(group.get("name"), str):
            out.settings["title"] = group["name"]
    records = Records(zone, Venues(facts.venues), day_first=False)
    taken = set(facts.files)
    left_out: set[str] = set()
    for event in events:
        record = _record(event, left_out)
        where = f"{name}: {str(record.get('title', ''))!r}"
        converted = record_fields(record, where, records)
        if converted is not None:
            place_event(converted[0], converted[1], where, out, facts, taken)
    out.notes.extend(records.notes)
    if records.venues.added:
        out.data_entries["venues"] = records.venues.added
    if left_out:
        out.notes.append(Note(name, f"left out: {', '.join(sorted(left_out))} (Meetup's own settings and counts)",
                              "skipped"))
    return out


def _group(parsed: Any, events: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the group the events belong to: the GraphQL query's group, or the `group` of a v3 event."""
    if isinstance(parsed, dict) and isinstance(parsed.get("data"), dict):
        for value in parsed["data"].values():
            if isinstance(value, dict) and ("timezone" in value or "name" in value):
                return value
    return next((e["group"] for e in events if isinstance(e.get("group"), dict)), {})


def _zone(value: Any) -> ZoneInfo | None:
    try:
        return ZoneInfo(value) if isinstance(value, str) and value else None
    except (ValueError, OSError, KeyError):
        return None


def _record(event: dict[str, Any], left_out: set[str]) -> dict[str, Any]:
    """Return a Meetup event with ugsite's names for what it means."""
    record: dict[str, Any] = {}
    if "dateTime" in event:  # GraphQL
        record.update(title=event.get("title"), start=event.get("dateTime"), end=event.get("endTime"),
                      duration=event.get("duration"), rsvp=event.get("eventUrl"),
                      description=event.get("description"), status=str(event.get("status", "")).lower(),
                      image=event.get("imageUrl") or _photo(event.get("featuredEventPhotos")))
        venue = event.get("venue")
        online = event.get("isOnline") or str(event.get("eventType", "")).upper() == "ONLINE"
    else:  # v3 REST
        record.update(title=event.get("name"), start=event.get("time"), duration=event.get("duration"),
                      rsvp=event.get("link") or event.get("event_url"), description=event.get("description"),
                      status=event.get("status"), image=event.get("featured_photo"))
        venue = event.get("venue")
        online = event.get("is_online_event")
    if isinstance(venue, dict) and venue.get("name") and str(venue.get("name")).lower() != "online event":
        record["venue"] = venue
    if online and record.get("rsvp"):
        record["online"] = record["rsvp"]
    if event.get("id") is not None:
        record["uid"] = f"event_{event['id']}@meetup.com"
    known = {"id", "name", "title", "time", "dateTime", "endTime", "duration", "link", "event_url", "eventUrl",
             "description", "status", "featured_photo", "imageUrl", "featuredEventPhotos", "venue"}
    for key, value in event.items():
        if key in known:
            continue
        if key in _LEFT_OUT:
            left_out.add(key)
        elif value not in (None, "", [], {}):
            record[key] = value
    return {k: v for k, v in record.items() if v not in (None, "", [], {})}


def _photo(value: Any) -> str | None:
    photos = value if isinstance(value, list) else [value]
    for photo in photos:
        if isinstance(photo, dict):
            link = photo.get("highResUrl") or photo.get("baseUrl") or photo.get("source")
            if isinstance(link, str):
                return link
    return None
