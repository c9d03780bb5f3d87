"""Find a theme's template and static layers and build the one Jinja Environment."""

from __future__ import annotations

import functools
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ugsite.site import routes
from ugsite.site.config import Config
from ugsite.content.containment import outside_links, refused
from ugsite.events.event_display import event_when, status_word
from ugsite.events.rule_text import schedule_text
from ugsite.site.jobs import job_where
from ugsite.site.model import Event
from ugsite.problems import Problem, error
from ugsite.content.urls import Urls
from ugsite.content.yaml_source import load_yaml
from ugsite.site.speech import Speech, load_speech
from ugsite.render.post_cards import PostCards
from ugsite.render.theme_folder import builtin_themes

DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Theme:
    """The ordered layers of a theme (first match wins) and its Jinja Environment."""

    names: tuple[str, ...]
    folders: tuple[Path, ...]
    template_layers: tuple[Path, ...]
    env: jinja2.Environment
    speech: Speech
    root: Path | None = None  # the site folder: its theme files may not link out of it

    def has_template(self, name: str) -> bool:
        """Say whether any layer provides the template `name`."""
        return any((layer / name).is_file() for layer in self.template_layers)

    def overridden(self, name: str) -> bool:
        """Say whether `name`, a template by its layer's name (`@default/page.html`), is one a nearer layer overrides.

        A template that overrides another reaches it only by that name (`{% extends "@default/page.html" %}`).
        """
        layer, _, path = name.partition("/")
        if not layer.startswith("@") or layer[1:] not in self.names:
            return False
        own = self.template_layers.index(self.folders[self.names.index(layer[1:])] / "templates")
        return any((nearer / path).is_file() for nearer in self.template_layers[:own])

    def static_files(self) -> dict[str, Path]:
        """Return every theme static file by its output path; a nearer layer wins."""
        files: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / "static"
            if static.is_dir():
                files.update({f.relative_to(static).as_posix(): f for f in sorted(static.rglob("*")) if f.is_file()})
        return files

    def refused_static(self) -> list[Problem]:
        """Return an error for each static file of a theme in the site folder that links out of it."""
        mine = [f for f in self.static_files().values() if self.root is not None and f.is_relative_to(self.root)]
        return outside_links(self.root, mine) if self.root is not None else []


def load_theme(config: Config) -> tuple[Theme | None, list[Problem]]:
    """Resolve `config.theme` and its parents down to `default`, and build the Environment."""
    names: list[str] = []
    folders: list[Path] = []
    name: str | None = config.theme
    while name is not None:
        folder = _find_theme(config.root, name)
        if folder is None:
            known = sorted({p.name for p in builtin_themes().iterdir() if p.is_dir()}
                           | {p.name for p in (config.root / "themes").glob("*") if p.is_dir()})
            return None, [error("ugsite.yaml", f"theme '{name}' not found", None,
                                f"themes here: {', '.join(known)}; a site's own themes live in themes/<name>/")]
        if name in names:
            return None, [error(f"themes/{name}/theme.yaml", f"theme '{name}' extends itself", None)]
        names.append(name)
        folders.append(folder)
        name, problems = _parent(folder, name, config.root)
        if problems:
            return None, problems
    own = [config.root / "templates"] if (config.root / "templates").is_dir() else []
    layers = own + [f / "templates" for f in folders]
    loader = jinja2.ChoiceLoader([
        _SiteLoader(config.root, layers),
        jinja2.PrefixLoader({f"@{n}": _SiteLoader(config.root, [f / "templates"]) for n, f in zip(names, folders)}),
    ])
    speech, problems = load_speech(config.language, config.root, tuple(folders))
    env = make_environment(loader, Urls(config.base_url), config, speech,
                           _static_route([config.root, *folders]) if config.root_url != config.base_url else None)
    return Theme(tuple(names), tuple(folders), tuple(layers), env, speech, config.root), problems


class RefusedTemplate(jinja2.TemplateError):
    """A template file of the site that the containment rule turns away."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class _SiteLoader(jinja2.FileSystemLoader):
    """Load templates from layers; one in the site folder may not be a link that leads out of it."""

    def __init__(self, root: Path, layers: list[Path]) -> None:
        super().__init__([str(p) for p in layers])
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        file = Path(filename)
        reason = refused(self.root, file) if file.is_relative_to(self.root) else None
        if reason:
            raise RefusedTemplate(file.relative_to(self.root).as_posix(), reason)
        return source, filename, uptodate


def _find_theme(root: Path, name: str) -> Path | None:
    for base in (root / "themes", builtin_themes()):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def _parent(folder: Path, name: str, root: Path) -> tuple[str | None, list[Problem]]:
    meta_file = folder / "theme.yaml"
    if not meta_file.is_file():
        return (DEFAULT_THEME if name != DEFAULT_THEME else None), []
    shown = meta_file.relative_to(root).as_posix() if meta_file.is_relative_to(root) else f"{name}/theme.yaml"
    meta, problems = load_yaml(meta_file.read_text(encoding="utf-8-sig"), shown)
    if problems:
        return None, problems
    parent = (meta or {}).get("extends", DEFAULT_THEME if name != DEFAULT_THEME else None)
    if parent is not None and not isinstance(parent, str):
        return None, [error(shown, "'extends' must be a theme name", 1)]
    return parent, []


def event_iso(event: Event, which: str) -> str:
    """Return an event's start or end in ISO 8601; all-day events give dates (end inclusive)."""
    if event.all_day:
        return (event.start if which == "start" else event.last_day).date().isoformat()
    return (event.start if which == "start" else event.end).isoformat()


