"""The site speaks its language: the theme's messages from catalogs, dates and times by the locale's conventions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from babel.messages.pofile import read_po
from conftest import EXAMPLE, REPO, build_site, messages, run_cli

from ugsite.render.catalogs import compiled, extract_messages, locales_folder
from ugsite.site.speech import load_speech

SHIPPED = ("en", "de", "fr", "es", "pt", "pl", "cs", "it")
VNU_JAR = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
PRAGUE = ZoneInfo("Europe/Prague")


def _speech(tag: str, root: Path = REPO):
    speech, problems = load_speech(tag, root, (REPO / "themes" / "default",))
    return speech, problems


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_of_the_theme_is_in_each_shipped_catalog(language: str) -> None:
    po_file = locales_folder() / language / "LC_MESSAGES" / "ugsite.po"
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    needed = {m.id if isinstance(m.id, str) else m.id[0] for m in extract_messages() if m.id}
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings) and len(strings) == (catalog.num_plurals if isinstance(message.id, tuple) else 1):
            translated[key] = strings
    missing = sorted(needed - set(translated))
    assert not missing, f"{po_file.relative_to(REPO)} lacks {len(missing)} messages, e.g. {missing[:5]}: " \
                        "run python -m ugsite.render.catalogs and translate them"
    # Every placeholder of a message is in its translation, and no other (Babel's own checkers).
    errors = [(m.id, str(e)) for m, errs in catalog.check() for e in errs]
    assert errors == []
    for message in catalog:
        if message.id and not message.fuzzy:
            wanted = set(re.findall(r"%\(\w+\)[sd]", message.id if isinstance(message.id, str) else message.id[1]))
            for string in (message.string if isinstance(message.string, tuple) else (message.string,)):
                assert set(re.findall(r"%\(\w+\)[sd]", string)) <= wanted | {"%(num)d"}, (message.id, string)
    assert (po_file.with_suffix(".mo")).read_bytes() == compiled(po_file), \
        f"{po_file.relative_to(REPO)} changed since it was compiled: run python -m ugsite.render.catalogs"


def test_dates_and_times_follow_the_locale() -> None:
    start = datetime(2026, 12, 9, 18, 30, tzinfo=PRAGUE)
    end = start.replace(hour=21, minute=0)
    cs, _ = _speech("cs")
    assert cs.day(start) == "středa 9. prosince 2026"
    assert cs.times(start, end) == "18:30–21:00"
    assert cs.zone(start) == "SEČ"
    de, _ = _speech("de")
    assert de.day(start) == "Mittwoch, 9. Dezember 2026"
    assert de.in_days(3) == "in 3 Tagen"
    en, _ = _speech("en")
    assert en.time(start).replace("\u202f", " ") == "6:30 PM"  # the locale's clock: 12 hours in en (US)
    assert en.zone(start) == "CET"  # English says the tz database's abbreviation when CLDR has none
    gb, _ = _speech("en-GB")
    assert gb.time(start) == "18:30"
    fr, _ = _speech("fr")
    assert fr.zone(start) == "heure normale d’Europe centrale"  # a name, not an offset
    assert fr.in_days(3) == "dans 3 jours"


def test_a_skeleton_says_the_day_or_the_time_of_each_moment_once_a_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list of 10,000 posts asks for `MMMd` of each date: Babel works it out once for each day of the year."""
    import ugsite.site.speech

    asked: list[str] = []
    original = ugsite.site.speech.format_skeleton
    monkeypatch.setattr(ugsite.site.speech, "format_skeleton",
                        lambda skeleton, value, **kw: asked.append(skeleton) or original(skeleton, value, **kw))
    de, _ = _speech("de")
    evening = datetime(2026, 12, 9, 18, 30, tzinfo=PRAGUE)
    late = evening.replace(hour=23, minute=59)
    a_year_before = evening.replace(year=2025)
    assert [de.skeleton("MMMd", moment, PRAGUE) for moment in (evening, late, a_year_before)] == ["9. Dez."] * 3
    assert asked == ["MMMd"]  # one day of the year: one pattern applied
    assert de.skeleton("yMMMd", evening, PRAGUE) == de.skeleton("yMMMd", late, PRAGUE) == "9. Dez. 2026"
    assert de.skeleton("yMMMd", a_year_before, PRAGUE) == "9. Dez. 2025" and asked == ["MMMd", "yMMMd", "yMMMd"]
    assert de.skeleton("Hm", evening, PRAGUE) == "18:30" and de.skeleton("Hm", late, PRAGUE) == "23:59"
    # The same instant in another zone is another day: the day is that of the zone it is shown in.
    utc = late.astimezone(ZoneInfo("UTC"))
    assert de.skeleton("MMMd", utc, ZoneInfo("UTC")) == "9. Dez." and de.skeleton("MMMd", utc, PRAGUE) == "9. Dez."
    assert de.skeleton("MMMd", late + timedelta(minutes=2), PRAGUE) == "10. Dez."
    assert de.skeleton("yMMMd", late.astimezone(ZoneInfo("Asia/Tokyo")), ZoneInfo("Asia/Tokyo")) == "10. Dez. 2026"


