"""`ugsite init`: scaffold a working group site, ready to build and to publish on GitHub Pages."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
import yaml

from ugsite.problems import Problem, error
from ugsite.site.config import load_config
from ugsite.commands.requirement import Requirement
from ugsite.commands.sample_language import translation_folder
from ugsite.content.languages import language_problem
from ugsite.content.urls import link_problem

SCAFFOLD = Path(__file__).parents[1] / "scaffold"
SETTINGS_WORDS = "_settings.yaml"  # the scaffold's words for settings (description, author); not copied
_RENAMES = {"posts/welcome.md": "posts/{today}-welcome.md", "events/kickoff.yaml": "events/{kickoff_stem}.yaml"}


SAMPLE_FOLDERS = ("posts/", "pages/", "events/", "data/")  # example content; an import brings its own


def upgrade_site(folder: Path, now: datetime, requirement: Requirement) -> tuple[list[Path], list[Problem]]:
    """Add to an existing site the files `init` writes today that it lacks (workflows, issue forms); overwrite none.

    The example content (posts, pages, events, data) is not added again: an organizer who
    deleted the welcome post meant it.
    """
    config, problems = load_config(folder)
    if config is None:
        return [], problems
    return init_site(folder, config.title, config.timezone, config.base_url, now, requirement, sample=False,
                     only_missing=True)


def init_site(folder: Path, name: str, timezone: str, base_url: str, now: datetime, requirement: Requirement,
              force: bool = False, settings: Mapping[str, str] | None = None,
              sample: bool = True, only_missing: bool = False) -> tuple[list[Path], list[Problem]]:
    """Write a new site into `folder`, installing ugsite in CI by `requirement`; refuse to overwrite unless `force`.

    `settings` (description, language, author, permalink, raw_html) replace the scaffold's; the
    sample content is written in `language` where `ugsite/scaffold_languages/` translates it;
    without `sample`, only settings, workflows, issue forms, requirements and README are written;
    with `only_missing`, only the files `folder` does not have.
    """
    if not name.strip() or any(unicodedata.category(c).startswith("C") for c in name):
        return [], [error("--name", f"the group's name must be one line of text, not {name!r}", None,
                          'e.g. --name "Riverside Python"')]
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return [], [error("--timezone", f"unknown time zone {timezone!r}", None, "use an IANA name such as Europe/Berlin")]
    parts = urlsplit(base_url) if link_problem(base_url) is None else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in base_url):
        return [], [error("--base-url", f"{base_url!r} is not an absolute http(s) URL", None,
                          "e.g. --base-url https://my-org.github.io/my-group/")]
    language = (settings or {}).get("language", "en")
    if trouble := language_problem(language):
        return [], [error("--language", trouble[0], None, trouble[1])]
    translation = translation_folder(language)
    env = scaffold_environment([SCAFFOLD] if translation is None else [translation, SCAFFOLD])
    values = _values(name.strip(), zone, base_url if base_url.endswith("/") else base_url + "/", now)
    values["requirement"] = requirement.line
    values.update({"sample": sample, **_settings_words(env, values), **(settings or {})})
    files = {
        _RENAMES.get(rel, rel).format(**values): env.get_template(rel).render(values)
        for rel in sorted(f.relative_to(SCAFFOLD).as_posix() for f in SCAFFOLD.rglob("*") if f.is_file())
        if (sample or not rel.startswith(SAMPLE_FOLDERS)) and rel != SETTINGS_WORDS
    }
    existing = sorted(path for path in files if (folder / path).exists())
    if only_missing:
        files = {path: text for path, text in files.items() if path not in existing}
    elif existing and not force:
        return [], [error(str(folder), f"these files exist already: {', '.join(existing)}", None,
                          "run init in an empty folder, or add --force to overwrite them")]
    written = []
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written, []


def scaffold_environment(folders: list[Path]) -> jinja2.Environment:
    """Return the Jinja environment that renders the scaffold from `folders`, the first holding a path winning.

    Its delimiters (`[[ ]]`, `[% %]`) leave the `{{ }}` of the GitHub workflows alone.
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in folders]), variable_start_string="[[",
                             variable_end_string="]]", block_start_string="[%", block_end_string="%]",
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["q"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    env.filters["md"] = _markdown_text
    return env


def _settings_words(env: jinja2.Environment, values: Mapping[str, Any]) -> dict[str, str]:
    """Return the settings init words in the scaffold's language (description, author), for `values`."""
    words = yaml.safe_load(env.get_template(SETTINGS_WORDS).render(values))
    return {str(key): str(text) for key, text in words.items()}


def _values(name: str, zone: ZoneInfo, base_url: str, now: datetime) -> dict[str, Any]:
    today = now.astimezone(zone).date()
    kickoff = today + timedelta(days=14)
    return {
        "name": name, "timezone": zone.key, "base_url": base_url,
        "host": urlsplit(base_url).hostname or "localhost", "city": zone.key.split("/")[-1].replace("_", " "),
        "today": today.isoformat(), "published": f"{now.astimezone(zone):%Y-%m-%d %H:%M}",  # public at once
        "kickoff_stem": f"{kickoff.isoformat()}-kick-off-meetup",
        "kickoff_start": f"{kickoff.isoformat()} 18:30", "series_start": f"{_second_wednesday_after(kickoff)} 18:30",
        "language": "en", "permalink": "", "raw_html": "escape",
    }


def _markdown_text(text: str) -> str:
    """Return `text` as Markdown that shows it literally (a name may hold `*`, `<` or `[`)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~&-])", r"\\\1", text)


def _second_wednesday_after(day: date) -> str:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    first = date(year, month, 1)
    first_wednesday = first + timedelta(days=(2 - first.weekday()) % 7)
    return (first_wednesday + timedelta(days=7)).isoformat()
