"""`ugsite import`: recognise the source, convert it, keep old addresses, write the files and the report."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ugsite.config import CONFIG_FILE, Config, load_config
from ugsite.documents import check_document
from ugsite.frontmatter import split_front_matter
from ugsite.importers.fields import Imported
from ugsite.importers.ghost import import_ghost, is_ghost
from ugsite.importers.hugo import import_hugo, is_hugo
from ugsite.importers.jekyll import import_jekyll, is_jekyll
from ugsite.importers.report import Note, needs_person, report_markdown
from ugsite.importers.wordpress import import_wordpress, is_wordpress
from ugsite.importers.zola import import_zola, is_zola
from ugsite.init import init_site
from ugsite.requirement import Requirement
from ugsite.urls import alias_route

REPORT = "import-report.md"
KINDS = {"ghost": (is_ghost, import_ghost), "hugo": (is_hugo, import_hugo), "jekyll": (is_jekyll, import_jekyll),
         "wordpress": (is_wordpress, import_wordpress), "zola": (is_zola, import_zola)}
EXIT_DONE, EXIT_NEEDS_PERSON, EXIT_UNUSABLE = 0, 1, 2


@dataclass
class ImportResult:
    """What an import wrote and noted, and how it ended."""

    status: int
    notes: list[Note] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    kind: str = ""


def import_site(source: Path, site: Path, kind: str | None, now: datetime, requirement: Requirement,
                dry_run: bool = False, force: bool = False) -> ImportResult:
    """Import `source` into the ugsite site `site` (made as `ugsite init` would when it does not exist)."""
    if not source.exists():
        return ImportResult(EXIT_UNUSABLE, [Note(str(source), "there is no such file or folder", "needs a person")])
    kind = kind or next((name for name, (recognise, _) in KINDS.items() if recognise(source)), None)
    if kind is None or kind not in KINDS:
        return ImportResult(EXIT_UNUSABLE, [Note(str(source), "this is not a site ugsite can import: it knows Jekyll "
                                                 "(a folder with _config.yml or _posts/), Hugo (hugo.toml or "
                                                 "config.toml with content/), Zola (zola.toml, or config.toml with "
                                                 "base_url, and content/), Ghost (its JSON export) and WordPress "
                                                 "(its WXR .xml export)", "needs a person")])
    imported = KINDS[kind][1](source, f"{now:%Y-%m-%d}")
    with tempfile.TemporaryDirectory(prefix="ugsite-import-") as scratch:
        infrastructure, problem = _site_files(site, imported, now, requirement, Path(scratch))
        if problem is not None:
            return ImportResult(EXIT_UNUSABLE, [problem], kind=kind)
        notes = list(imported.notes)
        config, problems = load_config(site if (site / CONFIG_FILE).is_file() else Path(scratch) / "site")
        if config is None:
            return ImportResult(EXIT_UNUSABLE, [Note(p.path, p.message, "needs a person", p.line) for p in problems],
                                kind=kind)
        content = _with_aliases(imported, config, notes)
        files = {**infrastructure, **content}
    result = ImportResult(EXIT_DONE, notes, kind=kind)
    for path, data in sorted(files.items()):
        _write(site, path, data, dry_run, force, result)
    report = report_markdown(str(source), kind, notes, len(content))
    if not dry_run:
        (site / REPORT).write_text(report, encoding="utf-8")
    result.status = EXIT_NEEDS_PERSON if needs_person(notes) else EXIT_DONE
    return result


def _site_files(site: Path, imported: Imported, now: datetime, requirement: Requirement,
                scratch: Path) -> tuple[dict[str, str | bytes], Note | None]:
    """Return the settings, workflow and README of a new site (nothing when `site` is one already)."""
    if (site / CONFIG_FILE).is_file():
        config, _ = load_config(site)
        if imported.html and (config is None or config.raw_html != "allow"):
            imported.notes.append(Note(CONFIG_FILE, "imported posts use raw HTML: check that raw_html is allow in "
                                       "ugsite.yaml, or they show it as text", "needs a person"))
        return {}, None
    settings = imported.settings
    zone = settings.get("timezone", "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        imported.notes.append(Note(CONFIG_FILE, f"the old time zone {zone!r} is unknown; the site uses UTC",
                                   "needs a person"))
        zone = "UTC"
    name = settings.get("title") or site.resolve().name
    values = {"description": settings.get("description", ""), "language": settings.get("language", "en"),
              "author": settings.get("author", f"{name} organizers"), "permalink": settings.get("permalink", ""),
              "raw_html": "allow" if imported.html else "escape"}
    written, problems = init_site(scratch / "site", name, zone, settings.get("base_url", "https://example.org/"), now,
                                  requirement, settings=values, sample=False)
    if problems:
        return {}, Note(problems[0].path, problems[0].message, "needs a person")
    return {f.relative_to(scratch / "site").as_posix(): f.read_text(encoding="utf-8") for f in written}, None


def _with_aliases(imported: Imported, config: Config, notes: list[Note]) -> dict[str, str | bytes]:
    """Add each page's old address as an alias where ugsite would serve it elsewhere."""
    files = dict(imported.files)
    for path, old in sorted(imported.old_addresses.items()):
        content = files[path]
        assert isinstance(content, str)
        source, _ = split_front_matter(content, path)
        if source is None:
            continue
        kind = "post" if path.startswith("posts/") else "page"
        stem = PurePosixPath(path).name.rsplit(".", 1)[0]
        doc, _ = check_document(source, stem, kind, config)  # type: ignore[arg-type]
        route = alias_route(old)
        if route is None or route == doc.route:
            continue
        meta = _plain(source.meta)
        aliases = [a for a in meta.get("aliases", []) if isinstance(a, str)]
        meta["aliases"] = [old, *aliases]
        files[path] = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n" + source.body
        notes.append(Note(path, f"its old address {old} redirects to its new one, /{doc.route}"))
    return files


def _plain(value: Any) -> Any:
    """Return parsed front matter as plain dicts and lists, as YAML writes them."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _write(site: Path, path: str, content: str | bytes, dry_run: bool, force: bool, result: ImportResult) -> None:
    target = site / path
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_file():
        if target.read_bytes() == data:
            result.unchanged += 1
            return
        if not force:
            result.notes.append(Note(path, "a file of that name is in the site already and was left alone (--force "
                                     "replaces it)", "needs a person"))
            return
    result.written.append(path)
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
