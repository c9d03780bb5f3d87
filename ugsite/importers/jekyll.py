"""Convert a Jekyll site (as its documentation and real group sites write it) into ugsite files."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from datetime import date, datetime
from collections.abc import Callable, Collection
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.content.frontmatter import decode_text
from ugsite.importers.data_convert import convert_data
from ugsite.importers.heading_ids import keep_heading_ids
from ugsite.importers.fields import (
    MADE_BY_UGSITE,
    Imported,
    as_list,
    author_name,
    document,
    language_code,
    read_document,
    has_front_matter,
    meta_line,
    plain,
    take_excerpt,
    take_image,
    take_people,
    take_title,
    words,
    zoned_date_text,
)
from ugsite.importers.liquid import Liquid, convert, relative_path
from ugsite.importers.polyglot import SETTINGS, document_languages, edition_files, polyglot_languages, translation_keys
from ugsite.importers.report import Note
from ugsite.importers.translations import Languages, link_translations, set_languages
from ugsite.pipeline.load import INTRO_FILE
from ugsite.content.yaml_source import load_yaml

POST_SUFFIXES = (".md", ".markdown", ".mkdown", ".mkd", ".html", ".htm")
_DATED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.+)")
# Jekyll leaves these out of a site by default, besides names starting with _ and . (its docs).
_EXCLUDED = {"Gemfile", "Gemfile.lock", "node_modules", "vendor", "package.json", "package-lock.json", "yarn.lock",
             "CHANGELOG.md", "LICENSE", "LICENSE.md", "LICENSE.txt", "README.md", "README", "Rakefile", "CNAME.md"}
_PERMALINK_STYLES = {  # Jekyll's built-in permalink styles
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_MARKDOWN_LINK = re.compile(r"(\]\(<?)([^()<>\s#]+\.(?:md|markdown))(#[^()<>\s]*)?(?=>?[)\s])")
_DROPPED = {"layout": "the theme's layout", "comments": "comments switch of the old theme", "share": "share buttons"}


def is_jekyll(source: Path) -> bool:
    """Say whether `source` looks like a Jekyll site."""
    return source.is_dir() and ((source / "_config.yml").is_file() or (source / "_config.yaml").is_file()
                                or (source / "_posts").is_dir())


def import_jekyll(source: Path, today: str) -> Imported:
    """Read the Jekyll site in `source`; return ugsite files and a note for everything done or left.

    `today` (YYYY-MM-DD) dates drafts, which Jekyll dates when it builds them.
    """
    out = Imported()
    config = _config(source, out)
    posts = _post_files(source)
    names = {_post_name(path): path for path in posts}
    new_paths = _new_post_paths(posts)
    pages = _page_files(source, config, out)
    page_paths = {path: f"pages/{_page_target(path)}" for path in pages}
    documents = _collection_documents(source, config, out)
    for path, address in documents.items():
        if _is_dated(source, path):
            posts.append(path)
            new_paths[path] = _new_post_path(path, set(new_paths.values()))
        else:
            pages.append(path)
            page_paths[path] = f"pages/{_page_target(path.lstrip('_'))}"
    languages, editions = Languages(), {}
    if codes := polyglot_languages(config):  # jekyll-polyglot: a document's language is its `lang`
        languages = set_languages(out, codes, True, _config_name(source))
        editions = document_languages(source, [*posts, *pages], config, languages)
        new_paths = edition_files({p: new_paths[p] if p in documents else _new_post_path(p) for p in posts},
                                  editions, languages)
        page_paths = edition_files(page_paths, editions, languages)

    def link_file(target: str, origin: str) -> str | None:
        target = target.strip("'\"").lstrip("/")
        if target in new_paths:
            return relative_path(new_paths[target], origin)
        if target in page_paths:  # the home page's text is no file of its own: link to the home page
            return "/" if page_paths[target] == INTRO_FILE else relative_path(page_paths[target], origin)
        if (source / target).is_file():
            return "/" + target
        return None

    for path in posts:
        _convert_document(source, path, new_paths[path], "post", config, out,
                          lambda name, o=new_paths[path]: relative_path(new_paths[names[name.split("/")[-1]]], o)
                          if name.split("/")[-1] in names else None, link_file, today, documents.get(path),
                          languages, editions.get(path))
    for path in pages:
        _convert_document(source, path, page_paths[path], "page", config, out,
                          lambda name, o=page_paths[path]: relative_path(new_paths[names[name.split("/")[-1]]], o)
                          if name.split("/")[-1] in names else None, link_file, today, documents.get(path),
                          languages, editions.get(path))
    if languages.codes:
        ids, permalinks = translation_keys(source, {**new_paths, **page_paths}, out, languages)
        link_translations(out, ids, languages, "page_id")
        link_translations(out, permalinks, languages, "permalink")
    convert_data(source, "_data", out)
    _static(source, config, set(posts) | set(pages), out)
    return out


def _collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the site's collections (a list of names or a mapping of their settings), as Jekyll reads them."""
    value = config.get("collections")
    if isinstance(value, list):
        return {str(name): {} for name in value}
    if isinstance(value, dict):
        return {str(name): dict(settings) if isinstance(settings, dict) else {} for name, settings in value.items()}
    return {}


