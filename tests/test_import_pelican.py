"""`ugsite import` of a Pelican site shaped like a real group's: metadata headers, reST, a translation, old addresses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, front, read_tree, run_cli, write_tree

from ugsite.commands.import_site import SITE_KINDS as KINDS
from ugsite.importers.pelican import pelican_slug
from ugsite.importers.restructuredtext import convert_rst

FIXTURE = REPO / "tests/fixtures/pelican-group"
NOW = "2026-11-29T10:00:00Z"
# Each page of the old site: its new file, title, date, a sentence of its text, its images, its old address.
PAGES = [
    ("posts/2019-03-14-async-basics-from-callbacks-to-asyncio.md", "Async basics: from callbacks to asyncio",
     "2019-03-14T18:30:00+02:00", "Maria started with plain callbacks", ["/site/images/async.png", "/site/images/room.png"],
     "talks/2019/async-basics-from-callbacks-to-asyncio/"),
    ("posts/2019-06-11-packaging-without-tears.md", "Packaging without tears", "2019-06-11T18:30:00+03:00",
     "Jussi built a package from an empty folder", [], "talks/2019/packaging-without-tears/"),
    ("posts/2019-02-12-first-meetup.md", "Our first meetup!", "2019-02-12T00:00:00+02:00",
     "Twenty people came to the City Library", ["/site/images/first.png"], "meetups/2019/first-meetup/"),
    ("posts/2019-02-12-first-meetup-fi.md", "Ensimmäinen tapaaminen", "2019-02-12T00:00:00+02:00",
     "Kaksikymmentä ihmistä tuli kirjastoon", [], "first-meetup-fi.html"),
    ("posts/2019-05-25-sprint-day.md", "Sprint day", "2019-05-25T10:00:00+03:00", "We sprinted on open-source projects",
     [], "misc/2019/sprint-day/"),
    ("pages/about-us.md", "About us", None, "Lakeside Python meets on the second Tuesday", ["/site/images/room.png"],
     "about-us.html"),
    ("pages/code-of-conduct.md", "Code of conduct", None, "Everyone is welcome at Lakeside Python.", [],
     "code-of-conduct.html"),
]
NEW_ADDRESSES = {"posts/2019-02-12-first-meetup-fi.md": "meetups/2019/first-meetup-fi/",
                 "posts/2019-05-25-sprint-day.md": "2019/sprint-day/", "pages/about-us.md": "about-us/",
                 "pages/code-of-conduct.md": "code-of-conduct/"}


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(FIXTURE), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the Jinja include of the about page needs a person
    assert result.stderr.splitlines()[0] == ("content/pages/about.md:6: needs a person: Jinja {% include "
                                             "'sponsors.html' %} (run by the jinja2content plugin) has no equivalent; "
                                             "left as it is")
    assert "ugsite: imported a pelican site: wrote 20 files" in result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    return site


def test_the_site_builds_and_every_page_and_old_address_works(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert [line for line in check.stderr.splitlines() if ": warning: " in line] == [
        "pages/about-us.md:8: warning: the page shows template code as text: {% include 'sponsors.html' %}"]
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["title"], config["timezone"], config["language"]) == (
        "Lakeside Python User Group", "Europe/Helsinki", "en")
    assert (config["base_url"], config["permalink"]) == ("https://lakeside-python.github.io/site/",
                                                          "/{categories}/{year}/{slug}/")
    for path, title, date, text, images, old in PAGES:
        new = NEW_ADDRESSES.get(path, old)
        html = (out / new / "index.html").read_text(encoding="utf-8")
        assert f"<title>{title} · Lakeside Python User Group</title>" in html, path
        assert date is None or f'<time datetime="{date}">' in html, path
        assert text in html, path
        for image in images:
            assert f'src="{image}"' in html and (out / image.removeprefix("/site/")).is_file(), (path, image)
        if new != old:
            assert f'url=/site/{new}"' in (out / (old if old.endswith(".html") else old + "index.html")).read_text(
                encoding="utf-8"), path
    talk = (out / "talks/2019/async-basics-from-callbacks-to-asyncio/index.html").read_text(encoding="utf-8")
    assert 'href="/site/meetups/2019/first-meetup/"' in talk and 'href="/site/code-of-conduct/"' in talk
    assert '<code class="language-python">' in talk
    rst = (out / "talks/2019/packaging-without-tears/index.html").read_text(encoding="utf-8")
    assert '<h2 id="what-we-covered">What we covered</h2>' in rst
    assert "<li>writing <code>pyproject.toml</code></li>" in rst and 'href="https://pypi.org/project/build/"' in rst
    assert '<code class="language-toml">' in rst
    sprint = (out / "2019/sprint-day/index.html").read_text(encoding="utf-8")
    assert 'href="/site/tags/asyncio/"' in sprint and 'href="/site/categories/talks/"' in sprint
    assert (out / "CNAME").read_text(encoding="utf-8") == "lakeside-python.example\n"
    assert not (out / "2019/summer-picnic").exists()  # a draft


def test_fields_come_over_or_are_reported(imported: Path) -> None:
    assert front(imported / "posts/2019-03-14-async-basics-from-callbacks-to-asyncio.md") == {
        "title": "Async basics: from callbacks to asyncio", "date": "2019-03-14 18:30", "updated": "2019-03-20 09:00",
        "categories": ["talks"], "tags": ["asyncio", "talks"], "image": "/images/async.png",
        "authors": ["Maria Virtanen", "Jussi Korhonen"],
        "summary": "Maria walked us through asyncio from first principles.",
        "extra": {"speaker": "Maria Virtanen", "video": "https://www.youtube.com/watch?v=a1b2c3d4e5f",
                  "slides": "https://slides.example.org/async-basics", "location": "City Library, room 2"},
    }
    assert front(imported / "posts/2019-02-12-first-meetup.md") == {
        "title": "Our first meetup!", "date": "2019-02-12", "categories": ["Meetups"],
        "tags": ["community", "beginners"]}
    assert front(imported / "posts/2019-02-12-first-meetup-fi.md")["extra"] == {"language": "fi"}
    assert front(imported / "posts/drafts/2019-08-10-summer-picnic.md") == {
        "title": "Summer picnic", "date": "2019-08-10", "draft": True}
    assert front(imported / "posts/2019-06-11-packaging-without-tears.md") == {
        "title": "Packaging without tears", "date": "2019-06-11 18:30", "categories": ["talks"],
        "tags": ["packaging", "talks"], "author": "Jussi Korhonen",
        "summary": "Jussi showed pyproject.toml from scratch.", "extra": {"speaker": "Jussi Korhonen"}}
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    for line in ("`content/talks/2019-03-14-async-basics.md`: kept under extra: location, slides, speaker, video",
                 "`content/talks/2019-03-14-async-basics.md`: the category 'talks' comes from the folder's name",
                 "`content/talks/2019-03-14-async-basics.md:24`: the link {filename}/2019-02-12-first-meetup.md "
                 "became 2019-02-12-first-meetup.md",
                 "`content/2019-02-12-first-meetup.md:12`: the link |filename|/talks/2019-03-14-async-basics.md became "
                 "2019-03-14-async-basics-from-callbacks-to-asyncio.md",
                 "`content/talks/2019-06-11-packaging.rst`: the reStructuredText became Markdown",
                 "`content/pages/about.md:2`: 'template' (the old theme's template for it) was left out",
                 "`content/pages/about.md`: became pages/about-us.md",
                 "`content/extra/CNAME`: went to static/CNAME (EXTRA_PATH_METADATA)",
                 "`content/images`: 3 images and other files went to static/images",
                 "`pelicanconf.py`: settings: author, base_url, language, permalink, timezone, title came over",
                 "`pelicanconf.py:22`: 'DEFAULT_DATE_FORMAT' was left out: ugsite's theme formats dates itself",
                 "`pelicanconf.py:24`: the setting 'PLUGINS' has no ugsite equivalent and was left out",
                 "`pelicanconf.py:31`: the setting 'THEME_STATIC_DIR' is worked out when the file runs",
                 "`publishconf.py:8`: its SITEURL (the published site's address) became base_url",
                 "`posts/2019-05-25-sprint-day.md`: its old address /misc/2019/sprint-day/ redirects",
                 "`themes/`: the old theme; left out", "`Makefile`: the old build's commands; left out"):
        assert line in report, line


def test_an_unknown_field_goes_under_extra_and_into_the_report(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    post = source / "content/talks/2019-03-14-async-basics.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Slides:", "Speaker_Deck:"), encoding="utf-8")
    assert run_cli("import", str(source), str(tmp_path / "site"), "--now", NOW).returncode == 1
    assert front(tmp_path / "site/posts/2019-03-14-async-basics-from-callbacks-to-asyncio.md")["extra"] == {
        "speaker": "Maria Virtanen", "video": "https://www.youtube.com/watch?v=a1b2c3d4e5f",
        "speaker_deck": "https://slides.example.org/async-basics", "location": "City Library, room 2"}
    assert "`content/talks/2019-03-14-async-basics.md`: kept under extra: location, speaker, speaker_deck, video" in (
        tmp_path / "site/import-report.md").read_text(encoding="utf-8")


def test_a_second_run_changes_nothing(imported: Path) -> None:
    before = read_tree(imported)
    again = run_cli("import", str(FIXTURE), str(imported), "--now", NOW)
    assert again.returncode == 1 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before


def test_a_folder_with_pelicanconf_is_pelican(tmp_path: Path) -> None:
    """pelicanconf.py decides, even beside a _posts/ folder (which alone would say Jekyll)."""
    (tmp_path / "pelicanconf.py").write_text("SITENAME = 'x'\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(tmp_path)) == "pelican"
    assert not KINDS["pelican"][0](FIXTURE / "content")


def test_settings_are_read_without_running_them(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    (source / "pelicanconf.py").write_text("import os\nSITENAME = 'Group'\nos.remove('x')\nTIMEZONE = os.environ['TZ']\n"
                                           "ARTICLE_URL = 'posts/{slug}.html'\n", encoding="utf-8")
    assert run_cli("import", str(source), str(tmp_path / "site"), "--now", NOW).returncode == 1
    report = (tmp_path / "site/import-report.md").read_text(encoding="utf-8")
    assert "`pelicanconf.py:4`: 'TIMEZONE' is worked out when the file runs, which the import does not do" in report
    assert yaml.safe_load((tmp_path / "site/ugsite.yaml").read_text(encoding="utf-8"))["permalink"] == \
        "/posts/{slug}.html"


def test_pelican_slugs() -> None:
    assert pelican_slug("Async basics: from callbacks to asyncio") == "async-basics-from-callbacks-to-asyncio"
    assert pelican_slug("Café & Code_Night!") == "cafe-code_night"
    assert pelican_slug("  Python   3.12 -- what's new ") == "python-312-whats-new"


def test_restructuredtext_becomes_markdown_and_what_has_no_form_is_reported() -> None:
    text = ("Title\n#####\n\n:date: 2019-01-01\n\n.. note:: Bring a laptop.\n\n=====  =====\nName   Room\n"
            "=====  =====\nAda    2\n=====  =====\n\nTerm\n   Its definition.\n\n.. raw:: html\n\n   <iframe></iframe>\n")
    rst = convert_rst(text, "content/x.rst")
    assert (rst.title, rst.fields, rst.html) == ("Title", {"date": "2019-01-01"}, True)
    assert rst.body == ("> **Note:** Bring a laptop.\n\n| Name | Room |\n| --- | --- |\n| Ada | 2 |\n\n"
                        "Term\n\nIts definition.\n\n<iframe></iframe>\n")
    assert [n.format() for n in rst.notes] == [
        "content/x.rst:14: needs a person: the reStructuredText definition_list has no Markdown form here; its text "
        "came over as plain paragraphs: check it",
        "content/x.rst:17: converted: raw HTML came over as it is"]


def test_a_static_link_to_a_file_the_source_lacks_led_nowhere_before_and_is_listed(tmp_path: Path) -> None:
    """Pelican warns about `{static}` naming a file it does not have and writes the placeholder as it is: the old
    page linked to nothing. The link stays, in broken_links:, and needs nobody; one to a file the source has comes
    over."""
    source = tmp_path / "old"
    write_tree(source, {
        "pelicanconf.py": "SITENAME = 'Riverside Python'\nSITEURL = 'https://py.example'\nPATH = 'content'\n"
                          "STATIC_PATHS = ['images']\nTIMEZONE = 'America/Recife'\n",
        "content/2019-01-03-thanks.md": "Title: Thanks\nDate: 2019-01-03 10:00\n\n"
                                        "![Sponsor]({static}/images/sponsor.jpg)\n![Us]({static}/images/us.jpg)\n",
        "content/images/us.jpg": b"\xff\xd8\xff\xd9",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    post = next((site / "posts").rglob("*.md"))
    assert front(post)["broken_links"] == ["{static}/images/sponsor.jpg"]
    assert "![Us](/images/us.jpg)" in post.read_text(encoding="utf-8")
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert ("- `content/2019-01-03-thanks.md:4`: the link {static}/images/sponsor.jpg names a file the source does "
            "not have, so Pelican left it as it was and it led nowhere on the old site either") in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr
