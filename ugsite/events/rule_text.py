"""Say a series' recurrence rule as people say it: "the second Wednesday of every month", "every other Tuesday".

Only the rules groups write are said (weekly on some days, monthly on a weekday of the
month or a day of the month, yearly on a date); for any other rule the answer is "" and
pages show the dates alone. The rule has already been checked by python-dateutil when the
series was read (ugsite.events.series), so this reads its parts and nothing else.
"""

from __future__ import annotations

import re
from datetime import datetime

from ugsite.site.speech import Speech

_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday",
         "SU": "Sunday"}
_SAID = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "COUNT", "UNTIL", "WKST"}
_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_NTH = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def rule_text(rule: str, first: datetime) -> str:
    """Return how the series with recurrence `rule`, first meeting at `first`, recurs, or "" if it is not a simple one."""
    parts = dict(part.split("=", 1) for part in rule.upper().removeprefix("RRULE:").split(";") if "=" in part)
    if set(parts) - _SAID or not parts.get("INTERVAL", "1").isdigit():
        return ""
    interval = int(parts.get("INTERVAL", "1"))
    days = [_NTH.match(day) for day in parts.get("BYDAY", "").split(",") if day]
    if any(day is None for day in days):
        return ""
    found = [(int(m.group(1)) if m and m.group(1) else None, _DAYS[m.group(2)]) for m in days if m]
    position = parts.get("BYSETPOS")
    if position is not None:
        if len(found) != 1 or found[0][0] is not None or not position.lstrip("-").isdigit():
            return ""
        found = [(int(position), found[0][1])]
    frequency = parts.get("FREQ")
    if frequency == "WEEKLY" and "BYMONTHDAY" not in parts and all(n is None for n, _ in found):
        names = [name for _, name in found] or [f"{first:%A}"]
        every = {1: "every", 2: "every other"}.get(interval, f"every {interval} weeks on")
        return f"{every} {_listed(names)}"
    if frequency == "MONTHLY":
        month = {1: "every month", 2: "every other month"}.get(interval, f"every {interval} months")
        if found and "BYMONTHDAY" not in parts and len(found) == 1 and found[0][0] is not None:
            return f"the {_ordinal(found[0][0], words=True)} {found[0][1]} of {month}"
        if not found:
            day = parts.get("BYMONTHDAY", str(first.day))
            if re.fullmatch(r"-?\d{1,2}", day) and day not in ("0", "-0"):
                return f"the {_ordinal(int(day))} of {month}" if int(day) > 0 else \
                    f"the {_ordinal(int(day), words=True)} day of {month}"
    if frequency == "YEARLY" and not found and set(parts) <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"}:
        return f"every year on {first.day} {first:%B}" if interval == 1 else ""
    return ""


def _ordinal(number: int, words: bool = False) -> str:
    if number == -1:
        return "last"
    if number < 0:
        return f"{_ordinal(-number, words)} to last"
    if words and number in _WORDS:
        return _WORDS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def schedule_text(schedule: str, speech: Speech) -> str:
    """Say a series' schedule (`rule_text`) in the site's language, or "" when its catalog does not have the sentence.

    The sentences are whole messages ("the second Wednesday of every month"), for their words
    agree in case and gender in many languages; `spoken_sentences` lists the ones catalogs carry.
    A page without the sentence shows the dates alone.
    """
    if not schedule or speech.locale.language == "en":
        return schedule
    said = speech.gettext(schedule)
    return said if said != schedule else ""


def spoken_sentences() -> tuple[str, ...]:
    """The sentences of the usual schedules, for the message catalogs: weekly and monthly, on each weekday."""
    sentences: list[str] = []
    for day in _DAYS.values():
        sentences += [f"every {day}", f"every other {day}"]
        sentences += [f"the {_ordinal(n, words=True)} {day} of every month" for n in (1, 2, 3, 4, -1)]
    return tuple(sentences)
