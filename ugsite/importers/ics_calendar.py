"""Convert an iCalendar feed (Meetup, Google, Nextcloud, Luma, ...) into ugsite event files, series and venues.

Reading is icalendar's (with x-wr-timezone for Google's X-WR-TIMEZONE calendars); occurrences that
ugsite's series cannot hold are expanded by recurring-ical-events.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import icalendar
import recurring_ical_events
import x_wr_timezone
from icalendar.timezone import tzid_from_dt, tzids_from_tzinfo
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ugsite.importers.event_files import SiteFacts, duration_text, event_text, moment_text, place_event
from ugsite.importers.event_text import cancelled_title, description_markdown
from ugsite.importers.fields import Imported
from ugsite.importers.places import Venues, is_online_address, says_online, split_location
from ugsite.importers.report import Note
from ugsite.content.slugs import slugify

_SIMPLE_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_LEFT_OUT = {"DTSTAMP": "when the file was made", "CREATED": "when the event was made",
             "LAST-MODIFIED": "ugsite dates changes from git", "SEQUENCE": "ugsite counts changes from git",
             "CLASS": "every event of a public site is public", "TRANSP": "calendar apps decide",
             "PRIORITY": "calendar apps decide", "ATTENDEE": "a guest list is not published",
             "X-MICROSOFT-CDO-BUSYSTATUS": "calendar apps decide", "X-MOZ-GENERATION": "Thunderbird's own"}
_READ = {"UID", "SUMMARY", "DTSTART", "DTEND", "DURATION", "STATUS", "URL", "LOCATION", "GEO", "DESCRIPTION",
         "CATEGORIES", "ATTACH", "IMAGE", "ORGANIZER", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID", "X-ALT-DESC",
         "CONFERENCE", "X-GOOGLE-CONFERENCE"}
_ZONES_BY_CASE = {name.casefold(): name for name in available_timezones()}
_EXPAND_YEARS = 2  # how far ahead an open-ended rule ugsite's series cannot hold is written out
# What Google Calendar appends to a description with a Meet link, and the first line Luma puts in every one.
_GOOGLE_MEET = re.compile(r"\n*-::~[:~]+::-\n.*?\n-::~[:~]+::-", re.S)
_LUMA_LINK = re.compile(r"^Get up-to-date information at: \S+\n*")


def is_ics(data: bytes) -> bool:
    """Say whether `data` is an iCalendar file."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR"


@dataclass
class _Context:
    name: str  # the source, for notes
    zone: ZoneInfo  # the site's
    venues: Venues
    facts: SiteFacts
    out: Imported
    meetup: bool


def import_ics(data: bytes, name: str, today: str, facts: SiteFacts) -> Imported:
    """Read the calendar `data`; return event files, series and venues, with a note for each event."""
    out = Imported()
    try:
        calendar = x_wr_timezone.to_standard(icalendar.Calendar.from_ical(data))
    except (ValueError, IndexError, KeyError) as exc:
        out.notes.append(Note(name, f"this is not a calendar that can be read ({exc})", "needs a person"))
        return out
    zone = facts.zone or _calendar_zone(calendar, name, out)
    _settings(calendar, zone, out, name)
    meetup = "meetup" in str(calendar.get("PRODID", "")).lower()
    context = _Context(name, zone, Venues(facts.venues), facts, out, meetup)
    for event in calendar.walk("VEVENT"):
        _mend(event, context)
    masters: dict[str, icalendar.Event] = {}
    instances: dict[str, list[icalendar.Event]] = defaultdict(list)
    singles: list[icalendar.Event] = []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "")).strip()
        if "RECURRENCE-ID" in event:
            instances[uid].append(event)
        elif "RRULE" in event or "RDATE" in event:
            masters[uid] = event
        else:
            singles.append(event)
    if not (singles or masters or instances):
        out.notes.append(Note(name, "the calendar holds no events", "needs a person"))
    taken = set(facts.files)
    for event in singles:
        _single(event, context, taken)
    for uid, master in masters.items():
        _recurring(master, instances.pop(uid, []), calendar, context, taken, today)
    for uid, orphans in instances.items():
        for event in orphans:  # instances whose rule is not in the feed: meetings of their own, each its own UID
            day = _local_day(event.decoded("RECURRENCE-ID"), zone)
            _single(event, context, taken, note="a changed meeting of a series that is not in the calendar",
                    uid_suffix=f"-{day:%Y%m%d}" if len(orphans) > 1 else "")
    if context.venues.added:
        out.data_entries["venues"] = context.venues.added
    if context.venues.used:
        used = ", ".join(sorted(context.venues.used))
        out.notes.append(Note(name, f"its places are venues in data/venues.yaml: {used}"))
    _left_out(calendar, name, out)
    return out


