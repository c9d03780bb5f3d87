"""Plan every file of the site: pages, lists, feeds, static files; catch path collisions."""

from __future__ import annotations

import itertools
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

from ugsite.site import routes
from ugsite.site import CONFIG_FILE
from ugsite.site.config import NavItem
from ugsite.events.event_links import calendar_subscription
from ugsite.render.feed_items import event_item, post_item
from ugsite.site.model import Document, Event, Post, Site, Term
from ugsite.render.page_contexts import (
    ArchiveContext,
    FrameContext,
    GivenTalk,
    HomeContext,
    ListContext,
    NavLink,
    NotFoundContext,
    PageContext,
    PageMeta,
    PostContext,
    RedirectContext,
    RobotsContext,
    SearchContext,
    SitemapContext,
    SpeakerContext,
    SpeakersContext,
    SponsorsContext,
    TermGroup,
    TermsContext,
)
from ugsite.render.outputs import BytesOutput, FeedOutput, FileOutput, ImageOutput, Output, TemplateOutput
from ugsite.render.pagination import paginate
from ugsite.render.plan_cards import card_url, post_card
from ugsite.render.plan_events import announced_events, plan_events, upcoming_events
from ugsite.render.plan_cfp import open_calls, plan_cfp
from ugsite.render.plan_jobs import plan_jobs
from ugsite.render.plan_pages import Memo, PageFrame, compute_now
from ugsite.render.reminders import reminder_items
from ugsite.problems import Problem, error
from ugsite.render.theme import Theme
from ugsite.site.speech import N_, Speech
from ugsite.content.images import variants as image_variants
from ugsite.content.urls import Urls, asset_url, output_file, route_escapes

MAX_NAME_BYTES = 255  # the longest file name Linux, macOS and Windows file systems take
HOME_POSTS = 5
HOME_EVENTS = 3
SECTIONS = {"posts": (N_("Posts"), routes.POSTS), "events": (N_("Events"), routes.EVENTS),
            "venues": (N_("Venues"), routes.VENUES), "archive": (N_("Archive"), routes.ARCHIVE),
            "tags": (N_("Tags"), routes.terms("tags")), "categories": (N_("Categories"), routes.terms("categories")),
            "speakers": (N_("Speakers"), routes.SPEAKERS), "sponsors": (N_("Sponsors"), routes.SPONSORS),
            "jobs": (N_("Jobs"), routes.JOBS), "cfp": (N_("Call for speakers"), routes.CFP)}


