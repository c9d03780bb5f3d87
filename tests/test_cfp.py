"""Call for speakers: `cfp:` on the site or a series, shown while open, listed on /cfp/ with a feed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import feedparser
from conftest import build_site, messages, run_cli

SiteMaker = Callable[..., Path]
SETTINGS = "title: T\nbase_url: https://e.org/g/\ntimezone: America/New_York\n"
SITE_CALL = """\
cfp:
  open: 2026-10-01
  close: 2027-01-15
  text: Talks of **5 to 30 minutes**.
  url: https://sessionize.example/t/
"""
SERIES = """\
monthly:
  title: Monthly meetup
  rrule: FREQ=MONTHLY;BYDAY=2WE
  start: "2026-09-09 18:30"
  cfp:
    open: "2026-10-15"
    close: "2026-11-30"
    url: https://forms.example/monthly
"""
EVENT = 'title: November\nstart: "2026-11-20 18:30"\ntalks: [scheduled]\n'
SPEAKERS = "ana:\n  name: Ana Lima\n"
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def _site(make_site: SiteMaker, **more: str) -> Path:
    files = {"ugsite.yaml": SETTINGS + SITE_CALL, "data/series.yaml": SERIES, "data/speakers.yaml": SPEAKERS,
             "talks/scheduled.yaml": "title: Already dated\nspeakers: [ana]\n",
             "talks/waiting.yaml": "title: Still waiting\nspeakers: [ana]\n",
             "events/2026-11-20-november.yaml": EVENT}
    return make_site(files | more)


def test_open_calls_show_on_home_series_page_cfp_page_and_feed(make_site: SiteMaker) -> None:
    root = _site(make_site)
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    home = (root / "public/index.html").read_text()
    assert ('Call for speakers open until <time datetime="2027-01-15">January 15, 2027</time> — '
            '<a href="https://sessionize.example/t/">propose a talk</a>') in home
    assert "Call for speakers for Monthly meetup open until" in home
    assert 'href="/g/cfp/"' in home  # in the menu
    series = (root / "public/events/series/monthly/index.html").read_text()
    assert ('data-ug-closes="2026-12-01T00:00:00-05:00">Call for speakers open until <time datetime="2026-11-30">'
            'November 30, 2026</time> — <a href="https://forms.example/monthly">') in series
    cfp = (root / "public/cfp/index.html").read_text()
    assert "<strong>5 to 30 minutes</strong>" in cfp and 'id="cfp-monthly-2026-10-15"' in cfp
    assert "Still waiting" in cfp and "Already dated" not in cfp  # the event names one talk file, not the other
    feed = feedparser.parse((root / "public/cfp/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    entries = sorted(feed.entries, key=lambda e: e.link)
    assert [e.title for e in entries] == ["Call for speakers: Monthly meetup (until November 30, 2026)",
                                          "Call for speakers: T (until January 15, 2027)"]
    assert [e.id for e in entries] == ["https://e.org/g/cfp/#cfp-monthly-2026-10-15", "https://e.org/g/cfp/#cfp-site-2026-10-01"]
    assert entries[1].published_parsed[:4] == (2026, 10, 1, 4)  # midnight in New York


def test_a_call_is_open_to_the_end_of_its_last_day_in_the_site_zone(make_site: SiteMaker) -> None:
    root = _site(make_site)
    last_evening = datetime(2026, 12, 1, 4, 59, tzinfo=timezone.utc)  # 23:59 on 30 November in New York
    assert build_site(root, now=last_evening).written
    assert "Call for speakers open until" in (root / "public/events/series/monthly/index.html").read_text()
    assert build_site(root, now=datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc)).written
    assert "Call for speakers open" not in (root / "public/events/series/monthly/index.html").read_text()
    titles = [e.title for e in feedparser.parse((root / "public/cfp/feed.xml").read_bytes()).entries]
    assert titles == ["Call for speakers: T (until January 15, 2027)"]
    assert build_site(root, now=datetime(2027, 2, 1, tzinfo=timezone.utc)).written
    assert "Call for speakers open" not in (root / "public/index.html").read_text()
    cfp = (root / "public/cfp/index.html").read_text()
    assert "<p data-ug-none>No call for speakers is open right now." in cfp and "Still waiting" in cfp
    assert feedparser.parse((root / "public/cfp/feed.xml").read_bytes()).entries == []
    assert build_site(root, now=datetime(2026, 9, 30, tzinfo=timezone.utc)).written  # before either opened
    assert "Call for speakers open" not in (root / "public/index.html").read_text()


def test_mistakes_in_a_call_name_the_file_line_and_a_hint(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS + "cfp:\n  open: 2027-01-15\n  close: 2026-10-01\n  url: javascript:x\n"
                      "  txt: hi\n"})
    report = build_site(root, now=NOW)
    assert not report.written
    formatted = "\n".join(p.format() for p in report.problems)
    assert messages(report) == [
        "ugsite.yaml:6: error: the call for speakers closes (2026-10-01) before it opens (2027-01-15)",
        "ugsite.yaml:7: error: 'url' of 'cfp' must be a web address, not 'javascript:x'",
        "ugsite.yaml:8: error: unknown field 'txt' in 'cfp'",
    ]
    assert "hint: swap them, or check the year" in formatted
    bad_series = SERIES.replace('open: "2026-10-15"', "open: soon").replace("    url: https://forms.example/monthly\n", "")
    root = make_site({"ugsite.yaml": SETTINGS, "data/series.yaml": bad_series}, name="series")
    report = build_site(root, now=NOW)
    assert sorted(messages(report)) == [
        "data/series.yaml:5: error: the call for speakers of series 'monthly' needs a 'url': where to propose a talk",
        "data/series.yaml:6: error: 'open' of 'cfp' of series 'monthly' must be a day like 2027-01-15, not 'soon'",
    ]
    assert "talk-proposal form (.github/ISSUE_TEMPLATE/talk-proposal.yml" in "\n".join(p.format() for p in report.problems)


def test_url_defaults_to_the_talk_proposal_form_of_a_github_pages_site(make_site: SiteMaker) -> None:
    call = SITE_CALL.replace("  url: https://sessionize.example/t/\n", "")
    root = make_site({"ugsite.yaml": "title: T\nbase_url: https://harbor-py.github.io/site/\n" + call,
                      ".github/ISSUE_TEMPLATE/talk-proposal.yml": "name: Propose a talk\n"})
    report = build_site(root, now=NOW)
    assert report.written, messages(report)
    assert ('<a href="https://github.com/harbor-py/site/issues/new?template=talk-proposal.yml">propose a talk</a>'
            in (root / "public/index.html").read_text())


def test_a_call_that_is_not_a_mapping_is_an_error_with_an_example(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS + "cfp: yes\n"})
    report = build_site(root, now=NOW)
    assert messages(report) == ["ugsite.yaml:4: error: 'cfp' must be a mapping of open, close, text and url, not 'yes'"]
    assert 'hint: e.g. cfp: {open: "2026-10-01", close: "2027-01-15"' in report.problems[0].format()


def test_check_says_when_a_call_has_closed_at_its_close_line(make_site: SiteMaker) -> None:
    root = _site(make_site)

    def closed(now: datetime) -> list[str]:
        result = run_cli("check", str(root), "--now", now.isoformat())
        assert result.returncode == 0, result.stderr
        return [line for line in result.stderr.splitlines() if "call for speakers" in line or "delete cfp" in line]

    assert closed(datetime(2026, 9, 1, tzinfo=timezone.utc)) == []  # neither has opened: nothing to say
    assert closed(datetime(2026, 12, 1, 4, 59, tzinfo=timezone.utc)) == []  # 23:59 on the series' last day
    series = ["data/series.yaml:7: warning: the call for speakers of the series 'monthly' closed on 2026-11-30 "
              "(its last day), so the site no longer shows it",
              "  hint: delete cfp: there, or give it the open: and close: days of the next call"]
    assert closed(datetime(2026, 12, 1, 5, tzinfo=timezone.utc)) == series
    assert closed(datetime(2027, 2, 1, tzinfo=timezone.utc)) == series + [
        "ugsite.yaml:6: warning: the call for speakers closed on 2027-01-15 (its last day), so the site no longer "
        "shows it", "  hint: delete cfp: there, or give it the open: and close: days of the next call"]


def test_the_hint_about_the_last_closed_call_names_the_menu_entry_that_would_lead_nowhere(make_site: SiteMaker) -> None:
    root = make_site({"ugsite.yaml": SETTINGS + SITE_CALL + "nav: [events, cfp]\n"})
    result = run_cli("check", str(root), "--now", "2027-02-01T00:00:00Z")
    assert "  hint: delete cfp: there (and cfp from nav: in ugsite.yaml), or give it the open: and close: days of the " \
           "next call" in result.stderr.splitlines()