def _mend(event: icalendar.Event, context: _Context) -> None:
    """Mend what producers write wrong (Exchange's `BYDAY=MO, TU`); leave out, with a note, what cannot be read."""
    where = f"{context.name}: {' '.join(str(event.get('SUMMARY', '')).split()) or '(no title)'!r}"
    for key, value in list(event.items()):
        values = value if isinstance(value, list) else [value]
        broken = [v for v in values if isinstance(v, icalendar.vBroken)]
        if not broken:
            continue
        if key == "RRULE" and len(values) == 1:
            try:
                event[key] = icalendar.vRecur.from_ical(re.sub(r"\s+", "", str(broken[0])))
                continue
            except ValueError:
                pass
        kept = [v for v in values if not isinstance(v, icalendar.vBroken)]
        del event[key]
        if kept:
            event[key] = kept if len(kept) > 1 else kept[0]
        why = "; ".join(f"{str(v)!r} ({v.parse_error})" for v in broken)
        important = key in ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
        context.out.notes.append(Note(where, f"its {key} cannot be read: {why}; it was left out",
                                      "needs a person" if important else "skipped"))


def _calendar_zone(calendar: icalendar.Calendar, name: str, out: Imported) -> ZoneInfo:
    """Return the zone the calendar says it is in (X-WR-TIMEZONE, else its first VTIMEZONE), else UTC."""
    for value in [calendar.get("X-WR-TIMEZONE"), *(tz.get("TZID") for tz in calendar.walk("VTIMEZONE"))]:
        zone = _iana(str(value)) if value else None
        if zone is not None:
            out.settings["timezone"] = zone.key
            return zone
    used = Counter(str(e["DTSTART"].params.get("TZID")) for e in calendar.walk("VEVENT")
                   if "DTSTART" in e and e["DTSTART"].params.get("TZID"))
    zone = next((z for z in (_iana(tzid) for tzid, _ in used.most_common()) if z is not None), None)
    if zone is not None:
        out.settings["timezone"] = zone.key
        out.notes.append(Note(name, f"the site's time zone is {zone.key}, the one most of its events name"))
        return zone
    if not any(isinstance(e.decoded("DTSTART", None), datetime) for e in calendar.walk("VEVENT")):
        out.notes.append(Note(name, "the calendar names no time zone and its events last whole days, so the site's "
                              "zone is UTC (timezone in ugsite.yaml can name the group's)"))
        return ZoneInfo("UTC")
    out.notes.append(Note(name, "the calendar names no time zone, so the site's is UTC and so are the times: "
                          "import again into a new folder with --timezone and the group's zone (Europe/Paris)",
                          "needs a person"))
    return ZoneInfo("UTC")


def _settings(calendar: icalendar.Calendar, zone: ZoneInfo, out: Imported, name: str) -> None:
    title = str(calendar.get("X-WR-CALNAME", "")).strip()
    title = re.sub(r"^(events|veranstaltungen|événements)\s*[-–:]\s*", "", title, flags=re.I)
    if title:
        out.settings["title"] = title
    description = str(calendar.get("X-WR-CALDESC", "")).strip()
    if description:
        out.settings["description"] = " ".join(description.split())
    out.settings.setdefault("timezone", zone.key)


def _iana(tzid: str) -> ZoneInfo | None:
    """Return the IANA zone of a TZID: an IANA name, a Windows name, or a name with a known zone inside."""
    tzid = tzid.strip().strip('"')
    tzid = _ZONES_BY_CASE.get(tzid.casefold(), tzid)  # `Europe/lisbon`, as some Google calendars name it
    for candidate in (tzid, WINDOWS_TO_OLSON.get(tzid, ""), tzid.rsplit("/", 2)[-2] + "/" + tzid.rsplit("/", 1)[-1]
                      if tzid.count("/") >= 2 else ""):
        if candidate and re.fullmatch(r"[A-Za-z0-9_+\-/]+", candidate):
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return None


