"""Turn posts and events into feed items."""

from __future__ import annotations

from html import escape

from ugsite.events.event_display import event_when, status_word
from ugsite.events.event_text import venue_text
from ugsite.site.model import Event, Post
from ugsite.render.outputs import FeedItem
from ugsite.site.speech import Speech


def post_item(post: Post) -> FeedItem:
    """Return the feed item of a dated post."""
    assert post.date is not None, "feeds take dated posts only"
    return FeedItem(
        title=post.title, route=post.route, published=post.date, updated=max(post.updated or post.date, post.date),
        summary=post.summary, body_html=post.body_html, authors=post.authors,
        categories=tuple(t.name for t in (*post.tags, *post.categories)), language=post.language, image=post.image,
        origin=post.origin,
    )


def event_item(event: Event, speech: Speech) -> FeedItem:
    """Return the announcement of an event: dated when it was first published, updated when it changed."""
    published = event.history.published
    assert published is not None, "only published events are announced"
    status = f"{status_word(event.status, speech)}: " if event.status != "scheduled" else ""
    where = venue_text(event.venue) if event.venue and event.attendance != "online" else \
        (speech.gettext("Online") if event.online else "")
    when = event_when(event, speech)
    start = event.start.date().isoformat() if event.all_day else event.start.isoformat()
    facts = f'<p><strong>{escape(status)}<time datetime="{start}">{escape(when)}</time></strong>'
    facts += f"<br>{escape(where)}</p>" if where else "</p>"
    return FeedItem(
        title=f"{status}{event.title}", route=event.route, published=published,
        updated=max(event.history.modified or published, published),
        summary=f"{status}{when}. {event.summary}".strip(),
        body_html=facts + event.description_html, authors=tuple(s.name for s in event.people),
        categories=tuple(t.name for t in event.tags), language=event.language, image=event.image,
    )
