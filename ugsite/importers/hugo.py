"""Convert a Hugo site (as its documentation and real group sites write it) into ugsite files."""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.content.frontmatter import decode_text, split_front_matter
from ugsite.importers.assets import bundle_files, bundle_image, bundle_links, copy_static, report_theme
from ugsite.importers.data_convert import convert_data
from ugsite.importers.heading_ids import keep_heading_ids
from ugsite.importers.hugo_languages import HugoLanguages, read_languages, setting, with_found
from ugsite.importers.fields import (
    MADE_BY_UGSITE,
    Imported,
    as_list,
    author_name,
    document,
    language_code,
    read_document,
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
from ugsite.importers.go_shortcodes import OwnShortcodes, site_shortcodes
from ugsite.importers.shortcode_roles import site_shortcode_roles
from ugsite.importers.shortcodes import Shortcodes, convert_shortcodes, data_fields
from ugsite.importers.talks import event_reason
from ugsite.importers.translations import link_translations, report_language_settings, set_languages, suffixed
from ugsite.content.yaml_source import load_yaml

# The addresses where ugsite lists posts and events itself: a section there is one of its lists.
_UGSITE_LISTS = {*MADE_BY_UGSITE, "events", "speakers", "sponsors", "venues", "jobs", "cfp", "blog", "news"}
CONTENT_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
                 "config.json")
_HUGO_KEYS = {"baseURL", "baseurl", "languageCode", "theme", "permalinks", "taxonomies", "defaultContentLanguage"}
_DROPPED = {"layout": "the theme's layout", "type": "the theme's content type", "weight": "an order in theme menus",
            "menu": "a theme menu entry", "toc": "a theme's table of contents switch", "comments": "a comments switch",
            "showToc": "a theme's table of contents switch", "ShowToc": "a theme's table of contents switch"}


def is_hugo(source: Path) -> bool:
    """Say whether `source` looks like a Hugo site (and not a Zola one, which also has config.toml)."""
    config = _config_file(source)
    if config is None or not (source / "content").is_dir():
        return False
    if config.name.startswith("hugo."):
        return True
    settings = _read_config(config)
    return bool(_HUGO_KEYS & set(settings)) and "base_url" not in settings  # base_url: Zola's, never Hugo's


def _config_file(source: Path) -> Path | None:
    for folder in (source, source / "config" / "_default"):
        for name in _CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def _read_config(file: Path) -> dict[str, Any]:
    text, _ = decode_text(file.read_bytes(), file.name)
    try:
        if file.suffix == ".toml":
            return tomllib.loads(text or "")
        if file.suffix == ".json":
            value = json.loads(text or "{}")
        else:
            value, problems = load_yaml(text or "", file.name)
            if problems:
                return {}
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return {}
    return dict(value) if isinstance(value, dict) else {}


def import_hugo(source: Path, today: str) -> Imported:
    """Read the Hugo site in `source`; return ugsite files and a note for everything done or left."""
    out = Imported()
    file = _config_file(source)
    config = _read_config(file) if file else {}
    name = file.relative_to(source).as_posix() if file else "hugo.toml"
    _settings(config, name, out)
    languages = read_languages(source, config, file)
    found = _documents(source, languages)
    languages = with_found(languages, {languages.place(path)[0] for path in found})
    set_languages(out, languages.codes, not languages.in_subdir, name)
    report_language_settings(out, name, languages.tables, ("weight", "contentDir"))
    documents = {path: "page" if kind == "post" and not _dated(source, path) else kind for path, kind in found.items()}
    for path in [p for p, kind in documents.items() if kind == "section" and _section_page(source, p, documents)]:
        documents[path] = "page"
        out.notes.append(Note(path, "a section with text of its own and no posts: it became a page at its address"
                              if not _holds_posts(path, documents) else "a section's list page with text of its own: "
                              "its text became a page at its address; ugsite lists the section's posts itself"))
    targets = {path: _target(path, kind, languages) for path, kind in documents.items()}
    own_shortcodes = site_shortcodes(source, config)
    roles = site_shortcode_roles(source)
    for path, kind in documents.items():
        _convert(source, path, kind, targets, config, languages, out, today, own_shortcodes, roles)
    link_translations(out, _translation_keys(source, targets, out), languages.site, "translationKey")
    if (source / "data").is_dir():
        convert_data(source, "data", out)
    copy_static(source, out)
    report_theme(source, ("layouts", "themes", "assets", "archetypes", "i18n"), out)
    return out


