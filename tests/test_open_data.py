"""Data others can build on: events.json against its JSON Schema, JSON Feed 1.1, and `language:` everywhere."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import icalendar
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from conftest import CONFIG, EXAMPLE, REPO, build_site, messages

from ugsite.content.languages import language_problem

SCHEMA = json.loads((REPO / "schemas/events-1.json").read_text(encoding="utf-8"))
BASE = "https://harbor-city-python.github.io/site/"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "public"
    report = build_site(EXAMPLE, output=out)
    assert report.written and report.problems == (), messages(report)
    return out


def _validate(data: Any) -> None:
    """Validate `data` against the published schema, formats (date-time, uri) included."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)


def _undeclared(data: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Return the keys of `data` that the schema does not describe: a field added without documenting it."""
    schema = _resolve(schema)
    found: list[str] = []
    if isinstance(data, dict) and "properties" in schema:
        for key, value in data.items():
            if key not in schema["properties"]:
                found.append(f"{where}/{key}")
            else:
                found += _undeclared(value, schema["properties"][key], f"{where}/{key}")
    elif isinstance(data, list) and "items" in schema:
        for index, value in enumerate(data):
            found += _undeclared(value, schema["items"], f"{where}/{index}")
    elif "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if jsonschema.Draft202012Validator(
            {**_resolve(s), "$defs": SCHEMA["$defs"]}).is_valid(data)]
        found += _undeclared(data, matching[0], where) if matching else []
    return found


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


# --- language tags ---------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["en", "de", "pt-BR", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-CH-1901",
                                 "en-a-bbb-x-a-ccc", "x-klingon", "i-klingon", "yue", "gsw-u-sd-chzh"])
def test_well_formed_language_tags_pass(tag: str) -> None:
    assert language_problem(tag) is None


@pytest.mark.parametrize(("tag", "hint"), [
    ("pt_BR", "separate its parts with hyphens: pt-BR"),
    ("German", "write the language's code, not its name"),
    ("english", "write the language's code, not its name"),
    ("en-", "write a tag such as"), ("en--US", "write a tag such as"), ("e", "write a tag such as"),
    ("en US", "write a tag such as"), ("<script>", "write a tag such as"), ("de-DE-", "write a tag such as"),
    ("en-x", "write a tag such as"), ("fr\n", "write a tag such as"),
])
def test_malformed_language_tags_are_refused_with_a_hint(tag: str, hint: str) -> None:
    problem = language_problem(tag)
    assert problem is not None and problem[0] == f"{tag!r} is not a language tag (BCP 47)"
    assert problem[1].startswith(hint)


@given(st.text(max_size=30))
def test_any_text_is_a_tag_of_letters_digits_and_hyphens_or_refused(text: str) -> None:
    """A tag that passes can go into a lang attribute, a feed and a calendar parameter as it is."""
    problem = language_problem(text)
    if problem is None:
        assert re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", text)
    else:
        assert problem[0].startswith(repr(text))


@given(st.from_regex(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?(-[0-9][a-z0-9]{3})?", fullmatch=True))
def test_tags_built_from_the_grammar_pass(tag: str) -> None:
    assert language_problem(tag) is None


def test_a_malformed_language_is_an_error_at_its_line(make_site: Callable[..., Path]) -> None:
    site = make_site({
        "posts/2026-05-01-hallo.md": "---\ntitle: Hallo\nlanguage: de_DE\n---\nText.\n",
        "events/2026-12-01-treffen.yaml": "title: Treffen\nstart: 2026-12-01 18:30\nlanguage: German\n",
        "events/2026-12-02-talks.yaml": ("title: Talks\nstart: 2026-12-02 18:30\ntalks:\n"
                                         "  - title: Uno\n    language: es_\n"),
        "data/series.yaml": "monthly:\n  title: Monthly\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n"
                            "  start: 2026-01-14 18:30\n  language: '1'\n",
    })
    report = build_site(site)
    assert report.failed
    assert sorted(messages(report)) == [
        "data/series.yaml:5: error: 'language': '1' is not a language tag (BCP 47)",
        "events/2026-12-01-treffen.yaml:3: error: 'language': 'German' is not a language tag (BCP 47)",
        "events/2026-12-02-talks.yaml:5: error: 'language': 'es_' is not a language tag (BCP 47)",
        "posts/2026-05-01-hallo.md:3: error: 'language': 'de_DE' is not a language tag (BCP 47)",
    ]
    hints = {p.path: p.hint for p in report.problems}
    assert hints["posts/2026-05-01-hallo.md"] == "separate its parts with hyphens: de-DE, or leave it out for en"
    assert hints["events/2026-12-01-treffen.yaml"] is not None
    assert "not its name" in hints["events/2026-12-01-treffen.yaml"]


def test_a_malformed_site_language_is_an_error(make_site: Callable[..., Path]) -> None:
    site = make_site({"ugsite.yaml": CONFIG + "language: en_GB\n"})
    report = build_site(site)
    assert messages(report) == ["ugsite.yaml:4: error: 'language': 'en_GB' is not a language tag (BCP 47)"]
    assert report.problems[0].hint == "separate its parts with hyphens: en-GB"


# --- events.json -------------------------------------------------------------------------------

def test_events_json_of_the_example_validates_against_its_schema(public: Path) -> None:
    data = json.loads((public / "events.json").read_text(encoding="utf-8"))
    _validate(data)
    assert _undeclared(data, SCHEMA) == []
    assert data["version"] == "1.0" and data["generated"] == "2026-11-01T00:00:00Z"
    assert data["$schema"] == BASE + "events.schema.json"
    assert (public / "events.schema.json").read_bytes() == (REPO / "schemas/events-1.json").read_bytes()
    pages = sorted(p.parent.name for p in (public / "events").glob("*/event.ics"))
    assert sorted(e["url"].removeprefix(BASE + "events/").rstrip("/") for e in data["events"]) == pages
    ids = [e["@id"] for e in data["events"]]
    assert len(set(ids)) == len(ids)
    starts = [e["startDate"] for e in data["events"]]
    assert [datetime.fromisoformat(s).date() for s in starts] == sorted(datetime.fromisoformat(s).date() for s in starts)


def test_events_json_agrees_with_each_events_calendar(public: Path) -> None:
    """Read each event's own .ics with icalendar: its UID is the event's @id, its times and language are the same."""
    for event in json.loads((public / "events.json").read_text(encoding="utf-8"))["events"]:
        assert event["ics"].startswith(BASE)
        calendar = icalendar.Calendar.from_ical((public / event["ics"].removeprefix(BASE)).read_bytes())
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["UID"]) == event["@id"]
        assert vevent.decoded("DTSTART").isoformat() == event["startDate"]
        assert vevent["SUMMARY"].params["LANGUAGE"] == event["inLanguage"]


def test_events_json_carries_series_talks_and_places(public: Path) -> None:
    events = {e["url"].removeprefix(BASE + "events/").rstrip("/"): e
              for e in json.loads((public / "events.json").read_text(encoding="utf-8"))["events"]}
    meeting = events["monthly-2026-11-11"]
    assert meeting["@id"] == "monthly-2026-11-11@harbor-city-python.github.io"
    assert meeting["superEvent"]["@id"] == "series-monthly@harbor-city-python.github.io"
    assert [t["inLanguage"] for t in meeting["subEvent"]] == ["en", "es"]
    assert meeting["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in meeting["location"]] == ["Place", "VirtualLocation"]
    travel = events["2027-04-24-pycon-travel-meetup"]
    assert travel["inLanguage"] == "es" and travel["eventStatus"] == "https://schema.org/EventPostponed"
    assert travel["description"].startswith("Aplazado hasta")
    assert "<" not in travel["description"]  # plain text, not HTML
    sprint = events["2027-06-19-harbor-sprint"]
    assert (sprint["startDate"], sprint["endDate"]) == ("2027-06-19", "2027-06-20")


def test_a_schema_violation_is_caught() -> None:
    """The schema is not so loose that anything passes."""
    broken = {"version": "2.0", "generated": "yesterday", "name": "x", "url": "ftp://x", "inLanguage": "en",
              "events": [{"@type": "Event"}]}
    errors = list(jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).iter_errors(broken))
    assert {e.json_path for e in errors} >= {"$.version", "$.generated", "$.url", "$.events[0]"}


HOSTILE = 'Quotes " and </script><script>alert(1)</script> & ampersands \u2028 end'


def test_hostile_text_stays_data(make_site: Callable[..., Path]) -> None:
    site = make_site({
        "events/2026-12-01-hostile.yaml": (f"title: {json.dumps(HOSTILE)}\nstart: 2026-12-01 18:30\n"
                                           f"published: 2026-10-01 10:00\nlanguage: de\n"
                                           f"description: {json.dumps(HOSTILE + ' <b>bold</b>')}\n"),
        "posts/2026-10-02-hostile.md": f"---\ntitle: {json.dumps(HOSTILE)}\nlanguage: fr\n---\n{HOSTILE}\n",
    })
    report = build_site(site)
    assert report.written, messages(report)
    out = site / "public"
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    _validate(data)
    assert data["events"][0]["name"] == HOSTILE and data["events"][0]["inLanguage"] == "de"
    page = (out / "events/2026-12-01-hostile/index.html").read_text(encoding="utf-8")
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    ld = json.loads(script)
    assert ld["name"] == HOSTILE and ld["inLanguage"] == "de"
    for name in ("feed.json", "events/feed.json"):
        feed = json.loads((out / name).read_text(encoding="utf-8"))
        _check_json_feed(feed, out, "https://org.github.io/group-site/")
        assert HOSTILE in {item["title"] for item in feed["items"]}


def test_events_json_follows_changes_and_the_build_moment(make_site: Callable[..., Path]) -> None:
    """Rebuilt from the cache, events.json and the feeds equal a clean build's (build_site compares them)."""
    site = make_site({"events/2026-12-01-meetup.yaml": "title: Meetup\nstart: 2026-12-01 18:30\n"})
    build_site(site)
    (site / "events/2026-12-01-meetup.yaml").write_text("title: Meetup\nstart: 2026-12-01 18:30\nlanguage: nl\n",
                                                        encoding="utf-8")
    build_site(site)
    data = json.loads((site / "public/events.json").read_text(encoding="utf-8"))
    assert data["events"][0]["inLanguage"] == "nl"
    build_site(site, now=datetime.fromisoformat("2026-11-02T12:00:00+00:00"))
    data = json.loads((site / "public/events.json").read_text(encoding="utf-8"))
    assert data["generated"] == "2026-11-02T12:00:00Z"


# --- JSON Feed 1.1 ---------------------------------------------------------------------------------

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
FEED_KEYS = {"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon",
             "favicon", "authors", "language", "expired", "hubs", "items"}
ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
             "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"}


