"""Collect the places of imported events as venues: one per distinct place, merged by name and address."""

from __future__ import annotations

import re
from typing import Any

from ugsite.content.slugs import slugify

# What calendars write where there is no place: Meetup's placeholder, and online meetings.
_NOWHERE = re.compile(r"^\s*(online( event| meeting)?|virtual( event)?|remote|zoom|google meet|microsoft teams|"
                      r"en ligne|en l[íi]nea|онлайн|オンライン|线上|線上|"
                      r"jitsi|discord|needs a location|tba|tbd|to be announced|to be decided|n/?a)\s*$", re.I)
_ONLINE = re.compile(r"^\s*(online|virtual|remote|zoom|google meet|microsoft teams|jitsi|discord|en ligne|"
                     r"en l[íi]nea|онлайн|オンライン|线上|線上)", re.I)
ONLINE_HOSTS = ("zoom.us", "meet.google.com", "teams.microsoft.com", "teams.live.com", "meet.jit.si", "whereby.com",
                "webex.com", "discord.gg", "discord.com", "gotomeeting.com", "bigbluebutton", "youtube.com/live",
                "twitch.tv", "streamyard.com", "hopin.com", "gather.town", "crowdcast.io")


def is_online_address(url: str) -> bool:
    """Say whether a link is where people join a meeting online rather than a page about it."""
    return any(host in url.lower() for host in ONLINE_HOSTS)


def says_online(location: str) -> bool:
    """Say whether a LOCATION means the meeting is online ("Online event", "Zoom")."""
    return bool(_ONLINE.match(location))


def split_location(location: str) -> tuple[str, str] | None:
    """Return (name, address) of a LOCATION: `Name (address)` as Meetup writes it, else `Name, address`."""
    text = " ".join(location.split())
    if not text or _NOWHERE.match(text) or text.lower().startswith(("http://", "https://")):
        return None
    meetup = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
    if meetup:
        return meetup.group(1).strip(" ,"), meetup.group(2).strip(" ,")
    gancio = re.fullmatch(r"([^,]+?)\s+[-–]\s+(.*\d.*)", text)  # `Name - address`, as Gancio writes it
    if gancio:
        return gancio.group(1).strip(), gancio.group(2).strip()
    name, _, address = text.partition(",")
    return name.strip(), address.strip()


class Venues:
    """The venues of a site: those it has, and those an import adds, each under a key."""

    def __init__(self, existing: dict[str, Any]) -> None:
        self.existing = {str(k): v for k, v in existing.items() if isinstance(v, dict)}
        self.added: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()

    def key_for(self, name: str, address: str = "", city: str = "", lat: float | None = None,
                lon: float | None = None) -> str:
        """Return the key of the venue at this place, adding it when the site has none like it."""
        for key, venue in {**self.existing, **self.added}.items():
            if _same(venue, name, address):
                if key in self.added:
                    _fill(venue, address, city, lat, lon)
                self.used.add(key)
                return key
        base = slugify(name)[:60].strip("-") or "venue"
        key, number = base, 2
        while key in self.existing or key in self.added:
            key, number = f"{base}-{number}", number + 1
        entry: dict[str, Any] = {"name": name}
        _fill(entry, address, city, lat, lon)
        self.added[key] = entry
        self.used.add(key)
        return key


def _same(venue: dict[str, Any], name: str, address: str) -> bool:
    if " ".join(str(venue.get("name", "")).split()).casefold() != name.casefold():
        return False
    known = " ".join(str(venue.get("address", "")).split()).casefold()
    return not known or not address or known == address.casefold() or address.casefold().startswith(known)


def _fill(venue: dict[str, Any], address: str, city: str, lat: float | None, lon: float | None) -> None:
    for key, value in (("address", address), ("city", city), ("lat", lat), ("lon", lon)):
        if value not in ("", None) and key not in venue:
            venue[key] = value
