"""A site in two languages: each language's pages, feeds and calendar, linked to each other.

The test site (tests/fixtures/two-languages) is a Polish hackerspace that also writes in
English: a translated post, page and event, a post and an event in Polish only, a page
translated in a language folder, and a weekly series.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest
import recurring_ical_events
from conftest import REPO, build_site, messages, write_tree

FIXTURE = REPO / "tests/fixtures/two-languages"
VNU_JAR = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
BASE = "https://hakierspejs.example.org/"
NOW = datetime(2026, 11, 29, 12, tzinfo=timezone.utc)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("two") / "site"
    shutil.copytree(FIXTURE, root)
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    assert report.problems == ()
    return root / "public"


class _Head(HTMLParser):
    """The parts of a page that say its language and its other versions, as a crawler reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.canonical = ""
        self.alternates: dict[str, str] = {}
        self.switcher: list[tuple[str, str | None]] = []  # (language, link or None for the page's own)
        self.notes: list[str] = []
        self._in_switcher = False
        self._in_note = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        elif tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href") or ""
        elif tag == "link" and found.get("rel") == "alternate" and found.get("hreflang"):
            self.alternates[found["hreflang"] or ""] = found.get("href") or ""
        elif tag == "nav" and "language-switcher" in (found.get("class") or ""):
            self._in_switcher = True
        elif self._in_switcher and tag == "a":
            self.switcher.append((found.get("lang") or "", found.get("href")))
        elif self._in_switcher and tag == "span" and found.get("aria-current"):
            self.switcher.append((found.get("lang") or "", None))
        elif tag == "p" and "untranslated-note" in (found.get("class") or ""):
            self._in_note = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switcher = False
        if tag == "p":
            self._in_note = False

    def handle_data(self, data: str) -> None:
        if self._in_note:
            self.notes.append(data.strip())