def _zone_of(moment: datetime, context: _Context, where: str) -> tuple[datetime, ZoneInfo]:
    """Return the moment in its IANA zone (the site's for floating and UTC times), and that zone."""
    info: tzinfo | None = moment.tzinfo
    if info is None:
        context.out.notes.append(Note(where, f"its time has no zone; it is taken in the site's, {context.zone.key}"))
        return moment.replace(tzinfo=context.zone), context.zone
    zone = info if isinstance(info, ZoneInfo) else _iana(tzid_from_dt(moment) or "")
    if zone is None:
        zone = next((z for z in map(_iana, tzids_from_tzinfo(info)) if z is not None), None)
    if zone is None:
        context.out.notes.append(Note(where, f"its time zone {tzid_from_dt(moment)!r} is not one ugsite knows; the "
                                      f"time is given in {context.zone.key}", "needs a person"))
        zone = context.zone
    if zone.key in ("UTC", "Etc/UTC", "GMT", "Etc/GMT"):
        zone = context.zone
    return moment.astimezone(zone), zone


def _times(event: icalendar.Event, context: _Context, where: str) -> dict[str, Any] | None:
    """Return start, end and timezone fields, or None (with a note) when the event has no usable start."""
    start = event.decoded("DTSTART", None)
    if not isinstance(start, (date, datetime)):
        context.out.notes.append(Note(where, "it has no start (DTSTART) and was left out", "needs a person"))
        return None
    end = event.decoded("DTEND", None)
    if end is None and "DURATION" in event:
        length = event.decoded("DURATION")
        end = start + length if isinstance(length, timedelta) else None
    if not isinstance(start, datetime):  # all day: DTEND is the day after the last
        fields: dict[str, Any] = {"start": start.isoformat()}
        last = (end.date() if isinstance(end, datetime) else end) - timedelta(days=1) if end else start
        if isinstance(last, date) and last > start:
            fields["end"] = last.isoformat()
        return fields
    local, zone = _zone_of(start, context, where)
    fields = {"start": moment_text(local)}
    if isinstance(end, datetime) and end > start:
        fields["end"] = moment_text((end if end.tzinfo else end.replace(tzinfo=zone)).astimezone(zone))
    if zone != context.zone:
        fields["timezone"] = zone.key
    return fields


def _fields(event: icalendar.Event, context: _Context, where: str) -> dict[str, Any]:
    """Return every field of an event but its times and identity."""
    fields: dict[str, Any] = {}
    title, cancelled = cancelled_title(" ".join(str(event.get("SUMMARY", "")).split()))
    fields["title"] = title or "Meeting"
    if not title:
        context.out.notes.append(Note(where, "it has no title (SUMMARY); it is called Meeting", "needs a person"))
    status = str(event.get("STATUS", "")).upper()
    if status == "TENTATIVE":
        context.out.notes.append(Note(where, "it was tentative; ugsite shows it as planned (status: postponed or "
                                      "cancelled say more, when that is what it means)", "needs a person"))
    if status == "CANCELLED" or cancelled:
        fields["status"] = "cancelled"
        if cancelled and status != "CANCELLED":
            context.out.notes.append(Note(where, "its title said it was cancelled: the word is removed and the "
                                          "event is marked cancelled"))
    url = str(event.get("URL", "")).strip()
    if url and not re.match(r"(?i)https?://", url):  # Discourse writes its own path, `/c/group/calendar`
        context.out.notes.append(Note(where, f"its URL {url!r} is not a full web address; it was left out", "skipped"))
        url = ""
    online = _online(event, url)
    location = " ".join(str(event.get("LOCATION", "")).split())
    if not online and location.lower().startswith(("http://", "https://")):
        online = location
    if not online and (says_online(location) or not location):
        online = _online_link(event)
    if not online and url and says_online(location):  # the join link is on the event's page (Meetup, Luma)
        online = url
        context.out.notes.append(Note(where, "an online meeting: its page is where to join"))
    if online:
        fields["online"] = online
    if url and (url != online or says_online(location)):
        fields["rsvp"] = url
    venue = _venue(event, location, context)
    if venue:
        fields["venue"] = venue
    elif location and not online and not says_online(location) and split_location(location) is None:
        context.out.notes.append(Note(where, f"its place {location!r} says nothing to find it by; it was left out"))
    tags = [str(t).strip() for t in _categories(event) if str(t).strip()]
    if tags:
        fields["tags"] = list(dict.fromkeys(tags))
    image = _image(event)
    if image:
        fields["image"] = image
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        fields["extra"] = {"organizer": str(organizer.params.get("CN") or str(organizer).removeprefix("mailto:"))}
    description = _description(event, url, context.meetup)
    if description:
        fields["description"] = description
    return fields


