"""Read event files (`events/*.yaml`, `events/*.md`) and series into frozen Event objects."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from ugsite.site import routes
from ugsite.site.config import Config
from ugsite.content.containment import outside_links
from ugsite.site.data_files import read_record
from ugsite.content.dates import DateError, is_date_only, parse_datetime, parse_duration
from ugsite.site.fields import FieldReader
from ugsite.content.frontmatter import read_source, read_text
from ugsite.content.markdown import Job, MarkdownRenderer
from ugsite.site.model import (
    EVENT_STATUSES,
    Event,
    History,
    Series,
    Speaker,
    Sponsor,
    Talk,
    Term,
    Venue,
)
from ugsite.problems import Problem, error, warning
from ugsite.events.recaps import RecapTargets, read_photos, read_recap
from ugsite.events.series import occurrence_on, occurrences
from ugsite.content.editions import edition, plain_stem, translation_key
from ugsite.content.slugs import slugify, stem_slug
from ugsite.content.source_files import SiteFiles, find_files
from ugsite.content.urls import asset_url
from ugsite.content.yaml_source import LineDict, load_yaml

FIELDS = ("title", "start", "end", "duration", "timezone", "status", "venue", "online", "speakers", "talks",
          "sponsors", "rsvp", "tags", "image", "summary", "description", "uid", "series", "occurrence", "translation_key",
          "published", "extra", "aliases", "language", "recap", "photos", "broken_links")
EVENT_SUFFIXES = (".yaml", ".yml", ".md", ".markdown")
SERIES_MONTHS_AHEAD = 6


@dataclass(frozen=True)
class TalkFile:
    """A talk of `talks/`, and whether it says its own language (else it takes its event's)."""

    talk: Talk
    own_language: bool
    line: int | None = None  # of its title, for messages


@dataclass(frozen=True)
class Directory:
    """The records events refer to by key, and the tools to render their text."""

    config: Config
    host: str
    renderer: MarkdownRenderer
    venues: dict[str, Venue]
    speakers: dict[str, Speaker]
    sponsors: dict[str, Sponsor]
    series: dict[str, Series]
    history: dict[str, History]
    talks: Mapping[str, TalkFile] = field(default_factory=dict)
    posts: RecapTargets = RecapTargets()  # the posts a `recap:` may name
    static: frozenset[str] = frozenset()  # the paths of the files under static/, for `photos:`

    def describe(self, text: str, path: str, line: int) -> tuple[str, str, list[Problem]]:
        """Render Markdown to HTML and to plain text."""
        if not text.strip():
            return "", "", []
        rendered = self.renderer.render(text, path, line, plain=True)
        return rendered.html, rendered.text, list(rendered.problems)

    def inline(self, kind: str, entry: LineDict, path: str, problems: list[Problem]) -> Any:
        """Build a venue or speaker written inline in an event file."""
        key = slugify(str(entry.get("name", "")), self.config.slug_style) or "inline"
        return read_record(kind, key, entry, path, self.renderer, problems, entry.line)


@dataclass(frozen=True)
class Override:
    """An event file that fills in one occurrence of a series."""

    event: Event
    day: date
    line: int | None


def find_event_files(root: Path, listed: SiteFiles | None = None) -> list[tuple[Path, str]]:
    """Return the event files under `events/` with their site-relative paths, sorted."""
    return find_files(root, "events", EVENT_SUFFIXES, listed=listed)


@dataclass(frozen=True)
class EventFile:
    """An event file, parsed but not yet checked."""

    path: str
    stem: str  # its name without extension (and without the language a site in two or more names there)
    meta: LineDict
    body: str
    body_line: int
    language: str | None = None  # the language its name or folder gives it, on a site in two or more
    translation_key: str = ""  # equal in an event file and its translations (ugsite.content.editions)


# An event file parsed: its fields (None when it cannot be used), its Markdown body and that body's first line,
# and the problems met.
ParsedEventFile = tuple[LineDict | None, str, int, list[Problem]]


def scan_events(root: Path, languages: tuple[str, ...] = (),
                parse: Callable[[list[tuple[Path, str]]], list[ParsedEventFile]] | None = None,
                listed: SiteFiles | None = None) -> tuple[list[EventFile], list[Problem]]:
    """Parse every event file under `events/`; with `languages`, note each one's language and translations.

    `parse` parses many (file, site path) at once, as `parse_event_files` does (the build cache
    passes one that reuses the files that did not change); `listed`, the site's folders as the build listed them.
    """
    files: list[EventFile] = []
    problems: list[Problem] = []
    found_files = find_event_files(root, listed)
    linked = outside_links(root, [f for f, _ in found_files], listed)
    problems += linked
    leaked = {p.path for p in linked}
    wanted = [(file, path) for file, path in found_files if path not in leaked]
    for (file, path), (meta, body, body_line, found) in zip(wanted, (parse or parse_event_files)(wanted)):
        problems += found
        if meta is not None:
            language, plain = edition(path, languages)
            key = meta.get("translation_key") if languages else None
            files.append(EventFile(path, plain_stem(file.stem, language), meta, body, body_line, language,
                                   translation_key(plain, key if isinstance(key, str) else "") if languages else ""))
    return files, problems


def event_route(file: EventFile, config: Config) -> str:
    """Return the route an event file will have, before it is read in full (for links to it)."""
    series, start = file.meta.get("series"), file.meta.get("occurrence") or file.meta.get("start")
    if isinstance(series, str) and start is not None:
        moment = parse_datetime(start, config.zone)
        if not isinstance(moment, DateError):
            return routes.event(routes.occurrence_slug(series, moment.date()))
    return routes.event(stem_slug(file.stem, config.slug_style))


def read_events(files: list[EventFile], directory: Directory, now: datetime) -> tuple[tuple[Event, ...], list[Problem]]:
    """Check every event file and expand every series; return all events sorted by start."""
    problems: list[Problem] = []
    singles: list[Event] = []
    overrides: dict[str, list[Override]] = {}
    descriptions = [(f, _description(f.meta, f.body, f.body_line, FieldReader(f.path, f.meta, []))) for f in files]
    directory.renderer.prefetch([Job(text, f.path, line, plain=True) for f, (text, line) in descriptions
                                 if text.strip()])
    for file in files:
        result = _read_event(file, directory, problems)
        if isinstance(result, Override):
            overrides.setdefault(result.event.series.key if result.event.series else "", []).append(result)
        elif result is not None:
            singles.append(result)
    events = singles
    horizon = now + timedelta(days=30 * SERIES_MONTHS_AHEAD)
    uid_lines = {f.path: f.meta.line_of("uid") if "uid" in f.meta else None for f in files}
    problems += _uid_clashes(singles, directory.series.values(), uid_lines)
    for series in directory.series.values():
        events += _expand(series, overrides.get(series.key, []), horizon, directory, problems)
    # By the moment each starts (in UTC, so that no comparison of two starts works out their zones' offsets).
    return tuple(sorted(events, key=lambda e: (e.start.astimezone(timezone.utc), e.slug))), problems


def _uid_clashes(singles: list[Event], series: Iterable[Series], lines: dict[str, int | None]) -> list[Problem]:
    """Calendar apps merge two events with one UID, so a UID claimed twice is an error naming both."""
    owners: dict[str, str] = {s.uid: f"the series '{s.key}' in data/series.yaml" for s in series}
    found = []
    for event in sorted(singles, key=lambda e: e.source):
        other = owners.setdefault(event.uid, event.source)
        if other != event.source:
            found.append(error(event.source, f"the uid '{event.uid}' is already the uid of {other}",
                               lines.get(event.source),
                               "each event needs a uid of its own: change or remove this one "
                               "(to fill in a meeting of a series, write series: and the date instead)"))
    return found


def parse_event_files(files: list[tuple[Path, str]]) -> list[ParsedEventFile]:
    """Parse each (file, site path) of `files`: an event's YAML, or Markdown with front matter."""
    return [parse_event_file(file, path) for file, path in files]


def parse_event_file(file: Path, path: str) -> ParsedEventFile:
    """Parse one event file: its fields, its Markdown body and that body's first line, and the problems met."""
    if file.suffix.lower() in (".md", ".markdown"):
        source, problems = read_source(file, path)
        if source is None:
            return None, "", 1, problems
        return source.meta, source.body, source.body_line, problems
    text, read = read_text(file, path)
    if text is None:
        return None, "", 1, read
    meta, problems = load_yaml(text, path)
    if problems:
        return None, "", 1, read + problems
    if not isinstance(meta, LineDict):
        return None, "", 1, [error(path, "an event file must be a list of 'key: value' fields", 1,
                                   "start with title: ... and start: ...")]
    return meta, "", 1, read


def _description(meta: LineDict, body: str, body_line: int, reader: FieldReader) -> tuple[str, int]:
    """Return an event's description, its Markdown body or its `description` field, and its line."""
    if body.strip():
        return body, body_line
    return reader.text("description"), meta.line_of("description") or 1


def _read_event(file: EventFile, d: Directory, problems: list[Problem]) -> Event | Override | None:
    stem, path, meta, body, body_line = file.stem, file.path, file.meta, file.body, file.body_line
    before = len(problems)
    reader = FieldReader(path, meta, problems)
    reader.unknown(FIELDS)
    series = _series(meta, d, path, problems)
    inherited = _inherited(series, stem, d)
    zone = reader.zone("timezone", inherited.timezone)
    if zone is None:
        return None
    title = _title(reader, inherited)
    times = _times(meta, path, zone, inherited.duration, problems)
    description_html, plain = _rendered_description(meta, body, body_line, reader, d, inherited)
    history = _history(reader, d, zone)
    language = reader.language("language", file.language or inherited.language)
    venue, speakers, talks, sponsors = _people(meta, path, d, inherited, language, problems)
    status, online, rsvp, extra, tags, image = _details(reader, d, inherited)
    recap = read_recap(meta, path, d.posts, problems)
    photos = read_photos(meta, path, d.static, d.renderer.urls, problems)
    if times is None or any(p.level == "error" for p in problems[before:]):
        return None
    # uid, summary and aliases are read only after that check: a wrong one is reported but does not drop the event.
    event = Event(
        source=path, uid=reader.text("uid") or inherited.uid, slug=stem_slug(stem, d.config.slug_style),
        title=title, start=times[0], end=times[1], all_day=times[2], timezone=zone.key,
        status=status,  # type: ignore[arg-type]
        venue=venue, online=online, speakers=speakers, talks=talks, sponsors=sponsors, rsvp=rsvp, tags=tags,
        image=image, summary=reader.text("summary") or _first_line(plain) or inherited.summary,
        description_html=description_html, description_text=plain, extra=extra, history=history, series=series,
        aliases=reader.aliases(), language=language, recap=recap, photos=photos,
        broken_links=reader.texts("broken_links"),
    )
    return _override(event, reader, zone) if series else event


@dataclass(frozen=True)
class Inherited:
    """What an event takes from its series where its file is silent, or from the site when it has none."""

    timezone: str
    duration: timedelta
    uid: str
    language: str
    title: str = ""
    summary: str = ""
    description: tuple[str, str] | None = None  # HTML and text; None: an event without a series keeps its own
    venue: Venue | None = None
    online: str | None = None
    tags: tuple[Term, ...] = ()


def _inherited(series: Series | None, stem: str, d: Directory) -> Inherited:
    if series is None:
        return Inherited(d.config.timezone, d.config.default_duration, f"{stem}@{d.host}", d.config.language)
    return Inherited(series.timezone, series.duration, series.uid, series.language, series.title, series.summary,
                     (series.description_html, series.description_text), series.venue, series.online, series.tags)


def _title(reader: FieldReader, inherited: Inherited) -> str:
    title = reader.text("title") or inherited.title
    if not title:
        reader.problems.append(error(reader.path, "the event has no title", reader.meta.line, "add title: ..."))
    return title


def _rendered_description(meta: LineDict, body: str, body_line: int, reader: FieldReader, d: Directory,
               inherited: Inherited) -> tuple[str, str]:
    """Return the event's description as HTML and as text, its series' when it has none of its own."""
    text, line = _description(meta, body, body_line, reader)
    html, plain, found = d.describe(text, reader.path, line)
    reader.problems.extend(found)
    if inherited.description is not None and not html:
        return inherited.description
    return html, plain


def _history(reader: FieldReader, d: Directory, zone: ZoneInfo) -> History:
    history = d.history.get(reader.path, History())
    published = reader.date("published", zone=zone)
    return replace(history, published=published) if published else history


def _people(meta: LineDict, path: str, d: Directory, inherited: Inherited, language: str, problems: list[Problem]
            ) -> tuple[Venue | None, tuple[Speaker, ...], tuple[Talk, ...], tuple[Sponsor, ...]]:
    """Read where the event is and who speaks at and sponsors it (talks are in `language` unless they say)."""
    venue = _venue(meta, path, d, problems) if "venue" in meta else inherited.venue
    speakers = _speakers(meta.get("speakers"), meta.line_of("speakers"), path, d, problems)
    return venue, speakers, _talks(meta, path, d, language, problems), _sponsors(meta, path, d, problems)


def _details(reader: FieldReader, d: Directory, inherited: Inherited
             ) -> tuple[str, str | None, str | None, MappingProxyType[str, Any], tuple[Term, ...], str | None]:
    """Read the event's status, its addresses, extra fields, tags and image."""
    status = reader.choice("status", EVENT_STATUSES, "scheduled")
    online, rsvp, extra = reader.url("online") or inherited.online, reader.url("rsvp"), reader.mapping("extra")
    tags = reader.terms("tags", d.config.slug_style) or inherited.tags
    image = asset_url(picture, d.renderer.urls) if (picture := reader.link("image")) else None
    return status, online, rsvp, extra, tags, image


def _override(event: Event, reader: FieldReader, zone: ZoneInfo) -> Override:
    day = reader.date("occurrence", zone=zone)
    meta = reader.meta
    return Override(event, (day or event.start).date(), meta.key_lines.get("occurrence") or meta.line_of("start"))


def _series(meta: LineDict, d: Directory, path: str, problems: list[Problem]) -> Series | None:
    key = meta.get("series")
    if key is None:
        return None
    if isinstance(key, str) and key in d.series:
        return d.series[key]
    problems.append(error(path, f"unknown series '{key}'", meta.line_of("series"),
                          f"known series: {', '.join(sorted(d.series)) or 'none (add data/series.yaml)'}"))
    return None


def _times(meta: LineDict, path: str, zone: ZoneInfo, default: timedelta,
           problems: list[Problem]) -> tuple[datetime, datetime, bool] | None:
    raw = meta.get("start")
    if raw is None:
        problems.append(error(path, "the event has no start", meta.line, 'add start: "2026-05-14 18:30"'))
        return None
    start = _moment(raw, "start", meta, path, zone, problems)
    if start is None:
        return None
    all_day = is_date_only(raw)
    if "end" in meta and "duration" in meta:
        problems.append(error(path, "the event gives both end and duration", meta.line_of("duration"), "keep one of them"))
        return None
    if "end" in meta:
        end = _moment(meta["end"], "end", meta, path, zone, problems)
        if end is None:
            return None
        if is_date_only(meta["end"]) != all_day:
            problems.append(error(path, "start and end must both be dates (all-day) or both date-times",
                                  meta.line_of("end"), 'e.g. start: "2026-06-20" and end: "2026-06-21"'))
            return None
        if all_day:
            end += timedelta(days=1)
    else:
        duration = timedelta(days=1) if all_day else default
        if "duration" in meta:
            parsed = parse_duration(meta["duration"])
            if isinstance(parsed, DateError):
                problems.append(error(path, parsed.message, meta.line_of("duration"), parsed.hint))
                return None
            duration = parsed
        end = start + duration if not all_day else start + timedelta(days=max(1, duration.days))
    if end <= start:
        problems.append(error(path, f"the event ends ({meta.get('end')}) before it starts ({raw})",
                              meta.line_of("end"), "check the dates; an end on the next day makes a multi-day event"))
        return None
    return start, end, all_day


def _moment(raw: Any, key: str, meta: LineDict, path: str, zone: ZoneInfo, problems: list[Problem]) -> datetime | None:
    parsed = parse_datetime(raw, zone, key)
    if isinstance(parsed, DateError):
        problems.append(error(path, parsed.message, meta.line_of(key), parsed.hint))
        return None
    if parsed.tzinfo is not zone:
        local = parsed.astimezone(zone)
        if local.utcoffset() != parsed.utcoffset():
            problems.append(warning(
                path, f"'{key}' has the UTC offset {_offset(parsed)}, but {zone.key} is at {_offset(local)} on "
                f"{local.date().isoformat()}; ugsite uses {local:%H:%M} {zone.key}", meta.line_of(key),
                f"drop the offset and let timezone: {zone.key} decide, or set the timezone the time is in"))
        return local
    return parsed


def _offset(moment: datetime) -> str:
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}" if text else "UTC"


