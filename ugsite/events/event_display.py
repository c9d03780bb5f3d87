"""Say when an event happens, in words, in the event's own time zone and the site's language."""

from __future__ import annotations

from datetime import datetime

from ugsite.site.model import Event, EventStatus
from ugsite.site.speech import N_, Speech

STATUS_WORDS: dict[str, str] = {"cancelled": N_("Cancelled"), "postponed": N_("Postponed"),
                                "rescheduled": N_("Rescheduled"), "moved-online": N_("Moved online"),
                                "moved": N_("Moved")}


def status_word(status: EventStatus | str, speech: Speech) -> str:
    """Say an event's status as its badge does: `Cancelled`, `Zrušeno`; "" for a scheduled event."""
    return speech.gettext(STATUS_WORDS[status]) if status in STATUS_WORDS else ""


def event_when(event: Event, speech: Speech) -> str:
    """Return e.g. `Wednesday, November 11, 2026, 6:30 – 9:00 PM EST` or `June 19 – 20, 2027`."""
    key = ("when", event.start.isoformat(), event.end.isoformat(), str(event.start.tzinfo), event.all_day)
    return speech.once(key, lambda: _when(event, speech))  # an event's time is on every list it is in


def _when(event: Event, speech: Speech) -> str:
    start, end = event.start, event.end
    if event.all_day:
        last = event.last_day
        if last.date() == start.date():
            return speech.day(start)
        return speech.days(start.date(), last.date())
    if end.date() == start.date():
        return f"{speech.day_and_time(speech.day(start), speech.times(start, end))} {speech.zone(end)}"
    return (f"{speech.day_and_time(speech.day(start), speech.time(start))} {speech.zone(start)} – "
            f"{speech.day_and_time(speech.day(end), speech.time(end))} {speech.zone(end)}")


def event_countdown(event: Event, now: datetime, speech: Speech) -> str:
    """Return how soon the event is at `now`, by days in its own zone: `Happening in 3 days.`, `This event has ended.`

    js/events.js says the same from the reader's clock and in the reader's zone.
    """
    if event.end <= now:
        return speech.gettext("This event has ended.")
    if event.start <= now:
        return speech.gettext("Happening now.")
    days = (event.start.date() - now.astimezone(event.start.tzinfo).date()).days
    if days == 0:
        return speech.gettext("Happening today.")
    if days == 1:
        return speech.gettext("Happening tomorrow.")
    return speech.gettext("Happening %(when)s.") % {"when": speech.in_days(days)}
