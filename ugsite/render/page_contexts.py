"""The variables each template receives: one frozen dataclass per kind of page.

A template sees a context's fields as its variables, each by its name and as it is
(`TemplateContext.variables`). Each field's docstring is its entry in the README's
reference of templates (ugsite.render.template_reference writes it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Literal

from markupsafe import Markup

from ugsite.events.event_links import CalendarSubscription
from ugsite.events.month_grid import MonthGrid
from ugsite.render.pagination import Pagination
from ugsite.site.model import CallForSpeakers, Event, Job, Page, Post, Series, Site, Speaker, Sponsor, Talk, Term, Venue


@dataclass(frozen=True)
class PageMeta:
    """What the `<head>` of an HTML page says about it."""

    title: str
    """its title"""
    description: str
    """its summary for search engines and link previews (may be empty)"""
    route: str
    """its route: its path under the base path (`posts/`; empty for the home page)"""
    kind: str
    """which kind of page it is: `home`, `post`, `page`, `list`, `terms`, `archive`, `404`, `search`,
    `speakers`, `speaker`, `sponsors`, `events`, `events-month`, `subscribe-help`, `event`, `series`, `event-tag`,
    `venue`, `venues`, `jobs` or `cfp`"""
    image: str | None = None
    """the URL of its image for link previews: its own, else the card ugsite draws for an event or post,
    else the site's `image`; or none"""
    published: datetime | None = None
    """when it was published (posts and pages with a date), or none"""
    modified: datetime | None = None
    """when it was last changed (`updated:`), or none"""
    languages: tuple[LanguageLink, ...] = ()
    """on a site in two or more languages: a link to this page in each language (each `language`, `name`, `url`,
    `translated`, `current`), for the language switcher and the `hreflang` alternates; else empty"""
    original: str | None = None
    """the URL of the page this one shows untranslated, in the default language (its canonical address), or none"""


@dataclass(frozen=True)
class LanguageLink:
    """This page in one of the site's languages, for the language switcher."""

    language: str
    """the language's BCP 47 tag (`pl`)"""
    name: str
    """the language's name in that language (`Polski`)"""
    url: str
    """the URL of this page in that language (`/en/posts/x/`; `|absolute` makes it whole); of that language's home
    page if it is not translated"""
    translated: bool
    """whether this page is written in that language (`url` is then an `hreflang` alternate)"""
    current: bool
    """whether it is this page's language"""


@dataclass(frozen=True)
class NavLink:
    """A resolved navigation entry."""

    title: str
    """the text of the link"""
    url: str
    """its URL (under the base path, or an outside address)"""
    route: str | None
    """the route it leads to, or none for an outside address"""
    language: str = ""
    """the language of a page's title when it is not the site's (an untranslated page), else empty"""


@dataclass(frozen=True)
class TermGroup:
    """A tag or category with the posts that carry it."""

    term: Term
    """the tag or category (`name`, `slug`, `route`, `kind`)"""
    posts: tuple[Post, ...]
    """the posts that carry it, newest first"""


@dataclass(frozen=True)
class GivenTalk:
    """A talk a speaker gave, with the event it was part of."""

    talk: Talk
    """the talk (`title`, `speakers`, `description_html`, `language`, and its material: `slides`, `video`, `code`,
    `photos`, or all of them at once as `material`, (name, URL) pairs)"""
    event: Event
    """the event it was given at"""


@dataclass(frozen=True)
class TemplateContext:
    """What every template receives."""

    template: ClassVar[str]  # the template this kind of page is rendered with

    site: Site
    """the whole site (below)"""

    def variables(self) -> dict[str, Any]:
        """Return the template's variables: each field by its name, its value as it is."""
        return {name: getattr(self, name) for name in _field_names(type(self))}


@dataclass(frozen=True)
class CommonContext(TemplateContext):
    """What every template of the site's own pages receives (all but `redirect.html`)."""

    nav: tuple[NavLink, ...]
    """the menu, a list of links"""
    people: Mapping[str, Speaker]
    """speakers by key and by name, to link authors"""


@dataclass(frozen=True)
class FrameContext(CommonContext):
    """What every HTML page, and so `base.html`, the frame they extend, receives."""

    meta: PageMeta
    """this page, as its `<head>` describes it"""


@dataclass(frozen=True)
class HomeContext(FrameContext):
    """The home page."""

    template = "home.html"

    posts: tuple[Post, ...]
    """the latest five posts"""
    intro_html: str
    """the introduction (`pages/_index.md`, else `intro` in `ugsite.yaml`), as HTML; may be empty"""
    upcoming: tuple[Event, ...]
    """the next three events that have not ended, soonest first"""
    next_event: Event | None
    """the first event that has not ended and is not cancelled (the home page's hero card), or none"""
    built: date
    """the day of the build, in the site's time zone"""
    subscribe: CalendarSubscription | None
    """the ways to subscribe to the site's calendar, or none if it has no events"""
    calls: tuple[CallForSpeakers, ...]
    """the calls for speakers open at the build's moment, the site's first, then the series'"""
    first_time: Page | None
    """the "First time here?" page (`pages/first-time.md`, which `ugsite init` writes), or none"""


