"""The default theme in a real browser: axe-core, keyboard, console, weight, time-aware events, search.

Debian's Chromium is driven by Playwright; axe-core runs inside each page. With
UGSITE_SCREENSHOTS=1, screenshots of every page kind go to the test's temporary folder for
people to look at.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from conftest import EXAMPLE, NOW, REPO, build_site, messages, served_folder
from playwright.sync_api import Browser, Page, sync_playwright

from ugsite.incremental import CACHE_DIR

CHROMIUM = os.environ.get("UGSITE_CHROMIUM", "/usr/bin/chromium")
AXE = REPO / ".tools/node_modules/axe-core/axe.min.js"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]
PAGE_KINDS = {
    "home": "", "post": "posts/pattern-matching-recap/", "post list": "posts/", "tag": "tags/python/",
    "event": "events/monthly-2026-11-11/", "cancelled event": "events/monthly-2026-12-09/", "events list": "events/",
    "speaker": "speakers/maya-okafor/", "page": "about/", "404": "404.html", "series": "events/series/monthly/",
    "venue": "venues/dockside-library/", "archive": "archive/", "search": "search/?q=pattern", "event tag": "events/tags/workshops/",
    "events month": "events/calendar/2026-12/", "subscribe help": "events/subscribe/apple/",
    "jobs": "jobs/", "first time": "first-time/", "recap event": "events/monthly-2026-09-09/",
    "call for speakers": "cfp/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # of those, the rules that read colours


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("served")
    report = build_site(EXAMPLE, output=root / "site", search=True)
    assert report.written, messages(report)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/site/"
    server.shutdown()


def _served_in(language: str, root: Path) -> Iterator[str]:
    """Serve the example site built with `language:` set to `language`."""
    shutil.copytree(EXAMPLE, root / "source", ignore=shutil.ignore_patterns("public", CACHE_DIR))
    config = root / "source/ugsite.yaml"
    settings = config.read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in settings
    config.write_text(settings.replace("\nlanguage: en\n", f"\nlanguage: {language}\n"), encoding="utf-8")
    report = build_site(root / "source", output=root / "served/site")
    assert report.written, messages(report)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "served")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/site/"
    server.shutdown()


@pytest.fixture(scope="module")
def rtl_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site as a Hebrew-speaking group's would be: `language: he`, so its pages read right to left."""
    yield from _served_in("he", tmp_path_factory.mktemp("rtl"))


@pytest.fixture(scope="module")
def german_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site with `language: de`: the theme's words, dates and the scripts' words in German."""
    yield from _served_in("de", tmp_path_factory.mktemp("de"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), f"Chromium is missing at {CHROMIUM}: run the README's test command"
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run the README's test command"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def open_page(browser: Browser, url: str, width: int, scheme: str, problems: list[str], clock: datetime | None = None) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    if clock is not None:
        page.clock.install(time=clock)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request the browser drops because the page navigated away (a lazy image) is no failure;
    # a missing file answers 404, which the response handler reports.
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} ({r.failure})")
            if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and not r.url.endswith("404.html") else None)
    page.on("request", lambda r: problems.append(f"third-party request: {r.url}")
            if not r.url.startswith(url.split("/site/")[0]) else None)
    # Once loaded, not once the network has been idle for half a second: what a page requests
    # later is still heard by the handlers above, until the test closes the page.
    page.goto(url, wait_until="load")
    return page


def axe_violations(page: Page, scheme: str = "light") -> list[str]:
    """Run axe-core on the page as it is now; return each violation as one line.

    The dark scheme changes only colours (test_the_dark_scheme_changes_only_colours): the
    page is the same document, so in it only the rules that read colours run again.
    """
    page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": AXE_COLOUR_RULES} if scheme == "dark" else {"type": "tag", "values": AXE_TAGS}
    found: list[str] = page.evaluate(
        "async (only) => (await axe.run(document, {runOnly: only})).violations"
        ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)",
        only,
    )
    return found


def screenshot(page: Page, factory: pytest.TempPathFactory, name: str) -> None:
    """Keep a full-page screenshot for people to look at, when UGSITE_SCREENSHOTS asks for them."""
    if os.environ.get("UGSITE_SCREENSHOTS"):
        shots = factory.getbasetemp() / "screenshots"
        shots.mkdir(exist_ok=True)
        page.screenshot(path=str(shots / f"{name.replace(' ', '-')}.png"), full_page=True)


def test_the_dark_scheme_changes_only_colours() -> None:
    """What lets axe_violations run only the colour rules in the dark scheme: the theme's
    stylesheet sets custom properties (its palette) there and nothing else. (The code
    highlighting's stylesheet, written by Pygments, sets the colours of code.)"""
    css = (REPO / "themes/default/static/css/site.css").read_text(encoding="utf-8")
    blocks = re.findall(r"@media \(prefers-color-scheme: dark\) \{(.*?)\n\}", css, re.S)
    declared = [d.split(":")[0].strip() for block in blocks for rule in re.findall(r"\{([^}]*)\}", block)
                for d in rule.split(";") if d.strip()]
    assert blocks and declared and all(name.startswith("--") for name in declared), declared


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_page_kinds_pass_axe_with_no_console_errors(browser: Browser, origin: str, kind: str, width: int,
                                                    scheme: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + PAGE_KINDS[kind], width, scheme, problems)
    if kind == "search":  # its results come once the script has fetched the index
        page.wait_for_selector("#ug-search-results li")
    violations = axe_violations(page, scheme)
    screenshot(page, tmp_path_factory, f"{kind}-{width}-{scheme}")
    assert page.locator("h1").count() == 1
    assert page.locator("main#ug-main").count() == 1 and page.locator("header, footer, nav").count() >= 3
    page.context.close()
    assert violations == []
    assert problems == []


def test_keyboard_order_and_visible_focus_on_home(browser: Browser, origin: str) -> None:
    page = open_page(browser, origin, 1280, "light", [])
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(
            "() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " const name = e.labels && e.labels.length ? e.labels[0].textContent : e.textContent;"
            " return [e.tagName.toLowerCase(), (name || '').trim(),"
            " s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }"))
    names = [text for _, text, _ in focused]
    assert names[0] == "Skip to content"
    assert names[1] == "Harbor City Python"
    assert names[2] == "Search" and focused[2][0] == "input"
    assert names[3:10] == ["Events", "Posts", "About us", "Speakers", "Sponsors", "Code of Conduct", "Archive"]
    assert all(visible for _, _, visible in focused), focused
    page.keyboard.press("Shift+Tab")
    page.goto(origin)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#ug-main"
    page.context.close()