def _online(event: icalendar.Event, url: str) -> str:
    for key in ("CONFERENCE", "X-GOOGLE-CONFERENCE"):
        values = event.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            if str(value).startswith(("http://", "https://")):
                return str(value)
    return url if url and is_online_address(url) else ""


def _online_link(event: icalendar.Event) -> str:
    """Return the first link to an online meeting in the description (Teams and Zoom invitations put it there)."""
    text = str(event.get("X-ALT-DESC", "")) + " " + str(event.get("DESCRIPTION", ""))
    return next((u for u in re.findall(r"https?://[^\s\"'<>)\]]+", text) if is_online_address(u)), "")


def _venue(event: icalendar.Event, location: str, context: _Context) -> str | None:
    place = split_location(location)
    if place is None or says_online(location):
        return None
    geo = event.get("GEO")
    lat, lon = (float(geo.latitude), float(geo.longitude)) if geo is not None else (None, None)
    return context.venues.key_for(place[0], place[1], lat=lat, lon=lon)


def _categories(event: icalendar.Event) -> list[str]:
    value = event.get("CATEGORIES")
    found: list[str] = []
    for item in value if isinstance(value, list) else [value] if value is not None else []:
        found += [str(c) for c in getattr(item, "cats", [item])]
    return found


def _image(event: icalendar.Event) -> str:
    for key in ("IMAGE", "ATTACH"):
        values = event.get(key)
        for value in values if isinstance(values, list) else [values] if values is not None else []:
            kind = str(getattr(value, "params", {}).get("FMTTYPE", ""))
            text = str(value)
            if text.startswith(("http://", "https://")) and (
                    key == "IMAGE" or kind.startswith("image/")
                    or re.search(r"\.(png|jpe?g|gif|webp|avif)(\?|$)", text, re.I)):
                return text
    return ""


def _description(event: icalendar.Event, url: str, meetup: bool) -> str:
    html = event.get("X-ALT-DESC")
    if html is not None and "html" in str(html.params.get("FMTTYPE", "")).lower():
        return description_markdown(str(html))
    text = str(event.get("DESCRIPTION", "")).replace("\r\n", "\n").strip()
    text = _GOOGLE_MEET.sub("", text).strip()
    text = _LUMA_LINK.sub("", text)
    text = _luma_address(text, str(event.get("LOCATION", "")))
    if meetup:
        text = _without_meetup_frame(text, url)
    return description_markdown(text) if text else ""


def _luma_address(text: str, location: str) -> str:
    """Remove Luma's `Address:` paragraph when it only repeats the event's place."""
    match = re.match(r"Address:\n(.+?)(\n\n|$)", text, re.S)
    if match and " ".join(match.group(1).split()) == " ".join(location.split()):
        return text[match.end():].strip()
    return text


def _without_meetup_frame(text: str, url: str) -> str:
    """Remove what Meetup wraps every description in: the group's name and the date above, the link below."""
    lines = text.split("\n")
    if len(lines) > 2 and re.match(r"^\w+, \w+ \d{1,2}( at |, )", lines[1]):
        lines = lines[2:]
    while lines and (not lines[-1].strip() or (url and lines[-1].strip().rstrip("/") == url.rstrip("/"))):
        lines.pop()
    return "\n".join(lines).strip()


def _uid(event: icalendar.Event, where: str, context: _Context) -> str:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        context.out.notes.append(Note(where, "it has no UID: it gets one made from its file name"))
    return uid


def _single(event: icalendar.Event, context: _Context, taken: set[str], note: str = "",
            uid_suffix: str = "") -> None:
    """Write one event as `events/DATE-TITLE.yaml`, or find the site's file with its UID."""
    summary = " ".join(str(event.get("SUMMARY", "")).split()) or "(no title)"
    where = f"{context.name}: {summary!r}"
    times = _times(event, context, where)
    if times is None:
        return
    uid = _uid(event, where, context) + uid_suffix
    fields = {"uid": uid, **_fields(event, context, where), **times}
    place_event(fields, event.decoded("DTSTART"), where, context.out, context.facts, taken, note)


