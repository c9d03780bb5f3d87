"""Write iCalendar (RFC 5545) files with the `icalendar` library: zones, series, overrides."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vRecur, vText
from icalendar import Event as VEvent

from ugsite import __version__
from ugsite.events.event_display import status_word
from ugsite.site.model import Event, Series, Site, Venue
from ugsite.site.speech import Speech, english
from ugsite.content.urls import Urls
from ugsite.events.event_text import event_text, online_text, own_uid, venue_text

REFRESH = timedelta(hours=12)  # also X-PUBLISHED-TTL below, which icalendar writes as text
ICAL_STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "moved-online": "CONFIRMED",
               "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


class Text(vText):
    """An iCalendar TEXT value escaped exactly as RFC 5545 3.3.11 says.

    icalendar's own escaping first turns a literal backslash-N into a line break, so
    `C:\\New folder` in a PowerShell group's description would arrive broken. This escapes
    backslashes first and nothing else beforehand; icalendar still folds the line.
    """

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        return text.encode("utf-8")


def calendar_ics(site: Site, name: str, events: Sequence[Event], series: Sequence[Series], now: datetime,
                 standalone: bool = False, speech: Speech | None = None) -> bytes:
    """Return a calendar of `series` (each one VEVENT with RRULE) and `events`.

    Events that fill in a series occurrence become RECURRENCE-ID overrides of their series;
    occurrences without a file of their own are left to the RRULE. With `standalone`, every
    event is written as a VEVENT of its own (the download for one event page). The words
    ugsite adds to descriptions ("Talk:", "RSVP:") are in the site's language, `speech`.
    """
    speech = speech or english()
    urls = Urls(site.config.base_url)
    cal = Calendar()
    cal.add("prodid", f"-//ugsite//ugsite {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", Text(name))
    cal.add("x-wr-calname", Text(name))
    cal.add("x-wr-timezone", site.config.timezone)
    if site.config.description:
        cal.add("x-wr-caldesc", Text(site.config.description))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    for item in series:
        cal.add_component(_series_vevent(item, site, urls, now, speech))
    for event in events:
        if event.series is not None and not event.has_file and not standalone:
            continue
        cal.add_component(_event_vevent(event, site, urls, now, standalone, speech))
    starts = [e.start for e in events] + [s.first_start for s in series]
    first = (min(starts) if starts else now) - timedelta(days=366)
    last = max([e.end for e in events] + [now]) + timedelta(days=3 * 366)
    # One VTIMEZONE per zone used, in a fixed order (icalendar's own helper follows set order,
    # which changes from process to process).
    zones = b"".join(_vtimezone(tzid, first.year, last.year) for tzid in sorted(cal.get_missing_tzids()))
    return _with_zones(bytes(cal.to_ical()), zones)


def _with_zones(calendar: bytes, zones: bytes) -> bytes:
    """Put the VTIMEZONEs first among the calendar's components, where icalendar would write them."""
    at = calendar.find(b"\r\nBEGIN:", len(b"BEGIN:VCALENDAR"))
    at = calendar.rindex(b"END:VCALENDAR") if at < 0 else at + 2
    return calendar[:at] + zones + calendar[at:]


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """Return the VTIMEZONE of `tzid` with its rules for whole years, as icalendar writes it.

    Working out a zone's transitions and writing them out is most of the cost of a calendar;
    in whole years, the calendars of a site's events share a few.
    """
    last = date(last_year, 12, 31)
    return bytes(Timezone.from_tzinfo(_Until(ZoneInfo(tzid), last), tzid, date(first_year, 1, 1), last).to_ical())