def _settings(config: dict[str, Any], name: str, out: Imported) -> None:
    settings = out.settings
    params = config.get("params") if isinstance(config.get("params"), dict) else {}
    assert isinstance(params, dict)
    for key, value in (("title", config.get("title")), ("description", params.get("description")),
                       ("timezone", config.get("timeZone") or config.get("timezone"))):
        if isinstance(value, str) and value.strip():
            settings[key] = value.strip()
    url = str(config.get("baseURL") or config.get("baseurl") or "")
    if url.startswith(("http://", "https://")):
        settings["base_url"] = url.rstrip("/") + "/"
    if author := author_name(config.get("author") or params.get("author")):
        settings["author"] = author
    if language := language_code(config.get("languageCode") or setting(config, "defaultContentLanguage")):
        settings["language"] = language
    out.notes.append(Note(name, f"settings: {', '.join(sorted(settings))} came over to ugsite.yaml"))
    for key in sorted(set(config) - {"title", "baseURL", "baseurl", "languageCode", "defaultContentLanguage",
                                     "timeZone", "timezone", "author", "params", "permalinks", "languages",
                                     "defaultContentLanguageInSubdir"}):
        out.notes.append(Note(name, f"the setting '{key}' has no ugsite equivalent and was left out", "skipped"))


def _documents(source: Path, languages: HugoLanguages) -> dict[str, str]:
    """Return every content file (site-relative, under content/ or a language's contentDir) with its kind: post,
    page, intro or section."""
    found: dict[str, str] = {}
    files = [f for folder in languages.content_folders() if (source / folder).is_dir()
             for f in sorted((source / folder).rglob("*"))]
    for file in files:
        if not file.is_file() or file.suffix.lower() not in CONTENT_SUFFIXES:
            continue
        path = file.relative_to(source).as_posix()
        _, parts = languages.place(path)
        stem = file.name.split(".")[0]
        if stem == "_index":
            found[path] = "intro" if len(parts) == 1 else "section"
        elif len(parts) == 1 or (len(parts) == 2 and stem == "index"):
            found[path] = "page"
        else:
            found[path] = "post"
    return found


def _dated(source: Path, path: str) -> bool:
    """Say whether a content file has a date (Hugo's `date` or `publishDate`, or one in its name): a post.

    Hugo dates nothing by itself: an undated file in a section (an about page, a group's code of conduct, a
    speaker's profile) is a page of that section. A file whose front matter cannot be read stays a post, and
    its reading reports why.
    """
    if re.match(r"\d{4}-\d{2}-\d{2}", PurePosixPath(path).name):
        return True
    text, _ = decode_text((source / path).read_bytes(), path)
    parsed, _ = split_front_matter(text, path) if text is not None else (None, [])
    return parsed is None or any(parsed.meta.get(key) not in (None, "") for key in ("date", "publishDate"))


def _section_page(source: Path, path: str, documents: dict[str, str]) -> bool:
    """Say whether a section's `_index.md` is a page: it has text, and its address is not one of ugsite's lists.

    The posts of a section are listed by ugsite itself, at /posts/ or /events/; the section's introduction
    stays at the section's own address, unless that is where ugsite lists them.
    """
    if _holds_posts(path, documents) and posixpath.basename(posixpath.dirname(path)) in _UGSITE_LISTS:
        return False
    text, _ = decode_text((source / path).read_bytes(), path)
    parsed, _ = split_front_matter(text, path) if text is not None else (None, [])
    return parsed is not None and bool(parsed.body.strip())


def _holds_posts(path: str, documents: dict[str, str]) -> bool:
    folder = posixpath.dirname(path) + "/"
    return any(other.startswith(folder) and kind == "post" for other, kind in documents.items())


def _translation_keys(source: Path, targets: dict[str, str], out: Imported) -> dict[str, str]:
    """Return the `translationKey` of each new file whose source has one (read again: its front matter is gone)."""
    keys: dict[str, str] = {}
    for path, target in targets.items():
        parsed = read_document(source, path, Imported()) if target in out.files else None
        key = parsed.meta.get("translationKey") if parsed is not None else None
        if isinstance(key, (str, int)) and not isinstance(key, bool) and str(key).strip():
            keys[target] = str(key).strip()
    return keys


def _target(path: str, kind: str, languages: HugoLanguages) -> str:
    """Return the new file of a content file: posts/... or pages/..., a bundle's index named after its folder;
    a translation's with its language (`posts/x.en.md`)."""
    language, parts = languages.place(path)
    name = parts[-1].split(".")[0]
    if name in ("index", "_index") and len(parts) > 1:  # a bundle's page, or a section that is a page
        name, parts = parts[-2], parts[:-2]
    else:
        parts = parts[:-1]
    if kind == "intro":
        target = "pages/_index.md"
    elif kind == "post":
        target = "posts/" + "/".join([*parts[1:], name]) + ".md"
    else:
        target = "pages/" + "/".join([*parts, name]) + ".md"
    return suffixed(target, language, languages.site)


