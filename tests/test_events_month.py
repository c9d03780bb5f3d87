"""The events' month grid and the pages that say how to subscribe: routes, days, cells, and what they link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import html5lib
from conftest import NOW, build_site, messages

from ugsite.site.speech import english
from ugsite.events.month_grid import event_days, month_grids
from ugsite.pipeline.load import load_site
from ugsite.site import routes
from ugsite.site.config import load_config
from ugsite.site.model import Site

SiteMaker = Callable[..., Path]
BERLIN = ZoneInfo("Europe/Berlin")
# The test sites are in Europe/Berlin and built at 2026-11-01 00:00 UTC: 1 November there.
EVENTS = {
    "events/2026-11-11-meetup.yaml": "title: November meetup\nstart: 2026-11-11 18:30\n",
    "events/2026-11-14-late.yaml": "title: Late in New York\nstart: 2026-11-14 23:30\ntimezone: America/New_York\nduration: 20m\n",
    "events/2026-11-20-gone.yaml": "title: Gone\nstart: 2026-11-20 19:00\nstatus: cancelled\n",
    "events/2026-11-28-camp.yaml": "title: Code camp\nstart: 2026-11-28\nend: 2026-11-30\n",
    "events/2026-11-30-night.yaml": "title: Night hack\nstart: 2026-11-30 22:00\nend: 2026-12-01 02:00\n",
    "events/2026-12-24-eve.yaml": "title: Quiet evening\nstart: 2026-12-24\n",
    "events/2027-02-03-far.yaml": "title: Far ahead\nstart: 2027-02-03 19:00\n",
}


def _page(root: Path, route: str) -> ElementTree.Element:
    text = (root / "public" / route / "index.html").read_text(encoding="utf-8")
    return html5lib.parse(text, namespaceHTMLElements=False)  # type: ignore[no-any-return]


def _text(element: ElementTree.Element | None) -> str:
    assert element is not None
    return " ".join("".join(element.itertext()).split())


def _cells(page: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """Return the grid's day cells by the date their `<time>` gives."""
    found = {}
    for cell in page.iter("td"):
        time = cell.find(".//time")
        if time is not None:
            found[time.get("datetime", "")] = cell
    return found


def _entries(cell: ElementTree.Element) -> list[str]:
    return [_text(li) for li in cell.iter("li")]


def test_the_routes_of_the_month_grid_and_the_help_pages() -> None:
    assert routes.EVENTS_CALENDAR == "events/calendar/"
    assert routes.event_month(2026, 3) == "events/calendar/2026-03/"
    assert routes.subscribe_help("google") == "events/subscribe/google/"
    assert routes.for_templates()["event_month"] is routes.event_month
    assert routes.for_templates()["subscribe_help"] is routes.subscribe_help


def _site(make_site: SiteMaker, files: dict[str, str]) -> Site:
    config, problems = load_config(make_site(files))
    assert config is not None, problems
    site, found = load_site(config, now=NOW)
    assert site is not None, found
    return site


def test_an_event_covers_the_days_of_its_own_zone_and_an_end_at_midnight_stays_on_its_day(make_site: SiteMaker) -> None:
    site = _site(make_site, {**EVENTS, "events/2026-11-12-to-midnight.yaml":
                             "title: To midnight\nstart: 2026-11-12 20:00\nend: 2026-11-13 00:00\n"})
    days = {e.title: event_days(e) for e in site.events}
    assert days["Late in New York"] == [date(2026, 11, 14)]  # 05:30 of the 15th in Berlin, 04:30 in UTC
    assert days["Code camp"] == [date(2026, 11, 28), date(2026, 11, 29), date(2026, 11, 30)]
    assert days["Night hack"] == [date(2026, 11, 30), date(2026, 12, 1)]
    assert days["To midnight"] == [date(2026, 11, 12)]
    assert days["Quiet evening"] == [date(2026, 12, 24)]