def plan_site(site: Site, theme: Theme, shared: bool = True,
              memo: Memo = compute_now) -> tuple[list[Output], list[Problem]]:
    """Return every output of the site, or the problems that stop it (collisions, bad nav).

    Without `shared`, leave out what a site in two or more languages has once for all of them
    (static files, old addresses, robots.txt: plan_shared): `site` is then one language's part.
    `memo` gives values worked out by earlier builds from equal arguments (an event page's texts).
    """
    nav, problems = _nav(site, theme)
    urls = Urls(site.config.base_url)
    default_image = asset_url(site.config.image, Urls(site.config.root_url)) if site.config.image else None
    people = {s.key: s for s in site.speakers} | {s.name: s for s in site.speakers}
    t = theme.speech
    frame = PageFrame(site, nav, people, default_image, t, memo)
    config = site.config
    upcoming = upcoming_events(site)
    outputs: list[Output] = [
        frame.page(routes.HOME, "home", HomeContext, PageMeta(config.title, config.description, routes.HOME, "home"),
                   posts=site.posts[:HOME_POSTS], intro_html=site.intro_html, upcoming=upcoming[:HOME_EVENTS],
                   next_event=next((e for e in upcoming if e.status != "cancelled"), None),
                   built=site.now.astimezone(config.zone).date(),
                   subscribe=calendar_subscription(urls.absolute(routes.CALENDAR), config.title) if site.events else None,
                   first_time=next((p for p in site.pages if p.route == routes.FIRST_TIME), None),
                   calls=open_calls(site)),
    ]
    outputs += _documents(frame)
    for p in paginate(site.posts, config.posts_per_page, routes.POSTS):
        outputs.append(frame.page(p.route, "posts/", ListContext,
                                  _list_meta(t.gettext("Posts"), config.description, p.route, p.number, t), pagination=p, term=None))
    terms: tuple[tuple[Literal["tags", "categories"], str, str], ...] = (
        ("tags", t.gettext("Tags"), t.gettext("All tags of %(site)s")),
        ("categories", t.gettext("Categories"), t.gettext("All categories of %(site)s")))
    for kind, title, description in terms:
        groups = _group(site.posts, kind)
        if groups:
            outputs.append(frame.page(routes.terms(kind), f"{kind}/", TermsContext,
                                      PageMeta(title, description % {"site": config.title}, routes.terms(kind), "terms"),
                                      groups=groups, kind=kind))
        for group in groups:
            for p in paginate(group.posts, config.posts_per_page, group.term.route):
                meta = _list_meta(group.term.name, t.gettext("Posts about %(tag)s") % {"tag": group.term.name}, p.route,
                                  p.number, t)
                outputs.append(frame.page(p.route, group.term.route, ListContext, meta, pagination=p, term=group.term))
            if kind == "tags":
                outputs += _feeds(site, ((routes.feed_of(group.term.route), "rss"),), group.posts,
                                  f"{config.title}: {group.term.name}", group.term.route, t)
    years: dict[int, list[Post]] = defaultdict(list)
    for post in site.posts:
        if post.date:
            years[post.date.astimezone(config.zone).year].append(post)
    outputs.append(frame.page(routes.ARCHIVE, "archive/", ArchiveContext,
                              PageMeta(t.gettext("Archive"), t.gettext("Every post of %(site)s") % {"site": config.title},
                                       routes.ARCHIVE, "archive"),
                              years=tuple((year, tuple(posts)) for year, posts in sorted(years.items(), reverse=True)),
                              undated=tuple(p for p in site.posts if not p.date)))
    outputs += _people(frame, theme)
    outputs.append(frame.page(routes.NOT_FOUND, "404", NotFoundContext, PageMeta(t.gettext("Page not found"), "", routes.NOT_FOUND, "404")))
    if config.search:
        outputs.append(frame.page(routes.SEARCH, "search", SearchContext,
                                  PageMeta(t.gettext("Search"), t.gettext("Search %(site)s") % {"site": config.title},
                                           routes.SEARCH, "search")))
    announced = announced_events(site) if config.feed_events else ()
    outputs += _feeds(site, ((routes.FEED, "rss"), (routes.ATOM, "atom"), (routes.FEED_JSON, "json")), site.posts,
                      config.title, routes.HOME, t, announced)
    outputs += plan_events(frame, theme)
    outputs += plan_jobs(frame, theme)
    outputs += plan_cfp(frame, theme)
    if site.events:
        title = t.gettext("%(site)s: events") % {"site": config.title}
        outputs += _feeds(site, ((routes.EVENTS_FEED, "rss"), (routes.EVENTS_ATOM, "atom"), (routes.EVENTS_FEED_JSON, "json")),
                          (), title, routes.EVENTS, t, announced_events(site))
    if site.events and config.reminders:
        items = reminder_items(site, t)
        description = t.gettext("Reminders of the events of %(site)s, and notices when one is cancelled or moved") \
            % {"site": config.title}
        formats: tuple[tuple[str, Literal["rss", "atom"]], ...] = ((routes.REMINDERS, "rss"), (routes.REMINDERS_ATOM, "atom"))
        outputs += [FeedOutput(route, f"feed {route}", fmt, t.gettext("%(site)s: reminders") % {"site": config.title},
                               description, routes.EVENTS, items)
                    for route, fmt in formats]
    pages = tuple(o.context.meta for o in outputs
                  if isinstance(o, TemplateOutput) and isinstance(o.context, FrameContext)
                  and (o.route.endswith("/") or o.route == "" or isinstance(o.context, (PostContext, PageContext))))
    outputs.append(TemplateOutput(routes.SITEMAP, "sitemap", SitemapContext(site, nav, people, pages)))
    if shared:
        outputs += plan_shared(site, theme)
    problems += collisions(outputs, config.permalink) + (theme.refused_static() if shared else [])
    return outputs, problems


