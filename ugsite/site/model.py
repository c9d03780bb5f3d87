"""The site model: complete, frozen objects that the loader builds and templates only read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Literal

from ugsite.site import routes
from ugsite.site.config import Config
from ugsite.site.held_back import HeldBack


@dataclass(frozen=True)
class Term:
    """A tag or a category, with the slug its list page lives under."""

    kind: Literal["tags", "categories"]
    name: str
    slug: str

    @property
    def route(self) -> str:
        """Return the route of this term's list page, e.g. `tags/python/`."""
        return routes.term(self.kind, self.slug)


WORDS_PER_MINUTE = 220  # a usual silent reading speed of English prose


@dataclass(frozen=True)
class Picture:
    """An image of the site's own (under static/): its size, and the srcsets of its resized copies."""

    width: int
    height: int
    srcset: str = ""  # copies in its own format, ending with the image itself ("" when it has none)
    webp: str = ""  # its WebP copies


@dataclass(frozen=True)
class Document:
    """A Markdown post or page, its front matter validated and its body rendered."""

    source: str
    title: str
    slug: str
    route: str
    # Its HTML (`html`), or what reads it when first asked for: the HTML of a body the build
    # cache vouched for is read from there only if a page that shows it is rendered.
    body_html: str | Callable[[], str]
    summary: str
    description: str
    date: datetime | None
    updated: datetime | None
    tags: tuple[Term, ...]
    categories: tuple[Term, ...]
    authors: tuple[str, ...]
    image: str | None
    draft: bool
    extra: Mapping[str, Any]
    # Old addresses (routes) that redirect here, from `aliases:`.
    aliases: tuple[str, ...] = ()
    # Links of the body that led nowhere on the old site either, from `broken_links:` (written by
    # `ugsite import`): `check --links` counts them apart from links a change broke.
    broken_links: tuple[str, ...] = ()
    # Dated after the build's moment (built with --future, as `serve` does): a normal build
    # leaves it out, so the theme marks it.
    scheduled: bool = False
    # A digest of all the document is made from: its file's bytes and path, the settings, and
    # the facts its Markdown depends on (routes, static files, image sizes). Equal origins mean
    # equal documents, which spares the build cache hashing every page's HTML. "" if unknown.
    origin: str = ""
    # The words of its rendered text (code included), for the reading time.
    words: int = 0
    # Its image's size and resized copies, when the image is one of the site's own files.
    picture: Picture | None = None
    # Its language (a BCP 47 tag): its `language:`, else the site's.
    language: str = "en"
    # On a site in two or more languages: the language whose part of the site it belongs to, and
    # what links it to its translations (equal in each); "" on a site in one language.
    edition: str = ""
    translation_key: str = ""
    # Shown in a language it is not written in, for want of a translation (its page then points
    # search engines to the original).
    untranslated: bool = False

    @property
    def html(self) -> str:
        """Return its body as HTML."""
        return self.body_html if isinstance(self.body_html, str) else self.body_html()

    @property
    def reading_minutes(self) -> int:
        """Return how long it takes to read, in whole minutes (at least 1)."""
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Post(Document):
    """A dated entry of the group's blog."""

    kind: Literal["post"] = "post"


@dataclass(frozen=True)
class Page(Document):
    """A standalone page such as About or Code of Conduct."""

    kind: Literal["page"] = "page"


@dataclass(frozen=True)
class Speaker:
    """A person from `data/speakers.yaml`."""

    key: str
    name: str
    bio_html: str
    url: str | None
    avatar: str | None
    role: str
    extra: Mapping[str, Any]

    @property
    def route(self) -> str:
        """Return the route of the speaker's page."""
        return routes.speaker(self.key)


@dataclass(frozen=True)
class Sponsor:
    """A supporter from `data/sponsors.yaml`."""

    key: str
    name: str
    description_html: str
    url: str | None
    logo: str | None
    level: str
    extra: Mapping[str, Any]


@dataclass(frozen=True)
class Job:
    """A job opening from `jobs/`: who hires, for what, where, and until when."""

    source: str
    slug: str
    title: str
    organization: str
    link: str
    location: str  # empty for a remote-only role
    remote: bool
    posted: datetime
    expires: datetime | None  # the first moment it is no longer open; None: never said
    sponsor: Sponsor | None
    description_html: str
    description_text: str
    extra: Mapping[str, Any]

    @property
    def anchor(self) -> str:
        """Return the id of the opening on the jobs page."""
        return routes.job_anchor(self.slug)

    @property
    def route(self) -> str:
        """Return the route of the opening: its place on the jobs page."""
        return f"{routes.JOBS}#{self.anchor}"

    @property
    def last_day(self) -> date | None:
        """Return the last day it is open, in the site's time zone, or None if it never expires."""
        return (self.expires - timedelta(microseconds=1)).date() if self.expires is not None else None

    def is_open(self, now: datetime) -> bool:
        """Say whether the opening has been posted and not yet expired at `now`."""
        return self.posted <= now and (self.expires is None or now < self.expires)


