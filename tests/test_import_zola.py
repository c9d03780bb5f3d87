"""`ugsite import` of a Zola site shaped like a real group's: a blog section, a bundle, shortcodes, old addresses."""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO, front, read_tree, run_cli, write_tree

from ugsite.importers.hugo import is_hugo
from ugsite.importers.zola import is_zola

FIXTURE = REPO / "tests/fixtures/zola-group"
HUGO_FIXTURE = REPO / "tests/fixtures/hugo-group"
NOW = "2026-11-29T10:00:00Z"


@dataclass(frozen=True)
class Expected:
    """What one page of the old site must be after the import and a build."""

    file: str  # the new file
    route: str  # where ugsite publishes it
    title: str
    date: str | None  # as <time datetime=...> shows it
    text: str  # the text of its body, tags left out
    images: tuple[str, ...] = ()  # the images in its body
    old: tuple[str, ...] = ()  # old addresses that redirect to it


PAGES = {
    "content/blog/2024-03-12-first-meetup.md": Expected(
        "posts/2024-03-12-first-meetup.md", "posts/first-meetup/", "Our first meetup", "2024-03-12T00:00:00+00:00",
        "Thirty people came to the library for our very first meetup. Ana explained ownership with a box of crayons. "
        "Watch the video on YouTube Want to help? Read about the organizers.",
        old=("blog/first-meetup/", "2024/03/first-meetup/")),
    "content/blog/rust-at-work/index.md": Expected(
        "posts/rust-at-work.md", "posts/rust-at-work/", "Rust at work: a panel", "2024-05-14T16:30:00+00:00",
        "Four companies told us how they use Rust in production.", images=("/blog/rust-at-work/audience.png",),
        old=("blog/rust-at-work/",)),
    "content/blog/summer-break.md": Expected(
        "posts/summer-break.md", "posts/summer-break/", "Summer break", "2024-07-01T09:00:00+00:00",
        "No meetups in July and August. See you in September!", old=("news/summer-break/",)),
    "content/about.md": Expected(
        "pages/about.md", "about/", "About us", None,
        'Lakeside Rustaceans is a meetup for everyone who writes Rust, or wants to. Organizers Ana, Ben and Dana. '
        'Write to us: {{ contact_form(to="hello") }}', images=("/images/logo.png",)),
}


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(FIXTURE), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the time zone and one unknown shortcode need a person
    assert [line for line in result.stderr.splitlines() if ": needs a person: " in line] == [
        "config.toml: needs a person: Zola has no time-zone setting, so the site's is UTC: set timezone in "
        "ugsite.yaml to the group's, or event times will be off",
        'content/about.md:11: needs a person: the shortcode {{ contact_form(to="hello") }} has no equivalent; left '
        "as it is"]
    assert "ugsite: imported a zola site: wrote 20 files" in result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")  # as if installed from PyPI
    return site


def shown(page: str) -> tuple[str, tuple[str, ...]]:
    """Return the text and the images of a built page's body."""
    body = re.search(r'<div class="prose" data-pagefind-body>(.*?)</div>', page, re.S)
    assert body is not None
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body.group(1)))).strip()
    return re.sub(r" ([.,:;!])", r"\1", text), tuple(re.findall(r'<img src="([^"]+)"', body.group(1)))


