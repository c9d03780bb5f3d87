"""`ugsite import` of a Middleman site shaped like a real group's: middleman-blog, ERB in Markdown, directory indexes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, front, read_tree, run_cli

from ugsite.commands.import_site import SITE_KINDS as KINDS
from ugsite.importers.middleman import safe_parameterize
from ugsite.importers.ruby_config import read_ruby_config

FIXTURE = REPO / "tests/fixtures/middleman-group"
NOW = "2026-11-29T10:00:00Z"
# Each page of the old site: its new file, title, date, a sentence of its text, its images, its old address.
PAGES = [
    ("posts/2019-05-01-First-Meetup.md", "Our first meetup", "2019-05-01T18:30:00-06:00",
     "Thirty Rubyists came to the library", ["/images/crowd.png"], "blog/2019/05/first-meetup/"),
    ("posts/2019-06-12-rails-upgrades.md", "Upgrading Rails without fear", "2019-06-12T18:30:00-06:00",
     "Luis Ortega showed how he moved an app", ["/images/rails.png"], "blog/2019/06/rails-upgrades/"),
    ("pages/conduct.md", "Code of Conduct", None, "Front Range Ruby is a harassment-free group", [], "conduct/"),
    ("pages/about.md", "About us", None, "Front Range Ruby meets on the first Wednesday", [], "about.html"),
]
NEW_ADDRESSES = {"pages/about.md": "about/"}


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(FIXTURE), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the Ruby of the about page and one partial need a person
    assert [line for line in result.stderr.splitlines() if ": needs a person: " in line] == [
        "source/about.html.erb: needs a person: an ERB page with Ruby logic: its HTML came over with the Ruby left "
        "in; write it again in Markdown",
        "source/about.html.erb:8: needs a person: ERB <% data.organizers.each do |person| %> is Ruby the import does "
        "not run; left as it is",
        "source/about.html.erb:9: needs a person: ERB <%= person.name %> is Ruby the import does not run; left as it is",
        "source/about.html.erb:10: needs a person: ERB <% end %> is Ruby the import does not run; left as it is",
        "source/blog/2019-05-01-First-Meetup.html.markdown:18: needs a person: the partial 'sponsors' inserted a part "
        "of the old theme; it is left as a comment: write what it showed, or remove it",
    ]
    assert "ugsite: imported a middleman site: wrote 18 files" in result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    return site


def test_the_site_builds_and_every_page_and_old_address_works(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["title"], config["timezone"], config["base_url"], config["permalink"]) == (
        "Front Range Ruby", "America/Denver", "https://frontrange-ruby.example/", "/blog/{year}/{month}/{slug}/")
    for path, title, date, text, images, old in PAGES:
        new = NEW_ADDRESSES.get(path, old)
        html = (out / new / "index.html").read_text(encoding="utf-8")
        assert f"<title>{title} · Front Range Ruby</title>" in html, path
        assert date is None or f'<time datetime="{date}">' in html, path
        assert text in html, path
        for image in images:
            assert f'src="{image}"' in html and (out / image.lstrip("/")).is_file(), (path, image)
        if new != old:
            assert f'url=/{new}"' in (out / old).read_text(encoding="utf-8"), path
    first = (out / "blog/2019/05/first-meetup/index.html").read_text(encoding="utf-8")
    assert '<img src="/images/crowd.png" alt="The crowd"' in first and 'href="/conduct/"' in first
    assert "<%" not in first and "READMORE" not in first
    about = (out / "about/index.html").read_text(encoding="utf-8")
    assert '<a href="/conduct/">Read the code of conduct</a>' in about
    talk = (out / "blog/2019/06/rails-upgrades/index.html").read_text(encoding="utf-8")
    assert '<code class="language-ruby">' in talk and 'href="/blog/2019/05/first-meetup/"' in talk
    assert not (out / "blog/2019/07/summer-break").exists()  # published: false
    assert (out / "CNAME").is_file() and (out / "javascripts/site.js").is_file()


def test_fields_come_over_or_are_reported(imported: Path) -> None:
    assert front(imported / "posts/2019-05-01-First-Meetup.md") == {
        "title": "Our first meetup", "date": "2019-05-01 18:30", "tags": ["ruby", "meetup"], "author": "Dana Whitfield",
        "summary": "Thirty Rubyists came to the library for our first evening together.",
        "extra": {"location": "Denver Public Library"}}
    assert front(imported / "posts/2019-06-12-rails-upgrades.md") == {
        "title": "Upgrading Rails without fear", "date": "2019-06-12 18:30", "tags": ["rails", "talks"],
        "image": "/images/rails.png", "extra": {"speaker": "Luis Ortega",
                                                "slides": "https://speakerdeck.example/luis/rails-upgrades",
                                                "video": "https://vimeo.com/123456789"}}
    assert front(imported / "posts/2019-07-10-summer-break.md") == {
        "title": "Summer break", "date": "2019-07-10", "draft": True}
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    for line in ("`source/blog/2019-05-01-First-Meetup.html.markdown:14`: ERB <%= image_tag \"crowd.png\", alt: "
                 "\"The crowd\" %> became ![The crowd](/images/crowd.png)",
                 "`source/blog/2019-05-01-First-Meetup.html.markdown:16`: ERB <%= link_to \"our code of conduct\", "
                 "\"/conduct.html\" %> became [our code of conduct](../pages/conduct.md)",
                 "`source/blog/2019-05-01-First-Meetup.html.markdown:7`: 'layout' (the old theme's layout) was left out",
                 "`source/blog/2019-06-12-rails-upgrades.html.md:13`: ERB <%= current_page.data.speaker %> became "
                 "Luis Ortega",
                 "`source/blog/2019-06-12-rails-upgrades.html.md`: the cover image comes from 'cover'",
                 "`source/index.html.erb`: the home page lists articles with Ruby; ugsite's home page lists posts",
                 "`source/tag.html.erb`: a page that lists posts or tags",
                 "`source/stylesheets/site.css.scss`: a file Middleman renders",
                 "`source/layouts/layout.erb`: a part of the old theme",
                 "`source/`: 4 images, scripts and other files went to static/",
                 "`data/organizers.yml`: became data/organizers.yaml",
                 "`pages/about.md`: its old address /about.html redirects to its new one, /about/",
                 "`config.rb`: settings: base_url, permalink, timezone, title came over to ugsite.yaml",
                 "`config.rb:13`: blog.permalink was followed", "`config.rb:15`: blog.layout was left out",
                 "`config.rb:21`: the extension 'livereload' has no ugsite equivalent and was left out",
                 "`config.rb:25`: Ruby the import does not run was left out: configure :build do",
                 "`Gemfile`: the old build's Ruby gems; left out"):
        assert line in report, line


def test_an_unknown_field_goes_under_extra_and_into_the_report(tmp_path: Path) -> None:
    source = Path(shutil.copytree(FIXTURE, tmp_path / "source"))
    post = source / "source/blog/2019-06-12-rails-upgrades.html.md"
    post.write_text(post.read_text(encoding="utf-8").replace("slides:", "deck_link:"), encoding="utf-8")
    assert run_cli("import", str(source), str(tmp_path / "site"), "--now", NOW).returncode == 1
    assert front(tmp_path / "site/posts/2019-06-12-rails-upgrades.md")["extra"] == {
        "speaker": "Luis Ortega", "deck_link": "https://speakerdeck.example/luis/rails-upgrades",
        "video": "https://vimeo.com/123456789"}
    assert "`source/blog/2019-06-12-rails-upgrades.html.md`: kept under extra: deck_link, speaker, video" in (
        tmp_path / "site/import-report.md").read_text(encoding="utf-8")


def test_a_second_run_changes_nothing(imported: Path) -> None:
    before = read_tree(imported)
    again = run_cli("import", str(FIXTURE), str(imported), "--now", NOW)
    assert again.returncode == 1 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before


def test_config_rb_and_source_make_a_middleman_site(tmp_path: Path) -> None:
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(FIXTURE)) == "middleman"
    (tmp_path / "config.rb").write_text("activate :blog\n", encoding="utf-8")
    assert not KINDS["middleman"][0](tmp_path)  # no source/: not a Middleman site
    (tmp_path / "source").mkdir()
    (tmp_path / "_posts").mkdir()
    assert next(name for name, (recognise, _) in KINDS.items() if recognise(tmp_path)) == "middleman"


def test_config_rb_is_read_without_running_it() -> None:
    config = read_ruby_config('set :title, "A \\"quoted\\" name" # comment\nconfig[:port] = 4567\n'
                              "set :host, ENV['HOST']\nactivate :blog do |b|\n  b.prefix = 'news'\n"
                              "  b.tag_template = tags_page\nend\n")
    assert config.settings == {"title": 'A "quoted" name', "port": 4567}
    assert config.extensions == {"blog": {"prefix": "news"}}
    assert config.unread == [(3, "set :host, ENV['HOST']"), (6, "b.tag_template = tags_page")]


def test_middleman_slugs() -> None:
    assert safe_parameterize("First-Meetup") == "first-meetup"
    assert safe_parameterize("Rails & Ruby: 2019!") == "rails-ruby-2019"


def test_a_relative_link_below_a_page_served_as_folder_index_html_led_nowhere_before(tmp_path: Path) -> None:
    """Without directory_indexes, nights/mitch/index.html is the page of /nights/mitch/: nothing but its own
    files lay below it, so a relative link to a name there led nowhere, even if the data names a person so."""
    source = tmp_path / "old"
    (source / "source/nights/mitch").mkdir(parents=True)
    (source / "data").mkdir()
    (source / "config.rb").write_text("set :site_url, 'https://rb.example'\n", encoding="utf-8")
    (source / "data/people.yml").write_text("- handle: h-lame\n", encoding="utf-8")
    (source / "source/nights/mitch/index.html.md").write_text(
        "---\ntitle: Being the Mitch\n---\nTell [the organiser](h-lame) about it.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", "2026-11-29T10:00:00Z").returncode in (0, 1)
    page = next((site / "pages").rglob("mitch*.md"))
    assert front(page)["broken_links"] == ["h-lame"]
