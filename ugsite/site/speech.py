"""Speak the site's language: its theme's messages (gettext catalogs) and its way with dates (CLDR, by Babel).

A site sets `language:` (BCP 47). Messages come from, nearest first: the site's own
`locales/<language>.po`, then each theme layer's `locales/<language>/LC_MESSAGES/ugsite.mo`
(or `.po`); a language with a region (`pt-BR`) falls back to its language (`pt`), and a
message found nowhere is said in English. Dates, times, weekdays, months, relative days and
time zone names follow the locale's conventions in Babel's CLDR data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
import gettext
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import (format_date, format_datetime, format_interval, format_skeleton, format_timedelta, match_skeleton,
                         tokenize_pattern)
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from ugsite.content.languages import text_direction
from ugsite.problems import Problem, error, warning

Moment = date | datetime  # a day, or a moment of it
DOMAIN = "ugsite"
_PLACEHOLDER = re.compile(r"%\((\w+)\)")
ENGLISH = "en"


def _day(value: Moment) -> date:
    """Return the day of `value` as written in its own zone: all that a pattern of a date without a time shows.

    Not the value itself: aware datetimes of one instant are equal in any zone, yet fall on other days.
    """
    return value.date() if isinstance(value, datetime) else value


# The fields of a CLDR date pattern that show the day, not the time of it (era, year, quarter, month, week, day, weekday),
# and of those, the ones that show only the month and the day of it (`MMMd`: a list of a year's posts).
_DATE_FIELDS = frozenset("GyYuUrQqMLlwWdDFgEec")
_MONTH_AND_DAY_FIELDS = frozenset("MLd")
# The fields that show the time of a day, not the day nor the zone (day period, hours, minutes, seconds).
_TIME_FIELDS = frozenset("abBhHKkmsSA")
_MONTH_AND_DAY, _DAY, _TIME, _MOMENT = "month and day", "day", "time", "moment"  # what a pattern shows (Speech._shows)


def N_(message: str) -> str:
    """Mark a message for the catalogs where it is defined; it is said in the site's language where it is used."""
    return message


