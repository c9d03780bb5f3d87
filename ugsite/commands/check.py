"""`ugsite check`: every validation of a build, plus checks for pull requests, without publishing."""

from __future__ import annotations

import html
import json
import re
import tempfile
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

from ugsite.pipeline.build import BuildOptions, collector_paused, open_cache
from ugsite.pipeline.stages import Prepared, part_bytes, prepare
from ugsite.incremental.cache import BuildCache
from ugsite.events.event_files import scan_events
from ugsite.commands.after_events import missing_material
from ugsite.commands.link_check import check_links
from ugsite.site import CONFIG_FILE
from ugsite.site.jobs import job_fields
from ugsite.site.model import Event, Site
from ugsite.commands.new_files import PLACEHOLDERS
from ugsite.problems import Problem, shown, warning
from ugsite.commands.requirement import requirement_problems
from ugsite.events.series import PATH as SERIES_PATH
from ugsite.content.urls import Urls
from ugsite.output.write import bytes_needed, write_site
from ugsite.content.yaml_source import LineDict, load_yaml


def check_site(root: Path, options: BuildOptions, links: bool = False,
               excused: list[str] | None = None, after_events: bool = False) -> list[Problem]:
    """Return every problem of the site in `root`; nothing is written there.

    Broken links a page lists under `broken_links:` are no problems; they go to `excused`, when given.
    With `after_events`, return only the errors that stop a build and the talks of recent events
    that lack slides or video.
    """
    cache = open_cache(root, options)
    try:
        with collector_paused():
            prepared = prepare(root, options, cache)
            if after_events:
                errors = [p for p in prepared.problems if p.level == "error"]
                return errors + (missing_material(root, prepared.site) if prepared.site is not None else [])
            return _checks(root, prepared, links, cache, excused)
    finally:
        cache.close()


def _checks(root: Path, prepared: Prepared, links: bool, cache: BuildCache,
            excused: list[str] | None = None) -> list[Problem]:
    problems = list(prepared.problems) + requirement_problems(root)
    if prepared.site is not None:
        problems += _event_checks(root, prepared.site)
        problems += _job_checks(root, prepared.site)
        problems += _cfp_checks(root, prepared.site)
        problems += _contributor_checks(root, prepared.site)
        problems += _usage_checks(prepared.site)
        problems += _image_checks(prepared.site)
    rendered, site, theme = prepared.rendered, prepared.site, prepared.theme
    if links and rendered is not None and site is not None and theme is not None:
        with tempfile.TemporaryDirectory(prefix="ugsite-check-") as tmp:
            out = Path(tmp) / "site"
            write_site(part_bytes(rendered, bytes_needed(rendered.files, ()), prepared.parts, site.now, cache), out)
            sources = {path: o.source for path, o in rendered.outputs.items()}
            known = {d.source: d.broken_links for d in (*site.posts, *site.pages)}
            known.update({e.source: e.broken_links for e in site.events if e.broken_links})
            problems += check_links(out, Urls(site.config.base_url), sources, known, excused)
    return problems


def _job_checks(root: Path, site: Site) -> list[Problem]:
    """Warn about openings that never expire, or that have: the jobs page should list only live ones."""
    found: list[Problem] = []
    for job in site.jobs:
        fields = job_fields(root, job.source)
        if job.expires is None:
            found.append(warning(job.source, "the opening has no 'expires', so it stays on the jobs page until "
                                 "someone deletes the file", fields.line if fields else None,
                                 f"add a line like expires: {(site.now + timedelta(days=60)).date().isoformat()}"))
        elif job.expires <= site.now:
            found.append(warning(job.source, f"the opening expired on {job.last_day}, so it is no longer on the "
                                 "jobs page", fields.line_of("expires") if fields else None,
                                 "delete the file, or give it a later expires: if the role is still open"))
    return found


def _cfp_checks(root: Path, site: Site) -> list[Problem]:
    """Warn about calls for speakers that have closed: the site no longer shows them, yet they stay in the settings."""
    found: list[Problem] = []
    in_nav = "cfp" in (site.config.nav or ())  # the menu's link would lead nowhere once no call is left
    for call in site.calls:
        if call.closes > site.now:
            continue
        path = SERIES_PATH if call.series_key else CONFIG_FILE
        where = f" of the series '{call.series_key}'" if call.series_key else ""
        also = " (and cfp from nav: in ugsite.yaml)" if in_nav and len(site.calls) == 1 else ""
        found.append(warning(path, f"the call for speakers{where} closed on {call.last_day} (its last day), so the "
                             "site no longer shows it", _close_line(root, path, call.series_key),
                             f"delete cfp: there{also}, or give it the open: and close: days of the next call"))
    return found


