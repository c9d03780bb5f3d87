"""Read the dates and times that event data files write: ISO, `November 10, 2014` + `6:30 PM`, `10.11.2014`,
`20.00h`, `1800`, epoch seconds or milliseconds, `2025-07-02 20:00-22:30` and `3pm - 5pm` ranges and `24:00`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from dateutil import parser as dateutil_parser

_RANGE = re.compile(r"^(.*?\d{1,2}[:.]\d{2})\s*(?:-|–|to|bis)\s*(\d{1,2}[:.]\d{2})\s*$")
_CLOCK_12 = r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?"
_RANGE_12 = re.compile(rf"^(.*?\d\D*?{_CLOCK_12})\s*(?:-|–|—|to|until|till)\s*({_CLOCK_12})\s*$", re.I)  # 3pm - 5pm
_HOUR_H = re.compile(r"\b(\d{1,2})[.h](\d{2})\s*(?:h|uhr)\b|\b(\d{1,2})h(\d{2})?\b", re.I)  # 20.00h, 20h00, 20h
_MILITARY = re.compile(r"^\s*([01]\d|2[0-4])([0-5]\d)\s*$")  # 1800
DAY_FIRST_LANGUAGES = {"de", "fr", "es", "it", "pt", "pl", "cs", "sk", "nl", "ru", "uk", "tr", "da", "nb", "sv", "fi",
                       "hu", "ro", "el", "hr", "sl", "et", "lv", "lt", "bg", "sr"}


@dataclass(frozen=True)
class When:
    """A start (a moment, or a day for all-day events) and, when written with it, an end."""

    start: datetime | date
    end: datetime | None = None


def read_when(value: Any, clock: Any, zone: tzinfo, day_first: bool) -> When | str:
    """Return the moment `value` (with a separate time `clock`, if any) means in `zone`, or why it cannot be read."""
    if isinstance(value, bool) or value is None or value == "":
        return "it is empty"
    if isinstance(value, (int, float)):
        return When(_epoch(value, zone))
    if isinstance(value, datetime):
        return When(value if value.tzinfo else value.replace(tzinfo=zone))
    if isinstance(value, date):
        value = value.isoformat()
    text = " ".join(str(value).split())
    if re.fullmatch(r"\d{10}|\d{13}", text):
        return When(_epoch(int(text), zone))
    end_text = None
    ranged = _RANGE.match(text)
    if ranged and _is_range(ranged.group(1), ranged.group(2)):
        text, end_text = ranged.group(1), ranged.group(2)
    twelve = None if end_text else _RANGE_12.match(text)
    if twelve:
        text, end_text = twelve.group(1), _twenty_four(twelve.group(2))
    if clock not in (None, ""):
        clock_text = _clock(str(clock))
        if clock_text is None:
            return f"the time {clock!r} is not a time of day"
        clock_ranged = _RANGE.match("0000-01-01 " + clock_text)
        if clock_ranged:
            clock_text, end_text = clock_ranged.group(1)[11:], clock_ranged.group(2)
        text = f"{text} {clock_text}"
    return _parsed(text, end_text, zone, day_first)


def looks_like_moment(value: Any) -> bool:
    """Say whether a value holds a day, not only a time of day (`2014-02-20 19:00`, a parsed date)."""
    return isinstance(value, date) or isinstance(value, str) and bool(re.search(r"\d{4}-\d{1,2}-\d{1,2}", value))


def _is_range(start: str, end: str) -> bool:
    """Say whether `20:00-22:30` is a range and not a time with a UTC offset (`2026-12-10T20:30-05:00`)."""
    if re.search(r"\dT\d", start):
        return False
    first = re.search(r"(\d{1,2})[:.](\d{2})$", start)
    last = re.match(r"(\d{1,2})[:.](\d{2})", end)
    if first is None or last is None:
        return False
    return (int(last.group(1)), int(last.group(2))) > (int(first.group(1)), int(first.group(2)))


def _parsed(text: str, end_text: str | None, zone: tzinfo, day_first: bool) -> When | str:
    text = _HOUR_H.sub(_hour, text)
    midnight = bool(re.search(r"\b24:00\b", text))
    text = re.sub(r"\b24:00\b", "00:00", text)
    has_time = bool(re.search(r"\d{1,2}:\d{2}|\d\s*[ap]\.?m\b", text, re.I)) or "T" in text
    try:
        parsed = dateutil_parser.parse(text, dayfirst=day_first and not re.match(r"\d{4}-", text),
                                       default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return f"{text!r} is not a date ugsite can read"
    if not has_time:
        return When(parsed.date())
    moment = parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    if midnight:
        moment += timedelta(days=1)
    end = None
    if end_text:
        hour, minute = (int(x) for x in re.split(r"[:.]", end_text))
        end = datetime.combine(moment.date(), time(hour % 24, minute), moment.tzinfo)
        if end <= moment:
            end += timedelta(days=1)
    return When(moment, end)


def _clock(text: str) -> str | None:
    text = text.strip()
    military = _MILITARY.match(text)
    if military:
        return f"{military.group(1)}:{military.group(2)}"
    text = re.sub(r"^(\d{1,2})\.(\d{2})$", r"\1:\2", _HOUR_H.sub(_hour, text))  # a time field's 19.00
    return text if re.search(r"\d", text) else None


def _twenty_four(clock: str) -> str:
    """Return `5pm`, `4:30 p.m.` or `12am` as `17:00`, `16:30`, `00:00`."""
    match = re.match(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])", clock, re.I)
    assert match is not None  # only called on what _CLOCK_12 matched
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
    return f"{hour:02d}:{match.group(2) or '00'}"


def _hour(match: re.Match[str]) -> str:
    return f"{match.group(1) or match.group(3)}:{match.group(2) or match.group(4) or '00'}"


def _epoch(value: float, zone: tzinfo) -> datetime:
    seconds = value / 1000 if value > 10**11 else value
    return datetime.fromtimestamp(seconds, timezone.utc).astimezone(zone)


def date_in_name(name: str) -> str | None:
    """Return the date a file name starts with (`2026-05-14-title.yaml`), if any."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})", name)
    return match.group(1) if match else None