def _check_json_feed(feed: dict[str, Any], public: Path, base: str) -> None:
    """Check a feed against the rules of https://www.jsonfeed.org/version/1.1/."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    extensions = {k for k in set(feed) - FEED_KEYS if k.startswith("_")}
    assert set(feed) - FEED_KEYS - extensions == set(), "only the spec's keys, or extensions starting with _"
    for key in ("home_page_url", "feed_url"):
        assert feed[key].startswith(base)
    assert (public / feed["feed_url"].removeprefix(base)).is_file()  # feed_url is where the feed is
    assert language_problem(feed["language"]) is None
    for author in feed.get("authors", []):
        assert set(author) <= {"name", "url", "avatar"} and author
    ids = [item["id"] for item in feed["items"]]
    assert len(set(ids)) == len(ids)
    for item in feed["items"]:
        assert set(item) <= ITEM_KEYS
        assert isinstance(item["id"], str) and item["id"]
        assert "content_html" in item or "content_text" in item
        assert item["url"].startswith(base)
        for key in ("date_published", "date_modified"):
            if key in item:
                assert RFC3339.fullmatch(item[key]), item[key]
        if "date_modified" in item and "date_published" in item:
            assert datetime.fromisoformat(item["date_modified"]) >= datetime.fromisoformat(item["date_published"])
        assert all(isinstance(tag, str) for tag in item.get("tags", []))
        assert all(set(a) <= {"name", "url", "avatar"} and a for a in item.get("authors", []))
        if "image" in item:
            assert item["image"].startswith(("https://", "http://"))
        if "content_html" in item:
            assert not re.search(r"""(?:href|src)=["']/(?!/)""", item["content_html"]), "links are absolute"
        assert language_problem(item["language"]) is None


@pytest.mark.parametrize(("json_name", "atom_name"), [("feed.json", "atom.xml"), ("events/feed.json", "events/atom.xml")])
def test_json_feeds_follow_the_spec_and_match_atom(public: Path, json_name: str, atom_name: str) -> None:
    feed = json.loads((public / json_name).read_text(encoding="utf-8"))
    _check_json_feed(feed, public, BASE)
    atom = feedparser.parse((public / atom_name).read_bytes())
    assert not atom.bozo
    assert [item["id"] for item in feed["items"]] == [entry.id for entry in atom.entries]
    assert [item["title"] for item in feed["items"]] == [entry.title for entry in atom.entries]


def test_a_summary_only_site_puts_text_in_its_json_feed(make_site: Callable[..., Path]) -> None:
    site = make_site({"ugsite.yaml": CONFIG + "feed_content: summary\n",
                      "posts/2026-10-01-a.md": "---\ntitle: A\n---\nThe first paragraph.\n\nMore.\n"})
    build_site(site)
    feed = json.loads((site / "public/feed.json").read_text(encoding="utf-8"))
    _check_json_feed(feed, site / "public", "https://org.github.io/group-site/")
    assert feed["items"][0]["content_text"] == "The first paragraph." and "content_html" not in feed["items"][0]


