"""`aliases:`: old addresses of posts, pages and events keep working as small redirect pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import build_site, messages, run_cli

SiteMaker = Callable[..., Path]


def test_each_old_address_redirects_and_is_in_no_sitemap(make_site: SiteMaker) -> None:
    root = make_site({
        "posts/2019-05-01-first.md": "---\ntitle: First & best\naliases: [/2019/05/first.html, /blog/first/, old-first]\n"
                                     "---\nText\n",
        "pages/about.md": "---\ntitle: About\naliases: /about-us/\n---\nText\n",
        "events/2026-12-01-meet.yaml": "uid: meet@x\ntitle: Meet\nstart: 2026-12-01 18:00\nonline: https://meet.example/\n"
                                      "aliases: [/meetups/2026-12/]\n",
    })
    report = build_site(root)
    assert report.written, messages(report)
    out = root / "public"
    redirect = (out / "2019/05/first.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://org.github.io/group-site/posts/first/">' in redirect
    assert '<meta http-equiv="refresh" content="0; url=/group-site/posts/first/">' in redirect
    assert '<a href="/group-site/posts/first/">First &amp; best</a>' in redirect
    for alias, target in (("blog/first/", "posts/first/"), ("old-first/", "posts/first/"), ("about-us/", "about/"),
                          ("meetups/2026-12/", "events/2026-12-01-meet/")):
        assert f'url=/group-site/{target}"' in (out / alias / "index.html").read_text(encoding="utf-8")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "blog/first" not in sitemap and "about-us" not in sitemap and "posts/first/" in sitemap
    assert "blog/first" not in (out / "feed.xml").read_text(encoding="utf-8")
    check = run_cli("check", str(root), "--links", "--strict", "--now", "2026-11-01")
    assert check.returncode == 0, check.stderr


def test_an_alias_that_is_no_path_or_is_taken_is_an_error(make_site: SiteMaker) -> None:
    root = make_site({
        "posts/2019-05-01-first.md": "---\naliases: ['https://old.example/x/', '/?p=12', '../../etc/', /posts/second/]\n"
                                     "---\nText\n",
        "posts/2019-05-02-second.md": "Text\n",
    })
    report = build_site(root)
    assert not report.written
    assert [m for m in messages(report) if ": error: " in m] == [
        "posts/2019-05-01-first.md:2: error: 'aliases' lists 'https://old.example/x/', which is not a path on this site",
        "posts/2019-05-01-first.md:2: error: 'aliases' lists '/?p=12', which is not a path on this site",
        "posts/2019-05-01-first.md:2: error: 'aliases' lists '../../etc/', which is not a path on this site",
    ]
    (root / "posts/2019-05-01-first.md").write_text("---\naliases: [/posts/second/]\n---\nText\n", encoding="utf-8")
    report = build_site(root)
    assert [m for m in messages(report) if ": error: " in m] == [
        "posts/2019-05-01-first.md: error: posts/2019-05-01-first.md and posts/2019-05-02-second.md would both "
        "write posts/second/index.html"]


def test_permalinks_as_jekyll_writes_them(make_site: SiteMaker) -> None:
    """{categories}, {title} (the file name's, case kept) and {filename}, and .html addresses."""
    config = "title: T\nbase_url: https://org.github.io/g/\ntimezone: Europe/Berlin\n"
    files = {
        "posts/2019-05-01-First-Meetup.md": "---\ncategories: [Meetups, Python]\n---\nText\n",
        "posts/2019-06-01-no-category.md": "Text\n",
    }
    root = make_site({**files, "ugsite.yaml": config + "permalink: /{categories}/{year}/{month}/{day}/{title}.html\n"})
    assert build_site(root).written
    assert (root / "public/meetups/python/2019/05/01/First-Meetup.html").is_file()
    assert (root / "public/2019/06/01/no-category.html").is_file()  # no categories: no empty folder
    sitemap = (root / "public/sitemap.xml").read_text(encoding="utf-8")
    assert "https://org.github.io/g/meetups/python/2019/05/01/First-Meetup.html" in sitemap
    assert run_cli("check", str(root), "--links", "--now", "2026-11-01").returncode == 0
    root = make_site({**files, "ugsite.yaml": config + "permalink: /blog/{filename}/\n"}, name="other")
    assert build_site(root).written
    assert (root / "public/blog/2019-05-01-First-Meetup/index.html").is_file()


def test_two_posts_with_one_address_name_the_setting_that_separates_them(make_site: SiteMaker) -> None:
    root = make_site({"posts/2019-05-01-recap.md": "Text\n", "posts/2020-05-01-recap.md": "Text\n"})
    report = build_site(root)
    assert not report.written
    (problem,) = report.problems
    assert problem.message == \
        "posts/2019-05-01-recap.md and posts/2020-05-01-recap.md would both write posts/recap/index.html"
    assert problem.hint == ("give one of them another slug: (slug: ...), or put the date in every post's address: "
                            "permalink: /{year}/{month}/{day}/{slug}/ in ugsite.yaml")


def test_an_alias_that_is_the_pages_own_address_needs_no_redirect(make_site: Callable[..., Path]) -> None:
    site = make_site({"pages/about.md": "---\ntitle: About\naliases: [/about/index.html, /about.html]\n---\nHi.\n"})
    report = build_site(site)
    assert not report.failed, messages(report)
    assert "Hi." in (site / "public/about/index.html").read_text(encoding="utf-8")
    assert 'url=/group-site/about/"' in (site / "public/about.html").read_text(encoding="utf-8")