def _collection_documents(source: Path, config: dict[str, Any], out: Imported) -> dict[str, str]:
    """Return each published collection document with its old address; report those Jekyll never published."""
    found: dict[str, str] = {}
    for name, settings in sorted(_collections(config).items()):
        base = source / f"_{name}"
        if name in ("posts", "drafts", "data") or not base.is_dir():
            continue
        files = sorted(f for f in base.rglob("*") if f.is_file() and f.suffix.lower() in POST_SUFFIXES)
        for file in files:
            path = file.relative_to(source).as_posix()
            if not settings.get("output"):
                out.notes.append(Note(path, f"a document of the collection '{name}', which Jekyll does not publish "
                                      "on its own (output: false): the old theme showed its text; put it on a page "
                                      "or leave it out", "needs a person"))
                continue
            found[path] = _collection_address(name, file.relative_to(base).as_posix(), settings, config)
    return found


def _collection_address(name: str, path: str, settings: dict[str, Any], config: dict[str, Any]) -> str:
    """Return a collection document's old address: its collection's permalink, else /:collection/:path:output_ext."""
    pattern = str(settings.get("permalink") or "/:collection/:path:output_ext")
    stem = path.rsplit(".", 1)[0]
    dated = _DATED.fullmatch(PurePosixPath(stem).name)
    title = dated.group(4) if dated else PurePosixPath(stem).name
    values = {":collection": name, ":path": stem, ":name": PurePosixPath(stem).name, ":title": title,
              ":slug": title.lower(), ":output_ext": ".html"}
    if dated:
        values.update({":year": dated.group(1), ":month": f"{int(dated.group(2)):02d}",
                       ":day": f"{int(dated.group(3)):02d}"})
    for key in sorted(values, key=len, reverse=True):
        pattern = pattern.replace(key, values[key])
    return re.sub(r"/{2,}", "/", "/" + pattern.lstrip("/"))


def _is_dated(source: Path, path: str) -> bool:
    """Say whether a collection document has a date (in its name or front matter): it becomes a post."""
    if _DATED.fullmatch(_post_name(path)):
        return True
    parsed = read_document(source, path, Imported())
    return parsed is not None and bool(parsed.meta.get("date"))


def _config_name(source: Path) -> str:
    return "_config.yaml" if not (source / "_config.yml").is_file() and (source / "_config.yaml").is_file() \
        else "_config.yml"


def _config(source: Path, out: Imported) -> dict[str, Any]:
    for name in ("_config.yml", "_config.yaml"):
        file = source / name
        if file.is_file():
            text, _ = decode_text(file.read_bytes(), name)
            value, problems = load_yaml(text or "", name)
            if problems and value is None:
                out.notes.extend(Note(name, p.message, "needs a person", p.line) for p in problems)
                return {}
            out.notes.extend(Note(name, f"{p.message}: as Jekyll reads it, the last one counts", "converted", p.line)
                             for p in problems)  # a key given twice: Ruby's YAML keeps the last
            config = dict(value) if isinstance(value, dict) else {}
            _settings(config, name, out)
            return config
    return {}


