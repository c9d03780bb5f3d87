"""The event files of each language of a site in two or more, and checks that translations agree.

An event exists once in every language's calendar: a translation takes the name, and so the
address and UID, of the default language's file; what is not translated is shown from the
default language's file, marked `untranslated`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace

from ugsite.events.event_files import EventFile
from ugsite.problems import Problem, error
from ugsite.site.model import Event


def event_files_in(files: Sequence[EventFile], language: str, default: str) -> list[EventFile]:
    """Return the event files of `language`'s part of the site: its translations, else the default language's files.

    A translation takes the default file's name, so that the event keeps its address and UID in
    every language; and its `uid:`, when only the default file gives one.
    """
    if language == default:
        return [f for f in files if (f.language or default) == default]
    originals = {f.translation_key: f for f in files if (f.language or default) == default}
    chosen: dict[str, EventFile] = dict(originals)
    for file in files:
        if file.language != language:
            continue
        original = originals.get(file.translation_key)
        if original is not None:
            meta = file.meta
            if "uid" in original.meta and "uid" not in meta:
                meta = copy.copy(meta)
                meta["uid"] = original.meta["uid"]
            file = replace(file, stem=original.stem, meta=meta)
        chosen[file.translation_key] = file
    return sorted(chosen.values(), key=lambda f: f.path)


def untranslated_events(events: Sequence[Event], files: Sequence[EventFile], language: str) -> tuple[Event, ...]:
    """Mark the events that `language`'s part of the site shows from a file in another language."""
    foreign = {f.path for f in files if f.language != language}
    return tuple(replace(e, untranslated=True) if e.source in foreign and e.has_file else e for e in events)


def moved_translations(translated: Sequence[Event], originals: Sequence[Event],
                       files: Sequence[EventFile]) -> list[Problem]:
    """Report translations that start or end at another moment than their original: one event, one time."""
    by_slug = {e.slug: e for e in originals}
    lines = {f.path: f.meta.line_of("start") if "start" in f.meta else None for f in files}
    found: list[Problem] = []
    for event in translated:
        original = by_slug.get(event.slug)
        if original is None or original.source == event.source or not event.has_file:
            continue
        if (event.start, event.end, event.all_day) != (original.start, original.end, original.all_day):
            found.append(error(event.source, f"this translation of {original.source} happens at another time "
                               f"({event.start.isoformat()} to {event.end.isoformat()}, not "
                               f"{original.start.isoformat()} to {original.end.isoformat()})",
                               lines.get(event.source), "give every translation of an event the same start, end and "
                               "time zone as the original (change the original first, then the translations)"))
    return found
