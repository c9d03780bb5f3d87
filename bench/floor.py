"""Build the benchmark corpus the barest way, as a floor to measure ugsite's clean build against.

`python -m bench.floor SITE -o OUT` builds a site written by `bench.corpus` with only the work
no generator can skip: read every file, parse its YAML with LibYAML, render its Markdown with
markdown-it-py, the plugins and Pygments ugsite uses, render one Jinja page per post, event,
speaker and venue, paginated lists (all posts, each tag), feeds with feedgen, calendars with
icalendar, and write every file. Parsing and rendering run in forked worker processes, one
per core, as in ugsite. Nothing is checked, cached or kept for later. Without SITE it writes
a corpus of `--posts` posts into a temporary folder and prints how long building it took.
"""

from __future__ import annotations

import argparse
import functools
import gc
import multiprocessing as mp
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jinja2
import yaml
from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event as VEvent, Timezone
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

from bench.corpus import write_corpus

PER_PAGE, FEED_ITEMS, PAST_MONTHS = 10, 20, 12  # ugsite's defaults
STATIC = Path(__file__).resolve().parent.parent / "themes" / "default" / "static"
WORKERS = os.cpu_count() or 1  # as ugsite
FORMATTER = HtmlFormatter(nowrap=True)
BASE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ site.title }}</title>
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ site.url }}{{ route }}">
<meta property="og:site_name" content="{{ site.title }}">
<meta property="og:title" content="{{ title }}">
<meta property="og:url" content="{{ site.url }}{{ route }}">
<meta property="og:description" content="{{ description }}">
<link rel="alternate" type="application/rss+xml" title="{{ site.title }}" href="{{ site.path }}feed.xml">
<link rel="alternate" type="application/atom+xml" title="{{ site.title }}" href="{{ site.path }}atom.xml">
<link rel="alternate" type="text/calendar" title="{{ site.title }}" href="{{ site.path }}calendar.ics">
<link rel="stylesheet" href="{{ site.path }}css/site.css">
<link rel="stylesheet" href="{{ site.path }}css/highlight.css">
</head>
<body>
<header><a href="{{ site.path }}">{{ site.title }}</a>
<nav><a href="{{ site.path }}posts/">Posts</a> <a href="{{ site.path }}events/">Events</a>
<a href="{{ site.path }}speakers/">Speakers</a></nav></header>
<main>{% block main %}{% endblock %}</main>
<footer>© {{ site.title }} · <a href="{{ site.path }}feed.xml">RSS</a> · <a href="{{ site.path }}archive/">Archive</a></footer>
</body>
</html>
"""
META = """<p><time datetime="{{ post.date.isoformat() }}">{{ post.date.strftime("%-d %B %Y") }}</time></p>
<ul class="tags">{% for tag in post.tags %}<li><a href="{{ site.path }}tags/{{ tag }}/">#{{ tag }}</a></li>{% endfor %}</ul>
"""
TEMPLATES = {"base.html": BASE, "meta.html": META, "post.html": """{% extends "base.html" %}{% block main %}
<article><h1>{{ post.title }}</h1>
{% include "meta.html" %}<div class="prose">
{{ post.html|safe }}</div></article>
<nav>{% if newer %}<a rel="prev" href="{{ site.path }}{{ newer.route }}">← {{ newer.title }}</a>{% endif %}
{% if older %}<a rel="next" href="{{ site.path }}{{ older.route }}">{{ older.title }} →</a>{% endif %}</nav>
<p class="bench">Thanks for reading.</p>{% endblock %}
""", "list.html": """{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1>
{% for post in posts %}<article><h2><a href="{{ site.path }}{{ post.route }}">{{ post.title }}</a></h2>
{% include "meta.html" %}<p>{{ post.summary }}</p></article>
{% endfor %}<nav>{% if newer %}<a rel="prev" href="{{ site.path }}{{ newer }}">← Newer</a>{% endif %} Page {{ number }}
of {{ count }} {% if older %}<a rel="next" href="{{ site.path }}{{ older }}">Older →</a>{% endif %}</nav>{% endblock %}
""", "event.html": """{% extends "base.html" %}{% block main %}<article class="h-event"><h1>{{ event.title }}</h1>
<p><time datetime="{{ event.start.isoformat() }}">{{ event.start.strftime("%A %-d %B %Y, %H:%M") }}</time>
to <time datetime="{{ event.end.isoformat() }}">{{ event.end.strftime("%H:%M") }}</time> ({{ event.zone }})</p>
{% if venue %}<p>{{ venue.name }}<br>{{ venue.address }}<br>{{ venue.city }}</p>{% endif %}
<p><a href="{{ site.path }}{{ event.route }}event.ics" download>Download .ics</a></p>
<div class="prose">{{ event.html|safe }}</div>
<ul>{% for key in event.speakers %}<li><a href="{{ site.path }}speakers/{{ key }}/">{{ speakers[key].name }}</a></li>{% endfor %}</ul>
</article>{% endblock %}
""", "page.html": """{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1><p>{{ description }}</p>
<ul>{% for route, text in links %}<li><a href="{{ site.path }}{{ route }}">{{ text }}</a></li>{% endfor %}</ul>{% endblock %}
"""}
ENV = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fence(code: str, lang: str, _attrs: str) -> str:
    if not lang:
        return ""
    return f'<pre class="highlight"><code class="language-{lang}">{highlight(code, get_lexer_by_name(lang), FORMATTER)}</code></pre>\n'


MD = (MarkdownIt("commonmark", {"html": True, "highlight": fence}).enable(["table", "strikethrough"])
      .use(footnote_plugin).use(tasklists_plugin, label=True)
      .use(anchors_plugin, min_level=1, max_level=6, slug_func=slug))
# As in ugsite: normalising a link is a pure function of its text, and posts repeat their links.
setattr(MD, "normalizeLink", functools.lru_cache(maxsize=4096)(MD.normalizeLink))


@dataclass
class Site:
    title: str
    url: str  # absolute, ends with /
    path: str  # the URL's path: root-relative links start with it
    zone: ZoneInfo
    now: datetime
    speakers: dict[str, Any]
    venues: dict[str, Any]


@dataclass
class Post:
    title: str
    date: datetime
    tags: list[str]
    html: str
    summary: str
    route: str


@dataclass
class Event:
    title: str
    start: datetime
    end: datetime
    zone: str
    uid: str
    venue: str | None
    speakers: list[str]
    text: str
    html: str
    route: str


SITE: Site
JOBS: list[tuple[str, Callable[[], str | bytes]]] = []  # output path, its renderer; inherited by the workers


def markdown(text: str) -> tuple[str, str]:
    """Return the HTML of `text`, root-relative addresses under the site's path, and its first paragraph."""
    tokens = MD.parse(text)
    first = next((tokens[i + 1] for i, t in enumerate(tokens) if t.type == "paragraph_open" and t.level == 0), None)
    summary = "".join(t.content for t in (first.children or []) if t.type == "text") if first else ""
    html = MD.renderer.render(tokens, MD.options, {})
    return html.replace(' src="/', f' src="{SITE.path}').replace(' href="/', f' href="{SITE.path}'), summary


def load_post(path: Path) -> Post | None:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.load(head, Loader=yaml.CSafeLoader)
    if meta.get("draft"):
        return None
    tags = [t.strip() for t in str(meta.get("tags", "")).split(",") if t.strip()]
    date = datetime.fromisoformat(str(meta["date"])).replace(tzinfo=SITE.zone)
    return Post(str(meta["title"]), date, tags, *markdown(body), f"posts/{path.stem}/")


def load_event(path: Path) -> Event:
    meta = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    start = datetime.fromisoformat(str(meta["start"])).replace(tzinfo=ZoneInfo(meta["timezone"]))
    end = start + timedelta(hours=float(str(meta["duration"]).rstrip("h")))
    text = meta.get("description", "")
    return Event(str(meta["title"]), start, end, meta["timezone"], str(meta["uid"]), meta.get("venue"),
                 meta.get("speakers", []), text, markdown(text)[0], f"events/{path.stem}/")


def page(template: str, route: str, title: str, description: str = "", **context: Any) -> str:
    return ENV.get_template(template).render(site=SITE, route=route, title=title, description=description, **context)


def feed(fmt: str, route: str, title: str, posts: list[Post]) -> bytes:
    gen = FeedGenerator()
    gen.id(SITE.url + route)
    gen.title(title)
    gen.subtitle(title)
    gen.link(href=f"{SITE.url}{route}{'atom.xml' if fmt == 'atom' else 'feed.xml'}", rel="self")
    gen.link(href=SITE.url + route, rel="alternate")
    gen.updated(posts[0].date if posts else SITE.now)
    origin = SITE.url[: -len(SITE.path)]
    for post in posts:
        entry = gen.add_entry(order="append")
        entry.id(SITE.url + post.route)
        entry.title(post.title)
        entry.link(href=SITE.url + post.route)
        entry.published(post.date)
        entry.updated(post.date)
        for tag in post.tags:
            entry.category(term=tag, label=tag)
        html = post.html.replace(f'="{SITE.path}', f'="{origin}{SITE.path}')  # feed readers need absolute links
        if fmt == "atom":
            entry.summary(post.summary)
            entry.content(html, type="html")
        else:
            entry.description(post.summary)
            entry.content(html, type="CDATA")
    return bytes(gen.atom_str(pretty=True) if fmt == "atom" else gen.rss_str(pretty=True))


@functools.lru_cache  # the zone's rules for a span of years: the same for every calendar of one build
def vtimezone(zone: str, first: int, last: int) -> Timezone:
    return Timezone.from_tzinfo(ZoneInfo(zone), zone, date(first, 1, 1), date(last, 12, 31))


def calendar(name: str, events: list[Event]) -> bytes:
    cal = Calendar()
    for key, value in {"prodid": "-//bench//floor//EN", "version": "2.0", "x-wr-calname": name}.items():
        cal.add(key, value)
    for event in events:
        vevent, venue = VEvent(), SITE.venues.get(event.venue or "")
        fields: dict[str, Any] = {"uid": event.uid, "dtstamp": SITE.now, "dtstart": event.start, "dtend": event.end,
                                  "summary": event.title, "description": event.text, "url": SITE.url + event.route}
        if venue:
            fields["location"] = f"{venue['name']}, {venue['address']}, {venue['city']}"
        for key, value in fields.items():
            vevent.add(key, value)
        cal.add_component(vevent)
    first = min([e.start.year for e in events] + [SITE.now.year]) - 1
    last = max([e.end.year for e in events] + [SITE.now.year]) + 3
    cal.subcomponents[:0] = [vtimezone(zone, first, last) for zone in sorted(cal.get_missing_tzids())]
    return bytes(cal.to_ical())


def plan(posts: list[Post], events: list[Event]) -> None:
    """Fill JOBS with every output of the site."""
    def html(route: str, template: str, title: str, description: str = "", **context: Any) -> None:
        JOBS.append((route + ("" if route.endswith(".html") else "index.html"),
                     functools.partial(page, template, route, title, description, **context)))
        routes.append(route)

    routes: list[str] = []
    for i, post in enumerate(posts):
        html(post.route, "post.html", post.title, post.summary, post=post, newer=posts[i - 1] if i else None,
             older=posts[i + 1] if i + 1 < len(posts) else None)
    by_tag: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        for tag in post.tags:
            by_tag[tag].append(post)
    lists = [("posts/", "Posts", posts), *((f"tags/{tag}/", tag, tagged) for tag, tagged in sorted(by_tag.items()))]
    for route, title, items in lists:
        pages = [route] + [f"{route}page/{n}/" for n in range(2, (len(items) - 1) // PER_PAGE + 2)]
        for n, at in enumerate(pages):
            html(at, "list.html", title if n == 0 else f"{title} (page {n + 1})", title,
                 posts=items[n * PER_PAGE:(n + 1) * PER_PAGE], number=n + 1, count=len(pages),
                 newer=pages[n - 1] if n else None, older=pages[n + 1] if n + 1 < len(pages) else None)
        if route != "posts/":
            JOBS.append((f"{route}feed.xml",
                         functools.partial(feed, "rss", route, f"{SITE.title}: {title}", items[:FEED_ITEMS])))
    JOBS.append(("feed.xml", functools.partial(feed, "rss", "", SITE.title, posts[:FEED_ITEMS])))
    JOBS.append(("atom.xml", functools.partial(feed, "atom", "", SITE.title, posts[:FEED_ITEMS])))
    for event in events:
        html(event.route, "event.html", event.title, event.text[:160], event=event,
             venue=SITE.venues.get(event.venue or ""), speakers=SITE.speakers)
        JOBS.append((f"{event.route}event.ics", functools.partial(calendar, event.title, [event])))
    since = SITE.now - timedelta(days=31 * PAST_MONTHS)
    JOBS.append(("calendar.ics", functools.partial(calendar, SITE.title, [e for e in events if e.end >= since])))
    for kind, people in (("speakers", SITE.speakers), ("venues", SITE.venues)):
        for key, person in people.items():
            html(f"{kind}/{key}/", "page.html", person["name"], person.get("bio", person.get("address", "")),
                 links=[(e.route, e.title) for e in events if key in e.speakers or key == e.venue])
        html(f"{kind}/", "page.html", kind.capitalize(), links=[(f"{kind}/{k}/", p["name"]) for k, p in people.items()])
    upcoming = [e for e in events if e.end > SITE.now]
    html("", "page.html", SITE.title, links=[(p.route, p.title) for p in posts[:5]] + [(e.route, e.title) for e in upcoming[:3]])
    html("events/", "page.html", "Events", links=[(e.route, e.title) for e in sorted(events, key=lambda e: e.start)])
    html("archive/", "page.html", "Archive", links=[(p.route, f"{p.date:%Y-%m-%d} {p.title}") for p in posts])
    html("tags/", "page.html", "Tags", links=[(f"tags/{t}/", f"{t} ({len(ps)})") for t, ps in sorted(by_tag.items())])
    html("404.html", "page.html", "Page not found")
    urls = "".join(f"<url><loc>{SITE.url}{r}</loc></url>\n" for r in routes if not r.endswith(".html"))
    JOBS.append(("sitemap.xml", lambda: f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n{urls}</urlset>\n'))


def write(out: Path, index: int) -> None:
    path, render = JOBS[index]
    content = render()
    file = out / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def build(root: Path, out: Path, now: datetime) -> int:
    """Build the corpus in `root` into `out`; return the number of files written."""
    global SITE
    gc.disable()  # as ugsite: the objects of a build live until its end
    config = yaml.load((root / "ugsite.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    url = config["base_url"].rstrip("/") + "/"
    data = {name: yaml.load((root / f"data/{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for name in ("speakers", "venues")}
    SITE = Site(config["title"], url, urlsplit(url).path, ZoneInfo(config["timezone"]), now,
                data["speakers"], data["venues"])
    fork = mp.get_context("fork")
    with fork.Pool(WORKERS) as pool:
        files = sorted((root / "posts").glob("*.md"))
        posts = [p for p in pool.map(load_post, files, chunksize=max(1, len(files) // (16 * WORKERS))) if p]
        events = pool.map(load_event, sorted((root / "events").glob("*.yaml")))
    posts.sort(key=lambda p: (p.date, p.route), reverse=True)
    plan(posts, events)
    shutil.copytree(STATIC, out, dirs_exist_ok=True)
    with fork.Pool(WORKERS) as pool:  # forked after planning, so the workers inherit JOBS
        pool.map(functools.partial(write, out), range(len(JOBS)), chunksize=max(1, len(JOBS) // (32 * WORKERS)))
    return len(JOBS) + sum(1 for f in STATIC.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a site written by bench.corpus (default: write one)")
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument("--posts", type=int, default=1000, help="posts of the corpus written without SITE")
    parser.add_argument("--now", default="2026-11-01T00:00:00Z", help="the build's moment")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now.replace("Z", "+00:00"))
    with tempfile.TemporaryDirectory(prefix="ugsite-floor-") as tmp:
        root = args.site or Path(tmp) / "site"
        if args.site is None:
            write_corpus(root, args.posts)
        started = time.perf_counter()
        files = build(root, args.output or Path(tmp) / "public", now)
        print(f"floor: {files} files in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
