"""Read Markdown posts and pages: validate their front matter, decide slugs and routes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, Literal

from ugsite.site import routes
from ugsite.site.config import Config
from ugsite.content.editions import edition, plain_stem, translation_key
from ugsite.content.dates import DateError, parse_datetime
from ugsite.site.fields import FieldReader, unknown_field_hint
from ugsite.content.frontmatter import Source
from ugsite.content.markdown import MARKDOWN_SUFFIXES, Job, Rendered
from ugsite.site.model import Page, Post, Term
from ugsite.problems import Problem, error, warning
from ugsite.content.slugs import slug_problem, slugify
from ugsite.content.source_files import SiteFiles, find_files
from ugsite.content.urls import Urls, asset_url

KNOWN_KEYS = ("title", "date", "updated", "slug", "summary", "description", "tags", "categories",
              "author", "authors", "image", "draft", "extra", "aliases", "anchors", "language",
              "broken_links", "translation_key")
_JEKYLL_NAME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})-(.+)")
_SUMMARY_LENGTH = 300
_DESCRIPTION_LENGTH = 160

Kind = Literal["post", "page"]


@dataclass(frozen=True)
class DocumentSource:
    """A post or page whose front matter is checked but whose body is not yet rendered."""

    kind: Kind
    path: str
    body: str | Callable[[], str | None]  # the text, or a function that reads it when needed
    body_line: int
    slug: str
    route: str
    title: str | None
    date: datetime | None
    updated: datetime | None
    summary: str
    description: str
    tags: tuple[Term, ...]
    categories: tuple[Term, ...]
    authors: tuple[str, ...]
    image: str | None
    draft: bool
    extra: MappingProxyType[str, Any]
    aliases: tuple[str, ...] = ()
    anchors: tuple[tuple[str, str], ...] = ()  # (old id, heading id): links to the old id still find the heading
    broken_links: tuple[str, ...] = ()  # links that led nowhere on the old site either, as the body writes them
    origin: str = ""  # a digest of the file's bytes and path and the settings, when known
    language: str = "en"
    edition: str = ""  # the language whose part of the site it is in, on a site in two or more (else "")
    translation_key: str = ""  # equal in a document and its translations (ugsite.content.editions)


def with_body(doc: DocumentSource, body: str | Callable[[], str | None], origin: str | None = None) -> DocumentSource:
    """Return `doc` with `body` (and `origin`, if given), in a quarter of what `dataclasses.replace` costs (which
    runs `__init__` again).

    Every post of an archive is read back from the cache at every build and given its body here.
    """
    copy = object.__new__(DocumentSource)
    copy.__dict__.update(vars(doc), body=body)
    if origin is not None:
        copy.__dict__["origin"] = origin
    return copy


def find_markdown(root: Path, folder: str, listed: SiteFiles | None = None) -> list[tuple[Path, str]]:
    """Return the Markdown files under `root/folder` with their site-relative paths, sorted."""
    return find_files(root, folder, MARKDOWN_SUFFIXES, listed=listed)


def check_document(source: Source, stem: str, kind: Kind, config: Config) -> tuple[DocumentSource, list[Problem]]:
    """Check the front matter of a post or page read from a file named `stem`."""
    path, meta = source.path, source.meta
    problems: list[Problem] = []
    reader = FieldReader(path, meta, problems)
    written_in, plain = edition(path, config.languages)
    stem = plain_stem(stem, written_in)
    for key in meta:
        if key not in KNOWN_KEYS:
            problems.append(warning(path, f"unknown front-matter field '{key}' is ignored", meta.line_of(key),
                                    unknown_field_hint(str(key), KNOWN_KEYS)))
    date = reader.date("date", config)
    jekyll = _JEKYLL_NAME.fullmatch(stem)
    if jekyll:
        stem = jekyll.group(2)
        if date is None and "date" not in meta:
            named = parse_datetime(jekyll.group(1), config.zone)
            date = None if isinstance(named, DateError) else named
    slug = reader.text("slug") or slugify(stem, config.slug_style)
    if "slug" in meta and (trouble := slug_problem(slug)):
        problems.append(error(path, trouble, meta.line_of("slug"), f"e.g. slug: {slugify(slug, config.slug_style) or 'my-post'}"))
    elif not slug:
        problems.append(error(path, "the file name gives no slug", None, "add slug: my-post to the front matter"))
    categories = reader.terms("categories", config.slug_style)
    title_part = reader.text("slug") or stem
    route = _route(kind, plain, slug, date, config, reader, categories, title_part)
    language = reader.language("language", written_in or config.language)
    authors = tuple(dict.fromkeys(reader.texts("author") + reader.texts("authors")))
    if kind == "post" and date is None and "date" not in meta:
        problems.append(warning(path, "the post has no date, so feeds leave it out and lists show it last", None,
                                'add date: "2026-05-14 18:30" to the front matter, or name the file 2026-05-14-title.md'))
    doc = DocumentSource(
        kind=kind, path=path, body=source.body, body_line=source.body_line, slug=slug, route=route,
        title=reader.text("title") or None,
        date=date, updated=reader.date("updated", config),
        summary=reader.text("summary"), description=reader.text("description"),
        tags=reader.terms("tags", config.slug_style),
        categories=categories,
        authors=authors or ((config.author,) if config.author else ()),
        image=reader.link("image"),
        draft=reader.flag("draft"),
        extra=reader.mapping("extra"),
        aliases=reader.aliases(),
        anchors=_anchors(meta, path, problems),
        language=language, broken_links=reader.texts("broken_links"),
        edition=(written_in or (language if language in config.languages else config.language)) if config.languages else "",
        translation_key=translation_key(plain, reader.text("translation_key")) if config.languages else "",
    )
    return doc, problems


_ID = re.compile(r"[A-Za-z0-9_\-.:\u00c0-\uffff]+")


def _anchors(meta: Any, path: str, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """Read `anchors: {old-id: heading-id}`, the ids an old site gave headings that ugsite names otherwise."""
    value = meta.get("anchors")
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and _ID.fullmatch(k)
                                              and _ID.fullmatch(v) for k, v in value.items()):
        problems.append(error(path, "'anchors' must map old ids to the ids of this page's headings",
                              meta.line_of("anchors") if hasattr(meta, "line_of") else None,
                              "e.g. anchors: {ber-uns: uber-uns}"))
        return ()
    return tuple(sorted(value.items()))


def document_job(doc: DocumentSource) -> Job:
    """Return the Markdown rendering job of `doc`'s body; its origin, when known, stands for the body."""
    return Job(doc.body, doc.path, doc.body_line, take_heading=doc.title is None, identity=doc.origin)