def _close_line(root: Path, path: str, series_key: str) -> int | None:
    """Return the line of a call's `close:` in `path`, the settings or the series file."""
    try:
        data, _ = load_yaml((root / path).read_text(encoding="utf-8-sig"), path)
    except (OSError, UnicodeDecodeError):
        return None
    entry = data.get(series_key) if series_key and isinstance(data, LineDict) else data
    call = entry.get("cfp") if isinstance(entry, LineDict) else None
    return call.line_of("close") if isinstance(call, LineDict) else None


def _event_checks(root: Path, site: Site) -> list[Problem]:
    found: list[Problem] = []
    files, _ = scan_events(root, site.config.languages)
    default = site.config.language
    originals = {f.translation_key for f in files if f.language in (None, default)}
    for file in files:  # a translation takes its original's uid: the original's file is the one to give it
        translation = file.language not in (None, default) and file.translation_key in originals
        if "uid" not in file.meta and "series" not in file.meta and not translation:
            stem = file.stem
            found.append(warning(file.path, "the event has no uid, so renaming the file would change its identity "
                                 "in subscribers' calendars", file.meta.line,
                                 f"add uid: {stem}@{urlsplit(site.config.base_url).hostname}"))
    for event in site.events:
        if not event.has_file:
            continue
        published = event.history.published
        if published is not None and event.end < published - timedelta(days=1) and event.status == "scheduled":
            found.append(warning(event.source, f"the event ended ({event.end:%Y-%m-%d}) before it was published "
                                 f"({published:%Y-%m-%d}): is the year right?", None,
                                 "check start:; a past event is fine if you are adding it to the archive"))
        if event.status == "postponed" and event.end < site.now:
            found.append(warning(event.source, "the event is marked postponed, but its date has passed", None,
                                 "give it its new date (status: rescheduled), or mark it cancelled"))
    return found


def _contributor_checks(root: Path, site: Site) -> list[Problem]:
    """Warn about what contributors most often get wrong in a pull request."""
    found: list[Problem] = []
    meetings: dict[date, list[Event]] = {}
    for event in site.events:
        if event.series is not None:
            meetings.setdefault(event.start.date(), []).append(event)
    for event in site.events:
        if not event.has_file:
            continue
        if event.venue is None and not event.online:
            found.append(warning(event.source, "the event has neither a venue nor an online link, so nobody knows "
                                 "where it is", None, "add venue: (a key of data/venues.yaml) or online: https://..."))
        same_day = [m for m in meetings.get(event.start.date(), []) if event.series is None and m.status != "cancelled"]
        for meeting in same_day[:1]:
            assert meeting.series is not None
            found.append(warning(event.source, f"the event is on the day of a meeting of the series "
                                 f"'{meeting.series.key}' ({event.start.date()}), so subscribers see two events",
                                 None, f"if it is that meeting, write series: {meeting.series.key} instead of uid: "
                                 "(its talks and details fill the meeting in)"))
    sources = [d.source for d in (*site.posts, *site.pages)] + sorted({e.source for e in site.events if e.has_file})
    sources += [job.source for job in site.jobs]
    for source in sources:
        try:
            lines = (root / source).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if any(text in line for text in PLACEHOLDERS):
                found.append(warning(source, "this is the example text left from ugsite new", number,
                                     "replace it with your own words"))
    found += _template_code_checks(root, site)
    return found + _series_uid_checks(root, urlsplit(site.config.base_url).hostname or "localhost")


# Liquid ({% include x %}, {{ site.baseurl }}), Hugo shortcodes ({{< figure >}}, {{% link %}}), Zola
# shortcodes ({{ youtube(id="x") }}) and Jinja in text: what another generator would have run, shown as it is here.
_TEMPLATE_CODE = re.compile(r"\{%-?\s*[a-zA-Z_]\w*[^%]*?-?%\}|\{\{[<%].*?[>%]\}\}|\{\{-?\s*[a-zA-Z_][\w.]*\s*(\|[^}]*)?-?\}\}"
                            r"|\{\{-?\s*[a-zA-Z_][\w.]*\([^{}]*\)\s*-?\}\}")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