class _Until(tzinfo):
    """A zone that ends a year after `last`: past that, asking its offset raises OverflowError.

    Timezone.from_tzinfo follows each offset forwards until it changes or time ends (it stops
    at the OverflowError of year 9999). A zone without daylight saving time (Asia/Tokyo, UTC,
    Asia/Kolkata) never changes, so each VTIMEZONE of one walked to the end of time: thirty
    times the work of one in Europe/Berlin. Nothing past `last` is written, and its longest
    step is 64 days, so a year's margin leaves the VTIMEZONE byte for byte as the zone's own.
    """

    def __init__(self, zone: ZoneInfo, last: date) -> None:
        self._zone = zone
        self._end = datetime(last.year, last.month, last.day) + timedelta(days=366)

    def _within(self, moment: datetime | None) -> datetime | None:
        if moment is not None and moment.replace(tzinfo=None) > self._end:
            raise OverflowError(f"{self._zone.key} is looked at only until {self._end:%Y}")
        return moment

    def utcoffset(self, moment: datetime | None) -> timedelta | None:
        return self._zone.utcoffset(self._within(moment))

    def dst(self, moment: datetime | None) -> timedelta | None:
        return self._zone.dst(self._within(moment))

    def tzname(self, moment: datetime | None) -> str | None:
        return self._zone.tzname(self._within(moment))


def _series_vevent(series: Series, site: Site, urls: Urls, now: datetime, speech: Speech) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", series.uid)
    vevent.add("dtstamp", now.astimezone(timezone.utc))
    vevent.add("dtstart", series.first_start)
    vevent.add("dtend", series.first_start + series.duration)
    vevent.add("rrule", vRecur.from_ical(series.rrule))
    if series.exdates:
        vevent.add("exdate", list(series.exdates))
    language = {"LANGUAGE": series.language}  # RFC 5545 3.2.10: the language of the text
    vevent.add("summary", Text(series.title), parameters=language)
    text = "\n\n".join(part for part in (series.description_text, online_text(series.online, speech)) if part)
    if text:
        vevent.add("description", Text(text), parameters=language)
    _place(vevent, series.venue, series.online, online_only=False)
    vevent.add("url", urls.absolute(series.route))
    vevent.add("status", "CONFIRMED")
    if series.tags:
        vevent.add("categories", [t.name for t in series.tags])
    _common(vevent, site, series.history.modified, series.history.sequence)
    return vevent


def _event_vevent(event: Event, site: Site, urls: Urls, now: datetime, standalone: bool, speech: Speech) -> VEvent:
    vevent = VEvent()
    overrides = event.series is not None and event.recurrence_id is not None and not standalone
    vevent.add("uid", own_uid(event) if standalone else event.uid)
    vevent.add("dtstamp", now.astimezone(timezone.utc))
    if overrides:
        vevent.add("recurrence-id", event.recurrence_id)
    if event.all_day:
        vevent.add("dtstart", event.start.date())
        vevent.add("dtend", event.end.date())
    else:
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end)
    language = {"LANGUAGE": event.language}
    title = f"{status_word(event.status, speech)}: {event.title}" if event.status == "cancelled" else event.title
    vevent.add("summary", Text(title), parameters=language)
    text = event_text(event, speech)
    if text:
        vevent.add("description", Text(text), parameters=language)
    _place(vevent, event.venue, event.online, online_only=event.attendance == "online")
    vevent.add("url", urls.absolute(event.route))
    vevent.add("status", ICAL_STATUS[event.status])
    if event.tags:
        vevent.add("categories", [t.name for t in event.tags])
    history = event.history
    _common(vevent, site, history.modified, history.sequence)
    return vevent


def _common(vevent: VEvent, site: Site, modified: datetime | None, sequence: int) -> None:
    organizer = site.config.organizer
    if organizer and organizer.email:
        vevent.add("organizer", f"mailto:{organizer.email}", parameters={"CN": organizer.name})
    if modified:
        vevent.add("last-modified", modified.astimezone(timezone.utc))
    vevent.add("sequence", sequence)


def _place(vevent: VEvent, venue: Venue | None, online: str | None, online_only: bool) -> None:
    if venue is not None and not online_only:
        vevent.add("location", Text(venue_text(venue)))
        if venue.lat is not None and venue.lon is not None:
            vevent.add("geo", (venue.lat, venue.lon))
    elif online:
        vevent.add("location", Text(online))
