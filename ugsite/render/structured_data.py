"""Describe events and job openings as schema.org JSON-LD, safe to embed in a `<script>` element."""

from __future__ import annotations

import json
from typing import Any

from ugsite.site.config import Config
from ugsite.site.model import Event, Job
from ugsite.content.urls import Urls

STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
          "rescheduled": "EventRescheduled", "moved-online": "EventMovedOnline"}
ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "mixed": "MixedEventAttendanceMode"}


def event_json_ld(event: Event, config: Config, default_image: str | None) -> str:
    """Return the JSON-LD of `event`, with `<`, `>` and `&` escaped so no text can end the script."""
    urls = Urls(config.base_url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        **event_dates(event),
        "eventStatus": f"https://schema.org/{STATUS[event.status]}",
        "eventAttendanceMode": f"https://schema.org/{ATTENDANCE[event.attendance]}",
        "url": urls.absolute(event.route),
        "inLanguage": event.language,
    }
    if event.summary:
        data["description"] = event.summary
    locations = event_locations(event)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    performers = [{"@type": "Person", "name": s.name, **({"url": s.url} if s.url else {})} for s in event.people]
    if performers:
        data["performer"] = performers
    data["organizer"] = organizer(config)
    image = event.image or default_image
    if image:
        data["image"] = [urls.absolutize(image)]
    return script_safe_json(data)


def event_dates(event: Event) -> dict[str, str]:
    """Return an event's `startDate` and `endDate`: dates for an all-day event (the end inclusive), else date-times."""
    return {"startDate": event.start.date().isoformat() if event.all_day else event.start.isoformat(),
            "endDate": event.last_day.date().isoformat() if event.all_day else event.end.isoformat()}


def event_locations(event: Event) -> list[dict[str, Any]]:
    """Return where an event is: its venue as a Place (unless it is online only) and its online address."""
    locations: list[dict[str, Any]] = []
    if event.venue is not None and event.attendance != "online":
        venue = event.venue
        place: dict[str, Any] = {"@type": "Place", "name": venue.name}
        address = {k: v for k, v in (("streetAddress", venue.address), ("addressLocality", venue.city)) if v}
        if address:
            place["address"] = {"@type": "PostalAddress", **address}
        if venue.lat is not None and venue.lon is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.lat, "longitude": venue.lon}
        locations.append(place)
    if event.online:
        locations.append({"@type": "VirtualLocation", "url": event.online})
    return locations


def organizer(config: Config) -> dict[str, str]:
    """Return the organizer of the site's events: `organizer:`, else the group itself."""
    found = config.organizer
    return {"@type": "Organization", "name": found.name if found else config.title,
            "url": found.url if found and found.url else Urls(config.base_url).absolute("")}


def job_json_ld(job: Job, config: Config) -> str:
    """Return the JobPosting JSON-LD of a job opening, escaped as `event_json_ld` is."""
    urls = Urls(config.base_url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description_html or job.title,
        "datePosted": job.posted.date().isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": job.organization},
        "url": urls.absolutize(job.link),  # where to apply
        "identifier": {"@type": "PropertyValue", "name": job.organization, "value": urls.absolute(job.route)},
    }
    if job.expires is not None:
        data["validThrough"] = job.expires.isoformat()
    if job.location:
        data["jobLocation"] = {"@type": "Place", "address": job.location}
    if job.remote:
        data["jobLocationType"] = "TELECOMMUTE"
    return script_safe_json(data)


def script_safe_json(data: dict[str, Any]) -> str:
    """Return `data` as JSON with `<`, `>` and `&` escaped, so no text in it can end the `<script>` it sits in.

    On one line, as search engines' own examples and other generators write it: indented, it
    is encoded in pure Python, a tenth of a second at every build of a site with a thousand events.
    """
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