def _query(href: str) -> dict[str, str]:
    """Return the decoded parameters of a link's query, each once."""
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query, strict_parsing=True).items()}


def test_subscribe_is_above_the_fold_on_a_phone_and_offers_every_calendar_app(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.goto(origin, wait_until="networkidle")
    summary = page.locator(".hero .subscribe-panel > summary")
    box = summary.bounding_box()
    assert summary.inner_text().startswith("Subscribe") and box is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box  # visible without scrolling
    links = page.locator(".subscribe-panel .subscribe-links a")
    assert not links.first.is_visible()  # closed until asked
    summary.click()
    assert links.first.is_visible()
    hrefs = {text: href for text, href in zip(links.all_inner_texts(), links.evaluate_all("as => as.map(a => a.href)"))}
    https, webcal = "https://harbor-city-python.github.io/site/calendar.ics", "webcal://harbor-city-python.github.io/site/calendar.ics"
    assert hrefs["Apple Calendar"] == webcal
    assert hrefs["Google Calendar"].startswith("https://calendar.google.com/calendar/r?")
    assert _query(hrefs["Google Calendar"]) == {"cid": webcal}
    for text, host in (("Outlook.com", "outlook.live.com"), ("Microsoft 365", "outlook.office.com")):
        assert hrefs[text].startswith(f"https://{host}/calendar/0/addfromweb?")
        assert _query(hrefs[text]) == {"url": https, "name": "Harbor City Python"}
    feeds = page.locator(".subscribe-panel .subscribe-feeds a").evaluate_all("as => as.map(a => a.href)")
    assert feeds == [origin + "feed.xml", origin + "atom.xml", origin + "feed.json"]
    address = page.locator(".subscribe-panel input[readonly]")
    assert address.input_value() == https and page.locator("label[for=ug-subscribe-url]").is_visible()
    page.locator(".subscribe-panel button", has_text="Copy").click()
    assert page.evaluate("() => navigator.clipboard.readText()") == https
    assert page.locator(".subscribe-panel button").inner_text() == "Copied"  # its words come from the page's #ug-text
    assert page.locator(".subscribe-panel [role=status]").inner_text() == "Address copied"
    page.goto(origin + "events/series/monthly/")
    panel = page.locator(".subscribe-panel")
    panel.locator("summary").click()
    series = "harbor-city-python.github.io/site/events/series/monthly/calendar.ics"
    assert panel.locator("a", has_text="Apple Calendar").get_attribute("href") == "webcal://" + series
    assert _query(panel.locator("a", has_text="Microsoft 365").get_attribute("href") or "")["url"] == "https://" + series
    context.close()
    assert problems == []


def test_the_menu_fits_a_phone_as_a_disclosure_that_needs_no_script(browser: Browser, origin: str) -> None:
    for scripts in (True, False):
        context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(origin + "about/")
        header = page.locator(".site-header").bounding_box()
        assert header is not None and header["height"] < 160, header  # brand and menu in a row, the search below
        assert page.locator(".site-nav .nav-row").is_hidden()
        menu = page.locator(".site-nav details.nav-menu")
        assert menu.is_visible() and menu.get_attribute("open") is None
        assert page.locator(".nav-menu a").first.is_hidden()
        summary = menu.locator("summary")
        summary.focus()
        assert page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                             " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }")
        page.keyboard.press("Enter")
        assert menu.get_attribute("open") is not None
        items = page.locator(".nav-menu a")
        assert items.all_inner_texts() == ["Events", "Posts", "About us", "Speakers", "Sponsors", "Code of Conduct",
                                           "Archive", "Jobs", "Call for speakers"]
        assert all(items.nth(i).is_visible() for i in range(items.count()))
        assert page.locator(".nav-menu a[aria-current=page]").inner_text() == "About us"
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_open_subscribe_panel_and_menu_pass_axe(browser: Browser, origin: str, width: int, scheme: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "events/", width, scheme, problems)
    page.locator(".subscribe-panel > summary").click()
    if width < 800:
        page.locator(".nav-menu > summary").click()
    violations = axe_violations(page, scheme)
    page.context.close()
    assert violations == []
    assert problems == []


