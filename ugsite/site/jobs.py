"""Read job openings (`jobs/*.yaml`, `jobs/*.md`) into frozen Job objects, newest first."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ugsite.content.containment import outside_links
from ugsite.content.dates import is_date_only
from ugsite.content.frontmatter import read_source, read_text
from ugsite.content.markdown import MarkdownRenderer
from ugsite.content.slugs import stem_slug
from ugsite.content.source_files import find_files
from ugsite.content.yaml_source import LineDict, load_yaml
from ugsite.site.speech import Speech
from ugsite.problems import Problem, error
from ugsite.site.config import Config
from ugsite.site.fields import FieldReader
from ugsite.site.model import Job, Sponsor

FOLDER = "jobs"
FIELDS = ("title", "organization", "link", "location", "remote", "posted", "expires", "sponsor", "description",
          "extra")
SUFFIXES = (".yaml", ".yml", ".md", ".markdown")


def read_jobs(config: Config, renderer: MarkdownRenderer,
              sponsors: tuple[Sponsor, ...]) -> tuple[tuple[Job, ...], list[Problem]]:
    """Check every file of `jobs/`; return the openings, newest first, and every problem found."""
    files = find_files(config.root, FOLDER, SUFFIXES)
    problems = outside_links(config.root, [f for f, _ in files])
    refused = {p.path for p in problems}
    jobs: list[Job] = []
    by_key = {s.key: s for s in sponsors}
    slugs: dict[str, str] = {}
    for file, path in files:
        if path in refused:
            continue
        job = _read_job(file, path, config, renderer, by_key, problems)
        if job is not None and job.slug in slugs:
            problems.append(error(path, f"{path} and {slugs[job.slug]} would have one place on the jobs page "
                                  f"(#{job.anchor})", None, "rename one of the two files"))
        elif job is not None:
            slugs[job.slug] = path
            jobs.append(job)
    return tuple(sorted(jobs, key=lambda j: (j.posted, j.source), reverse=True)), problems


def _read_job(file: Path, path: str, config: Config, renderer: MarkdownRenderer, sponsors: dict[str, Sponsor],
              problems: list[Problem]) -> Job | None:
    meta, body, body_line = _read_file(file, path, problems)
    if meta is None:
        return None
    before = len(problems)
    reader = FieldReader(path, meta, problems)
    reader.unknown(FIELDS)
    title, organization = _required(reader, "title", "Python developer"), _required(reader, "organization", "Acme")
    link = reader.link("link")
    if link is None and not meta.get("link"):
        _missing(reader, "link", "https://example.org/careers/123   (where to apply)")
    location, remote = reader.text("location"), reader.flag("remote")
    if location.lower() == "remote":  # `location: remote` says the same as `remote: true`
        location, remote = "", True
    if not location and not remote:
        problems.append(error(path, "the opening says neither where the work is nor that it is remote",
                              meta.line_of("location") or meta.line,
                              "add location: Harbor City, or remote: true (or both, for a hybrid role)"))
    posted = reader.date("posted", config)
    if posted is None and not meta.get("posted"):
        _missing(reader, "posted", "2026-11-20   (the day the opening is published)")
    expires = _expires(reader, config)
    if posted is not None and expires is not None and expires <= posted:
        problems.append(error(path, f"the opening expires ({meta.get('expires')}) before it is posted "
                              f"({meta.get('posted')})", meta.line_of("expires"), "check the year of expires:"))
    sponsor = _sponsor(reader, sponsors)
    text, line = (body, body_line) if body.strip() else (reader.text("description"), meta.line_of("description") or 1)
    rendered = renderer.render(text, path, line, plain=True) if text.strip() else None
    problems += rendered.problems if rendered else ()
    extra = reader.mapping("extra")
    if any(p.level == "error" for p in problems[before:]) or posted is None or link is None:
        return None
    return Job(source=path, slug=stem_slug(file.stem, config.slug_style), title=title,
               organization=organization, link=link, location=location, remote=remote, posted=posted, expires=expires,
               sponsor=sponsor, description_html=rendered.html if rendered else "",
               description_text=rendered.text if rendered else "", extra=extra)


def job_fields(root: Path, path: str) -> LineDict | None:
    """Return the fields of the job file at `path` (site-relative) with their lines, or None if it cannot be read."""
    meta, _, _ = _read_file(root / path, path, [])
    return meta


def _read_file(file: Path, path: str, problems: list[Problem]) -> tuple[LineDict | None, str, int]:
    if file.suffix.lower() in (".md", ".markdown"):
        source, found = read_source(file, path)
        problems += found
        return (source.meta, source.body, source.body_line) if source else (None, "", 1)
    text, found = read_text(file, path)
    problems += found
    if text is None:
        return None, "", 1
    meta, found = load_yaml(text, path)
    problems += found
    if found:
        return None, "", 1
    if not isinstance(meta, LineDict):
        problems.append(error(path, "a job file must be a list of 'key: value' fields", 1,
                              "start with title: ..., organization: ... and link: ..."))
        return None, "", 1
    return meta, "", 1


def _required(reader: FieldReader, key: str, example: str) -> str:
    value = reader.text(key)
    if not value and key in reader.meta:
        reader.problems.append(error(reader.path, f"'{key}' is empty", reader.meta.line_of(key), f"e.g. {key}: {example}"))
    elif not value:
        _missing(reader, key, example)
    return value


def _missing(reader: FieldReader, key: str, example: str) -> None:
    reader.problems.append(error(reader.path, f"the opening has no '{key}'", reader.meta.line,
                                 f"add a line like {key}: {example}"))


def _expires(reader: FieldReader, config: Config) -> datetime | None:
    """Read `expires`; a day without a time means the opening is open all that day."""
    expires = reader.date("expires", config)
    if expires is not None and is_date_only(reader.meta.get("expires")):
        return (expires.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=expires.tzinfo)
    return expires


def _sponsor(reader: FieldReader, sponsors: dict[str, Sponsor]) -> Sponsor | None:
    key = reader.text("sponsor")
    if not key:
        return None
    if key not in sponsors:
        known = ", ".join(sorted(sponsors)) or "none: data/sponsors.yaml lists no sponsors"
        reader.problems.append(error(reader.path, f"'{key}' is not a sponsor of data/sponsors.yaml",
                                     reader.meta.line_of("sponsor"), f"known sponsors: {known}"))
        return None
    return sponsors[key]


def job_where(job: Job, speech: Speech) -> str:
    """Return where the work is, in words: `Harbor City`, `Remote`, or `Harbor City or remote`."""
    if job.location and job.remote:
        return speech.gettext("%(place)s or remote") % {"place": job.location}
    return job.location or speech.gettext("Remote")
