"""Convert a Pelican site (as its documentation and real group sites write it) into ugsite files."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from dateutil import parser as dateparser

from ugsite.content.frontmatter import decode_text
from ugsite.importers.fields import Imported, document, take_image, take_people, take_title
from ugsite.importers.jinja_body import Jinja, convert_jinja
from ugsite.importers.markdown_metadata import read_metadata
from ugsite.importers.pelican_files import PelicanFiles, find_pelican_files, report_outside
from ugsite.importers.pelican_links import SiteLinks, convert_links
from ugsite.importers.pelican_settings import read_pelican_settings
from ugsite.importers.report import Note
from ugsite.importers.restructuredtext import convert_rst
from ugsite.content.slugs import slugify

_DROPPED = {"template": "the old theme's template for it"}


def is_pelican(source: Path) -> bool:
    """Say whether `source` looks like a Pelican site."""
    return source.is_dir() and (source / "pelicanconf.py").is_file()


@dataclass
class _Document:
    """An article or page as Pelican reads it: its fields (lower-cased names) and what the import decided."""

    path: str
    kind: str  # "article" or "page"
    text: str
    fields: dict[str, str]
    lines: dict[str, int]
    date: datetime | None = None
    slug: str = ""
    lang: str = ""
    translation: bool = False
    category: str | None = None
    target: str = ""
    notes: list[Note] = field(default_factory=list)


def import_pelican(source: Path, today: str) -> Imported:
    """Read the Pelican site in `source`; return ugsite files and a note for everything done or left."""
    out = Imported()
    conf = read_pelican_settings(source, out)
    files = find_pelican_files(source, conf, out)
    documents = [d for d in (_read(source, path, kind, out) for path, kind in files.documents.items()) if d]
    for doc in documents:
        _identify(doc, conf)
    _place(documents)
    targets = {doc.path: doc.target for doc in documents}
    for doc in documents:
        _convert(source, doc, conf, files, targets, out, today)
    for path, target in sorted(files.statics.items()):
        out.files[target] = (source / path).read_bytes()
    report_outside(source, files, out)
    return out


def _read(source: Path, path: str, kind: str, out: Imported) -> _Document | None:
    """Read one content file's fields (Markdown's metadata header or reST's field list)."""
    text, problems = decode_text((source / path).read_bytes(), path)
    if text is None:
        out.notes.extend(Note(path, p.message, "needs a person", p.line) for p in problems)
        return None
    if path.endswith(".rst"):
        rst = convert_rst(text, path)
        fields = dict(rst.fields)
        if rst.title and "title" not in fields:
            fields["title"] = rst.title
        return _Document(path, kind, text, fields, dict(rst.lines))
    meta = read_metadata(text)
    return _Document(path, kind, text, dict(meta.fields), dict(meta.lines))


def pelican_slug(text: str) -> str:
    """Return Pelican's slug of `text`: accents dropped, non-word characters removed, spaces to hyphens, lower-cased.

    Pelican transliterates other scripts with unidecode; a title with no Latin letters keeps them here.
    """
    value = re.sub(r"<[^>]*>", "", unicodedata.normalize("NFKD", text))
    ascii_value = value.encode("ascii", "ignore").decode("ascii")
    value = ascii_value if ascii_value.strip() else unicodedata.normalize("NFC", value)
    value = re.sub(r"[^\w\s-]", "", value).strip()
    return re.sub(r"[-\s]+", "-", value).lower()


def _identify(doc: _Document, conf: dict[str, Any]) -> None:
    """Work out the date, slug, language and category Pelican gives a document."""
    stem = PurePosixPath(doc.path).name.rsplit(".", 1)[0]
    named = _filename_metadata(stem, conf)
    doc.date = _parse_date(doc.fields.get("date") or named.get("date"), doc, "date")
    title = doc.fields.get("title") or stem
    source = stem if conf.get("SLUGIFY_SOURCE") == "basename" else title
    doc.slug = doc.fields.get("slug") or named.get("slug") or pelican_slug(source) or pelican_slug(stem)
    default = str(conf.get("DEFAULT_LANG") or "en")
    doc.lang = doc.fields.get("lang") or default
    doc.translation = doc.lang != default or doc.fields.get("translation", "").lower() == "true"
    folder = PurePosixPath(doc.path).parent.name
    if doc.fields.get("category"):
        doc.category = doc.fields["category"]
    elif conf.get("USE_FOLDER_AS_CATEGORY") and folder and PurePosixPath(doc.path).parent.as_posix() != conf["PATH"]:
        doc.category = folder


def _filename_metadata(stem: str, conf: dict[str, Any]) -> dict[str, str]:
    """Return the date and slug FILENAME_METADATA takes from a file name."""
    pattern = conf.get("FILENAME_METADATA")
    try:
        found = re.match(pattern, stem) if isinstance(pattern, str) and pattern else None
    except re.error:
        return {}
    return {k: v for k, v in found.groupdict().items() if isinstance(v, str)} if found else {}


def _parse_date(value: str | None, doc: _Document, key: str) -> datetime | None:
    """Read a date as Pelican does (any form dateutil reads), in the site's time zone unless it names one."""
    if not value:
        return None
    try:
        return dateparser.parse(re.sub(" +", " ", value), default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        doc.notes.append(Note(doc.path, f"'{key}' {value!r} is not a date; it was kept under extra:",
                              "needs a person", doc.lines.get(key)))
        return None


def _place(documents: list[_Document]) -> None:
    """Give each document its new file: posts/DATE-SLUG.md, posts/drafts/..., pages/SLUG.md."""
    taken: set[str] = set()
    for doc in documents:
        name = doc.slug + (f"-{doc.lang}" if doc.translation else "")
        if doc.kind == "page":
            target = "pages/_index.md" if _save_as(doc) == "index.html" else f"pages/{name}.md"
        else:
            folder = "posts/drafts" if doc.fields.get("status", "").lower() == "draft" else "posts"
            target = f"{folder}/{doc.date:%Y-%m-%d}-{name}.md" if doc.date else f"{folder}/{name}.md"
        number = 2
        while target in taken:
            target = re.sub(r"(-\d+)?\.md$", f"-{number}.md", target)
            number += 1
        taken.add(target)
        doc.target = target


def _save_as(doc: _Document) -> str | None:
    value = doc.fields.get("save_as")
    return value.strip().lstrip("/") if value else None


def _convert(source: Path, doc: _Document, conf: dict[str, Any], files: PelicanFiles, targets: dict[str, str],
             out: Imported, today: str) -> None:
    """Write one article or page as a ugsite post or page."""
    links = SiteLinks(doc.path, 1, doc.target, str(conf["PATH"]), targets, files.statics,
                      exists=lambda path: (source / path).exists())
    text = convert_links(doc.text, links)
    jinja = Jinja(doc.path, 1, {}, "the jinja2content plugin")
    text = convert_jinja(text, jinja)
    meta, body, html = _body(doc, text, out)
    notes = doc.notes
    front: dict[str, Any] = {}
    take_title(meta, front, doc.path, "post" if doc.kind == "article" else "page", notes)
    _dates(doc, meta, front, today)
    _terms(doc, meta, front)
    take_image(meta, front, doc.path, notes)
    for key in ("author", "authors"):
        if key in meta:
            meta[key] = [n.strip() for n in re.split(";" if ";" in meta[key] else ",", meta[key]) if n.strip()]
    take_people(meta, front)
    for key in ("summary", "description"):
        if meta.get(key, "").strip():
            front[key] = meta.pop(key).strip()
    _identity(doc, meta, front, conf, out)
    _rest(doc, meta, front)
    out.html = out.html or html
    if links.broken:
        front["broken_links"] = sorted(set(links.broken))
    out.notes.extend(notes + links.notes + jinja.notes)
    out.notes.append(Note(doc.path, f"became {doc.target}"))
    out.files[doc.target] = document(front, body)
    out.origins[doc.target] = doc.path


def _body(doc: _Document, text: str, out: Imported) -> tuple[dict[str, Any], str, bool]:
    """Return the fields (links converted) and the Markdown body of a document, and whether it keeps raw HTML."""
    if doc.path.endswith(".rst"):
        rst = convert_rst(text, doc.path)
        fields = dict(rst.fields)
        if rst.title and "title" not in fields:
            fields["title"] = rst.title
        doc.notes.extend(rst.notes)
        doc.notes.append(Note(doc.path, "the reStructuredText became Markdown"))
        return fields, rst.body, rst.html
    meta = read_metadata(text)
    html = bool(re.search(r"^\s*<(div|p|section|figure|iframe|table|video)\b", meta.body, re.M))
    return dict(meta.fields), meta.body, html


def _dates(doc: _Document, meta: dict[str, Any], front: dict[str, Any], today: str) -> None:
    meta.pop("date", None)
    if doc.date is not None:
        front["date"] = _shown_date(doc.date, doc.fields.get("date") or "")
    elif "date" in doc.fields:
        meta["date"] = doc.fields["date"]
    elif doc.kind == "article":
        front["date"] = today
        doc.notes.append(Note(doc.path, f"the article has no date; it got {today}", "needs a person"))
    modified = _parse_date(meta.pop("modified", None), doc, "modified")
    if modified is not None:
        front["updated"] = _shown_date(modified, doc.fields["modified"])
    status = meta.get("status", "").lower()
    if status == "draft":
        front["draft"] = True
    elif status == "hidden":
        doc.notes.append(Note(doc.path, "Status: hidden (published, but in no list) has no ugsite equivalent: it "
                              "is published and listed; make it a page, or a draft", "needs a person",
                              doc.lines.get("status")))


def _shown_date(value: datetime, written: str) -> str:
    """Return a date as ugsite reads it: just the day when the source gave no time."""
    if ":" not in written and not value.tzinfo and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")


def _terms(doc: _Document, meta: dict[str, Any], front: dict[str, Any]) -> None:
    if doc.kind == "article":
        meta.pop("category", None)
    if doc.kind == "article" and doc.category:
        front["categories"] = [doc.category]
        if "category" not in doc.fields:
            doc.notes.append(Note(doc.path, f"the category {doc.category!r} comes from the folder's name"))
    tags = meta.pop("tags", "")
    names = [t.strip() for t in re.split(";" if ";" in tags else ",", tags) if t.strip()]
    if names:
        front["tags"] = list(dict.fromkeys(names))


def _identity(doc: _Document, meta: dict[str, Any], front: dict[str, Any], conf: dict[str, Any],
              out: Imported) -> None:
    """Keep the slug, the language and the old address of a document."""
    slug = doc.slug + (f"-{doc.lang}" if doc.translation else "")
    stem = PurePosixPath(doc.target).name.removesuffix(".md")
    if slugify(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)) != slug and doc.target != "pages/_index.md":
        front["slug"] = slug
    if doc.translation:
        front.setdefault("extra", {})["language"] = doc.lang
        doc.notes.append(Note(doc.path, f"a {doc.lang} translation: its own {'post' if doc.kind == 'article' else 'page'}"
                              ", with the language under extra: (ugsite has one language per site for now)"))
    old = _old_address(doc, conf)
    if old and doc.target != "pages/_index.md" and not front.get("draft"):
        out.old_addresses[doc.target] = old
    for key in ("slug", "lang", "translation", "status", "save_as", "url"):
        meta.pop(key, None)


