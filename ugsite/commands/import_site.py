"""`ugsite import`: recognise the source, convert it, keep old addresses, write the files and the report."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


from ugsite.site import routes
from ugsite.site import CONFIG_FILE
from ugsite.site.config import Config, load_config
from ugsite.site.documents import Kind, check_document
from ugsite.content.frontmatter import Source, split_front_matter
from ugsite.content.slugs import PLAIN, SlugStyle
from ugsite.importers.event_files import SiteFacts, site_facts, yaml_text
from ugsite.importers.broken_links import list_broken_links
from ugsite.importers.feed_source import fetch, is_address
from ugsite.importers.fields import Imported, document, plain
from ugsite.importers.ghost import import_ghost, is_ghost
from ugsite.importers.hugo import import_hugo, is_hugo
from ugsite.importers.event_data import import_event_data, is_event_data, is_event_folder
from ugsite.importers.ics_calendar import import_ics, is_ics
from ugsite.importers.meetup_json import import_meetup_json, is_meetup_json
from ugsite.importers.moved_links import rebase_links
from ugsite.importers.redirect_links import follow_redirects
from ugsite.importers.jekyll import import_jekyll, is_jekyll
from ugsite.importers.middleman import import_middleman, is_middleman
from ugsite.importers.mynt import import_mynt, is_mynt
from ugsite.importers.pelican import import_pelican, is_pelican
from ugsite.importers.report import Note, needs_person, report_markdown
from ugsite.importers.talks import posts_as_events
from ugsite.importers.translations import Languages, settings_text, site_languages
from ugsite.importers.sync import STATE, read_state, state_text, sync_events
from ugsite.importers.wordpress import import_wordpress, is_wordpress
from ugsite.importers.zola import import_zola, is_zola
from ugsite.commands.init import init_site
from ugsite.commands.requirement import Requirement
from ugsite.content.urls import alias_route
from ugsite.content.yaml_source import load_yaml

REPORT = "import-report.md"
# Recognised in this order: the first that fits wins.
SITE_KINDS: dict[str, tuple[Callable[[Path], bool], Callable[[Path, str], Imported]]] = {
    "ghost": (is_ghost, import_ghost), "hugo": (is_hugo, import_hugo), "zola": (is_zola, import_zola),
    "pelican": (is_pelican, import_pelican),
    "middleman": (is_middleman, import_middleman), "mynt": (is_mynt, import_mynt),  # before Jekyll: _posts/ too
    "jekyll": (is_jekyll, import_jekyll), "wordpress": (is_wordpress, import_wordpress)}
# Sources read as bytes, from a file or a web address, and recognised by what they hold.
CALENDAR_KINDS: dict[str, tuple[Callable[[bytes], bool], Callable[[bytes, str, str, SiteFacts], Imported]]] = {
    "ics": (is_ics, import_ics), "meetup": (is_meetup_json, import_meetup_json)}
KINDS = sorted([*SITE_KINDS, *CALENDAR_KINDS, "events"])
_UNKNOWN = ("this is not something ugsite can import: it knows Jekyll (a folder with _config.yml or _posts/), Hugo "
            "(hugo.toml or config.toml with content/), Zola (zola.toml or config.toml with base_url), Pelican (pelicanconf.py), Middleman (config.rb and source/), "
            "mynt (config.yml and _posts/), Ghost (its JSON export), WordPress (its WXR .xml export), "
            "calendars (an .ics file or address), Meetup's event JSON, and event data files (YAML or JSON; "
            "--from events for a folder of them)")
EXIT_DONE, EXIT_NEEDS_PERSON, EXIT_UNUSABLE = 0, 1, 2
# Files every ugsite build writes itself: an old site's own copy in static/ would collide with them.
MADE_FILES = (routes.ROBOTS, routes.SITEMAP, routes.FEED, routes.ATOM, routes.NOT_FOUND, routes.CALENDAR,
              routes.EVENTS_FEED, routes.EVENTS_ATOM)


@dataclass
class ImportResult:
    """What an import wrote and noted, and how it ended."""

    status: int
    notes: list[Note] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    kind: str = ""


@dataclass(frozen=True)
class ImportOptions:
    """How to import: what to write, and how to read event data."""

    dry_run: bool = False
    force: bool = False
    day_first: bool | None = None  # None: as the site's language writes dates
    mapping: dict[str, str] = field(default_factory=dict)  # ugsite field -> the source's name for it
    sync: bool = False  # mirror the source: update changed events, cancel vanished ones (events only)
    tags: tuple[str, ...] = ()  # tags every synced event gets
    events_from: tuple[str, ...] = ()  # a site's folders whose posts are events (default: recognised one by one)
    timezone: str | None = None  # a new site's zone, where the source names none (or the wrong one)


def import_site(source: str, site: Path, kind: str | None, now: datetime, requirement: Requirement,
                options: ImportOptions = ImportOptions()) -> ImportResult:
    """Import `source` into the ugsite site `site` (made as `ugsite init` would when it does not exist).

    `source` is a folder or a file of another generator's site, or a calendar or event data: a file or
    a web address.
    """
    today = f"{now:%Y-%m-%d}"
    data: bytes | None = None
    if is_address(source) or (Path(source).is_file() and kind in (None, "events", *CALENDAR_KINDS)):
        fetched = fetch(source)
        if fetched.data is None:
            return ImportResult(EXIT_UNUSABLE, [Note(source, fetched.problem, "needs a person")])
        data = fetched.data
    elif not Path(source).exists():
        return ImportResult(EXIT_UNUSABLE, [Note(source, "there is no such file or folder", "needs a person")])
    kind = kind or _recognise(source, data)
    if kind is None or kind not in KINDS:
        return ImportResult(EXIT_UNUSABLE, [Note(source, _UNKNOWN, "needs a person")])
    if kind in CALENDAR_KINDS and data is None:
        return ImportResult(EXIT_UNUSABLE, [Note(source, "this kind of source is a file or a web address, not a "
                                                 "folder", "needs a person")], kind=kind)
    if options.sync and kind in SITE_KINDS:
        return ImportResult(EXIT_UNUSABLE, [Note(source, "--sync keeps events in step with a calendar or event data; "
                                                 "a site is imported once, without it", "needs a person")], kind=kind)
    existing: Config | None = None
    if (site / CONFIG_FILE).is_file():  # importing into a site: its settings decide zone, address and links
        existing, problems = load_config(site)
        if existing is None:
            return ImportResult(EXIT_UNUSABLE, [Note(p.path, p.message, "needs a person", p.line) for p in problems],
                                kind=kind)
    imported = _convert(kind, source, data, site, existing, today, options)
    _leave_out_made_files(imported)
    force, dry_run = options.force, options.dry_run
    synced: set[str] = set()
    if options.sync:
        problem = _sync(site, existing, source, imported, now, options.tags)
        if problem is not None:
            return ImportResult(EXIT_UNUSABLE, [problem], kind=kind)
        synced = set(imported.files)
    with tempfile.TemporaryDirectory(prefix="ugsite-import-") as scratch:
        infrastructure, problem = _site_files(site, existing, imported, now, requirement, Path(scratch))
        if problem is not None:
            return ImportResult(EXIT_UNUSABLE, [problem], kind=kind)
        notes = list(imported.notes)
        config, problems = (existing, []) if existing else load_config(Path(scratch) / "site")
        if config is None:
            return ImportResult(EXIT_UNUSABLE, [Note(p.path, p.message, "needs a person", p.line) for p in problems],
                                kind=kind)
        languages = site_languages(imported.settings)
        if existing:  # the site's own languages decide where its files are published
            languages, missing = _site_languages(site), languages.codes
            if missing and not languages.codes:
                notes.append(Note(CONFIG_FILE, f"the old site is in {', '.join(missing)}: add languages: "
                                  f"[{', '.join(missing)}] to ugsite.yaml, or its translations are pages of their own",
                                  "needs a person"))
        _distinct_routes(imported, config, languages, site, notes)
        rebase_links(imported, lambda path, source: _route_of(path, source, config, languages), notes)
        content = _distinct_aliases(_with_aliases(imported, config, languages, notes), config, languages,
                                    _made_routes(imported, site), notes)
        merged = _data_entries(site, imported.data_entries)
        files = {**infrastructure, **content, **merged}
    result = ImportResult(EXIT_DONE, notes, kind=kind)
    for path, text in sorted(files.items()):
        _write(site, path, text, dry_run, force or path in merged or path in synced, result)
    report = report_markdown(source, kind, notes, len(imported.origins) or len(content))
    if not dry_run and not options.sync:  # a sync says what it changed as it runs, and in its commit
        (site / REPORT).write_text(report, encoding="utf-8")
    result.status = EXIT_NEEDS_PERSON if needs_person(notes) else EXIT_DONE
    return result


def _site_languages(site: Path) -> Languages:
    """Return the languages the settings of an existing site list (none: one language)."""
    text = (site / CONFIG_FILE).read_text(encoding="utf-8")
    settings, _ = load_yaml(text, CONFIG_FILE)
    return site_languages(settings) if isinstance(settings, dict) else Languages()


def _leave_out_made_files(imported: Imported) -> None:
    """Leave out the old site's static copies of files ugsite makes (robots.txt, sitemap.xml), with a report line."""
    for name in MADE_FILES:
        if imported.files.pop(f"static/{name}", None) is not None:
            imported.notes.append(Note(f"static/{name}", f"ugsite makes its own {name}, so the old site's was left "
                                       "out", "skipped"))