class _References(HTMLParser):
    """Collect every URL an HTML fragment refers to: href, src and each candidate of a srcset."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
            elif name == "srcset" and value is not None:
                self.urls += [candidate.split()[0] for candidate in value.split(",")]


def _references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


def test_feed_content_refers_by_absolute_urls_that_reach_the_page(make_site: Callable[..., Path]) -> None:
    """A reader resolves a relative URL against the feed's address (RSS has no base; Atom's is the document's)."""
    from test_images import picture_bytes

    site = make_site({"posts/2026-10-01-notes.md": (
        "---\ntitle: Notes\n---\nA claim.[^1] See [the venue](/venue/) and [the slides](#slides).\n\n"
        "![The room](/images/wide.png)\n\n## Slides {#slides}\n\n[^1]: A footnote.\n"),
        "static/images/wide.png": picture_bytes(1000, 500)})
    report = build_site(site)
    assert report.written, messages(report)
    out, page = site / "public", "https://org.github.io/group-site/posts/notes/"
    rss = ET.parse(out / "feed.xml").find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded")
    atom = ET.parse(out / "atom.xml").find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content")
    json_item = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"][0]
    for html in (rss.text, atom.text, json_item["content_html"]):  # type: ignore[union-attr]
        urls = _references(html or "")
        assert urls and all(url.startswith("https://org.github.io/group-site/") for url in urls), urls
        assert {page + "#fn1", page + "#fnref1", page + "#slides"} <= set(urls)
        assert "https://org.github.io/group-site/venue/" in urls
        assert "https://org.github.io/group-site/images/wide.480w.png" in urls  # from the srcset


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("link", "a"):
            self.links.append({"tag": tag, **dict(attrs)})