@dataclass(frozen=True)
class Accessibility:
    """What a venue says about access, from its `accessibility:`; a fact left out is None (not said)."""

    notes: str = ""
    step_free: bool | None = None
    accessible_toilet: bool | None = None
    hearing_loop: bool | None = None
    quiet_room: bool | None = None

    @property
    def said(self) -> bool:
        """Say whether the venue says anything about access."""
        return bool(self.notes) or any(v is not None for v in (self.step_free, self.accessible_toilet,
                                                               self.hearing_loop, self.quiet_room))


ACCESSIBILITY_FACTS = ("step_free", "accessible_toilet", "hearing_loop", "quiet_room")


@dataclass(frozen=True)
class Venue:
    """A place the group meets, from `data/venues.yaml`."""

    key: str
    name: str
    address: str
    city: str
    lat: float | None
    lon: float | None
    url: str | None
    directions: str  # as plain text (it is Markdown), which calendars carry
    extra: Mapping[str, Any]
    directions_html: str = ""
    accessibility: Accessibility = Accessibility()


EventStatus = Literal["scheduled", "cancelled", "postponed", "rescheduled", "moved-online"]
EVENT_STATUSES: tuple[EventStatus, ...] = ("scheduled", "cancelled", "postponed", "rescheduled", "moved-online")


@dataclass(frozen=True)
class History:
    """When a source file was first published and last changed, and how often it changed."""

    published: datetime | None = None
    modified: datetime | None = None
    sequence: int = 0


@dataclass(frozen=True)
class Talk:
    """A talk: written in an event's `talks:`, or a file of `talks/` that events name by its key."""

    title: str
    speakers: tuple[Speaker, ...]
    description_html: str
    slides: str | None
    video: str | None
    language: str = "en"  # its `language:`, else its event's (a talk file's own, else the site's)
    key: str = ""  # the name of its file in talks/ (`talks/KEY.yaml`); "" for a talk written in an event
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    code: str | None = None  # where its code is (a repository)
    photos: str | None = None  # an album of photos of it

    @property
    def material(self) -> tuple[tuple[str, str], ...]:
        """Return what the talk left behind, as (name, URL) pairs: slides, video, code, photos."""
        found = (("Slides", self.slides), ("Video", self.video), ("Code", self.code), ("Photos", self.photos))
        return tuple((name, url) for name, url in found if url)

    @property
    def missing(self) -> tuple[str, ...]:
        """Return which of slides and video the talk still lacks (what organizers chase after the event)."""
        return tuple(name for name, url in (("slides", self.slides), ("video", self.video)) if not url)


@dataclass(frozen=True)
class Photo:
    """A photo of an event, from its `photos:`: its address, its alt text, and its resized copies."""

    src: str  # its URL: under the base path for a file of static/, else an outside address
    alt: str
    picture: Picture | None = None  # its size and resized copies, when it is one of the site's files


@dataclass(frozen=True)
class RecapPost:
    """The post that tells how an event went (the event's `recap:`)."""

    source: str
    title: str
    route: str


@dataclass(frozen=True)
class CallForSpeakers:
    """A call for speakers (`cfp:` of the site or of a series): open from its first day to the end of its last."""

    owner: str  # who calls: the site's title, or the series' title
    series_key: str  # "" for the site's own call
    opens: datetime  # the start of its first day, in the site's time zone
    closes: datetime  # the first moment it is closed: the end of its last day there
    url: str  # where to propose a talk
    text_html: str
    text_text: str

    @property
    def last_day(self) -> date:
        """Return the last day one may propose a talk."""
        return (self.closes - timedelta(microseconds=1)).date()

    @property
    def anchor(self) -> str:
        """Return the id of the call on the call for speakers page, the same in every build (its feed item's link)."""
        return f"cfp-{self.series_key or 'site'}-{self.opens.date().isoformat()}"

    def is_open(self, now: datetime) -> bool:
        """Say whether one may propose a talk at `now`."""
        return self.opens <= now < self.closes


@dataclass(frozen=True)
class Series:
    """A recurring meeting from `data/series.yaml`: one RRULE instead of a file per month."""

    key: str
    uid: str
    title: str
    first_start: datetime
    duration: timedelta
    all_day: bool
    rrule: str
    exdates: tuple[datetime, ...]
    timezone: str
    venue: Venue | None
    online: str | None
    summary: str
    description_html: str
    description_text: str
    tags: tuple[Term, ...]
    history: History
    language: str = "en"  # a BCP 47 tag: its `language:`, else the site's
    schedule: str = ""  # how it recurs, as people say it ("every 2nd Wednesday"), or "" for an unusual rule
    cfp: CallForSpeakers | None = None  # its own call for speakers

    @property
    def route(self) -> str:
        """Return the route of the series page."""
        return routes.series(self.key)


