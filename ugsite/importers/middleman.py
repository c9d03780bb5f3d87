"""Convert a Middleman site (with middleman-blog, as real group sites use it) into ugsite files."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.importers.erb_body import Erb, convert_erb
from ugsite.importers.data_convert import convert_data
from ugsite.importers.fields import (
    Imported,
    document,
    meta_line,
    plain,
    read_document,
    take_excerpt,
    take_image,
    take_people,
    take_title,
    words,
    zoned_date_text,
)
from ugsite.importers.liquid import relative_path
from ugsite.importers.middleman_settings import MiddlemanConfig, read_middleman_settings
from ugsite.importers.report import Note
from ugsite.content.slugs import slugify

# Middleman renders a file through each template extension at the end of its name: x.html.markdown -> x.html.
_TEMPLATES = {"markdown", "md", "mkd", "mdown", "erb", "haml", "slim", "liquid", "builder", "scss", "sass", "coffee",
              "less", "str", "rb"}
_MARKDOWN = {"markdown", "md", "mkd", "mdown"}
_DROPPED = {"layout": "the old theme's layout", "directory_index": "whether the old site served it as a folder",
            "slug": "its slug"}
_MADE_BY_UGSITE = {"404.html", "tags.html", "archive.html", "feed.xml", "atom.xml", "sitemap.xml"}
_OUTSIDE = {"build": "the old site as Middleman built it", "Gemfile": "the old build's Ruby gems",
            "Gemfile.lock": "the old build's Ruby gems", "helpers": "Ruby helpers of the old templates",
            "lib": "Ruby code of the old build", "config.ru": "the old preview server's settings",
            "Rakefile": "the old build's commands"}


def is_middleman(source: Path) -> bool:
    """Say whether `source` looks like a Middleman site."""
    return source.is_dir() and (source / "config.rb").is_file() and (source / "source").is_dir()


@dataclass(frozen=True)
class _File:
    """A template of the site: where it is, what Middleman makes of it, and where it goes."""

    path: str  # site-relative: source/blog/2019-05-01-x.html.markdown
    output: str  # what Middleman writes, relative to the site: blog/2019-05-01-x.html
    engines: tuple[str, ...]  # template extensions, outermost last: ("markdown",) or ("markdown", "erb")
    article: dict[str, str] | None  # the parts of the blog's sources pattern, for an article


def import_middleman(source: Path, today: str) -> Imported:
    """Read the Middleman site in `source`; return ugsite files and a note for everything done or left."""
    out = Imported()
    config = read_middleman_settings(source, out)
    documents = _sort_files(source, config, out)
    targets = {f.path: _target(f) for f in documents}
    olds = {f.path: _old_address(f, {}, config) for f in documents}
    by_address = {address: targets[path] for path, address in olds.items()}
    for file in documents:
        _convert(source, file, targets[file.path], config, by_address, out, today)
    if (source / "data").is_dir():
        convert_data(source, "data", out)
    _report_outside(source, config, out)
    return out


def _sort_files(source: Path, config: MiddlemanConfig, out: Imported) -> list[_File]:
    """Return the site's articles and pages; copy static files and report the theme's files."""
    root = source / config.source_dir
    documents: list[_File] = []
    statics = 0
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root)
        path = f"{config.source_dir}/{rel.as_posix()}"
        if not file.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        found = _classify(rel.as_posix(), path, config, out)
        if isinstance(found, _File):
            documents.append(found)
        elif found == "static":
            out.files[f"static/{rel.as_posix()}"] = file.read_bytes()
            statics += 1
    if statics:
        out.notes.append(Note(f"{config.source_dir}/", f"{statics} images, scripts and other files went to static/",
                              "moved"))
    return documents


def _classify(rel: str, path: str, config: MiddlemanConfig, out: Imported) -> _File | str:
    """Say what `rel` (under source/) is: an article or page, "static", or something reported and left out."""
    parts = rel.split("/")
    if parts[0] in ("layouts", "partials") or any(p.startswith("_") for p in parts):
        out.notes.append(Note(path, "a part of the old theme (layout or partial); ugsite's theme takes its place",
                              "skipped"))
        return "theme"
    name = parts[-1]
    engines: list[str] = []
    while "." in name and name.rsplit(".", 1)[1] in _TEMPLATES:
        name, engine = name.rsplit(".", 1)
        engines.insert(0, engine)
    output = "/".join([*parts[:-1], name])
    if not engines:
        return "static" if not output.endswith((".html", ".htm")) else _page_or_article(path, output, (), config, out)
    if not output.endswith(".html"):
        out.notes.append(Note(path, "a file Middleman renders (a stylesheet, script or feed); ugsite's theme and "
                              "feeds take its place", "skipped"))
        return "compiled"
    return _page_or_article(path, output, tuple(engines), config, out)


def _page_or_article(path: str, output: str, engines: tuple[str, ...], config: MiddlemanConfig,
                     out: Imported) -> _File | str:
    if output in config.templates or output in _MADE_BY_UGSITE:
        out.notes.append(Note(path, "a page that lists posts or tags (or says 'not found'); ugsite makes its own",
                              "skipped"))
        return "listing"
    if set(engines) - _MARKDOWN - {"erb"}:
        out.notes.append(Note(path, f"a {'/'.join(engines)} template: not imported; write it again in Markdown",
                              "needs a person"))
        return "template"
    return _File(path, output, engines, _article_parts(output, config))


def _article_parts(output: str, config: MiddlemanConfig) -> dict[str, str] | None:
    """Match `output` against the blog's sources pattern; return its parts ({year}, {title}, ...) or None."""
    if not config.blog:
        return None
    prefix = f"{config.prefix}/" if config.prefix else ""
    if not output.startswith(prefix):
        return None
    pattern = re.escape(config.sources)
    for name, regex in (("year", r"\d{4}"), ("month", r"\d{1,2}"), ("day", r"\d{1,2}")):
        pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>{regex})")
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+?)", pattern)
    found = re.fullmatch(pattern, output[len(prefix):])
    return found.groupdict() if found else None


