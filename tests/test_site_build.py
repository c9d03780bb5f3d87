"""Whole-site builds of small sites written inline: what lands where, and what is refused."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import feedparser
import html5lib
import pytest

from conftest import CONFIG, build_site, messages, read_tree, run_cli

from ugsite.output import write
from ugsite.render.post_cards import PostCards, Wanted
from ugsite.problems import has_errors

Site = Callable[..., Path]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("href", "src") and v]


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.urls


def html(site: Path, route: str) -> str:
    return (site / "public" / route / "index.html").read_text(encoding="utf-8")


def test_a_small_site_builds(make_site: Site) -> None:
    site = make_site({
        "posts/2026-05-14-first-post.md": "---\ntitle: First post\ntags: [Python]\n---\nHello.\n",
        "pages/about.md": "# About us\n\nWe meet monthly.\n",
    })
    report = build_site(site)
    assert report.written and report.problems == ()
    out = site / "public"
    for path in ("index.html", "posts/first-post/index.html", "posts/index.html", "about/index.html",
                 "tags/python/index.html", "tags/python/feed.xml", "archive/index.html", "404.html",
                 "feed.xml", "atom.xml", "sitemap.xml", "robots.txt", ".nojekyll", "css/site.css"):
        assert (out / path).is_file(), path
    page = html(site, "posts/first-post")
    assert "<title>First post · Test Group</title>" in page
    assert '<time datetime="2026-05-14T00:00:00+02:00">May 14, 2026</time>' in page
    about = html(site, "about")
    assert "<h1>About us</h1>" in about and about.count("<h1") == 1


def test_every_local_url_carries_the_base_path(make_site: Site) -> None:
    site = make_site({
        "posts/2026-05-14-a.md": "---\ntitle: A\nimage: images/a.png\ntags: [x]\n---\n![i](/images/a.png) [b](2026-05-15-b.md)\n",
        "posts/2026-05-15-b.md": "---\ntitle: B\n---\nB\n",
        "pages/about.md": "About\n",
        "static/images/a.png": b"\x89PNG",
    })
    assert build_site(site).written
    for file in (site / "public").rglob("*.html"):
        for url in links_of(file.read_text(encoding="utf-8")):
            if url.startswith("/"):
                assert url.startswith("/group-site/"), (file, url)
            else:
                assert url.startswith(("https://", "#", "mailto:")), (file, url)
    page = html(site, "posts/a")
    assert '<meta property="og:image" content="https://org.github.io/group-site/images/a.png">' in page
    assert 'href="/group-site/posts/b/"' in page


def test_jekyll_names_ghost_toml_json_and_bare_files(make_site: Site) -> None:
    site = make_site({
        "posts/2025-03-12-jekyll-named.md": "---\ntitle: Jekyll\n---\nBody\n",
        "posts/ghost.md": (
            '+++\ncategories = ["News"]\ndate = 2018-05-05T04:00:00Z\ndescription = ""\ndraft = false\n'
            'image = "__GHOST_URL__/content/images/2018/05/x.png"\nslug = "from-ghost"\nsummary = "Sum"\n'
            'tags = ["Getting Started"]\ntitle = "From Ghost"\n\n+++\n![x](__GHOST_URL__/content/images/2018/05/x.png)\n'
        ),
        "posts/json.markdown": '{\n  "title": "From JSON",\n  "date": "2026-01-02"\n}\nJSON body\n',
        "posts/2024-01-01-bare.md": "# A bare heading\n\nNo front matter.\n",
        "posts/2024-01-02-no-heading.md": "Just text.\n",
        "static/content/images/2018/05/x.png": b"\x89PNG",
    })
    report = build_site(site)
    assert report.written, messages(report)
    assert "From Ghost" in html(site, "posts/from-ghost")
    ghost = html(site, "posts/from-ghost")
    assert 'src="/group-site/content/images/2018/05/x.png"' in ghost
    assert 'content="https://org.github.io/group-site/content/images/2018/05/x.png"' in ghost
    assert '<meta name="description" content="Sum">' in ghost
    assert "__GHOST_URL__" not in ghost
    assert '<time datetime="2025-03-12T00:00:00+01:00">' in html(site, "posts/jekyll-named")
    assert "JSON body" in html(site, "posts/json")
    bare = html(site, "posts/bare")
    assert "<h1>A bare heading</h1>" in bare and bare.count("A bare heading</h1>") == 1
    assert "<h1>No heading</h1>" in html(site, "posts/no-heading")
    assert (site / "public/categories/news/index.html").is_file()
    assert (site / "public/tags/getting-started/index.html").is_file()


def test_drafts_and_future_posts_are_left_out_and_reported(make_site: Site) -> None:
    site = make_site({
        "posts/2026-05-01-live.md": "Live\n",
        "posts/draft.md": "---\ntitle: Draft\ndate: 2026-05-02\ndraft: true\n---\nDraft\n",
        "posts/later.md": "---\ntitle: Later\ndate: 2027-01-01 10:00\n---\nLater\n",
    })
    report = build_site(site)
    assert [(h.source, h.reason) for h in report.held_back] == [("posts/draft.md", "draft"), ("posts/later.md", "future")]
    assert not (site / "public/posts/draft").exists() and not (site / "public/posts/later").exists()
    report = build_site(site, drafts=True, future=True)
    assert report.held_back == ()
    assert (site / "public/posts/draft/index.html").is_file() and (site / "public/posts/later/index.html").is_file()
    assert 'class="badge">draft<' in html(site, "posts/draft")


def test_deterministic_output(make_site: Site, tmp_path: Path) -> None:
    site = make_site({
        "posts/2026-05-01-a.md": "---\ntitle: A\ntags: [x, y]\n---\nA\n",
        "posts/2026-05-02-b.md": "---\ntitle: B\ntags: [y]\n---\nB\n",
        "pages/about.md": "About\n",
    })
    build_site(site, output=tmp_path / "one")
    build_site(site, output=tmp_path / "two")
    assert read_tree(tmp_path / "one") == read_tree(tmp_path / "two")


def test_pagination_and_neighbours(make_site: Site) -> None:
    posts = {f"posts/2026-05-0{n}-p{n}.md": f"Post {n}\n" for n in range(1, 6)}
    site = make_site({**posts, "ugsite.yaml": "title: T\nbase_url: https://e.org/\nposts_per_page: 2\n"})
    assert build_site(site).written
    first, last = html(site, "posts"), html(site, "posts/page/3")
    assert 'rel="next" href="/posts/page/2/"' in first and "Page 1 of 3" in first
    assert 'rel="prev" href="/posts/page/2/"' in last and "P1" in last
    middle = html(site, "posts/p3")
    assert 'rel="prev" href="/posts/p4/"' in middle and 'rel="next" href="/posts/p2/"' in middle


def test_permalink_pattern(make_site: Site) -> None:
    site = make_site({
        "posts/2026-05-14-hello.md": "Hi\n",
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\npermalink: /{year}/{month}/{slug}/\n",
    })
    assert build_site(site).written
    assert (site / "public/2026/05/hello/index.html").is_file()


def test_user_text_is_escaped(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-x.md": '---\ntitle: "</title><script>alert(1)</script>"\ntags: ["<b>"]\n---\nx\n'})
    assert build_site(site).written
    page = html(site, "posts/x")
    assert "<script>alert" not in page
    assert "&lt;/title&gt;&lt;script&gt;" in page


def test_speakers_and_sponsors_pages(make_site: Site) -> None:
    site = make_site({
        "data/speakers.yaml": "ada:\n  name: Ada Lovelace\n  bio: Wrote *the* first program.\n",
        "data/sponsors.yaml": "acme:\n  name: ACME\n  url: https://acme.example\n",
        "posts/2026-05-01-talk.md": "---\ntitle: Talk\nauthor: ada\n---\nx\n",
    })
    assert build_site(site).written
    speaker = html(site, "speakers/ada")
    assert "<h1>Ada Lovelace</h1>" in speaker and "<em>the</em>" in speaker and 'href="/group-site/posts/talk/"' in speaker
    assert 'href="/group-site/speakers/ada/">Ada Lovelace</a>' in html(site, "posts/talk")
    assert "ACME" in html(site, "sponsors")


def test_template_override_can_extend_the_default(make_site: Site) -> None:
    site = make_site({
        "pages/about.md": "About\n",
        "templates/page.html": '{% extends "@default/page.html" %}{% block after_content %}<p id="extra">'
                               "{{ site.data.team[0] }}</p>{% endblock %}",
        "data/team.yaml": "- Grace\n",
    })
    assert build_site(site).written
    page = html(site, "about")
    assert '<p id="extra">Grace</p>' in page and 'class="prose"' in page


def test_template_error_names_template_line_and_page(make_site: Site) -> None:
    site = make_site({"pages/about.md": "About\n", "templates/page.html": "<p>\n{{ page.titel }}\n</p>\n"})
    report = build_site(site)
    assert report.failed
    assert [p.format() for p in report.problems] == [
        "templates/page.html:2: error: template error: 'ugsite.site.model.Page object' has no attribute 'titel'\n"
        "  hint: while rendering pages/about.md (page.html)"
    ]


def test_collisions_name_both_sources(make_site: Site) -> None:
    site = make_site({
        "posts/a.md": "---\ntitle: A\ndate: 2026-01-01\nslug: same\n---\nA\n",
        "posts/b.md": "---\ntitle: B\ndate: 2026-01-02\nslug: same\n---\nB\n",
        "static/about/index.html": "<p>static</p>",
        "pages/about.md": "About\n",
    })
    report = build_site(site)
    assert report.failed
    assert messages(report) == [
        "posts/a.md: error: posts/a.md and posts/b.md would both write posts/same/index.html",
        "static/about/index.html: error: static/about/index.html and pages/about.md would both write about/index.html",
    ]


def test_traversal_slug_is_rejected(make_site: Site) -> None:
    site = make_site({"posts/x.md": "---\ntitle: X\ndate: 2026-01-01\nslug: ../../../etc\n---\nx\n"})
    report = build_site(site)
    assert report.failed and has_errors(report.problems)
    assert messages(report)[0].startswith("posts/x.md:4: error: the slug '../../../etc' is not a single URL segment")
    assert not (site.parent / "etc").exists()


def test_failed_build_leaves_previous_output_untouched(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-a.md": "A\n"})
    assert build_site(site).written
    before = read_tree(site / "public")
    (site / "posts/2026-05-02-b.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    report = build_site(site)
    assert report.failed
    assert read_tree(site / "public") == before


def test_a_template_error_met_while_rendering_in_parallel_leaves_no_trace(make_site: Site) -> None:
    # Enough pages for worker processes, which write what they render into the build's new
    # folder; one page fails, so nothing of that folder may stay and the old output stands.
    posts = {f"posts/2026-05-{1 + n % 28:02d}-p{n}.md": f"---\ntitle: P{n}\n---\nText {n}.\n" for n in range(320)}
    site = make_site(posts)
    assert build_site(site, workers=2).written
    before = read_tree(site / "public")
    (site / "templates").mkdir()
    (site / "templates/post.html").write_text(
        '{% extends "@default/post.html" %}{% block content %}'
        '{% if post.title == "P300" %}{{ post.no_such_field }}{% endif %}{{ super() }}{% endblock %}\n',
        encoding="utf-8")
    report = build_site(site, workers=2)
    assert report.failed
    assert messages(report) == ["templates/post.html:1: error: template error: "
                                "'ugsite.site.model.Post object' has no attribute 'no_such_field'"]
    assert read_tree(site / "public") == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".public")) == []


def _many_tagged_posts(count: int = 320) -> dict[str, str]:
    """Enough posts for worker processes to render the pages, each on its tags' pages as well as the list of all."""
    return {f"posts/2026-05-{1 + n % 28:02d}-p{n}.md": f"---\ntitle: P{n}\ntags: [t{n % 3}, u{n % 4}]\n---\nText {n}.\n"
            for n in range(count)}


