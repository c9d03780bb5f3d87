"""Turn the dates organizers write (YAML text, TOML dates, JSON strings) into aware datetimes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
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


def parse_datetime(value: Any, zone: tzinfo, key: str = "date") -> datetime | DateError:
    """Return `value` as an aware datetime; naive values and bare dates are taken in `zone`."""
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


def parse_now(text: str) -> datetime | DateError:
    """Parse the `--now` option: an ISO date-time, taken as UTC when it has no offset."""
    return parse_datetime(text, timezone.utc, key="--now")
