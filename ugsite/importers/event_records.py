"""Turn an event as other sites' data files write it (a mapping of whatever names) into ugsite's event fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ugsite.content.dates import DateError, parse_duration
from ugsite.importers.event_dates import When, looks_like_moment, read_when
from ugsite.importers.event_files import moment_text
from ugsite.importers.event_talks import SPEAKER_NAMES, TALK_NAMES, talk_list
from ugsite.importers.fields import plain
from ugsite.importers.event_text import cancelled_title, html_to_markdown, looks_like_html
from ugsite.importers.places import Venues, is_online_address, says_online, split_location
from ugsite.importers.report import Note

# What real sites call each field, in the order they are tried.
NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "Title", "tagline", "summary", "topic", "event", "talk"),
    "start": ("start", "date", "startdate", "start_date", "dateIso", "datetime", "date_time", "when", "begin",
              "starts_at", "start_at", "started_at", "start_datetime", "event_date"),
    "time": ("time", "start_time", "starttime", "hour"),
    "end": ("end", "enddate", "end_date", "end_time", "endtime", "until", "ends_at", "end_at", "ended_at",
            "end_datetime"),
    "duration": ("duration", "length"),
    "place": ("venue", "location", "place", "address", "where"),
    "address": ("address", "location_address", "venue_address", "street", "address_1"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "lng", "longitude"),
    "people": ("speakers", "speaker", "presenters", "presenter", "presenter_name", "host", "hosts", "author"),
    "link": ("rsvp", "link", "url", "meetup_url", "meetup", "registration_link", "registration", "signup",
             "sign_up", "tickets", "event_link", "event_url"),
    "online": ("online", "stream", "livestream", "zoom", "video_link"),
    "status": ("status", "cancel", "cancelled", "canceled"),
    "description": ("description", "content", "body", "details", "abstract", "text", "excerpt", "synopsis"),
    "tags": ("tags", "categories", "category", "topics"),
    "image": ("image", "img", "cover", "banner", "poster", "thumbnail", "featured_photo", "photo"),
    "uid": ("uid",),
    "timezone": ("timezone", "tz", "time_zone"),
}
_AGENDAS = ("agenda", "program", "programme", "schedule", "sessions")
_KEPT = ("sponsors", "summary")  # a source's `series` is not ugsite's: it stays under extra


@dataclass
class Records:
    """What converting a file's events needs and gives: the site's zone and venues, notes."""

    zone: ZoneInfo
    venues: Venues
    day_first: bool
    mapping: dict[str, str] = field(default_factory=dict)  # ugsite field -> the source's name, from --map
    notes: list[Note] = field(default_factory=list)


def _pick(record: dict[str, Any], role: str, records: Records, used: set[str]) -> tuple[str, Any] | None:
    names = (records.mapping[role],) if role in records.mapping else NAMES[role]
    lowered = {str(k).lower(): k for k in record}
    for name in names:
        key = name if name in record else lowered.get(name.lower())
        if key is not None and str(key) not in used and record.get(key) not in (None, "", [], {}):
            return str(key), record[key]
    return None


def record_fields(record: dict[str, Any], where: str, records: Records,
                  name_date: str | None = None) -> tuple[dict[str, Any], datetime | date] | None:
    """Return ugsite event fields and the start for one record, or None (noted) when it has no usable start."""
    used: set[str] = set()

    def take(role: str) -> Any:
        found = _pick(record, role, records, used)
        if found is None:
            return None
        used.add(found[0])
        return found[1]

    fields: dict[str, Any] = {}
    title = take("title")
    fields["title"], cancelled = cancelled_title(" ".join(str(title).split())) if title else ("", False)
    zone_name = take("timezone")
    zone = _zone(zone_name, records)
    if zone != records.zone:
        fields["timezone"] = zone.key
    start, clock = take("start") or name_date, take("time")
    if start is None and looks_like_moment(clock):  # `time: 2014-02-20 19:00:00 +0100`, Facebook's start_time
        start, clock = clock, None
    when = _start(start, clock, zone, records, where)
    if when is None:
        return None
    if isinstance(when.start, datetime):  # a moment written with its offset, shown in the event's zone
        when = When(when.start.astimezone(zone), when.end.astimezone(zone) if when.end else None)
    fields["start"] = moment_text(when.start)
    end = _end(take("end"), take("duration"), when, zone, records)
    if end:
        fields["end"] = end
    _status(take("status"), cancelled, fields, where, records)
    place = take("place")
    where_exactly = (take("address"), take("lat"), take("lon")) if isinstance(place, str) else (None, None, None)
    _place_and_links(place, take("link"), take("online"), fields, records, where_exactly)
    people = take("people")
    if isinstance(people, str) and says_online(people):  # `host: online`: where, not who
        if "online" not in fields and "rsvp" in fields:
            fields["online"] = fields["rsvp"]
        people = None
    if _people(people):
        fields["speakers"] = _people(people)
    _rest(fields, take("tags"), take("image"), take("description"), take("uid"))
    if not fields["title"]:
        fields["title"] = "Meeting"
        records.notes.append(Note(where, "it has no title; it is called Meeting", "needs a person"))
    _talks(record, used, fields, where, records)
    for key in _KEPT:
        if key in record and key not in used:
            fields[key] = plain(record[key])
            used.add(key)
    extra = {str(k): v for k, v in record.items() if str(k) not in used and v not in (None, "", [], {})}
    if extra:
        fields["extra"] = plain(extra)
        records.notes.append(Note(where, f"kept under extra: {', '.join(sorted(extra))}", "moved"))
    return fields, when.start


def _talks(record: dict[str, Any], used: set[str], fields: dict[str, Any], where: str, records: Records) -> None:
    """Add the record's talks as ugsite's talks; say what of them could not be kept."""
    key = next((k for k in record if str(k).lower() == "talks" and str(k) not in used), None)
    if key is None or record[key] in (None, "", []):
        _agenda_talks(record, used, fields, where, records)
        return
    used.add(str(key))
    talks, lost = talk_list(plain(record[key]))
    if talks:
        fields["talks"] = talks
    if lost:
        records.notes.append(Note(where, f"left out of its talks: {'; '.join(lost)}", "skipped"))


def _agenda_talks(record: dict[str, Any], used: set[str], fields: dict[str, Any], where: str, records: Records) -> None:
    """Make talks of the items of an agenda that have a speaker; the agenda itself stays, under extra."""
    key = next((k for k in record if str(k).lower() in _AGENDAS and str(k) not in used), None)
    items = record[key] if key is not None else None
    if not isinstance(items, list):
        return
    spoken = [item for item in items if isinstance(item, dict)
              and any(str(k).lower() in SPEAKER_NAMES and item[k] not in (None, "", []) for k in item)]
    talks, _ = talk_list(plain([{k: v for k, v in item.items() if str(k).lower() in TALK_NAMES} for item in spoken]))
    if talks:
        fields["talks"] = talks
        records.notes.append(Note(where, f"its talks came from the {len(talks)} items of its {key} that name a "
                                  f"speaker; the {key} itself is kept under extra"))


def _zone(value: Any, records: Records) -> ZoneInfo:
    if isinstance(value, str) and value.strip():
        try:
            return ZoneInfo(value.strip())
        except (ValueError, OSError, KeyError):
            pass
    return records.zone


def _start(value: Any, clock: Any, zone: ZoneInfo, records: Records, where: str) -> When | None:
    if value is None:
        records.notes.append(Note(where, "it has no date (start, date, ...) and was left out; --map start=NAME "
                                  "says which field holds it", "needs a person"))
        return None
    when = read_when(value, clock, zone, records.day_first)
    if isinstance(when, str):
        records.notes.append(Note(where, f"its date cannot be read: {when}; it was left out", "needs a person"))
        return None
    return when


def _end(value: Any, length: Any, when: When, zone: ZoneInfo, records: Records) -> str | None:
    if when.end is not None:
        return moment_text(when.end)
    if value not in (None, ""):
        clock_only = isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*", value, re.I)
        day = when.start.date() if isinstance(when.start, datetime) else when.start
        end = read_when(day.isoformat() if clock_only else value, value if clock_only else None, zone,
                        records.day_first)
        if isinstance(end, When) and isinstance(end.start, datetime) and isinstance(when.start, datetime) \
                and end.start > when.start:
            return moment_text(end.start.astimezone(zone))
        if isinstance(end, When) and type(end.start) is date and type(when.start) is date and end.start > when.start:
            return moment_text(end.start)
    if isinstance(length, (int, float)) and not isinstance(length, bool) and length > 0:  # milliseconds (Meetup)
        seconds = length / 1000 if length > 86400 else length * 60
        if isinstance(when.start, datetime):
            return moment_text(when.start + timedelta(seconds=seconds))
    if isinstance(length, str):
        parsed = parse_duration(length.strip().replace(" ", ""))
        if not isinstance(parsed, DateError) and isinstance(when.start, datetime):
            return moment_text(when.start + parsed)
    return None


def _status(value: Any, cancelled: bool, fields: dict[str, Any], where: str, records: Records) -> None:
    text = str(value).strip().lower() if value is not None else ""
    if cancelled or value is True or text in ("cancelled", "canceled", "cancel", "yes", "true", "abgesagt"):
        fields["status"] = "cancelled"
    elif text in ("postponed", "rescheduled", "moved-online"):
        fields["status"] = text
    elif text and text not in ("upcoming", "past", "active", "published", "scheduled", "confirmed", "no", "false"):
        records.notes.append(Note(where, f"its status {value!r} is not one ugsite knows; it is taken as scheduled",
                                  "needs a person"))


def _place_and_links(place: Any, link: Any, online: Any, fields: dict[str, Any], records: Records,
                     exactly: tuple[Any, Any, Any]) -> None:
    if isinstance(online, str) and online.startswith(("http://", "https://")):
        fields["online"] = online
    if isinstance(link, str) and link.strip():
        if is_online_address(link) and "online" not in fields:
            fields["online"] = link.strip()
        else:
            fields["rsvp"] = link.strip()
    if isinstance(place, dict):
        name = str(place.get("name") or place.get("title") or "").strip()
        address = str(place.get("address") or place.get("address_1") or place.get("street") or "").strip()
        city = str(place.get("city") or place.get("town") or "").strip()
        lat = place.get("lat") or place.get("latitude")
        lon = place.get("lon") or place.get("lng") or place.get("longitude")
        if name:
            fields["venue"] = records.venues.key_for(name, address, city, _number(lat), _number(lon))
    elif isinstance(place, str) and place.strip():
        text = place.strip()
        address, lat, lon = exactly
        if text in records.venues.existing:
            fields["venue"] = text
        elif isinstance(address, str) and address.strip() and address.strip() != text:  # connpass, sacjs
            fields["venue"] = records.venues.key_for(text, " ".join(address.split()), lat=_number(lat),
                                                     lon=_number(lon))
        elif text.startswith(("http://", "https://")):
            fields.setdefault("online", text)
        elif says_online(text):
            if "online" not in fields and "rsvp" in fields:
                fields["online"] = fields["rsvp"]
        else:
            parts = split_location(text)
            if parts:
                fields["venue"] = records.venues.key_for(*parts, lat=_number(lat), lon=_number(lon))


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "", 0) else None
    except (TypeError, ValueError):
        return None


def _people(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [{"name": n.strip()} for n in re.split(r"\s*(?:,|;| & | and | und | et | y )\s*", value) if n.strip()]
    if isinstance(value, dict):
        value = [value]
    people: list[Any] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and (item.get("name") or item.get("title")):
            person = {"name": str(item.get("name") or item.get("title"))}
            person.update({k: str(item[k]) for k in ("url", "bio", "avatar") if isinstance(item.get(k), str)})
            people.append(person)
        elif isinstance(item, str) and item.strip():
            people.append({"name": item.strip()})
    return people


def _rest(fields: dict[str, Any], tags: Any, image: Any, description: Any, uid: Any) -> None:
    if isinstance(tags, str):
        tags = [t for t in re.split(r"\s*,\s*", tags) if t]
    if isinstance(tags, list) and tags:
        fields["tags"] = [str(t) for t in tags]
    if isinstance(image, dict):
        image = image.get("highres_link") or image.get("photo_link") or image.get("url") or image.get("baseUrl")
    if isinstance(image, str) and image.strip():
        fields["image"] = image.strip()
    if isinstance(description, str) and description.strip():  # Markdown already, or HTML
        fields["description"] = html_to_markdown(description) if looks_like_html(description) else description.strip()
    if uid not in (None, ""):
        fields["uid"] = str(uid)

