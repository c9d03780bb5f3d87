"""`ugsite import` of a Jekyll site shaped like a real group's: everything comes over, old addresses keep working."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, front, read_tree, run_cli, write_tree

FIXTURE = REPO / "tests/fixtures/jekyll-group"
NOW = "2026-11-29T10:00:00Z"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(FIXTURE), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert "ugsite: imported a jekyll site: wrote 19 files" in result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")  # as if installed from PyPI
    return site


def test_the_site_builds_and_every_link_and_old_address_works(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--strict", "--now", NOW)
    assert check.returncode == 0, check.stderr  # no broken link, no template code left in any page
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Pinewood Python User Group" and config["timezone"] == "America/Chicago"
    assert config["base_url"] == "https://pinewood-pug.github.io/pug/" and config["raw_html"] == "allow"
    post = (out / "blog/2019/05/01/First-Meetup/index.html").read_text(encoding="utf-8")  # the Jekyll address
    assert "<title>Our first meetup · Pinewood Python User Group</title>" in post
    assert '<time datetime="2019-05-01T00:00:00-05:00">' in post
    assert '<img src="/pug/assets/img/first.png" alt="The room"' in post
    assert '<code class="language-python">' in post and '<span class="nf">answer</span>' in post
    assert '<code class="language-jinja"><span class="x">&lt;h1&gt;</span><span class="cp">{{</span>' in post  # raw kept
    assert 'href="/pug/blog/2019/06/12/packaging/"' in post and 'href="/pug/about/"' in post
    assert "{%" not in post and "JB/setup" not in post and "{:" not in post
    html_post = (out / "blog/2019/06/12/packaging/index.html").read_text(encoding="utf-8")
    assert "Packaging workshop" in html_post and "<strong>three</strong>" in html_post and "in workshops." in html_post
    assert (out / "blog/2019/07/10/summer-break/index.html").is_file()
    for old, new in (("first/index.html", "blog/2019/05/01/First-Meetup/"), ("events.html", "events/")):
        assert f'url=/pug/{new}"' in (out / old).read_text(encoding="utf-8")
    assert (out / "CNAME").read_text() == "pinewood-pug.example\n"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Welcome to the Pinewood Python User Group." in home and "{% for" not in home


def test_every_field_comes_over_or_is_in_the_report(imported: Path) -> None:
    first = front(imported / "posts/2019-05-01-First-Meetup.md")
    assert first == {
        "title": "Our first meetup", "date": "2019-05-01", "categories": ["meetups"], "tags": ["python", "community"],
        "image": "/assets/img/first.png", "aliases": ["/first/"], "extra": {"slides": "https://slides.example/first"},
        "summary": "Twelve people came to the library for our very first meetup.",
    }
    assert front(imported / "posts/drafts/lightning-talks.md") == {
        "title": "Lightning talks night", "date": "2026-11-29", "draft": True}
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    for line in ("`_posts/2019/2019-05-01-First-Meetup.md:7`: 'comments' (comments switch of the old theme) was left out",
                 "`_posts/2019-06-12-packaging.html`: the title comes from 'tagline'",
                 "`_data/sponsors.json`: became data/sponsors.yaml",
                 "`assets/css/style.scss`: a file Jekyll renders with Liquid",
                 "`_config.yml`: the setting 'plugins' has no ugsite equivalent and was left out"):
        assert line in report, line


def test_an_unknown_field_goes_under_extra_and_into_the_report(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    post = source / "_posts/2019/2019-05-01-First-Meetup.md"
    post.write_text(post.read_text(encoding="utf-8").replace("slides:", "speaker_deck:"), encoding="utf-8")
    assert run_cli("import", str(source), str(tmp_path / "site"), "--now", NOW).returncode == 0
    assert front(tmp_path / "site/posts/2019-05-01-First-Meetup.md")["extra"] == {
        "speaker_deck": "https://slides.example/first"}
    assert "`_posts/2019/2019-05-01-First-Meetup.md`: kept under extra: speaker_deck" in (
        tmp_path / "site/import-report.md").read_text(encoding="utf-8")


def test_a_second_run_changes_nothing_and_a_dry_run_writes_nothing(imported: Path, tmp_path: Path) -> None:
    (imported / "requirements.txt").unlink()
    before = read_tree(imported)
    again = run_cli("import", str(FIXTURE), str(imported), "--now", NOW)
    assert again.returncode == 0 and "wrote 0 files, 11 already as they should be" in again.stderr
    assert read_tree(imported) == before
    dry = run_cli("import", str(FIXTURE), str(tmp_path / "dry"), "--dry-run", "--now", NOW)
    assert dry.returncode == 0 and "would write 19 files" in dry.stderr
    assert not (tmp_path / "dry").exists()


def test_what_needs_a_person_is_listed_and_exits_1(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    (source / "_posts/2019-08-01-gallery.md").write_text(
        "---\ntitle: Gallery\n---\n{% include gallery.html folder=\"aug\" %}\n{% if page.big %}Big{% endif %}\n",
        encoding="utf-8")
    site = tmp_path / "site"
    (site / "posts").mkdir(parents=True)
    (site / "ugsite.yaml").write_text("title: Mine\nbase_url: https://example.org/\nraw_html: escape\n", encoding="utf-8")
    (site / "posts/2019-05-01-First-Meetup.md").write_text("My own version\n", encoding="utf-8")
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ": needs a person: " in line]
    assert lines == [
        "_posts/2019-08-01-gallery.md:4: needs a person: {% include gallery.html %} inserted a part of the old theme; "
        "it is left as a comment: write what it showed, or remove it",
        "_posts/2019-08-01-gallery.md:5: needs a person: Liquid {% if page.big %} has no equivalent; left as it is",
        "_posts/2019-08-01-gallery.md:5: needs a person: Liquid {% endif %} has no equivalent; left as it is",
        "posts/2019-05-01-First-Meetup.md: needs a person: a file of that name is in the site already and was left "
        "alone (--force replaces it)",
        "ugsite.yaml: needs a person: imported posts use raw HTML: check that raw_html is allow in ugsite.yaml, or "
        "they show it as text",
    ]
    assert (site / "posts/2019-05-01-First-Meetup.md").read_text(encoding="utf-8") == "My own version\n"
    assert (site / "ugsite.yaml").read_text(encoding="utf-8").startswith("title: Mine\n")


def test_a_source_it_does_not_know_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    result = run_cli("import", str(tmp_path / "notes"), str(tmp_path / "site"))
    assert result.returncode == 2
    assert "this is not something ugsite can import: it knows Jekyll (a folder with _config.yml or _posts/), Hugo" \
        in result.stderr
    assert not (tmp_path / "site").exists()


def test_pages_that_ugsite_makes_itself_are_not_imported(imported: Path) -> None:
    """The old tag list and not-found page would collide with ugsite's own; the report says so."""
    assert not (imported / "pages/tags.md").exists() and not (imported / "pages/404.md").exists()
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    assert "`tags.html`: a page that lists posts or tags (or says 'not found'); ugsite makes its own" in report
    assert "`404.md`: a page that lists posts or tags (or says 'not found'); ugsite makes its own" in report


