"""Read a Middleman site's config.rb into ugsite settings and the blog's rules, reporting every line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ugsite.content.frontmatter import decode_text
from ugsite.importers.fields import Imported, author_name, language_code
from ugsite.importers.report import Note
from ugsite.importers.ruby_config import RubyConfig, read_ruby_config

NAME = "config.rb"
_TITLES = ("site_title", "title", "site_name", "name")
_URLS = ("site_url", "url", "base_url", "host")
_FOLLOWED = {"images_dir", "css_dir", "js_dir", "fonts_dir", "source", "build_dir", "layouts_dir"}
_BLOG_FOLLOWED = {"prefix", "permalink", "sources", "tag_template", "calendar_template", "year_template",
                  "month_template", "day_template", "summary_separator", "default_extension"}


@dataclass(frozen=True)
class MiddlemanConfig:
    """What the import follows of config.rb."""

    blog: bool
    prefix: str
    permalink: str
    sources: str
    directory_indexes: bool
    images_dir: str
    source_dir: str
    templates: frozenset[str]  # the blog's tag and calendar pages: ugsite makes its own
    settings: dict[str, object]


def read_middleman_settings(source: Path, out: Imported) -> MiddlemanConfig:
    """Return what the import follows of config.rb, and put the site's own settings into `out.settings`."""
    text, _ = decode_text((source / NAME).read_bytes(), NAME)
    ruby = read_ruby_config(text or "")
    blog = ruby.extensions.get("blog")
    options = blog or {}
    config = MiddlemanConfig(
        blog=blog is not None, prefix=str(options.get("prefix") or "").strip("/"),
        permalink=str(options.get("permalink") or "{year}/{month}/{day}/{title}.html").lstrip("/"),
        sources=str(options.get("sources") or "{year}-{month}-{day}-{title}.html").lstrip("/"),
        directory_indexes="directory_indexes" in ruby.extensions,
        images_dir=str(ruby.settings.get("images_dir") or "images").strip("/"),
        source_dir=str(ruby.settings.get("source") or "source").strip("/"),
        templates=frozenset(str(options[k]).lstrip("/") for k in ("tag_template", "calendar_template", "year_template",
                                                                   "month_template", "day_template") if k in options),
        settings=dict(ruby.settings))
    _ugsite_settings(ruby, config, out)
    _report(ruby, out)
    return config


def _ugsite_settings(ruby: RubyConfig, config: MiddlemanConfig, out: Imported) -> None:
    values, settings = ruby.settings, out.settings
    title = next((values[k] for k in _TITLES if isinstance(values.get(k), str) and values[k].strip()), None)
    if isinstance(title, str):
        settings["title"] = title.strip()
    url = next((values[k] for k in _URLS if isinstance(values.get(k), str)), "")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        settings["base_url"] = url.rstrip("/") + "/"
    for key, target in (("time_zone", "timezone"), ("site_description", "description"), ("description", "description")):
        if isinstance(values.get(key), str) and values[key].strip():
            settings[target] = values[key].strip()
    if author := author_name(values.get("site_author") or values.get("author")):
        settings["author"] = author
    if language := language_code(values.get("lang") or values.get("locale")):
        settings["language"] = language
    if config.blog and (permalink := ugsite_permalink(config)):
        settings["permalink"] = permalink
    out.notes.append(Note(NAME, f"settings: {', '.join(sorted(settings))} came over to ugsite.yaml"))


def ugsite_permalink(config: MiddlemanConfig) -> str | None:
    """Translate the blog's permalink (with its prefix and directory indexes) into ugsite's, when it can be."""
    pattern = "/".join(p for p in (config.prefix, config.permalink) if p)
    if config.directory_indexes and pattern.endswith(".html"):
        pattern = re.sub(r"(^|/)index\.html$", r"\1", pattern)
        pattern = pattern.removesuffix(".html") + "/" if pattern.endswith(".html") else pattern
    pattern = pattern.replace("{title}", "{slug}")
    if set(re.findall(r"\{(\w+)\}", pattern)) - {"year", "month", "day", "slug"} or "{slug}" not in pattern:
        return None
    return "/" + pattern if pattern.endswith(("/", ".html")) else None


def _report(ruby: RubyConfig, out: Imported) -> None:
    """Say what became of each line of config.rb."""
    for key, value in sorted(ruby.settings.items()):
        line = ruby.lines[key]
        if key in _TITLES + _URLS + ("time_zone", "site_description", "description", "site_author", "author", "lang",
                                     "locale"):
            continue
        what = "was followed while importing" if key in _FOLLOWED else "has no ugsite equivalent and was left out"
        out.notes.append(Note(NAME, f"the setting '{key}' {what}", "converted" if key in _FOLLOWED else "skipped",
                              line))
    for name, options in sorted(ruby.extensions.items()):
        line = ruby.lines[f"activate :{name}"]
        if name in ("blog", "directory_indexes"):
            out.notes.append(Note(NAME, f"the {name} extension's addresses were followed while importing", line=line))
        else:
            out.notes.append(Note(NAME, f"the extension '{name}' has no ugsite equivalent and was left out", "skipped",
                                  line))
        for key in sorted(options):
            followed = name == "blog" and key in _BLOG_FOLLOWED
            out.notes.append(Note(NAME, f"{name}.{key} {'was followed' if followed else 'was left out'}",
                                  "converted" if followed else "skipped", ruby.lines[f"{name}.{key}"]))
    for line, text in ruby.unread:
        out.notes.append(Note(NAME, f"Ruby the import does not run was left out: {text[:60]}", "skipped", line))
