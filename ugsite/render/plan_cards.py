"""Plan the link preview cards of events and posts that have no image of their own (ugsite.render.cards)."""

from __future__ import annotations

import functools
from pathlib import Path

from ugsite.content.urls import Urls
from ugsite.events.event_display import event_when, status_word
from ugsite.render.cards import Card, can_draw
from ugsite.render.outputs import CardOutput
from ugsite.site import routes
from ugsite.site.model import Event, Post, Site
from ugsite.site.speech import Speech


def event_card(event: Event, site: Site, speech: Speech) -> CardOutput | None:
    """Return the card of an event without an image, unless the site draws none for events or cannot draw it."""
    if "events" not in site.config.cards or event.image:
        return None
    if event.attendance == "online" or event.venue is None:
        where = speech.gettext("Online") if event.online else ""
    else:
        where = ", ".join(part for part in (event.venue.name, event.venue.city) if part)
        where = speech.gettext("%(place)s and online") % {"place": where} if event.attendance == "mixed" else where
    card = Card(site.config.title, event.title, event_when(event, speech), where, status_word(event.status, speech),
                _logo(site))
    return _output(card, event.route, event.source)


def post_card(post: Post, site: Site, speech: Speech) -> CardOutput | None:
    """Return the card of a post without an image, unless the site draws none for posts or cannot draw it."""
    if "posts" not in site.config.cards or post.image:
        return None
    local = post.date.astimezone(site.config.zone) if post.date else None
    names = {s.key: s.name for s in site.speakers}
    authors = ", ".join(names.get(a, a) for a in post.authors)
    card = Card(site.config.title, post.title, speech.date(local) if local else "",
                speech.gettext("by %(authors)s") % {"authors": authors} if authors else "", logo=_logo(site))
    return _output(card, post.route, post.source)


def card_url(card: CardOutput | None, site: Site) -> str | None:
    """Return the URL (under the base path) a page gives as its image for link previews, or None."""
    return Urls(site.config.base_url).path(card.route) if card else None


def _logo(site: Site) -> bytes:
    """Return the bytes of the site's `logo:` (checked to exist when the settings were read), or b""."""
    if not site.config.logo:
        return b""
    file = site.config.root / "static" / site.config.logo.removeprefix("/").removeprefix("static/")
    stat = file.stat()
    return _read(str(file), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _read(path: str, _size: int, _mtime: int) -> bytes:
    return Path(path).read_bytes()


def _output(card: Card, page_route: str, source: str) -> CardOutput | None:
    return CardOutput(routes.card(page_route), source, card) if can_draw(card) else None