def _static_route(folders: list[Path]) -> Callable[[str], bool]:
    """Return a test of whether a route is a file the languages share: a static file of the site or its themes
    (in a `static/` of `folders`), or the search index (one for all languages, which Pagefind tells apart)."""
    def static(route: str) -> bool:
        path = route.partition("#")[0]
        return path.startswith(routes.SEARCH_INDEX) or bool(path) and not path.endswith("/") and ".." not in path \
            and any((folder / "static" / path).is_file() for folder in folders)
    return static


def make_environment(loader: jinja2.BaseLoader, urls: Urls, config: Config, speech: Speech,
                     static: Callable[[str], bool] | None = None) -> jinja2.Environment:
    """Build the Jinja Environment: autoescaped, strict about undefined names, few filters.

    Globals: `url(route)` gives a root-relative URL under the base path (on one language's part
    of a site in two or more, `static` says which routes are the site's shared files, at its root); `routes` holds the
    site's fixed routes (`routes.FEED`) and the functions that make the others (ugsite.site.routes);
    `post_card(post, level=2)` is partials/post_card.html for one post; `{% call once(key) %}…{% endcall %}`
    renders its body the first time a process meets `key` and repeats it after; `speech` is the site's
    language (`speech.tag`, `speech.direction`); `_("text")` and `ngettext(one, many, n)` say a
    message in it (gettext, from the theme's and the site's catalogs: ugsite.site.speech).
    Filters: `absolute` makes a URL absolute; `date` says a datetime's day in the site's
    language and time zone (`9 December 2026`), `date("MMMd")` by a CLDR skeleton (`Dec 9`, `9. 12.`); `day` says
    it with its weekday, `month` its month and year; `isodate` gives its ISO 8601 form; `when`
    says when an event happens, in its own zone; `status` says an event's status (`Cancelled`);
    `schedule` says how a series recurs ("the second Wednesday of every month"), or ""; `where`
    says where a job opening's work is (`Harbor City or remote`); `iso('start')` / `iso('end')` give an event's
    start or end in ISO 8601 (dates for all-day events, the end being the last day).
    """
    env = _Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one build, one Environment: no need to stat templates on every include
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(speech.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(_messages(speech))
    zone = config.zone

    def local(value: date | datetime) -> date | datetime:
        return value.astimezone(zone) if isinstance(value, datetime) else value

    def format_date(value: date | datetime, skeleton: str | None = None) -> str:
        local = value.astimezone(zone) if isinstance(value, datetime) else value
        if skeleton is None:
            return speech.date(local)
        if "%" in skeleton:  # a strftime format, as themes wrote before dates followed the language: in English
            return local.strftime(skeleton)
        return speech.skeleton(skeleton, local, zone if isinstance(local, datetime) else None)

    path = urls.path
    if static is not None:
        shared = Urls(config.root_url)
        path = lambda route: (shared if static(route) else urls).path(route)  # noqa: E731
    env.globals["url"] = functools.lru_cache(maxsize=1 << 16)(path)  # pages link to the same routes
    env.globals["post_card"] = PostCards(env)
    env.globals["once"] = _once()
    env.globals["routes"] = routes.for_templates()
    env.filters["absolute"] = urls.absolutize
    env.globals["speech"] = speech
    env.filters["date"] = format_date
    env.filters["day"] = lambda value: speech.day(local(value))
    env.filters["month"] = lambda value: speech.month(local(value))
    env.filters["isodate"] = lambda value: value.astimezone(zone).isoformat()
    env.filters["when"] = functools.partial(event_when, speech=speech)
    env.filters["status"] = functools.partial(status_word, speech=speech)
    env.filters["schedule"] = lambda series: schedule_text(series.schedule, speech)
    env.filters["where"] = functools.partial(job_where, speech=speech)
    env.filters["iso"] = event_iso
    return env


def _once() -> Callable[..., Markup]:
    """Return the `once(*key)` global, for `{% call once(key) %}…{% endcall %}`: the body rendered once per key.

    For parts that every page repeats word for word (the texts a theme's scripts read); the
    body may use only what `key` holds and what is the same on every page of the build.
    """
    said: dict[tuple[object, ...], Markup] = {}

    def once(*key: object, caller: Callable[[], str]) -> Markup:
        text = said.get(key)
        if text is None:
            text = said[key] = Markup(caller())
        return text

    return once


class _Environment(jinja2.Environment):
    """Jinja's Environment, with the globals of each template a plain dict instead of a view of the Environment's.

    make_environment sets every global before any template loads, so the copy is complete;
    a dict spares each render, include and import a walk through a ChainMap in Python.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def _messages(speech: Speech) -> dict[str, Callable[..., str]]:
    """Return `_`, `gettext` and `ngettext` as Jinja's newstyle gettext has them, each message looked up once.

    As there, a message is trusted markup and its `%(name)s` values are escaped into it; a page
    says dozens of messages and a site has thousands of pages, so each message's Markup is kept.
    """
    said: dict[str, Markup] = {}
    plain: dict[str, Markup] = {}  # messages said without values, as said

    def gettext(message: str, /, **variables: object) -> str:
        if not variables and message in plain:
            return plain[message]
        text = said.get(message)
        if text is None:
            text = said[message] = Markup(speech.gettext(message))
        if not variables:
            plain[message] = text % variables
        return text % variables

    def ngettext(singular: str, plural: str, num: int, /, **variables: object) -> str:
        variables.setdefault("num", num)
        return Markup(speech.ngettext(singular, plural, num)) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}
