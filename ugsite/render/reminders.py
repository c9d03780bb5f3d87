"""Turn events into the items of the reminder feed: reminders before each event, and notices of changes.

A reminder is dated at its moment (the event's start less the lead time) and appears once that
moment has passed at the build's `now`, so the daily rebuild publishes it. A cancellation,
postponement or move appears at once, dated when its file last changed. Each item's guid is
derived from the event's identity (its UID, and the meeting's date for a series) and the kind
of item, so a feed-to-email service sends each one once, however often the event is edited.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from html import escape

from ugsite.content.urls import Urls
from ugsite.events.event_display import event_when, status_word
from ugsite.events.event_text import venue_text
from ugsite.render.outputs import FeedItem
from ugsite.site import routes
from ugsite.site.model import Event, Site
from ugsite.site.speech import N_, Speech

NOTICE_DAYS = 7  # how long a notice of a change stays in the feed after its event has ended
# Each kind of notice: the sentence its text opens with (its title starts with the status's word).
NOTICES = {"cancelled": N_("This event is cancelled."),
           "postponed": N_("This event is postponed; a new date follows."),
           "rescheduled": N_("This event has a new date or time."),
           "moved-online": N_("This event now takes place online."),
           "moved": N_("This meeting moved to another day or time.")}


def reminder_items(site: Site, speech: Speech) -> tuple[FeedItem, ...]:
    """Return the items of the reminder feed at the build's moment, newest first."""
    urls = Urls(site.config.base_url)
    items: list[FeedItem] = []
    for event in site.events:
        notice = notice_kind(event)
        if notice is not None:
            moment = event.history.modified or event.history.published or site.now
            if moment <= site.now and (event.end > site.now or moment > site.now - timedelta(days=NOTICE_DAYS)):
                items.append(_item(event, notice, moment, urls, speech))
        if notice in ("cancelled", "postponed") or event.end <= site.now:
            continue
        announced = _announced(event)
        for lead in site.config.reminders:
            moment = event.start - lead
            if moment <= site.now and (announced is None or announced <= moment):
                items.append(_item(event, f"reminder-{lead_label(lead)}", moment, urls, speech))
    items.sort(key=lambda item: (item.published, item.guid), reverse=True)
    return tuple(items[: site.config.feed_items])


def _announced(event: Event) -> datetime | None:
    """Return when the event was first known: a meeting of a series was, with its series, before its own file."""
    known = [h.published for h in (event.history, event.series.history if event.series else None)
             if h is not None and h.published is not None]
    return min(known, default=None)


def notice_kind(event: Event) -> str | None:
    """Say which change of an event its readers must hear of at once, if any: its status, or a moved meeting."""
    if event.status != "scheduled":
        return event.status
    if event.recurrence_id is not None and event.recurrence_id != event.start:
        return "moved"  # a meeting of a series held on another day or at another time
    return None


def lead_label(lead: timedelta) -> str:
    """Return a lead time as written in `reminders:`, e.g. `7d`, `1d2h`, `90m` -> `1h30m`."""
    minutes = int(lead.total_seconds()) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    return "".join(f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if n) or "0m"


def reminder_guid(event: Event, kind: str) -> str:
    """Return the stable identity of one kind of item about one event (one meeting of a series)."""
    identity = event.uid if event.recurrence_id is None else f"{event.uid}/{event.recurrence_id.isoformat()}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'ugsite-reminder:{identity}#{kind}')}"


def _item(event: Event, kind: str, moment: datetime, urls: Urls, speech: Speech) -> FeedItem:
    """Return one item dated at `moment`: a reminder (`kind` is `reminder-7d`, ...) or a notice of a change."""
    say = speech.gettext
    when = event_when(event, speech)
    heading, status = status_word(kind, speech), say(NOTICES[kind]) if kind in NOTICES else ""
    # The title names the day rather than "tomorrow": a reminder is read when the next build publishes it.
    title = f"{heading}: {event.title}" if heading else \
        say("Reminder: %(event)s, %(when)s") % {"event": event.title, "when": when}
    where = _where(event, speech)
    page, ics = urls.absolute(event.route), urls.absolute(routes.event_calendar(event.slug))
    links = [(url, label) for url, label in ((event.rsvp, say("RSVP")), (event.online, say("Join online")))
             if url and kind not in ("cancelled", "postponed")]
    links += [(ics, say("Add to calendar (.ics)")), (page, say("Details"))]
    start = event.start.date().isoformat() if event.all_day else event.start.isoformat()
    when_label, where_label = escape(say("When:")), escape(say("Where:"))
    html = f"<p><strong>{escape(status)}</strong></p>" if status else ""
    html += f'<p>{when_label} <time datetime="{start}">{escape(when)}</time>'
    html += f"<br>{where_label} {escape(where)}</p>" if where else "</p>"
    html += "<p>" + " · ".join(f'<a href="{escape(url)}">{escape(label)}</a>' for url, label in links) + "</p>"
    text = " ".join(part for part in (status, f"{when}.", f"{where}." if where else "",
                                      *(f"{label}: {url}" for url, label in links)) if part)
    return FeedItem(title=title, route=event.route, published=moment, updated=moment,
                    summary=text, body_html=html, authors=(), categories=tuple(t.name for t in event.tags),
                    language=event.language, guid=reminder_guid(event, kind))


def _where(event: Event, speech: Speech) -> str:
    if event.venue is not None and event.attendance != "online":
        place = venue_text(event.venue)
        return speech.gettext("%(place)s, and online") % {"place": place} if event.attendance == "mixed" else place
    return speech.gettext("Online") if event.online else ""
