"""`ugsite import` of a mynt site shaped like a real group's: dated posts with times, Jinja helpers, _assets/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, front, read_tree, run_cli

from ugsite.commands.import_site import SITE_KINDS as KINDS

FIXTURE = REPO / "tests/fixtures/mynt-group"
NOW = "2026-11-29T10:00:00Z"
# Each post of the old site: its new file, title, date, a sentence of its text, its images, its old address.
PAGES = [
    ("posts/2020-01-14-New-Year-Kickoff.md", "New year kickoff", "2020-01-14T18:30:00+00:00",
     "We planned the talks for 2020 over pizza.", ["/static/images/whiteboard.png"], "2020/01/New-Year-Kickoff/"),
    ("posts/2020-02-11-type-hints.md", "Type hints in practice", "2020-02-11T19:00:00+00:00",
     "Aroha showed how a team adds type hints", [], "2020/02/type-hints/"),
    ("posts/2019-12-10-year-review.md", "2019 in review", "2019-12-10T00:00:00+00:00", "Twelve meetups, thirty talks.",
     [], "2019/12/year-review/"),
]


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(FIXTURE), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stderr.splitlines() if ": needs a person: " in line] == [
        "_posts/2020-02-11-1900-type-hints.md:19: needs a person: Jinja {{ sponsor_name }} (run by mynt) cannot be "
        "worked out; left as it is"]
    assert "ugsite: imported a mynt site: wrote 15 files" in result.stderr  # about.html is pages/about.md
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    return site


def test_the_site_builds_and_every_post_keeps_its_address(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert [line for line in check.stderr.splitlines() if ": warning: " in line] == [
        "posts/2020-02-11-type-hints.md:20: warning: the page shows template code as text: {{ sponsor_name }}"]
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["title"], config["base_url"], config["permalink"]) == (
        "Harbour City Python", "https://harbourpython.example/", "/{year}/{month}/{title}/")
    for path, title, date, text, images, old in PAGES:
        html = (out / old / "index.html").read_text(encoding="utf-8")  # the old address is the page itself
        assert f"<title>{title} · Harbour City Python</title>" in html, path
        assert f'<time datetime="{date}">' in html and text in html, path
        for image in images:
            assert f'src="{image}"' in html and (out / image.lstrip("/")).is_file(), (path, image)
    kickoff = (out / "2020/01/New-Year-Kickoff/index.html").read_text(encoding="utf-8")
    assert 'href="/2020/02/type-hints/"' in kickoff and "get_asset" not in kickoff
    assert (out / "static/css/site.css").is_file() and (out / "CNAME").is_file()


def test_fields_come_over_or_are_reported(imported: Path) -> None:
    assert front(imported / "posts/2020-02-11-type-hints.md") == {
        "title": "Type hints in practice", "date": "2020-02-11 19:00", "tags": ["talks", "typing"],
        "extra": {"speaker": "Aroha Ngata", "slides": "https://slides.example.org/type-hints",
                  "video": "https://www.youtube.com/watch?v=x9y8z7w6v5u"}}
    assert front(imported / "posts/2019-12-10-year-review.md") == {
        "title": "2019 in review", "date": "2019-12-10", "tags": ["meetup"]}
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    for line in ("`_posts/2020-01-14-1830-New-Year-Kickoff.md:10`: Jinja {{ get_asset('images/whiteboard.png') }} "
                 "became /static/images/whiteboard.png",
                 "`_posts/2020-01-14-1830-New-Year-Kickoff.md:12`: Jinja {{ get_url('/2020/02/type-hints/') }} became "
                 "2020-02-11-type-hints.md",
                 "`_posts/2020-01-14-1830-New-Year-Kickoff.md:2`: 'layout' (the old theme's template for it) was left "
                 "out", "`_posts/2020-01-14-1830-New-Year-Kickoff.md`: kept under extra: venue",
                 "`_assets/`: 2 files went to static/static/", "`CNAME`: went to static/CNAME (include)",
                 "`_templates/`: the old theme's templates", "`index.html`: a page that lists posts or tags",
                 "`config.yml`: the setting 'date_format' has no ugsite equivalent and was left out"):
        assert line in report, line


def test_an_unknown_field_goes_under_extra_and_into_the_report(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    post = source / "_posts/2020-02-11-1900-type-hints.md"
    post.write_text(post.read_text(encoding="utf-8").replace("slides:", "deck:"), encoding="utf-8")
    assert run_cli("import", str(source), str(tmp_path / "site"), "--now", NOW).returncode == 1
    assert front(tmp_path / "site/posts/2020-02-11-type-hints.md")["extra"] == {
        "speaker": "Aroha Ngata", "deck": "https://slides.example.org/type-hints",
        "video": "https://www.youtube.com/watch?v=x9y8z7w6v5u"}
    assert "`_posts/2020-02-11-1900-type-hints.md`: kept under extra: deck, speaker, video" in (
        tmp_path / "site/import-report.md").read_text(encoding="utf-8")


def test_old_addresses_redirect_when_posts_url_has_no_ugsite_form(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    config = source / "config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("/<year>/<month>/<title>/",
                                                                 "/<year>/<i_month>/<title>.html"), encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 1
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert 'url=/posts/new-year-kickoff/"' in (site / "public/2020/1/New-Year-Kickoff.html").read_text(encoding="utf-8")


def test_a_second_run_changes_nothing(imported: Path) -> None:
    before = read_tree(imported)
    again = run_cli("import", str(FIXTURE), str(imported), "--now", NOW)
    assert again.returncode == 1 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before


def test_mynt_is_not_taken_for_jekyll_nor_jekyll_for_mynt(tmp_path: Path) -> None:
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(FIXTURE)) == "mynt"
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(REPO / "tests/fixtures/jekyll-group")) \
        == "jekyll"
    (tmp_path / "_posts").mkdir()
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(tmp_path)) == "jekyll"  # no config.yml
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "config.yml").write_text("title: x\n", encoding="utf-8")
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(tmp_path)) == "jekyll"


def test_posts_the_old_site_published_at_one_address_each_get_their_own(tmp_path: Path) -> None:
    """With posts_url /news/<title>/ two yearly posts of one title shared an address; the last one overwrote the first."""
    source = tmp_path / "source"
    (source / "_posts").mkdir(parents=True)
    (source / "config.yml").write_text("title: Harbour Python\nposts_url: /news/<title>/\n", encoding="utf-8")
    for day in ("2023-06-01", "2024-06-01"):
        (source / f"_posts/{day}-volunteer-awards.md").write_text(
            f"---\ntitle: Volunteer awards\n---\nThe awards of {day[:4]}.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    first = yaml.safe_load((site / "posts/2023-06-01-volunteer-awards.md").read_text(encoding="utf-8").split("---\n")[1])
    second = yaml.safe_load((site / "posts/2024-06-01-volunteer-awards.md").read_text(encoding="utf-8").split("---\n")[1])
    assert "slug" not in first and second["slug"] == "2024-06-01-volunteer-awards" and "aliases" not in second
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "`_posts/2024-06-01-volunteer-awards.md`: posts/2024-06-01-volunteer-awards.md would be published at the " \
           "address of posts/2023-06-01-volunteer-awards.md, so it got the slug 2024-06-01-volunteer-awards" in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert "The awards of 2023" in (site / "public/news/volunteer-awards/index.html").read_text(encoding="utf-8")
    assert "The awards of 2024" in (
        site / "public/news/2024-06-01-volunteer-awards/index.html").read_text(encoding="utf-8")


def test_mynt_yml_is_read_as_mynt_0_4_names_its_settings(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "_posts").mkdir(parents=True)
    (source / "mynt.yml").write_text("title: Harbour Python\nposts_url: /news/<title>/\n", encoding="utf-8")
    (source / "_posts/2023-06-01-awards.md").write_text("---\ntitle: Awards\n---\nText.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0 and "imported a mynt site" in result.stderr, result.stderr
    assert yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))["title"] == "Harbour Python"
    (source / "mynt.yml").unlink()
    bare = run_cli("import", str(source), str(tmp_path / "bare"), "--from", "mynt", "--now", NOW)
    assert bare.returncode == 1 and "needs a person: no mynt.yml or config.yml" in bare.stderr, bare.stderr


def test_the_pages_mynt_rendered_come_over_with_the_text_of_their_block(tmp_path: Path) -> None:
    """mynt renders each .html outside `_` folders at its path and copies the other files: a page's content block
    is its text, a page that lists the posts is ugsite's own list, its folder's other files are static."""
    source = tmp_path / "old"
    shutil.copytree(FIXTURE, source)
    (source / "docs/start").mkdir(parents=True)
    (source / "docs/start/index.html").write_text(
        "{% extends 'layout.html' %}\n{% set crumbs = (('Docs',), ('Start',)) %}\n{% block title %}Getting started"
        "{% endblock %}\n{% block content %}\n    <h1 id=\"install\">Install</h1>\n\n        <p>See the "
        "<a href=\"{{ get_url('2020/02/type-hints/') }}\">talk</a>.</p>\n    <pre><code>$ pip install x\n"
        "    $ x --help</code></pre>\n{% endblock %}\n", encoding="utf-8")
    (source / "docs/start/diagram.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (source / "blog").mkdir()
    (source / "blog/index.html").write_text(
        "{% extends 'layout.html' %}{% block content %}{% for post in posts %}{{ post.title }}{% endfor %}"
        "{% endblock %}", encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the fixture's {{ sponsor_name }}
    assert front(site / "pages/docs/start.md") == {"title": "Getting started"}
    assert (site / "pages/docs/start.md").read_text(encoding="utf-8").split("---\n", 2)[2] == (
        '<h1 id="install">Install</h1>\n\n<p>See the <a href="/2020/02/type-hints/">talk</a>.</p>\n'
        "<pre><code>$ pip install x\n    $ x --help</code></pre>\n")
    assert (site / "static/docs/start/diagram.svg").is_file() and not (site / "pages/blog.md").exists()
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert ("`docs/start/index.html`: a page: the text of its block content became pages/docs/start.md, at its old "
            "address /docs/start/") in report
    assert "`blog/index.html`: a page that lists the site's posts (or its tags or archives)" in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert '<h1 id="install">Install</h1>' in (site / "public/docs/start/index.html").read_text(encoding="utf-8")


def test_jinja_a_page_shows_as_code_is_shown_and_does_not_make_it_a_list(tmp_path: Path) -> None:
    source = tmp_path / "old"
    shutil.copytree(FIXTURE, source)
    (source / "docs").mkdir()
    (source / "docs/index.html").write_text(
        "{% extends 'layout.html' %}{% block content %}<p>Loop over the posts:</p>\n"
        "<pre><code>{{ \"{% for post in posts %}\" }}</code></pre>\n"
        "<pre><code>{% raw %}{{ post.title }}{% endraw %}</code></pre>\n{% endblock %}", encoding="utf-8")
    site = tmp_path / "site"
    run_cli("import", str(source), str(site), "--now", NOW)
    assert (site / "pages/docs.md").read_text(encoding="utf-8").split("---\n", 2)[2] == (
        "<p>Loop over the posts:</p>\n<pre><code>{% for post in posts %}</code></pre>\n"
        "<pre><code>{{ post.title }}</code></pre>\n")
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "`docs/index.html:2`: Jinja {{ \"{% for post in posts %}\" }} became the text it prints" in report
