"""Plan the event outputs: lists, event and series pages, venues, calendars and feeds."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import TypedDict

from markupsafe import Markup

from ugsite.site import routes
from ugsite.events.event_display import event_countdown, event_when
from ugsite.events.month_grid import event_months, month_grids
from ugsite.events.event_links import (
    CalendarSubscription,
    calendar_subscription,
    google_calendar_link,
    map_link,
    outlook_calendar_link,
    webcal_link,
)
from ugsite.site.config import WEEKDAYS, Config
from ugsite.site.model import Event, Series, Site, Term
from ugsite.render.page_contexts import (
    EventContext,
    EventsContext,
    EventsMonthContext,
    EventTagContext,
    PageMeta,
    SeriesContext,
    SubscribeHelpContext,
    VenueContext,
    VenuesContext,
)
from ugsite.render.event_data import schema_file
from ugsite.render.outputs import BytesOutput, CalendarOutput, EventDataOutput, Output
from ugsite.render.plan_cards import card_url, event_card
from ugsite.render.plan_pages import PageFrame
from ugsite.render.structured_data import event_json_ld
from ugsite.render.theme import Theme
from ugsite.site.speech import N_, Speech
from ugsite.content.urls import Urls


# The calendar apps that have a page saying how to subscribe, with the name it gives each.
SUBSCRIBE_APPS = {  # said in the site's language where the words are not the app's name
    "apple": N_("Apple Calendar (iPhone, iPad and Mac)"),
    "google": N_("Google Calendar (Android and the web)"),
    "outlook": "Outlook.com and Microsoft 365",
    "thunderbird": "Thunderbird",
    "other": N_("other calendar apps"),
}


class CalendarLinks(TypedDict):
    """The fields of a CalendarContext: what every page of the events section offers."""

    calendar_url: str
    webcal_url: str
    now: datetime


def upcoming_events(site: Site) -> tuple[Event, ...]:
    """Return the events that have not ended at the build's moment, soonest first."""
    return tuple(e for e in site.events if e.end > site.now)


def past_events(site: Site) -> tuple[Event, ...]:
    """Return the events that have ended, most recent first."""
    return tuple(sorted((e for e in site.events if e.end <= site.now), key=lambda e: e.start, reverse=True))


def is_recap(event: Event, now: datetime) -> bool:
    """Say whether the event's page is a recap at `now`: it took place, has ended, and left something to show."""
    return (event.has_ended(now) and event.status not in ("cancelled", "postponed")
            and (event.recap is not None or bool(event.photos) or bool(event.talks)))


def announced_events(site: Site) -> tuple[Event, ...]:
    """Return the events with a file of their own, published by the build's moment, for feeds."""
    return tuple(e for e in site.events
                 if e.has_file and e.history.published is not None and e.history.published <= site.now)


def calendar_events(site: Site, events: tuple[Event, ...]) -> tuple[Event, ...]:
    """Keep upcoming events and those of the configured recent past."""
    since = site.now - timedelta(days=31 * site.config.calendar_past_months)
    return tuple(e for e in events if e.end >= since)