def test_the_site_builds_and_every_page_and_old_address_comes_over(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert [line for line in check.stderr.splitlines() if ": warning: " in line] == [
        'pages/about.md:10: warning: the page shows template code as text: {{ contact_form(to="hello") }}']
    build = run_cli("build", str(imported), "--now", NOW)
    assert build.returncode == 0, build.stderr
    assert "left out 1 draft" in build.stdout
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert {k: config[k] for k in ("title", "description", "base_url", "language", "timezone", "author")} == {
        "title": "Lakeside Rustaceans", "description": "Monthly Rust meetups by the lake.",
        "base_url": "https://lakeside-rust.example/", "language": "en", "timezone": "UTC",
        "author": "Lakeside Rustaceans organizers"}
    origins = {}
    for source, page in PAGES.items():
        assert front(imported / page.file)["title"] == page.title, source
        built = (out / page.route / "index.html").read_text(encoding="utf-8")
        assert f"<title>{html.escape(page.title, quote=False)} · Lakeside Rustaceans</title>" in built, source
        assert (f'<time datetime="{page.date}">' in built) if page.date else "<time" not in built, source
        assert shown(built) == (page.text, page.images), source
        for old in page.old:
            assert f'url=/{page.route}"' in (out / old / "index.html").read_text(encoding="utf-8"), (source, old)
        origins[page.file] = source
    assert {path for path in read_tree(imported) if path.startswith(("posts/", "pages/"))} == {
        *origins, "posts/2024-09-10-lightning-talks.md", "pages/_index.md"}


def test_links_images_and_the_home_page(imported: Path) -> None:
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    first = (out / "posts/first-meetup/index.html").read_text(encoding="utf-8")
    assert 'href="/about/#organizers"' in first and 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in first
    workshop = (out / "events/2024-04-09-async-workshop/index.html").read_text(encoding="utf-8")
    assert 'href="/posts/first-meetup/"' in workshop  # its link to a post, from its new folder
    assert 'url=/events/2024-04-09-async-workshop/"' in (out / "blog/async-rust-workshop/index.html").read_text(
        encoding="utf-8")
    panel = (out / "posts/rust-at-work/index.html").read_text(encoding="utf-8")
    assert '<img src="/blog/rust-at-work/audience.png" alt="The audience" title="A full room at the panel"' in panel
    assert '<img class="cover" src="/blog/rust-at-work/audience.png"' in panel
    assert (out / "blog/rust-at-work/audience.png").is_file()  # the bundle's image, where the old page had it
    assert (out / "CNAME").read_text(encoding="utf-8") == "lakeside-rust.example\n"
    assert (out / "images/logo.png").is_file()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Every second Tuesday we meet by the lake" in home and 'href="/posts/">our blog</a>' in home
    assert not (out / "posts/lightning-talks").exists()


def test_fields_come_over_or_are_reported(imported: Path) -> None:
    assert front(imported / "posts/2024-03-12-first-meetup.md") == {
        "title": "Our first meetup", "date": "2024-03-12", "tags": ["meetup", "ownership"], "categories": ["meetups"],
        "description": "Thirty people, pizza and a talk about ownership.",
        "aliases": ["/blog/first-meetup/", "/2024/03/first-meetup/"],
        "summary": "Thirty people came to the library for our very first meetup."}
    assert yaml.safe_load((imported / "events/2024-04-09-async-workshop.yaml").read_text(encoding="utf-8")) == {
        "uid": "2024-04-09-async-workshop@lakeside-rust.example", "title": "Async Rust workshop",
        "start": "2024-04-09 18:30", "venue": "lakeside-library",
        "talks": [{"title": "Async Rust workshop", "speakers": [{"name": "Ben Okafor"}],
                   "slides": "https://slides.example/async"}],
        "rsvp": "https://www.meetup.com/lakeside-rust/events/300000001/", "tags": ["async", "Ben Okafor"],
        "description": "Bring a laptop with Rust installed: we build a small web crawler with tokio.\n\nThe "
                       "[first meetup](../posts/2024-03-12-first-meetup.md) was about ownership; this one builds on "
                       "it.", "aliases": ["/blog/async-rust-workshop/"]}
    assert front(imported / "posts/rust-at-work.md") == {
        "title": "Rust at work: a panel", "date": "2024-05-14T18:30:00+02:00", "tags": ["panel"], "author": "Dana Kim",
        "image": "/blog/rust-at-work/audience.png", "aliases": ["/blog/rust-at-work/"]}
    assert front(imported / "posts/summer-break.md") == {
        "title": "Summer break", "date": "2024-07-01T09:00:00+00:00", "updated": "2024-07-02",
        "aliases": ["/news/summer-break/"]}
    assert front(imported / "posts/2024-09-10-lightning-talks.md") == {
        "title": "Lightning talks night", "date": "2024-09-10", "draft": True, "aliases": ["/blog/lightning-talks/"]}
    assert front(imported / "pages/_index.md") == {"title": "Lakeside Rustaceans"}
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    for line in (
            "`content/blog/2024-03-12-first-meetup.md`: became posts/2024-03-12-first-meetup.md, with its title, date, "
            "tags, categories, description, aliases, summary",
            "`content/blog/2024-03-12-first-meetup.md`: the date comes from the file name",
            "`content/blog/2024-03-12-first-meetup.md:18`: the link @/about.md#organizers became "
            "../pages/about.md#organizers",
            "`content/blog/2024-04-09_async-workshop.md`: an event (it gives location, meetup_url, slides, speaker, "
            "time): became events/2024-04-09-async-workshop.yaml, its old address /blog/async-rust-workshop/ an alias",
            "`content/blog/2024-04-09_async-workshop.md`: the taxonomy 'speakers' became tags",
            "`content/blog/rust-at-work/index.md`: the cover image comes from 'banner'",
            "`content/blog/rust-at-work/audience.png`: a file of the page bundle went to "
            "static/blog/rust-at-work/audience.png",
            "`content/blog/summer-break.md:5`: 'path' gave its old address, /news/summer-break/",
            "`content/blog/summer-break.md:6`: 'weight' (an order in the theme's lists) was left out",
            "`content/about.md:3`: 'template' (the theme's template) was left out",
            "`content/_index.md:6`: the link @/blog/_index.md became /posts/",
            "`content/blog/_index.md`: a section's list page (/blog/); its pages became posts, which ugsite lists "
            "at /posts/",
            "`content/blog/_index.md`: its settings were left out (ugsite.yaml's posts_per_page says how many posts "
            "a page lists): page_template, paginate_by, sort_by, template, title",
            "`config.toml`: the setting 'compile_sass' was left out: ugsite's theme brings its own styles",
            "`config.toml`: the theme's setting extra.meetup_url was left out",
            "`data/links.toml`: became data/links.yaml",
            "`static/`: 2 images, downloads and other files went to static/",
            "`templates/`: part of the old theme", "`sass/`: part of the old theme",
            "`README.md`: not part of what Zola builds the site from; left out",
            "`posts/summer-break.md`: its old address /news/summer-break/ redirects to its new one, "
            "/posts/summer-break/"):
        assert line in report, line


def test_a_second_run_changes_nothing(imported: Path) -> None:
    before = read_tree(imported)
    again = run_cli("import", str(FIXTURE), str(imported), "--now", NOW)
    assert again.returncode == 1 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before


def test_an_unknown_field_goes_under_extra_and_into_the_report(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    post = source / "content/blog/2024-03-12-first-meetup.md"
    post.write_text(post.read_text(encoding="utf-8").replace("description =", "teaser ="), encoding="utf-8")
    assert run_cli("import", str(source), str(tmp_path / "site"), "--now", NOW).returncode == 1
    new = front(tmp_path / "site/posts/2024-03-12-first-meetup.md")
    assert new["extra"] == {"teaser": "Thirty people, pizza and a talk about ownership."} and "description" not in new
    assert "`content/blog/2024-03-12-first-meetup.md`: kept under extra: teaser" in (
        tmp_path / "site/import-report.md").read_text(encoding="utf-8")


def test_zola_and_hugo_sites_are_told_apart(tmp_path: Path) -> None:
    assert is_zola(FIXTURE) and not is_hugo(FIXTURE)
    assert is_hugo(HUGO_FIXTURE) and not is_zola(HUGO_FIXTURE)
    hugo = tmp_path / "hugo"
    (hugo / "content").mkdir(parents=True)
    (hugo / "config.toml").write_text('baseURL = "https://x.example/"\ntheme = "ananke"\n[taxonomies]\ntag = "tags"\n',
                                      encoding="utf-8")
    zola = tmp_path / "zola"
    (zola / "content").mkdir(parents=True)
    (zola / "config.toml").write_text('base_url = "https://x.example/"\ntheme = "even"\ntaxonomies = [{name = "tags"}]\n',
                                      encoding="utf-8")
    assert is_hugo(hugo) and not is_zola(hugo)
    assert is_zola(zola) and not is_hugo(zola)
    for source, kind in ((zola, "zola"), (hugo, "hugo")):
        result = run_cli("import", str(source), str(tmp_path / "site"), "--dry-run", "--now", NOW)
        assert f"ugsite: imported a {kind} site: would write" in result.stderr, result.stderr


TOP_BLOG = {
    "zola.toml": 'base_url = "https://bit.example/"\ntitle = "Bit Group"\n[languages.de]\ntitle = "Bit Gruppe"\n'
                 '[extra]\ntimezone = "America/Chicago"\n',
    "content/_index.md": '+++\nsort_by = "date"\n+++\n',
    "content/2024-01-16-seminar-15.md": '+++\ntitle = "Seminar 15"\n[extra]\nmeetup_id = "1"\n+++\nAgenda.\n',
    "content/2024-01-16-seminar-15.de.md": '+++\ntitle = "Seminar 15 (de)"\n+++\nTagesordnung.\n',
    "content/parking.md": '+++\ntitle = "Parking"\n+++\n{% note(kind="tip") %}\nPark behind.\n{% end %}\n\n'
                          'Next: [seminar 15](@/2024-01-16-seminar-15.md).\n',
    "content/talks/_index.md": '+++\ntitle = "Talks"\ntemplate = "talks.html"\n+++\nAll our talks.\n',
    "content/talks/intro.md": '+++\ntitle = "Intro"\nrender = false\n+++\nHello.\n',
    "content/news/_index.md": '+++\ntitle = "News"\nsort_by = "date"\n+++\nWhat is new.\n',
    "content/news/moved.md": '+++\ntitle = "We moved"\ndate = 2024-02-01\n+++\nTo the library.\n',
}


def test_a_blog_at_the_top_translations_and_what_needs_a_person(tmp_path: Path) -> None:
    """Posts straight under content/ in a home section sorted by date, as small group sites keep them."""
    source = write_tree(tmp_path / "source", TOP_BLOG)
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if ": needs a person: " in line] == [
        "content/news/_index.md: needs a person: a section's list page (/news/); its pages became posts, which "
        "ugsite lists at /posts/; ugsite's lists have no introduction, so its text was not imported",
        'content/parking.md:4: needs a person: the shortcode {% note(kind="tip") %} (with a body up to {% end %}) '
        "has no equivalent; left as it is",
        "content/talks/intro.md:3: needs a person: the old site made no page of it (render = false) and ugsite does: "
        "make it a draft if it should stay hidden"]
    assert front(site / "posts/2024-01-16-seminar-15.de.md") == {  # at /de/posts/seminar-15/ now
        "title": "Seminar 15 (de)", "date": "2024-01-16", "aliases": ["/de/seminar-15/"]}
    assert front(site / "posts/2024-01-16-seminar-15.md")["extra"] == {"meetup_id": "1"}
    assert (site / "pages/parking.md").is_file() and (site / "pages/talks/intro.md").is_file()
    assert front(site / "pages/talks.md") == {"title": "Talks"}  # a section with text and no posts: a page
    assert (site / "posts/moved.md").is_file()
    assert not (site / "pages/_index.md").exists()  # the home section had no text
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["timezone"], config["language"], config["languages"]) == (
        "America/Chicago", "en", ["en", {"de": {"title": "Bit Gruppe"}}])
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "`content/talks/_index.md`: a section with text of its own and no posts: it became a page" in report
    assert "`content/talks/_index.md:3`: 'template' (the theme's template) was left out" in report
    assert "`zola.toml`: the site is in en, de (en the default, at the site's root)" in report
    assert "one language per site" not in report


