"""Slugs from any title, URLs under a sub-path, and no way out of the output folder."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ugsite.content.slugs import slug_problem, slugify
from ugsite.content.urls import Urls, asset_url, output_file, route_escapes


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café & Code: Ünïcode!", "cafe-code-unicode"),
        ("Hello, World", "hello-world"),
        ("Straße der Pythonistas", "strasse-der-pythonistas"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("Привет, мир", "привет-мир"),
        ("2026-05-14-my-post", "2026-05-14-my-post"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@given(st.text())
def test_slugify_never_makes_a_path(title: str) -> None:
    slug = slugify(title)
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