def plan_shared(site: Site, theme: Theme) -> list[Output]:
    """Plan what the site has once, whatever its languages: old addresses, robots.txt, static files.

    A site in two or more languages whose default language is not at the root also gets a home
    page there that sends readers on to the default language's.
    """
    config = site.config
    outputs: list[Output] = _redirects(site)
    home = config.language_prefix(config.language)
    if home:
        outputs.append(TemplateOutput(routes.HOME, CONFIG_FILE, RedirectContext(site, home, config.title)))
    outputs.append(TemplateOutput(routes.ROBOTS, "robots", RobotsContext(site, (), {})))
    outputs.append(BytesOutput(".nojekyll", "GitHub Pages marker", b""))
    return outputs + _static(site, theme)


def _redirects(site: Site) -> list[Output]:
    """Plan a small page at each old address (`aliases:`) that sends readers on; no sitemap or feed lists them.

    Old addresses are the site's (not one language's): each leads to its owner in the owner's language.
    """
    config = site.config
    default = config.language
    owners: list[tuple[Document | Event, str]] = [(d, config.language_prefix(d.edition or default))
                                                  for d in (*site.posts, *site.pages) if not d.untranslated]
    owners += [(e, config.language_prefix(default)) for e in site.events if e.has_file and not e.untranslated]
    for language, edition in site.editions.items():
        owners += [(e, config.language_prefix(language)) for e in edition.events if e.has_file and not e.untranslated]
    return [TemplateOutput(alias, owner.source, RedirectContext(site, prefix + owner.route, owner.title))
            for owner, prefix in owners for alias in owner.aliases
            if alias != prefix + owner.route]  # its own address needs none


def _documents(frame: PageFrame) -> list[Output]:
    site, posts, t = frame.site, frame.site.posts, frame.speech
    outputs: list[Output] = []
    recapped: dict[str, list[Event]] = defaultdict(list)  # post source -> the events it is the recap of
    for event in site.events:
        if event.recap is not None:
            recapped[event.recap.source].append(event)
    for index, post in enumerate(posts):
        card = post_card(post, site, t)
        outputs.append(frame.page(post.route, post.source, PostContext,
                                  _doc_meta(post, "post", post.image or card_url(card, site)), post=post,
                                  newer=posts[index - 1] if index > 0 else None,
                                  older=posts[index + 1] if index + 1 < len(posts) else None,
                                  recap_of=tuple(recapped.get(post.source, ()))))
        outputs += [card] if card else []
    outputs += [frame.page(doc.route, doc.source, PageContext, _doc_meta(doc, "page", doc.image), page=doc)
                for doc in frame.site.pages]
    return outputs


def _people(frame: PageFrame, theme: Theme) -> list[Output]:
    site, t = frame.site, frame.speech
    outputs: list[Output] = []
    if site.speakers and theme.has_template("speakers.html"):
        meta = PageMeta(t.gettext("Speakers"), t.gettext("People who spoke at %(site)s") % {"site": site.config.title},
                        routes.SPEAKERS, "speakers")
        outputs.append(frame.page(routes.SPEAKERS, "data/speakers.yaml", SpeakersContext, meta, speakers=site.speakers))
    if site.speakers and theme.has_template("speaker.html"):
        by_author: dict[str, set[int]] = defaultdict(set)  # author -> indexes into site.posts
        for index, post in enumerate(site.posts):
            for author in post.authors:
                by_author[author].add(index)
        by_speaker: dict[str, list[Event]] = defaultdict(list)  # speaker key -> their events, in the site's order
        for event in site.events:
            for person in event.people:
                by_speaker[person.key].append(event)
        for speaker in site.speakers:
            posts = tuple(site.posts[i] for i in sorted(by_author[speaker.key] | by_author[speaker.name]))
            events = tuple(by_speaker[speaker.key])
            outputs.append(frame.page(speaker.route, "data/speakers.yaml", SpeakerContext,
                                      PageMeta(speaker.name, speaker.role or t.gettext("%(name)s at %(site)s")
                                               % {"name": speaker.name, "site": site.config.title},
                                               speaker.route, "speaker", speaker.avatar),
                                      speaker=speaker, posts=posts, events=events, now=site.now,
                                      past_talks=_past_talks(speaker.key, events, site)))
    if site.sponsors and theme.has_template("sponsors.html"):
        outputs.append(frame.page(routes.SPONSORS, "data/sponsors.yaml", SponsorsContext,
                                  PageMeta(t.gettext("Sponsors"), t.gettext("Who supports %(site)s") % {"site": site.config.title},
                                           routes.SPONSORS, "sponsors"),
                                  sponsors=site.sponsors))
    return outputs


