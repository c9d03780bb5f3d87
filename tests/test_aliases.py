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