def _head(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _file_of(public: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    path = url[len(BASE):]
    return public / (path + "index.html" if path.endswith("/") or not path else path)


def test_each_language_has_its_home_lists_feeds_and_calendar(built: Path) -> None:
    for prefix, language in (("", "pl"), ("en/", "en")):
        for name in ("index.html", "posts/index.html", "events/index.html", "tags/index.html", "archive/index.html",
                     "feed.xml", "atom.xml", "feed.json", "calendar.ics", "events.json", "sitemap.xml"):
            assert (built / prefix / name).is_file(), prefix + name
        assert _head(built / prefix / "index.html").lang == language
    assert "otwarta pracownia" in (built / "index.html").read_text(encoding="utf-8")
    assert "open workshop" in (built / "en/index.html").read_text(encoding="utf-8")  # pages/_index.en.md
    assert "Meetings, workshops and soldering" in (built / "en/index.html").read_text(encoding="utf-8")
    assert "Spotkania, warsztaty" in (built / "index.html").read_text(encoding="utf-8")
    assert feedparser.parse((built / "en/feed.xml").read_bytes()).feed.subtitle.startswith("Meetings")
    assert (built / "en/about/index.html").is_file() and (built / "o-nas/index.html").is_file()
    assert (built / "en/code-of-conduct/index.html").is_file()  # pages/en/kodeks.md, with its own slug
    assert (built / "en/posts/soldering-workshop/index.html").is_file()
    # One copy of what the languages share: the theme's files and the site's old addresses.
    assert (built / "css/site.css").is_file() and not (built / "en/css").exists()
    en_home = (built / "en/index.html").read_text(encoding="utf-8")
    assert 'href="/css/site.css"' in en_home and "/en/css/" not in en_home
    assert (built / "blog/2026/warsztaty/index.html").is_file()  # the Polish post's alias, at the site's root
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots and f"Sitemap: {BASE}en/sitemap.xml" in robots
    assert not (built / "en/robots.txt").exists()


def test_translations_point_at_each_other_by_hreflang(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    paired = 0
    for page in pages:
        head = _head(page)
        if not head.alternates:
            continue
        assert head.alternates["x-default"] == head.alternates["pl"]
        own = head.alternates[head.lang]
        assert own == head.canonical and _file_of(built, own) == page  # each page names itself among them
        for language, url in head.alternates.items():
            other = _head(_file_of(built, url))
            assert other.lang == language or language == "x-default"
            assert other.alternates == head.alternates, (page, url)  # the pair agrees, both ways
        paired += 1
    assert paired >= 20
    post = _head(built / "posts/warsztaty-lutowania/index.html")
    assert post.alternates == {"pl": f"{BASE}posts/warsztaty-lutowania/", "en": f"{BASE}en/posts/soldering-workshop/",
                               "x-default": f"{BASE}posts/warsztaty-lutowania/"}
    about = _head(built / "en/about/index.html")  # linked by translation_key, their names differ
    assert about.alternates["pl"] == f"{BASE}o-nas/"
    assert about.switcher == [("pl", "/o-nas/"), ("en", None)]


def test_an_untranslated_post_is_shown_in_polish_marked_and_pointing_at_the_original(built: Path) -> None:
    copy = built / "en/posts/nowa-pracownia/index.html"
    head = _head(copy)
    assert head.lang == "en" and head.canonical == f"{BASE}posts/nowa-pracownia/"
    assert head.alternates == {}  # not a translation: no hreflang
    assert head.notes == ["Not translated yet: this is the original text."]
    assert 'class="prose" data-pagefind-body lang="pl"' in copy.read_text(encoding="utf-8")
    assert _head(built / "posts/nowa-pracownia/index.html").notes == []
    sitemap = ET.parse(built / "en/sitemap.xml").getroot()
    listed = {u.findtext(f"{SITEMAP}loc") for u in sitemap.iter(f"{SITEMAP}url")}
    assert f"{BASE}en/posts/soldering-workshop/" in listed
    assert f"{BASE}en/posts/nowa-pracownia/" not in listed  # its canonical address is the Polish one
    # Wherever the English pages show its title and summary, they say it is Polish (WCAG: language of parts).
    listed = (built / "en/posts/index.html").read_text(encoding="utf-8")
    assert 'href="/en/posts/nowa-pracownia/" lang="pl">Nowa pracownia na Nadodrzu</a>' in listed
    assert 'href="/en/posts/soldering-workshop/">The soldering workshop' in listed
    assert '<span lang="pl">Nowa pracownia na Nadodrzu</span> →' in \
        (built / "en/posts/soldering-workshop/index.html").read_text(encoding="utf-8")
    assert 'lang="pl">Nowa pracownia na Nadodrzu</a>' in (built / "en/archive/index.html").read_text(encoding="utf-8")
    # Links between files lead to the right language: the English post links a Polish-only post.
    english = (built / "en/posts/soldering-workshop/index.html").read_text(encoding="utf-8")
    assert 'href="/posts/nowa-pracownia/"' in english


def test_sitemaps_carry_the_same_pairs(built: Path) -> None:
    pairs = {}
    for prefix in ("", "en/"):
        root = ET.parse(built / prefix / "sitemap.xml").getroot()
        for entry in root.iter(f"{SITEMAP}url"):
            links = {link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")}
            if links:
                assert links[{"": "pl", "en/": "en"}[prefix]] == entry.findtext(f"{SITEMAP}loc")
                pairs[entry.findtext(f"{SITEMAP}loc")] = links
    assert pairs[f"{BASE}en/posts/soldering-workshop/"] == pairs[f"{BASE}posts/warsztaty-lutowania/"]
    assert all(pairs[url] == links for links in pairs.values() for url in links.values())


def test_each_calendar_has_the_same_events_in_its_language(built: Path) -> None:
    calendars = {language: icalendar.Calendar.from_ical((built / prefix / "calendar.ics").read_bytes())
                 for prefix, language in (("", "pl"), ("en/", "en"))}
    moments = {}
    for language, calendar in calendars.items():
        found = recurring_ical_events.of(calendar).between(date(2026, 11, 1), date(2027, 2, 1))
        moments[language] = {(str(e["UID"]), e["DTSTART"].dt) for e in found}
        titles = {str(e["SUMMARY"]) for e in found}
        assert ("Christmas soldering" in titles) == (language == "en")
        assert ("Świąteczne lutowanie" in titles) == (language == "pl")
        assert "Zebranie członków" in titles  # untranslated: in Polish in both
        christmas = next(e for e in found if str(e["UID"]).startswith("2026-12-12"))
        assert christmas["SUMMARY"].params["LANGUAGE"] == language
    assert moments["pl"] == moments["en"] and len(moments["pl"]) >= 14  # weekly meetings, and the two one-offs
    data = {language: json.loads((built / prefix / "events.json").read_text(encoding="utf-8"))
            for prefix, language in (("", "pl"), ("en/", "en"))}
    assert data["en"]["inLanguage"] == "en" and data["pl"]["inLanguage"] == "pl"


def test_each_languages_feeds_are_in_that_language(built: Path) -> None:
    polish = feedparser.parse((built / "feed.xml").read_bytes())
    english = feedparser.parse((built / "en/feed.xml").read_bytes())
    assert polish.feed.language == "pl" and english.feed.language == "en"
    assert polish.feed.link == BASE and english.feed.link == f"{BASE}en/"
    assert [e.title for e in english.entries] == ["The soldering workshop is behind us", "Nowa pracownia na Nadodrzu"]
    assert english.entries[0].link == f"{BASE}en/posts/soldering-workshop/"
    assert english.entries[1].get("language") == "pl"  # the untranslated post says its own language
    atom = feedparser.parse((built / "en/atom.xml").read_bytes())
    assert atom.feed.author == "Hakierspejs Nadodrze"  # no author: setting, so the group (Atom asks every entry for one)
    assert not atom.bozo and atom.entries[1].title_detail.language == "pl" and atom.entries[0].title_detail.language == "en"


def test_both_languages_pass_the_nu_html_checker(built: Path) -> None:
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), "run the README's test command: it installs Java and the Nu Html Checker"
    files = sorted(str(f) for f in built.rglob("*.html") if "/sroda-2027" not in str(f))
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", *files],
                            capture_output=True, text=True, timeout=600)
    found = json.loads(result.stderr)["messages"]
    assert found == [], "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in found)


def test_default_language_under_its_own_prefix(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    settings = root / "ugsite.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "default_language_at_root: false\n", encoding="utf-8")
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    public = root / "public"
    assert (public / "pl/posts/warsztaty-lutowania/index.html").is_file()
    assert (public / "en/posts/soldering-workshop/index.html").is_file()
    assert not (public / "posts").exists()
    home = (public / "index.html").read_text(encoding="utf-8")  # the root sends readers to the default language
    assert 'http-equiv="refresh" content="0; url=/pl/"' in home
    assert (public / "404.html").read_bytes() == (public / "pl/404.html").read_bytes()  # GitHub Pages looks there
    alias = (public / "blog/2026/warsztaty/index.html").read_text(encoding="utf-8")
    assert 'url=/pl/posts/warsztaty-lutowania/"' in alias
    assert _head(public / "pl/o-nas/index.html").alternates["en"] == f"{BASE}en/about/"


def test_editing_a_translation_rebuilds_only_what_it_shows_in(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    assert build_site(root, now=NOW).written
    post = root / "posts/2026-11-20-warsztaty-lutowania.en.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Photos soon.", "Photos are up."), encoding="utf-8")
    report = build_site(root, now=NOW)  # a warm build, which build_site compares byte for byte with a clean one
    assert report.written, messages(report)
    assert "Photos are up." in (root / "public/en/posts/soldering-workshop/index.html").read_text(encoding="utf-8")
    assert "Photos are up." not in (root / "public/posts/warsztaty-lutowania/index.html").read_text(encoding="utf-8")
    assert report.reused > report.files // 2


def test_a_translation_at_another_time_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    event = root / "events/2026-12-12-swieta-elektroniki.en.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("start: 2026-12-12 14:00", "start: 2026-12-12 15:00"),
                     encoding="utf-8")
    report = build_site(root, now=NOW)
    assert report.failed
    [problem] = [p for p in report.problems if p.level == "error"]
    assert (problem.path, problem.line) == ("events/2026-12-12-swieta-elektroniki.en.yaml", 2)
    assert "another time" in problem.message and "same start" in (problem.hint or "")
    assert not (root / "public").exists()


@pytest.mark.parametrize(("settings", "wanted"), [
    ("languages: [pl, en]\nlanguage: en\n", "'language' is en but the first of 'languages' is pl"),
    ("languages: [pl, pl]\n", "'languages' names a language twice"),
    ("languages: pl\n", "'languages' must be a list of language tags"),
    ("languages: [pl, {en: {motto: Hi}}]\n", "a 'languages' entry must be a language tag, or a tag with its title"),
    ("languages: [pl, english]\n", "'languages':"),
])
def test_wrong_languages_settings_are_errors_at_their_line(tmp_path: Path, settings: str, wanted: str) -> None:
    root = write_tree(tmp_path / "site", {"ugsite.yaml": f"title: T\nbase_url: https://example.org/\n{settings}"})
    report = build_site(root, now=NOW)
    assert report.failed
    assert any(p.path == "ugsite.yaml" and p.line and wanted in p.message for p in report.problems), messages(report)


def test_a_site_in_one_language_keeps_file_names_with_dots(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", {
        "ugsite.yaml": "title: T\nbase_url: https://example.org/\n",
        "posts/release-2.en.md": "---\ntitle: Release\ndate: 2026-05-14\n---\nText.\n",
    })
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    assert (root / "public/posts/release-2-en/index.html").is_file()  # no languages: the name is the name


