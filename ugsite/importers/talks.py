"""Turn the talks and meetings a site wrote as posts into ugsite events, keeping their old addresses.

A post becomes an event when it comes from a folder named with `--events-from`, or, without
that option, when its source says it is one: `layout: event|talk|meetup|meeting`, or a time
and a place (or sign-up link) beside its date. A talk's write-up (a speaker, slides, a video)
stays a post unless its folder is named. The report says which rule applied to each.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from ugsite.content.frontmatter import split_front_matter
from ugsite.importers.event_dates import When, read_when
from ugsite.importers.event_files import SiteFacts, event_text
from ugsite.importers.event_labels import place_and_link, stated_facts
from ugsite.importers.event_records import NAMES, Records, record_fields
from ugsite.importers.fields import Imported, read_document
from ugsite.importers.places import Venues
from ugsite.importers.report import Note
from ugsite.importers.translations import site_languages

EVENT_LAYOUTS = {"event", "events", "talk", "talks", "meetup", "meetups", "meeting", "meetings", "session"}
_TIME = {"time", "start_time", "starttime", "event_time", "hour", "event_date", "event_start", "start", "when"}
_PLACE = {"location", "venue", "place", "where", "address", "meetup_url", "rsvp", "registration", "signup"}
_PEOPLE = {"speaker", "speakers", "presenter", "presenters", "presenter_name"}
_TALK = {"video", "slides", "recording", "youtube"}
_CLOCK = re.compile(r"\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|h|uhr)?\s*", re.I)


def event_reason(meta: dict[str, Any], path: str, folders: list[str]) -> str:
    """Say why the source file at `path` is an event ("" when it is not)."""
    if folders:
        return next((f"it is in {f}" for f in folders if path.startswith(f.strip("/") + "/")), "")
    layout = str(meta.get("layout") or meta.get("type") or "").strip().lower()
    if layout in EVENT_LAYOUTS:
        return f"its layout is {layout}"
    collection = PurePosixPath(path).parts[0]
    if collection.startswith("_") and collection[1:].lower() in EVENT_LAYOUTS:  # Jekyll's collection _events/
        return f"it is in the collection {collection}"
    keys = {str(k).lower() for k in meta}
    extra: dict[str, Any] = meta["extra"] if isinstance(meta.get("extra"), dict) else {}
    keys |= {str(k).lower() for k in extra}
    if keys & _TIME and keys & _PLACE:  # a meeting; a talk's write-up (speaker, slides, video) stays a post
        return f"it gives {', '.join(sorted(keys & (_TIME | _PLACE | _PEOPLE | _TALK)))}"
    return ""


def posts_as_events(source: Path, out: Imported, folders: list[str], zone: ZoneInfo, facts: SiteFacts) -> None:
    """Move the posts of `out` that are events to `events/`, each with its old address as an alias."""
    records = Records(zone, Venues(facts.venues), day_first=False)
    taken = set(facts.files)
    languages, translated = site_languages(out.settings), set()
    for target, origin in sorted(out.origins.items()):
        if not target.startswith("posts/") or not (source / origin).is_file():
            continue
        original = read_document(source, origin, Imported())
        text = out.files.get(target)
        converted, _ = split_front_matter(str(text), target) if isinstance(text, str) else (None, [])
        if original is None or converted is None:
            continue
        why = event_reason(_with_extra(dict(original.meta), converted.meta.get("extra")), origin, folders)
        if not why:
            continue
        fields = _event(dict(converted.meta), _moved_links(converted.body, target), origin, records)
        if fields is None:
            continue
        base, language = languages.edition(target)
        if language:  # a translation: the event of the same name in its language, with that event's identity
            stem = _event_name(base)
            name = f"events/{stem}.{language}.yaml"
            while name in translated:
                stem += "-event"
                name = f"events/{stem}.{language}.yaml"
            translated.add(name)
        else:
            name = f"events/{_event_name(target)}.yaml"
            while name in taken and facts.uids.get(f"{PurePosixPath(name).stem}@{facts.host}") != name:
                name = name.removesuffix(".yaml") + "-event.yaml"  # a file of the site's own; not the earlier import's
            taken.add(name)
            stem = PurePosixPath(name).stem
        fields = {"uid": f"{stem}@{facts.host}", **fields}
        old = out.old_addresses.pop(target, None)
        if old:
            fields["aliases"] = [old, *[a for a in fields.get("aliases", []) if a != old]]
        del out.files[target]
        out.origins.pop(target)
        out.files[name] = event_text(fields)
        out.origins[name] = origin
        out.notes.append(Note(origin, f"an event ({why}): became {name}" + (f", its old address {old} an alias"
                                                                             if old else "")))
    out.notes.extend(records.notes)
    if records.venues.added:
        out.data_entries["venues"] = {**out.data_entries.get("venues", {}), **records.venues.added}


def _with_extra(meta: dict[str, Any], extra: Any) -> dict[str, Any]:
    """Return a source's front matter with the fields its conversion found in its text (a data shortcode's)."""
    if isinstance(extra, dict):
        own = meta.get("extra")
        meta["extra"] = {**extra, **(own if isinstance(own, dict) else {})}
    return meta


def _event_name(target: str) -> str:
    """Return the name of the event file for post `target`: its own, or its folders' too (posts/2025/08.md)."""
    path = PurePosixPath(target).relative_to("posts")
    stem = path.stem.split(".")[0]
    return stem if re.match(r"\d{4}-\d{2}-\d{2}", stem) else "-".join([*path.parent.parts, stem])


def _moved_links(body: str, target: str) -> str:
    """Point the relative links of a post's text (`[x](other-post.md)`) at the same files from `events/`."""
    folder = posixpath.dirname(target)

    def moved(match: re.Match[str]) -> str:
        url = match.group(2)
        if re.match(r"[a-zA-Z][\w+.-]*:|/|#", url):
            return match.group()
        return f"{match.group(1)}{posixpath.relpath(posixpath.join(folder, url), 'events')}{match.group(3)}"

    return re.sub(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))", moved, body)


def _event(front: dict[str, Any], body: str, where: str, records: Records) -> dict[str, Any] | None:
    """Return event fields for a converted post: its extra's event fields first, its own date as a fallback."""
    extra = dict(front.pop("extra", {}) or {})
    broken = front.pop("broken_links", None)  # links that led nowhere on the old site either
    record: dict[str, Any] = {**extra}
    for key in ("event_date", "event_start", "when", "start"):
        if key in record:
            record["start"] = record.pop(key)
            break
    published = front.get("date")
    _stated(record, body, where, records)
    if isinstance(record.get("start"), str) and _CLOCK.fullmatch(record["start"]) and "time" not in record:
        record["time"] = record.pop("start")  # `start: "19:00"` is a time of the post's day
    if "start" not in record and "date" not in record:
        record["date"] = published
    elif "start" not in record:
        record["start"] = record.pop("date")
    record["title"] = front.get("title") or extra.get("title")
    for key in ("tags", "image", "summary"):
        if key in front:
            record[key] = front[key]
    if front.get("categories"):  # an event has tags only: a post's categories join them
        record["tags"] = list(dict.fromkeys([*record.get("tags", []), *front["categories"]]))
    for key in ("author", "authors"):
        if key in front:
            record.setdefault(key, front[key])
    talk = {k: record.pop(k) for k in list(record) if k in _TALK}
    if body.strip():
        record["description"] = body.strip()
    converted = record_fields(record, where, records)
    if converted is None:
        return None
    fields = converted[0]
    if published and str(published)[:10] != str(fields.get("start"))[:10]:
        fields["published"] = str(published)
    if talk:
        item: dict[str, Any] = {"title": fields.get("title", "")}
        if fields.get("speakers"):
            item["speakers"] = fields.pop("speakers")
        for key, value in talk.items():
            name = "video" if key in ("video", "recording", "youtube") else "slides"
            if isinstance(value, str) and re.match(r"https?://", value):
                item[name] = value
            else:
                fields.setdefault("extra", {})[key] = value
        fields["talks"] = [item]
    if isinstance(front.get("aliases"), list):
        fields["aliases"] = front["aliases"]
    if broken:
        fields["broken_links"] = broken
    return fields


def _stated(record: dict[str, Any], body: str, where: str, records: Records) -> None:
    """Take the time and place the post's text states (`| **Time** | … |`) where its front matter gives none."""
    stated = stated_facts(body)
    used: list[str] = []
    keys = {str(k).lower() for k in record}
    when = stated.get("when")
    if when and not keys & {*NAMES["start"], *NAMES["time"]} - {"date"} \
            and isinstance(read_when(when, None, records.zone, records.day_first), When) \
            and re.search(r"\b\d{4}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2}", when):  # a day with its year: it beats the post's date
        record.pop("date", None)
        record["start"] = when
        used.append(f"its time ({when})")
    place = stated.get("where")
    if place and not keys & {*NAMES["place"], *NAMES["online"]}:
        words, link = place_and_link(place)
        if words:
            record["venue"] = words
        if link and not keys & set(NAMES["link"]):
            record["link"] = link
        used.append(f"its place ({place})")
    if used:
        records.notes.append(Note(where, f"{' and '.join(used)} came from its text"))


def event_folders(value: str | None) -> list[str]:
    """Return the folders of `--events-from` (comma-separated, relative to the source)."""
    return [f.strip().strip("/") for f in (value or "").split(",") if f.strip()]