def test_weeks_start_on_the_configured_day_and_the_grid_links_its_neighbours(make_site: SiteMaker) -> None:
    site = _site(make_site, EVENTS)
    months = [(2026, 11), (2026, 12)]
    monday, sunday = (month_grids(site.events, months, week_start=start, today=date(2026, 11, 1), site_zone=BERLIN,
                                       speech=english())
                      for start in (0, 6))
    assert monday[0].weekdays[0] == "Monday" and sunday[0].weekdays[0] == "Sunday"
    # 1 November 2026 is a Sunday: the last column of a Monday week, the first of a Sunday week.
    assert monday[0].weeks[0][6].day == date(2026, 11, 1) and not monday[0].weeks[0][0].in_month
    assert sunday[0].weeks[0][0].day == date(2026, 11, 1) and sunday[0].weeks[0][0].today
    assert all(len(week) == 7 for week in monday[0].weeks)
    assert monday[0].previous is None and monday[0].next is not None and monday[0].next.route == "events/calendar/2026-12/"
    assert monday[1].previous is not None and monday[1].previous.title == "November 2026" and monday[1].next is None
    assert monday[0].current and not monday[1].current
    assert monday[0].count == 5 and monday[1].count == 2  # the night hack reaches into December


def test_the_month_grid_pages_show_each_day_its_events(make_site: SiteMaker) -> None:
    root = make_site(EVENTS)
    report = build_site(root)
    assert report.written, messages(report)
    built = sorted(p.name for p in (root / "public/events/calendar").iterdir() if p.is_dir())
    assert built == ["2026-11", "2026-12", "2027-02"]  # the months with events (January has none)
    page = _page(root, "events/calendar/2026-11/")
    assert _text(page.find(".//h1")) == "November 2026"
    table = page.find(".//table")
    assert table is not None and _text(table.find("caption")) == "5 events in November 2026"
    assert [_text(th.find("span[@class='visually-hidden']")) for th in table.iter("th")] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert all(th.get("scope") == "col" for th in table.iter("th"))
    cells = _cells(page)
    assert len(cells) == 30  # the days of other months are empty cells
    assert _entries(cells["2026-11-11"]) == ["6:30 PM November meetup"]
    assert _entries(cells["2026-11-14"]) == ["11:30 PM EST Late in New York"]  # on its own day, in its own zone
    assert _entries(cells["2026-11-15"]) == []
    assert _entries(cells["2026-11-20"]) == ["7:00 PM Gone Cancelled"]
    assert cells["2026-11-20"].find(".//s") is not None
    assert _entries(cells["2026-11-29"]) == ["All day Code camp (day 2 of 3)"]
    assert _entries(cells["2026-11-30"]) == ["All day Code camp (day 3 of 3)", "10:00 PM Night hack (day 1 of 2)"]
    assert _entries(cells["2026-11-12"]) == []
    link = next(a for a in cells["2026-11-11"].iter("a"))
    assert link.get("href") == "/group-site/events/2026-11-11-meetup/"
    today = cells["2026-11-01"]
    assert today.get("aria-current") == "date" and "Today" in _text(today)
    assert [c for c in cells.values() if c.get("aria-current")] == [today]
    december = _cells(_page(root, "events/calendar/2026-12/"))
    assert _entries(december["2026-12-01"]) == ["Until 2:00 AM Night hack (day 2 of 2)"]
    assert _entries(december["2026-12-24"]) == ["All day Quiet evening"]
    assert not any(c.get("aria-current") for c in december.values())
    pager = {_text(a): a.get("href") for a in _page(root, "events/calendar/2026-12/").iter("a") if a.get("rel")}
    assert pager == {"← November 2026": "/group-site/events/calendar/2026-11/",
                     "February 2027 →": "/group-site/events/calendar/2027-02/"}


def test_the_calendar_shows_the_builds_month_and_links_to_the_list_and_back(make_site: SiteMaker) -> None:
    root = make_site(EVENTS)
    assert build_site(root).written
    this_month = (root / "public/events/calendar/index.html").read_text(encoding="utf-8")
    dated = (root / "public/events/calendar/2026-11/index.html").read_text(encoding="utf-8")
    canonical = 'rel="canonical" href="https://org.github.io/group-site/events/calendar/2026-11/"'
    assert canonical in dated and canonical.replace("2026-11/", "") in this_month
    here = 'https://org.github.io/group-site/events/calendar/"'  # its canonical and og:url: the rest is the same page
    assert this_month.replace(here, here.replace('/"', '/2026-11/"')) == dated
    for route, current in (("events/", "List"), ("events/calendar/", "Month")):
        views = _page(root, route).find(".//nav[@class='view-switch']")
        assert views is not None
        assert {a.text: a.get("href") for a in views.iter("a")} == {
            "List": "/group-site/events/", "Month": "/group-site/events/calendar/"}
        assert [a.text for a in views.iter("a") if a.get("aria-current")] == [current]
    # Built in a month without events, the calendar still opens on it, and leads on.
    report = build_site(root, now=datetime(2027, 1, 10, 12, tzinfo=timezone.utc))
    assert report.written, messages(report)
    january = _page(root, "events/calendar/")
    assert _text(january.find(".//h1")) == "January 2027"
    assert _text(january.find(".//caption")) == "No events in January 2027"
    assert "Next: February 2027." in _text(january.find(".//p[@class='month-empty']"))
    assert (root / "public/events/calendar/2027-01/index.html").is_file()
    assert "This month" in _text(_page(root, "events/calendar/2026-11/").find(".//nav[@class='month-pager']"))


