"""Say when an event happens, in words, in the event's own time zone."""

from __future__ import annotations

from datetime import datetime

from ugsite.site.model import Event


def event_when(event: Event) -> str:
    """Return e.g. `Wednesday 11 November 2026, 18:30–21:00 EST` or `19–20 June 2027`."""
    start, end = event.start, event.end
    if event.all_day:
        last = event.last_day
        if last.date() == start.date():
            return f"{start:%A} {start.day} {start:%B %Y}"
        if (last.year, last.month) == (start.year, start.month):
            return f"{start.day}–{last.day} {start:%B %Y}"
        return f"{start.day} {start:%B %Y} – {last.day} {last:%B %Y}"
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if end.date() == start.date():
        return f"{day}, {start:%H:%M}–{end:%H:%M} {end:%Z}"
    return f"{day}, {start:%H:%M} {start:%Z} – {end:%A} {end.day} {end:%B %Y}, {end:%H:%M} {end:%Z}"


def event_countdown(event: Event, now: datetime) -> str:
    """Return how soon the event is at `now`, by days in its own zone: `Happening in 3 days.`, `This event has ended.`

    js/events.js says the same from the reader's clock and in the reader's zone.
    """
    if event.end <= now:
        return "This event has ended."
    if event.start <= now:
        return "Happening now."
    days = (event.start.date() - now.astimezone(event.start.tzinfo).date()).days
    return "Happening today." if days == 0 else "Happening tomorrow." if days == 1 else f"Happening in {days} days."
