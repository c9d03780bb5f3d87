"""Map what other generators write (front matter, data files) to ugsite's fields, reporting each choice."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from ugsite.content.frontmatter import Source, decode_text, split_front_matter
from ugsite.importers.report import Note

IMAGE_FIELDS = ("image", "img", "cover", "cover_image", "featureImage", "feature_image", "featured_image", "thumbnail",
                "banner", "header_image", "og_image", "images")
_EXCERPT = re.compile(r"^\s*(<!--\s*more\s*-->|READMORE)\s*$", re.M)
TITLE_FIELDS = ("title", "Title", "name", "tagline")
# Pages ugsite makes itself, from the posts and events: an old page of that name would collide.
MADE_BY_UGSITE = {"404", "tags", "categories", "archive", "search", "posts", "feed", "atom", "sitemap", "robots"}
# Zone abbreviations Ruby's Time.parse reads (Jekyll and Middleman dates), as UTC offsets.
ZONE_OFFSETS = {"UTC": "+00:00", "GMT": "+00:00", "WET": "+00:00", "WEST": "+01:00", "BST": "+01:00",
                "CET": "+01:00", "MET": "+01:00", "MEZ": "+01:00", "CEST": "+02:00", "MEST": "+02:00",
                "MESZ": "+02:00", "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00", "IST": "+05:30",
                "SGT": "+08:00", "AWST": "+08:00", "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00",
                "AEDT": "+11:00", "NZST": "+12:00", "NZDT": "+13:00", "HST": "-10:00", "AKST": "-09:00",
                "AKDT": "-08:00", "PST": "-08:00", "PDT": "-07:00", "MST": "-07:00", "MDT": "-06:00",
                "CST": "-06:00", "CDT": "-05:00", "EST": "-05:00", "EDT": "-04:00", "AST": "-04:00",
                "ADT": "-03:00"}
_ZONE_NAME = re.compile(r"^(?P<moment>\d{4}-\d{1,2}-\d{1,2}[T ]\s*\d{1,2}:\d{2}(?::\d{2})?)\s*(?P<zone>[A-Za-z]{3,4})$")


@dataclass
class Imported:
    """The files of the new site, its settings, and what became of everything."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    old_addresses: dict[str, str] = field(default_factory=dict)  # new file -> its address on the old site
    origins: dict[str, str] = field(default_factory=dict)  # new content file -> the source file it came from
    data_entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # data file name -> entries to add to it
    notes: list[Note] = field(default_factory=list)
    html: bool = False  # some content is HTML: the new site must allow raw HTML

    def documents(self, paths: Iterable[str] | None = None) -> Iterator[tuple[str, Source]]:
        """Yield each Markdown post and page written so far (of `paths`, in their order) with its front matter read."""
        for path in sorted(self.files) if paths is None else paths:
            content = self.files[path]
            if not path.startswith(("posts/", "pages/")) or not path.endswith(".md") or not isinstance(content, str):
                continue
            parsed, _ = split_front_matter(content, path)
            if parsed is not None:
                yield path, parsed


def language_code(value: Any) -> str | None:
    """Return the language of a setting such as `en`, `en-US` or `pl_PL` as its primary subtag, else None."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]+)*", value.strip()):
        return re.split(r"[_-]", value.strip())[0].lower()
    return None


def author_name(value: Any) -> str | None:
    """Return an author setting's name: a string, or the `name` of a mapping."""
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_document(source: Path, path: str, out: Imported) -> Source | None:
    """Read a content file of `source` with its front matter; what makes it unreadable goes to the report."""
    text, problems = decode_text((source / path).read_bytes(), path)
    parsed, found = split_front_matter(text, path) if text is not None else (None, [])
    if parsed is None:
        out.notes.extend(Note(path, p.message, "needs a person", p.line) for p in problems + found)
    return parsed


def document(front: dict[str, Any], body: str) -> str:
    """Return a Markdown file with YAML front matter."""
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100) + "---\n" + body


def zoned_date_text(text: str, path: str, notes: list[Note]) -> str:
    """Write a date's zone abbreviation (`2016-03-02 19:15:00 MEZ`, as Ruby reads it) as its UTC offset."""
    match = _ZONE_NAME.match(text.strip())
    if not match:
        return text.strip()
    zone = match.group("zone").upper()
    if zone not in ZONE_OFFSETS:
        notes.append(Note(path, f"the date's zone '{match.group('zone')}' is unknown; the site's time zone was used",
                          "needs a person"))
        return match.group("moment")
    notes.append(Note(path, f"the date's zone {match.group('zone')} became the offset {ZONE_OFFSETS[zone]}"))
    return f"{match.group('moment')}{ZONE_OFFSETS[zone]}"


def take_title(meta: dict[str, Any], front: dict[str, Any], path: str, kind: str, notes: list[Note]) -> None:
    for key in TITLE_FIELDS:
        value = meta.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            front["title"] = str(value).strip()
            meta.pop(key)
            if key != "title":
                notes.append(Note(path, f"the title comes from '{key}'"))
            return
    notes.append(Note(path, f"no title: ugsite takes the first heading, else the file name, as for any {kind}"))


def words(value: Any, split: bool = True) -> list[str]:
    """Jekyll reads a string of categories or tags as names separated by spaces; `category` is one name."""
    if isinstance(value, str):
        return [w for w in (value.split() if split else [value.strip()]) if w]
    return [str(v).strip() for v in as_list(value) if str(v).strip()]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def take_image(meta: dict[str, Any], front: dict[str, Any], path: str, notes: list[Note]) -> None:
    for key in IMAGE_FIELDS:
        value = meta.get(key)
        if isinstance(value, list):  # Hugo's images: [first, ...]
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, dict):
            value = value.get("path") or value.get("feature") or value.get("url")
        if isinstance(value, str) and value.strip():
            front["image"] = value.strip()
            meta.pop(key)
            if key != "image":
                notes.append(Note(path, f"the cover image comes from '{key}'"))
            return


def take_people(meta: dict[str, Any], front: dict[str, Any]) -> None:
    names = words(meta.pop("author", None), split=False) + [str(a) for a in as_list(meta.pop("authors", None))]
    if names:
        front["authors" if len(names) > 1 else "author"] = names if len(names) > 1 else names[0]


def plain(value: Any) -> Any:
    """Return parsed data as YAML writes it: plain dicts and lists, dates as ISO text."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def has_front_matter(file: Path) -> bool:
    try:
        with file.open("rb") as handle:
            return handle.read(4).lstrip(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return False


def meta_line(meta: Any, key: str) -> int | None:
    """Return the line of `key` in parsed front matter, when known."""
    return meta.line_of(key) if hasattr(meta, "line_of") else None


def take_excerpt(body: str, separator: str | None, front: dict[str, Any], path: str, notes: list[Note]) -> str:
    """Remove the excerpt separator (`<!--more-->`, READMORE or the site's own); the text before it is the summary."""
    marker = _EXCERPT.search(body)
    if separator and separator.strip() and separator in body and not marker:
        head = body.split(separator, 1)[0]
        body = body.replace(separator, "", 1)
    elif marker:
        head = body[: marker.start()]
        body = body[: marker.start()] + body[marker.end():]
    else:
        return body
    if "summary" not in front:
        plain = re.sub(r"<[^>]+>|[*_`#>\[\]]|\(http[^)]*\)", "", head).strip()
        if plain:
            front["summary"] = re.sub(r"\s+", " ", plain)
    notes.append(Note(path, "the excerpt separator was removed; the text before it is the summary"))
    return body