def test_week_start_is_a_setting_and_a_wrong_day_is_an_error_with_a_suggestion(make_site: SiteMaker) -> None:
    root = make_site({**EVENTS, "ugsite.yaml": "title: G\nbase_url: https://e.org/\ntimezone: Europe/Berlin\n"
                                                "week_start: Sunday\n"})
    assert build_site(root).written
    first = _page(root, "events/calendar/").find(".//th/span[@class='visually-hidden']")
    assert _text(first) == "Sunday"
    (root / "ugsite.yaml").write_text("title: G\nbase_url: https://e.org/\nweek_start: sundy\n", encoding="utf-8")
    report = build_site(root)
    assert messages(report) == ["ugsite.yaml:3: error: 'week_start' must be the name of a day, not 'sundy'"]
    assert report.problems[0].hint == "did you mean 'sunday'?"


def test_a_how_to_page_per_app_with_the_sites_own_address_linked_from_every_subscribe_panel(make_site: SiteMaker) -> None:
    root = make_site({**EVENTS, "data/series.yaml":
                      "monthly:\n  title: Monthly\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n  start: '2026-09-09 18:30'\n",
                      "events/2026-11-11-meetup.yaml": "title: November meetup\nstart: 2026-11-11 18:30\ntags: [Talks]\n"})
    report = build_site(root)
    assert report.written, messages(report)
    url = "https://org.github.io/group-site/calendar.ics"
    webcal = "webcal://org.github.io/group-site/calendar.ics"
    expected = {
        "apple": ("Apple Calendar", webcal, "Add Subscribed Calendar"),
        "google": ("Google Calendar", "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Forg.github.io%2Fgroup-site%2Fcalendar.ics", "From URL"),
        "outlook": ("Outlook.com", "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Forg.github.io%2Fgroup-site%2Fcalendar.ics&name=Test%20Group", "Subscribe from web"),
        "thunderbird": ("Thunderbird", None, "On the Network"),
        "other": ("other calendar apps", webcal, "Import is not subscribe"),
    }
    for app, (name, link, step) in expected.items():
        page = _page(root, routes.subscribe_help(app))
        assert name in _text(page.find(".//h1")), app
        assert page.find(".//input[@data-ug-copy]").get("value") == url, app  # type: ignore[union-attr]
        text = _text(page.find(".//main"))
        assert step in text and "Test Group" in text, app
        if link is not None:
            assert link in {a.get("href") for a in page.iter("a")} | {c.text for c in page.iter("code")}, app
        assert [a.text for a in page.iter("a") if a.get("aria-current") == "page"] != [], app
    for route in ("", "events/", "events/calendar/", routes.series("monthly"), routes.event_tag("talks")):
        panel = _page(root, route).find(".//details[@class='subscribe-panel']")
        assert panel is not None, route
        help_links = {a.get("href") for a in panel.iter("a") if "/events/subscribe/" in (a.get("href") or "")}
        assert help_links == {f"/group-site/events/subscribe/{app}/" for app in expected}, route


def test_an_event_whose_address_is_the_calendars_is_an_error_naming_both(make_site: SiteMaker) -> None:
    root = make_site({"events/calendar.yaml": "title: T\nstart: 2026-11-11 18:00\n"})
    report = build_site(root)
    assert messages(report) == ["events/calendar.yaml: error: events/calendar.yaml and the month calendar of events "
                                "would both write events/calendar/index.html"]