def _venue(meta: LineDict, path: str, d: Directory, problems: list[Problem]) -> Venue | None:
    value = meta.get("venue")
    if value is None:
        return None
    if isinstance(value, LineDict):
        return d.inline("venues", value, path, problems)  # type: ignore[no-any-return]
    if isinstance(value, str) and value in d.venues:
        return d.venues[value]
    problems.append(error(path, f"unknown venue '{value}'", meta.line_of("venue"),
                          f"known venues: {', '.join(sorted(d.venues)) or 'none (add data/venues.yaml)'}"))
    return None


def _speakers(value: Any, line: int | None, path: str, d: Directory, problems: list[Problem]) -> tuple[Speaker, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    found: list[Speaker] = []
    for item in items:
        if isinstance(item, LineDict):
            speaker = d.inline("speakers", item, path, problems)
            if speaker is not None:
                found.append(speaker)
        elif isinstance(item, str) and item in d.speakers:
            found.append(d.speakers[item])
        else:
            problems.append(error(path, f"unknown speaker '{item}'", line,
                                  f"known speakers: {', '.join(sorted(d.speakers)) or 'none'}; "
                                  "or write the speaker inline: {name: Ada Lovelace, url: https://...}"))
    return tuple(found)


def _talks(meta: LineDict, path: str, d: Directory, language: str, problems: list[Problem]) -> tuple[Talk, ...]:
    value = meta.get("talks")
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(error(path, "'talks' must be a list of talks", meta.line_of("talks"),
                              "e.g. talks:\n  - title: Pattern matching\n    speakers: [maya-okafor]"))
        return ()
    talks = []
    for item in value:
        if isinstance(item, str) and item in d.talks:
            talk = d.talks[item]
            talks.append(talk.talk if talk.own_language else replace(talk.talk, language=language))
        elif isinstance(item, str):
            problems.append(error(path, f"unknown talk '{item}'", meta.line_of("talks"),
                                  f"known talks (talks/KEY.yaml): {', '.join(sorted(d.talks)) or 'none'}; "
                                  "or write the talk here: - title: ..."))
        elif not isinstance(item, LineDict) or not isinstance(item.get("title"), str):
            problems.append(error(path, f"a talk must have a title, not {item!r}", meta.line_of("talks")))
        else:
            talks.append(read_talk(item, path, d, language, problems))
    return tuple(talks)


TALK_FIELDS = ("title", "speakers", "description", "slides", "video", "code", "photos", "language", "extra")


def read_talk(entry: LineDict, path: str, d: Directory, language: str, problems: list[Problem], key: str = "") -> Talk:
    """Read one talk's fields (in an event's `talks:`, or a talk file's); its language is `language` unless it says."""
    reader = FieldReader(path, entry, problems)
    reader.unknown(TALK_FIELDS, " in a talk" if not key else "")
    html, _, found = d.describe(reader.text("description"), path, entry.line_of("description") or entry.line)
    problems += found
    return Talk(reader.text("title"), _speakers(entry.get("speakers"), entry.line_of("speakers"), path, d, problems),
                html, reader.url("slides"), reader.url("video"), reader.language("language", language), key=key,
                extra=reader.mapping("extra"), code=reader.url("code"), photos=reader.url("photos"))


def _sponsors(meta: LineDict, path: str, d: Directory, problems: list[Problem]) -> tuple[Sponsor, ...]:
    value = meta.get("sponsors")
    items = [] if value is None else value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, str) and item in d.sponsors:
            found.append(d.sponsors[item])
        else:
            problems.append(error(path, f"unknown sponsor '{item}'", meta.line_of("sponsors"),
                                  f"known sponsors: {', '.join(sorted(d.sponsors)) or 'none (add data/sponsors.yaml)'}"))
    return tuple(found)