def _template_code_checks(root: Path, site: Site) -> list[Problem]:
    """Warn about template code of another generator that pages show as text (code blocks aside)."""
    found: list[Problem] = []
    shown: list[tuple[str, str]] = [(d.source, d.html) for d in (*site.posts, *site.pages)]
    shown += sorted({(e.source, e.description_html) for e in site.events if e.has_file})
    for source, page_html in shown:
        match = _TEMPLATE_CODE.search(html.unescape(re.sub(r"<[^>]+>", "", _CODE.sub("", page_html))))
        if match is None:
            continue
        code = match.group()
        try:
            text = (root / source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        at = text.find(code)
        found.append(warning(source, f"the page shows template code as text: {code[:80]}", text.count("\n", 0, at) + 1
                             if at >= 0 else None, "no other generator runs here: write what it stood for in "
                             "Markdown or HTML, or put it in a code block if it is meant to be shown"))
    return found


def _series_uid_checks(root: Path, host: str) -> list[Problem]:
    file = root / SERIES_PATH
    if not file.is_file():
        return []
    data, _ = load_yaml(file.read_text(encoding="utf-8-sig"), SERIES_PATH)
    if not isinstance(data, LineDict):
        return []
    return [warning(SERIES_PATH, f"the series '{key}' has no uid, so moving the site to another address would "
                    "give every meeting a new identity and duplicate it in subscribers' calendars", data.line_of(key),
                    f"add uid: series-{key}@{host} under {key}: and never change it")
            for key, entry in data.items() if isinstance(entry, dict) and "uid" not in entry]


def _usage_checks(site: Site) -> list[Problem]:
    found: list[Problem] = []
    used_speakers = {s.key for e in site.events for s in e.people}
    used_speakers |= {a for p in site.posts for a in p.authors}
    used_speakers |= {s.key for t in site.talks for s in t.speakers}  # an accepted talk, not yet scheduled
    for speaker in site.speakers:
        if speaker.key not in used_speakers and speaker.name not in used_speakers:
            found.append(warning("data/speakers.yaml", f"the speaker '{speaker.key}' is not in any event, talk or post",
                                 None, "add them to an event's speakers or talks, or remove the entry"))
    used_sponsors = {s.key for e in site.events for s in e.sponsors}
    if site.events:
        for sponsor in site.sponsors:
            if sponsor.key not in used_sponsors:
                found.append(warning("data/sponsors.yaml", f"the sponsor '{sponsor.key}' sponsors no event", None,
                                     "add it to an event's sponsors, or remove the entry"))
    return found


def _image_checks(site: Site) -> list[Problem]:
    urls = Urls(site.config.base_url)
    static = set(site.static_files)
    found: list[Problem] = []
    images = [(d.source, d.image) for d in (*site.posts, *site.pages)]
    images += [(e.source, e.image) for e in site.events if e.has_file]
    images += [("data/speakers.yaml", s.avatar) for s in site.speakers]
    images += [("data/sponsors.yaml", s.logo) for s in site.sponsors]
    for source, image in images:
        if image and image.startswith(urls.base_path) and image[len(urls.base_path):] not in static:
            found.append(warning(source, f"the image {image[len(urls.base_path):]} is not in static/", None,
                                 "add the file under static/, or fix the path"))
    return found


def format_github(problems: list[Problem], prefix: str) -> str:
    """Return one GitHub Actions annotation line per problem (`::error file=...,line=...::...`)."""
    lines = []
    for p in problems:
        props = f"file={_prop(shown(prefix + p.path))}"
        if p.line:
            props += f",line={p.line}"
        props += f",title={_prop('ugsite ' + p.level)}"
        message = shown(p.message) + ("".join(f"\n{shown(line)}" for line in p.hint.split("\n")) if p.hint else "")
        lines.append(f"::{p.level} {props}::{_data(message)}")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    """Return the problems as a JSON document for tools."""
    errors = sum(p.level == "error" for p in problems)
    return json.dumps({"errors": errors, "warnings": len(problems) - errors,
                       "problems": [asdict(p) for p in problems]}, indent=2, ensure_ascii=False)


def format_markdown(problems: list[Problem], prefix: str, files_url: str | None = None) -> str:
    """Return the problems as a Markdown checklist, one item per problem, for an issue or a comment; "" for none.

    With `files_url` (e.g. `https://github.com/org/site/blob/main/`), each location links to its line.
    Text from the site is escaped, so a talk's title cannot add links, images or HTML.
    """
    items = []
    for p in problems:
        where = _literal(p.location())
        if files_url is not None:
            anchor = f"#L{p.line}" if p.line else ""
            where = f"[{where}]({files_url}{quote(prefix + p.path)}{anchor})"
        level = "**error:** " if p.level == "error" else ""
        item = f"- [ ] {level}{where}: {_literal(shown(p.message))}"
        if p.hint:
            item += "".join(f"\\\n  {_literal(shown(line.strip()))}" for line in p.hint.split("\n"))
        items.append(item)
    return "".join(f"{item}\n" for item in items)


def _literal(text: str) -> str:
    """Return `text` as Markdown that shows it as it is (a title may hold `*`, `<`, `[` or `&`)."""
    return re.sub(r"([\\`*_{}\[\]<>#|~&])", r"\\\1", text)  # no ( or ! can start a link without [


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
