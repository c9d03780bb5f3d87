"""Write RSS 2.0 and Atom feeds with feedgen: absolute URLs, real dates, full content."""

from __future__ import annotations

import re
from datetime import datetime

from feedgen.feed import FeedGenerator

from ugsite import __version__
from ugsite.site.model import Site
from ugsite.render.outputs import FeedItem, FeedOutput
from ugsite.content.urls import Urls

_ROOT_RELATIVE = re.compile(r"""(\b(?:href|src)\s*=\s*)(["'])(/(?!/)[^"']*)\2""")


def render_feed(feed: FeedOutput, site: Site, now: datetime) -> bytes:
    """Return the bytes of `feed`; with no dated posts, its date is the build's `now`."""
    config, urls = site.config, Urls(site.config.base_url)
    gen = FeedGenerator()
    gen.load_extension("dc")
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
    if config.author:
        gen.author({"name": config.author})
    for item in feed.items:
        _add_entry(gen, item, feed.format, urls, config.feed_content == "full")
    if feed.format == "rss":
        return bytes(gen.rss_str(pretty=True))
    return bytes(gen.atom_str(pretty=True))


def _add_entry(gen: FeedGenerator, item: FeedItem, fmt: str, urls: Urls, full: bool) -> None:
    entry = gen.add_entry(order="append")
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
            entry.content(absolutize_html(item.html, urls), type="html")
    else:
        entry.description(summary)
        if full:
            entry.content(absolutize_html(item.html, urls), type="CDATA")


def absolutize_html(html: str, urls: Urls) -> str:
    """Make the root-relative links and images of rendered HTML absolute, for feed readers."""
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{m.group(2)}{urls.absolutize(m.group(3))}{m.group(2)}", html)