def plan_events(frame: PageFrame, theme: Theme) -> list[Output]:
    """Plan every event output: the pages first, then the calendars."""
    site, t = frame.site, frame.speech
    if not site.events and not site.series:
        return []
    urls = Urls(site.config.base_url)
    title = site.config.title
    calendars: list[Output] = [
        CalendarOutput(routes.CALENDAR, "calendar", title, calendar_events(site, site.events), site.series),
    ]
    calendar_url = urls.absolute(routes.CALENDAR)
    links = CalendarLinks(calendar_url=calendar_url, webcal_url=webcal_link(calendar_url), now=site.now)
    past_by_year: dict[int, list[Event]] = defaultdict(list)
    for event in past_events(site):
        past_by_year[event.start.year].append(event)
    subscription = calendar_subscription(calendar_url, title)
    pages: list[Output] = [
        frame.page(routes.EVENTS, "events/", EventsContext,
                   PageMeta(t.gettext("Events"), t.gettext("Meetups and workshops of %(site)s") % {"site": title},
                            routes.EVENTS, "events"), **links,
                   upcoming=upcoming_events(site),
                   past_years=tuple((year, tuple(past)) for year, past in sorted(past_by_year.items(), reverse=True)),
                   built=site.now.astimezone(site.config.zone).date(), subscribe=subscription),
        *_months(frame, links, subscription),
        *(frame.page(routes.subscribe_help(app), "the pages on how to subscribe", SubscribeHelpContext,
                     PageMeta(t.gettext("How to subscribe in %(app)s") % {"app": name},
                              t.gettext("Get the events of %(site)s in %(app)s, kept up to date")
                              % {"site": title, "app": name}, routes.subscribe_help(app), "subscribe-help"),
                     **links, app=app, subscribe=subscription) for app, name in ((a, t.gettext(n)) for a, n in SUBSCRIBE_APPS.items())),
    ]
    images: list[str | None] = []
    coming: dict[str, list[Event]] = defaultdict(list)  # the meetings of each series that have not ended
    for event in upcoming_events(site):
        if event.series is not None:
            coming[event.series.key].append(event)
    for event in site.events:
        card = event_card(event, site, t)
        image = event.image or card_url(card, site)
        images.append(image or frame.default_image)
        when, json_ld, google_url, outlook_url = frame.memo(
            "event page texts", (event, image or frame.default_image, site.config, t.tag, t.digest),
            lambda: _event_texts(event, image or frame.default_image, site.config, t))
        pages.append(frame.page(
            event.route, event.source, EventContext,
            PageMeta(event.title, f"{when}. {event.summary}".strip(), event.route, "event", image),
            **links, event=event, when=when, countdown=event_countdown(event, site.now, t),
            json_ld=Markup(json_ld), google_url=google_url, outlook_url=outlook_url,
            map_url=map_link(event.venue) if event.venue else None,
            series_next=tuple(e for e in coming.get(event.series.key if event.series else "", ())
                              if e.start > event.start)[:3],
            recap=is_recap(event, site.now)))
        calendars.append(CalendarOutput(routes.event_calendar(event.slug), event.source, event.title, (event,), (),
                                        standalone=event.series is not None))
        calendars += [card] if card else []
    calendars += [EventDataOutput(routes.EVENTS_JSON, "events", site.events, tuple(images)),
                  BytesOutput(routes.EVENTS_SCHEMA, "the schema of events.json", schema_file().read_bytes())]
    for series in site.series:
        page, calendar = _series(frame, series, urls, links)
        pages.append(page)
        calendars.append(calendar)
    for tag, (term, events) in sorted(_by_tag(site).items()):
        tagged = tuple(s for s in site.series if tag in {t.slug for t in s.tags})
        calendars.append(CalendarOutput(routes.tag_calendar(tag), f"events tagged {term.name}",
                                        f"{title}: {term.name}", calendar_events(site, events), tagged))
        if theme.has_template("event_tag.html"):
            pages.append(_event_tag(frame, term, events, urls, links))
    return pages + _venues(frame, theme) + calendars


def _event_texts(event: Event, image: str | None, config: Config, t: Speech) -> tuple[str, str, str, str]:
    """Return what an event's page says of it that takes long to work out: when it is, its JSON-LD, its calendar links.

    It reads only its arguments (the Memo of the plan keeps it under their digest).
    """
    page_url = Urls(config.base_url).absolute(event.route)
    return (event_when(event, t), event_json_ld(event, config, image),
            google_calendar_link(event, page_url, t), outlook_calendar_link(event, page_url, t))


