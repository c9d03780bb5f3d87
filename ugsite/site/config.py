"""Load and validate `ugsite.yaml`, the site's configuration."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ugsite.content.dates import DateError, parse_duration
from ugsite.content.frontmatter import read_text
from ugsite.content.editions import language_prefix
from ugsite.content.languages import language_problem, text_direction
from ugsite.content.slugs import SlugStyle
from ugsite.problems import Problem, error, sort_problems
from ugsite.content.urls import link_problem
from ugsite.content.yaml_source import LineDict, load_yaml
from ugsite.site import CONFIG_FILE
from ugsite.site.cfp import CallSpec, proposal_form, read_call

_PERMALINK_FIELDS = {"slug", "year", "month", "day", "categories", "title", "filename"}


@dataclass(frozen=True)
class NavItem:
    """One navigation entry: a page (by slug), a built-in section, or any URL."""

    title: str
    target: str
    external: bool = False


@dataclass(frozen=True)
class Organizer:
    """Who organizes the group's events, for calendars and structured data."""

    name: str
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SyncFeed:
    """A calendar or event feed the site mirrors (`ugsite sync`): its address, its kind, tags for its events."""

    url: str
    kind: str | None = None  # ics, meetup or events; None: recognised from what it holds
    tags: tuple[str, ...] = ()


SYNC_KINDS = ("ics", "meetup", "events", "url")
CARD_KINDS = ("events", "posts")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # as `date.weekday()` counts
DEFAULT_REMINDERS = (timedelta(days=7), timedelta(days=1))


@dataclass(frozen=True)
class Config:
    """The validated site configuration; every key documented in the README."""

    root: Path
    title: str
    base_url: str
    description: str = ""
    language: str = "en"
    # The languages of a site in two or more, the default first (`languages: [pl, en]`); empty: one language.
    languages: tuple[str, ...] = ()
    default_language_at_root: bool = True  # false: the default language lives under /pl/ too
    # The title and description of the site in each language that gives its own (`- en: {title: ...}`).
    language_texts: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    slugs: str = "transliterate"  # or unicode: slugs keep the letters of every script
    timezone: str = "UTC"
    author: str = ""
    intro: str = ""
    theme: str = "default"
    permalink: str = "posts/{slug}/"
    posts_per_page: int = 10
    nav: tuple[NavItem | str, ...] | None = None
    raw_html: str = "allow"
    feed_content: str = "full"
    feed_items: int = 20
    image: str = ""
    logo: str = ""  # the group's logo, a PNG, JPEG or WebP under static/: drawn on link preview cards
    default_duration: timedelta = timedelta(hours=2)
    calendar_past_months: int = 12
    organizer: Organizer | None = None
    feed_events: bool = False
    search: bool = False
    cards: tuple[str, ...] = CARD_KINDS  # what gets a link preview card drawn (events, posts)
    sync: tuple[SyncFeed, ...] = ()
    week_start: str = "monday"
    reminders: tuple[timedelta, ...] = DEFAULT_REMINDERS  # how long before an event its reminders are dated
    cfp: CallSpec | None = None  # the site's call for speakers
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # Not a setting: the address of the whole site while this is one language's part of it (its
    # base_url then ends in /en/); static files and old addresses live there. "": base_url.
    site_url: str = ""

    @property
    def root_url(self) -> str:
        """Return the address of the whole site: its static files are there, whatever the language."""
        return self.site_url or self.base_url

    def language_prefix(self, language: str) -> str:
        """Return the route every address of `language` starts with: "" or `en/` (ugsite.content.editions)."""
        return language_prefix(language, self.languages, self.default_language_at_root)

    @property
    def zone(self) -> ZoneInfo:
        """Return the site's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def direction(self) -> str:
        """Return the direction the site's language is written in, `ltr` or `rtl`: `<html dir>` in templates."""
        return text_direction(self.language)

    @property
    def slug_style(self) -> SlugStyle:
        """Return how the site makes slugs of titles and file names: its language and its `slugs` setting."""
        return SlugStyle(self.language, unicode=self.slugs == "unicode")