def test_the_date_tile_shows_the_day_in_the_events_own_zone(browser: Browser, make_site: Callable[..., Path]) -> None:
    """A meetup in Tokyo at 08:00 on Friday 20 November is still Thursday evening in New York and Los Angeles."""
    root = make_site({
        "ugsite.yaml": "title: Far Away\nbase_url: https://far.example/\ntimezone: America/New_York\n",
        "events/tokyo.yaml": 'title: Breakfast in Tokyo\nstart: "2026-11-20 08:00"\ntimezone: Asia/Tokyo\n'
                             "online: https://meet.example/tokyo\n",
        "events/home.yaml": 'title: Evening at home\nstart: "2026-11-19 23:30"\nstatus: postponed\n'
                            "online: https://meet.example/home\n",
    })
    assert build_site(root).written
    context = browser.new_context(timezone_id="America/Los_Angeles", java_script_enabled=False)
    page = context.new_page()
    with served_folder(root / "public") as address:
        for path in ("/", "/events/"):
            page.goto(address + path)
            tiles = page.locator(".date-tile")  # on the home page, the first is the card of the next event
            assert [" ".join(t.split()) for t in tiles.all_inner_texts()] == ["FRI 20 NOV", "THU 19 NOV"]  # Tokyo is first: earlier, yet a day later
            assert page.locator(".event-card .status").all_inner_texts() == ["POSTPONED"]  # said in words
            assert page.locator(".event-card .status").evaluate("e => getComputedStyle(e).borderStyle") == "solid"
    context.close()


def test_time_aware_script_moves_ended_events_to_past(browser: Browser, origin: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=datetime(2026, 12, 6, 12, tzinfo=timezone.utc))  # after the Advent of Code kick-off
    page.goto(origin + "events/")
    upcoming = page.locator("[data-ug-upcoming] .event-title").all_inner_texts()
    past = page.locator("[data-ug-past] .event-title").all_inner_texts()
    assert "Advent of Code kick-off (online)" in past and "Advent of Code kick-off (online)" not in upcoming
    assert upcoming[0] == "December meetup"
    classes = [c.split() for c in page.locator("[data-ug-upcoming] > li").evaluate_all("els => els.map(e => e.className)")]
    assert "is-cancelled" in classes[0] and "is-next" not in classes[0]  # the cancelled December meetup is not next
    assert sum("is-next" in c for c in classes) == 1
    assert "is-next" in next(c for c in classes if "is-cancelled" not in c)  # the next meeting that will happen is
    page.goto(origin + "events/2026-12-05-advent-of-code-kickoff/")
    assert page.locator("[data-ug-state]").inner_text() == "This event has ended."
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "events/")
    assert "Advent of Code kick-off (online)" in page.locator("[data-ug-upcoming]").inner_text()  # build-time view
    context.close()


def test_time_aware_script_removes_expired_job_openings(browser: Browser, origin: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=datetime(2026, 12, 31, 22, tzinfo=timezone.utc))  # 17:00 on its last day in Harbor City
    page.goto(origin + "jobs/")
    assert page.locator(".job-title").all_inner_texts() == ["Data engineer (Python, PostgreSQL)"]
    assert page.locator("[data-ug-none]").is_hidden()
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=datetime(2027, 1, 1, 5, 1, tzinfo=timezone.utc))  # just after its last day ended there
    page.goto(origin + "jobs/")
    assert page.locator(".job-card").count() == 0
    assert page.locator("[data-ug-none]").is_visible()
    context.close()


def test_the_home_page_leads_newcomers_to_the_first_time_page(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin, 375, "light", problems, clock=NOW)
    link = page.locator(".hero .first-time a")
    assert link.inner_text() == "First time here?" and link.is_visible()
    link.click()
    page.wait_for_url("**/first-time/")
    assert page.locator("h1").inner_text() == "First time here?"
    assert page.get_by_role("link", name="code of conduct").get_attribute("href") == "/site/code-of-conduct/"
    page.context.close()
    assert problems == []


def test_time_aware_script_hides_a_closed_call_for_speakers(browser: Browser, origin: str) -> None:
    for moment, is_open in ((datetime(2027, 1, 16, 4, 59, tzinfo=timezone.utc), True),  # 23:59 on 15 January there
                            (datetime(2027, 1, 16, 5, 1, tzinfo=timezone.utc), False)):  # just after its last day
        context = browser.new_context()
        page = context.new_page()
        page.clock.install(time=moment)
        page.goto(origin)
        assert page.locator(".call-notice").count() == (1 if is_open else 0)
        page.goto(origin + "cfp/")
        assert page.locator(".call-card").count() == (1 if is_open else 0)
        assert page.locator("[data-ug-none]").is_visible() == (not is_open)
        assert page.locator(".unscheduled-talks li").count() == 1
        context.close()


def test_local_time_is_shown_when_the_reader_is_elsewhere(browser: Browser, origin: str) -> None:
    """18:30-21:00 in New York: start and end in the reader's zone, in the page's language (in the reader's variant
    of it, with its clock convention), and only if they differ."""
    expected = {
        ("Europe/Berlin", "en-GB"): "Your time: Thursday 12 November, 00:30–03:00 CET",
        ("America/Los_Angeles", "en-US"): "Your time: Wednesday, November 11, 3:30 – 6:00 PM PST",
        ("Asia/Tokyo", "de-DE"): "Your time: Thursday, November 12, 8:30 – 11:00 AM GMT+9",  # an English page: not German
    }
    for (zone, locale), text in expected.items():
        context = browser.new_context(timezone_id=zone, locale=locale)
        page = context.new_page()
        page.goto(origin + "events/monthly-2026-11-11/")
        assert " ".join(page.locator(".local-time").inner_text().split()) == text, zone
        context.close()
    for zone in ("America/New_York", "America/Toronto"):  # the event's zone, or one with the same clock
        context = browser.new_context(timezone_id=zone, locale="en-US")
        page = context.new_page()
        page.goto(origin + "events/monthly-2026-11-11/")
        assert page.locator(".local-time").count() == 0, zone
        when = page.locator(".when time.dt-start")
        assert when.inner_text() == "Wednesday, November 11, 2026, 6:30\u2009–\u20099:00\u202fPM EST"  # the zone as people say it
        assert when.get_attribute("title") == "Time zone: America/New_York"  # its full name on hover
        assert "America/New_York" not in page.locator(".event-header").inner_text()
        context.close()


