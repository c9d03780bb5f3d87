"""The kinds of file a build writes, each a value that rendering turns into bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from ugsite.render.cards import Card
from ugsite.render.page_contexts import TemplateContext
from ugsite.site.model import Event, Series


@dataclass(frozen=True)
class TemplateOutput:
    """A file rendered from a template with a context; the class of the context names the template."""

    route: str
    source: str
    context: TemplateContext

    @property
    def template(self) -> str:
        """Return the name of the template that renders this output."""
        return self.context.template


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: a post, the announcement of an event, a reminder of one, or a job opening."""

    title: str
    route: str
    published: datetime
    updated: datetime
    summary: str
    # Its HTML, or what reads it when first asked for: a post's body, which the build cache vouched
    # for, is read from there only if a feed that shows it is written again (Document.body_html).
    body_html: str | Callable[[], str]
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    language: str
    image: str | None = None
    guid: str = ""  # its identity in feed readers when it is not its link (a reminder: one per event and kind)
    # A post's origin (Document.origin), which stands for its body's HTML; "" if unknown or not a post.
    origin: str = ""

    @property
    def html(self) -> str:
        """Return its HTML."""
        return self.body_html if isinstance(self.body_html, str) else self.body_html()


@dataclass(frozen=True)
class FeedOutput:
    """An RSS 2.0, Atom or JSON Feed 1.1 feed."""

    route: str
    source: str
    format: Literal["rss", "atom", "json"]
    title: str
    description: str
    page_route: str
    items: tuple[FeedItem, ...]


@dataclass(frozen=True)
class CalendarOutput:
    """An iCalendar file of events and series."""

    route: str
    source: str
    name: str
    events: tuple[Event, ...]
    series: tuple[Series, ...]
    standalone: bool = False


@dataclass(frozen=True)
class EventDataOutput:
    """The site's events as data (`events.json`), for others to build on."""

    route: str
    source: str
    events: tuple[Event, ...]
    images: tuple[str | None, ...]  # each event's image (its own, or its card), as a URL or path


@dataclass(frozen=True)
class FileOutput:
    """A file copied as it is (the site's and the theme's static files)."""

    route: str
    source: str
    file: Path


@dataclass(frozen=True)
class BytesOutput:
    """A small file whose content the plan already knows."""

    route: str
    source: str
    content: bytes


@dataclass(frozen=True)
class CardOutput:
    """The link preview card (a PNG) of an event or a post."""

    route: str
    source: str
    card: Card


@dataclass(frozen=True)
class ImageOutput:
    """A resized copy of a static image, for srcset (ugsite.content.images.variants)."""

    route: str
    source: str
    file: Path
    width: int
    format: str  # png, jpeg or webp


Output = (TemplateOutput | FeedOutput | CalendarOutput | EventDataOutput | FileOutput | BytesOutput | CardOutput
          | ImageOutput)
