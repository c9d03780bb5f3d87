"""Write JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), the same items as the RSS and Atom feeds."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ugsite.content.urls import Urls, absolutize_html
from ugsite.render.outputs import FeedItem, FeedOutput
from ugsite.site.model import Site

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(feed: FeedOutput, site: Site, now: datetime) -> bytes:
    """Return the bytes of `feed` as JSON Feed 1.1 (`now` is unused: a JSON feed has no date of its own)."""
    config, urls = site.config, Urls(site.config.base_url)
    data: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": urls.absolute(feed.page_route),
        "feed_url": urls.absolute(feed.route),
        "description": feed.description,
        "language": config.language,
    }
    if config.author:
        data["authors"] = [{"name": config.author}]
    data["items"] = [_item(item, urls, config.feed_content == "full") for item in feed.items]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(item: FeedItem, urls: Urls, full: bool) -> dict[str, Any]:
    link = urls.absolute(item.route)
    entry: dict[str, Any] = {"id": link, "url": link, "title": item.title}
    if full and item.html.strip():
        entry["content_html"] = absolutize_html(item.html, link)
    else:  # the spec asks for content_html or content_text
        entry["content_text"] = item.summary or item.title
    if item.summary:
        entry["summary"] = item.summary
    if item.image:
        entry["image"] = urls.absolutize(item.image)
    entry["date_published"] = item.published.isoformat()
    entry["date_modified"] = item.updated.isoformat()
    if item.authors:
        entry["authors"] = [{"name": name} for name in item.authors]
    if item.categories:
        entry["tags"] = list(item.categories)
    entry["language"] = item.language
    return entry
