"""Turn the dates organizers write (YAML text, TOML dates, JSON strings) into aware datetimes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any


_DATE_TIME = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6})\d*)?)?"
    r"\s*(?P<tz>Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?)?"
)


@dataclass(frozen=True)
class DateError:
    """Why a value is not a date, and how to write it instead."""

    message: str
    hint: str


FIRST_YEAR, LAST_YEAR = 1900, 2199  # the years ugsite supports: calendars and zones are right in between
LONGEST_DURATION = timedelta(days=366)


def parse_datetime(value: Any, zone: tzinfo, key: str = "date") -> datetime | DateError:
    """Return `value` as an aware datetime; naive values and bare dates are taken in `zone`."""
    moment = _parse_datetime(value, zone, key)
    if isinstance(moment, DateError):
        return moment
    try:
        year = moment.astimezone(timezone.utc).year
    except (OverflowError, ValueError):
        year = moment.year
    if not FIRST_YEAR <= year <= LAST_YEAR or not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return DateError(f"'{key}' is in the year {moment.year}; ugsite takes dates from {FIRST_YEAR} to {LAST_YEAR}",
                         f'check the year, e.g. {key}: "2026-05-14 18:30"')
    return moment


def _parse_datetime(value: Any, zone: tzinfo, key: str) -> datetime | DateError:
    example = f'{key}: "2026-05-14 18:30"'
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    if isinstance(value, bool) or value is None:
        return DateError(f"'{key}' is {value!r}, not a date", f"write it as {example}")
    if isinstance(value, int):
        if 1900 <= value <= 2199:
            return DateError(
                f"'{key}' is only a year ({value}), not a date",
                f'write the whole date, e.g. {key}: "{value}-05-14"',
            )
        return DateError(f"'{key}' is the number {value}, not a date", f"write it as {example}")
    if not isinstance(value, str):
        return DateError(f"'{key}' is a {type(value).__name__}, not a date", f"write it as {example}")
    match = _DATE_TIME.fullmatch(value.strip())
    if not match:
        if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", value.strip()):
            return DateError(f"'{key}' is a time ({value}) without a day", f"write it as {example}")
        return DateError(f"'{key}' is not a date: {value!r}", f"write it as {example}")
    try:
        return _from_match(match, zone)
    except ValueError as exc:
        return DateError(f"'{key}' is not a real date: {value!r} ({exc})", f"write it as {example}")


def _from_match(match: re.Match[str], zone: tzinfo) -> datetime:
    g = match.groupdict()
    fraction = (g["f"] or "0").ljust(6, "0")
    moment = datetime(
        int(g["y"]), int(g["m"]), int(g["d"]),
        int(g["H"] or 0), int(g["M"] or 0), int(g["S"] or 0), int(fraction),
    )
    offset = g["tz"]
    if not offset:
        return moment.replace(tzinfo=zone)
    if offset in ("Z", "z", "UTC"):
        return moment.replace(tzinfo=timezone.utc)
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return moment.replace(tzinfo=timezone(-delta if offset[0] == "-" else delta))


def is_date_only(value: Any) -> bool:
    """Say whether `value` names a day without a time (`2026-05-14`, or a YAML/TOML date)."""
    if isinstance(value, datetime):
        return False
    if isinstance(value, date):
        return True
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()) is not None


def parse_time(value: Any, key: str) -> time | DateError:
    """Parse a time of day such as `18:30` or `18:30:00`."""
    if isinstance(value, time):
        return value
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", str(value).strip()) if isinstance(value, str) else None
    if not match:
        return DateError(f"'{key}' is not a time of day: {value!r}", f'write it as {key}: "18:30"')
    try:
        return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
    except ValueError as exc:
        return DateError(f"'{key}' is not a real time: {value!r} ({exc})", f'write it as {key}: "18:30"')


def parse_duration(value: Any, key: str = "duration") -> timedelta | DateError:
    """Parse `90m`, `2h`, `2h30m`, `1d` or ISO 8601 `PT1H30M` into a positive timedelta."""
    hint = f"write it as {key}: 90m, {key}: 2h30m or {key}: PT1H30M"
    if isinstance(value, bool) or not isinstance(value, str):
        return DateError(f"'{key}' is not a duration: {value!r}", hint)
    text = value.strip()
    short = re.fullmatch(r"(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", text, re.I)
    try:
        if short and any(short.groups()):
            days, hours, minutes = (int(g or 0) for g in short.groups())
            delta = timedelta(days=days, hours=hours, minutes=minutes)
        else:
            from icalendar import vDuration  # loaded on first use: a build that reuses everything needs no calendar code

            parsed = vDuration.from_ical(text.upper())  # type: ignore[no-untyped-call]
            if not isinstance(parsed, timedelta):
                return DateError(f"'{key}' is not a duration: {value!r}", hint)
            delta = parsed
    except (OverflowError, ValueError):
        return DateError(f"'{key}' is not a duration ugsite can take: {value!r}", hint)
    if delta <= timedelta(0):
        return DateError(f"'{key}' must be longer than zero, not {value!r}", hint)
    if delta > LONGEST_DURATION:
        return DateError(f"'{key}' is longer than a year: {value!r}", f"check it; {hint}")
    return delta


def parse_now(text: str) -> datetime | DateError:
    """Parse the `--now` option: an ISO date-time, taken as UTC when it has no offset."""
    return parse_datetime(text, timezone.utc, key="--now")