def test_the_next_event_is_a_card_above_the_fold_with_its_two_actions(browser: Browser, origin: str) -> None:
    """At the build's moment the November meetup is next: on a phone and a laptop, its card and Subscribe need no scrolling."""
    for width, height in ((390, 844), (1280, 800)):
        problems: list[str] = []
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 800)
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.clock.install(time=NOW)
        page.goto(origin, wait_until="networkidle")
        lead = page.locator(".hero .lead")
        assert lead.inner_text() == "The Python user group of Harbor City. Monthly talks, workshops and pizza since 2018."
        card = page.locator(".hero article.next-event")
        for part in (page.locator("h1"), lead, card, page.locator(".hero .subscribe-panel > summary")):
            box = part.bounding_box()
            assert box is not None and box["x"] >= 0 and box["y"] >= 0, box
            assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, (width, box)
        assert card.locator("h2").inner_text() == "November meetup: Python in the classroom"
        assert card.locator("h2 a").get_attribute("href") == "/site/events/monthly-2026-11-11/"
        assert card.locator("time.dt-start").inner_text() == "Wednesday, November 11, 2026, 6:30\u2009–\u20099:00\u202fPM EST"
        assert " ".join(card.locator(".date-tile").inner_text().split()) == "WED 11 NOV"
        assert card.locator(".p-location").inner_text() == "Dockside Library and online"
        buttons = card.locator(".next-event-actions a")
        assert buttons.all_inner_texts() == ["RSVP", "Add to calendar"]
        assert buttons.evaluate_all("as => as.map(a => a.href)") == [
            "https://rsvp.example/harbor-city-python/2026-11", origin + "events/monthly-2026-11-11/event.ics"]
        calendar = page.request.get(origin + "events/monthly-2026-11-11/event.ics")
        assert calendar.ok
        (meeting,) = icalendar.Calendar.from_ical(calendar.body()).walk("VEVENT")
        assert str(meeting["SUMMARY"]).startswith("November meetup")
        assert page.locator(".upcoming h2").inner_text() == "Coming up"
        assert "November meetup" not in page.locator(".upcoming").inner_text()  # not twice
        intro = page.locator("main > .intro").bounding_box()  # the introduction follows the card
        assert intro is not None and intro["y"] > (card.bounding_box() or {"y": 1e9})["y"]
        context.close()
        assert problems == []


def test_the_next_event_card_goes_once_its_event_has_ended(browser: Browser, origin: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=datetime(2026, 11, 12, 12, tzinfo=timezone.utc))
    page.goto(origin)
    assert page.locator(".next-event").count() == 0 and page.locator(".hero .subscribe-panel").is_visible()
    assert page.locator("#ug-upcoming").inner_text() == "Next events"
    assert page.locator("[data-ug-upcoming] > li.is-next .event-title").all_inner_texts() == ["Advent of Code kick-off (online)"]
    context.close()


@pytest.mark.parametrize(("moment", "sentence"), [
    (datetime(2026, 11, 8, 15, tzinfo=timezone.utc), "Happening in 3 days."),
    (datetime(2026, 11, 10, 15, tzinfo=timezone.utc), "Happening tomorrow."),
    (datetime(2026, 11, 11, 15, tzinfo=timezone.utc), "Happening today."),
    (datetime(2026, 11, 11, 23, 45, tzinfo=timezone.utc), "Happening now."),
    (datetime(2026, 11, 12, 3, tzinfo=timezone.utc), "This event has ended."),
])
def test_the_event_page_says_how_soon_in_a_sentence(browser: Browser, origin: str, moment: datetime, sentence: str) -> None:
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.clock.install(time=moment)
    page.goto(origin + "events/monthly-2026-11-11/")
    assert page.locator(".event-header .time-state").inner_text() == sentence
    primary = page.locator(".event-header .primary-action a.button")
    assert primary.inner_text() == "RSVP" and primary.get_attribute("href") == "https://rsvp.example/harbor-city-python/2026-11"
    context.close()


def test_the_status_sentence_without_script_and_for_a_cancelled_event(browser: Browser, origin: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "events/monthly-2026-11-11/")
    assert page.locator(".time-state").inner_text() == "Happening in 11 days."  # from the build's moment: 31 October in New York
    page.goto(origin + "events/monthly-2026-12-09/")
    state = page.locator(".time-state")
    assert " ".join(state.inner_text().split()) == "Cancelled — see the announcement below."
    assert state.locator("a").get_attribute("href") == "#ug-announcement" and page.locator("#ug-announcement").count() == 1
    assert page.locator(".event-header .primary-action").count() == 0  # no RSVP for a cancelled meeting
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_front_door_passes_axe_at_the_builds_moment(browser: Browser, origin: str, width: int, scheme: str) -> None:
    """The other axe runs use today's clock, which may have removed the card of the next event."""
    for path in ("", "events/monthly-2026-11-11/", "events/monthly-2026-12-09/"):
        problems: list[str] = []
        page = open_page(browser, origin + path, width, scheme, problems, clock=NOW)
        assert page.locator(".next-event").count() == (1 if path == "" else 0)
        violations = axe_violations(page, scheme)
        page.context.close()
        assert violations == [], path
        assert problems == [], path


