"""Read a Pelican site's settings (pelicanconf.py, publishconf.py) without running them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ugsite.content.frontmatter import decode_text
from ugsite.importers.fields import Imported, author_name, language_code
from ugsite.importers.python_settings import PythonSettings, read_python_settings
from ugsite.importers.report import Note

# Pelican's defaults (its documentation's settings page) for what the import follows.
DEFAULTS: dict[str, Any] = {
    "PATH": "content", "ARTICLE_PATHS": [""], "PAGE_PATHS": ["pages"], "STATIC_PATHS": ["images"],
    "ARTICLE_EXCLUDES": [], "PAGE_EXCLUDES": [], "ARTICLE_URL": "{slug}.html", "ARTICLE_SAVE_AS": "{slug}.html",
    "ARTICLE_LANG_URL": "{slug}-{lang}.html", "PAGE_URL": "pages/{slug}.html", "PAGE_SAVE_AS": "pages/{slug}.html",
    "PAGE_LANG_URL": "pages/{slug}-{lang}.html", "DEFAULT_LANG": "en", "USE_FOLDER_AS_CATEGORY": True,
    "DEFAULT_CATEGORY": "misc", "SLUGIFY_SOURCE": "title", "FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2}).*",
    "EXTRA_PATH_METADATA": {}, "TIMEZONE": None, "SITENAME": None, "SITEURL": "", "AUTHOR": None,
}
_TO_UGSITE = {"SITENAME": "title", "SITEURL": "base_url", "TIMEZONE": "timezone", "DEFAULT_LANG": "language",
              "AUTHOR": "author", "SITESUBTITLE": "description"}
_FOLLOWED = set(DEFAULTS) - set(_TO_UGSITE)
_THEME_ONLY = {"DEFAULT_DATE_FORMAT": "ugsite's theme formats dates itself",
               "SUMMARY_MAX_LENGTH": "ugsite makes summaries of its own length (or takes summary:)"}


def read_pelican_settings(source: Path, out: Imported) -> dict[str, Any]:
    """Return Pelican's settings (defaults filled in) and put the site's own into `out.settings`."""
    conf = _read(source, "pelicanconf.py", out)
    published = _read(source, "publishconf.py", out) if (source / "publishconf.py").is_file() else None
    values = {**DEFAULTS, **conf.values}
    if published is not None and isinstance(published.values.get("SITEURL"), str):
        values["SITEURL"] = published.values["SITEURL"]
        out.notes.append(Note("publishconf.py", "its SITEURL (the published site's address) became base_url",
                              line=published.lines["SITEURL"]))
    if published is not None:
        others = sorted((set(published.values) | set(published.computed)) - {"SITEURL"})
        if others:
            out.notes.append(Note("publishconf.py", f"the settings {', '.join(others)} only concern publishing the "
                                  "old site and were left out", "skipped"))
    _ugsite_settings(values, out)
    _report(conf, out)
    return values


def _read(source: Path, name: str, out: Imported) -> PythonSettings:
    text, _ = decode_text((source / name).read_bytes(), name)
    settings = read_python_settings(text or "")
    if settings.error is not None:
        out.notes.append(Note(name, f"the file is not Python that can be read ({settings.error[0]}); its settings "
                              "were left out", "needs a person", settings.error[1]))
    return settings


def _ugsite_settings(values: dict[str, Any], out: Imported) -> None:
    settings = out.settings
    for key in ("SITENAME", "TIMEZONE", "SITESUBTITLE"):
        if isinstance(values.get(key), str) and values[key].strip():
            settings[_TO_UGSITE[key]] = values[key].strip()
    url = values.get("SITEURL")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        settings["base_url"] = url.rstrip("/") + "/"
    if author := author_name(values.get("AUTHOR")):
        settings["author"] = author
    if language := language_code(values.get("DEFAULT_LANG")):
        settings["language"] = language
    permalink = ugsite_permalink(str(values["ARTICLE_URL"]))
    if permalink:
        settings["permalink"] = permalink
    out.notes.append(Note("pelicanconf.py", f"settings: {', '.join(sorted(settings))} came over to ugsite.yaml"))


def ugsite_permalink(article_url: str) -> str | None:
    """Translate Pelican's ARTICLE_URL into ugsite's permalink, when every placeholder has a counterpart."""
    pattern = article_url
    for old, new in (("{date:%Y}", "{year}"), ("{date:%m}", "{month}"), ("{date:%d}", "{day}"),
                     ("{category}", "{categories}")):
        pattern = pattern.replace(old, new)
    placeholders = {p.strip("{}") for p in re.findall(r"\{[^}]*\}", pattern)}
    if "slug" not in placeholders or placeholders - {"slug", "year", "month", "day", "categories"}:
        return None
    if not pattern.endswith(("/", ".html")):
        return None
    return "/" + pattern.lstrip("/")


def _report(conf: PythonSettings, out: Imported) -> None:
    """Say what became of each setting of pelicanconf.py."""
    followed = sorted(k for k in conf.values if k in _FOLLOWED)
    if followed:
        out.notes.append(Note("pelicanconf.py", f"the settings {', '.join(followed)} were followed while importing"))
    for key in sorted(conf.values):
        if key in _THEME_ONLY:
            out.notes.append(Note("pelicanconf.py", f"'{key}' was left out: {_THEME_ONLY[key]}", "skipped",
                                  conf.lines[key]))
        elif key not in _FOLLOWED and key not in _TO_UGSITE:
            out.notes.append(Note("pelicanconf.py", f"the setting '{key}' has no ugsite equivalent and was left out",
                                  "skipped", conf.lines[key]))
    for key, line in sorted(conf.computed.items()):
        if key in _FOLLOWED or key in _TO_UGSITE:
            out.notes.append(Note("pelicanconf.py", f"'{key}' is worked out when the file runs, which the import "
                                  "does not do; Pelican's default was used: check it", "needs a person", line))
        else:
            out.notes.append(Note("pelicanconf.py", f"the setting '{key}' is worked out when the file runs and has "
                                  "no ugsite equivalent; it was left out", "skipped", line))