def _past_talks(key: str, events: Sequence[Event], site: Site) -> tuple[GivenTalk, ...]:
    """Return the talks the speaker `key` gave at events that had ended at the build's moment, latest first."""
    held = [e for e in events if e.has_ended(site.now) and e.status not in ("cancelled", "postponed")]
    return tuple(GivenTalk(talk, event) for event in reversed(held) for talk in event.talks
                 if key in {s.key for s in talk.speakers})


def _doc_meta(doc: Document, kind: str, image: str | None) -> PageMeta:
    """Return what the `<head>` of a post's or page's page says of it, with `image` for link previews."""
    return PageMeta(doc.title, doc.description, doc.route, kind, image, doc.date, doc.updated)


def _list_meta(title: str, description: str, route: str, number: int, t: Speech) -> PageMeta:
    shown = title if number == 1 else t.gettext("%(title)s (page %(number)s)") % {"title": title, "number": number}
    return PageMeta(shown, description, route, "list")


def _group(posts: Sequence[Post], kind: Literal["tags", "categories"]) -> tuple[TermGroup, ...]:
    by_slug: dict[str, tuple[Term, list[Post]]] = {}
    for post in posts:
        for term in getattr(post, kind):
            group = by_slug.get(term.slug)
            if group is None:  # not setdefault: that makes a group for every tag of every post, to keep one per tag
                group = by_slug[term.slug] = (term, [])
            group[1].append(post)
    return tuple(TermGroup(term, tuple(found)) for _, (term, found) in sorted(by_slug.items()))


_NEWEST = operator.attrgetter("date", "route")


def _newest(posts: Sequence[Post], count: int) -> list[Post]:
    """Return the `count` newest dated `posts`, the later route first among those of one moment.

    `posts` come newest first, as Site.posts holds them (by the moment's timestamp; the undated
    last), so those are among the first `count` and the ones that share the last one's
    timestamp: the site's feed and each tag's look at a few posts, not at all they hold.
    """
    if count <= 0:
        return []
    dated = [post for post in posts[:count] if post.date]
    if len(dated) == count:  # the posts after them may share the last one's moment
        last = _timestamp(dated[-1])
        dated += itertools.takewhile(lambda post: _timestamp(post) == last, itertools.islice(posts, count, None))
    return sorted(dated, key=_NEWEST, reverse=True)[:count]


def _timestamp(post: Post) -> float | None:
    return post.date.timestamp() if post.date else None


def _feeds(site: Site, shapes: Sequence[tuple[str, Literal["rss", "atom", "json"]]], posts: Sequence[Post],
           title: str, page_route: str, t: Speech, events: Sequence[Event] = ()) -> list[FeedOutput]:
    """Return the feed of the newest `posts` (newest first) and `events` at each (route, format) of `shapes`, all with
    the same items."""
    items = [post_item(p) for p in _newest(posts, site.config.feed_items)] + [event_item(e, t) for e in events]
    items.sort(key=lambda item: (item.published, item.route), reverse=True)
    shown = tuple(items[: site.config.feed_items])
    return [FeedOutput(route, f"feed {route}", fmt, title, site.config.description or title, page_route, shown)
            for route, fmt in shapes]


def _nav(site: Site, theme: Theme) -> tuple[tuple[NavLink, ...], list[Problem]]:
    urls = Urls(site.config.base_url)
    pages = {p.slug: p for p in site.pages} | {p.route.rstrip("/"): p for p in site.pages}
    entries: Iterable[NavItem | str] = site.config.nav if site.config.nav is not None else (
        ["posts", *(["events"] if site.events else []), *[p.slug for p in site.pages]]
        + (["speakers"] if site.speakers and theme.has_template("speakers.html") else [])
        + (["sponsors"] if site.sponsors and theme.has_template("sponsors.html") else [])
        + (["jobs"] if site.jobs and theme.has_template("jobs.html") else [])
        + (["cfp"] if site.calls and theme.has_template("cfp.html") else [])
    )
    links: list[NavLink] = []
    problems: list[Problem] = []
    for entry in entries:
        if isinstance(entry, NavItem):
            route = None if entry.external else entry.target.lstrip("/")
            links.append(NavLink(entry.title, entry.target if route is None else urls.path(route), route))
        elif entry in pages:
            page = pages[entry]
            links.append(NavLink(page.title, urls.path(page.route), page.route,
                                 page.language if page.language != site.config.language else ""))
        elif entry in SECTIONS:
            title, route = SECTIONS[entry]
            links.append(NavLink(theme.speech.gettext(title), urls.path(route), route))
        else:
            known = sorted({p.slug for p in site.pages} | set(SECTIONS))
            problems.append(error("ugsite.yaml", f"the nav entry '{entry}' is not a page or a section", None,
                                  f"use one of: {', '.join(known)}; or {{title: ..., url: ...}}"))
    return tuple(links), problems


