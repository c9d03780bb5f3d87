"""Slugs from any title, URLs under a sub-path, and no way out of the output folder."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ugsite.content.slugs import SlugStyle, slug_problem, slugify
from ugsite.content.urls import Urls, absolutize_html, asset_url, output_file, route_escapes


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café & Code: Ünïcode!", "cafe-code-unicode"),
        ("Hello, World", "hello-world"),
        ("Straße der Pythonistas", "strasse-der-pythonistas"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("Привет, мир", "privet-mir"),
        ("2026-05-14-my-post", "2026-05-14-my-post"),
        ("Čtvrteční setkání", "ctvrtecni-setkani"),
        ("Zlot Łódź", "zlot-lodz"),
        ("Встреча", "vstrecha"),
        ("Встреча 2026", "vstrecha-2026"),
        ("Συνάντηση", "synantisi"),
        ("Über Ölfässer", "uber-olfasser"),
        ("Ca\u0301fe\u0301 decomposed", "cafe-decomposed"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("title", "language", "slug"),
    [
        ("Über Ölfässer und Grüße", "de", "ueber-oelfaesser-und-gruesse"),
        ("Über Ölfässer", "de-AT", "ueber-oelfaesser"),
        ("Übung", "cs", "ubung"),
        ("Čtvrteční setkání", "cs", "ctvrtecni-setkani"),
        ("Zlot Łódź", "pl", "zlot-lodz"),
        ("Встреча", "ru", "vstrecha"),
        ("Kahvi ja Python: Jyväskylä", "fi", "kahvi-ja-python-jyvaskyla"),
    ],
)
def test_slugs_follow_the_site_language(title: str, language: str, slug: str) -> None:
    assert slugify(title, SlugStyle(language)) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Встреча, 2026!", "встреча-2026"), ("Čtvrteční setkání", "čtvrteční-setkání"), ("Συνάντηση", "συνάντηση")],
)
def test_unicode_slugs_keep_their_letters(title: str, slug: str) -> None:
    assert slugify(title, SlugStyle("ru", unicode=True)) == slug


@given(st.text(), st.sampled_from([SlugStyle(), SlugStyle("de"), SlugStyle("en", unicode=True)]))
def test_slugify_never_makes_a_path(title: str, style: SlugStyle) -> None:
    slug = slugify(title, style)
    assert "/" not in slug and "\\" not in slug and slug not in (".", "..")
    assert slug == "" or slug_problem(slug) is None


@pytest.mark.parametrize("slug", ["../etc", "..", "a/b", "a\\b", "", ".hidden", "x y"])
def test_unsafe_user_slugs_are_rejected(slug: str) -> None:
    assert slug_problem(slug) is not None


def test_urls_under_a_sub_path() -> None:
    urls = Urls("https://org.github.io/group-site/")
    assert urls.base_path == "/group-site/"
    assert urls.path("") == "/group-site/"
    assert urls.path("posts/hello/") == "/group-site/posts/hello/"
    assert urls.path("/about/") == "/group-site/about/"
    assert urls.path("posts/x/#part") == "/group-site/posts/x/#part"
    assert urls.absolute("feed.xml") == "https://org.github.io/group-site/feed.xml"
    assert urls.absolutize("/group-site/a.png") == "https://org.github.io/group-site/a.png"
    assert urls.absolutize("https://else.example/a.png") == "https://else.example/a.png"


PAGE = "https://org.github.io/group-site/posts/x/"


@pytest.mark.parametrize(
    ("html", "absolute"),
    [
        ('<sup><a href="#fn1" id="fnref1">1</a></sup>', f'<sup><a href="{PAGE}#fn1" id="fnref1">1</a></sup>'),
        ('<a class="x" href=\'/group-site/about/\'>', "<a class=\"x\" href='https://org.github.io/group-site/about/'>"),
        ("<a href=notes.pdf>", f"<a href={PAGE}notes.pdf>"),
        ('<img src="../y/a.png" alt="a">', '<img src="https://org.github.io/group-site/posts/y/a.png" alt="a">'),
        ('<img srcset="/group-site/a.480w.png 480w, /group-site/a.png 960w">',
         '<img srcset="https://org.github.io/group-site/a.480w.png 480w, https://org.github.io/group-site/a.png 960w">'),
        ('<a href="https://else.example/?a=1&amp;b=2">', '<a href="https://else.example/?a=1&amp;b=2">'),
        ('<a href="mailto:us@example.org">', '<a href="mailto:us@example.org">'),
        ('<a title=\'say href="#no"\' data-note="src=/no" href="#yes">', f'<a title=\'say href="#no"\' data-note="src=/no" href="{PAGE}#yes">'),
        ("<code>&lt;a href='#top'&gt;</code> src='/x'", "<code>&lt;a href='#top'&gt;</code> src='/x'"),
    ],
)
def test_feed_html_refers_by_absolute_urls(html: str, absolute: str) -> None:
    assert absolutize_html(html, PAGE) == absolute


def test_urls_at_the_domain_root_and_without_trailing_slash() -> None:
    assert Urls("https://example.org").path("posts/") == "/posts/"
    assert Urls("https://example.org/sub").path("posts/") == "/sub/posts/"


def test_non_ascii_routes_are_percent_encoded() -> None:
    assert Urls("https://e.org/").path("posts/привет/") == "/posts/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/"


def test_asset_urls() -> None:
    urls = Urls("https://org.github.io/g/")
    assert asset_url("__GHOST_URL__/content/images/x.jpg", urls) == "/g/content/images/x.jpg"
    assert asset_url("/images/x.png", urls) == "/g/images/x.png"
    assert asset_url("static/images/x.png", urls) == "/g/images/x.png"
    assert asset_url("images/x.png", urls) == "/g/images/x.png"
    assert asset_url("https://cdn.example/x.png", urls) == "https://cdn.example/x.png"


def test_output_files_and_escapes() -> None:
    assert output_file("") == "index.html"
    assert output_file("posts/x/") == "posts/x/index.html"
    assert output_file("feed.xml") == "feed.xml"
    # Routes that name the same file the long way round give the same output file.
    assert output_file("posts//x/") == output_file("posts/./x/") == "posts/x/index.html"
    for bad in ("../x/", "posts/../../x/", "/etc/", "a\\..\\b"):
        assert route_escapes(bad)
    assert not route_escapes("posts/x/")