def _links(page: Path) -> list[dict[str, str | None]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def _target(public: Path, href: str | None) -> Path:
    assert href is not None and href.startswith("/site/")
    return public / href.removeprefix("/site/")


def test_pages_announce_the_json_feeds_and_event_pages_link_the_data(public: Path) -> None:
    for page in ("index.html", "posts/packaging-workshop-recap/index.html", "events/index.html"):
        found = [l for l in _links(public / page) if l["tag"] == "link" and l.get("type") == "application/feed+json"]
        assert [l["href"] for l in found] == ["/site/feed.json", "/site/events/feed.json"]
        assert all(l["rel"] == "alternate" and _target(public, l["href"]).is_file() for l in found)
    event = _links(public / "events/monthly-2026-11-11/index.html")
    hrefs = {l["href"] for l in event if l["tag"] == "a"}
    assert {"/site/events/monthly-2026-11-11/event.ics", "/site/events.json"} <= hrefs
    assert urljoin(BASE, "events.json") == BASE + "events.json"


# --- the language, shown and carried -------------------------------------------------------------------

def test_language_is_shown_where_it_differs_and_carried_everywhere(make_site: Callable[..., Path]) -> None:
    site = make_site({
        "ugsite.yaml": CONFIG + "language: en-GB\nfeed_events: true\n",
        "posts/2026-10-01-hallo.md": "---\ntitle: Hallo zusammen\nlanguage: de\n---\nWillkommen.\n",
        "posts/2026-10-02-hello.md": "---\ntitle: Hello\n---\nWelcome.\n",
        "events/2026-12-01-rencontre.yaml": ("title: Rencontre\nstart: 2026-12-01 18:30\nlanguage: fr\n"
                                             "published: 2026-10-01 10:00\ndescription: On parle Python.\n"
                                             "talks:\n  - title: Charla\n    language: es\n  - title: Exposé\n"),
        "events/2026-12-02-meetup.yaml": "title: Meetup\nstart: 2026-12-02 18:30\npublished: 2026-10-01 10:00\n",
    })
    report = build_site(site)
    assert report.written, messages(report)
    out = site / "public"
    badge = re.compile(r'<span class="language-badge"[^>]*><span class="visually-hidden">Language: </span>(\S+?)</span>')
    assert badge.findall((out / "posts/hallo/index.html").read_text(encoding="utf-8")) == ["de"]
    assert '<h1 lang="de">Hallo zusammen</h1>' in (out / "posts/hallo/index.html").read_text(encoding="utf-8")
    assert badge.findall((out / "posts/hello/index.html").read_text(encoding="utf-8")) == []
    event_page = (out / "events/2026-12-01-rencontre/index.html").read_text(encoding="utf-8")
    assert badge.findall(event_page) == ["fr", "es", "fr"]  # the event; its talks: es, and fr from the event
    assert '<h1 class="p-name" lang="fr">' in event_page
    assert badge.findall((out / "events/index.html").read_text(encoding="utf-8")) == ["fr"]
    assert badge.findall((out / "events/2026-12-02-meetup/index.html").read_text(encoding="utf-8")) == []
    ld = json.loads(event_page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert ld["inLanguage"] == "fr"
    (vevent,) = icalendar.Calendar.from_ical((out / "events/2026-12-01-rencontre/event.ics").read_bytes()).walk("VEVENT")
    assert vevent["SUMMARY"].params["LANGUAGE"] == "fr" and vevent["DESCRIPTION"].params["LANGUAGE"] == "fr"
    atom = feedparser.parse((out / "atom.xml").read_bytes())
    assert atom.feed.language == "en-GB"
    languages = {e.title: e.title_detail.language for e in atom.entries}
    assert languages == {"Hallo zusammen": "de", "Rencontre": "fr", "Hello": "en-GB", "Meetup": "en-GB"}
    rss = feedparser.parse((out / "feed.xml").read_bytes())
    assert {e.title: e.get("language") for e in rss.entries} == {"Hallo zusammen": "de", "Rencontre": "fr",
                                                                 "Hello": None, "Meetup": None}
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert feed["language"] == "en-GB"
    assert {i["title"]: i["language"] for i in feed["items"]} == {"Hallo zusammen": "de", "Rencontre": "fr",
                                                                  "Hello": "en-GB", "Meetup": "en-GB"}
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    _validate(data)
    assert data["inLanguage"] == "en-GB"
    assert [(e["name"], e["inLanguage"]) for e in data["events"]] == [("Rencontre", "fr"), ("Meetup", "en-GB")]
    assert [t["inLanguage"] for t in data["events"][0]["subEvent"]] == ["es", "fr"]