def test_a_blog_at_the_top_builds_and_its_old_addresses_redirect(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("import", str(write_tree(tmp_path / "source", TOP_BLOG)), str(site), "--now", NOW).returncode == 1
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    out = site / "public"
    for old, new in (("seminar-15/", "posts/seminar-15/"), ("de/seminar-15/", "de/posts/seminar-15/")):
        assert f'url=/{new}"' in (out / old / "index.html").read_text(encoding="utf-8"), old
    assert 'href="/posts/seminar-15/"' in (out / "parking/index.html").read_text(encoding="utf-8")
    for route in ("talks/", "talks/intro/"):  # where Zola had them: no redirect needed
        assert "http-equiv" not in (out / route / "index.html").read_text(encoding="utf-8"), route


def test_the_site_s_own_shortcodes_become_what_their_templates_give(tmp_path: Path) -> None:
    """A shortcode the site defines in templates/shortcodes/ (Tera, which Jinja reads for what shortcodes mostly do)
    becomes its HTML, from its arguments, its body and the site's config; one that needs Zola itself (load_data,
    Zola's own filters) stays, reported with its line."""
    source = tmp_path / "old"
    write_tree(source, {
        "config.toml": 'base_url = "https://rust.example"\ntitle = "Riverside Rust"\n'
                       '[extra]\ntimezone = "Europe/Berlin"\nmeetup = "https://www.meetup.com/riverside-rust/"\n',
        "content/about.md": '+++\ntitle = "About"\n+++\nFind us on {{ group_link(text="Meetup") }}.\n\n'
                            '{{ group_link() }}\n\n{% note(kind="tip") %}\nBring a laptop.\n{% end %}\n\n'
                            '{{ events_table(year=2024) }}\n',
        "templates/shortcodes/group_link.html":
            '<a href="{{ config.extra.meetup }}"\n  >{{ text | default(value="our group") }}</a\n>\n',
        "templates/shortcodes/note.html": '{% if kind == "tip" %}<aside class="tip">{{ body }}</aside>{% endif %}\n',
        "templates/shortcodes/events_table.html": '{% set data = load_data(path="events.toml") %}{{ data }}\n',
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr
    needs = [line for line in result.stderr.splitlines() if ": needs a person: " in line]
    assert needs == ["content/about.md:10: needs a person: the shortcode {{ events_table(year=2024) }} has no "
                     "equivalent; left as it is"]
    body = (site / "pages/about.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ('Find us on <a href="https://www.meetup.com/riverside-rust/" >Meetup</a >.\n\n'
                    '<a href="https://www.meetup.com/riverside-rust/" >our group</a >\n\n'
                    '<aside class="tip">Bring a laptop.</aside>\n\n{{ events_table(year=2024) }}\n')
    assert "raw_html: allow" in (site / "ugsite.yaml").read_text(encoding="utf-8")


def test_translations_and_translated_bundles_become_files_of_the_site_s_languages(tmp_path: Path) -> None:
    source = write_tree(tmp_path / "old", {
        "zola.toml": 'base_url = "https://zlot.example/"\ntitle = "Zlot"\ndefault_language = "pl"\n'
                     '[languages.en]\ntitle = "Rally"\n[languages.de]\ntitle = "Treffen"\n'
                     '[extra]\ntimezone = "Europe/Warsaw"\n',
        "content/_index.md": "+++\n+++\nWitajcie.\n",
        "content/_index.en.md": "+++\n+++\nWelcome.\n",
        "content/blog/_index.md": '+++\nsort_by = "date"\n+++\n',
        "content/blog/zlot/index.md": '+++\ntitle = "Zlot"\ndate = 2019-05-04\n+++\nByło nas wielu.\n',
        "content/blog/zlot/index.en.md": '+++\ntitle = "Rally"\ndate = 2019-05-04\n+++\nWe were many.\n',
        "content/about.md": '+++\ntitle = "O nas"\n+++\nMy.\n',
        "content/about.de.md": '+++\ntitle = "Über uns"\n+++\nWir.\n',
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["language"], config["languages"]) == ("pl", ["pl", {"en": {"title": "Rally"}},
                                                                {"de": {"title": "Treffen"}}])
    assert "default_language_at_root" not in config
    assert "Welcome." in (site / "pages/_index.en.md").read_text(encoding="utf-8")
    assert "Witajcie." in (site / "pages/_index.md").read_text(encoding="utf-8")
    assert front(site / "posts/zlot.md") == {"title": "Zlot", "date": "2019-05-04", "aliases": ["/blog/zlot/"]}
    assert front(site / "posts/zlot.en.md") == {"title": "Rally", "date": "2019-05-04", "aliases": ["/en/blog/zlot/"]}
    assert front(site / "pages/about.de.md") == {"title": "Über uns"}  # /de/about/, then and now
    assert front(site / "pages/about.md") == {"title": "O nas"}
    assert not any("translation_key" in p.read_text(encoding="utf-8") for p in site.glob("*/*.md"))  # linked by names
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "own settings were left out" not in report  # each language's title is kept
    built = run_cli("build", str(site), "--now", NOW)
    assert built.returncode == 0, built.stderr
    assert "<title>Rally</title>" in (site / "public/en/index.html").read_text(encoding="utf-8")


def test_the_older_list_of_languages_is_read_too(tmp_path: Path) -> None:
    source = write_tree(tmp_path / "old", {
        "config.toml": 'base_url = "https://old.example/"\ntitle = "Old"\ndefault_language = "en"\n'
                       'languages = [{code = "fr", feed = false}]\n[extra]\ntimezone = "Europe/Paris"\n',
        "content/about.md": '+++\ntitle = "About"\n+++\nUs.\n',
        "content/about.fr.md": '+++\ntitle = "À propos"\n+++\nNous.\n',
    })
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    assert yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))["languages"] == ["en", "fr"]
    assert front(site / "pages/about.fr.md") == {"title": "À propos"}


def test_translations_imported_into_a_site_in_one_language_ask_for_its_languages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    one = write_tree(tmp_path / "one", {"zola.toml": 'base_url = "https://one.example/"\ntitle = "One"\n'
                                                     '[extra]\ntimezone = "UTC"\n',
                                        "content/hello.md": '+++\ntitle = "Hello"\n+++\nHi.\n'})
    assert run_cli("import", str(one), str(site), "--now", NOW).returncode == 0
    two = write_tree(tmp_path / "two", {"zola.toml": 'base_url = "https://one.example/"\ntitle = "One"\n'
                                                     '[languages.fr]\n[extra]\ntimezone = "UTC"\n',
                                        "content/about.md": '+++\ntitle = "About"\n+++\nUs.\n',
                                        "content/about.fr.md": '+++\ntitle = "À propos"\n+++\nNous.\n'})
    result = run_cli("import", str(two), str(site), "--now", NOW)
    assert result.returncode == 1
    assert ("ugsite.yaml: needs a person: the old site is in en, fr: add languages: [en, fr] to ugsite.yaml, or its "
            "translations are pages of their own") in result.stderr.splitlines()
    # Published where a one-language site puts it until languages: is added: its old address redirects there.
    assert front(site / "pages/about.fr.md") == {"title": "À propos", "aliases": ["/fr/about/"]}