def _sync(site: Path, config: Config | None, source: str, imported: Imported, now: datetime,
          tags: tuple[str, ...]) -> Note | None:
    """Turn the imported events into the edits that make the site mirror the source, and the new sync state."""
    zone = config.zone if config else ZoneInfo(str(imported.settings.get("timezone", "UTC")))
    events = {p: str(t) for p, t in imported.files.items() if p.startswith("events/")}
    state = read_state(site)
    synced = sync_events(site, source, events, state, now, zone, list(tags))
    if synced.problem:
        return Note(source, synced.problem, "needs a person")
    imported.files = {**{p: t for p, t in imported.files.items() if p not in events}, **synced.files,
                      STATE: state_text(state)}
    imported.notes.extend(synced.notes)
    return None


def _recognise(source: str, data: bytes | None) -> str | None:
    """Return the kind of source: a calendar by what it holds, a site by its files, else event data."""
    if data is not None:
        for name, (recognise, _) in CALENDAR_KINDS.items():
            if recognise(data):
                return name
    if not is_address(source):
        site = next((name for name, (recognise, _) in SITE_KINDS.items() if recognise(Path(source))), None)
        if site is not None:
            return site
    if data is not None and is_event_data(data, source.rsplit("/", 1)[-1]) or \
            data is None and is_event_folder(Path(source)):
        return "events"
    return None