KEYS = [f for f in Config.__dataclass_fields__ if f not in ("root", "site_url", "language_texts")]


def load_config(root: Path, base_url: str | None = None) -> tuple[Config | None, list[Problem]]:
    """Read `root/ugsite.yaml`; `base_url` (from the command line) overrides the file's."""
    file = root / CONFIG_FILE
    if not file.is_file():
        return None, [error(CONFIG_FILE, f"no {CONFIG_FILE} in the folder '{root.resolve().name}'", None,
                            "run ugsite in the site folder, or pass the site folder: ugsite build SITE")]
    text, problems = read_text(file, CONFIG_FILE)
    if text is None:
        return None, problems
    if problems:  # characters the settings may not hold: the title reaches every page and feed
        return None, [replace(p, level="error") for p in problems]
    raw, problems = load_yaml(text, CONFIG_FILE)
    if problems:
        return None, problems
    if raw is None:
        raw = LineDict()
        raw.key_lines, raw.line = {}, 1
    if not isinstance(raw, LineDict):
        return None, [error(CONFIG_FILE, "the configuration is not a list of 'key: value' settings", 1)]
    if base_url:
        raw["base_url"] = base_url
    # Absolute, so that `ugsite build site` and `cd site && ugsite build` share one build cache.
    return _validate(root.absolute(), raw)


@dataclass(frozen=True)
class _Report:
    """Record a problem with one setting, at the setting's line."""

    key: str
    line: int | None
    problems: list[Problem]

    def __call__(self, message: str, hint: str | None = None) -> None:
        self.problems.append(error(CONFIG_FILE, message, self.line, hint))


def _validate(root: Path, raw: LineDict) -> tuple[Config | None, list[Problem]]:
    problems = _unknown_settings(raw)
    values: dict[str, Any] = {}
    for key, check in _CHECKS.items():
        if key in raw:
            value = check(raw[key], _Report(key, raw.line_of(key), problems))
            if value is not None:
                values[key] = value
    for key, example in _REQUIRED.items():
        if key not in raw:
            problems.append(error(CONFIG_FILE, f"'{key}' is required", raw.line_of(key),
                                  f"add a line like {key}: {example}"))
    problems += [error(CONFIG_FILE, message, raw.line_of(key), hint) for key, message, hint in _check_values(values)]
    problems += _logo_problems(root, values.get("logo", ""), raw.line_of("logo"))
    if "cfp" in raw and isinstance(values.get("base_url"), str):
        values["cfp"], found = read_call(raw["cfp"], CONFIG_FILE, raw.line_of("cfp"),
                                         proposal_form(root, values["base_url"]))
        problems += found
    if "languages" in values:
        values["language_texts"] = MappingProxyType({tag: texts for tag, texts in values["languages"] if texts})
        values["languages"] = tuple(tag for tag, _ in values["languages"])
        first = values["languages"][0]
        if values.setdefault("language", first) != first:
            problems.append(error(CONFIG_FILE, f"'language' is {values['language']} but the first of 'languages' "
                                  f"is {first}", raw.line_of("language"),
                                  "the first of 'languages' is the default language: delete the 'language' line"))
    if problems:
        return None, sort_problems(problems)
    values["permalink"] = values.get("permalink", "posts/{slug}/").lstrip("/")
    values["week_start"] = values.get("week_start", "monday").lower()
    if not values["base_url"].endswith("/"):
        values["base_url"] += "/"
    return replace(Config(root=root, title="", base_url=""), **values), []


