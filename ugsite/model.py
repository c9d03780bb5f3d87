"""The site model: complete, frozen objects that the loader builds and templates only read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from ugsite.config import Config


@dataclass(frozen=True)
class Term:
    """A tag or a category, with the slug its list page lives under."""

    kind: Literal["tags", "categories"]
    name: str
    slug: str

    @property
    def route(self) -> str:
        """Return the route of this term's list page, e.g. `tags/python/`."""
        return f"{self.kind}/{self.slug}/"


@dataclass(frozen=True)
class Document:
    """A Markdown post or page, its front matter validated and its body rendered."""

    source: str
    title: str
    slug: str
    route: str
    html: str
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
        return f"speakers/{self.key}/"


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
class Venue:
    """A place the group meets, from `data/venues.yaml`."""

    key: str
    name: str
    address: str
    city: str
    lat: float | None
    lon: float | None
    url: str | None
    directions: str
    extra: Mapping[str, Any]


@dataclass(frozen=True)
class HeldBack:
    """A source file left out of this build on purpose (a draft, or a post dated later)."""

    source: str
    reason: Literal["draft", "future"]


@dataclass(frozen=True)
class Site:
    """Everything a build publishes, loaded and checked."""

    config: Config
    intro_html: str
    posts: tuple[Post, ...]
    pages: tuple[Page, ...]
    speakers: tuple[Speaker, ...]
    sponsors: tuple[Sponsor, ...]
    venues: tuple[Venue, ...]
    data: Mapping[str, Any]
    static_files: tuple[str, ...]
    held_back: tuple[HeldBack, ...]
