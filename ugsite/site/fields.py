"""Read typed fields from front matter and data files, recording a Problem for each wrong one."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import datetime, timezone, tzinfo
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ugsite.site.config import Config
from ugsite.content.dates import DateError, parse_datetime
from ugsite.content.languages import language_problem
from ugsite.site.model import Term
from ugsite.problems import Problem, error, warning
from ugsite.content.slugs import SlugStyle, slugify
from ugsite.content.urls import alias_route, link_problem
from ugsite.content.yaml_source import LineDict


MAX_TERMS = 50


def unknown_field_hint(key: str, known: Sequence[str]) -> str:
    """Suggest the known field a misspelled one probably meant, else say where custom data goes."""
    close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.8)
    if close:
        return f"did you mean '{close[0]}'? Your own fields go under 'extra:'"
    return "put your own fields under 'extra:'; the README lists the known ones"


class FieldReader:
    """Read typed front-matter fields, recording a Problem for each wrong one."""

    def __init__(self, path: str, meta: LineDict, problems: list[Problem]) -> None:
        self.path, self.meta, self.problems = path, meta, problems

    def _bad(self, key: str, message: str, hint: str) -> None:
        self.problems.append(error(self.path, message, self.meta.line_of(key), hint))

    def text(self, key: str) -> str:
        value = self.meta.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self._bad(key, f"'{key}' must be text, not {value!r}", f'write it as {key}: "..."')
            return ""
        return str(value).strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return (str(value).strip(),)
        if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        self._bad(key, f"'{key}' must be a list of names, not {value!r}", f"write it as {key}: [python, meetup]")
        return ()

    def date(self, key: str, config: Config | None = None, zone: tzinfo | None = None) -> datetime | None:
        if self.meta.get(key) in (None, ""):
            return None
        value = parse_datetime(self.meta[key], zone or (config.zone if config else timezone.utc), key)
        if isinstance(value, DateError):
            self._bad(key, value.message, value.hint)
            return None
        return value

    def flag(self, key: str) -> bool:
        value = self.meta.get(key, False)
        if not isinstance(value, bool):
            self._bad(key, f"'{key}' must be true or false, not {value!r}", f"write {key}: true or {key}: false")
            return False
        return value

    def mapping(self, key: str) -> MappingProxyType[str, Any]:
        value = self.meta.get(key)
        if value is None:
            return MappingProxyType({})
        if not isinstance(value, dict):
            self._bad(key, f"'{key}' must be a mapping of your own fields",
                      f"write {key}: on its own line, then indented lines like   video: https://...")
            return MappingProxyType({})
        return MappingProxyType(dict(value))

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if not value:
            return None
        parts = urlsplit(value) if link_problem(value) is None else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            self._bad(key, f"'{key}' must be a full web address, not {value!r}", f"e.g. {key}: https://example.org/...")
            return None
        return value

    def link(self, key: str) -> str | None:
        """Read a field that becomes a link or an image: a web or mailto: address, or a path on the site."""
        value = self.text(key)
        if not value:
            return None
        trouble = link_problem(value)
        if trouble:
            self._bad(key, f"'{key}' must be a web address, a mailto: address or a path on this site; {trouble}",
                      f"e.g. {key}: https://example.org/...")
            return None
        return value

    def aliases(self, key: str = "aliases") -> tuple[str, ...]:
        """Read old addresses of this page (paths on the site), as the routes that will redirect to it."""
        routes = []
        for address in self.texts(key):
            route = alias_route(address)
            if route is None:
                self._bad(key, f"'{key}' lists {address!r}, which is not a path on this site",
                          f"write the old address from the site's root, e.g. {key}: [/2019/05/first-meetup/]")
            else:
                routes.append(route)
        return tuple(dict.fromkeys(routes))

    def language(self, key: str, default: str) -> str:
        """Read a BCP 47 language tag (`de`, `pt-BR`); without one, or with a malformed one, return `default`."""
        value = self.text(key)
        if not value:
            return default
        trouble = language_problem(value)
        if trouble:
            self._bad(key, f"'{key}': {trouble[0]}", f"{trouble[1]}, or leave it out for {default}")
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key) or default
        if value not in choices:
            self._bad(key, f"'{key}' must be one of {', '.join(choices)}, not {value!r}", f"e.g. {key}: {choices[0]}")
            return default
        return value

    def unknown(self, known: tuple[str, ...], where: str = "") -> None:
        for key in self.meta:
            if key not in known:
                self.problems.append(warning(self.path, f"unknown field '{key}'{where} is ignored", self.meta.line_of(key),
                                             unknown_field_hint(str(key), known)))

    def number(self, key: str, limit: float) -> float | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
            self._bad(key, f"'{key}' must be a number from {-limit:g} to {limit:g}, not {value!r}", f"e.g. {key}: 51.0504")
            return None
        return float(value)

    def zone(self, key: str, default: str) -> ZoneInfo | None:
        name = self.text(key) or default
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
            self._bad(key, f"unknown time zone {name!r}", "use an IANA name such as Europe/Berlin or America/Chicago")
            return None

    def terms(self, key: Literal["tags", "categories"], style: SlugStyle) -> tuple[Term, ...]:
        """Read tags or categories: a list, one name, or names separated by commas (as Pelican writes them)."""
        names = self.texts(key)
        if len(names) == 1 and "," in names[0]:
            names = tuple(dict.fromkeys(n.strip() for n in names[0].split(",") if n.strip()))
        if len(names) > MAX_TERMS:  # each one is a page and a feed that lists the others: keep it bounded
            self._bad(key, f"'{key}' lists {len(names)} names; a file may have at most {MAX_TERMS}",
                      f"keep the {key} that readers would look for")
            names = names[:MAX_TERMS]
        return tuple(Term(key, name, slugify(name, style)) for name in names if slugify(name, style))
