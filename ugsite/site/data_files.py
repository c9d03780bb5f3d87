"""Load `data/*.yaml`: speakers, sponsors and venues as model objects, other files as plain data."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ugsite.site.fields import FieldReader
from ugsite.content.frontmatter import read_text
from ugsite.content.markdown import MarkdownRenderer
from ugsite.site.model import ACCESSIBILITY_FACTS, Accessibility, Speaker, Sponsor, Venue
from ugsite.content.containment import outside_links
from ugsite.problems import Problem, error
from ugsite.content.slugs import slug_problem
from ugsite.content.urls import asset_url
from ugsite.content.yaml_source import LineDict, load_yaml

RECORD_FIELDS = {
    "speakers": ("name", "bio", "url", "avatar", "role", "extra"),
    "sponsors": ("name", "description", "url", "logo", "level", "extra"),
    "venues": ("name", "address", "city", "lat", "lon", "url", "directions", "accessibility", "extra"),
}
ACCESSIBILITY_FIELDS = ("notes", *ACCESSIBILITY_FACTS)
_ACCESSIBILITY_EXAMPLE = "e.g.\n  accessibility:\n    step_free: true\n    hearing_loop: false\n    notes: Lift to every floor"


@dataclass(frozen=True)
class DataFiles:
    """What `data/` holds: typed records for the files ugsite knows, raw data for all of them."""

    speakers: tuple[Speaker, ...] = ()
    sponsors: tuple[Sponsor, ...] = ()
    venues: tuple[Venue, ...] = ()
    raw: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def read_data_files(root: Path) -> tuple[dict[str, LineDict | Any], list[Problem]]:
    """Parse every `data/*.yaml` (or `.yml`) file; return them by name (the file stem)."""
    folder = root / "data"
    found: dict[str, Any] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    files = [f for f in sorted(folder.iterdir()) if f.suffix.lower() in (".yaml", ".yml") and f.is_file()]
    linked = outside_links(root, files)
    problems += linked
    leaked = {p.path for p in linked}
    for file in files:
        path = f"data/{file.name}"
        if path in leaked:
            continue
        if file.stem in found:
            problems.append(error(path, f"data/{file.stem}.yaml and data/{file.stem}.yml both exist", None,
                                  "keep one of them"))
            continue
        text, read_problems = read_text(file, path)
        problems += read_problems
        if text is not None:
            value, yaml_problems = load_yaml(text, path)
            problems += yaml_problems
            if not yaml_problems:
                found[file.stem] = value
    return found, problems


def build_data(found: dict[str, Any], renderer: MarkdownRenderer) -> tuple[DataFiles, list[Problem]]:
    """Turn parsed data files into typed records; Markdown in bios and descriptions is rendered."""
    problems: list[Problem] = []
    records: dict[str, tuple[Any, ...]] = {}
    for name in _MAKERS:
        records[name] = _records(name, found.get(name), renderer, problems)
    return DataFiles(
        speakers=records["speakers"], sponsors=records["sponsors"], venues=records["venues"],
        raw=MappingProxyType({k: _freeze(v) for k, v in found.items()}),
    ), problems


Maker = Callable[[str, "Reader"], Any]


def read_record(kind: str, key: str, entry: LineDict, path: str, renderer: MarkdownRenderer,
                problems: list[Problem], line: int | None = None) -> Any:
    """Build one speaker, sponsor or venue from its mapping; None (with a Problem) if it has no name."""
    reader = Reader(path, entry, renderer, problems)
    reader.unknown(RECORD_FIELDS[kind], f" in '{key}'")
    if not reader.text("name"):
        problems.append(error(path, f"'{key}' has no name", line or entry.line, f"add name: under {key}:"))
        return None
    return _MAKERS[kind](key, reader)


def _records(name: str, value: Any, renderer: MarkdownRenderer, problems: list[Problem]) -> tuple[Any, ...]:
    if value is None:
        return ()
    path = f"data/{name}.yaml"
    if not isinstance(value, LineDict):
        problems.append(error(path, f"{path} must map a key to each entry", 1,
                              "e.g.\n  ada:\n    name: Ada Lovelace"))
        return ()
    out = []
    for key, entry in value.items():
        line = value.line_of(key)
        if (trouble := slug_problem(str(key))) is not None:
            problems.append(error(path, f"the key {key!r}: {trouble}", line, "use keys like ada-lovelace"))
            continue
        if not isinstance(entry, LineDict):
            problems.append(error(path, f"'{key}' must be a mapping of fields", line, "e.g.\n  name: ..."))
            continue
        record = read_record(name, str(key), entry, path, renderer, problems, line)
        if record is not None:
            out.append(record)
    return tuple(out)


def _speaker(key: str, r: Reader) -> Speaker:
    return Speaker(key, r.text("name"), r.markdown("bio"), r.link("url"), r.asset("avatar"), r.text("role"),
                   r.mapping("extra"))


def _sponsor(key: str, r: Reader) -> Sponsor:
    return Sponsor(key, r.text("name"), r.markdown("description"), r.link("url"), r.asset("logo"),
                   r.text("level"), r.mapping("extra"))


def _venue(key: str, r: Reader) -> Venue:
    directions_html, directions_text = r.markdown_and_text("directions")
    return Venue(key, r.text("name"), r.text("address"), r.text("city"), r.number("lat", 90), r.number("lon", 180),
                 r.link("url"), directions_text, r.mapping("extra"), directions_html=directions_html,
                 accessibility=r.accessibility("accessibility"))


_MAKERS: dict[str, Maker] = {"speakers": _speaker, "sponsors": _sponsor, "venues": _venue}


class Reader(FieldReader):
    """Read the fields of one data entry; Markdown is rendered and image paths resolved."""

    def __init__(self, path: str, entry: LineDict, renderer: MarkdownRenderer, problems: list[Problem]) -> None:
        super().__init__(path, entry, problems)
        self.renderer = renderer

    def markdown(self, key: str) -> str:
        text = self.text(key)
        if not text:
            return ""
        rendered = self.renderer.render(text, self.path, self.meta.line_of(key) or 1)
        self.problems.extend(rendered.problems)
        return rendered.html

    def markdown_and_text(self, key: str) -> tuple[str, str]:
        """Return a Markdown field as HTML and as plain text (for calendars)."""
        text = self.text(key)
        if not text:
            return "", ""
        rendered = self.renderer.render(text, self.path, self.meta.line_of(key) or 1, plain=True)
        self.problems.extend(rendered.problems)
        return rendered.html, rendered.text

    def asset(self, key: str) -> str | None:
        text = self.link(key)
        return asset_url(text, self.renderer.urls) if text else None

    def accessibility(self, key: str) -> Accessibility:
        """Read a venue's access: `notes` (text) and yes-or-no facts; a wrong or unknown field is an error."""
        value = self.meta.get(key)
        if value is None:
            return Accessibility()
        if not isinstance(value, LineDict):
            self._bad(key, f"'{key}' must be a mapping of notes and true-or-false facts, not {value!r}",
                      _ACCESSIBILITY_EXAMPLE)
            return Accessibility()
        facts: dict[str, bool | None] = {}
        for field_name, fact in value.items():
            line = value.line_of(field_name)
            if field_name not in ACCESSIBILITY_FIELDS:
                close = difflib.get_close_matches(str(field_name).lower(), ACCESSIBILITY_FIELDS, n=1, cutoff=0.6)
                self.problems.append(error(self.path, f"unknown field '{field_name}' in '{key}'", line,
                                           (f"did you mean '{close[0]}'? " if close else "")
                                           + f"the fields are: {', '.join(ACCESSIBILITY_FIELDS)}"))
            elif field_name != "notes" and fact is not None and not isinstance(fact, bool):
                self.problems.append(error(self.path, f"'{key}: {field_name}' must be true or false, not {fact!r}",
                                           line, f"write {field_name}: true, or {field_name}: false, or say more "
                                           "under notes:"))
            elif field_name != "notes":
                facts[str(field_name)] = fact
        notes = Reader(self.path, value, self.renderer, self.problems).text("notes")
        return Accessibility(notes, facts.get("step_free"), facts.get("accessible_toilet"), facts.get("hearing_loop"),
                             facts.get("quiet_room"))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value