def _count_cards(monkeypatch: pytest.MonkeyPatch, tally: Path) -> None:
    """Have every process that draws a post card append a line naming it to `tally` (forked workers too)."""
    draw = PostCards._draw

    def counted(self: PostCards, wanted: Wanted) -> str:
        with tally.open("a", encoding="utf-8") as lines:  # one short write in append mode: whole lines from every process
            lines.write(f"{getattr(wanted[0], 'title')} {wanted[3]}\n")
        return draw(self, wanted)

    monkeypatch.setattr(PostCards, "_draw", counted)


def test_worker_processes_draw_each_post_card_once(make_site: Site, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    # Each post is on three list pages (all posts, two tags), which the workers share out: its
    # card is drawn once, before they fork, not by each worker that renders one of its pages.
    site = make_site(_many_tagged_posts())
    tally = tmp_path / "cards.txt"
    _count_cards(monkeypatch, tally)
    assert build_site(site, workers=2, cache=False).written
    drawn = tally.read_text(encoding="utf-8").splitlines()
    assert len(drawn) == len(set(drawn))
    assert {line for line in drawn if line.endswith(" 2")} == {f"P{n} 2" for n in range(320)}
    alone = build_site(site, workers=1, cache=False, output=tmp_path / "alone")
    assert alone.written and read_tree(tmp_path / "alone") == read_tree(site / "public")


def test_cards_are_not_drawn_ahead_for_list_pages_that_show_none(make_site: Site, monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    site = make_site({**_many_tagged_posts(), "templates/list.html": (
        '{% extends "@default/list.html" %}{% block content %}'
        '{% for post in pagination.items %}<p>{{ post.title }}</p>{% endfor %}{% endblock %}\n')})
    tally = tmp_path / "cards.txt"
    _count_cards(monkeypatch, tally)
    assert build_site(site, workers=2, cache=False).written
    assert not tally.exists() or all(line.endswith(" 3") for line in tally.read_text(encoding="utf-8").splitlines())


def test_a_card_that_fails_while_drawn_ahead_is_reported_by_the_page_that_shows_it(make_site: Site) -> None:
    site = make_site({**_many_tagged_posts(), "templates/partials/post_card.html": (
        '{% if post.title == "P7" %}{{ post.no_such_field }}{% endif %}{% include "@default/partials/post_card.html" %}\n')})
    report = build_site(site, workers=2, cache=False)
    assert report.failed
    assert set(messages(report)) == {"templates/partials/post_card.html:1: error: template error: "
                                     "'ugsite.site.model.Post object' has no attribute 'no_such_field'"}
    assert any("posts/" in p.format() and "list.html" in p.format() for p in report.problems)


def test_unknown_field_warns_and_strict_fails(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-a.md": "---\ntitle: A\nsubtitle: x\n---\nA\n"})
    report = build_site(site)
    assert report.written
    assert messages(report) == ["posts/2026-05-01-a.md:3: warning: unknown front-matter field 'subtitle' is ignored"]
    assert build_site(site, strict=True).failed


def test_output_folder_guard(make_site: Site, tmp_path: Path) -> None:
    site = make_site({"posts/2026-05-01-a.md": "A\n"})
    assert build_site(site, output=site).failed
    assert build_site(site, output=site / "static" / "out").failed
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    report = build_site(site, output=precious)
    assert report.failed and "the output folder holds files that ugsite did not write" in messages(report)[0]
    assert (precious / "thesis.tex").read_text() == "years of work"


def test_escape_raw_html_for_untrusted_sites(make_site: Site) -> None:
    site = make_site({
        "posts/2026-05-01-a.md": "<script>alert(1)</script>\n",
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\nraw_html: escape\n",
    })
    assert build_site(site).written
    assert "<script>" not in html(site, "posts/a")


def test_nav_order_from_config(make_site: Site) -> None:
    site = make_site({
        "pages/about.md": "---\ntitle: About\n---\nx\n",
        "pages/code-of-conduct.md": "---\ntitle: Code of Conduct\n---\nx\n",
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\nnav: [code-of-conduct, posts, about, "
                       "{title: Meetup, url: 'https://meetup.example/g'}]\n",
    })
    assert build_site(site).written
    nav = re.search(r'<nav class="site-nav".*?</nav>', html(site, ""), re.S)
    assert nav is not None
    row, _, menu = nav.group(0).partition('<details class="nav-menu">')  # a long menu: a row, and a disclosure for phones
    assert re.findall(r">([^<>]+)</a>", row) == ["Code of Conduct", "Posts", "About", "Meetup"]
    assert re.findall(r">([^<>]+)</a>", menu) == ["Code of Conduct", "Posts", "About", "Meetup"]


def test_a_short_menu_is_one_row_without_a_disclosure(make_site: Site) -> None:
    site = make_site({"pages/about.md": "---\ntitle: About\n---\nx\n",
                      "ugsite.yaml": "title: T\nbase_url: https://e.org/\nnav: [posts, about]\n"})
    assert build_site(site).written
    page = html(site, "about/")
    assert '<nav class="site-nav is-short"' in page and "nav-menu" not in page
    assert '<a href="/about/" aria-current="page">About</a>' in page


def test_site_theme_layers_between_templates_and_default(make_site: Site) -> None:
    site = make_site({
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\ntheme: harbor\n",
        "themes/harbor/theme.yaml": "extends: default\n",
        "themes/harbor/templates/404.html": '{% extends "@default/404.html" %}{% block content %}<h1>Lost at sea</h1>'
                                            "{% endblock %}",
        "themes/harbor/static/css/site.css": "body { color: navy; }\n",
        "static/favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    })
    assert build_site(site).written
    out = site / "public"
    assert "<h1>Lost at sea</h1>" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "css/site.css").read_text() == "body { color: navy; }\n"
    assert (out / "css/highlight.css").is_file()
    assert (out / "favicon.svg").read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"


def test_unknown_theme_is_an_error(make_site: Site) -> None:
    site = make_site({"ugsite.yaml": "title: T\nbase_url: https://e.org/\ntheme: nope\n"})
    report = build_site(site)
    assert report.failed and messages(report) == ["ugsite.yaml: error: theme 'nope' not found"]


def test_heading_ids_never_clash_with_the_theme(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-a.md": "## Content\n\nx\n\n## Latest posts\n\ny\n", "posts/.#a.md": "lock"})
    assert build_site(site).written
    ids = re.findall(r'\bid="([^"]+)"', html(site, "posts/a"))
    assert len(ids) == len(set(ids))
    assert not (site / "public/posts/#a").exists()


def test_links_to_files_outside_the_site_are_refused(make_site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    site = make_site({"posts/2026-05-01-a.md": "A\n"})
    (site / "static").mkdir()
    (site / "static/leak.txt").symlink_to(secret)
    (site / "posts/leak.md").symlink_to(secret)
    report = build_site(site)
    assert report.failed
    assert sorted(messages(report)) == [
        "posts/leak.md: error: it is a link to a file outside the site folder, so it is not used",
        "static/leak.txt: error: it is a link to a file outside the site folder, so it is not used",
    ]


def test_a_linked_folder_leading_outside_is_refused_and_links_inside_are_fine(make_site: Site, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "party.yaml").write_text('title: Party\nstart: "2026-06-01 18:00"\n')
    site = make_site({"posts/2026-05-01-a.md": "A\n", "static/notes.txt": "notes\n"})
    (site / "events").symlink_to(elsewhere, target_is_directory=True)
    (site / "static/same-notes.txt").symlink_to(site / "static/notes.txt")
    report = build_site(site)
    assert messages(report) == [
        "events/party.yaml: error: it is a link to a file outside the site folder, so it is not used",
    ]
    (site / "events").unlink()
    assert build_site(site).written
    assert (site / "public/same-notes.txt").read_text() == "notes\n"


def test_comma_separated_tags_as_pelican_writes_them(make_site: Site) -> None:
    site = make_site({"posts/2026-05-01-a.md": "---\ntitle: A\ntags: python, Meetup Night\n---\nA\n"})
    assert build_site(site).written
    assert (site / "public/tags/python/index.html").is_file()
    assert (site / "public/tags/meetup-night/index.html").is_file()


def test_old_heading_ids_named_in_anchors_still_find_their_headings(make_site: Callable[..., Path]) -> None:
    site = make_site({
        "pages/about.md": "---\ntitle: About\nanchors: {ber-uns: uber-uns, gone: no-such-heading}\n---\n## Über uns\n\nHi.\n",
        "pages/links.md": "---\ntitle: Links\n---\n[who we are](about.md#ber-uns)\n",
    })
    report = build_site(site)
    assert not report.failed, messages(report)
    assert '<h2 id="uber-uns"><span id="ber-uns"></span>Über uns</h2>' in (site / "public/about/index.html").read_text(
        encoding="utf-8")
    assert messages(report) == ["pages/about.md: warning: 'anchors' names the heading id 'no-such-heading', which the "
                                "page has no heading with"]
    check = run_cli("check", str(site), "--links", "--now", "2026-11-01")
    assert check.returncode == 0, check.stderr  # the link to the old id arrives


def test_subscribe_links_are_encoded_and_escaped(make_site: Site) -> None:
    """The Subscribe panel's links carry the calendar's address and name URL-encoded, then HTML-escaped."""
    site = make_site({
        "ugsite.yaml": "title: Py & <Friends>\nbase_url: https://org.github.io/group-site/\ntimezone: Europe/Berlin\n",
        "events/meetup.yaml": 'title: Meetup\nstart: "2026-11-20 18:00"\nonline: https://meet.example/x\n',
    })
    assert build_site(site).written
    for route in ("", "events/"):
        page = html(site, route)
        links = {text: unescape(href) for href, text in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', page)}
        https = "https://org.github.io/group-site/calendar.ics"
        assert links["Apple Calendar"] == "webcal://org.github.io/group-site/calendar.ics"
        assert parse_qs(urlsplit(links["Google Calendar"]).query) == {"cid": ["webcal://org.github.io/group-site/calendar.ics"]}
        for text in ("Outlook.com", "Microsoft 365"):
            assert parse_qs(urlsplit(links[text]).query) == {"url": [https], "name": ["Py & <Friends>"]}
        assert f'value="{https}"' in page and "&amp;name=Py%20%26%20%3CFriends%3E" in page


def test_a_site_without_events_offers_its_feeds_to_subscribe_to(make_site: Site) -> None:
    site = make_site({"posts/2026-10-01-hello.md": "---\ntitle: Hello\n---\nx\n"})
    assert build_site(site).written
    panel = html(site, "").partition('<details class="subscribe-panel">')[2].partition("</details>")[0]
    assert "calendar" not in panel and "webcal" not in panel
    assert ('<a href="/group-site/feed.xml">RSS</a> · <a href="/group-site/atom.xml">Atom</a> · '
            '<a href="/group-site/feed.json">JSON Feed</a>') in panel


def test_feeds_hold_the_newest_posts_and_of_those_at_one_moment_the_later_routes(make_site: Site) -> None:
    posts = {"older": "2026-04-01 09:00", "newest": "2026-05-03 10:00", "b": "2026-05-02 12:00",
             "d": "2026-05-02T10:00:00+00:00", "c": "2026-05-02T06:00:00-04:00", "a": "2026-05-02 12:00"}
    site = make_site({"ugsite.yaml": CONFIG + "feed_items: 3\n"} | {
        f"posts/{name}.md": f"---\ntitle: {name}\ndate: {date}\ntags: [Py]\n---\nx\n" for name, date in posts.items()})
    assert build_site(site).written
    # b, c, d and a are one moment (12:00 in Berlin is 10:00 UTC): the feeds have room for two of them
    for feed in ("feed.xml", "atom.xml", "tags/py/feed.xml"):
        assert [entry.title for entry in feedparser.parse((site / "public" / feed).read_bytes()).entries] == [
            "newest", "d", "c"], feed
    assert [item["title"] for item in json.loads((site / "public/feed.json").read_bytes())["items"]] == ["newest", "d", "c"]


def _tree(site: Path, route: str) -> ElementTree.Element:
    """Return the built page at `route`, parsed as a browser parses it."""
    return html5lib.parse(html(site, route), namespaceHTMLElements=False)  # type: ignore[no-any-return]


def test_post_cards_show_the_cover_the_authors_avatars_and_the_reading_time(make_site: Site) -> None:
    words = " ".join(["word"] * 500)  # 500 words at 220 a minute: 3 minutes
    site = make_site({
        "data/speakers.yaml": "ada:\n  name: Ada <Lovelace>\n  avatar: images/ada.svg\nbob:\n  name: Bob\n",
        "static/images/ada.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"/>',
        "static/images/cover.png": b"\x89PNG\r\n\x1a\n",
        "posts/2026-05-14-long.md": f"---\ntitle: Long\nimage: images/cover.png\nauthors: [ada, bob, Carol]\n---\n{words}\n",
        "posts/2026-05-15-short.md": "---\ntitle: Short & sweet\n---\nA few words, `code` and &amp; more.\n",
    })
    assert build_site(site).written
    for route in ("", "posts"):
        cards = {c.findtext(".//h2/a") or c.findtext(".//h3/a"): c for c in _tree(site, route).iter("article")
                 if "card" in (c.get("class") or "").split()}
        long, short = cards["Long"], cards["Short & sweet"]
        cover = long.find("img[@class='card-image']")
        assert cover is not None and cover.attrib == {
            "class": "card-image", "src": "/group-site/images/cover.png", "alt": "", "width": "1200", "height": "630",
            "loading": "lazy", "decoding": "async"}
        authors = long.find(".//span[@class='authors']")
        assert authors is not None
        avatars = [(a.get("href"), [img.get("src") for img in a.iter("img")], "".join(a.itertext())) for a in authors.iter("a")]
        assert avatars == [("/group-site/speakers/ada/", ["/group-site/images/ada.svg"], "Ada <Lovelace>"),
                           ("/group-site/speakers/bob/", [], "Bob")]  # a speaker without an avatar: the name alone
        ada = authors.find(".//img")
        assert ada is not None and ada.get("alt") == "" and ada.get("width") == ada.get("height") == "96"
        assert "Carol" in "".join(authors.itertext())
        assert long.findtext(".//span[@class='reading-time']") == "3 min read"
        assert short.findtext(".//span[@class='reading-time']") == "1 min read"
        assert short.find("img") is None
    page = html(site, "posts/long")
    assert "reading-time" not in page and "avatar-small" not in page  # the post's own page is as it was
    assert "Ada &lt;Lovelace&gt;" in html(site, "")


def test_a_series_meeting_names_the_next_meetings_of_its_series(make_site: Site) -> None:
    site = make_site({"data/series.yaml": 'monthly:\n  title: Monthly meetup\n  start: "2026-09-09 18:30"\n'
                                          "  rrule: FREQ=MONTHLY;BYDAY=2WE\n  timezone: Europe/Berlin\n",
                      "events/monthly-2026-12-09.yaml": "series: monthly\nstart: \"2026-12-09 18:30\"\nstatus: cancelled\n"})
    assert build_site(site).written
    tree = html5lib.parse(html(site, "events/monthly-2026-11-11"), namespaceHTMLElements=False)
    section = next(s for s in tree.iter("section") if s.get("aria-labelledby") == "ug-series-next")
    items = ["".join(li.itertext()).strip() for li in section.iter("li")]
    assert items == ["Wednesday, December 9, 2026, 6:30\u2009–\u20098:30\u202fPM CET Cancelled",
                     "Wednesday, January 13, 2027, 6:30\u2009–\u20098:30\u202fPM CET",
                     "Wednesday, February 10, 2027, 6:30\u2009–\u20098:30\u202fPM CET"]
    # A meeting that has ended is not among them, nor the meeting itself.
    tree = html5lib.parse(html(site, "events/monthly-2026-10-14"), namespaceHTMLElements=False)
    section = next(s for s in tree.iter("section") if s.get("aria-labelledby") == "ug-series-next")
    assert ["".join(li.itertext()).strip()[:27] for li in section.iter("li")] == [
        "Wednesday, November 11, 202", "Wednesday, December 9, 2026", "Wednesday, January 13, 2027"]


def test_non_latin_file_names_and_tags_get_transliterated_addresses(make_site: Site) -> None:
    site = make_site({
        "ugsite.yaml": "title: T\nbase_url: https://e.org/\nlanguage: cs\n",
        "posts/2026-05-14-čtvrteční-setkání.md": "---\ntitle: Čtvrteční setkání\ntags: [Čeština, Встреча]\n---\nAhoj.\n",
        "posts/2026-05-15-встреча.md": "---\ntitle: Встреча\n---\nПривет.\n",
        "pages/o-nás/zlot-łódź.md": "---\ntitle: Zlot Łódź\n---\nCześć.\n",
        "events/2026-11-20-συνάντηση.yaml": 'title: Συνάντηση\nstart: "2026-11-20 18:00"\nonline: https://meet.example/x\n',
    })
    report = build_site(site)
    assert not has_errors(report.problems), messages(report)
    for route in ("posts/ctvrtecni-setkani", "posts/vstrecha", "o-nas/zlot-lodz", "events/2026-11-20-synantisi",
                  "tags/cestina", "tags/vstrecha"):
        assert (site / "public" / route / "index.html").is_file(), route
    assert "Čtvrteční setkání" in html(site, "posts/ctvrtecni-setkani")


def test_german_sites_write_umlauts_as_ae_oe_ue_and_unicode_sites_keep_letters(make_site: Site) -> None:
    german = make_site({"ugsite.yaml": "title: T\nbase_url: https://e.org/\nlanguage: de\n",
                        "posts/2026-05-14-übung-für-ölfässer.md": "---\ntitle: Übung\ntags: [Größe]\n---\nHallo.\n"},
                       name="german")
    assert not has_errors(build_site(german).problems)
    assert (german / "public/posts/uebung-fuer-oelfaesser/index.html").is_file()
    assert (german / "public/tags/groesse/index.html").is_file()
    unicode = make_site({"ugsite.yaml": "title: T\nbase_url: https://e.org/\nlanguage: ru\nslugs: unicode\n",
                         "posts/2026-05-15-Встреча.md": "---\ntitle: Встреча\ntags: [Новости]\n---\nПривет.\n"},
                        name="unicode")
    assert not has_errors(build_site(unicode).problems)
    assert (unicode / "public/posts/встреча/index.html").is_file()
    assert (unicode / "public/tags/новости/index.html").is_file()
    assert "/posts/%D0%B2%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0/" in (unicode / "public/index.html").read_text("utf-8")


def test_pages_of_a_right_to_left_language_say_so(make_site: Site) -> None:
    files = {"posts/2026-05-14-hello.md": "---\ntitle: Hello\naliases: [/old/hello/]\n---\nHi.\n"}
    arabic = make_site({"ugsite.yaml": "title: T\nbase_url: https://e.org/\nlanguage: ar\n", **files}, name="arabic")
    english = make_site({"ugsite.yaml": "title: T\nbase_url: https://e.org/\n", **files}, name="english")
    for site, start in ((arabic, '<html lang="ar" dir="rtl">'), (english, '<html lang="en">')):
        assert not has_errors(build_site(site).problems)
        for route in ("", "posts/hello", "old/hello"):  # the last: the redirect of the old address
            assert start in html(site, route), (site.name, route)


def test_leftover_folders_are_removed_only_once_no_build_can_be_at_work_on_them(
        make_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"posts/2026-05-01-a.md": "A\n"})
    leftover = site / ".public.old-99999"  # as a previous build's old output, still being removed
    (leftover / "posts").mkdir(parents=True)
    assert build_site(site).written
    assert leftover.is_dir()
    monkeypatch.setattr(write, "LEFTOVER_SECONDS", -1)  # as if it had been lying there long
    (site / "posts/2026-05-01-a.md").write_text("A, edited\n", encoding="utf-8")
    assert build_site(site).written
    for _ in range(100):  # a detached process removes it
        if not leftover.exists():
            break
        time.sleep(0.05)
    assert not leftover.exists()