def _convert(kind: str, source: str, data: bytes | None, site: Path, config: Config | None, today: str,
             options: ImportOptions) -> Imported:
    """Run the importer of `kind`; events are read against what the site has (its zone, venues and UIDs)."""
    if kind in SITE_KINDS:
        imported = SITE_KINDS[kind][1](Path(source), today)
        if options.timezone and not config:
            imported.settings["timezone"] = options.timezone
        site_zone = config.zone if config else _zone(imported.settings.get("timezone"))
        facts = site_facts(site, site_zone, config.base_url if config else imported.settings.get("base_url"),
                           config.slug_style if config else SlugStyle(str(imported.settings.get("language") or "en")))
        if Path(source).is_dir():
            follow_redirects(Path(source), imported, _host(imported.settings.get("base_url")))
        if Path(source).is_dir():
            list_broken_links(Path(source), imported)  # before posts become events, which keep the list
        posts_as_events(Path(source), imported, list(options.events_from), site_zone, facts)
        return imported
    zone = config.zone if config else _zone(options.timezone) if options.timezone else None
    facts = site_facts(site, zone, config.base_url if config else None, config.slug_style if config else PLAIN)
    if kind in CALENDAR_KINDS:
        assert data is not None
        imported = CALENDAR_KINDS[kind][1](data, source, today, facts)
        if zone is not None and not config:
            imported.settings["timezone"] = zone.key
        return imported
    language = config.language if config else "en"
    with tempfile.TemporaryDirectory(prefix="ugsite-import-") as scratch:
        path = Path(source)
        if is_address(source):  # event data from the web: read as the file it is
            path = Path(scratch) / (source.rstrip("/").rsplit("/", 1)[-1] or "events.json")
            path.write_bytes(data or b"")
        imported = import_event_data(path, today, facts, options.day_first, language, options.mapping)
    if zone is not None and not config:
        imported.settings["timezone"] = zone.key
    return imported