def _target(file: _File) -> str:
    """Return the new file of an article (posts/DATE-TITLE.md) or page (pages/PATH.md)."""
    if file.article is not None:
        parts = file.article
        title = parts.get("title") or PurePosixPath(file.output).stem
        dated = f"{parts['year']}-{int(parts['month']):02d}-{int(parts['day']):02d}-" if "day" in parts else ""
        return f"posts/{dated}{title}.md"
    stem = file.output.rsplit(".", 1)[0]
    if stem == "index":
        return "pages/_index.md"
    return f"pages/{stem.removesuffix('/index')}.md"


def safe_parameterize(text: str) -> str:
    """Return middleman-blog's slug of `text`: lower-cased, runs of other characters made one '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9\-_?]+", "-", ascii_text)).strip("-")


def _old_address(file: _File, meta: dict[str, Any], config: MiddlemanConfig) -> str:
    """Work out the page's address on the old site: the blog's permalink, directory indexes."""
    if file.article is not None:
        moment = _article_date(file, meta)
        values = {**{k: safe_parameterize(str(v)) for k, v in meta.items() if isinstance(v, (str, int))},
                  **{k: safe_parameterize(v) for k, v in file.article.items()}}
        slug = meta.get("slug") if isinstance(meta.get("slug"), str) else file.article.get("title")
        values.update(title=safe_parameterize(str(slug or "")))
        if moment:
            values.update(year=f"{moment.year:04d}", month=f"{moment.month:02d}", day=f"{moment.day:02d}")
        address = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group()), config.permalink)
        address = "/".join(p for p in (config.prefix, address) if p)
    else:
        address = file.output
    if config.directory_indexes and meta.get("directory_index") is not False and address.endswith(".html"):
        address = re.sub(r"(^|/)index\.html$", r"\1", address)
        address = address.removesuffix(".html") + "/" if address.endswith(".html") else address
    return "/" + address


def _article_date(file: _File, meta: dict[str, Any]) -> date | None:
    value = meta.get("date")
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, str) and (found := re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())):
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    parts = file.article or {}
    if {"year", "month", "day"} <= set(parts):
        return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    return None


def _convert(source: Path, file: _File, target: str, config: MiddlemanConfig, by_address: dict[str, str],
             out: Imported, today: str) -> None:
    """Write one article or page as a ugsite post or page."""
    parsed = read_document(source, file.path, out)
    if parsed is None:
        return
    meta = plain(dict(parsed.meta))
    if target == "pages/_index.md" and "articles" in parsed.body:
        out.notes.append(Note(file.path, "the home page lists articles with Ruby; ugsite's home page lists posts "
                              "itself", "skipped"))
        return
    front: dict[str, Any] = {}
    notes: list[Note] = []
    old = _old_address(file, meta, config)
    take_title(meta, front, file.path, "post" if file.article is not None else "page", notes)
    _fields(file, meta, front, notes, today)
    markdown = bool(set(file.engines) & _MARKDOWN)
    erb = Erb(file.path, parsed.body_line, markdown, parsed.meta,
              lambda url: _link(url, target, by_address, markdown), config.images_dir)
    body = convert_erb(parsed.body, erb) if "erb" in file.engines or "<%" in parsed.body else parsed.body
    body = take_excerpt(body, "READMORE", front, file.path, notes)
    if not markdown:
        out.html = True
        if re.search(r"<%[^=]", body):
            notes.append(Note(file.path, "an ERB page with Ruby logic: its HTML came over with the Ruby left in; "
                              "write it again in Markdown", "needs a person"))
    _rest(file.path, parsed.meta, meta, front, notes)
    _slug(file, parsed.meta, front, target)
    out.notes.extend(notes + erb.notes)
    out.notes.append(Note(file.path, f"became {target}"))
    out.files[target] = document(front, body)
    out.origins[target] = file.path
    if target != "pages/_index.md" and not front.get("draft"):
        out.old_addresses[target] = old


def _fields(file: _File, meta: dict[str, Any], front: dict[str, Any], notes: list[Note], today: str) -> None:
    """Take the date, draft flag, tags, image, authors and summary."""
    moment = meta.pop("date", None)
    if isinstance(moment, str) and moment.strip():
        front["date"] = zoned_date_text(moment, file.path, notes)
    elif file.article is not None and (day := _article_date(file, {})):
        front["date"] = day.isoformat()
    elif file.article is not None:
        front["date"] = today
        notes.append(Note(file.path, f"the article has no date; it got {today}", "needs a person"))
    if meta.pop("published", True) is False:
        front["draft"] = True
    tags = meta.pop("tags", None)
    names = [t.strip() for t in tags.split(",")] if isinstance(tags, str) else words(tags, split=False)
    if [n for n in names if n]:
        front["tags"] = [n for n in names if n]
    take_image(meta, front, file.path, notes)
    take_people(meta, front)
    for key in ("summary", "description"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            front[key] = meta.pop(key).strip()


def _slug(file: _File, source_meta: Any, front: dict[str, Any], target: str) -> None:
    """Keep the old site's slug where ugsite would make another from the new file's name."""
    if file.article is None:
        return
    wanted = safe_parameterize(str(source_meta.get("slug") or file.article.get("title") or ""))
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", PurePosixPath(target).stem)
    if wanted and slugify(stem) != wanted:
        front["slug"] = wanted


def _link(url: str, target: str, by_address: dict[str, str], markdown: bool) -> str:
    """Point a link at the new file when it names a page of the old site."""
    path = url.split("#", 1)[0]
    for candidate in (path, re.sub(r"(index)?\.html$", "", path).rstrip("/") + "/", path.removesuffix("/") + ".html"):
        if candidate in by_address and markdown:
            return relative_path(by_address[candidate], target) + url[len(path):]
    return url


def _rest(path: str, source_meta: Any, meta: dict[str, Any], front: dict[str, Any], notes: list[Note]) -> None:
    """Leave out the theme's fields; keep every other one under extra: with its own name."""
    for key in list(meta):
        if key in _DROPPED:
            if key != "slug":
                notes.append(Note(path, f"'{key}' ({_DROPPED[key]}) was left out", "skipped",
                                  meta_line(source_meta, key)))
            meta.pop(key)
    if meta:
        front["extra"] = meta
        notes.append(Note(path, f"kept under extra: {', '.join(sorted(map(str, meta)))}", "moved"))


def _report_outside(source: Path, config: MiddlemanConfig, out: Imported) -> None:
    """Give each file and folder beside source/ a report line."""
    for entry in sorted(source.iterdir()):
        if entry.name.startswith(".") or entry.name in (config.source_dir, "config.rb", "data"):
            continue
        what = _OUTSIDE.get(entry.name, "not part of the content Middleman reads")
        out.notes.append(Note(entry.name + ("/" if entry.is_dir() else ""), f"{what}; left out", "skipped"))