def _recurring(master: icalendar.Event, changed: list[icalendar.Event], calendar: icalendar.Calendar,
               context: _Context, taken: set[str], today: str) -> None:
    """Write a repeating event as a series in data/series.yaml, its changed meetings as event files."""
    summary = " ".join(str(master.get("SUMMARY", "")).split()) or "(no title)"
    where = f"{context.name}: {summary!r}"
    why = _not_a_series(master)
    if why:
        _expand(master, calendar, context, taken, today, where, why)
        return
    times = _times(master, context, where)
    if times is None:
        return
    fields = _fields(master, context, where)
    entry = _series_entry(master, fields, times, context, where)
    key = _series_key(str(entry.get("uid", "")), str(fields["title"]), context)
    context.out.data_entries.setdefault("series", {})[key] = entry
    context.out.notes.append(Note(where, f"a repeating event ({entry['rrule']}): became the series '{key}' in "
                                  "data/series.yaml"))
    for event in sorted(changed, key=lambda e: str(e.get("RECURRENCE-ID").to_ical())):
        _changed_meeting(event, key, entry, fields, context)


def _not_a_series(master: icalendar.Event) -> str:
    """Say why ugsite's series cannot hold this rule (then its meetings are written out one by one)."""
    rules = master.get("RRULE")
    if isinstance(rules, list):
        return "it has several rules"
    if "RDATE" in master:
        return "it has extra dates (RDATE)"
    if not isinstance(master.decoded("DTSTART"), datetime):
        return "it lasts whole days"
    if rules is not None and ("RSCALE" in rules or "SKIP" in rules):
        return f"it repeats by the {str(rules.get('RSCALE', ['GREGORIAN'])[0]).lower()} calendar"
    if rules is not None and str(rules.get("FREQ", [""])[0]) not in _SIMPLE_FREQ:
        return f"it repeats {str(rules.get('FREQ', ['?'])[0]).lower()}"
    return ""


def _series_entry(master: icalendar.Event, fields: dict[str, Any], times: dict[str, Any], context: _Context,
                  where: str) -> dict[str, Any]:
    rule = master.get("RRULE")
    parts = {k: v for k, v in rule.items() if k not in ("UNTIL", "COUNT")}
    text = icalendar.vRecur(parts).to_ical().decode()  # type: ignore[no-untyped-call]
    entry: dict[str, Any] = {"uid": str(master.get("UID", "")).strip() or None, "title": fields["title"],
                             "rrule": text, "start": times["start"]}
    start = master.decoded("DTSTART")
    end = master.decoded("DTEND", None)
    length = (end - start) if isinstance(end, datetime) else master.decoded("DURATION", None)
    if isinstance(length, timedelta) and length > timedelta(0):
        entry["duration"] = duration_text(length)
    if "timezone" in times:
        entry["timezone"] = times["timezone"]
    zone = ZoneInfo(times.get("timezone", context.zone.key))
    if "UNTIL" in rule:
        until = rule["UNTIL"][0]
        entry["until"] = (until.astimezone(zone).date() if isinstance(until, datetime) and until.tzinfo else
                          until.date() if isinstance(until, datetime) else until).isoformat()
    if "COUNT" in rule:
        entry["count"] = int(rule["COUNT"][0])
    skipped = sorted({_local_day(d, zone).isoformat() for d in _exdates(master)})
    if skipped:
        entry["except"] = skipped
    for key in ("venue", "online", "tags", "description"):
        if key in fields:
            entry[key] = fields[key]
    for key in ("rsvp", "image", "extra", "status"):
        if key in fields:
            what = "organizer" if key == "extra" else key
            context.out.notes.append(Note(where, f"its {what} is not something a series has; each meeting's file "
                                          "can say it", "needs a person" if key == "status" else "skipped"))
    return {k: v for k, v in entry.items() if v is not None}


def _exdates(event: icalendar.Event) -> list[date]:
    found: list[date] = []
    values = event.get("EXDATE")
    for value in values if isinstance(values, list) else [values] if values is not None else []:
        found += [d.dt for d in value.dts]
    return found


def _local_day(moment: date, zone: ZoneInfo) -> date:
    if isinstance(moment, datetime):
        return (moment.astimezone(zone) if moment.tzinfo else moment).date()
    return moment