@dataclass(frozen=True)
class PostContext(FrameContext):
    """A post."""

    template = "post.html"

    post: Post
    """the post"""
    newer: Post | None
    """the next newer post, or none"""
    older: Post | None
    """the next older post, or none"""
    recap_of: tuple[Event, ...] = ()
    """the events whose `recap:` is this post, earliest first"""


@dataclass(frozen=True)
class PageContext(FrameContext):
    """A page (`pages/`)."""

    template = "page.html"

    page: Page
    """the page"""


@dataclass(frozen=True)
class ListContext(FrameContext):
    """One page of the list of all posts, or of the posts of a tag or category."""

    template = "list.html"

    pagination: Pagination[Post]
    """this page of the list"""
    term: Term | None
    """the tag or category listed (`name`, `slug`, `route`, `kind`), or none for all posts"""


@dataclass(frozen=True)
class TermsContext(FrameContext):
    """Every tag, or every category."""

    template = "terms.html"

    groups: tuple[TermGroup, ...]
    """each tag or category with its posts, by slug"""
    kind: Literal["tags", "categories"]
    """`tags` or `categories`"""


@dataclass(frozen=True)
class ArchiveContext(FrameContext):
    """Every post by year."""

    template = "archive.html"

    years: tuple[tuple[int, tuple[Post, ...]], ...]
    """pairs of a year and its posts, the newest year first"""
    undated: tuple[Post, ...]
    """the posts without a date"""


@dataclass(frozen=True)
class NotFoundContext(FrameContext):
    """The page a server shows for an address it does not have."""

    template = "404.html"


@dataclass(frozen=True)
class SearchContext(FrameContext):
    """The search page (with `search: true`)."""

    template = "search.html"


@dataclass(frozen=True)
class SpeakersContext(FrameContext):
    """Every speaker (`data/speakers.yaml`)."""

    template = "speakers.html"

    speakers: tuple[Speaker, ...]
    """every speaker"""


@dataclass(frozen=True)
class SpeakerContext(FrameContext):
    """A speaker."""

    template = "speaker.html"

    speaker: Speaker
    """the speaker"""
    posts: tuple[Post, ...]
    """the posts they wrote (by key or name in `authors`), newest first"""
    events: tuple[Event, ...]
    """the events they speak at, earliest first"""
    now: datetime
    """the build's moment"""
    past_talks: tuple[GivenTalk, ...] = ()
    """the talks they gave at events that have ended at the build's moment, latest first"""


@dataclass(frozen=True)
class SponsorsContext(FrameContext):
    """Every sponsor (`data/sponsors.yaml`)."""

    template = "sponsors.html"

    sponsors: tuple[Sponsor, ...]
    """every sponsor"""


@dataclass(frozen=True)
class JobsContext(FrameContext):
    """The job openings of `jobs/` (the "Who's hiring" page)."""

    template = "jobs.html"

    openings: tuple[Job, ...]
    """the openings posted and not expired at the build's moment, newest first (each `title`, `organization`,
    `link`, `location`, `remote`, `posted`, `expires` (or none), `sponsor` (or none), `description_html`,
    `anchor`, `extra`)"""
    json_ld: Mapping[str, Markup]
    """each opening's schema.org JobPosting as JSON-LD, by its `anchor`, safe inside `<script>`"""


@dataclass(frozen=True)
class CfpContext(FrameContext):
    """The call for speakers page (`/cfp/`)."""

    template = "cfp.html"

    calls: tuple[CallForSpeakers, ...]
    """the calls for speakers open at the build's moment, the site's first (each `owner`, `series_key`, `opens`,
    `closes`, `last_day`, `url`, `text_html`, `anchor`)"""
    unscheduled: tuple[Talk, ...]
    """the accepted talks (files of `talks/`) that no event names yet, by key"""


@dataclass(frozen=True)
class CalendarContext(FrameContext):
    """A page of the events section, which offers the site's calendar."""

    calendar_url: str
    """the absolute URL of the site's calendar (`calendar.ics`)"""
    webcal_url: str
    """the same as a `webcal://` link, which calendar apps subscribe to"""
    now: datetime
    """the build's moment"""


