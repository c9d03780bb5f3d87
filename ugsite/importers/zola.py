"""Convert a Zola site (as its documentation and real group sites write it) into ugsite files."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from ugsite.content.frontmatter import decode_text
from ugsite.importers.assets import bundle_files, bundle_image, bundle_links, copy_static, is_bundle, report_theme
from ugsite.importers.data_convert import convert_data
from ugsite.importers.fields import (
    Imported,
    as_list,
    author_name,
    document,
    language_code,
    meta_line,
    plain,
    take_excerpt,
    take_image,
    take_people,
    take_title,
    words,
)
from ugsite.importers.liquid import relative_path
from ugsite.importers.report import Note
from ugsite.importers.shortcodes import Shortcodes, convert_zola_shortcodes
from ugsite.importers.tera_shortcodes import Render, site_shortcodes
from ugsite.importers.translations import report_language_settings, set_languages
from ugsite.importers.zola_content import (
    DATED,
    DOCUMENTS,
    Document,
    holds_posts,
    plan_content,
    site_languages,
    toml_table,
)
from ugsite.content.slugs import slugify

CONFIG_NAMES = ("zola.toml", "config.toml")  # Zola reads config.toml only when there is no zola.toml
# Settings only Zola's configuration has: Hugo's writes baseURL, [params] and [markup] instead.
_ZOLA_KEYS = {"base_url", "compile_sass", "build_search_index", "default_language", "generate_feeds", "generate_feed",
              "generate_rss", "feed_filenames", "markdown", "extra", "slugify", "link_checker", "highlight_code",
              "ignored_content", "minify_html"}
_USED_SETTINGS = {"title", "description", "base_url", "default_language", "languages", "author", "extra"}
_EXTRA_SETTINGS = {"author", "timezone", "time_zone"}
_LEFT_OUT = {
    "theme": "ugsite's theme takes the old theme's place",
    "taxonomies": "ugsite makes the pages of tags and categories itself",
    "generate_feeds": "ugsite makes its feeds and calendars itself", "generate_feed": "ugsite makes its feeds itself",
    "generate_rss": "ugsite makes its feeds itself", "feed_filenames": "ugsite makes its feeds itself",
    "build_search_index": "ugsite's search is its own 'search' setting",
    "compile_sass": "ugsite's theme brings its own styles",
    "markdown": "ugsite renders Markdown in one way",
    "slugify": "it was used to work out the old addresses",
}
_DROPPED = {"template": "the theme's template", "weight": "an order in the theme's lists",
            "in_search_index": "a switch of Zola's search index", "insert_anchor_links": "a switch of heading links",
            "render": "whether Zola made a page of it", "sort_by": "the order of a section's list",
            "paginate_by": "the length of a section's list pages", "paginate_path": "the address of a list's pages",
            "paginate_reversed": "the order of a list's pages", "page_template": "the theme's template for its pages",
            "transparent": "whether a section's pages were listed by its parent",
            "generate_feeds": "a feed of a section", "redirect_to": "a section's redirect"}
_THEME = ("templates", "sass", "themes")
_OTHER = {"public": "the site Zola built; ugsite builds its own"}
_HTML = re.compile(r"<[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1|`[^`\n]+`", re.S | re.M)
_INTERNAL = re.compile(r"(\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)@/([^)\s>#?]+)(#[^)\s>]*)?", re.M)


def is_zola(source: Path) -> bool:
    """Say whether `source` looks like a Zola site (and not a Hugo one, which also has config.toml)."""
    file = _config_file(source)
    if file is None or not (source / "content").is_dir():
        return False
    if file.name == "zola.toml":
        return True
    config = _read_config(file)
    if any(str(key).lower() == "baseurl" for key in config):  # Hugo's, in any case; Zola's is base_url
        return False
    return bool(_ZOLA_KEYS & set(config)) or isinstance(config.get("taxonomies"), list)


def _config_file(source: Path) -> Path | None:
    """Return the settings file Zola would read in `source`, if any."""
    return next((source / name for name in CONFIG_NAMES if (source / name).is_file()), None)


def _read_config(file: Path, out: Imported | None = None) -> dict[str, Any]:
    """Read the settings; when they cannot be read, say so in `out` (when given) and return none."""
    text, _ = decode_text(file.read_bytes(), file.name)
    try:
        return tomllib.loads(text or "")
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        if out is not None:
            out.notes.append(Note(file.name, f"the settings cannot be read ({exc}); none came over", "needs a person"))
        return {}


def import_zola(source: Path, today: str) -> Imported:
    """Read the Zola site in `source`; return ugsite files and a note for everything done or left.

    `today` (YYYY-MM-DD) dates a post that has no date, for a person to correct.
    """
    out = Imported()
    file = _config_file(source)
    config = _read_config(file, out) if file else {}
    name = file.name if file else CONFIG_NAMES[0]
    _settings(config, name, out)
    set_languages(out, site_languages(config), True, name)  # Zola keeps the default language at the root
    report_language_settings(out, name, toml_table(config.get("languages")), ())
    _left_out_settings(config, name, out)
    documents = plan_content(source, config, out)
    render = site_shortcodes(source, config)
    for doc in documents.values():
        _convert(source, doc, documents, out, today, render)
    _content_files(source, documents, out)
    if (source / "data").is_dir():
        convert_data(source, "data", out)
    copy_static(source, out)
    report_theme(source, _THEME, out)
    _other_files(source, out)
    return out


def _settings(config: dict[str, Any], name: str, out: Imported) -> None:
    """Take the title, description, address, language and author, and a time zone from `[extra]` if it has one."""
    settings = out.settings
    extra = toml_table(config.get("extra"))
    for key in ("title", "description"):
        if isinstance(config.get(key), str) and config[key].strip():
            settings[key] = config[key].strip()
    url = str(config.get("base_url") or "")
    if url.startswith(("http://", "https://")):
        settings["base_url"] = url.rstrip("/") + "/"
    if author := author_name(config.get("author") or extra.get("author")):
        settings["author"] = author
    if language := language_code(config.get("default_language")):
        settings["language"] = language
    zone = extra.get("timezone") or extra.get("time_zone")
    if isinstance(zone, str) and zone.strip():
        settings["timezone"] = zone.strip()
    out.notes.append(Note(name, f"settings: {', '.join(sorted(settings))} came over to ugsite.yaml"))
    if "timezone" not in settings:
        out.notes.append(Note(name, "Zola has no time-zone setting, so the site's is UTC: set timezone in ugsite.yaml "
                              "to the group's, or event times will be off", "needs a person"))
    if "base_url" not in settings:
        out.notes.append(Note(name, f"base_url {url!r} is not a full http(s) address: set the site's address in "
                              "ugsite.yaml", "needs a person"))


def _left_out_settings(config: dict[str, Any], name: str, out: Imported) -> None:
    """Note each setting, and each of the theme's `[extra]` settings, that does not come over."""
    for key in sorted(set(config) - _USED_SETTINGS):
        reason = _LEFT_OUT.get(key, "it has no ugsite equivalent")
        out.notes.append(Note(name, f"the setting '{key}' was left out: {reason}", "skipped"))
    for key in sorted(set(toml_table(config.get("extra"))) - _EXTRA_SETTINGS):
        out.notes.append(Note(name, f"the theme's setting extra.{key} was left out", "skipped"))