def _convert(source: Path, path: str, kind: str, targets: dict[str, str], config: dict[str, Any],
             languages: HugoLanguages, out: Imported, today: str,
             own_shortcodes: OwnShortcodes | None = None, roles: Mapping[str, str] | None = None) -> None:
    parsed = read_document(source, path, out)
    if parsed is None:
        return
    if kind == "section":
        what = ("a section's list page with an introduction, which ugsite's lists do not show: its text is not "
                "imported" if parsed.body.strip() else "a section's list page; ugsite makes its own lists")
        out.notes.append(Note(path, what, "needs a person" if parsed.body.strip() else "skipped"))
        old = _old_address(path, {}, {}, None, config, languages)
        bundle_files(source, path, old, CONTENT_SUFFIXES, out, branches=True)  # its pages may link them
        return
    meta = plain(dict(parsed.meta))
    front: dict[str, Any] = {}
    notes: list[Note] = []
    target = targets[path]
    if kind != "intro":
        take_title(meta, front, path, "post" if kind == "post" else "page", notes)
    for key in ("date", "publishDate", "lastmod"):
        value = meta.pop(key, None)
        value = value.isoformat(sep=" ") if isinstance(value, datetime) else (
            value.isoformat() if isinstance(value, date) else value)
        if isinstance(value, str) and value.strip():
            field = "updated" if key == "lastmod" else "date"
            front.setdefault(field, value.strip())
    if kind == "post" and "date" not in front:
        front["date"] = today
        notes.append(Note(path, f"the post has no date; it got {today}", "needs a person"))
    if meta.pop("draft", False) is True:
        front["draft"] = True
    for key in ("tags", "categories"):
        names = words(meta.pop(key, None), split=False)
        if names:
            front[key] = names
    series = words(meta.pop("series", None), split=False)
    if series:
        front.setdefault("tags", []).extend(series)
        notes.append(Note(path, "the Hugo series became tags"))
    cover = meta.get("cover")
    if isinstance(cover, dict) and isinstance(cover.get("image"), str):
        meta["cover"] = cover["image"]
    take_image(meta, front, path, notes)
    take_people(meta, front)
    for key in ("description", "summary"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            front[key] = meta.pop(key).strip()
    language = languages.place(path)[0]
    slug = meta.pop("slug", None)
    old = _old_address(path, meta, front, slug, config, languages)
    meta.pop("url", None)
    meta.pop("translationKey", None)  # linked to the other translations once all are written
    if isinstance(slug, str) and slug.strip():
        front["slug"] = slug.strip()
    if language != languages.default:
        notes.append(Note(path, f"the {language} translation of {languages.site.edition(target)[0]}"))
    aliases = [str(a) for a in as_list(meta.pop("aliases", None))]
    if aliases:
        front["aliases"] = aliases
    for key in list(meta):
        if key in _DROPPED:
            notes.append(Note(path, f"'{key}' ({_DROPPED[key]}) was left out", "skipped", meta_line(parsed.meta, key)))
            meta.pop(key)
    if meta:
        front["extra"] = meta
        notes.append(Note(path, f"kept under extra: {', '.join(sorted(map(str, meta)))}", "moved"))
    body = parsed.body
    if path.lower().endswith((".html", ".htm")):
        out.html = True
    roles = roles or {}
    event = kind == "post" and bool(event_reason({**parsed.meta, **data_fields(body, roles)}, path, []))
    codes = Shortcodes(path, parsed.body_line, _params(config, dict(parsed.meta)),
                       lambda ref: _ref(ref, path, targets, target, languages),
                       render=own_shortcodes(dict(parsed.meta)) if own_shortcodes else None, roles=roles,
                       event=event, home=kind == "intro")
    body = convert_shortcodes(body, codes)
    if codes.fields:  # what the page's data shortcodes stored: fields of the page, as its front matter's are
        extra = front.setdefault("extra", {})
        for key, value in codes.fields.items():
            extra.setdefault(key, value)
    body = bundle_links(body, path, old, CONTENT_SUFFIXES, branches=True, source=source)
    bundle_image(front, path, old, branches=True)
    section_image = _section_file(source, path, front.get("image"), targets, config, languages)
    if section_image:
        notes.append(Note(path, f"its image {front['image']} is a file of its section, published at {section_image}"))
        front["image"] = section_image
    body = take_excerpt(body, None, front, path, notes)
    out.notes.extend(notes + codes.notes)
    if kind == "intro":
        front = {k: v for k, v in front.items() if k in ("title", "extra")}
    keep_heading_ids(body, path, "github", front, out.notes)
    out.files[target] = document(front, body)
    out.origins[target] = path
    if old and kind != "intro":
        out.old_addresses[target] = old
        bundle_files(source, path, old, CONTENT_SUFFIXES, out, branches=True)


def _params(config: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """Return what `{{< param x >}}` reads: the page's front matter (and its `params`), else the site's params."""
    site = config.get("params") if isinstance(config.get("params"), dict) else {}
    page = meta.get("params") if isinstance(meta.get("params"), dict) else {}
    return {**(site or {}), **{str(k): v for k, v in meta.items()}, **(page or {})}


def _ref(ref: str, origin: str, targets: dict[str, str], target: str, languages: HugoLanguages) -> str | None:
    """Return the link of `{{< ref >}}`: to the named page, in the language of the page that links when it has one
    (as Hugo resolves it)."""
    ref = ref.strip("'\"").split("#", 1)[0]
    name = ref.rstrip("/") if ref.lower().endswith(CONTENT_SUFFIXES) else ref.rstrip("/") + ".md"
    named = languages.site.edition(name)[1]  # `about.fr.md` names its language; `about.md` takes the page's
    for path, new in targets.items():
        rel = "/".join(languages.place(path)[1])
        if ref.lstrip("/") in (rel, rel.rsplit(".", 1)[0], posixpath.dirname(rel)) or PurePosixPath(rel).name == ref:
            same = suffixed(languages.site.edition(new)[0], languages.place(origin)[0], languages.site)
            return relative_path(same if not named and same in targets.values() else new, target)
    return None


def _section_file(source: Path, path: str, image: Any, targets: dict[str, str], config: dict[str, Any],
                  languages: HugoLanguages) -> str | None:
    """Return where a page's relative image (`./images/x.png`) beside it in its section's folder is published.

    A page that is no bundle has no files of its own; a file beside it belongs to its section's branch bundle,
    which publishes it under the section's address.
    """
    if not isinstance(image, str) or re.match(r"[a-zA-Z][\w+.-]*:|/", image) or PurePosixPath(path).stem.split(".")[0] \
            in ("index", "_index"):
        return None
    folder = posixpath.dirname(path)
    file = posixpath.normpath(posixpath.join(folder, image))
    section = next((p for p in targets if posixpath.dirname(p) == folder and PurePosixPath(p).name.startswith("_index.")),
                   None)
    if section is None or not file.startswith(folder + "/") or not (source / file).is_file():
        return None
    old = _old_address(section, {}, {}, None, config, languages)
    if old is None:
        return None
    return (old if old.endswith("/") else posixpath.dirname(old) + "/") + posixpath.relpath(file, folder)


def _old_address(path: str, meta: dict[str, Any], front: dict[str, Any], slug: Any, config: dict[str, Any],
                 languages: HugoLanguages) -> str | None:
    """Work out the page's address on the old site, by Hugo's rules (paths lowercased, as Hugo does by default;
    a language's under /LANG/ but the default one's, unless defaultContentLanguageInSubdir)."""
    own = meta.get("url")
    if isinstance(own, str) and own.strip():
        return own.strip()
    language, parts = languages.place(path)
    name = parts[-1].split(".")[0]
    listed = name == "_index"  # a section's own page: [permalinks] of a section names its pages, not it
    if name in ("index", "_index"):
        name, parts = parts[-2] if len(parts) > 1 else "", parts[:-2]
    else:
        parts = parts[:-1]
    section = parts[0] if parts and not listed else ""
    permalinks = config.get("permalinks") if isinstance(config.get("permalinks"), dict) else {}
    pattern = (permalinks or {}).get(section) if section else None
    title = str(front.get("title") or name)
    urlized = re.sub(r"[^\w.~-]+", "-", title.lower()).strip("-")
    slug_text = str(slug).strip() if isinstance(slug, str) and slug.strip() else None
    if isinstance(pattern, str):
        stamp = str(front.get("date") or "")
        moment = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp)
        values = {":year": moment.group(1) if moment else "", ":month": moment.group(2) if moment else "",
                  ":day": moment.group(3) if moment else "", ":title": urlized, ":slug": slug_text or urlized,
                  ":filename": name, ":sections": "/".join(parts), ":section": section, ":contentbasename": name}
        address = pattern
        for key in sorted(values, key=len, reverse=True):
            address = address.replace(key, values[key])
    else:
        address = "/" + "/".join([*parts, slug_text or name]) + "/"
    address = re.sub(r"/{2,}", "/", "/" + address.lstrip("/")).lower()
    if language != languages.default or languages.in_subdir:
        address = f"/{language}{address}"
    return address