def _settings(config: dict[str, Any], name: str, out: Imported) -> None:
    settings = out.settings
    for key in ("title", "description", "timezone"):
        if isinstance(config.get(key), str) and config[key].strip():
            settings[key] = config[key].strip()
    if "title" not in settings and isinstance(config.get("name"), str):
        settings["title"] = config["name"].strip()
    url, baseurl = str(config.get("url") or "").rstrip("/"), str(config.get("baseurl") or "").strip("/")
    if url.startswith(("http://", "https://")):
        settings["base_url"] = f"{url}/{baseurl}/" if baseurl else f"{url}/"
    if author := author_name(config.get("author")):
        settings["author"] = author
    if language := language_code(config.get("lang") or config.get("locale")):
        settings["language"] = language
    permalink = str(config.get("permalink") or "date")
    settings["permalink"] = _ugsite_permalink(_PERMALINK_STYLES.get(permalink, permalink))
    out.notes.append(Note(name, f"settings: {', '.join(sorted(settings))} came over to ugsite.yaml", "converted"))
    for key in ("excerpt_separator", "exclude"):
        if key in config:
            out.notes.append(Note(name, f"the setting '{key}' was followed while importing", "converted"))
    followed = set(SETTINGS) if polyglot_languages(config) else set()
    for key in sorted(set(config) - {"title", "name", "description", "timezone", "url", "baseurl", "author", "lang",
                                     "locale", "permalink", "excerpt_separator", "exclude", *followed}):
        out.notes.append(Note(name, f"the setting '{key}' has no ugsite equivalent and was left out", "skipped"))


def _ugsite_permalink(jekyll: str) -> str:
    """Translate a Jekyll permalink pattern; placeholders ugsite lacks fall back to a dated one."""
    pattern = jekyll.replace(":output_ext", ".html")
    mapping = {":categories": "{categories}", ":year": "{year}", ":month": "{month}", ":day": "{day}",
               ":i_month": "{month}", ":i_day": "{day}", ":title": "{title}", ":slug": "{slug}"}
    for old, new in mapping.items():
        pattern = pattern.replace(old, new)
    if ":" in pattern or not pattern.endswith(("/", ".html")):
        return "/{year}/{month}/{day}/{slug}/"
    return pattern


def _post_files(source: Path) -> list[str]:
    found = []
    for folder in ("_posts", "_drafts"):
        base = source / folder
        if base.is_dir():
            found += sorted(f.relative_to(source).as_posix() for f in base.rglob("*")
                            if f.is_file() and f.suffix.lower() in POST_SUFFIXES)
    for base in sorted(source.glob("*/_posts")):  # category folders: blog/_posts/
        found += sorted(f.relative_to(source).as_posix() for f in base.rglob("*")
                        if f.is_file() and f.suffix.lower() in POST_SUFFIXES)
    return found


def _post_name(path: str) -> str:
    return PurePosixPath(path).name.rsplit(".", 1)[0]


def _new_post_paths(posts: list[str]) -> dict[str, str]:
    """Return each post's new file; posts of the same name in two category folders (`en/_posts/1.md`,
    `fr/_posts/1.md`, as bilingual sites keep them) each keep their folder, so neither is lost."""
    plain = {path: _new_post_path(path) for path in posts}
    counts = Counter(plain.values())
    return {path: _in_folder(path, new) if counts[new] > 1 else new for path, new in plain.items()}


def _in_folder(path: str, new: str) -> str:
    folder = path.split("/_posts/", 1)[0] if "/_posts/" in path else path.split("/", 1)[0].lstrip("_")
    return f"posts/{folder}/{PurePosixPath(new).name}"


def _new_post_path(path: str, taken: Collection[str] = ()) -> str:
    name = PurePosixPath(path).name
    stem = name.rsplit(".", 1)[0].removesuffix(".html")  # x.html.markdown
    target = f"posts/{stem}.md" if not path.startswith("_drafts/") else f"posts/drafts/{stem}.md"
    if target in taken:  # a collection's document named as a post is
        target = f"posts/{PurePosixPath(path).parts[0].lstrip('_')}-{stem}.md"
    return target


