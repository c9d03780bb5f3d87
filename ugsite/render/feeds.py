"""Write RSS 2.0 and Atom feeds with feedgen: absolute URLs, real dates, full content."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator

from ugsite import __version__
from ugsite.site.model import Site
from ugsite.render.json_feed import json_feed
from ugsite.render.outputs import FeedItem, FeedOutput
from ugsite.content.urls import Urls, absolutize_html

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _EntryLanguage(BaseEntryExtension):  # type: ignore[misc]
    """Give an Atom entry in another language than its feed's its own `xml:lang` (RFC 4287, 2)."""

    language: str | None = None

    def extend_atom(self, entry: Any) -> Any:
        if self.language:
            entry.attrib[XML_LANG] = self.language
        return entry


def render_feed(feed: FeedOutput, site: Site, now: datetime) -> bytes:
    """Return the bytes of `feed`; with no dated posts, its date is the build's `now`."""
    if feed.format == "json":
        return json_feed(feed, site, now)
    config, urls = site.config, Urls(site.config.base_url)
    gen = FeedGenerator()
    gen.load_extension("dc")
    gen.register_extension("entry_language", BaseExtension, _EntryLanguage, atom=True, rss=False)
    gen.id(urls.absolute(feed.page_route))
    gen.title(feed.title)
    gen.subtitle(feed.description)
    gen.link(href=urls.absolute(feed.route), rel="self")
    gen.link(href=urls.absolute(feed.page_route), rel="alternate")
    gen.language(config.language)
    gen.generator("ugsite", __version__)
    updated = max((item.updated for item in feed.items), default=now)
    gen.updated(updated)
    gen.lastBuildDate(updated)
    # Atom asks every entry for an author; a feed's author stands for those of posts that name none: the
    # site's author, else the group itself.
    gen.author({"name": config.author or config.title})
    for item in feed.items:
        _add_entry(gen, item, feed.format, urls, config.feed_content == "full", config.language)
    if feed.format == "rss":
        return bytes(gen.rss_str(pretty=True))
    return bytes(gen.atom_str(pretty=True))


def _add_entry(gen: FeedGenerator, item: FeedItem, fmt: str, urls: Urls, full: bool, language: str) -> None:
    entry = gen.add_entry(order="append")
    if item.language != language:  # the feed's own language covers the rest
        if fmt == "atom":
            entry.entry_language.language = item.language
        else:
            entry.dc.dc_language(item.language)
    link = urls.absolute(item.route)
    entry.id(item.guid or link)
    entry.guid(item.guid or link, permalink=not item.guid)
    entry.title(item.title)
    entry.link(href=link)
    entry.published(item.published)
    entry.updated(item.updated)
    for name in item.authors:
        if fmt == "atom":
            entry.author({"name": name})
        else:
            entry.dc.dc_creator(name)
    for name in item.categories:
        entry.category(term=name, label=name)
    summary = item.summary or item.title
    if fmt == "atom":
        entry.summary(summary)
        if full:
            entry.content(absolutize_html(item.html, link), type="html")
    else:
        entry.description(summary)
        if full:
            entry.content(absolutize_html(item.html, link), type="CDATA")