def _host(base_url: Any) -> str | None:
    """Return the host of the old site's address (`lrug.org` of `https://www.lrug.org/`), if it has one."""
    host = urlsplit(base_url).netloc.lower().removeprefix("www.") if isinstance(base_url, str) else ""
    return host or None


def _zone(name: Any) -> ZoneInfo:
    try:
        return ZoneInfo(str(name or "UTC"))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def _data_entries(site: Path, entries: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Return data files with the entries an import adds after what they hold (comments and all), keys not repeated."""
    files: dict[str, str] = {}
    for name, added in sorted(entries.items()):
        path = f"data/{name}.yaml"
        existing = (site / path).read_text(encoding="utf-8") if (site / path).is_file() else ""
        known, _ = load_yaml(existing, path) if existing.strip() else ({}, [])
        new = {k: v for k, v in added.items() if not isinstance(known, dict) or k not in known}
        if new:
            files[path] = existing + ("\n" if existing and not existing.endswith("\n") else "") + yaml_text(new)
    return files


def _site_files(site: Path, config: Config | None, imported: Imported, now: datetime, requirement: Requirement,
                scratch: Path) -> tuple[dict[str, str | bytes], Note | None]:
    """Return the settings, workflow and README of a new site (nothing when `site` is one already)."""
    if config is not None:
        if imported.html and config.raw_html != "allow":
            imported.notes.append(Note(CONFIG_FILE, "imported posts use raw HTML: check that raw_html is allow in "
                                       "ugsite.yaml, or they show it as text", "needs a person"))
        return {}, None
    settings = imported.settings
    zone = settings.get("timezone", "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        imported.notes.append(Note(CONFIG_FILE, f"the old time zone {zone!r} is unknown; the site uses UTC",
                                   "needs a person"))
        zone = "UTC"
    name = settings.get("title") or site.resolve().name
    values = {"description": settings.get("description", ""), "language": settings.get("language", "en"),
              "author": settings.get("author", f"{name} organizers"), "permalink": settings.get("permalink", ""),
              "raw_html": "allow" if imported.html else "escape"}
    written, problems = init_site(scratch / "site", name, zone, settings.get("base_url", "https://example.org/"), now,
                                  requirement, settings=values, sample=False)
    if problems:
        return {}, Note(problems[0].path, problems[0].message, "needs a person")
    files: dict[str, str | bytes] = {}
    for file in written:  # the languages join the settings after init checked them as one language's
        path, text = file.relative_to(scratch / "site").as_posix(), file.read_text(encoding="utf-8")
        files[path] = settings_text(text, settings) if path == CONFIG_FILE else text
    return files, None


def _with_aliases(imported: Imported, config: Config, languages: Languages,
                  notes: list[Note]) -> dict[str, str | bytes]:
    """Add each page's old address as an alias where ugsite would serve it elsewhere."""
    files = dict(imported.files)
    for path, old in sorted(imported.old_addresses.items()):
        content = files[path]
        assert isinstance(content, str)
        source, _ = split_front_matter(content, path)
        if source is None:
            continue
        new = _route_of(path, source, config, languages)
        route = alias_route(old)
        if route is None or route == new:
            continue
        meta = plain(source.meta)
        aliases = [a for a in meta.get("aliases", []) if isinstance(a, str)]
        meta["aliases"] = [old, *aliases]
        files[path] = document(meta, source.body)
        notes.append(Note(path, f"its old address {old} redirects to its new one, /{new}"))
    return files


def _distinct_aliases(files: dict[str, str | bytes], config: Config, languages: Languages, made: set[str],
                      notes: list[Note]) -> dict[str, str | bytes]:
    """Keep an old address as the alias of one file only, and never where another file is published.

    The old site published one page at such an address (the others were overwritten), so it redirects to the first.
    """
    documents: dict[str, Any] = {}
    for path, content in sorted(files.items()):
        if path.startswith(("posts/", "pages/")) and path.endswith(".md") and isinstance(content, str):
            source, _ = split_front_matter(content, path)
            if source is not None:
                documents[path] = (source, _route_of(path, source, config, languages))
    claimed = {**{route: f"ugsite's own {route.strip('/')} page" for route in made},
               **{route: path for path, (_, route) in documents.items()}}
    for path, (source, _) in documents.items():
        aliases = [a for a in source.meta.get("aliases") or [] if isinstance(a, str)]
        kept = [a for a in aliases if claimed.setdefault(alias_route(a) or a, path) == path]
        if kept == aliases:
            continue
        meta = plain(source.meta)
        meta["aliases"] = kept
        if not kept:
            del meta["aliases"]
        files[path] = document(meta, source.body)
        for alias in sorted(set(aliases) - set(kept)):
            notes.append(Note(path, f"its old address {alias} is also that of {claimed[alias_route(alias) or alias]}, "
                              "which keeps it (the old site showed only one of them there)", "skipped"))
    return files


def _route_of(path: str, source: Source, config: Config, languages: Languages) -> str:
    """Return the route ugsite publishes an imported post or page at: a translation's under /LANG/."""
    kind: Kind = "post" if path.startswith("posts/") else "page"
    base, language = languages.edition(path)
    route = check_document(source, PurePosixPath(base).name.rsplit(".", 1)[0], kind, config)[0].route
    return languages.prefix(language) + route


def _distinct_routes(imported: Imported, config: Config, languages: Languages, site: Path,
                     notes: list[Note]) -> None:
    """Give posts and pages that ugsite would publish at one address (`2024/09/index.md`, `2025/09/index.md`,
    or a page at /sponsors/ where ugsite lists the sponsors of data/sponsors.yaml) slugs of their own."""
    taken = {route: f"ugsite's own {route.strip('/')} page" for route in _made_routes(imported, site)}
    for path, source in imported.documents(sorted(imported.files, key=lambda p: (not p.startswith("posts/"), p.count("/"), p))):
        route = first = _route_of(path, source, config, languages)
        if route in taken and languages.edition(path)[0] != "pages/_index.md":  # a home page's introduction
            base = "-".join(PurePosixPath(languages.edition(path)[0]).with_suffix("").parts[1:]).lower()
            meta, slug, number = plain(source.meta), base, 1
            while route in taken:
                meta["slug"] = slug = base if number == 1 else f"{base}-{number}"
                number += 1
                changed, _ = split_front_matter(document(meta, source.body), path)
                assert changed is not None
                route = _route_of(path, changed, config, languages)
            imported.files[path] = document(meta, source.body)
            notes.append(Note(imported.origins.get(path, path), f"{path} would be published at the address of "
                              f"{taken[first]}, so it got the slug {slug}",
                              "needs a person" if first in _MADE else "converted"))
        taken[route] = path


_MADE = {"posts/", "events/", "speakers/", "sponsors/", "venues/"}


def _made_routes(imported: Imported, site: Path) -> set[str]:
    """Return the list pages ugsite makes itself in this site: events with events, speakers, sponsors and venues
    with their data files, the posts always."""
    made = {PurePosixPath(p).stem for p in imported.files if p.startswith("data/")} | set(imported.data_entries)
    made |= {f.stem for f in (site / "data").glob("*.y*ml")} if (site / "data").is_dir() else set()
    if any(p.startswith("events/") for p in imported.files) or "series" in made or any((site / "events").glob("*")):
        made.add("events")
    return {r for r in _MADE if r == "posts/" or r.strip("/") in made}


def _write(site: Path, path: str, content: str | bytes, dry_run: bool, force: bool, result: ImportResult) -> None:
    target = site / path
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_file():
        if target.read_bytes() == data:
            result.unchanged += 1
            return
        if not force:
            result.notes.append(Note(path, "a file of that name is in the site already and was left alone (--force "
                                     "replaces it)", "needs a person"))
            return
    result.written.append(path)
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
