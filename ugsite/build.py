"""The build pipeline: load, theme, plan, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ugsite.config import load_config
from ugsite.load import load_site
from ugsite.model import HeldBack
from ugsite.outputs import FeedOutput, TemplateOutput
from ugsite.plan import plan_site
from ugsite.problems import Problem, has_errors
from ugsite.render import render_all
from ugsite.theme import load_theme
from ugsite.write import check_output, write_site


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what to include, where to write, and the moment the build stands at."""

    now: datetime
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False


@dataclass(frozen=True)
class BuildReport:
    """What a build did, or the problems that stopped it."""

    problems: tuple[Problem, ...]
    written: bool = False
    output: Path | None = None
    pages: int = 0
    feeds: int = 0
    files: int = 0
    seconds: float = 0.0
    held_back: tuple[HeldBack, ...] = field(default=())

    @property
    def failed(self) -> bool:
        """Say whether the build stopped without writing."""
        return not self.written


def build(root: Path, options: BuildOptions) -> BuildReport:
    """Build the site in `root`; write nothing unless every check passes."""
    started = time.perf_counter()
    config, problems = load_config(root, options.base_url)
    if config is None:
        return BuildReport(tuple(problems))
    output = options.output or root / "public"
    if (bad_output := check_output(output, root)) is not None:
        return BuildReport((*problems, bad_output))
    site, found = load_site(config, now=options.now, drafts=options.drafts, future=options.future)
    problems += found
    theme, found = load_theme(config)
    problems += found
    if site is None or theme is None or _stops(problems, options.strict):
        return BuildReport(tuple(problems))
    outputs, found = plan_site(site, theme)
    problems += found
    if _stops(problems, options.strict):
        return BuildReport(tuple(problems))
    files, found = render_all(outputs, site, theme, options.now)
    problems += found
    if _stops(problems, options.strict):
        return BuildReport(tuple(problems))
    write_site(files, output)
    return BuildReport(
        problems=tuple(problems), written=True, output=output,
        pages=sum(isinstance(o, TemplateOutput) and o.template.endswith(".html") for o in outputs),
        feeds=sum(isinstance(o, FeedOutput) for o in outputs),
        files=len(files), seconds=time.perf_counter() - started, held_back=site.held_back,
    )


def _stops(problems: list[Problem], strict: bool) -> bool:
    return has_errors(problems) or (strict and bool(problems))