def _convert(source: Path, doc: Document, documents: dict[str, Document], out: Imported, today: str,
             render: Render | None = None) -> None:
    """Write the new file of one content file, with a note for each of its fields and its shortcodes and links."""
    if doc.kind == "section":
        _report_section(doc, documents, out)
        return
    if doc.kind == "own":
        out.notes.append(Note(doc.path, "a page that lists posts or tags (or says 'not found'); ugsite makes its own",
                              "needs a person" if doc.source.body.strip() else "skipped"))
        return
    meta = plain(dict(doc.source.meta))
    if doc.kind == "intro":
        _convert_intro(doc, meta, documents, out, render)
        return
    front: dict[str, Any] = {}
    notes: list[Note] = []
    take_title(meta, front, doc.path, doc.kind, notes)
    _dates(meta, front, doc, notes, today)
    _taxonomies(meta, front, doc.path, notes)
    take_people(meta, front)
    if isinstance(meta.get("description"), str) and meta["description"].strip():
        front["description"] = meta.pop("description").strip()
    _addresses(meta, front, doc, notes)
    _dropped(meta, doc, notes)
    _extra(meta, front, doc, notes)
    body = take_excerpt(_body(doc, documents, out, notes, render), None, front, doc.path, notes)
    fields = ", ".join(k for k in front if k != "extra")
    out.notes.append(Note(doc.path, f"became {doc.target}" + (f", with its {fields}" if fields else "")))
    out.notes.extend(notes)
    out.files[doc.target] = document(front, body)
    out.origins[doc.target] = doc.path
    out.old_addresses[doc.target] = doc.old
    bundle_files(source, doc.path, doc.old, DOCUMENTS, out)


