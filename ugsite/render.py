"""Turn planned outputs into bytes; a template error names the template, line and page."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import jinja2

from ugsite.feeds import render_feed
from ugsite.ics import calendar_ics
from ugsite.model import Site
from ugsite.outputs import (
    BytesOutput,
    CalendarOutput,
    FeedOutput,
    FileOutput,
    Output,
    TemplateOutput,
)
from ugsite.problems import Problem, error
from ugsite.theme import Theme
from ugsite.urls import output_file


def render_all(outputs: Sequence[Output], site: Site, theme: Theme, now: datetime) -> tuple[dict[str, bytes | Path], list[Problem]]:
    """Render every output; return file contents (or source files to copy) by output path."""
    files: dict[str, bytes | Path] = {}
    problems: list[Problem] = []
    for output in outputs:
        path = output_file(output.route).as_posix()
        if isinstance(output, FileOutput):
            files[path] = output.file
        elif isinstance(output, BytesOutput):
            files[path] = output.content
        elif isinstance(output, FeedOutput):
            files[path] = render_feed(output, site, now)
        elif isinstance(output, CalendarOutput):
            files[path] = calendar_ics(site, output.name, output.events, output.series, now, output.standalone)
        else:
            content, problem = render_template(output, theme, site.config.root)
            if problem:
                problems.append(problem)
            else:
                files[path] = content
    return files, problems


def render_template(output: TemplateOutput, theme: Theme, root: Path) -> tuple[bytes, Problem | None]:
    """Render one template output; on a template error, return a Problem instead."""
    try:
        template = theme.env.get_template(output.template)
        text = template.render(output.context)
    except jinja2.TemplateSyntaxError as exc:
        return b"", error(_shown(exc.filename, root), f"template syntax error: {exc.message}", exc.lineno,
                          f"while rendering {output.source}")
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