def finish_document(doc: DocumentSource, rendered: Rendered, urls: Urls,
                    html: str | Callable[[], str] | None = None) -> tuple[Post | Page, list[Problem]]:
    """Return the finished, frozen Post or Page of `doc` with its rendered body.

    The result depends on `doc` (its origin covers the file, the settings and so `urls`) and
    on `rendered` (made from the same file, plus the facts in its `depends`), and on nothing
    else: that is what its origin says. `html` is the body's HTML, or what reads it when
    first asked for (MarkdownRenderer.render_bodies), when `rendered` does not hold it.
    """
    title = doc.title or rendered.heading or _title_from_slug(doc.slug)
    body = rendered.html if html is None else html
    problems: list[Problem] = []
    if doc.anchors:
        body, problems = _with_old_anchors(body if isinstance(body, str) else body(), doc.anchors, doc.path)
    summary = doc.summary or _shorten(rendered.summary, _SUMMARY_LENGTH)
    cls = Post if doc.kind == "post" else Page
    return cls(
        source=doc.path, title=title, slug=doc.slug, route=doc.route, body_html=body,
        summary=summary, description=doc.description or _shorten(summary, _DESCRIPTION_LENGTH),
        date=doc.date, updated=doc.updated, tags=doc.tags, categories=doc.categories, authors=doc.authors,
        image=asset_url(doc.image, urls) if doc.image else None,
        draft=doc.draft, extra=doc.extra, aliases=doc.aliases, broken_links=doc.broken_links,
        origin=hashlib.sha256(f"{doc.origin}\0{rendered.depends!r}".encode()).hexdigest() if doc.origin else "",
        words=rendered.words, language=doc.language, edition=doc.edition, translation_key=doc.translation_key,
    ), list(rendered.problems) + problems


def _with_old_anchors(html: str, anchors: tuple[tuple[str, str], ...], path: str) -> tuple[str, list[Problem]]:
    """Put an empty element with each old id inside the heading it named, so old links to it still arrive."""
    problems: list[Problem] = []
    for old, new in anchors:
        found = re.search(rf'<h[1-6] id="{re.escape(new)}">', html)
        if found is None or f' id="{old}"' in html:
            if found is None:
                problems.append(warning(path, f"'anchors' names the heading id {new!r}, which the page has no heading "
                                        "with", None, "the ids are those of the built page's headings"))
            continue
        html = html[:found.end()] + f'<span id="{old}"></span>' + html[found.end():]
    return html, problems


def _route(kind: Kind, path: str, slug: str, date: datetime | None, config: Config, reader: FieldReader,
           categories: tuple[Term, ...] = (), title_part: str = "") -> str:
    if kind == "page":
        return routes.page([slugify(part, config.slug_style) for part in path.split("/")[1:-1]], slug)
    if date is None and _DATED.search(config.permalink):
        reader.problems.append(error(path, f"the permalink {config.permalink!r} needs a date, and this post has none",
                                     None, 'add date: "2026-05-14" to the front matter'))
        return routes.undated_post(slug)
    permalink = config.permalink  # the segments only some patterns use are made only for those
    title = (_cased_segment(title_part) or slug) if "{title" in permalink else slug
    filename = (_cased_segment(PurePosixPath(path).name.split(".", 1)[0]) or slug) if "{filename" in permalink else slug
    return routes.post(permalink, slug, date.astimezone(config.zone) if date else None,
                       list(dict.fromkeys(term.slug for term in categories)), title, filename)


_DATED = re.compile(r"{(year|month|day)}")
_UNCASED = re.compile(r"[^\w.~!$&'()+,;=@-]+")
_DASHES = re.compile(r"-{2,}")


def _cased_segment(text: str) -> str:
    """Return `text` as one URL segment the way Jekyll's :title keeps it: case and most punctuation stay."""
    return _DASHES.sub("-", _UNCASED.sub("-", text)).strip("-.")


def _title_from_slug(slug: str) -> str:
    words = slug.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else slug


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"