def test_posts_of_one_name_in_two_language_folders_both_come_over(tmp_path: Path) -> None:
    source = tmp_path / "old"
    for folder, title in (("english", "Welcome"), ("french", "Bienvenue")):
        (source / folder / "_posts").mkdir(parents=True)
        (source / folder / "_posts/2020-01-01-1.md").write_text(f"---\ntitle: {title}\n---\n{title}!\n",
                                                                 encoding="utf-8")
    (source / "_config.yml").write_text("title: Bilingual UG\n", encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    assert front(site / "posts/english/2020-01-01-1.md")["title"] == "Welcome"
    assert front(site / "posts/french/2020-01-01-1.md")["title"] == "Bienvenue"
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert (site / "public/english/2020/01/01/1.html").is_file() and (site / "public/french/2020/01/01/1.html").is_file()


def test_a_collection_of_meetings_becomes_events_and_other_folders_are_reported(tmp_path: Path) -> None:
    """Jekyll's collections (`_meetings/`, output: true) are published at /:collection/:path:output_ext."""
    source = write_tree(tmp_path / "source", {
        "_config.yml": "title: Hilltop Rust\ntimezone: Europe/Berlin\ncollections:\n  meetings:\n    output: true\n"
                       "  blurbs:\n    output: false\n",
        "_meetings/2021-03-10-ownership.md": "---\ntitle: Ownership night\ndate: 2021-03-10 18:30:00 +0100\n"
                                            "categories: talks\nlocation:\n  title: Corner Bakery\n"
                                            "  address: 1 Mill Lane, Hilltop\n---\nWe talk about borrowing.\n",
        "_meetings/code-of-conduct.md": "---\ntitle: How we meet\n---\nBe kind.\n",
        "_blurbs/welcome.md": "---\ntitle: Welcome\n---\nHello from the home page.\n",
        "_speakers/ada.md": "---\nname: Ada\n---\n",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the unpublished blurb needs a person
    event = yaml.safe_load((site / "events/2021-03-10-ownership.yaml").read_text(encoding="utf-8"))
    assert event["start"] == "2021-03-10 18:30" and event["tags"] == ["talks"]
    assert event["aliases"] == ["/meetings/2021-03-10-ownership.html"] and event["venue"] == "corner-bakery"
    assert front(site / "pages/meetings/code-of-conduct.md")["aliases"] == ["/meetings/code-of-conduct.html"]
    report = (site / "import-report.md").read_text(encoding="utf-8")
    for line in ("`_meetings/2021-03-10-ownership.md`: an event (it is in the collection _meetings)",
                 "`_blurbs/welcome.md`: a document of the collection 'blurbs', which Jekyll does not publish",
                 "`_speakers/ada.md`: Jekyll publishes nothing of _speakers/ (it is not one of the site's collections)"):
        assert line in report, line
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("check", str(site), "--links", "--strict", "--now", NOW).returncode == 0


def test_a_date_with_a_zone_abbreviation_keeps_its_moment(tmp_path: Path) -> None:
    """Ruby's Time.parse reads `19:15:00 MEZ`; ugsite writes the offset it stands for."""
    source = write_tree(tmp_path / "source", {
        "_config.yml": "title: Hilltop Rust\npermalink: /:year/:month/:day/:title.html\n",
        "_posts/2016-03-02-winter.md": "---\ntitle: Winter meetup\ndate: 2016-03-02 19:15:00 MEZ\n---\nText.\n",
        "_posts/2016-07-06-summer.md": "---\ntitle: Summer meetup\ndate: 2016-07-06 19:15:00 MEST\n---\nText.\n",
    })
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    assert front(site / "posts/2016-03-02-winter.md")["date"] == "2016-03-02 19:15:00+01:00"
    assert front(site / "posts/2016-07-06-summer.md")["date"] == "2016-07-06 19:15:00+02:00"
    assert "`_posts/2016-03-02-winter.md`: the date's zone MEZ became the offset +01:00" in (
        site / "import-report.md").read_text(encoding="utf-8")
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert (site / "public/2016/07/06/summer.html").is_file()


def test_a_key_given_twice_in_the_settings_counts_once_and_static_copies_of_made_files_are_left_out(
        tmp_path: Path) -> None:
    """Jekyll's YAML keeps the last of a repeated key; ugsite writes robots.txt and sitemap.xml itself."""
    source = write_tree(tmp_path / "source", {
        "_config.yml": "title: First name\npage:\n  a: 1\ntitle: Hilltop Rust\npage:\n  b: 2\n",
        "robots.txt": "User-agent: *\nAllow: /\n",
        "about.md": "---\ntitle: About\n---\nWe are a group.\n",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))["title"] == "Hilltop Rust"
    assert not (site / "static/robots.txt").exists()
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "`_config.yml:4`: the key 'title' appears twice: as Jekyll reads it, the last one counts" in report
    assert "`static/robots.txt`: ugsite makes its own robots.txt, so the old site's was left out" in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0


def test_a_github_pages_site_s_markdown_without_front_matter_is_a_page_and_its_links_follow(tmp_path: Path) -> None:
    """GitHub Pages turns on jekyll-optional-front-matter and jekyll-relative-links: `[x](other.md)` is a page link."""
    source = write_tree(tmp_path / "source", {
        "_config.yml": "title: Hilltop Kotlin\n",
        "index.md": "# Hilltop Kotlin\n\nSee [how we meet](meet.md) and [the talks](talks/list.md#2024).\n",
        "meet.md": "# How we meet\n\nBack [home](index.md); [the old notes](notes.md) are gone.\n",
        "talks/list.md": "# Talks\n\n## 2024\n\nNone yet.\n",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr  # the link to notes.md led nowhere on the old site either
    assert not (site / "static/meet.md").exists()
    home = (site / "pages/_index.md").read_text(encoding="utf-8")
    assert "[how we meet](meet.md)" in home and "[the talks](talks/list.md#2024)" in home
    meet = (site / "pages/meet.md").read_text(encoding="utf-8")
    assert "Back [home](/);" in meet and "[the old notes](notes.html)" in meet
    assert "`meet.md`: the link to notes.md names a file the source does not have, so it led nowhere on the old " \
           "site either; it points at notes.html, listed under broken_links" in \
           (site / "import-report.md").read_text(encoding="utf-8")
    assert front(site / "pages/meet.md")["broken_links"] == ["notes.html"]
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert "<title>How we meet · Hilltop Kotlin</title>" in (site / "public/meet/index.html").read_text(encoding="utf-8")


def test_data_files_come_over_in_shapes_ugsite_reads(tmp_path: Path) -> None:
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Data UG\n",
        "_data/sponsors.yml": "- name: Acme Hosting\n  url: https://acme.example/\n  tier: gold\n"
                              "- name: Beta Books\n  logo_url: /images/beta.png\n",
        "_data/speakers.yml": "ada:\n  full_name: Ada Lovelace\n",  # no name: not ugsite's shape
        "_data/series.yml": "- title: Talks\n",
        "_data/coverage.yaml": "title: first\n---\ntitle: second\n",
        "_data/members.json": '// who is in the group\n{"count": 41, "url": "https://x.example/a//b"}\n',
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the two files kept under other names need a person
    assert yaml.safe_load((site / "data/sponsors.yaml").read_text(encoding="utf-8")) == {
        "acme-hosting": {"name": "Acme Hosting", "url": "https://acme.example/", "extra": {"tier": "gold"}},
        "beta-books": {"name": "Beta Books", "extra": {"logo_url": "/images/beta.png"}}}
    assert yaml.safe_load((site / "data/speakers_imported.yaml").read_text(encoding="utf-8")) == {
        "ada": {"full_name": "Ada Lovelace"}}
    assert (site / "data/series_imported.yaml").is_file() and not (site / "data/series.yaml").exists()
    assert yaml.safe_load((site / "data/coverage.yaml").read_text(encoding="utf-8")) == [
        {"title": "first"}, {"title": "second"}]
    assert yaml.safe_load((site / "data/members.yaml").read_text(encoding="utf-8")) == {
        "count": 41, "url": "https://x.example/a//b"}
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "- `_data/members.json`: its comments were left out (JSON has none)" in report
    assert "- `_data/coverage.yaml`: its 2 YAML documents became one list" in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0  # every data file is one ugsite reads


def test_a_page_at_the_address_of_a_list_ugsite_makes_moves_aside(tmp_path: Path) -> None:
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Sponsored UG\npermalink: pretty\n",
        "_data/sponsors.yml": "- name: Acme Hosting\n  url: https://acme.example/\n",
        "sponsors.md": "---\ntitle: Our sponsors\npermalink: /sponsors/\n---\nThanks to all of them.\n",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr
    assert ("sponsors.md: needs a person: pages/sponsors.md would be published at the address of ugsite's own "
            "sponsors page, so it got the slug sponsors-2") in result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr  # no two files at one address, the alias left to ugsite's page
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert "Acme Hosting" in (site / "public/sponsors/index.html").read_text(encoding="utf-8")
    assert "Thanks to all of them." in (site / "public/sponsors-2/index.html").read_text(encoding="utf-8")


def test_links_to_a_heading_of_the_old_site_still_arrive(tmp_path: Path) -> None:
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Zürich Rubyists\npermalink: pretty\n",
        "about.md": "---\ntitle: About\n---\n## Über uns\n\nWe meet monthly.\n\n## Code of conduct\n\nBe kind.\n",
        "_posts/2024-01-10-welcome.md": "---\ntitle: Welcome\n---\nRead [who we are](/about/#ber-uns).\n",
    })
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    assert front(site / "pages/about.md")["anchors"] == {"ber-uns": "uber-uns"}  # kramdown's id, ugsite's id
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "- `about.md`: 1 heading had another id on the old site; links to it still arrive (anchors: ber-uns)" \
        in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    about = (site / "public/about/index.html").read_text(encoding="utf-8")
    assert '<h2 id="uber-uns"><span id="ber-uns"></span>Über uns</h2>' in about


def test_a_leading_heading_that_becomes_the_title_is_given_no_old_id(tmp_path: Path) -> None:
    """Without a title in the front matter, ugsite takes the first `# Heading` as the title and out of the body:
    there is no heading left to put its old id in, so only the headings below it get one."""
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Zürich Rubyists\npermalink: pretty\n",
        "scope.md": "---\nlayout: page\n---\n# Scope functions 範例\n\nSome text.\n\n## Über let\n\nMore.\n",
    })
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    assert front(site / "pages/scope.md")["anchors"] == {"ber-let": "uber-let"}
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr


def test_relative_links_of_a_page_that_moved_still_lead_where_they_led(tmp_path: Path) -> None:
    """Jekyll served `conf.md` at /conf.html, ugsite at /conf/: `assets/x.jpeg` would now be read from another
    folder, so it becomes /assets/x.jpeg, and a link to a page its old address."""
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Hilltop Kotlin\n",
        "conf.md": "---\ntitle: Mini conf\n---\n![Stage](assets/images/stage.jpeg)\n\n"
                   '<img src="assets/images/stage.jpeg" alt="Stage"> [Talks](talks.html)\n',
        "talks.md": "---\ntitle: Talks\n---\nNone yet.\n",
        "assets/images/stage.jpeg": b"\xff\xd8\xff\xd9",
    })
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    body = (site / "pages/conf.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ('![Stage](/assets/images/stage.jpeg)\n\n'
                    '<img src="/assets/images/stage.jpeg" alt="Stage"> [Talks](/talks.html)\n')
    assert ("- `conf.md`: 3 relative links (assets/images/stage.jpeg, talks.html) led from /conf.html, which is "
            "/conf/ now: each points from the site's root where it led") in (site / "import-report.md").read_text("utf-8")
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr


