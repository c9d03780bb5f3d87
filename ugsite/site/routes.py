"""Every address of a built site, decided in one place.

A route is a path under the site's base URL, without a leading slash: "" is the home page, a
folder's route ends in "/" (its page is that folder's index.html), a file's route is its
path. The model's `route` properties, the loader (which must know routes before every file
is read, for links between them), the plan of outputs, pagination and the templates (the
`routes` global: `url(routes.FEED)`, `url(routes.venue(key))`) all take their addresses from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

HOME = ""
POSTS = "posts/"
ARCHIVE = "archive/"
EVENTS = "events/"
SPEAKERS = "speakers/"
SPONSORS = "sponsors/"
VENUES = "venues/"
SEARCH = "search/"
SEARCH_INDEX = "pagefind/"  # the search index (Pagefind), one for every language of the site
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FEED = "feed.xml"
ATOM = "atom.xml"
CALENDAR = "calendar.ics"
EVENTS_FEED = "events/feed.xml"
EVENTS_ATOM = "events/atom.xml"
EVENTS_CALENDAR = "events/calendar/"
FEED_JSON = "feed.json"  # JSON Feed 1.1
EVENTS_FEED_JSON = "events/feed.json"
EVENTS_JSON = "events.json"  # every event as data, described by EVENTS_SCHEMA
EVENTS_SCHEMA = "events.schema.json"
REMINDERS = "events/reminders.xml"
REMINDERS_ATOM = "events/reminders-atom.xml"
JOBS = "jobs/"
FIRST_TIME = "first-time/"  # the page `pages/first-time.md`, which the home page links to when it exists
JOBS_FEED = "jobs/feed.xml"
CFP = "cfp/"
CFP_FEED = "cfp/feed.xml"


def terms(kind: str) -> str:
    """Return the route of the page listing every tag or category (`kind` is "tags" or "categories")."""
    return f"{kind}/"


def term(kind: str, slug: str) -> str:
    """Return the route of a tag's or category's list page, e.g. `tags/python/`."""
    return f"{kind}/{slug}/"


def feed_of(list_route: str) -> str:
    """Return the route of the RSS feed beside a list page (a tag's: `tags/python/feed.xml`)."""
    return f"{list_route}feed.xml"


def list_page(first: str, number: int) -> str:
    """Return the route of page `number` of a list whose first page is at `first`."""
    return first if number == 1 else f"{first}page/{number}/"


def page(folders: list[str], slug: str) -> str:
    """Return the route of a page in `pages/`, below the (slugified) folders it lies in."""
    return "/".join([*folders, slug]) + "/"


def post(permalink: str, slug: str, local: datetime | None, categories: list[str], title: str, filename: str) -> str:
    """Return the route of a post from the site's permalink pattern (`local`: its date in the site's zone)."""
    route = permalink.format(
        slug=slug,
        year=f"{local.year:04d}" if local else "",
        month=f"{local.month:02d}" if local else "",
        day=f"{local.day:02d}" if local else "",
        categories="/".join(categories),
        title=title,
        filename=filename,
    )
    return _SLASHES.sub("/", route).lstrip("/")  # no categories: no empty segment, as Jekyll does it


_SLASHES = re.compile(r"/{2,}")


def undated_post(slug: str) -> str:
    """Return the route of a post whose permalink needs a date it does not have (an error is reported)."""
    return f"{POSTS}{slug}/"


def speaker(key: str) -> str:
    """Return the route of a speaker's page."""
    return f"{SPEAKERS}{key}/"


def venue(key: str) -> str:
    """Return the route of a venue's page."""
    return f"{VENUES}{key}/"


def series(key: str) -> str:
    """Return the route of a series' page."""
    return f"{EVENTS}series/{key}/"


def series_calendar(key: str) -> str:
    """Return the route of a series' own calendar."""
    return f"{series(key)}calendar.ics"


def event(slug: str) -> str:
    """Return the route of an event's page."""
    return f"{EVENTS}{slug}/"


def occurrence_slug(series_key: str, day: date) -> str:
    """Return the slug of the meeting of a series on `day`."""
    return f"{series_key}-{day.isoformat()}"


def event_calendar(slug: str) -> str:
    """Return the route of the one-event calendar an event's page offers."""
    return f"{event(slug)}event.ics"


def card(page_route: str) -> str:
    """Return the route of the link preview card of the page at `page_route` (a folder, or a file such as `x.html`)."""
    if page_route == "" or page_route.endswith("/"):
        return f"{page_route}card.png"
    return f"{page_route.rsplit('.', 1)[0]}.card.png"


def event_tag(tag_slug: str) -> str:
    """Return the route of the page of the events with one tag, e.g. `events/tags/workshops/`."""
    return f"{EVENTS}tags/{tag_slug}/"


def tag_calendar(tag_slug: str) -> str:
    """Return the route of the calendar of the events with one tag."""
    return f"{event_tag(tag_slug)}calendar.ics"


def event_month(year: int, month: int) -> str:
    """Return the route of the month grid of the events of one month, e.g. `events/calendar/2026-11/`."""
    return f"{EVENTS_CALENDAR}{year:04d}-{month:02d}/"


def subscribe_help(app: str) -> str:
    """Return the route of the page that says how to subscribe in one calendar app, e.g. `events/subscribe/google/`."""
    return f"{EVENTS}subscribe/{app}/"


def job_anchor(slug: str) -> str:
    """Return the id of a job opening on the jobs page (`jobs/#job-SLUG`)."""
    return f"job-{slug}"


def for_templates() -> Mapping[str, object]:
    """Return what templates see as `routes`: the fixed routes by name, and the functions above."""
    fixed = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
    functions = (terms, term, feed_of, list_page, speaker, venue, series, series_calendar, event, event_calendar,
                 event_tag, tag_calendar, event_month, subscribe_help)
    return MappingProxyType(fixed | {f.__name__: f for f in functions})
