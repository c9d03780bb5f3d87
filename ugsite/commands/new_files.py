"""`ugsite new post|event|job`: write a correctly named source file with complete front matter."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from ugsite.site import CONFIG_FILE
from ugsite.site.config import Config, load_config
from ugsite.content.dates import DateError, parse_datetime
from ugsite.pipeline.load import load_site
from ugsite.problems import Problem, error
from ugsite.events.series import occurrences
from ugsite.content.slugs import slugify


POST_PLACEHOLDER = "Write the post here, in Markdown."
EVENT_PLACEHOLDER = "What happens, for whom, and what to bring. Markdown works here."
MEETING_PLACEHOLDER = "What happens at this meeting. Markdown works here."
JOB_PLACEHOLDER = "What the role is, what it asks for, and what it offers. Markdown works here."
PLACEHOLDERS = (POST_PLACEHOLDER, EVENT_PLACEHOLDER, MEETING_PLACEHOLDER, JOB_PLACEHOLDER)
JOB_DAYS = 60  # how long a new opening is listed unless its file says otherwise


def _q(text: str) -> str:
    """Quote text for YAML (a JSON string is a valid YAML double-quoted scalar)."""
    return json.dumps(text, ensure_ascii=False)


def _site_config(root: Path, what: str, example: str) -> tuple[Config | None, list[Problem]]:
    """Load the site's settings; outside a site, say how to name it with --site."""
    config, problems = load_config(root)
    if config is None and not (root / CONFIG_FILE).is_file():
        return None, [error(CONFIG_FILE, f"the folder '{root.resolve().name}' is not a site (it has no {CONFIG_FILE})", None,
                            f"run it inside the site folder, or name the site: ugsite new {what} {example} --site SITE")]
    return config, problems


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "") or "2h"


def new_post(root: Path, title: str, now: datetime) -> tuple[Path | None, list[Problem]]:
    """Write `posts/YYYY-MM-DD-slug.md` dated `now` in the site's zone."""
    config, problems = _site_config(root, "post", '"Our December recap"')
    if config is None:
        return None, problems
    local = now.astimezone(config.zone)
    slug = slugify(title, config.slug_style) or "post"
    text = (
        f"---\ntitle: {_q(title)}\ndate: {local:%Y-%m-%d %H:%M}\n"
        f"author: {_q(config.author)}\ntags: []\nsummary: \"\"\ndraft: false\n---\n"
        f"{POST_PLACEHOLDER}\n"
    )
    return _write(root, f"posts/{local:%Y-%m-%d}-{slug}.md", text)


def new_event(root: Path, title: str, start: str, series_key: str | None, now: datetime) -> tuple[Path | None, list[Problem]]:
    """Write `events/YYYY-MM-DD-slug.yaml` (or `events/SERIES-YYYY-MM-DD.yaml` for a meeting of a series)."""
    config, problems = _site_config(root, "event", '"Python & Pizza" --start "2026-12-09 18:30"')
    if config is None:
        return None, problems
    moment = parse_datetime(start, config.zone, "--start")
    if isinstance(moment, DateError):
        return None, [error("--start", moment.message, None, moment.hint.replace("--start: ", "--start "))]
    day = moment.date().isoformat()
    if series_key:
        return _new_meeting(root, config, title, moment, series_key, now)
    host = urlsplit(config.base_url).hostname
    stem = f"{day}-{slugify(title, config.slug_style) or 'event'}"
    text = (
        f"uid: {stem}@{host}\ntitle: {_q(title)}\nstart: {moment:%Y-%m-%d %H:%M}\n"
        f"duration: {_duration(config.default_duration)}\n"
        f"venue:          # a key of data/venues.yaml, or leave empty for an online event\n"
        f"online:         # a URL to join online\nspeakers: []\ntags: []\nrsvp:\nsummary: \"\"\n"
        f"description: |\n  {EVENT_PLACEHOLDER}\n"
    )
    return _write(root, f"events/{stem}.yaml", text)


def new_job(root: Path, title: str, organization: str, now: datetime) -> tuple[Path | None, list[Problem]]:
    """Write `jobs/YYYY-MM-slug.md`, posted today and expiring in 60 days, for the contributor to complete."""
    config, problems = _site_config(root, "job", '"Python developer" --organization "Acme"')
    if config is None:
        return None, problems
    local = now.astimezone(config.zone)
    expires = (local + timedelta(days=JOB_DAYS)).date()
    text = (
        f"---\ntitle: {_q(title)}\norganization: {_q(organization)}\n"
        "link: https://example.org/careers/   # where to apply: the posting, a form or a mailto: address\n"
        'location: ""                         # the city, or remote (or both, with remote: true)\n'
        "remote: false\n"
        f"posted: {local:%Y-%m-%d}\nexpires: {expires.isoformat()}           # the last day it is open\n"
        "# sponsor: a-key-of-data-sponsors   # when a sponsor of the group is hiring\n"
        f"---\n{JOB_PLACEHOLDER}\n"
    )
    return _write(root, f"jobs/{local:%Y-%m}-{slugify(f'{title} {organization}', config.slug_style) or 'job'}.md", text)


def _new_meeting(root: Path, config: Config, title: str, moment: datetime, key: str,
                 now: datetime) -> tuple[Path | None, list[Problem]]:
    site, found = load_site(config, now=now)
    by_key = {s.key: s for s in site.series} if site else {}
    if key not in by_key:
        known = ", ".join(sorted(by_key)) or "none (add data/series.yaml)"
        series_problems = [p for p in found if p.path == "data/series.yaml" and p.level == "error"]
        return None, series_problems + [error("--series", f"unknown series '{key}'", None, f"known series: {known}")]
    starts = occurrences(by_key[key], moment + timedelta(days=400))
    day = moment.astimezone(by_key[key].first_start.tzinfo).date()
    if day not in {s.date() for s in starts}:
        upcoming = [s.date().isoformat() for s in starts if s >= now][:3]
        return None, [error("--start", f"{day} is not a meeting of the series '{key}'", None,
                            f"its next meetings: {', '.join(upcoming) or 'none'}")]
    text = (
        f"series: {key}\nstart: {moment:%Y-%m-%d %H:%M}\ntitle: {_q(title)}\n"
        "talks: []\n#  - title: The talk\n#    speakers: [a-key-of-data-speakers]\n"
        f"description: |\n  {MEETING_PLACEHOLDER}\n"
    )
    return _write(root, f"events/{key}-{day.isoformat()}.yaml", text)


def _write(root: Path, path: str, text: str) -> tuple[Path | None, list[Problem]]:
    file = root / path
    if file.exists():
        return None, [error(path, "the file already exists; nothing was written", None,
                            "pick another title, or edit the existing file")]
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file, []