def _static(site: Site, theme: Theme) -> list[Output]:
    files: dict[str, Output] = {}
    for route, file in theme.static_files().items():
        files[route] = FileOutput(route, f"theme {theme.names[0]}", file)
    variants: list[Output] = []
    for route in site.static_files:
        file = site.config.root / "static" / route
        files[route] = FileOutput(route, f"static/{route}", file)
        variants += [ImageOutput(v.path, f"static/{route}", file, v.width, v.format) for v in image_variants(file, route)]
    return list(files.values()) + variants


def collisions(outputs: Sequence[Output], permalink: str = "") -> list[Problem]:
    """Refuse outputs that leave the folder, that two sources write, or that one writes as a file and another as a folder."""
    problems: list[Problem] = []
    seen: dict[str, Output] = {}
    told: set[tuple[str, str]] = set()
    for output in outputs:
        if route_escapes(output.route):
            problems.append(error(output.source, f"the output path {output.route!r} would leave the output folder", None,
                                  "use a plain slug of letters, digits and hyphens"))
            continue
        path = output_file(output.route)
        if len(path.encode()) > MAX_NAME_BYTES and (  # else no name in it can be too long
                too_long := next((part for part in path.split("/") if len(part.encode()) > MAX_NAME_BYTES), None)):
            problems.append(error(output.source, f"the output path {path[:80]}... has a name of {len(too_long.encode())} "
                                  f"bytes, more than a file name may have ({MAX_NAME_BYTES})", None,
                                  "give it a shorter slug (or a shorter file name)"))
            continue
        if path in seen:
            pair = (output.source, seen[path].source)
            if pair not in told:  # a page and its card collide together: once is enough
                told.add(pair)
                blamed = seen[path].source if _written_by_user(seen[path].source) and not _written_by_user(output.source) \
                    else output.source  # the site's file, not a page ugsite makes, is the one to change
                problems.append(error(blamed, f"{output.source} and {seen[path].source} would both write {path}",
                                      None, _separate(output.source, seen[path].source, permalink)))
        else:
            seen[path] = output
    folders: dict[str, Output] = {}
    for path, output in seen.items():
        end = path.rfind("/")
        while end > 0 and path[:end] not in folders:  # a folder already known has its parents known too
            folders[path[:end]] = output
            end = path.rfind("/", 0, end)
    for path in sorted(seen.keys() & folders.keys()):
        file, inside = seen[path], folders[path]
        blamed = inside.source if _written_by_user(inside.source) or not _written_by_user(file.source) else file.source
        problems.append(error(blamed, f"{file.source} writes the file {path}, but {inside.source} needs a folder "
                              f"of that name (for {output_file(inside.route)})", None,
                              "give one of them another slug or file name"))
    return problems


def _separate(one: str, other: str, permalink: str) -> str:
    """Say what would give two sources different addresses: a slug, or the one setting that dates the posts'."""
    if one.startswith("posts/") and other.startswith("posts/") and "{day}" not in permalink:
        return ("give one of them another slug: (slug: ...), or put the date in every post's address: "
                "permalink: /{year}/{month}/{day}/{slug}/ in ugsite.yaml")
    return "give one of them another slug"


def _written_by_user(source: str) -> bool:
    """Say whether an output's source is one of the site's files (not a list, feed or calendar ugsite makes)."""
    return source.startswith(("static/", "data/", "posts/", "pages/", "events/")) and not source.endswith("/")