def test_a_link_to_an_address_the_old_host_redirected_leads_where_the_redirect_led(tmp_path: Path) -> None:
    """The host answered /chat and /2019/old-meetup/ with redirects (Netlify's files, Apache's .htaccess, a data
    file of from/to); ugsite has no host rules, so the links go where the redirects went."""
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Hilltop Kotlin\nurl: https://www.hilltop.example\n",
        "_redirects": "# Netlify\n/chat  https://chat.example/hilltop  301\n/app/*  /index.html  200\n",
        "netlify.toml": '[[redirects]]\nfrom = "/conf"\nto = "/conference/"\n',
        ".htaccess": "Redirect 301 /jobs https://jobs.example/kotlin\n",
        "_data/redirects.json": '// kept by hand\n[{"from": "speaking", "to": "/talks/"}]\n',
        "conference.md": "---\ntitle: Conference\npermalink: /conference/\n---\nSoon.\n",
        "talks.md": "---\ntitle: Talks\npermalink: /talks/\n---\nNone yet.\n",
        "about.md": "---\ntitle: About\n---\n[Chat](/chat), [our conference](https://hilltop.example/conf#day-1), "
                    '<a href="/jobs">jobs</a>, [speaking](/speaking) and [nowhere](/gone).\n\n[The list][list]\n\n'
                    "[list]: /chat\n",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    body = (site / "pages/about.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ('[Chat](https://chat.example/hilltop), [our conference](/conference/#day-1), '
                    '<a href="https://jobs.example/kotlin">jobs</a>, [speaking](/talks/) and [nowhere](/gone).\n\n'
                    "[The list][list]\n\n[list]: https://chat.example/hilltop\n")
    assert ("- `about.md`: the link /chat was a redirect of the old host (_redirects): it leads to "
            "https://chat.example/hilltop now, where the redirect led") in (site / "import-report.md").read_text("utf-8")