def _dates(meta: dict[str, Any], front: dict[str, Any], doc: Document, notes: list[Note], today: str) -> None:
    """Take `date` (else the file name's), `updated` and `draft`."""
    for key in ("date", "updated"):
        value = meta.pop(key, None)
        if isinstance(value, str) and value.strip():  # TOML dates are text once `plain` has read them
            front[key] = value.strip()
        elif value is not None:
            notes.append(Note(doc.path, f"'{key}' is not a date ({value!r}) and was left out", "needs a person",
                              meta_line(doc.source.meta, key)))
    dated = DATED.fullmatch(doc.name)
    if "date" not in front and dated:
        front["date"] = dated.group(1)
        notes.append(Note(doc.path, "the date comes from the file name"))
    draft = meta.pop("draft", None)
    if draft is True:
        front["draft"] = True
    elif draft not in (None, False):
        meta["draft"] = draft  # not true or false: kept under extra, and reported there
    if doc.kind == "post" and "date" not in front:
        front["date"] = today
        notes.append(Note(doc.path, f"the post has no date; it got {today}", "needs a person"))


def _taxonomies(meta: dict[str, Any], front: dict[str, Any], path: str, notes: list[Note]) -> None:
    """Zola's `[taxonomies]`: tags and categories stay, authors are the authors, any other becomes tags."""
    terms = meta.pop("taxonomies", None)
    if not isinstance(terms, dict):
        if terms is not None:
            meta["taxonomies"] = terms  # not Zola's table: kept under extra, like any field ugsite does not know
        return
    for name, values in terms.items():
        names = words(values, split=False)
        if name in ("tags", "categories"):
            front[name] = list(dict.fromkeys([*front.get(name, []), *names]))
        elif name == "authors":
            meta["authors"] = list(dict.fromkeys([*map(str, as_list(meta.get("authors"))), *names]))
            notes.append(Note(path, "the taxonomy 'authors' gave the authors"))
        else:
            front["tags"] = list(dict.fromkeys([*front.get("tags", []), *names]))
            notes.append(Note(path, f"the taxonomy '{name}' became tags"))


def _addresses(meta: dict[str, Any], front: dict[str, Any], doc: Document, notes: list[Note]) -> None:
    """Keep `slug` and `aliases`; `path` is only the old address, which redirects to the new one."""
    slug = meta.pop("slug", None)
    if isinstance(slug, str) and slugify(slug):
        front["slug"] = slugify(slug)
    if isinstance(meta.pop("path", None), str):
        notes.append(Note(doc.path, f"'path' gave its old address, {doc.old}", "converted",
                          meta_line(doc.source.meta, "path")))
    aliases = ["/" + str(a).strip().lstrip("/") for a in as_list(meta.pop("aliases", None)) if str(a).strip()]
    if aliases:
        front["aliases"] = aliases
        notes.append(Note(doc.path, f"its aliases still redirect to it: {', '.join(aliases)}"))
    if doc.language:
        notes.append(Note(doc.path, f"the {doc.language} translation of the page of the same name, "
                          f"as {doc.target}"))


def _dropped(meta: dict[str, Any], doc: Document, notes: list[Note]) -> None:
    """Leave out what only told Zola's theme how to show the page, with a note each."""
    for key in [k for k in meta if k in _DROPPED]:
        value = meta.pop(key)
        hidden = key == "render" and value is False
        what = ("the old site made no page of it (render = false) and ugsite does: make it a draft if it should "
                "stay hidden" if hidden else f"'{key}' ({_DROPPED[key]}) was left out")
        notes.append(Note(doc.path, what, "needs a person" if hidden else "skipped", meta_line(doc.source.meta, key)))


def _extra(meta: dict[str, Any], front: dict[str, Any], doc: Document, notes: list[Note]) -> None:
    """Flatten the page's `[extra]` (and any field Zola does not know) into ugsite's extra:, names kept."""
    own = meta.pop("extra", None)
    extra = dict(meta)
    if isinstance(own, dict):
        extra.update(own)
    elif own is not None:
        extra["extra"] = own  # not a table: kept as it is
    take_image(extra, front, doc.path, notes)
    bundle_image(front, doc.path, doc.old)
    if extra:
        front["extra"] = extra
        notes.append(Note(doc.path, f"kept under extra: {', '.join(sorted(map(str, extra)))}", "moved"))


def _body(doc: Document, documents: dict[str, Document], out: Imported, notes: list[Note],
          render: Render | None = None) -> str:
    """Return the body with its shortcodes, internal links and a bundle's own links converted."""
    codes = Shortcodes(doc.path, doc.source.body_line, {}, lambda _: None, render=render)
    body = convert_zola_shortcodes(doc.source.body, codes)
    body = _internal_links(body, doc, documents, codes)
    body = bundle_links(body, doc.path, doc.old, DOCUMENTS)
    if _HTML.search(_CODE.sub("", body)):
        out.html = True  # Zola passes HTML in Markdown through
    notes.extend(codes.notes)
    return body


