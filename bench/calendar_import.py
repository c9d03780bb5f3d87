"""Time of importing and syncing a large calendar: `python -m bench.calendar_import [--events 1000] [--series 50]`.

Writes a deterministic Meetup-shaped feed (single events over ten years, plus repeating
events with exceptions and changed meetings), then times `ugsite import` into a new site, a
second import (nothing changes), a `--sync` after one event changed, and a build of the result.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

NOW = "2026-11-29T10:00:00Z"
PLACES = [f"Venue {n} (Street {n}\\, Harbor City)" for n in range(40)]


def feed(events: int, series: int) -> str:
    """Return an ICS feed with `events` events in all, `series` of them repeating (each with two changed meetings)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Meetup//RemoteApi//EN", "X-WR-CALNAME:Bench Group",
             "X-WR-TIMEZONE:Europe/Berlin"]
    first = datetime(2017, 1, 5, 18, 30)
    for n in range(events - series):
        start = first + timedelta(days=3 * n, hours=n % 3)
        lines += ["BEGIN:VEVENT", f"UID:event_{300000000 + n}@meetup.com",
                  f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Europe/Berlin:{start + timedelta(hours=2):%Y%m%dT%H%M%S}",
                  f"SUMMARY:{'CANCELLED: ' if n % 37 == 0 else ''}Meetup number {n}",
                  f"DESCRIPTION:Bench Group\\nThursday\\, January 5 at 6:30 PM\\n\\nTalk {n}: a description with "
                  f"some words in it\\, and a second line.\\n\\nhttps://www.meetup.com/bench/events/{300000000 + n}/",
                  f"LOCATION:{PLACES[n % len(PLACES)]}", f"URL:https://www.meetup.com/bench/events/{300000000 + n}/",
                  "STATUS:CONFIRMED", "DTSTAMP:20261128T100000Z", "END:VEVENT"]
    for n in range(series):
        start = datetime(2024, 1, 1 + n % 28, 19, 0)
        uid = f"series-{n}@bench.example"
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Europe/Berlin:{start + timedelta(hours=2):%Y%m%dT%H%M%S}",
                  f"RRULE:FREQ=WEEKLY;INTERVAL={1 + n % 4};COUNT=40", f"SUMMARY:Study group {n}",
                  f"EXDATE;TZID=Europe/Berlin:{start + timedelta(weeks=2 * (1 + n % 4)):%Y%m%dT%H%M%S}",
                  f"LOCATION:{PLACES[n % len(PLACES)]}", "DTSTAMP:20261128T100000Z", "END:VEVENT"]
        for k in (1, 3):
            moved = start + timedelta(weeks=k * (1 + n % 4))
            lines += ["BEGIN:VEVENT", f"UID:{uid}", f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}",
                      f"DTSTART;TZID=Europe/Berlin:{moved + timedelta(hours=1):%Y%m%dT%H%M%S}",
                      f"DTEND;TZID=Europe/Berlin:{moved + timedelta(hours=3):%Y%m%dT%H%M%S}",
                      f"SUMMARY:Study group {n}: special", f"LOCATION:{PLACES[n % len(PLACES)]}",
                      "DTSTAMP:20261128T100000Z", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def timed(*args: str) -> float:
    """Run `python -m ugsite ARGS` and return its wall time in seconds."""
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "ugsite", *args, "--now", NOW], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--series", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ugsite-bench-") as scratch:
        folder = Path(scratch)
        source = folder / "feed.ics"
        source.write_text(feed(args.events, args.series), encoding="utf-8", newline="")
        site = folder / "site"
        first = timed("import", str(source), str(site), "--sync")
        again = timed("import", str(source), str(site), "--sync")
        text = source.read_text(encoding="utf-8").replace("SUMMARY:Meetup number 5\r", "SUMMARY:Meetup number five\r")
        source.write_text(text, encoding="utf-8", newline="")
        edited = timed("import", str(source), str(site), "--sync")
        (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
        build = timed("build", str(site))
        files = len(list((site / "events").glob("*.yaml")))
        print(f"calendar of {args.events} events ({args.series} repeating, {2 * args.series} changed meetings): "
              f"{files} event files")
        print(f"  import into a new site  {first:6.2f} s   (target: under 10 s)")
        print(f"  the same sync again     {again:6.2f} s")
        print(f"  sync after one change   {edited:6.2f} s")
        print(f"  build of the site       {build:6.2f} s")


if __name__ == "__main__":
    main()