def _months(frame: PageFrame, links: CalendarLinks, subscription: CalendarSubscription) -> list[Output]:
    """Plan a grid page for each month with events and for the build's month, which `events/calendar/` shows too."""
    site, t = frame.site, frame.speech
    today = site.now.astimezone(site.config.zone).date()
    this_month = (today.year, today.month)
    months = sorted({*event_months(site.events), this_month})
    grids = month_grids(site.events, months, week_start=WEEKDAYS.index(site.config.week_start), today=today,
                        site_zone=site.config.zone, speech=t)
    pages: list[Output] = []
    for month, grid in zip(months, grids):
        routes_of_month = (grid.route, routes.EVENTS_CALENDAR) if month == this_month else (grid.route,)
        for route in routes_of_month:
            meta = PageMeta(t.gettext("Events in %(month)s") % {"month": grid.title},
                            t.gettext("The events of %(site)s in %(month)s, day by day")
                            % {"site": site.config.title, "month": grid.title}, route, "events-month")
            pages.append(frame.page(route, "the month calendar of events", EventsMonthContext, meta, **links,
                                    grid=grid, subscribe=subscription))
    return pages


def _series(frame: PageFrame, series: Series, urls: Urls, links: CalendarLinks) -> tuple[Output, Output]:
    site = frame.site
    events = tuple(e for e in site.events if e.series is not None and e.series.key == series.key)
    route = routes.series_calendar(series.key)
    url = urls.absolute(route)
    page = frame.page(series.route, "data/series.yaml", SeriesContext,
                      PageMeta(series.title, series.summary or series.title, series.route, "series"), **links,
                      series=series, **_upcoming_and_past(events, site.now), series_calendar_url=url, series_webcal_url=webcal_link(url),
                      subscribe=calendar_subscription(url, series.title),
                      call=series.cfp if series.cfp is not None and series.cfp.is_open(site.now) else None)
    return page, CalendarOutput(route, "data/series.yaml", series.title, events, (series,))


def _event_tag(frame: PageFrame, tag: Term, events: tuple[Event, ...], urls: Urls, links: CalendarLinks) -> Output:
    site = frame.site
    route = routes.event_tag(tag.slug)
    url = urls.absolute(routes.tag_calendar(tag.slug))
    return frame.page(route, f"events tagged {tag.name}", EventTagContext,
                      PageMeta(tag.name, frame.speech.gettext("Events of %(site)s tagged %(tag)s")
                               % {"site": site.config.title, "tag": tag.name}, route, "event-tag"), **links,
                      tag=tag, **_upcoming_and_past(events, site.now), tag_calendar_url=url, subscribe=calendar_subscription(url, f"{site.config.title}: {tag.name}"))


class UpcomingAndPast(TypedDict):
    """The two lists of a page about some of the events: what is still to come, and what has ended."""

    upcoming: tuple[Event, ...]
    past: tuple[Event, ...]


def _upcoming_and_past(events: tuple[Event, ...], now: datetime) -> UpcomingAndPast:
    """Split events (in the site's order, by start) into those not yet ended, soonest first, and the rest, latest first."""
    return UpcomingAndPast(upcoming=tuple(e for e in events if e.end > now),
                           past=tuple(sorted((e for e in events if e.end <= now), key=lambda e: e.start, reverse=True)))


def _by_tag(site: Site) -> dict[str, tuple[Term, tuple[Event, ...]]]:
    found: dict[str, tuple[Term, list[Event]]] = {}
    for event in site.events:
        for tag in event.tags:
            found.setdefault(tag.slug, (tag, []))[1].append(event)
    return {k: (term, tuple(events)) for k, (term, events) in found.items()}


def _venues(frame: PageFrame, theme: Theme) -> list[Output]:
    site = frame.site
    if not site.venues or not theme.has_template("venue.html"):
        return []
    outputs: list[Output] = []
    for venue in site.venues:
        events = tuple(e for e in site.events if e.venue is not None and e.venue.key == venue.key)
        route = routes.venue(venue.key)
        outputs.append(frame.page(
            route, "data/venues.yaml", VenueContext,
            PageMeta(venue.name, ", ".join(p for p in (venue.address, venue.city) if p) or venue.name, route, "venue"),
            venue=venue, **_upcoming_and_past(events, site.now), map_url=map_link(venue)))
    if theme.has_template("venues.html"):
        outputs.append(frame.page(routes.VENUES, "data/venues.yaml", VenuesContext,
                                  PageMeta("Venues", f"Where {site.config.title} meets", routes.VENUES, "venues"),
                                  venues=site.venues))
    return outputs