@dataclass(frozen=True, eq=False)
class Speech:
    """The site's language: messages in it, and dates and times as it writes them."""

    tag: str  # as the site wrote it, for lang attributes: `pt-BR`
    locale: Locale
    translations: gettext.NullTranslations = field(repr=False)
    digest: str  # of every catalog read: part of the fingerprint of every page

    @property
    def direction(self) -> str:
        """`rtl` for a language written right to left, else `ltr`."""
        return text_direction(self.tag)

    @functools.cached_property
    def og_locale(self) -> str:
        """The Open Graph form of the locale: `cs_CZ`, `en_US`."""
        region = self.locale.territory or _likely_region(self.locale)
        return f"{self.locale.language}_{region}" if region else self.locale.language

    def gettext(self, message: str) -> str:
        """Return `message` in the site's language (English when no catalog has it)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Return the form of a message for `count` in the site's language."""
        return self.translations.ngettext(singular, plural, count)

    def date(self, value: Moment) -> str:
        """A day without its weekday: `9 December 2026`, `9. prosince 2026`."""
        return self.once(("date", _day(value)), lambda: format_date(value, "long", locale=self.locale))

    def skeleton(self, skeleton: str, value: Moment, zone: tzinfo | None) -> str:
        """A day or moment in the locale's pattern for a CLDR skeleton, in `zone`: `MMMd` gives `Dec 9`, `9. 12.`."""
        # Of a moment already in `zone`, a pattern says no more than the parts of it that it shows.
        shows = self._shows(skeleton) if isinstance(value, datetime) and value.tzinfo is zone is not None else _MOMENT
        key = ((value.month, value.day) if shows == _MONTH_AND_DAY else _day(value) if shows == _DAY
               else value.time() if shows == _TIME and isinstance(value, datetime) else value.isoformat())
        return self.once(("skeleton", skeleton, key),
                         lambda: format_skeleton(skeleton, value, tzinfo=zone, locale=self.locale))

    def once(self, key: tuple[object, ...], say: Callable[[], str]) -> str:
        """Say what `say` says the first time `key` is asked for, and the same after: a post's date is on its
        page, its lists and its tags' pages, an event's time on every list it is in."""
        said = self._said.get(key)
        if said is None:
            said = self._said[key] = say()
        return said

    def day(self, value: Moment) -> str:
        """A day with its weekday: `Wednesday, December 9, 2026`, `středa 9. prosince 2026`."""
        return self.once(("day", _day(value)), lambda: format_date(value, "full", locale=self.locale))

    def month(self, value: Moment) -> str:
        """A month of a year, standing alone (a heading): `December 2026`, `prosinec 2026`."""
        return self.once(("month", value.year, value.month), lambda: format_skeleton("yMMMM", value, locale=self.locale))

    def weekday_and_day(self, value: Moment) -> str:
        """A day of the month with its weekday, without the year: `Wednesday, October 14`, `středa 14. října`."""
        return self.once(("weekday and day", _day(value)),
                         lambda: format_date(value, self._weekday_and_day, locale=self.locale))

    @functools.cached_property
    def _weekday_and_day(self) -> str:
        """The locale's pattern of a weekday and day of the month, both in words (CLDR has it with short names)."""
        found = match_skeleton("MMMMEEEEd", self.locale.datetime_skeletons) or "MMMMEd"
        pattern = re.sub(r"E+", "EEEE", str(self.locale.datetime_skeletons[found].pattern))
        return re.sub(r"(?<![ML])(M{1,3}|L{1,3})(?![ML])", lambda m: m.group(1)[0] * 4, pattern)  # the month in words

    def _shows(self, skeleton: str) -> str:
        """Say what the locale's pattern for `skeleton` (as Babel matches it) shows of a moment: _MONTH_AND_DAY,
        _DAY (of a year; its weekday, its week), _TIME (of a day, without its zone) or _MOMENT (a day and a time of
        it, or a zone)."""
        shown = self._shown.get(skeleton)
        if shown is None:
            skeletons = self.locale.datetime_skeletons
            found = skeleton if skeleton in skeletons else match_skeleton(skeleton, skeletons)
            fields = {token[1][0] for token in tokenize_pattern(str(skeletons[found].pattern)) if token[0] == "field"} \
                if found in skeletons else {"?"}  # Babel will say what is wrong with it
            shown = self._shown[skeleton] = (_MONTH_AND_DAY if fields <= _MONTH_AND_DAY_FIELDS
                                             else _DAY if fields <= _DATE_FIELDS
                                             else _TIME if fields <= _TIME_FIELDS else _MOMENT)
        return shown

    @functools.cached_property
    def _shown(self) -> dict[str, str]:
        """What the pattern of each skeleton asked for shows (_shows)."""
        return {}

    @functools.cached_property
    def _said(self) -> dict[tuple[object, ...], str]:
        """What this Speech has said already, by what and of which moment."""
        return {}

    def days(self, start: Moment, last: Moment) -> str:
        """A run of days, shortened as the locale does: `December 9 – 10, 2026`, `9.–10. prosince 2026`."""
        return format_interval(start, last, "yMMMMd", locale=self.locale)

    def time(self, value: datetime) -> str:
        """A time of day in the locale's 12- or 24-hour clock: `6:30 PM`, `18:30`."""
        return self.skeleton(self._hours, value, value.tzinfo)

    def times(self, start: datetime, end: datetime) -> str:
        """A span of time within one day: `6:30 – 9:00 PM`, `18:30–21:00`."""
        return self.once(("times", start.isoformat(), end.isoformat()),
                         lambda: format_interval(start, end, self._hours, tzinfo=start.tzinfo, locale=self.locale))

    def day_and_time(self, day: str, time: str) -> str:
        """Join a day and a time as the locale does: `Wednesday, December 9, 2026, 6:30 PM`."""
        pattern = str(self.locale.datetime_formats.get("full", "{1}, {0}"))
        return pattern.replace("'", "").format(time, day)

    def zone(self, value: datetime) -> str:
        """The name people use for the time zone at `value`: `EST`, `MEZ`, `Central European Standard Time`."""
        # The name is the zone's, in summer or winter time, else its offset from UTC: the same at every moment
        # that has those. The zone by its repr (an IANA zone's names it), as not every kind of zone can be hashed.
        return self.once(("zone", repr(value.tzinfo), value.utcoffset(), value.dst(), value.tzname()),
                         lambda: self._zone(value))

    def _zone(self, value: datetime) -> str:
        short = format_datetime(value, "z", tzinfo=value.tzinfo, locale=self.locale)
        if short and short[0].isalpha() and not short.startswith("GMT"):
            return short
        abbreviation = value.tzname() or ""
        if self.locale.language == ENGLISH and abbreviation.isalpha():  # the tz database's names are English ones
            return abbreviation
        return format_datetime(value, "zzzz", tzinfo=value.tzinfo, locale=self.locale)

    def in_days(self, days: int) -> str:
        """How far ahead a number of days is: `in 3 days`, `za 3 dny`."""
        return format_timedelta(timedelta(days=days), granularity="day", threshold=1e9, add_direction=True,
                                locale=self.locale)

    def weekday(self, value: Moment, width: str = "wide") -> str:
        """The weekday of `value` standing alone: `Wednesday`, `středa`; `abbreviated`: `Wed`, `st`."""
        return str(self.locale.days["stand-alone"][width][value.weekday()])

    def month_name(self, value: Moment, width: str = "wide") -> str:
        """The month of `value` standing alone: `December`, `prosinec`; `abbreviated`: `Dec`, `pro`."""
        return str(self.locale.months["stand-alone"][width][value.month])

    def weekday_names(self, width: str = "abbreviated") -> tuple[str, ...]:
        """The weekdays from Monday, standing alone (column heads)."""
        names = self.locale.days["stand-alone"][width]
        return tuple(names[i] for i in range(7))

    @functools.cached_property
    def _hours(self) -> str:
        """The skeleton of a time in the locale's clock: `hm` for 12 hours, `Hm` for 24."""
        return "hm" if "h" in self.locale.time_formats["short"].pattern else "Hm"


