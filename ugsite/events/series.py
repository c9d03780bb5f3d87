"""Load recurring meetings from `data/series.yaml` and expand them into occurrences."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from ugsite.site.config import Config
from ugsite.content.dates import (
    LAST_YEAR,
    DateError,
    is_date_only,
    parse_datetime,
    parse_duration,
    parse_time,
)
from ugsite.events.rule_text import rule_text as spoken_rule
from ugsite.site.fields import FieldReader
from ugsite.site.cfp import opening, proposal_form, read_call
from ugsite.site.model import CallForSpeakers, History, Series, Venue
from ugsite.problems import Problem, error
from ugsite.content.slugs import slug_problem
from ugsite.content.yaml_source import LineDict

PATH = "data/series.yaml"
FIELDS = ("title", "rrule", "start", "from", "duration", "until", "count", "except", "timezone", "venue", "online",
          "summary", "description", "tags", "uid", "language", "cfp")
MAX_OCCURRENCES = 1000


@dataclass(frozen=True)
class SeriesTools:
    """What reading a series needs from the rest of the site."""

    config: Config
    host: str
    venues: dict[str, Venue]
    history: History
    describe: Callable[[str, str, int], tuple[str, str, list[Problem]]]
    inline_venue: Callable[[LineDict, str, list[Problem]], Venue | None]


def read_series(raw: Any, tools: SeriesTools) -> tuple[tuple[Series, ...], list[Problem]]:
    """Read every series of the parsed `data/series.yaml`."""
    problems: list[Problem] = []
    if raw is None:
        return (), problems
    if not isinstance(raw, LineDict):
        return (), [error(PATH, f"{PATH} must map a key to each series", 1,
                          "e.g.\n  monthly:\n    title: Monthly meetup\n    rrule: FREQ=MONTHLY;BYDAY=2WE")]
    found = []
    for key, entry in raw.items():
        line = raw.line_of(key)
        if (trouble := slug_problem(str(key))) is not None:
            problems.append(error(PATH, f"the series key {key!r}: {trouble}", line, "use keys like monthly-meetup"))
        elif not isinstance(entry, LineDict):
            problems.append(error(PATH, f"the series '{key}' must be a mapping of fields", line))
        else:
            series = _read_one(str(key), entry, line, tools, problems)
            if series is not None:
                found.append(series)
    return tuple(found), problems


def _read_one(key: str, entry: LineDict, line: int | None, tools: SeriesTools, problems: list[Problem]) -> Series | None:
    count_before = len(problems)
    reader = FieldReader(PATH, entry, problems)
    reader.unknown(FIELDS, f" in series '{key}'")
    zone = reader.zone("timezone", tools.config.timezone)
    if zone is None:
        return None
    title = reader.text("title")
    if not title:
        problems.append(error(PATH, f"the series '{key}' has no title", line, f"add title: under {key}:"))
    text_rule = reader.text("rrule").upper().removeprefix("RRULE:")
    if not text_rule:
        problems.append(error(PATH, f"the series '{key}' has no rrule", line,
                              "e.g. rrule: FREQ=MONTHLY;BYDAY=2WE (the second Wednesday of every month)"))
        return None
    first = _first_start(key, entry, reader, zone, problems)
    duration = tools.config.default_duration
    if "duration" in entry:
        parsed = parse_duration(entry["duration"])
        if isinstance(parsed, DateError):
            problems.append(error(PATH, parsed.message, entry.line_of("duration"), parsed.hint))
        else:
            duration = parsed
    if first is None:
        return None
    rule_text = _with_limits(text_rule, entry, reader, zone, problems)
    try:
        rule = rrulestr(rule_text, dtstart=first)
    except (ValueError, TypeError) as exc:
        problems.append(error(PATH, f"the rrule of '{key}' is not valid: {exc}", entry.line_of("rrule"),
                              "see RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU or FREQ=MONTHLY;BYDAY=2WE"))
        return None
    if not isinstance(rule, rrule) or "DTSTART" in text_rule:
        problems.append(error(PATH, f"the rrule of '{key}' must be one RRULE without DTSTART", entry.line_of("rrule"),
                              "give the first date with start: instead"))
        return None
    if re.search(r"FREQ=(HOURLY|MINUTELY|SECONDLY)", text_rule.upper()):  # no group meets that often
        problems.append(error(PATH, f"the rrule of '{key}' repeats more often than daily", entry.line_of("rrule"),
                              "use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"))
        return None
    if _never_matches(text_rule, first):
        problems.append(error(PATH, f"the rrule of '{key}' can never meet: its parts exclude each other",
                              entry.line_of("rrule"), "check BYMONTHDAY, BYMONTH and BYDAY: they may exclude each other "
                              "(there is no 30 February)"))
        return None
    exdates = _exdates(key, entry, first, zone, problems)
    venue = _venue(entry, tools, problems)
    description, text, found = tools.describe(reader.text("description"), PATH, entry.line_of("description") or 1)
    problems += found
    call = _call(key, title, entry, tools, problems) if "cfp" in entry else None
    if len(problems) > count_before and any(p.level == "error" for p in problems[count_before:]):
        return None
    return Series(
        key=key, uid=reader.text("uid") or f"series-{key}@{tools.host}", title=title, first_start=first,
        duration=duration, all_day=False, rrule=rule_text, exdates=exdates, timezone=zone.key, venue=venue,
        online=reader.url("online"), summary=reader.text("summary"), description_html=description,
        description_text=text, tags=reader.terms("tags", tools.config.slug_style),
        history=tools.history, language=reader.language("language", tools.config.language),
        schedule=spoken_rule(rule_text, first), cfp=call,
    )


def _call(key: str, title: str, entry: LineDict, tools: SeriesTools, problems: list[Problem]) -> CallForSpeakers | None:
    config = tools.config
    spec, found = read_call(entry["cfp"], PATH, entry.line_of("cfp"), proposal_form(config.root, config.base_url),
                            f" of series '{key}'")
    problems += found
    if spec is None:
        return None
    html, text, found = tools.describe(spec.text, PATH, spec.line)
    problems += found
    opens, closes = opening(spec, config.zone)
    return CallForSpeakers(title, key, opens, closes, spec.url, html, text)


def _first_start(key: str, entry: LineDict, reader: FieldReader, zone: ZoneInfo, problems: list[Problem]) -> datetime | None:
    value = entry.get("start")
    if value is None:
        problems.append(error(PATH, f"the series '{key}' has no start", entry.line,
                              'give the first meeting, e.g. start: "2026-01-14 18:30", or a time and from: a date'))
        return None
    if isinstance(value, str) and ":" in value and "-" not in value:
        at = parse_time(value, "start")
        if isinstance(at, DateError):
            problems.append(error(PATH, at.message, entry.line_of("start"), at.hint))
            return None
        since = reader.date("from", zone=zone)
        if since is None:
            problems.append(error(PATH, f"the series '{key}' gives a start time but no from: date", entry.line_of("start"),
                                  'add from: "2026-01-01", the day the series begins'))
            return None
        return _first_match(reader.text("rrule").upper().removeprefix("RRULE:"), since.date(), at, zone)
    if is_date_only(value):
        problems.append(error(PATH, f"the series '{key}' needs a start time, not only a date", entry.line_of("start"),
                              'e.g. start: "2026-01-14 18:30"'))
        return None
    parsed = parse_datetime(value, zone, "start")
    if isinstance(parsed, DateError):
        problems.append(error(PATH, parsed.message, entry.line_of("start"), parsed.hint))
        return None
    return parsed.astimezone(zone)


def _first_match(rule_text: str, since: date, at: time, zone: ZoneInfo) -> datetime | None:
    try:
        rule = rrulestr(rule_text, dtstart=datetime.combine(since, at))
    except (ValueError, TypeError):
        return datetime.combine(since, at, zone)
    found = (bounded(rule, datetime.combine(since, at)).after(datetime.combine(since, at), inc=True)
             if isinstance(rule, rrule) else None)
    return (found or datetime.combine(since, at)).replace(tzinfo=zone)


def _with_limits(rule_text: str, entry: LineDict, reader: FieldReader, zone: ZoneInfo, problems: list[Problem]) -> str:
    parts = [rule_text]
    if "until" in entry:
        until = reader.date("until", zone=zone)
        if until is not None:
            last = datetime.combine(until.date(), time(23, 59, 59), zone).astimezone(ZoneInfo("UTC"))
            parts.append(f"UNTIL={last:%Y%m%dT%H%M%SZ}")
    if "count" in entry:
        count = entry["count"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            problems.append(error(PATH, f"'count' must be a whole number of at least 1, not {count!r}",
                                  entry.line_of("count")))
        else:
            parts.append(f"COUNT={count}")
    return ";".join(parts)


def _exdates(key: str, entry: LineDict, first: datetime, zone: ZoneInfo, problems: list[Problem]) -> tuple[datetime, ...]:
    value = entry.get("except") or []
    if not isinstance(value, list):
        value = [value]
    found = []
    for item in value:
        day = parse_datetime(item, zone, "except")
        if isinstance(day, DateError) or not is_date_only(item):
            problems.append(error(PATH, f"'except' in '{key}' lists {item!r}, which is not a date",
                                  entry.line_of("except"), 'write except: ["2026-08-12", "2026-12-09"]'))
            continue
        found.append(datetime.combine(day.date(), first.timetz().replace(tzinfo=None), zone))
    return tuple(sorted(found))


def _venue(entry: LineDict, tools: SeriesTools, problems: list[Problem]) -> Venue | None:
    value = entry.get("venue")
    if value is None:
        return None
    if isinstance(value, LineDict):
        return tools.inline_venue(value, PATH, problems)
    if value in tools.venues:
        return tools.venues[value]
    problems.append(error(PATH, f"unknown venue '{value}'", entry.line_of("venue"),
                          f"known venues: {', '.join(sorted(tools.venues)) or 'none (add data/venues.yaml)'}"))
    return None


def _never_matches(text_rule: str, first: datetime) -> bool:
    """Say whether the BY-parts of a rule exclude each other (BYMONTH=2;BYMONTHDAY=30), without walking it.

    dateutil looks for a next match period by period until the year 9999, which for a daily
    rule that never matches takes seconds. The same BY-parts as a yearly rule, without
    INTERVAL, COUNT, UNTIL or BYSETPOS, match at least as often, and are searched a year at a time.
    """
    parts = [part for part in text_rule.upper().split(";")
             if part.split("=", 1)[0] not in ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYSETPOS", "WKST")]
    yearly = rrulestr(";".join(["FREQ=YEARLY", *parts]), dtstart=first.replace(tzinfo=None))
    assert isinstance(yearly, rrule)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        limited = yearly.replace(count=1, until=None)
    return next(iter(limited.xafter(first.replace(tzinfo=None), count=1, inc=True)), None) is None


def bounded(rule: rrule, start: datetime, last: datetime | None = None) -> rrule:
    """Return `rule` ending by `last` (default: the last supported year), so a search for a match ends."""
    last = last or datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=start.tzinfo)
    until = getattr(rule, "_until", None)
    if until is not None and until <= last:
        return rule
    with warnings.catch_warnings():  # COUNT with UNTIL is deprecated in RFC 5545 texts, fine as a search bound
        warnings.simplefilter("ignore", DeprecationWarning)
        return rule.replace(until=last)


def occurrences(series: Series, until: datetime) -> list[datetime]:
    """Return the starts of `series` up to `until`, in wall-clock time of its zone, without exceptions."""
    rule = rrulestr(series.rrule, dtstart=series.first_start)
    assert isinstance(rule, rrule)
    rule = bounded(rule, series.first_start)
    skipped = set(series.exdates)
    starts: list[datetime] = []
    for start in rule:  # aware starts keep their wall-clock time across DST changes
        if start > until or len(starts) >= MAX_OCCURRENCES:
            break
        if start not in skipped:
            starts.append(start)
    return starts


def occurrence_on(series: Series, day: date) -> datetime | None:
    """Return the start of the occurrence of `series` on `day`, or None if there is none."""
    end_of_day = datetime.combine(day, time(23, 59, 59), ZoneInfo(series.timezone))
    for start in reversed(occurrences(series, end_of_day)):
        if start.date() == day:
            return start
        if start.date() < day:
            return None
    return None


def next_window(now: datetime, months: int) -> datetime:
    """Return the moment `months` months after `now` (30-day months; a planning horizon)."""
    return now + timedelta(days=30 * months)
