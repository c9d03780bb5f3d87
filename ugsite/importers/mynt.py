"""Convert a mynt site (config.yml, _posts/, _templates/, _assets/) into ugsite files."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from ugsite.content.frontmatter import decode_text
from ugsite.importers.fields import (
    Imported,
    author_name,
    document,
    language_code,
    meta_line,
    plain,
    read_document,
    take_excerpt,
    take_image,
    take_people,
    take_title,
    words,
)
from ugsite.importers.jinja_body import Jinja, convert_jinja
from ugsite.importers.liquid import relative_path
from ugsite.importers.mynt_pages import import_pages
from ugsite.importers.report import Note
from ugsite.content.yaml_source import load_yaml

# mynt's defaults (its Mynt.defaults) for what the import follows.
_DEFAULTS = {"posts_url": "/<year>/<month>/<day>/<title>/", "assets_url": "/assets/", "base_url": "/",
             "archives_url": "/", "tags_url": "/", "include": []}
# A post's file name: its date, an optional HHMM time, and its slug.
_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:-(\d{2})(\d{2}))?-(.+)")
_SETTINGS = {"title", "name", "description", "author", "locale", "domain", "base_url", "posts_url", "assets_url",
             "include", "archives_url", "tags_url"}
_LISTINGS = {"index", "archives", "archive", "tags", "tag", "feed", "atom", "rss", "sitemap", "404"}
_DROPPED = {"layout": "the old theme's template for it"}
CONFIG_NAMES = ("mynt.yml", "config.yml", "config.yaml")  # mynt 0.4 reads mynt.yml, earlier ones config.yml


def is_mynt(source: Path) -> bool:
    """Say whether `source` looks like a mynt site: config.yml (no leading _) with _posts/ or _templates/.

    A folder with Jekyll's _config.yml as well is Jekyll's, whatever else config.yml is for there.
    """
    config = any((source / name).is_file() for name in CONFIG_NAMES)
    jekyll = (source / "_config.yml").is_file() or (source / "_config.yaml").is_file()
    folders = (source / "_posts").is_dir() or (source / "_templates").is_dir()
    return source.is_dir() and config and not jekyll and folders


def import_mynt(source: Path, today: str) -> Imported:
    """Read the mynt site in `source`; return ugsite files and a note for everything done or left."""
    out = Imported()
    config = _config(source, out)
    base = source / "_posts"
    posts = [f.relative_to(source).as_posix() for f in sorted(base.rglob("*")) if base.is_dir()
             and f.is_file() and not f.name.startswith(".")] if base.is_dir() else []
    places = {path: _place(path, config) for path in posts}
    addresses = {old: target for target, old in places.values() if old}
    for path in posts:
        _convert(source, path, places[path], addresses, config, out, today)
    _assets(source, config, out)
    included = {n.file for n in out.notes if n.what.endswith("(include)")}
    listings = {entry.name for entry in source.iterdir() if entry.stem in _LISTINGS}
    pages = import_pages(source, {*included, *listings}, lambda target: {  # in a page's HTML, an address
        "get_asset": lambda name: _asset(name, config), "get_url": lambda name: "/" + name.lstrip("/")}, out)
    _report_rest(source, config, out, pages)
    return out


def _config(source: Path, out: Imported) -> dict[str, Any]:
    name = next((n for n in CONFIG_NAMES if (source / n).is_file()), "")
    if not name:  # --from mynt on a folder without settings: mynt's defaults
        out.notes.append(Note(".", "no mynt.yml or config.yml: mynt's default settings were used", "needs a person"))
    text, _ = decode_text((source / name).read_bytes(), name) if name else ("", [])
    value, problems = load_yaml(text or "", name)
    out.notes.extend(Note(name, p.message, "needs a person", p.line) for p in problems)
    config = {**_DEFAULTS, **(dict(value) if isinstance(value, dict) else {})}
    settings = out.settings
    for key, target in (("title", "title"), ("name", "title"), ("description", "description")):
        if isinstance(config.get(key), str) and config[key].strip():
            settings.setdefault(target, config[key].strip())
    if author := author_name(config.get("author")):
        settings["author"] = author
    if language := language_code(config.get("locale")):
        settings["language"] = language
    domain = str(config.get("domain") or "").strip().rstrip("/")
    if domain:
        host = domain if domain.startswith(("http://", "https://")) else f"https://{domain}"
        path = str(config["base_url"]).strip("/")
        settings["base_url"] = f"{host}/{path}/" if path else f"{host}/"
    if permalink := ugsite_permalink(str(config["posts_url"])):
        settings["permalink"] = permalink
    out.notes.append(Note(name, f"settings: {', '.join(sorted(settings))} came over to ugsite.yaml"))
    for key in sorted(map(str, config)):
        if key not in _SETTINGS and key in (value or {}):
            out.notes.append(Note(name, f"the setting '{key}' has no ugsite equivalent and was left out", "skipped"))
    return config


def ugsite_permalink(posts_url: str) -> str | None:
    """Translate mynt's posts_url into ugsite's permalink, when every placeholder has a counterpart."""
    pattern = posts_url
    for old, new in (("<year>", "{year}"), ("<month>", "{month}"), ("<day>", "{day}"), ("<title>", "{title}")):
        pattern = pattern.replace(old, new)
    if "<" in pattern or "{title}" not in pattern or not pattern.endswith(("/", ".html")):
        return None
    return "/" + pattern.lstrip("/")


def _place(path: str, config: dict[str, Any]) -> tuple[str, str | None]:
    """Return a post's new file (posts/DATE-SLUG.md) and its address on the old site, from its file name."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    named = _NAME.fullmatch(stem)
    if named is None:
        return f"posts/{stem}.md", None
    year, month, day, hour, minute = (int(named.group(i) or 0) for i in range(1, 6))
    moment = datetime(year, month, day, hour, minute)
    name = mynt_slug(named.group(6)) or named.group(6)
    return f"posts/{moment:%Y-%m-%d}-{name}.md", _old_address(str(config["posts_url"]), moment, named.group(6))