def test_search_finds_a_post(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "search/?q=pattern", 1280, "light", problems)
    page.wait_for_selector("#ug-search-results li")
    titles = page.locator("#ug-search-results a").all_inner_texts()
    assert titles[0] == "Recap: Structural pattern matching in practice"
    count = len(titles)
    assert page.locator("#ug-search-status").inner_text() == f"{count} result{'s' if count != 1 else ''}"
    page.fill("#ug-search-query", "Foundry")
    page.press("#ug-search-query", "Enter")
    page.wait_for_selector("#ug-search-results a:has-text('Workshops move to The Foundry')")
    assert "Workshops move to The Foundry" in page.locator("#ug-search-results a").all_inner_texts()
    page.fill("#ug-search-query", "xylophonequartz")
    page.press("#ug-search-query", "Enter")
    page.locator("#ug-search-status", has_text="Nothing found.").wait_for()
    assert page.locator("#ug-search-results li").count() == 0
    assert problems == []
    page.context.close()


def test_a_typical_page_weighs_under_30_kb_compressed(browser: Browser, origin: str) -> None:
    for path in ("", "posts/pattern-matching-recap/", "events/monthly-2026-11-11/"):
        sizes: list[int] = []
        context = browser.new_context()
        page = context.new_page()
        page.on("response", lambda r, sizes=sizes: sizes.append(len(gzip.compress(r.body())))
                if r.request.resource_type in ("document", "stylesheet", "script") else None)
        page.goto(origin + path, wait_until="networkidle")
        context.close()
        assert 0 < sum(sizes) < 30 * 1024, (path, sizes)


def test_print_stylesheet_hides_navigation_on_event_pages(browser: Browser, origin: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin + "events/monthly-2026-11-11/")
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden() and page.locator(".calendar-links").is_hidden()
    assert page.locator(".when").is_visible()
    context.close()


def test_search_without_pagefind_says_how_to_install(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['pagefind'] = sys.modules['pagefind_bin'] = None; "
            "from ugsite.commands.cli import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "build", str(EXAMPLE), "--search", "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "--search: error: search needs Pagefind, which is not installed",
        "  hint: install it with: python3 -m pip install 'ugsite[search]'  (or: pip install 'pagefind[bin]')",
    ]
    assert not (tmp_path / "out").exists()


def test_an_old_address_leads_to_the_page(browser: Browser, origin: str) -> None:
    """`aliases:` keep old links working: the redirect page sends a browser on, with or without JavaScript."""
    for scripts in (True, False):
        context = browser.new_context(java_script_enabled=scripts)
        page = context.new_page()
        page.goto(origin + "2018/05/05/our-first-meetup.html")
        page.wait_for_url(origin + "posts/our-first-meetup/", timeout=10_000)
        assert page.locator("h1").first.inner_text() == "Our first meetup"
        context.close()


def test_an_old_address_with_a_fragment_arrives_at_that_part_of_the_new_page(browser: Browser, origin: str) -> None:
    page = browser.new_page()
    try:
        page.goto(origin + "2018/05/05/our-first-meetup.html#ug-main")
        page.wait_for_url("**/posts/our-first-meetup/#ug-main", timeout=10_000)
    finally:
        page.close()
    without_script = browser.new_context(java_script_enabled=False).new_page()
    try:  # the meta refresh still sends readers on, to the page itself
        without_script.goto(origin + "2018/05/05/our-first-meetup.html#ug-main")
        without_script.wait_for_url("**/posts/our-first-meetup/", timeout=10_000)
    finally:
        without_script.close()


def test_post_cards_show_their_cover_and_the_authors_avatar_on_a_phone(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "posts/", 375, "light", problems)
    card = page.locator("article.card", has=page.locator("a", has_text="Workshops move to The Foundry"))
    cover = card.locator("img.card-image")
    cover.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=cover.element_handle())
    box, frame = cover.bounding_box(), card.bounding_box()
    assert box is not None and frame is not None
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]  # inside its card
    assert abs(box["width"] / box["height"] - 1200 / 630) < 0.02  # the space reserved is the space shown
    avatar = card.locator(".authors img.avatar")
    assert avatar.is_visible() and (avatar.bounding_box() or {"height": 99})["height"] <= 32
    assert card.locator(".reading-time").inner_text() == "1 min read"
    page.context.close()
    assert problems == []


def test_an_event_tag_leads_to_its_events_and_their_own_calendar(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "events/2027-02-20-data-science-workshop/", 375, "light", problems, clock=NOW)
    tag = page.locator(".event-header .tags a", has_text="#workshops")
    assert tag.is_visible()
    tag.click()
    page.wait_for_url(origin + "events/tags/workshops/")
    assert page.locator("h1").inner_text() == "workshops"
    assert "Workshop: Data science with Polars" in page.locator("[data-ug-upcoming]").inner_text()
    assert "Workshop: From scripts to packages" in page.locator("[data-ug-past]").inner_text()
    page.locator(".subscribe-panel > summary").click()
    apple = page.locator(".subscribe-panel a", has_text="Apple Calendar")
    assert apple.is_visible()
    assert apple.get_attribute("href") == "webcal://harbor-city-python.github.io/site/events/tags/workshops/calendar.ics"
    page.context.close()
    assert problems == []


