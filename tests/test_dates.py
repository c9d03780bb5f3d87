"""Dates are parsed as the user meant, or rejected with a message that says how to write them."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from ugsite.content.dates import DateError, parse_datetime

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-05-01 18:30", datetime(2026, 5, 1, 18, 30, tzinfo=BERLIN)),
        ("2026-5-3 18:30", datetime(2026, 5, 3, 18, 30, tzinfo=BERLIN)),
        ("2026-05-14", datetime(2026, 5, 14, tzinfo=BERLIN)),
        ("2026-05-14T18:30:15", datetime(2026, 5, 14, 18, 30, 15, tzinfo=BERLIN)),
        ("2018-05-05T04:00:00Z", datetime(2018, 5, 5, 4, tzinfo=timezone.utc)),
        ("2026-01-20T09:00:00-05:00", datetime(2026, 1, 20, 9, tzinfo=timezone(timedelta(hours=-5)))),
        ("2026-01-20 09:00 +0530", datetime(2026, 1, 20, 9, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
        (date(2026, 5, 14), datetime(2026, 5, 14, tzinfo=BERLIN)),
        (datetime(2026, 5, 14, 8), datetime(2026, 5, 14, 8, tzinfo=BERLIN)),
    ],
)
def test_accepted_forms(value: object, expected: datetime) -> None:
    parsed = parse_datetime(value, BERLIN)
    assert parsed == expected
    assert isinstance(parsed, datetime) and parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2019, "'date' is only a year (2019), not a date"),
        ("18:30", "'date' is a time (18:30) without a day"),
        (1110, "'date' is the number 1110, not a date"),
        ("next tuesday", "'date' is not a date: 'next tuesday'"),
        ("2026-02-30", "'date' is not a real date: '2026-02-30' (day is out of range for month)"),
        (True, "'date' is True, not a date"),
    ],
)
def test_rejected_forms_say_why(value: object, message: str) -> None:
    parsed = parse_datetime(value, BERLIN)
    assert isinstance(parsed, DateError)
    assert parsed.message == message
    assert parsed.hint.startswith("write")