def test_a_home_page_s_liquid_that_picks_meetings_from_the_posts_goes_as_ugsite_lists_them(tmp_path: Path) -> None:
    source = write_tree(tmp_path / "old", {
        "_config.yml": "title: Hilltop Rust\n",
        "_posts/2026-05-06-may.md": "---\ntitle: May meetup\n---\nTalks.\n",
        "index.html": "---\nlayout: default\n---\n{% assign now = site.time %}\n"
                      '{% assign upcoming = site.posts | where_exp: "p", "p.date > now" | sort: "date" %}\n'
                      "{% assign next = upcoming | first %}\n"
                      "<section>\n{% if next %}\n<p>Next</p>\n{% include event.html event=next %}\n{% else %}\n"
                      "<h1>We are planning the next one</h1>\n{% endif %}\n</section>\n"
                      "{% for event in upcoming %}{{ event.title }}{% endfor %}\n<p>Welcome to Hilltop Rust.</p>\n",
    })
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    body = (site / "pages/_index.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "<section>\n</section>\n<p>Welcome to Hilltop Rust.</p>\n"
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "- `index.html:5`: Liquid {% assign upcoming = site.posts" in report
    assert "- `index.html:8`: a Liquid if block showing posts of the site ({% if next %})" in report
    assert "Liquid {% assign now = site.time %}, which nothing uses any more, was left out" in report


POLYGLOT = {
    "_config.yml": 'title: Krakow Ruby\nurl: https://krk-ruby.example\ntimezone: Europe/Warsaw\n'
                   'permalink: /:year/:month/:title/\nplugins: [jekyll-polyglot]\nlanguages: ["pl", "en"]\n'
                   'default_lang: "pl"\nexclude_from_localization: ["assets"]\n',
    "_posts/pl/2019-05-04-zlot.md": "---\nlang: pl\ntitle: Zlot\n---\nBylo nas wielu.\n",
    "_posts/en/2019-05-04-zlot.md": "---\nlang: en\ntitle: Rally\n---\nWe were many.\n",
    "_posts/en/2019-06-01-talk.md": "---\nlang: es\ntitle: Charla\n---\nHola.\n",
    "index.md": "---\nlang: pl\ntitle: Start\n---\nWitajcie.\n",
    "en/index.md": "---\nlang: en\ntitle: Home\n---\nWelcome.\n",
    "about.md": "---\nlang: pl\ntitle: O nas\npermalink: /o-nas/\npage_id: about\n---\nMy.\n",
    "en/about.md": "---\nlang: en\ntitle: About\npermalink: /about/\npage_id: about\n---\nUs.\n",
    "kontakt.md": "---\nlang: pl\ntitle: Kontakt\npermalink: /kontakt/\n---\nPiszcie.\n",
    "contact.md": "---\nlang: en\ntitle: Contact\npermalink: /kontakt/\n---\nWrite.\n",
}


def test_a_polyglot_site_becomes_a_site_in_its_languages(tmp_path: Path) -> None:
    """jekyll-polyglot: `lang` gives each file's language, translations share a name or a permalink (or
    page_id), and polyglot served the other languages under /LANG/."""
    site = tmp_path / "site"
    result = run_cli("import", str(write_tree(tmp_path / "old", POLYGLOT)), str(site), "--now", NOW)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if ": needs a person: " in line] == [
        "_posts/en/2019-06-01-talk.md: needs a person: lang: es is none of the site's languages: it became a pl file "
        "that says it is in es"]
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["language"], config["languages"]) == ("pl", ["pl", "en"])
    assert "default_language_at_root" not in config
    # At /2019/05/zlot/ and /en/2019/05/zlot/, then and now: no aliases.
    assert front(site / "posts/2019-05-04-zlot.md") == {"title": "Zlot", "date": "2019-05-04"}
    assert front(site / "posts/2019-05-04-zlot.en.md") == {"title": "Rally", "date": "2019-05-04"}
    assert front(site / "posts/2019-06-01-talk.md")["language"] == "es"
    assert "Welcome." in (site / "pages/_index.en.md").read_text(encoding="utf-8")
    assert "Witajcie." in (site / "pages/_index.md").read_text(encoding="utf-8")
    assert front(site / "pages/about.md") == {"title": "O nas", "aliases": ["/o-nas/"]}
    assert front(site / "pages/about.en.md") == {"title": "About"}  # /en/about/: linked by the name they share
    assert front(site / "pages/kontakt.md") == {"title": "Kontakt", "translation_key": "kontakt"}
    assert front(site / "pages/contact.en.md") == {"title": "Contact", "aliases": ["/en/kontakt/"],
                                                   "translation_key": "kontakt"}
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "`_config.yml`: the site is in pl, en (pl the default, at the site's root)" in report
    assert "`about.md`: its page_id 'about' was left out: its translations share its file name" in report
    assert "`_posts/en/2019-05-04-zlot.md`: lang: en became the language of its file" in report
    assert "'languages'" not in report and "'default_lang'" not in report


def test_languages_without_polyglot_s_list_are_one_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    files = {"_config.yml": "title: One\nurl: https://one.example\ntimezone: UTC\nlang: de\n",
             "_posts/2019-05-04-x.md": "---\ntitle: X\nlang: de\n---\nText.\n"}
    assert run_cli("import", str(write_tree(tmp_path / "old", files)), str(site), "--now", NOW).returncode == 0
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert config["language"] == "de" and "languages" not in config
    assert front(site / "posts/2019-05-04-x.md")["extra"] == {"lang": "de"}
