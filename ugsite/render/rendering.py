"""Turn planned outputs into bytes; a template error names the template, line and page."""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2

from ugsite.incremental.cache import BuildCache
from ugsite.render.feeds import render_feed
from ugsite.incremental.fingerprint import Fingerprints
from ugsite.events.ics import calendar_ics
from ugsite.site.model import Site
from ugsite.render.outputs import (
    BytesOutput,
    CalendarOutput,
    FeedOutput,
    FileOutput,
    Output,
    TemplateOutput,
)
from ugsite.parallel import fork_map
from ugsite.problems import Problem, error
from ugsite.render.theme import RefusedTemplate, Theme
from ugsite.content.urls import output_file


@dataclass(frozen=True)
class FileEntry:
    """One file of the built site: its digest, and its bytes or the file to copy when known."""

    digest: str
    content: bytes | None = None
    source: Path | None = None


@dataclass
class Rendering:
    """The files of a build; bytes that the cache vouches for are fetched only when needed."""

    files: dict[str, FileEntry]
    outputs: dict[str, Output]
    site: Site
    theme: Theme
    now: datetime
    cache: BuildCache | None
    reused: int = 0  # files whose bytes the cache vouched for, so they were not rendered

    def content(self, path: str) -> bytes:
        """Return the bytes of `path`, from the cache or by rendering its output again."""
        entry = self.files[path]
        if entry.content is not None:
            return entry.content
        if entry.source is not None:
            return entry.source.read_bytes()
        found = self.cache.get_many("content", [entry.digest]) if self.cache else {}
        blob = found.get(entry.digest)
        if isinstance(blob, bytes) and hashlib.sha256(blob).hexdigest() == entry.digest:
            return blob
        content, problem = render_output(self.outputs[path], self.site, self.theme, self.now)
        assert problem is None, problem
        return content


def render_all(outputs: Sequence[Output], site: Site, theme: Theme, now: datetime,
               cache: BuildCache | None = None) -> tuple[Rendering, list[Problem]]:
    """Render every output whose inputs changed since the cache last saw it."""
    paths = [output_file(o.route) for o in outputs]
    if cache is not None and cache.enabled:
        fingerprints = Fingerprints(theme.env, site, now)
        keys = [fingerprints.output_key(o) for o in outputs]
    else:  # nothing to look up or store: fingerprints would be wasted work
        keys = [None] * len(outputs)
    known = cache.get_many("outputs", [k for k in keys if k]) if cache else {}
    files: dict[str, FileEntry] = {}
    fresh_digests: dict[str, str] = {}
    fresh_content: dict[str, bytes] = {}
    problems: list[Problem] = []
    misses = [i for i, (output, key) in enumerate(zip(outputs, keys))
              if not isinstance(output, FileOutput) and not (key and isinstance(known.get(key), str))]
    rendered = dict(zip(misses, _render_many([outputs[i] for i in misses], site, theme, now)))
    for index, (output, path, key) in enumerate(zip(outputs, paths, keys)):
        if isinstance(output, FileOutput):
            files[path] = FileEntry(key or _file_identity(output.file), source=output.file)
            continue
        if index not in rendered:
            files[path] = FileEntry(known[key or ""])
            continue
        content, problem = rendered[index]
        if problem:
            problems.append(problem)
            continue
        digest = hashlib.sha256(content).hexdigest()
        files[path] = FileEntry(digest, content)
        if key:
            fresh_digests[key] = digest
            fresh_content[digest] = content
    if cache:
        cache.put_many("outputs", fresh_digests)
        cache.put_many("content", fresh_content)
        cache.keep("content", [e.digest for e in files.values() if e.content is None and e.source is None])
    reused = len(outputs) - len(misses) - sum(isinstance(o, FileOutput) for o in outputs)
    return Rendering(files, dict(zip(paths, outputs)), site, theme, now, cache, reused), problems


def _file_identity(file: Path) -> str:
    stat = file.stat()
    return f"file:{file}:{stat.st_size}:{stat.st_mtime_ns}"


PARALLEL_THRESHOLD = 300  # below this, starting worker processes costs more than it saves


def _render_many(outputs: Sequence[Output], site: Site, theme: Theme,
                 now: datetime) -> list[tuple[bytes, Problem | None]]:
    """Render outputs, in forked worker processes when there are many (rendering is pure)."""
    return fork_map(lambda output: render_output(output, site, theme, now), outputs, PARALLEL_THRESHOLD)


def render_output(output: Output, site: Site, theme: Theme, now: datetime) -> tuple[bytes, Problem | None]:
    """Render one output to bytes; a template error comes back as a Problem."""
    if isinstance(output, FileOutput):
        return output.file.read_bytes(), None
    if isinstance(output, BytesOutput):
        return output.content, None
    if isinstance(output, FeedOutput):
        return render_feed(output, site, now), None
    if isinstance(output, CalendarOutput):
        return calendar_ics(site, output.name, output.events, output.series, now, output.standalone), None
    return render_template(output, theme, site.config.root)


def render_template(output: TemplateOutput, theme: Theme, root: Path) -> tuple[bytes, Problem | None]:
    """Render one template output; on a template error, return a Problem instead."""
    try:
        template = theme.env.get_template(output.template)
        text = template.render(output.context)
    except jinja2.TemplateSyntaxError as exc:
        return b"", error(_shown(exc.filename, root), f"template syntax error: {exc.message}", exc.lineno,
                          f"while rendering {output.source}")
    except RefusedTemplate as exc:
        return b"", error(exc.path, f"{exc.reason}, so it is not used", None,
                          "copy the file itself into the site instead of linking to it")
    except jinja2.TemplateNotFound as exc:
        return b"", error(output.source, f"template {exc.name!r} not found in the theme layers {', '.join(theme.names)}",
                          None, "add it to templates/ or pick a theme that has it")
    except (jinja2.UndefinedError, jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        filename, line = _template_frame(exc)
        if filename is None:
            raise
        return b"", error(_shown(filename, root), f"template error: {exc}", line,
                          f"while rendering {output.source} ({output.template})")
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8"), None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
    if not frames:
        return None, None
    return frames[-1].filename, frames[-1].lineno


def _shown(filename: str | None, root: Path) -> str:
    if not filename:
        return "templates"
    path = Path(filename)
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    parts = path.parts
    return "/".join(parts[parts.index("themes"):]) if "themes" in parts else filename
