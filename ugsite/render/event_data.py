"""Write `events.json`: every event and meeting as data, in schema.org's terms, for others to build on.

Its shape is version 1 of the schema in `schemas/events-1.json` (published beside it as
`events.schema.json`): within version 1, fields are only added; one removed, renamed or
changed in meaning makes version 2, at a new schema address.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ugsite.content.urls import Urls
from ugsite.events.event_text import own_uid
from ugsite.render.outputs import EventDataOutput
from ugsite.render.structured_data import ATTENDANCE, STATUS, event_dates, event_locations, organizer
from ugsite.site import routes
from ugsite.site.model import Event, Site, Speaker

VERSION = "1.0"
SCHEMA = "events-1.json"


def schema_file() -> Path:
    """Return the JSON Schema of `events.json`: inside the installed package, or the source tree's `schemas/`."""
    packaged = Path(__file__).parents[1] / "schemas" / SCHEMA
    return packaged if packaged.is_file() else Path(__file__).parents[2] / "schemas" / SCHEMA


def events_json(output: EventDataOutput, site: Site, now: datetime) -> bytes:
    """Return `events.json` for `output`'s events, generated at the build's moment `now`."""
    config, urls = site.config, Urls(site.config.base_url)
    data: dict[str, Any] = {
        "$schema": urls.absolute(routes.EVENTS_SCHEMA),
        "version": VERSION,
        "generated": now.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "name": config.title,
        "url": urls.absolute(routes.HOME),
        "inLanguage": config.language,
        "calendar": urls.absolute(routes.CALENDAR),
        "events": [_event(event, image, site, urls) for event, image in zip(output.events, output.images)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _event(event: Event, image: str | None, site: Site, urls: Urls) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": own_uid(event),
        "name": event.title,
        "url": urls.absolute(event.route),
        **event_dates(event),
        "eventStatus": f"https://schema.org/{STATUS[event.status]}",
        "eventAttendanceMode": f"https://schema.org/{ATTENDANCE[event.attendance]}",
        "inLanguage": event.language,
    }
    description = event.description_text or event.summary
    if description:
        data["description"] = description
    locations = event_locations(event)
    if locations:
        data["location"] = locations
    data["organizer"] = organizer(site.config)
    if event.people:
        data["performer"] = [_person(s) for s in event.people]
    if image:
        data["image"] = urls.absolutize(image)
    if event.tags:
        data["keywords"] = [t.name for t in event.tags]
    if event.series is not None:
        data["superEvent"] = {"@type": "EventSeries", "@id": event.series.uid, "name": event.series.title,
                              "url": urls.absolute(event.series.route)}
    if event.talks:
        data["subEvent"] = [{"@type": "Event", "name": talk.title, "inLanguage": talk.language,
                             **({"performer": [_person(s) for s in talk.speakers]} if talk.speakers else {})}
                            for talk in event.talks]
    data["ics"] = urls.absolute(routes.event_calendar(event.slug))
    return data


def _person(speaker: Speaker) -> dict[str, Any]:
    return {"@type": "Person", "name": speaker.name, **({"url": speaker.url} if speaker.url else {})}
