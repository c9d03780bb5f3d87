"""Turn planned outputs into bytes: a pure function of (output, site, theme, now).

A template error comes back as a Problem naming the template, its line and the page.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import jinja2

from ugsite.render.event_data import events_json
from ugsite.site.model import Site
from ugsite.render.outputs import (
    BytesOutput,
    CalendarOutput,
    CardOutput,
    EventDataOutput,
    FeedOutput,
    FileOutput,
    ImageOutput,
    Output,
    TemplateOutput,
)
from ugsite.problems import Problem, error
from ugsite.render.page_contexts import ListContext
from ugsite.render.post_cards import PostCards
from ugsite.render.theme import RefusedTemplate, Theme

PARALLEL_THRESHOLD = 300  # outputs to render before worker processes pay for themselves


def compile_templates(theme: Theme, outputs: Sequence[Output]) -> None:
    """Compile the templates of `outputs` here, so that worker processes forked next inherit them compiled."""
    _compile(theme, {o.template for o in outputs if isinstance(o, TemplateOutput)})


def compile_theme(theme: Theme) -> None:
    """Compile every template of the theme's layers, as compile_templates does: each by its name, and each
    that a nearer layer overrides by its layer's name too (`@default/page.html`), as the one overriding it extends it."""
    names = theme.env.list_templates()
    _compile(theme, {name for name in names if not name.startswith("@") or theme.overridden(name)})


def ready_to_render(theme: Theme) -> None:
    """Make ready here what every process that renders a whole site needs, so that those forked next inherit it.

    Every template of the theme is compiled (compile_theme), the libraries that write feeds
    and calendars are imported (see render_output), and babel reads the language's CLDR data,
    as it does when a date is first said, which planning would otherwise wait for. Each of
    these took a worker, or the plan, from a few hundredths to a few tenths of a second.
    """
    compile_theme(theme)
    for module in ("ugsite.events.ics", "ugsite.render.feeds"):
        importlib.import_module(module)
    theme.speech.locale.datetime_formats  # noqa: B018 - read for what reading it loads


def draw_cards_ahead(outputs: Sequence[Output], site: Site, theme: Theme, now: datetime, workers: int) -> None:
    """Draw, in `workers` processes, the post cards that the list pages among `outputs` show, so that the
    workers forked next to render the pages inherit them (ugsite.render.post_cards).

    Whether the theme's list pages show a card for each of their posts, as `post_card(post)`
    does, is learnt by rendering the first of them here.
    """
    lists = [(o, o.context) for o in outputs if isinstance(o, TemplateOutput) and isinstance(o.context, ListContext)]
    cards = theme.env.globals.get("post_card")
    if workers < 2 or len(lists) < 2 or not isinstance(cards, PostCards):
        return
    first, page = lists[0]
    render_output(first, site, theme, now)
    if all(cards.drawn(post, page.site, page.people) for post in page.pagination.items):
        cards.draw([(post, other.site, other.people, 2) for _, other in lists[1:] for post in other.pagination.items],
                   workers)


def shows_post_cards(output: Output) -> bool:
    """Say whether `output` is a list page, whose posts' cards draw_cards_ahead draws once for all workers."""
    return isinstance(output, TemplateOutput) and isinstance(output.context, ListContext)


def _compile(theme: Theme, names: set[str]) -> None:
    for name in sorted(names):
        try:
            theme.env.get_template(name)
        except (jinja2.TemplateError, RefusedTemplate):
            pass  # reported with the page that uses it, when it renders


def render_output(output: Output, site: Site, theme: Theme, now: datetime) -> tuple[bytes, Problem | None]:
    """Render one output to bytes; a template error comes back as a Problem.

    The libraries that write feeds (feedgen), calendars (icalendar) and images (Pillow) are
    imported when the first such output is rendered: a rebuild after a small edit often
    renders none, and importing them took about a twentieth of a second. A build that renders
    the whole site has imported them already (ready_to_render).
    """
    if isinstance(output, FileOutput):
        return output.file.read_bytes(), None
    if isinstance(output, BytesOutput):
        return output.content, None
    if isinstance(output, FeedOutput):
        from ugsite.render.feeds import render_feed

        return render_feed(output, site, now), None
    if isinstance(output, CalendarOutput):
        from ugsite.events.ics import calendar_ics

        return calendar_ics(site, output.name, output.events, output.series, now, output.standalone,
                            theme.speech), None
    if isinstance(output, CardOutput):
        from ugsite.render.cards import render_card

        return render_card(output.card), None
    if isinstance(output, ImageOutput):
        from ugsite.render.image_variants import resized

        try:
            return resized(output.file, output.width, output.format), None
        except (OSError, ValueError) as exc:  # a damaged file Pillow recognised but cannot decode
            return b"", error(output.source, f"the image cannot be read to make its {output.width}-pixel copy ({exc})",
                              None, "open it in an image editor and save it again, or replace it")
    if isinstance(output, EventDataOutput):
        return events_json(output, site, now), None
    return render_template(output, theme, site.config.root)


def render_template(output: TemplateOutput, theme: Theme, root: Path) -> tuple[bytes, Problem | None]:
    """Render one template output; on a template error, return a Problem instead."""
    try:
        template = theme.env.get_template(output.template)
        text = template.render(output.context.variables())
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