def test_a_time_of_day_and_a_zone_name_are_worked_out_once_for_every_day_that_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """A month calendar of 1,000 events at 18:30 asks Babel for `18:30` once, and once for each name of the zone."""
    import ugsite.site.speech

    asked: list[str] = []
    skeleton, datetime_ = ugsite.site.speech.format_skeleton, ugsite.site.speech.format_datetime
    monkeypatch.setattr(ugsite.site.speech, "format_skeleton",
                        lambda pattern, value, **kw: asked.append(pattern) or skeleton(pattern, value, **kw))
    monkeypatch.setattr(ugsite.site.speech, "format_datetime",
                        lambda value, pattern, **kw: asked.append(pattern) or datetime_(value, pattern, **kw))
    en, _ = _speech("en")
    winter = [datetime(2026, 1, day, 18, 30, tzinfo=PRAGUE) for day in range(1, 29)]
    assert {en.time(moment).replace("\u202f", " ") for moment in winter} == {"6:30 PM"}
    assert asked == ["hm"]
    assert en.time(winter[0].replace(minute=31)).replace("\u202f", " ") == "6:31 PM"
    assert en.time(winter[0].astimezone(ZoneInfo("UTC"))).replace("\u202f", " ") == "5:30 PM"  # as its zone shows it
    assert len(asked) == 3
    asked.clear()
    fr, _ = _speech("fr")
    assert {fr.zone(moment) for moment in winter} == {"heure normale d’Europe centrale"}
    summer = datetime(2026, 7, 1, 18, 30, tzinfo=PRAGUE)
    assert fr.zone(summer) == "heure d’été d’Europe centrale"  # summer time: another name
    assert fr.zone(datetime(2026, 1, 1, 18, 30, tzinfo=ZoneInfo("America/New_York"))) == "heure normale de l’Est nord-américain"
    assert len(asked) == 2 * 3  # the short name (none in French), then the long one, for each zone and season


def test_a_zone_that_cannot_be_hashed_is_still_named() -> None:
    class Fixed(tzinfo):
        __hash__ = None  # type: ignore[assignment]  # as a zone that defines only equality

        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=2)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

        def tzname(self, dt: datetime | None) -> str:
            return "EET"

    en, _ = _speech("en")
    assert en.zone(datetime(2026, 1, 1, 18, 30, tzinfo=Fixed())) == "EET"


def test_a_regional_language_falls_back_to_its_language_and_an_unknown_one_to_english(tmp_path: Path) -> None:
    brazil, problems = _speech("pt-BR")
    assert problems == []
    portugal, _ = _speech("pt")
    assert brazil.gettext("Events") == portugal.gettext("Events") != "Events"
    assert brazil.og_locale == "pt_BR" and portugal.og_locale == "pt_BR"
    klingon, problems = _speech("tlh")
    assert klingon.gettext("Events") == "Events" and klingon.locale.language == "en"
    assert [p.path for p in problems] == ["ugsite.yaml"] and "English" in problems[0].message
    hebrew, _ = _speech("he")
    assert hebrew.direction == "rtl" and brazil.direction == "ltr"