def _convert(source: Path, path: str, place: tuple[str, str | None], addresses: dict[str, str],
             config: dict[str, Any], out: Imported, today: str) -> None:
    """Write one post of _posts/ as a ugsite post."""
    named = _NAME.fullmatch(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    target, old = place
    parsed = read_document(source, path, out)
    if parsed is None:
        return
    meta = plain(dict(parsed.meta))
    front: dict[str, Any] = {}
    notes: list[Note] = []
    take_title(meta, front, path, "post", notes)
    _date(meta, named, front, path, notes, today)
    tags = words(meta.pop("tags", None), split=False)
    if tags:
        front["tags"] = tags
    take_image(meta, front, path, notes)
    take_people(meta, front)
    for key in ("summary", "description", "excerpt"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            front["summary" if key == "excerpt" else key] = meta.pop(key).strip()
    for key in [k for k in meta if k in _DROPPED]:
        notes.append(Note(path, f"'{key}' ({_DROPPED[key]}) was left out", "skipped", meta_line(parsed.meta, key)))
        meta.pop(key)
    if meta:
        front["extra"] = meta
        notes.append(Note(path, f"kept under extra: {', '.join(sorted(map(str, meta)))}", "moved"))
    jinja = Jinja(path, parsed.body_line, {"get_asset": lambda name: _asset(name, config),
                                           "get_url": lambda name: _url(name, addresses, target)}, "mynt")
    body = take_excerpt(convert_jinja(parsed.body, jinja), None, front, path, notes)
    out.notes.extend(notes + jinja.notes)
    out.notes.append(Note(path, f"became {target}"))
    out.files[target] = document(front, body)
    out.origins[target] = path
    if old:
        out.old_addresses[target] = old


def _date(meta: dict[str, Any], named: re.Match[str] | None, front: dict[str, Any], path: str, notes: list[Note],
          today: str) -> None:
    """Take the post's date from the file name (with its HHMM time), as mynt does; a date field wins."""
    written = meta.pop("date", None)
    moment = None
    if named:
        moment = datetime(int(named.group(1)), int(named.group(2)), int(named.group(3)),
                          int(named.group(4) or 0), int(named.group(5) or 0))
    if isinstance(written, str) and written.strip():
        front["date"] = written.strip()
    elif moment:
        front["date"] = moment.strftime("%Y-%m-%d %H:%M" if named and named.group(4) else "%Y-%m-%d")
    else:
        front["date"] = today
        notes.append(Note(path, f"the post's file name carries no date; it got {today}", "needs a person"))


def mynt_slug(text: str) -> str:
    """Return mynt's slug of `text`: spaces to '-', characters other than letters, digits, '-', '_' and '.' dropped."""
    return re.sub(r"[^a-z0-9\-_.]", "", re.sub(r"\s+", "-", text.strip()), flags=re.I)


def _old_address(posts_url: str, moment: datetime, slug: str) -> str:
    subs = {"<year>": f"{moment:%Y}", "<month>": f"{moment:%m}", "<day>": f"{moment:%d}",
            "<i_month>": str(moment.month), "<i_day>": str(moment.day), "<title>": mynt_slug(slug)}
    for key, value in subs.items():
        posts_url = posts_url.replace(key, value)
    return "/" + posts_url.lstrip("/")


def _url(name: str, addresses: dict[str, str], target: str) -> str:
    """Return the address get_url gave, or the new post's file when it is a post's old address."""
    address = "/" + name.lstrip("/")
    return relative_path(addresses[address], target) if address in addresses else address


def _asset(name: str, config: dict[str, Any]) -> str:
    return "/" + "/".join(p for p in (str(config["assets_url"]).strip("/"), name.lstrip("/")) if p)


def _assets(source: Path, config: dict[str, Any], out: Imported) -> None:
    """Copy _assets/ to where mynt published it (assets_url), and the files `include` names."""
    folder = str(config["assets_url"]).strip("/")
    count = 0
    base = source / "_assets"
    for file in sorted(base.rglob("*")) if base.is_dir() else []:
        if file.is_file():
            target = "/".join(p for p in ("static", folder, file.relative_to(base).as_posix()) if p)
            out.files[target] = file.read_bytes()
            count += 1
    if count:
        out.notes.append(Note("_assets/", f"{count} files went to static/{folder + '/' if folder else ''}", "moved"))
    for pattern in config.get("include") or []:
        for file in sorted(source.glob(str(pattern))) if isinstance(pattern, str) and ".." not in pattern else []:
            if file.is_file():
                rel = file.relative_to(source).as_posix()
                out.files[f"static/{rel}"] = file.read_bytes()
                out.notes.append(Note(rel, f"went to static/{rel} (include)", "moved"))


def _report_rest(source: Path, config: dict[str, Any], out: Imported, pages: set[str]) -> None:
    """Give each template and other file beside _posts/ a report line (the pages have theirs)."""
    included = {n.file for n in out.notes if n.what.endswith("(include)")} | pages
    for entry in sorted(source.iterdir()):
        name = entry.name
        if name.startswith(".") or name in ("_posts", "_assets", "config.yml", "config.yaml") or name in included:
            continue
        if name == "_templates":
            out.notes.append(Note("_templates/", "the old theme's templates; ugsite's theme takes their place",
                                  "skipped"))
        elif entry.suffix in (".html", ".htm", ".xml") and entry.stem in _LISTINGS:
            out.notes.append(Note(name, "a page that lists posts or tags (or a feed); ugsite makes its own", "skipped"))
        elif entry.suffix in (".html", ".htm"):
            out.notes.append(Note(name, "a Jinja page of the old theme: not imported; write its text as a Markdown "
                                  "page", "needs a person"))
        else:
            out.notes.append(Note(name + ("/" if entry.is_dir() else ""), "not part of what mynt publishes; left out",
                                  "skipped"))