@functools.cache
def english() -> Speech:
    """English with no catalog: what a caller says when it is given no site's language."""
    return Speech(ENGLISH, Locale.parse(ENGLISH), gettext.NullTranslations(), ENGLISH)


def load_speech(tag: str, root: Path, theme_folders: tuple[Path, ...]) -> tuple[Speech, list[Problem]]:
    """Read the catalogs for `tag` from the site's `locales/` and the theme layers, nearest first."""
    problems: list[Problem] = []
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse(ENGLISH)
        problems.append(warning("ugsite.yaml", f"ugsite has no date formats for the language {tag!r}: dates are "
                                               "written in English", None,
                                "write a language that the Unicode CLDR knows, e.g. de, pt-BR or zh-Hant"))
    digest = hashlib.sha256(f"{tag}\0{locale}".encode())
    chain: list[gettext.NullTranslations] = []
    for name in catalog_names(locale):
        for file in _catalog_files(name, root, theme_folders):
            found, trouble = _read(file, root, locale)
            problems += trouble
            if found is not None:
                digest.update(f"{file}\0".encode("utf-8", "surrogateescape") + found[1])
                chain.append(found[0])
    if not chain and locale.language != ENGLISH and not problems:
        problems.append(warning("ugsite.yaml", f"no catalog of the theme's messages is in the language {tag!r}: "
                                               "pages say them in English (dates follow the language)", None,
                                f"write one with `ugsite translate {tag}` and fill in locales/{tag}.po"))
    translations: gettext.NullTranslations = gettext.NullTranslations()
    for catalog in reversed(chain):
        catalog.add_fallback(translations)
        translations = catalog
    return Speech(tag, locale, translations, digest.hexdigest()[:32]), problems


def catalog_names(locale: Locale) -> list[str]:
    """The catalog names for a locale, most specific first: `pt_BR`, `pt`; `zh_Hant_TW`, `zh_Hant`, `zh`."""
    parts = [locale.language, locale.script, locale.territory, locale.variant]
    names: list[str] = []
    while parts:
        name = "_".join(p for p in parts if p)
        if name not in names:
            names.append(name)
        parts.pop()
    return names


def _catalog_files(name: str, root: Path, theme_folders: tuple[Path, ...]) -> list[Path]:
    files = [f for f in (root / "locales" / f"{name}.po", root / "locales" / f"{name.replace('_', '-')}.po")
             if f.is_file()][:1]
    for folder in theme_folders:
        messages = folder / "locales" / name / "LC_MESSAGES"
        compiled, source = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
        if compiled.is_file() or source.is_file():
            files.append(compiled if compiled.is_file() else source)
    return files


def _read(file: Path, root: Path, locale: Locale) -> tuple[tuple[gettext.NullTranslations, bytes] | None, list[Problem]]:
    """Read one catalog: a compiled `.mo` as it is, a `.po` checked and compiled in memory."""
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
    data = file.read_bytes()
    if file.suffix == ".po":
        try:
            catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
        except (PoFileError, UnicodeDecodeError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            return None, [error(shown, f"this message catalog cannot be read: {exc}", line,
                                'each message is a msgid "…" line and a msgstr "…" line, in UTF-8')]
        if problems := _placeholder_problems(catalog, shown):
            return None, problems
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        data = compiled.getvalue()
    try:
        return (Translations(io.BytesIO(data), domain=DOMAIN), data), []
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return None, [error(shown, f"this compiled message catalog cannot be read: {exc}", None,
                            "compile it again from its .po file: pybabel compile")]


def _placeholder_problems(catalog: Catalog, shown: str) -> list[Problem]:
    """Return an error for each translation that a page could not fill in: a placeholder its message lacks, or a lone %.

    Pages fill every message in (`%(site)s` becomes the group's name), so a translation may use
    only its message's placeholders, and writes a percent sign as `%%`.
    """
    problems: list[Problem] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = tuple(str(i) for i in message.id) if isinstance(message.id, (tuple, list)) else (str(message.id),)
        names = dict.fromkeys(_PLACEHOLDER.findall(" ".join(ids)), 1) | ({"num": 1} if len(ids) > 1 else {})
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for string in (str(s) for s in strings if s):
            try:
                _ = string % names
            except KeyError as exc:
                known = ", ".join(f"%({n})s" for n in names) or "none"
                problems.append(error(shown, f"the translation of {ids[0]!r} uses %({exc.args[0]})s, which this "
                                             "message does not have", message.lineno, f"its placeholders: {known}"))
            except (ValueError, TypeError):
                problems.append(error(shown, f"the translation of {ids[0]!r} has a % sign that is not a placeholder",
                                      message.lineno, "write a percent sign as %%, e.g. 100%% online"))
    return problems


def _likely_region(locale: Locale) -> str | None:
    """The region a language is most used in, by CLDR's likely subtags: `cs` -> `CZ`."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(locale.language)
    return likely.split("_")[-1] if likely and "_" in likely else None
