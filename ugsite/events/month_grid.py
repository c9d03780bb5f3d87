"""Lay events out on month grids: weeks of days, each day with the events it covers in the event's own zone."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from ugsite.site import routes
from ugsite.site.model import Event
from ugsite.site.speech import Speech

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class DayEntry:
    """One event on one day of a month grid."""

    event: Event
    """the event"""
    time: str
    """its time on this day, in its own zone: `18:30` (with the zone's abbreviation, `18:30 CET`, when that is
    not the site's), `All day`, or `Until 12:00` on the last day of an event of several days"""
    day_number: int
    """which of its days this is, from 1"""
    days: int
    """how many days it covers"""


@dataclass(frozen=True)
class GridDay:
    """A day of a month grid."""

    day: date
    """the date"""
    in_month: bool
    """whether it is a day of the month shown (the first and last weeks hold days of the months around it)"""
    today: bool
    """whether it is the day of the build, in the site's time zone"""
    entries: tuple[DayEntry, ...]
    """the events on it (none on days outside the month), events of several days and all-day events first"""


@dataclass(frozen=True)
class MonthLink:
    """A month that has a grid page of its own."""

    title: str
    """its name and year, `October 2026`"""
    route: str
    """the route of its grid"""


@dataclass(frozen=True)
class MonthGrid:
    """A month of events, as a calendar of weeks."""

    title: str
    """the month's name and year, `November 2026`"""
    route: str
    """the route of its own page (`events/calendar/2026-11/`)"""
    weekdays: tuple[str, ...]
    """the names of the days of the week, in the order of the columns (from the site's `week_start`)"""
    weeks: tuple[tuple[GridDay, ...], ...]
    """the weeks that hold its days, each seven days"""
    count: int
    """how many events it holds (an event of several days counts once)"""
    current: bool
    """whether it is the month of the build, in the site's time zone (the one `events/calendar/` shows)"""
    previous: MonthLink | None
    """the month before it that has a page (one with events, or the build's month), or none"""
    next: MonthLink | None
    """the month after it that has a page, or none"""


def event_days(event: Event) -> list[date]:
    """Return the days the event covers, in its own time zone (an end at midnight does not reach into the next day)."""
    last = event.last_day.date() if event.all_day else (max(event.end, event.start + timedelta(microseconds=1))
                                                          - timedelta(microseconds=1)).date()
    return [event.start.date() + timedelta(days=n) for n in range((last - event.start.date()).days + 1)]


def event_months(events: tuple[Event, ...]) -> list[Month]:
    """Return every month in which one of the events falls on a day, in order."""
    return sorted({(day.year, day.month) for event in events for day in event_days(event)})


def month_title(month: Month, speech: Speech) -> str:
    """Return e.g. `November 2026`, `listopad 2026`."""
    return speech.month(date(month[0], month[1], 1))


def month_grids(events: tuple[Event, ...], months: list[Month], *, week_start: int, today: date,
                site_zone: tzinfo, speech: Speech) -> list[MonthGrid]:
    """Return the grid of each of `months` (in order), each linked to the one before and after it.

    `week_start` counts as `date.weekday()` does (0 is Monday); `today` is the build's day in the site's zone.
    """
    by_day = _entries_by_day(events, site_zone, speech)
    names = speech.weekday_names("wide")
    weekdays = tuple(names[(week_start + n) % 7] for n in range(7))
    weeks_of = calendar.Calendar(week_start).monthdatescalendar
    grids = []
    for index, month in enumerate(months):
        weeks = tuple(tuple(GridDay(day, (day.year, day.month) == month, day == today,
                                    by_day.get(day, ()) if (day.year, day.month) == month else ())
                            for day in week) for week in weeks_of(*month))
        count = len({id(e.event) for week in weeks for day in week for e in day.entries})
        grids.append(MonthGrid(month_title(month, speech), routes.event_month(*month), weekdays, weeks, count,
                               month == (today.year, today.month),
                               _link(months[index - 1], speech) if index > 0 else None,
                               _link(months[index + 1], speech) if index + 1 < len(months) else None))
    return grids


def _link(month: Month, speech: Speech) -> MonthLink:
    return MonthLink(month_title(month, speech), routes.event_month(*month))


def _entries_by_day(events: tuple[Event, ...], site_zone: tzinfo, speech: Speech) -> dict[date, tuple[DayEntry, ...]]:
    found: dict[date, list[DayEntry]] = defaultdict(list)
    for event in events:
        days = event_days(event)
        for number, day in enumerate(days, 1):
            found[day].append(DayEntry(event, _time(event, number, len(days), site_zone, speech), number, len(days)))
    return {day: tuple(sorted(entries, key=_order)) for day, entries in found.items()}


def _order(entry: DayEntry) -> tuple[bool, datetime]:
    """All-day events and days after an event's first come before the events that start that day, each by start."""
    starts_today = not entry.event.all_day and entry.day_number == 1
    return starts_today, entry.event.start


def _time(event: Event, number: int, days: int, site_zone: tzinfo, speech: Speech) -> str:
    if event.all_day or 1 < number < days:
        return speech.gettext("All day")
    moment = event.start if number == 1 else event.end
    same_zone = moment.utcoffset() == moment.astimezone(site_zone).utcoffset() and \
        moment.tzname() == moment.astimezone(site_zone).tzname()
    text = speech.time(moment) + ("" if same_zone else f" {speech.zone(moment)}")
    return text if number == 1 else speech.gettext("Until %(time)s") % {"time": text}