def _first_line(text: str) -> str:
    return text.split("\n\n", 1)[0].replace("\n", " ").strip() if text else ""


def _expand(series: Series, overrides: list[Override], horizon: datetime, d: Directory,
            problems: list[Problem]) -> list[Event]:
    by_day: dict[date, Override] = {}
    for override in overrides:
        if override.day in by_day:
            problems.append(error(override.event.source, f"{override.event.source} and {by_day[override.day].event.source} "
                                  f"both fill in the {series.key} meeting of {override.day}", override.line,
                                  "keep one file per occurrence"))
        by_day[override.day] = override
    events: list[Event] = []
    starts = {start.date(): start for start in occurrences(series, horizon)}
    for day, override in by_day.items():
        start = starts.get(day) or occurrence_on(series, day)
        if start is None:
            problems.append(error(override.event.source, f"{day} is not a meeting of the series '{series.key}'",
                                  override.line, "use the date of a meeting, or add occurrence: with that date "
                                  "when the meeting moved to another day"))
            continue
        starts[day] = start
    for day, start in sorted(starts.items()):
        slug = routes.occurrence_slug(series.key, day)
        if day in by_day:
            events.append(replace(by_day[day].event, slug=slug, uid=series.uid, recurrence_id=start))
        else:
            events.append(Event(
                source="data/series.yaml", uid=series.uid, slug=slug, title=series.title, start=start,
                end=start + series.duration, all_day=False, timezone=series.timezone, status="scheduled",
                venue=series.venue, online=series.online, speakers=(), talks=(), sponsors=(), rsvp=None,
                tags=series.tags, image=None, summary=series.summary, description_html=series.description_html,
                description_text=series.description_text, extra=MappingProxyType({}), history=series.history,
                series=series, recurrence_id=start, has_file=False, language=series.language,
            ))
    return events
