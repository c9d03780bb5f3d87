"""Links that put an event or a calendar elsewhere: calendar apps (Google, Outlook, webcal) and maps."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote, urlencode

from ugsite.events.event_text import event_text, venue_text
from ugsite.site.model import Event, Venue
from ugsite.site.speech import Speech

# An event's text goes into its Google link and its Outlook link both, and a long text is slow
# to quote (a byte at a time): each text is quoted once.
_quote = functools.lru_cache(maxsize=256)(quote)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def _where(event: Event) -> str:
    if event.venue is not None and event.attendance != "online":
        return venue_text(event.venue)
    return event.online or ""


def google_calendar_link(event: Event, page_url: str, speech: Speech) -> str:
    """Return a Google Calendar "add event" link; times are UTC (or dates for all-day events)."""
    if event.all_day:
        dates = f"{event.start:%Y%m%d}/{event.end:%Y%m%d}"
    else:
        dates = f"{_utc(event.start):%Y%m%dT%H%M%SZ}/{_utc(event.end):%Y%m%dT%H%M%SZ}"
    details = "\n\n".join(part for part in (event_text(event, speech), page_url) if part)
    query = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": details, "location": _where(event)}
    if not event.all_day:
        query["ctz"] = event.timezone
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=_quote)


def outlook_calendar_link(event: Event, page_url: str, speech: Speech) -> str:
    """Return an Outlook.com "add event" link with UTC times."""
    if event.all_day:
        start, end = event.start.date().isoformat(), event.end.date().isoformat()
    else:
        start, end = f"{_utc(event.start):%Y-%m-%dT%H:%M:%SZ}", f"{_utc(event.end):%Y-%m-%dT%H:%M:%SZ}"
    query = {
        "path": "/calendar/action/compose", "rru": "addevent", "subject": event.title, "startdt": start, "enddt": end,
        "allday": "true" if event.all_day else "false", "body": "\n\n".join(p for p in (event_text(event, speech), page_url) if p),
        "location": _where(event),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query, quote_via=_quote)


def webcal_link(absolute_url: str) -> str:
    """Return the `webcal://` form of an http(s) calendar URL, which calendar apps subscribe to."""
    return "webcal://" + absolute_url.split("://", 1)[1]


@dataclass(frozen=True)
class CalendarSubscription:
    """The ways to subscribe to a calendar, so that new and changed events arrive by themselves."""

    name: str
    """the calendar's name"""
    url: str
    """its absolute https URL, for any calendar app that subscribes to an address"""
    webcal: str
    """the same as a `webcal://` link (Apple Calendar on iOS and macOS, Thunderbird)"""
    google: str
    """a link that subscribes Google Calendar to it (works on Android, where `webcal://` does not)"""
    outlook: str
    """a link that adds it to Outlook.com ("add from web")"""
    office365: str
    """the same for Outlook of Microsoft 365 (work and school accounts)"""


def calendar_subscription(absolute_url: str, name: str) -> CalendarSubscription:
    """Return the subscription links of the calendar at `absolute_url`, called `name` where an app asks."""
    webcal = webcal_link(absolute_url)
    from_web = urlencode({"url": absolute_url, "name": name}, quote_via=quote)
    return CalendarSubscription(
        name=name, url=absolute_url, webcal=webcal,
        google="https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal}, quote_via=quote),
        outlook="https://outlook.live.com/calendar/0/addfromweb?" + from_web,
        office365="https://outlook.office.com/calendar/0/addfromweb?" + from_web,
    )


def map_link(venue: Venue) -> str | None:
    """Return an OpenStreetMap link to the venue: its coordinates, else a search for its address."""
    if venue.lat is not None and venue.lon is not None:
        return f"https://www.openstreetmap.org/?mlat={venue.lat:.5f}&mlon={venue.lon:.5f}#map=17/{venue.lat:.5f}/{venue.lon:.5f}"
    place = ", ".join(p for p in (venue.address, venue.city) if p)
    return "https://www.openstreetmap.org/search?" + urlencode({"query": place}, quote_via=quote) if place else None