def _page_files(source: Path, config: dict[str, Any], out: Imported | None = None) -> list[str]:
    excluded = set(_EXCLUDED) | {str(x).strip("/") for x in config.get("exclude") or [] if isinstance(x, str)}
    optional = _optional_front_matter(source, config)
    found = []
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source)
        if not file.is_file() or any(part.startswith(("_", ".")) for part in rel.parts) or rel.parts[0] in excluded:
            continue
        markdown = file.suffix.lower() in (".md", ".markdown")
        if (markdown or file.suffix.lower() == ".html") and (has_front_matter(file) or markdown and optional):
            if len(rel.parts) == 1 and file.stem.lower() in MADE_BY_UGSITE:
                if out is not None:
                    out.notes.append(Note(rel.as_posix(), "a page that lists posts or tags (or says 'not found'); "
                                          "ugsite makes its own", "skipped"))
                continue
            found.append(rel.as_posix())
    return found


def _optional_front_matter(source: Path, config: dict[str, Any]) -> bool:
    """Say whether Markdown without front matter is a page: jekyll-optional-front-matter, on by default on GitHub Pages.

    A site without a Gemfile, or whose Gemfile names github-pages, is built the GitHub Pages way.
    """
    plugins = {str(p) for p in as_list(config.get("plugins")) + as_list(config.get("gems"))}
    if "jekyll-optional-front-matter" in plugins:
        return True
    gemfile = source / "Gemfile"
    if not gemfile.is_file():
        return True
    text, _ = decode_text(gemfile.read_bytes(), "Gemfile")
    return "github-pages" in (text or "")


def _page_target(path: str) -> str:
    stem = path.rsplit(".", 1)[0]
    if PurePosixPath(stem).name == "index":
        parent = str(PurePosixPath(stem).parent)
        return "_index.md" if parent == "." else f"{parent}.md"
    return f"{stem}.md"