@dataclass(frozen=True)
class Event:
    """One event: a one-off event file, or one occurrence of a series (filled in or not).

    `start` and `end` are aware datetimes in the event's own zone; for all-day events they
    are midnights and `end` is exclusive, as in iCalendar.
    """

    source: str
    uid: str
    slug: str
    title: str
    start: datetime
    end: datetime
    all_day: bool
    timezone: str
    status: EventStatus
    venue: Venue | None
    online: str | None
    speakers: tuple[Speaker, ...]
    talks: tuple[Talk, ...]
    sponsors: tuple[Sponsor, ...]
    rsvp: str | None
    tags: tuple[Term, ...]
    image: str | None
    summary: str
    description_html: str
    description_text: str
    extra: Mapping[str, Any]
    history: History
    series: Series | None = None
    recurrence_id: datetime | None = None
    has_file: bool = True
    aliases: tuple[str, ...] = ()  # old addresses (routes) that redirect to the event's page
    picture: Picture | None = None  # its image's size and resized copies, when it is one of the site's files
    language: str = "en"  # a BCP 47 tag: its `language:`, else its series', else the site's
    recap: RecapPost | None = None  # the post about how it went, from `recap:`
    photos: tuple[Photo, ...] = ()  # photos of it, from `photos:`
    broken_links: tuple[str, ...] = ()  # links of its description that led nowhere on the old site either (import)
    untranslated: bool = False  # shown in a language it is not written in, for want of a translation

    @property
    def route(self) -> str:
        """Return the route of the event's page."""
        return routes.event(self.slug)

    @property
    def attendance(self) -> Literal["offline", "online", "mixed"]:
        """Say whether people attend in person, online, or both."""
        if self.online and (self.venue is None or self.status == "moved-online"):
            return "online"
        return "mixed" if self.online else "offline"

    @property
    def last_day(self) -> datetime:
        """Return the start of the event's last day (the inclusive end of an all-day event)."""
        return self.end - timedelta(days=1) if self.all_day else self.end

    @property
    def people(self) -> tuple[Speaker, ...]:
        """Return every speaker of the event and its talks, once each."""
        found = {s.key: s for s in self.speakers}
        for talk in self.talks:
            found.update({s.key: s for s in talk.speakers})
        return tuple(found.values())

    def has_ended(self, now: datetime) -> bool:
        """Say whether the event is over at `now` (its page is then a recap)."""
        return self.end <= now


@dataclass(frozen=True)
class Edition:
    """What a site in two or more languages has apart in one of its other languages."""

    events: tuple[Event, ...]  # every event, in this language where a translation has it
    intro_html: str  # the home page's introduction (`pages/_index.en.md`), or ""


@dataclass(frozen=True)
class Site:
    """Everything a build publishes, loaded and checked."""

    # Each field's docstring is its entry in the README's template reference.
    config: Config
    """the settings of `ugsite.yaml` (`site.config.title`, `site.config.description`, ...; `site.config.zone`
    is the time zone)"""
    now: datetime
    """the build's moment (`--now`, else `SOURCE_DATE_EPOCH`, else the clock)"""
    intro_html: str
    """the home page's introduction, as HTML (may be empty)"""
    posts: tuple[Post, ...]
    """every post this build publishes, newest first"""
    pages: tuple[Page, ...]
    """every page, by title"""
    speakers: tuple[Speaker, ...]
    """the people of `data/speakers.yaml`"""
    sponsors: tuple[Sponsor, ...]
    """the supporters of `data/sponsors.yaml`"""
    venues: tuple[Venue, ...]
    """the places of `data/venues.yaml`"""
    data: Mapping[str, Any]
    """every data file, as read, by its name (`site.data.organizers` for `data/organizers.yaml`)"""
    static_files: tuple[str, ...]
    """the paths of the files in `static/`"""
    held_back: tuple[HeldBack, ...]
    """the drafts and the posts dated later that this build leaves out (each with `source` and `reason`)"""
    events: tuple[Event, ...] = ()
    """every event, one-off or a meeting of a series, by start"""
    series: tuple[Series, ...] = ()
    """the recurring events of `data/series.yaml`"""
    jobs: tuple[Job, ...] = ()
    """every job opening of `jobs/`, newest first, expired ones too (`job.is_open(site.now)` says which are
    open)"""
    editions: Mapping[str, Edition] = field(default_factory=dict)
    """on a site in two or more languages, while it is loaded: the events and home introduction of each language but
    the default (each language's part of the site then has its own `site`, whose `site.config.language` is it)"""
    talks: tuple[Talk, ...] = ()
    """every talk of `talks/` (accepted proposals), by key, whether an event names it yet or not"""
    calls: tuple[CallForSpeakers, ...] = ()
    """every call for speakers, open or not: the site's (`cfp:` in `ugsite.yaml`) first, then each series' (each
    `owner`, `series_key`, `opens`, `closes`, `last_day`, `url`, `text_html`; `call.is_open(site.now)` says which are
    open)"""