def _old_address(doc: _Document, conf: dict[str, Any]) -> str | None:
    """Work out the document's address on the old site, by Pelican's URL settings."""
    if doc.fields.get("url"):
        return "/" + doc.fields["url"].strip().lstrip("/")
    if (save_as := _save_as(doc)) is not None:
        return "/" + re.sub(r"(^|/)index\.html$", r"\1", save_as)
    prefix = "ARTICLE" if doc.kind == "article" else "PAGE"
    pattern = str(conf[f"{prefix}_LANG_URL" if doc.translation else f"{prefix}_URL"])
    values: dict[str, Any] = {**doc.fields, "slug": doc.slug, "lang": doc.lang, "date": doc.date,
                              "category": pelican_slug(doc.category or str(conf["DEFAULT_CATEGORY"])),
                              "author": pelican_slug(doc.fields.get("author") or str(conf.get("AUTHOR") or ""))}
    try:
        return "/" + pattern.format_map(values).lstrip("/")
    except (KeyError, ValueError, IndexError, AttributeError, TypeError) as exc:
        doc.notes.append(Note(doc.path, f"its old address cannot be worked out from {prefix}_URL {pattern!r} "
                              f"({exc!r}); add it under aliases: by hand", "needs a person"))
        return None


def _rest(doc: _Document, meta: dict[str, Any], front: dict[str, Any]) -> None:
    """Leave out the theme's fields; keep every other one under extra: with the name Pelican gives it."""
    for key in list(meta):
        if key in _DROPPED:
            doc.notes.append(Note(doc.path, f"'{key}' ({_DROPPED[key]}) was left out", "skipped", doc.lines.get(key)))
            meta.pop(key)
    if meta:
        front.setdefault("extra", {}).update({k: v for k, v in meta.items()})
        doc.notes.append(Note(doc.path, f"kept under extra: {', '.join(sorted(meta))}", "moved"))
    if "extra" in front:
        front["extra"] = front.pop("extra")  # last, as ugsite's own files have it