def test_one_search_index_serves_each_language(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    report = build_site(root, now=NOW, search=True)
    assert report.written, messages(report)
    public = root / "public"
    entry = json.loads((public / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {"pl", "en"} <= set(entry["languages"])  # Pagefind keeps each language's pages apart, by <html lang>
    search = (public / "en/search/index.html").read_text(encoding="utf-8")
    assert 'data-ug-search="/pagefind/pagefind.js"' in search and 'action="/en/search/"' in search


def test_a_page_that_would_take_a_languages_address_is_an_error_naming_it(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    (root / "pages/en.md").write_text("---\ntitle: English\n---\nA page whose address is the English home's.\n",
                                      encoding="utf-8")
    report = build_site(root, now=NOW)
    assert report.failed
    assert any(p.path == "pages/en.md" and "en/index.html" in p.message for p in report.problems), messages(report)


@pytest.mark.parametrize(("path", "language", "plain"), [
    ("posts/2026-11-20-zlot.en.md", "en", "posts/2026-11-20-zlot.md"),
    ("pages/en/kodeks.md", "en", "pages/kodeks.md"),
    ("events/EN/2026-12-12-x.yaml", "en", "events/2026-12-12-x.yaml"),
    ("posts/release-2.0.md", None, "posts/release-2.0.md"),
    ("posts/zlot.pl.md", "pl", "posts/zlot.md"),
    ("posts/ola.pt-br.md", "pt-BR", "posts/ola.md"),
    ("posts/de/notes.md", None, "posts/de/notes.md"),  # not one of the site's languages: an ordinary folder
])
def test_a_files_language_comes_from_its_name_or_folder(path: str, language: str | None, plain: str) -> None:
    from ugsite.content.editions import edition

    assert edition(path, ("pl", "en", "pt-BR")) == (language, plain)
    assert edition(path, ("pl",)) == (None, path)  # a site in one language reads names as they are


def test_the_default_languages_introduction_may_name_its_language_too(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    (root / "pages/_index.md").rename(root / "pages/_index.pl.md")
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    assert "otwarta pracownia" in (root / "public/index.html").read_text(encoding="utf-8")
    assert "open workshop" in (root / "public/en/index.html").read_text(encoding="utf-8")


def test_an_untranslated_page_in_the_menu_says_its_language(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    (root / "pages/en/kodeks.md").unlink()
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    english = (root / "public/en/index.html").read_text(encoding="utf-8")
    assert 'href="/en/kodeks/" lang="pl">Kodeks postępowania</a>' in english
    assert 'href="/en/about/">About us</a>' in english
    assert 'lang="pl">Kodeks' not in (root / "public/index.html").read_text(encoding="utf-8")