def _logo_problems(root: Path, logo: str, line: int | None) -> list[Problem]:
    """Say why `logo:` cannot be drawn on the cards: it must be a PNG, JPEG or WebP file under static/."""
    if not logo:
        return []
    rel = logo.removeprefix("/").removeprefix("static/")
    if not rel.lower().endswith((".png", ".jpg", ".jpeg", ".webp")):
        return [error(CONFIG_FILE, f"'logo' must be a PNG, JPEG or WebP image, not {logo!r}", line,
                      "cards are pictures: save the logo as PNG (an SVG logo can stay in the theme's header)")]
    if not (root / "static" / rel).is_file():
        return [error(CONFIG_FILE, f"'logo' names static/{rel}, which does not exist", line,
                      "put the file under static/ and give its path there, e.g. logo: images/logo.png")]
    from PIL import Image  # only a site with a logo pays for loading Pillow here

    try:
        with Image.open(root / "static" / rel) as image:
            image.load()
    except (OSError, ValueError) as exc:
        return [error(CONFIG_FILE, f"'logo' names static/{rel}, which cannot be read as an image ({exc})", line,
                      "open it in an image editor and save it again as PNG")]
    return []


def _unknown_settings(raw: LineDict) -> list[Problem]:
    problems = []
    for key in raw:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            problems.append(error(CONFIG_FILE, f"unknown setting '{key}'", raw.line_of(key),
                                  f"did you mean '{close[0]}'?" if close else f"known settings: {', '.join(KEYS)}"))
    return problems


# Each checker returns the setting's value, or reports what is wrong with it and returns None.


def _text(value: Any, bad: _Report) -> str | None:
    kept = _kept_text(value, bad)
    return kept.strip() if kept is not None else None


def _kept_text(value: Any, bad: _Report) -> str | None:
    """Read text as written, for the intro: it is Markdown, where stripping would change a leading indented block."""
    if not isinstance(value, str):
        bad(f"'{bad.key}' must be text, not {value!r}", f'quote it: {bad.key}: "..."')
        return None
    return value


def _language(value: Any, bad: _Report) -> str | None:
    text = _text(value, bad)
    if text is None:
        return None
    trouble = language_problem(text)
    if trouble:
        bad(f"'language': {trouble[0]}", trouble[1])
        return None
    return text


LANGUAGE_TEXTS = ("title", "description")  # what a language of a site in two or more may say in its own words


def _languages(value: Any, bad: _Report) -> tuple[tuple[str, Mapping[str, str]], ...] | None:
    """Read `languages: [pl, en]`; an entry may give the site's title and description in its language: `en: {title: ...}`."""
    example = "e.g. languages: [pl, en], or an entry like - en: {description: Our group in English}"
    if not isinstance(value, list) or not value:
        bad("'languages' must be a list of language tags, the default first", example)
        return None
    found: list[tuple[str, Mapping[str, str]]] = []
    for entry in value:
        texts: Any = {}
        if isinstance(entry, dict) and len(entry) == 1:
            entry, texts = next(iter(entry.items()))
            texts = {} if texts is None else texts
        if not isinstance(entry, str) or not isinstance(texts, dict) or set(texts) - set(LANGUAGE_TEXTS) \
                or not all(isinstance(t, str) for t in texts.values()):
            bad(f"a 'languages' entry must be a language tag, or a tag with its {' and '.join(LANGUAGE_TEXTS)}, "
                f"not {entry!r}", example)
            return None
        if trouble := language_problem(entry.strip()):
            bad(f"'languages': {trouble[0]}", trouble[1])
            return None
        found.append((entry.strip(), MappingProxyType({k: v.strip() for k, v in texts.items()})))
    tags = [tag for tag, _ in found]
    if len(set(tags)) < len(tags):
        bad("'languages' names a language twice", "name each language once, the default first")
        return None
    return tuple(found)


def _whole_number(value: Any, bad: _Report) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        bad(f"'{bad.key}' must be a whole number of at least 1, not {value!r}")
        return None
    return value


def _flag(value: Any, bad: _Report) -> bool | None:
    if not isinstance(value, bool):
        bad(f"'{bad.key}' must be true or false, not {value!r}")
        return None
    return value


def _cards(value: Any, bad: _Report) -> tuple[str, ...] | None:
    if isinstance(value, bool):
        return CARD_KINDS if value else ()
    kinds = [value] if isinstance(value, str) else value
    if not isinstance(kinds, list) or any(kind not in CARD_KINDS for kind in kinds):
        bad(f"'cards' says which pages get a link preview card: {', '.join(CARD_KINDS)}, not {value!r}",
            "e.g. cards: [events]   (or cards: false for none)")
        return None
    return tuple(kind for kind in CARD_KINDS if kind in kinds)