def test_a_venues_access_and_directions_are_shown_in_words(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "events/monthly-2026-11-11/", 375, "dark", problems, clock=NOW)
    brief = page.locator(".fact .access-brief")
    assert brief.is_visible()
    assert brief.inner_text() == ("Access: Step-free access. Accessible toilet. Hearing loop. No quiet room. "
                                  "Access details")
    assert page.locator(".fact .directions strong", has_text="Tram 4").is_visible()
    brief.locator("a").click()
    page.wait_for_url(origin + "venues/dockside-library/#access")
    access = page.locator("#access")
    assert access.locator("h2").inner_text() == "Accessibility"
    items = access.locator("li")
    assert items.all_inner_texts() == ["Step-free access", "Accessible toilet", "Hearing loop", "No quiet room"]
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert access.locator(".access-notes").is_visible()
    assert page.locator("#ug-directions").inner_text() == "Getting there"
    page.context.close()
    assert problems == []


def test_the_link_preview_card_of_an_event_loads_as_a_1200_by_630_image(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "events/monthly-2026-12-09/", 1280, "light", problems, clock=NOW)
    address = page.locator('meta[property="og:image"]').get_attribute("content") or ""
    assert address.endswith("/events/monthly-2026-12-09/card.png")
    # Served here, not at the site's public address: load the same path from this origin.
    local = origin + address.split("/events/", 1)[1].join(["events/", ""])
    size = page.evaluate("""url => new Promise((done, fail) => {
        const image = new Image();
        image.onload = () => done([image.naturalWidth, image.naturalHeight]);
        image.onerror = () => fail(new Error('the card did not load'));
        image.src = url;
    })""", local)
    assert size == [1200, 630]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_month_grid_is_a_table_on_a_desktop_and_a_list_of_days_on_a_phone(browser: Browser, origin: str,
                                                                               width: int) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "events/", width, "light", problems, clock=NOW)
    page.locator(".view-switch a", has_text="Month").click()
    page.wait_for_url(origin + "events/calendar/")
    # Built at 2026-11-01 00:00 UTC, which is still 31 October in the site's zone (New York).
    assert page.locator("h1").inner_text() == "October 2026"
    today = page.locator("td[aria-current=date]")
    assert today.count() == 1 and today.is_visible() and today.locator(".today-mark").text_content() == "Today"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
    meeting = page.locator("td.has-events", has_text="Harbor City Python monthly meetup")
    assert meeting.is_visible()
    headers = page.locator(".month-grid th")
    if width > 800:  # seven columns, one row per week
        assert headers.count() == 7 and all(headers.nth(i).is_visible() for i in range(7))
        row = page.locator(".month-grid tbody tr").nth(1).locator("td")
        boxes = [row.nth(i).bounding_box() for i in range(7)]
        assert all(b is not None and b["y"] == boxes[0]["y"] for b in boxes)  # type: ignore[index]
        assert page.locator("td.day:not(.has-events):not(.is-today)").first.is_visible()
    else:  # only the days with events (and today), one below the other, each with its full date
        assert page.locator("td.day:not(.has-events):not(.is-today)").first.is_hidden()
        header = page.locator(".month-grid thead").bounding_box()
        assert header is not None and header["height"] <= 1  # kept for screen readers, not shown
        days = page.locator("td.has-events, td.is-today")
        boxes = [days.nth(i).bounding_box() for i in range(days.count())]
        assert len(boxes) >= 2 and len({b["x"] for b in boxes if b}) == 1
        assert meeting.locator(".day-long").inner_text() == "Wednesday, October 14"
    page.locator(".month-pager a[rel=next]").click()
    page.wait_for_url(origin + "events/calendar/2026-11/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.locator("td.has-events a[href$='/events/monthly-2026-11-11/']").click()
    page.wait_for_url(origin + "events/monthly-2026-11-11/")
    page.context.close()
    assert problems == []


def test_a_phone_loads_the_small_webp_copy_of_a_cover(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "posts/our-first-meetup/", 390, "light", problems, clock=NOW)
    cover = page.locator("img.cover")
    cover.evaluate("image => image.decode()")
    assert cover.evaluate("image => image.currentSrc").endswith("/content/images/2018/05/first-meetup.480w.webp")
    assert cover.evaluate("image => image.naturalWidth") == 358  # the 480 px copy drawn at the column's width
    page.context.close()
    assert problems == []


def test_a_recap_opens_with_what_happened_and_a_phone_loads_small_photos(browser: Browser, origin: str) -> None:
    """The September meetup has ended: its page leads with the recap post, the talks' material and the photos."""
    problems: list[str] = []
    page = open_page(browser, origin + "events/monthly-2026-09-09/", 390, "light", problems, clock=NOW)
    assert page.locator("main h2").first.inner_text() == "What happened"
    assert page.get_by_role("link", name="Recap: typing in practice").is_visible()
    material = page.get_by_role("list", name="Material of Gradual typing in a ten-year-old codebase")
    assert material.get_by_role("link").all_inner_texts() == ["Slides", "Video", "Code"]
    photos = page.locator("ul.gallery img")
    assert photos.count() == 2
    photos.first.scroll_into_view_if_needed()
    photos.first.evaluate("image => image.decode()")
    assert photos.first.evaluate("image => image.currentSrc").endswith("/images/2026-09-meetup/talk.480w.webp")
    assert page.get_by_role("link", name="Two round tables after the talks, each with five people talking over pizza").count() == 1
    page.context.close()
    assert problems == []


def test_the_home_page_on_a_phone_weighs_under_250_kb_with_its_images(browser: Browser, origin: str) -> None:
    sizes: dict[str, int] = {}
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.on("response", lambda r: sizes.__setitem__(r.url, len(gzip.compress(r.body()))
                                                    if r.request.resource_type != "image" else len(r.body())))
    page.goto(origin, wait_until="networkidle")
    lazy = page.locator("img[loading=lazy]")
    for index in range(lazy.count()):  # scroll past each, as a reader would: every lazy image loads
        lazy.nth(index).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    context.close()
    assert any(url.endswith(".webp") for url in sizes)  # the cards' small copies, not the originals
    assert 0 < sum(sizes.values()) < 250 * 1024, sizes


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_month_grid_and_a_how_to_page_pass_axe(browser: Browser, origin: str, width: int, scheme: str) -> None:
    problems: list[str] = []
    for route in ("events/calendar/", "events/calendar/2027-06/", "events/subscribe/google/"):
        page = open_page(browser, origin + route, width, scheme, problems, clock=NOW)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, route
        violations = axe_violations(page, scheme)
        page.context.close()
        assert violations == [], route
    assert problems == []


def test_the_subscribe_panel_leads_to_the_steps_for_each_app(browser: Browser, origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, origin + "events/series/monthly/", 390, "light", problems, clock=NOW)
    page.locator(".subscribe-panel > summary").click()
    page.locator(".subscribe-help a", has_text="Google and Android").click()
    page.wait_for_url(origin + "events/subscribe/google/")
    assert page.locator("h1").inner_text().startswith("How to subscribe in Google Calendar")
    assert page.locator("input[data-ug-copy]").input_value() == "https://harbor-city-python.github.io/site/calendar.ics"
    add = page.locator(".help-steps a", has_text="Add to Google Calendar")
    assert _query(add.get_attribute("href") or "") == {"cid": "webcal://harbor-city-python.github.io/site/calendar.ics"}
    page.locator(".help-apps a", has_text="Thunderbird").click()
    page.wait_for_url(origin + "events/subscribe/thunderbird/")
    assert "On the Network" in page.locator(".help-steps").inner_text()
    page.context.close()
    assert problems == []


def test_the_readme_screenshots_are_taken_by_their_script(tmp_path: Path) -> None:
    from PIL import Image

    done = subprocess.run([sys.executable, str(REPO / "docs/screenshots.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    shots = sorted(tmp_path.glob("*.png"))
    pages = ("home", "events", "event", "series", "post", "two-languages-pl", "two-languages-en")
    assert [s.name for s in shots] == sorted(f"{page}-{size}.png" for page in pages for size in ("phone", "desktop"))
    assert {Image.open(s).size for s in shots} == {(390, 844), (1280, 800)}
    for name in ("home-phone.png", "event-desktop.png", "two-languages-pl-phone.png", "two-languages-en-phone.png"):
        assert (REPO / "docs/screenshots" / name).is_file()


def _box(page: Page, selector: str) -> dict[str, float]:
    """Return the box of the first element `selector` finds, as the page lays it out."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return {**box, "end": box["x"] + box["width"]}


def _mirrored(ltr: dict[str, float], rtl: dict[str, float], width: float) -> bool:
    """Say whether the right-to-left box is the left-to-right one reflected in the page's vertical midline."""
    return abs(rtl["x"] - (width - ltr["end"])) <= 1 and abs(rtl["width"] - ltr["width"]) <= 1


def test_a_right_to_left_site_mirrors_its_header_and_event_cards(browser: Browser, origin: str, rtl_origin: str) -> None:
    """`language: he` writes `dir="rtl"`; the brand, the menu and the date tiles of event cards change sides."""
    problems: list[str] = []
    ltr = open_page(browser, origin + "events/", 1280, "light", problems, clock=NOW)
    rtl = open_page(browser, rtl_origin + "events/", 1280, "light", problems, clock=NOW)
    assert ltr.evaluate("() => [document.documentElement.getAttribute('dir'), getComputedStyle(document.body).direction]"
                        ) == [None, "ltr"]
    assert rtl.evaluate("() => [document.documentElement.getAttribute('dir'), getComputedStyle(document.body).direction]"
                        ) == ["rtl", "rtl"]
    assert rtl.evaluate("() => document.documentElement.lang") == "he"
    width = ltr.evaluate("() => document.documentElement.clientWidth")
    assert width == rtl.evaluate("() => document.documentElement.clientWidth")
    for selector in (".brand", ".site-nav .nav-row", ".site-nav .nav-row li:first-child", ".events .event-card .date-tile",
                     ".events .event-card"):
        assert _mirrored(_box(ltr, selector), _box(rtl, selector), width), selector
    assert _box(ltr, ".brand")["end"] < width / 2 < _box(rtl, ".brand")["x"]  # the group's name on the right
    first, last = ".site-nav .nav-row li:first-child", ".site-nav .nav-row li:last-child"
    assert _box(ltr, first)["x"] < _box(ltr, last)["x"] and _box(rtl, first)["x"] > _box(rtl, last)["x"]
    tile, body = ".events .event-card .date-tile", ".events .event-card .event-body"
    assert _box(ltr, tile)["end"] < _box(ltr, body)["x"] and _box(rtl, tile)["x"] > _box(rtl, body)["end"]
    edge = "e => [getComputedStyle(e).borderLeftWidth, getComputedStyle(e).borderRightWidth]"
    assert ltr.locator(".events .event-card").first.evaluate(edge) == ["4px", "1px"]
    assert rtl.locator(".events .event-card").first.evaluate(edge) == ["1px", "4px"]  # the accent edge leads
    for page in (ltr, rtl):
        page.goto(page.url.removesuffix("events/"), wait_until="networkidle")  # the home page's card of the next event
    card_tile, card_title = ".next-event .date-tile", ".next-event .event-title"
    assert _mirrored(_box(ltr, card_tile), _box(rtl, card_tile), width)
    assert _box(rtl, card_tile)["x"] > _box(rtl, card_title)["end"]
    ltr.context.close()
    rtl.context.close()
    assert problems == []


def test_a_right_to_left_phone_menu_opens_from_the_left(browser: Browser, origin: str, rtl_origin: str) -> None:
    problems: list[str] = []
    pages = [open_page(browser, address + "about/", 390, "light", problems, clock=NOW) for address in (origin, rtl_origin)]
    for page in pages:
        page.locator(".nav-menu > summary").click()
    ltr, rtl = pages
    width = ltr.evaluate("() => document.documentElement.clientWidth")
    for selector in (".brand", ".nav-menu > summary", ".nav-menu > ul"):
        assert _mirrored(_box(ltr, selector), _box(rtl, selector), width), selector
    row = _box(rtl, ".header-row")
    assert abs(_box(rtl, ".nav-menu > ul")["x"] - row["x"]) <= 1  # the open menu hangs from the summary's side
    for page in pages:
        page.context.close()
    assert problems == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", ["home", "events list", "event", "post", "events month", "speaker"])
@pytest.mark.parametrize(("served", "language", "direction"), [("rtl_origin", "he", "rtl"), ("german_origin", "de", "ltr")])
def test_pages_in_other_languages_pass_axe(browser: Browser, request: pytest.FixtureRequest, served: str, language: str,
                                           direction: str, kind: str, width: int) -> None:
    problems: list[str] = []
    page = open_page(browser, request.getfixturevalue(served) + PAGE_KINDS[kind], width, "light", problems, clock=NOW)
    assert page.evaluate("() => document.documentElement.lang") == language
    assert page.evaluate("() => getComputedStyle(document.body).direction") == direction
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    violations = axe_violations(page)
    page.context.close()
    assert violations == []
    assert overflow <= 0  # nothing is pushed off the page's edge, whichever side it starts from
    assert problems == []


def test_the_scripts_speak_the_pages_language(browser: Browser, german_origin: str) -> None:
    """The countdown and the reader's own time, said by the scripts from the reader's clock, in German."""
    context = browser.new_context(timezone_id="Europe/Berlin", locale="en-US")  # the page's language wins
    page = context.new_page()
    page.clock.install(time=datetime(2026, 11, 8, 15, tzinfo=timezone.utc))
    page.goto(german_origin + "events/monthly-2026-11-11/")
    assert page.locator(".time-state").inner_text().strip() == "Findet in 4 Tagen statt."  # in the reader's zone it is 12 November
    assert " ".join(page.locator(".local-time").inner_text().split()) == \
        "Deine Zeit: Donnerstag, 12. November, 00:30–03:00 Uhr MEZ"
    assert page.locator(".when time.dt-start").inner_text().startswith("Mittwoch, 11. November 2026, 18:30–21:00 Uhr")
    context.close()


TWO_LANGUAGE_PAGES = {
    "home": "", "post": "posts/warsztaty-lutowania/", "event": "events/2026-12-12-swieta-elektroniki/",
    "page": "o-nas/", "events list": "events/",
    "en home": "en/", "en post": "en/posts/soldering-workshop/", "en event": "en/events/2026-12-12-swieta-elektroniki/",
    "en page": "en/about/", "en untranslated post": "en/posts/nowa-pracownia/", "en events list": "en/events/",
}


@pytest.fixture(scope="module")
def two_language_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The two-language test site (Polish and English), served under /site/ as on GitHub Pages."""
    root = tmp_path_factory.mktemp("two-languages")
    shutil.copytree(REPO / "tests/fixtures/two-languages", root / "source")
    report = build_site(root / "source", output=root / "served/site", now=TWO_LANGUAGES_NOW,
                        base_url="https://hakierspejs.example.org/site/")
    assert report.written, messages(report)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "served")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/site/"
    server.shutdown()


TWO_LANGUAGES_NOW = datetime(2026, 11, 29, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", sorted(TWO_LANGUAGE_PAGES))
def test_both_languages_of_a_two_language_site_pass_axe(browser: Browser, two_language_origin: str, kind: str,
                                                         width: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    problems: list[str] = []
    page = open_page(browser, two_language_origin + TWO_LANGUAGE_PAGES[kind], width, "light", problems,
                     clock=TWO_LANGUAGES_NOW)
    assert page.evaluate("() => document.documentElement.lang") == ("en" if kind.startswith("en ") else "pl")
    switcher = page.locator("nav.language-switcher")
    assert switcher.is_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    violations = axe_violations(page)
    screenshot(page, tmp_path_factory, f"two-languages-{kind}-{width}")
    page.context.close()
    assert violations == []
    assert overflow <= 0
    assert problems == []


def test_the_language_switcher_leads_to_the_translation(browser: Browser, two_language_origin: str) -> None:
    problems: list[str] = []
    page = open_page(browser, two_language_origin + "posts/warsztaty-lutowania/", 1280, "light", problems,
                     clock=TWO_LANGUAGES_NOW)
    page.locator("nav.language-switcher a", has_text="English").click()
    page.wait_for_load_state()
    assert page.url == two_language_origin + "en/posts/soldering-workshop/"
    assert page.locator("h1").inner_text() == "The soldering workshop is behind us"
    assert page.locator("nav.language-switcher [aria-current]").inner_text() == "English"
    page.locator("nav.language-switcher a", has_text="Polski").click()
    page.wait_for_load_state()
    assert page.url == two_language_origin + "posts/warsztaty-lutowania/"
    page.context.close()
    assert problems == []