def _convert_document(source: Path, path: str, target: str, kind: str, config: dict[str, Any], out: Imported,
                      post_file: Any, link_file: Any, today: str, address: str | None = None,
                      languages: Languages = Languages(), language: str | None = None) -> None:
    parsed = read_document(source, path, out)
    if parsed is None:
        return
    meta = dict(parsed.meta)
    front: dict[str, Any] = {}
    notes: list[Note] = []
    take_title(meta, front, path, kind, notes)
    dated = _DATED.fullmatch(_post_name(path))
    if kind == "post":
        _date(meta, front, dated, path, notes, today)
    if path.startswith("_drafts/") or meta.pop("published", True) is False:
        front["draft"] = True
    _terms(meta, front, path, notes)
    take_image(meta, front, path, notes)
    take_people(meta, front)
    for key in ("description", "summary", "excerpt"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            front["summary" if key == "excerpt" else key] = meta.pop(key).strip()
    aliases = [str(a) for a in as_list(meta.pop("redirect_from", None))]
    if "slug" in meta and isinstance(meta["slug"], str):
        front["slug"] = meta.pop("slug")
    old = _old_address(path, kind, meta, front, dated, config)
    if address and not isinstance(meta.get("permalink"), str):
        old = address  # a collection's document: its collection's address
    meta.pop("permalink", None)
    if languages.codes:
        old = "/" + languages.prefix(language) + old.lstrip("/") if old else old  # polyglot's /sv/... addresses
        _language_fields(meta, front, path, language or languages.codes[0], notes)
    if aliases:
        front["aliases"] = aliases
        notes.append(Note(path, f"redirect_from became aliases: {', '.join(aliases)}"))
    for key in list(meta):
        if key in _DROPPED:
            notes.append(Note(path, f"'{key}' ({_DROPPED[key]}) was left out", "skipped", meta_line(parsed.meta, key)))
            meta.pop(key)
    if meta:
        front["extra"] = {str(k): plain(v) for k, v in meta.items()}
        notes.append(Note(path, f"kept under extra: {', '.join(sorted(map(str, meta)))}", "moved"))
    body = parsed.body
    if path.lower().endswith((".html", ".htm")) or re.search(r"^\s*<(div|p|section|figure|iframe|table)\b", body, re.M):
        out.html = True
    liquid = Liquid(path, parsed.body_line, config, {**parsed.meta}, lambda name: post_file(name),
                    lambda name: link_file(name, target))
    broken: list[str] = []
    body = convert(_markdown_links(body, path, lambda name: link_file(name, target), notes, broken), liquid)
    if broken:
        front["broken_links"] = sorted(set(broken))
    separator = config.get("excerpt_separator")
    body = take_excerpt(body, separator if isinstance(separator, str) else None, front, path, notes)
    out.notes.extend(notes + liquid.notes)
    keep_heading_ids(body, path, "kramdown", front, out.notes)
    out.files[target] = document(front, body)
    out.origins[target] = path
    if old:
        out.old_addresses[target] = old


def _language_fields(meta: dict[str, Any], front: dict[str, Any], path: str, language: str, notes: list[Note]) -> None:
    """Take polyglot's `lang` (the file's language now) and `page_id` (linking translations, done later)."""
    lang = meta.pop("lang", None)
    meta.pop("page_id", None)
    if lang is None:
        return
    if str(lang).strip() == language:
        notes.append(Note(path, f"lang: {language} became the language of its file"))
        return
    front["language"] = str(lang).strip()
    notes.append(Note(path, f"lang: {lang} is none of the site's languages: it became a "
                      f"{language} file that says it is in {lang}", "needs a person"))


def _markdown_links(body: str, path: str, link: Callable[[str], str | None], notes: list[Note],
                    broken: list[str]) -> str:
    """Point relative links to Markdown files at the new files, as jekyll-relative-links pointed them at pages.

    A link to a file the source does not have led nowhere on the old site either: it points at the page its name
    would have made, and goes into `broken`.
    """
    def moved(match: re.Match[str]) -> str:
        url, fragment = match.group(2), match.group(3) or ""
        if re.match(r"[a-zA-Z][\w+.-]*:|/", url):
            return match.group()
        new = link(posixpath.normpath(posixpath.join(posixpath.dirname(path), url)))
        if new is None:
            address = url.rsplit(".", 1)[0] + ".html"
            broken.append(address)
            notes.append(Note(path, f"the link to {url} names a file the source does not have, so it led nowhere on "
                              f"the old site either; it points at {address}, listed under broken_links",
                              "broken before"))
            return f"{match.group(1)}{address}{fragment}"
        if new.startswith("/") and new != "/":
            address = url.rsplit(".", 1)[0] + ".html"
            notes.append(Note(path, f"the link to {url} names no page of the site (it led nowhere on the old site "
                              f"either); it now points at {address}", "needs a person"))
            return f"{match.group(1)}{address}{fragment}"
        return f"{match.group(1)}{new}{fragment}"

    return _MARKDOWN_LINK.sub(moved, body)


def _date(meta: dict[str, Any], front: dict[str, Any], dated: re.Match[str] | None, path: str,
          notes: list[Note], today: str) -> None:
    value = meta.pop("date", None)
    if isinstance(value, datetime):
        front["date"] = value.isoformat(sep=" ")
    elif isinstance(value, date):
        front["date"] = value.isoformat()
    elif isinstance(value, str) and value.strip():
        front["date"] = zoned_date_text(value, path, notes)
    elif dated:
        front["date"] = f"{dated.group(1)}-{int(dated.group(2)):02d}-{int(dated.group(3)):02d}"
    elif path.startswith("_drafts/"):
        front["date"] = today  # Jekyll dates a draft when it is built; publishing it is the time to change this
        notes.append(Note(path, f"the draft has no date; it got {today}, to change when it is published"))
    else:
        notes.append(Note(path, "the post has no date: give it one", "needs a person"))


def _terms(meta: dict[str, Any], front: dict[str, Any], path: str, notes: list[Note]) -> None:
    categories = words(meta.pop("categories", None)) + words(meta.pop("category", None), split=False)
    parts = PurePosixPath(path).parts
    if "_posts" in parts and parts.index("_posts") > 0:  # blog/_posts/x.md: Jekyll files it under "blog"
        categories = list(parts[: parts.index("_posts")]) + categories
    if categories:
        front["categories"] = list(dict.fromkeys(categories))
    tags = words(meta.pop("tags", None)) + words(meta.pop("tag", None), split=False)
    if tags:
        front["tags"] = list(dict.fromkeys(tags))


def _old_address(path: str, kind: str, meta: dict[str, Any], front: dict[str, Any], dated: re.Match[str] | None,
                 config: dict[str, Any]) -> str | None:
    """Work out the page's address on the old site, by Jekyll's permalink rules."""
    own = meta.get("permalink")
    if isinstance(own, str) and own.strip():
        return own.strip()
    if kind == "page":
        stem = path.rsplit(".", 1)[0]
        if PurePosixPath(stem).name == "index":
            return "/" + (str(PurePosixPath(stem).parent) + "/" if PurePosixPath(stem).parent.name else "")
        return "/" + stem + ".html"
    if not dated:
        return None
    pattern = str(config.get("permalink") or "date")
    pattern = _PERMALINK_STYLES.get(pattern, pattern)
    title = str(front.get("slug") or dated.group(4))
    cased = re.sub(r"-{2,}", "-", re.sub(r"[^\w.~!$&'()+,;=@-]+", "-", title)).strip("-")
    categories = "/".join(dict.fromkeys(str(c).lower() for c in front.get("categories", [])))
    values = {":categories": categories, ":year": dated.group(1), ":month": f"{int(dated.group(2)):02d}",
              ":day": f"{int(dated.group(3)):02d}", ":i_month": str(int(dated.group(2))),
              ":i_day": str(int(dated.group(3))), ":title": cased, ":slug": cased.lower(), ":output_ext": ".html"}
    for key in sorted(values, key=len, reverse=True):
        pattern = pattern.replace(key, values[key])
    return re.sub(r"/{2,}", "/", "/" + pattern.lstrip("/"))


def _unpublished(rel: Path, config: dict[str, Any], out: Imported) -> None:
    """Report a file of a folder Jekyll reads but does not publish (its theme, plugins, unnamed collections)."""
    top = rel.parts[0]
    if top in ("_layouts", "_includes", "_sass"):
        out.notes.append(Note(rel.as_posix(), "a part of the old theme; ugsite's theme takes its place", "skipped"))
    elif top == "_plugins":
        out.notes.append(Note(rel.as_posix(), "a Ruby plugin of the old site; ugsite does not run it", "skipped"))
    elif top.startswith("_") and len(rel.parts) > 1 and top not in ("_posts", "_drafts", "_data", "_site") \
            and top[1:] not in _collections(config):
        out.notes.append(Note(rel.as_posix(), f"Jekyll publishes nothing of {top}/ (it is not one of the site's "
                              "collections), so neither does ugsite", "skipped"))


def _static(source: Path, config: dict[str, Any], documents: set[str], out: Imported) -> None:
    excluded = set(_EXCLUDED) | {str(x).strip("/") for x in config.get("exclude") or [] if isinstance(x, str)}
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source)
        path = rel.as_posix()
        if file.is_symlink() and not any(part.startswith(("_", ".")) for part in rel.parts):
            out.notes.append(Note(path, "a link to another file was left out; copy the file itself if it belongs to "
                                  "the site", "skipped"))
            continue
        if not file.is_file() or path in documents:
            continue
        if rel.parts[0] in ("_site", ".jekyll-cache", ".sass-cache", ".git", ".github"):
            continue
        if any(part.startswith(("_", ".")) for part in rel.parts):
            _unpublished(rel, config, out)
            continue
        if rel.parts[0] in excluded:
            continue
        if has_front_matter(file):  # styles and feeds that Jekyll renders: ugsite makes its own
            out.notes.append(Note(path, "a file Jekyll renders with Liquid (a stylesheet or a feed); ugsite's theme "
                                  "and feeds take its place", "skipped"))
            continue
        out.files[posixpath.join("static", path)] = file.read_bytes()
    if any(k.startswith("static/") for k in out.files):
        count = sum(k.startswith("static/") for k in out.files)
        out.notes.append(Note("(static files)", f"{count} images, downloads and other files went to static/", "moved"))