def _reminders(value: Any, bad: _Report) -> tuple[timedelta, ...] | None:
    if value is False:
        return ()
    example = "e.g. reminders: [7d, 1d]   (or reminders: false for none)"
    leads = [value] if isinstance(value, str) else value
    if not isinstance(leads, list) or not leads:
        bad(f"'reminders' is a list of how long before an event to remind, not {value!r}", example)
        return None
    found: list[timedelta] = []
    for lead in leads:
        duration = parse_duration(lead, "reminders")
        if isinstance(duration, DateError):
            bad(f"each entry of 'reminders' is a time before the event like 7d or 2h, not {lead!r}", example)
            return None
        found.append(duration)
    if len(set(found)) != len(found):
        bad(f"'reminders' names one time twice: {value!r}", example)
        return None
    return tuple(sorted(found, reverse=True))


def _duration(value: Any, bad: _Report) -> timedelta | None:
    duration = parse_duration(value, bad.key)
    if isinstance(duration, DateError):
        bad(duration.message, duration.hint)
        return None
    return duration


def _extra(value: Any, bad: _Report) -> Mapping[str, Any] | None:
    if not isinstance(value, dict):
        bad("'extra' must be a mapping of your own settings")
        return None
    return MappingProxyType(dict(value))


def _organizer(value: Any, bad: _Report) -> Organizer | None:
    if isinstance(value, str) and value.strip() and not any(c in value.strip() for c in "\r\n"):
        return Organizer(value.strip())
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        extra = set(value) - {"name", "email", "url"}
        email, url = value.get("email"), value.get("url")
        if extra or not isinstance(email, (str, type(None))) or not isinstance(url, (str, type(None))):
            bad(f"'organizer' takes name, email and url, not {sorted(map(str, value))}")
            return None
        if email and not re.fullmatch(r"[^@\s\x00-\x1f]+@[^@\s\x00-\x1f]+\.[^@\s\x00-\x1f]+", email.strip()):
            bad(f"the organizer's email must be one address like hi@example.org, not {email!r}")
            return None
        if any(c in value["name"] for c in "\r\n"):
            bad("the organizer's name must be one line")
            return None
        if url and (trouble := link_problem(url)):
            bad(f"the organizer's url must be a web address; {trouble}", "e.g. url: https://example.org/")
            return None
        return Organizer(value["name"].strip(), email, url)
    bad("'organizer' must be a name or {name, email, url}", "e.g. organizer: {name: Harbor City Python, email: hi@example.org}")
    return None


def _sync(value: Any, bad: _Report) -> tuple[SyncFeed, ...]:
    example = "e.g. sync: [{ics: https://www.meetup.com/my-group/events/ical/, tags: [meetup]}]"
    if not isinstance(value, list):
        bad("'sync' must be a list of feeds", example)
        return ()
    feeds: list[SyncFeed] = []
    for item in value:
        item = {"url": item} if isinstance(item, str) else item
        kinds = [k for k in SYNC_KINDS if isinstance(item, dict) and k in item]
        if not isinstance(item, dict) or len(kinds) != 1 or set(item) - {*SYNC_KINDS, "tags"}:
            bad(f"each feed under 'sync' names one of {', '.join(SYNC_KINDS)} and may have tags, not {item!r}", example)
            continue
        url, tags = item[kinds[0]], item.get("tags", [])
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://", "webcal://")):
            bad(f"a feed under 'sync' is a web address (https:// or webcal://), not {url!r}", example)
            continue
        if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
            bad(f"the tags of a feed under 'sync' are a list of names, not {tags!r}", example)
            continue
        feeds.append(SyncFeed(url.strip(), None if kinds[0] == "url" else kinds[0], tuple(t.strip() for t in tags)))
    return tuple(feeds)