@dataclass(frozen=True)
class EventsContext(CalendarContext):
    """Every event."""

    template = "events.html"

    upcoming: tuple[Event, ...]
    """the events that have not ended, soonest first"""
    past_years: tuple[tuple[int, tuple[Event, ...]], ...]
    """pairs of a year and its past events, the most recent first"""
    built: date
    """the day of the build, in the site's time zone"""
    subscribe: CalendarSubscription
    """the ways to subscribe to the site's calendar"""


@dataclass(frozen=True)
class EventsMonthContext(CalendarContext):
    """A month of events as a grid of weeks (`events/calendar/2026-11/`; `events/calendar/` is the build's month)."""

    template = "events_month.html"

    grid: MonthGrid
    """the month"""
    subscribe: CalendarSubscription
    """the ways to subscribe to the site's calendar"""


@dataclass(frozen=True)
class SubscribeHelpContext(CalendarContext):
    """How to subscribe to the site's calendar in one calendar app (`events/subscribe/APP/`)."""

    template = "subscribe_help.html"

    app: str
    """which app: `apple`, `google`, `outlook`, `thunderbird` or `other`"""
    subscribe: CalendarSubscription
    """the ways to subscribe to the site's calendar"""


@dataclass(frozen=True)
class EventContext(CalendarContext):
    """An event."""

    template = "event.html"

    event: Event
    """the event"""
    when: str
    """when it happens, in its own time zone ("Wednesday 11 November 2026, 18:30–21:00 EST")"""
    countdown: str
    """how soon it is at the build's moment ("Happening in 3 days.", "This event has ended."); js/events.js
    says it again from the reader's clock"""
    json_ld: Markup
    """its schema.org Event, as JSON-LD"""
    google_url: str
    """a link that adds it to a Google calendar"""
    outlook_url: str
    """a link that adds it to an Outlook calendar"""
    map_url: str | None
    """an OpenStreetMap link to its venue, or none"""
    series_next: tuple[Event, ...] = ()
    """the next meetings of its series after it that have not ended at the build's moment (up to three)"""
    recap: bool = False
    """whether the page is a recap: the event has ended at the build's moment (and was not cancelled or postponed),
    and it has a recap post, photos or talks to show under "What happened" (which then opens the page)"""


@dataclass(frozen=True)
class SeriesContext(CalendarContext):
    """A recurring event (`data/series.yaml`)."""

    template = "series.html"

    series: Series
    """the series"""
    upcoming: tuple[Event, ...]
    """its meetings that have not ended, soonest first"""
    past: tuple[Event, ...]
    """its meetings that have ended, the most recent first"""
    series_calendar_url: str
    """the absolute URL of the series' own calendar"""
    series_webcal_url: str
    """the same as a `webcal://` link"""
    subscribe: CalendarSubscription
    """the ways to subscribe to the series' own calendar"""
    call: CallForSpeakers | None
    """the series' own call for speakers, if it is open at the build's moment"""


@dataclass(frozen=True)
class EventTagContext(CalendarContext):
    """The events with one tag (`tags:` of event files and series)."""

    template = "event_tag.html"

    tag: Term
    """the tag (`name`, `slug`)"""
    upcoming: tuple[Event, ...]
    """its events that have not ended, soonest first"""
    past: tuple[Event, ...]
    """its events that have ended, the most recent first"""
    tag_calendar_url: str
    """the absolute URL of the tag's own calendar"""
    subscribe: CalendarSubscription
    """the ways to subscribe to the tag's own calendar"""


@dataclass(frozen=True)
class VenueContext(FrameContext):
    """A venue (`data/venues.yaml`)."""

    template = "venue.html"

    venue: Venue
    """the venue"""
    upcoming: tuple[Event, ...]
    """the events there that have not ended, soonest first"""
    past: tuple[Event, ...]
    """the events there that have ended, the most recent first"""
    map_url: str | None
    """an OpenStreetMap link to it, or none"""


@dataclass(frozen=True)
class VenuesContext(FrameContext):
    """Every venue."""

    template = "venues.html"

    venues: tuple[Venue, ...]
    """every venue"""


@dataclass(frozen=True)
class SitemapContext(CommonContext):
    """The list of pages for search engines."""

    template = "sitemap.xml"

    pages: tuple[PageMeta, ...]
    """the `meta` of every post, every page, and every other page that is a folder's `index.html`"""


@dataclass(frozen=True)
class RobotsContext(CommonContext):
    """What crawlers may read, and where the sitemap is."""

    template = "robots.txt"


@dataclass(frozen=True)
class RedirectContext(TemplateContext):
    """An old address (`aliases:`) that sends readers on."""

    template = "redirect.html"

    target: str
    """the route of the page's address now"""
    title: str
    """the title of that page"""


_FIELD_NAMES: dict[type[TemplateContext], tuple[str, ...]] = {}


def _field_names(kind: type[TemplateContext]) -> tuple[str, ...]:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return _FIELD_NAMES[kind]