def _series_key(uid: str, title: str, context: _Context) -> str:
    for key, entry in context.facts.series.items():
        if uid and isinstance(entry, dict) and entry.get("uid") == uid:
            return str(key)
    base = slugify(title)[:40].strip("-") or "series"
    key, number = base, 2
    while key in context.facts.series or key in context.out.data_entries.get("series", {}):
        key, number = f"{base}-{number}", number + 1
    return key


def _changed_meeting(event: icalendar.Event, key: str, entry: dict[str, Any], series_fields: dict[str, Any],
                     context: _Context) -> None:
    """Write one changed or cancelled meeting of a series as `events/KEY-DATE.yaml`."""
    zone = ZoneInfo(entry.get("timezone", context.zone.key))
    original = _local_day(event.decoded("RECURRENCE-ID"), zone)
    where = f"{context.name}: {' '.join(str(event.get('SUMMARY', '')).split())!r} on {original}"
    times = _times(event, context, where)
    if times is None:
        return
    fields = _fields(event, context, where)
    meeting: dict[str, Any] = {"series": key, "start": times["start"]}
    if times["start"][:10] != original.isoformat():
        meeting["occurrence"] = original.isoformat()
    for name, value in {**fields, **{k: v for k, v in times.items() if k == "end"}}.items():
        if series_fields.get(name) != value and name != "timezone":
            meeting[name] = value
    target = f"events/{key}-{original.isoformat()}.yaml"
    context.out.files[target] = event_text(meeting)
    context.out.origins[target] = where
    context.out.notes.append(Note(where, f"a changed meeting of the series '{key}': became {target}"))


def _expand(master: icalendar.Event, calendar: icalendar.Calendar, context: _Context, taken: set[str], today: str,
            where: str, why: str) -> None:
    """Write out each meeting of a rule ugsite's series cannot hold, each keeping the rule's UID and its date."""
    start = master.decoded("DTSTART")
    first = start.date() if isinstance(start, datetime) else start
    last = date.fromisoformat(today) + timedelta(days=366 * _EXPAND_YEARS)
    uid = str(master.get("UID", "")).strip()
    try:
        query = recurring_ical_events.of(_only(calendar, uid))
        meetings = list(query.between(first, last))
        endless = next(iter(query.after(last)), None) is not None
    except (recurring_ical_events.errors.BadRuleStringFormat, recurring_ical_events.errors.InvalidCalendar,
            recurring_ical_events.errors.PeriodEndBeforeStart, ValueError) as exc:
        context.out.notes.append(Note(where, f"a repeating event whose rule ugsite cannot follow ({exc}): only its "
                                      "first meeting was imported", "needs a person"))
        _single(master, context, taken)
        return
    if not endless:
        context.out.notes.append(Note(where, f"a repeating event that ugsite's series cannot hold ({why}): its "
                                      f"{len(meetings)} meetings became events of their own, each with the UID and "
                                      "its date"))
    else:
        context.out.notes.append(Note(where, f"a repeating event that ugsite's series cannot hold ({why}): its "
                                      f"{len(meetings)} meetings up to {last} became events of their own, each with "
                                      "the UID and its date; later ones need adding by hand", "needs a person"))
    for event in meetings:
        day = event.decoded("DTSTART")
        _single(event, context, taken, uid_suffix=f"-{(day.date() if isinstance(day, datetime) else day):%Y%m%d}")


def _only(calendar: icalendar.Calendar, uid: str) -> icalendar.Calendar:
    """Return the calendar with only the events of `uid` (and the zones), so one bad rule spoils no other."""
    chosen = icalendar.Calendar()
    for component in calendar.subcomponents:
        if component.name != "VEVENT" or str(component.get("UID", "")).strip() == uid:
            chosen.add_component(component)
    return chosen


def _left_out(calendar: icalendar.Calendar, name: str, out: Imported) -> None:
    """Note once per calendar which event properties were not carried over, and why."""
    counts: dict[str, int] = defaultdict(int)
    for event in calendar.walk("VEVENT"):
        for key in event:
            if key not in _READ:
                counts[key] += 1
        if event.walk("VALARM"):
            counts["VALARM"] += 1
    for key, count in sorted(counts.items()):
        why = _LEFT_OUT.get(key, "ugsite has no field for it" if key != "VALARM" else "reminders are each reader's")
        out.notes.append(Note(name, f"{key} of {count} event{'s' if count > 1 else ''} left out ({why})", "skipped"))