def _nav(value: Any, bad: _Report) -> tuple[NavItem | str, ...]:
    items: list[NavItem | str] = []
    if not isinstance(value, list):
        bad("'nav' must be a list", "write one entry per line: - about")
        return ()
    for item in value:
        if isinstance(item, str):
            items.append(item)
        elif isinstance(item, dict) and isinstance(item.get("title"), str) and isinstance(item.get("url"), str):
            url = item["url"]
            if trouble := link_problem(url):
                bad(f"the menu entry '{item['title']}' must link to a web address or a path; {trouble}",
                    "e.g. - {title: Meetup, url: https://www.meetup.com/my-group/}")
                continue
            items.append(NavItem(item["title"], url, external=bool(urlsplit(url).scheme)))
        else:
            bad(f"a 'nav' entry must be a page slug or {{title, url}}, not {item!r}",
                "e.g. - about   or   - {title: Meetup, url: https://www.meetup.com/my-group/}")
    return tuple(items)


_CHECKS: dict[str, Callable[[Any, _Report], Any]] = {
    "title": _text, "base_url": _text, "description": _text, "language": _language, "languages": _languages,
    "default_language_at_root": _flag, "slugs": _text,
    "timezone": _text,
    "author": _text, "intro": _kept_text, "theme": _text, "permalink": _text, "raw_html": _text,
    "feed_content": _text, "image": _text, "logo": _text, "week_start": _text,
    "posts_per_page": _whole_number, "feed_items": _whole_number, "calendar_past_months": _whole_number,
    "feed_events": _flag, "search": _flag, "cards": _cards,
    "default_duration": _duration, "organizer": _organizer, "extra": _extra, "nav": _nav, "sync": _sync,
    "reminders": _reminders,
}
_REQUIRED = {"title": "My Group", "base_url": "https://example.org/"}


def _check_values(values: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    found: list[tuple[str, str, str | None]] = []
    url = values.get("base_url")
    if url is not None:
        parts = urlsplit(url) if isinstance(url, str) and link_problem(url) is None else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            found.append(("base_url", f"'base_url' must be the site's public address, starting with https:// "
                          f"(or http://) and without ?query or #fragment, not {url!r}",
                          "e.g. base_url: https://my-org.github.io/my-group/ (the workflow passes the real one "
                          "with --base-url)"))
    zone = values.get("timezone")
    if zone is not None:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
            found.append(("timezone", f"unknown time zone {zone!r}", "use an IANA name such as Europe/Berlin"))
    link = values.get("permalink")
    if link is not None:
        fields = set(re.findall(r"{(\w*)}", link))
        if not fields & {"slug", "title", "filename"} or fields - _PERMALINK_FIELDS \
                or not link.endswith(("/", ".html")) or ".." in link:
            found.append(("permalink", f"'permalink' {link!r} must end with / (or .html) and use {{slug}}, "
                          "{title} or {filename}",
                          "placeholders: {year}, {month}, {day}, {categories}, {slug}, {title} (the file name's, "
                          "case kept, as Jekyll's :title), {filename}; e.g. permalink: /{year}/{slug}/"))
    day = values.get("week_start")
    if day is not None and day.lower() not in WEEKDAYS:
        close = difflib.get_close_matches(day.lower(), WEEKDAYS, n=1)
        found.append(("week_start", f"'week_start' must be the name of a day, not {day!r}",
                      f"did you mean '{close[0]}'?" if close else "e.g. week_start: sunday"))
    for key, allowed in (("raw_html", ("allow", "escape")), ("feed_content", ("full", "summary"))):
        if key in values and values[key] not in allowed:
            found.append((key, f"'{key}' must be {' or '.join(allowed)}, not {values[key]!r}", None))
    if values.get("slugs", "transliterate") not in ("transliterate", "unicode"):
        found.append(("slugs", f"'slugs' must be transliterate or unicode, not {values['slugs']!r}",
                      "transliterate (the default) writes addresses in ASCII letters: /posts/vstrecha/; "
                      "unicode keeps every script's letters: /posts/встреча/"))
    return found
