"""An event as plain text, for calendars, feeds and calendar links: its description, venue and UID."""

from __future__ import annotations

from ugsite.events.event_display import status_word
from ugsite.site.model import Event, Venue
from ugsite.site.speech import Speech


def own_uid(event: Event) -> str:
    """Return the UID of an event on its own: its UID, or for a meeting of a series `SLUG@HOST` (not the series')."""
    return f"{event.slug}@{event.uid.split('@')[-1]}" if event.series else event.uid


def venue_text(venue: Venue) -> str:
    """Return a venue as one line: name, address, city."""
    return ", ".join(part for part in (venue.name, venue.address, venue.city) if part)


def online_text(online: str | None, speech: Speech) -> str:
    """Return "Join online: URL" in the site's language, or "" without an address."""
    return speech.gettext("Join online: %(url)s") % {"url": online} if online else ""


def event_text(event: Event, speech: Speech) -> str:
    """Return the plain-text description of an event for calendars: status, talks, links."""
    say = speech.gettext
    parts: list[str] = []
    if event.status != "scheduled":
        parts.append(say("Status: %(status)s.") % {"status": status_word(event.status, speech)})
    if event.description_text:
        parts.append(event.description_text)
    for talk in event.talks:
        who = ", ".join(s.name for s in talk.speakers)
        parts.append(say("Talk: %(title)s (%(speakers)s)") % {"title": talk.title, "speakers": who} if who
                     else say("Talk: %(title)s") % {"title": talk.title})
    if event.speakers and not event.talks:
        parts.append(say("Speakers: %(names)s") % {"names": ", ".join(s.name for s in event.speakers)})
    if event.venue and event.attendance == "mixed":
        parts.append(online_text(event.online, speech))
    elif event.attendance == "online" and event.online:
        parts.append(online_text(event.online, speech))
    if event.venue and event.venue.directions:
        parts.append(say("Directions: %(directions)s") % {"directions": event.venue.directions})
    if event.rsvp:
        parts.append(say("RSVP: %(url)s") % {"url": event.rsvp})
    return "\n\n".join(parts)