def _internal_links(body: str, doc: Document, documents: dict[str, Document], codes: Shortcodes) -> str:
    """Turn Zola's links to content files (`@/blog/post.md#part`) into links to the new files."""
    before = body

    def link(match: re.Match[str]) -> str:
        new = _linked(match.group(2), doc, documents)
        if new is None:
            what = ("points at a section's list, which ugsite does not make" if f"content/{match.group(2)}" in
                    documents else "names no page of the site")
            codes.note(before, match.start(), f"the link @/{match.group(2)} {what}; left as it is", "needs a person")
            return match.group()
        codes.note(before, match.start(), f"the link @/{match.group(2)}{match.group(3) or ''} became "
                   f"{new}{match.group(3) or ''}")
        return match.group(1) + new + (match.group(3) or "")

    return _INTERNAL.sub(link, body)


def _linked(ref: str, doc: Document, documents: dict[str, Document]) -> str | None:
    """Return where a link to content file `ref` points now: the new file, relative to `doc`'s, or an address."""
    other = documents.get("content/" + unquote(ref))
    if ref == "_index.md" or (other is not None and other.kind == "intro"):
        return "/"
    if other is None:
        return None
    if other.kind == "own":
        return f"/{other.name.lower()}/"
    if other.kind == "section":
        return "/posts/" if holds_posts(other, documents) else None
    return relative_path(other.target, doc.target)


def _report_section(doc: Document, documents: dict[str, Document], out: Imported) -> None:
    """Note what became of a section's `_index.md`: ugsite makes its own lists; an introduction needs a person."""
    blog = holds_posts(doc, documents)
    what = (f"a section's list page ({doc.old}); its pages became posts, which ugsite lists at /posts/" if blog else
            f"a section's list page ({doc.old}); ugsite makes its own lists")
    text = bool(doc.source.body.strip())
    if text:
        what += "; ugsite's lists have no introduction, so its text was not imported"
    out.notes.append(Note(doc.path, what, "needs a person" if text else "skipped"))
    keys = sorted(map(str, doc.source.meta))
    if keys:
        paging = " (ugsite.yaml's posts_per_page says how many posts a page lists)" if "paginate_by" in keys else ""
        out.notes.append(Note(doc.path, f"its settings were left out{paging}: {', '.join(keys)}", "skipped"))


def _convert_intro(doc: Document, meta: dict[str, Any], documents: dict[str, Document], out: Imported,
                   render: Render | None = None) -> None:
    """The home section's text becomes the home page's introduction; its settings are ugsite's own."""
    keys = sorted(k for k in map(str, meta) if k != "title")
    if keys:
        out.notes.append(Note(doc.path, f"the home page's settings were left out, as ugsite makes its own home page: "
                              f"{', '.join(keys)}", "skipped"))
    if not doc.source.body.strip():
        out.notes.append(Note(doc.path, "the home page has no text of its own to bring over", "skipped"))
        return
    notes: list[Note] = []
    body = _body(doc, documents, out, notes, render)
    out.notes.extend(notes)
    out.notes.append(Note(doc.path, f"its text became the home page's introduction, {doc.target}"))
    title = meta.get("title")
    out.files[doc.target] = document({"title": title}, body) if isinstance(title, str) and title.strip() else body
    out.origins[doc.target] = doc.path


def _content_files(source: Path, documents: dict[str, Document], out: Imported) -> None:
    """Publish the files beside a section's pages where the old site did; a bundle's go with its page."""
    bundles = {str(PurePosixPath(d.path).parent) + "/" for d in documents.values() if d.target and is_bundle(d.path)}
    content = source / "content"
    for file in sorted(content.rglob("*")) if content.is_dir() else []:
        path = file.relative_to(source).as_posix()
        if file.name.endswith(DOCUMENTS) or path.startswith(tuple(bundles)) or not file.is_file():
            continue
        if file.is_symlink() or file.name.startswith("."):
            out.notes.append(Note(path, "a hidden file or a link to another file was left out", "skipped"))
            continue
        target = "static/" + file.relative_to(content).as_posix()
        out.files[target] = file.read_bytes()
        out.notes.append(Note(path, f"went to {target}, where the old site published it", "moved"))


def _other_files(source: Path, out: Imported) -> None:
    """Note what else the source folder holds: none of it is part of what Zola builds the site from."""
    known = {"content", "static", "data", *CONFIG_NAMES, *_THEME}
    for entry in sorted(source.iterdir()):
        if entry.name.startswith(".") or entry.name in known:
            continue  # hidden files: version control and editors' own
        reason = _OTHER.get(entry.name, "not part of what Zola builds the site from; left out")
        out.notes.append(Note(entry.name + ("/" if entry.is_dir() else ""), reason, "skipped"))