def test_a_site_corrects_one_message_in_its_locales_folder(make_site) -> None:
    root = make_site({"ugsite.yaml": "title: Gruppe\nbase_url: https://example.org/\ntimezone: Europe/Berlin\nlanguage: de\n",
                      "locales/de.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                       'msgid "Posts"\nmsgstr "Beiträge aus Braunschweig"\n',
                      "posts/hallo.md": "---\ntitle: Hallo\ndate: 2026-05-14\n---\nText.\n"})
    report = build_site(root)
    assert report.written, messages(report)
    home = (root / "public" / "index.html").read_text(encoding="utf-8")
    assert "Beiträge aus Braunschweig" in home  # the site's own word
    events = (root / "public" / "posts" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in events
    assert "14. Mai 2026" in events  # the rest still comes from the theme's German catalog and CLDR


def test_a_broken_catalog_of_the_site_is_an_error_naming_it(make_site) -> None:
    root = make_site({"ugsite.yaml": "title: G\nbase_url: https://example.org/\ntimezone: Europe/Berlin\nlanguage: de\n",
                      "locales/de.po": b'msgid "Posts"\nmsgstr "\xff\xfe broken"\n'})
    report = build_site(root)
    assert report.failed
    assert any(p.path == "locales/de.po" and "catalog" in p.message for p in report.problems), messages(report)


def test_a_translation_a_page_could_not_fill_in_is_an_error_at_its_line(make_site) -> None:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    root = make_site({"ugsite.yaml": "title: G\nbase_url: https://example.org/\ntimezone: Europe/Berlin\nlanguage: de\n",
                      "locales/de.po": header + 'msgid "Events"\nmsgstr "100%% Termine"\n'})
    assert build_site(root).written  # %% is a percent sign
    before = (root / "public" / "index.html").read_bytes()
    (root / "locales" / "de.po").write_text(header + 'msgid "Posts"\nmsgstr "100% Beiträge"\n\n'
                                            'msgid "Search %(site)s"\nmsgstr "%(seite)s durchsuchen"\n', encoding="utf-8")
    report = build_site(root)
    assert report.failed
    assert [(p.path, p.line) for p in report.problems] == [("locales/de.po", 5), ("locales/de.po", 8)], messages(report)
    assert "%%" in (report.problems[0].hint or "") and "%(site)s" in (report.problems[1].hint or "")
    assert (root / "public" / "index.html").read_bytes() == before


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, in German."""
    site = tmp_path_factory.mktemp("de") / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("public", ".ugsite-cache"))
    config = site / "ugsite.yaml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^language:.*\n", "", text) + "language: de\n"
    config.write_text(text, encoding="utf-8")
    out = site / "public"
    report = build_site(site, output=out)
    assert report.written, messages(report)
    assert report.problems == ()
    return out


def test_the_example_site_speaks_german(german: Path) -> None:
    home = (german / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home
    assert 'property="og:locale" content="de_DE"' in home
    for english in (">Next event<", ">All posts<", ">Subscribe<", ">Add to calendar<", "Your time"):
        assert english not in home, english  # the theme's words (the example's own texts stay as written)
    assert "Nächstes Event" in home
    times = re.findall(r'<time class="dt-start"[^>]*>([^<]+)</time>', home)
    assert times and all(not re.search(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|AM|PM", t)
                         for t in times), times
    assert "Mittwoch, 11. November 2026, 18:30–21:00 Uhr" in home  # the next meeting, as German writes it
    month = (german / "events" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "November 2026" in month and ">Heute<" in month
    feed = feedparser.parse((german / "feed.xml").read_bytes())
    assert feed.feed.language == "de"
    calendar = icalendar.Calendar.from_ical((german / "calendar.ics").read_bytes())
    described = [c for c in calendar.walk("VEVENT") if c.get("description")]
    assert described and all(c["description"].params.get("LANGUAGE") for c in described)
    data = json.loads((german / "events.json").read_text(encoding="utf-8"))
    assert data["inLanguage"] == "de"


def test_the_german_example_passes_the_nu_html_checker(german: Path) -> None:
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), "run the README's test command: it installs Java and the Nu Html Checker"
    files = sorted(str(f) for f in german.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", *files],
                            capture_output=True, text=True, timeout=600)
    found = [m for m in json.loads(result.stderr)["messages"]  # the example's own texts are English, its theme German
             if not m["message"].startswith("This document appears to be written in English")]
    assert found == [], "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in found)


def test_ugsite_translate_writes_the_sites_catalog_to_correct_or_start_a_language(make_site) -> None:
    root = make_site({"ugsite.yaml": "title: Skupina\nbase_url: https://example.org/\ntimezone: Europe/Prague\nlanguage: cs\n",
                      "posts/ahoj.md": "---\ntitle: Ahoj\ndate: 2026-05-14\n---\nText.\n"})
    result = run_cli("translate", "cs", "--site", str(root))
    assert result.returncode == 0, result.stderr
    po_file = root / "locales" / "cs.po"
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale="cs")
    shipped = read_po((locales_folder() / "cs" / "LC_MESSAGES" / "ugsite.po").open("rb"), locale="cs")
    assert catalog["Posts"].string == shipped["Posts"].string != ""  # prefilled with ugsite's translation
    assert len([m for m in catalog if m.id]) == len([m for m in extract_messages() if m.id])
    text = po_file.read_text(encoding="utf-8").replace(f'msgid "Posts"\nmsgstr "{shipped["Posts"].string}"',
                                                        'msgid "Posts"\nmsgstr "Zápisky"')
    po_file.write_text(text, encoding="utf-8")
    report = build_site(root)
    assert report.written, messages(report)
    assert "Zápisky" in (root / "public" / "index.html").read_text(encoding="utf-8")
    again = run_cli("translate", "cs", "--site", str(root))  # never overwrites the organizer's work
    assert again.returncode == 1 and "locales/cs.po" in again.stderr and "--force" in again.stderr
    assert "Zápisky" in po_file.read_text(encoding="utf-8")
    # A language ugsite has no catalog for: every message empty, and the build says so until it is filled in.
    slovak = make_site({"ugsite.yaml": "title: S\nbase_url: https://example.org/\ntimezone: Europe/Bratislava\nlanguage: sk\n"},
                       name="sk")
    report = build_site(slovak)
    assert report.written and [p.message for p in report.problems if "catalog" in p.message]
    assert run_cli("translate", "sk", "--site", str(slovak)).returncode == 0
    with (slovak / "locales" / "sk.po").open("rb") as handle:
        assert all(not any(m.string if isinstance(m.string, tuple) else [m.string])
                   for m in read_po(handle, locale="sk") if m.id)
    bad = run_cli("translate", "Slovak", "--site", str(slovak))
    assert bad.returncode == 1 and "not a language tag" in bad.stderr
