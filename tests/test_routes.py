"""Every address is decided in ugsite/site/routes.py: the built site's files are where it says."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE, build_site

from ugsite.site import routes


def test_the_fixed_routes_and_made_routes_are_the_files_a_build_writes(tmp_path: Path) -> None:
    site = Path(shutil.copytree(EXAMPLE, tmp_path / "site", ignore=shutil.ignore_patterns("public", ".ugsite-cache")))
    out = site / "public"
    assert build_site(site).written
    fixed = [routes.POSTS, routes.ARCHIVE, routes.EVENTS, routes.SPEAKERS, routes.SPONSORS, routes.VENUES,
             routes.NOT_FOUND, routes.SITEMAP, routes.ROBOTS, routes.FEED, routes.ATOM, routes.CALENDAR,
             routes.EVENTS_FEED, routes.EVENTS_ATOM, routes.EVENTS_CALENDAR, routes.FEED_JSON, routes.EVENTS_FEED_JSON,
             routes.EVENTS_JSON, routes.EVENTS_SCHEMA, routes.terms("tags")]
    for route in fixed:
        assert (out / route / "index.html").is_file() if route.endswith("/") else (out / route).is_file(), route
    venue = next((out / "venues").iterdir()).name
    assert (out / routes.venue(venue) / "index.html").is_file()
    event = next(p.name for p in (out / "events").iterdir() if (p / "event.ics").is_file())
    assert (out / routes.event_calendar(event)).is_file()
    assert (out / routes.event_month(2027, 6) / "index.html").is_file()
    assert (out / routes.subscribe_help("thunderbird") / "index.html").is_file()
    tag = next((out / "events" / "tags").iterdir()).name
    assert (out / routes.event_tag(tag) / "index.html").is_file() and (out / routes.tag_calendar(tag)).is_file()


def test_templates_see_the_routes_by_name() -> None:
    seen = routes.for_templates()
    assert seen["FEED"] == routes.FEED and seen["CALENDAR"] == routes.CALENDAR
    assert seen["venue"]("harbor") == "venues/harbor/"  # type: ignore[operator]
    assert routes.list_page("tags/python/", 1) == "tags/python/"
    assert routes.list_page("tags/python/", 3) == "tags/python/page/3/"


def test_an_event_tag_has_a_page_with_its_calendar_inside(tmp_path: Path) -> None:
    assert routes.event_tag("open-source") == "events/tags/open-source/"
    assert routes.tag_calendar("open-source") == routes.event_tag("open-source") + "calendar.ics"
    assert routes.for_templates()["event_tag"] is routes.event_tag
