"""After the event: talk material, `recap:` and `photos:`, the recap page, speakers' past talks, `check --after-events`."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import EXAMPLE, NOW, build_site, messages, run_cli

SiteMaker = Callable[..., Path]
BEFORE = datetime(2026, 10, 14, 12, tzinfo=timezone.utc)  # the day of the meetup, before it starts
AFTER = datetime(2026, 10, 20, tzinfo=timezone.utc)


def png(width: int, height: int) -> bytes:
    """Return a PNG of one colour, `width` by `height` pixels."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


MEETUP = """\
title: October meetup
start: 2026-10-14 18:30
online: https://meet.example/oct
recap: posts/2026-10-15-october-recap.md
photos:
  - src: photos/october/stage.png
    alt: Ada at the lectern
  - src: https://photos.example/october/crowd.jpg
    alt: The room, full
talks:
  - title: Packaging
    speakers: [ada]
    slides: https://slides.example/packaging
    video: https://video.example/packaging
    code: https://code.example/ada/packaging
    photos: https://photos.example/packaging
  - title: Typing
    speakers: [grace]
"""
FILES: dict[str, str | bytes] = {
    "data/speakers.yaml": "ada:\n  name: Ada Lovelace\ngrace:\n  name: Grace Hopper\n",
    "events/2026-10-14-october.yaml": MEETUP,
    "events/2026-12-09-december.yaml": ("title: December meetup\nstart: 2026-12-09 18:30\nonline: https://meet.example/dec\n"
                                        "talks:\n  - title: Later\n    speakers: [ada]\n"
                                        "    slides: https://slides.example/later\n"),
    "posts/2026-10-15-october-recap.md": "---\ntitle: How October went\n---\nTwo talks and pizza.\n",
    "static/photos/october/stage.png": png(1200, 800),
}


def page(root: Path, route: str) -> BeautifulSoup:
    return BeautifulSoup((root / "public" / route / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_an_ended_event_opens_with_what_happened(make_site: SiteMaker) -> None:
    site = make_site(FILES)
    report = build_site(site, now=AFTER)
    assert report.written, messages(report)
    html = page(site, "events/2026-10-14-october")
    recap = html.select_one("section.recap")
    assert recap is not None and recap.h2 is not None and recap.h2.get_text() == "What happened"
    # First after the header: before where it was and how to add it to a calendar.
    assert recap.find_previous_sibling() is html.select_one("header.event-header")
    link = recap.select_one("p.recap-post a")
    assert link is not None and link["href"] == "/group-site/posts/october-recap/" and link.get_text() == "How October went"
    talks = recap.select("li.talk")
    assert [t.h4.get_text(" ", strip=True) for t in talks if t.h4] == ["Packaging", "Typing"]
    assert [(a.get_text(), a["href"]) for a in talks[0].select("ul.material a")] == [
        ("Slides", "https://slides.example/packaging"), ("Video", "https://video.example/packaging"),
        ("Code", "https://code.example/ada/packaging"), ("Photos", "https://photos.example/packaging")]
    assert talks[1].select("ul.material") == []
    assert html.find(id="ug-talks") is recap.h3  # the talks are not listed twice
    stage, crowd = recap.select("ul.gallery img")
    assert stage["alt"] == "Ada at the lectern" and (stage["width"], stage["height"]) == ("1200", "800")
    assert stage["srcset"] == "/group-site/photos/october/stage.480w.png 480w, /group-site/photos/october/stage.960w.png 960w, " \
                              "/group-site/photos/october/stage.png 1200w"
    source = stage.find_parent("picture").source  # type: ignore[union-attr]
    assert source["type"] == "image/webp" and "stage.480w.webp 480w" in source["srcset"]
    assert (site / "public/photos/october/stage.480w.webp").is_file()
    assert crowd["alt"] == "The room, full" and crowd["src"] == "https://photos.example/october/crowd.jpg"
    assert not crowd.has_attr("srcset")
    assert stage.find_parent("a")["href"] == "/group-site/photos/october/stage.png"  # type: ignore[index]


def test_before_it_ends_the_page_stays_as_it_was_and_turns_at_the_next_build(make_site: SiteMaker) -> None:
    site = make_site(FILES)
    assert build_site(site, now=BEFORE).written
    html = page(site, "events/2026-10-14-october")
    assert html.select("section.recap") == [] and html.select("ul.gallery") == []
    talks = html.find(id="ug-talks")
    assert talks is not None and talks.name == "h2"
    assert [a.get_text() for a in talks.parent.select("ul.material a")] == ["Slides", "Video", "Code", "Photos"]  # type: ignore[union-attr]
    # The same cache, a later moment: the page becomes the recap (build_site compares it with a clean build).
    assert build_site(site, now=AFTER).written
    assert page(site, "events/2026-10-14-october").select_one("section.recap h2") is not None


def test_a_cancelled_event_has_no_recap(make_site: SiteMaker) -> None:
    site = make_site({**FILES, "events/2026-10-14-october.yaml": MEETUP + "status: cancelled\n"})
    assert build_site(site, now=AFTER).written
    assert page(site, "events/2026-10-14-october").select("section.recap") == []


def test_the_recap_post_links_back_to_its_event(make_site: SiteMaker) -> None:
    site = make_site(FILES)
    assert build_site(site).written
    back = page(site, "posts/october-recap").select_one("p.recap-of a")
    assert back is not None and back["href"] == "/group-site/events/2026-10-14-october/"
    assert back.get_text() == "October meetup"


@pytest.mark.parametrize("recap", ["october-recap", "2026-10-15-october-recap.md", "/posts/2026-10-15-october-recap.md"])
def test_recap_names_a_post_by_slug_or_path(make_site: SiteMaker, recap: str) -> None:
    site = make_site({**FILES, "events/2026-10-14-october.yaml": MEETUP.replace(
        "recap: posts/2026-10-15-october-recap.md", f"recap: {recap}")})
    assert build_site(site).written
    link = page(site, "events/2026-10-14-october").select_one("p.recap-post a")
    assert link is not None and link["href"] == "/group-site/posts/october-recap/"


def test_a_draft_recap_is_a_warning_and_not_linked(make_site: SiteMaker) -> None:
    site = make_site({**FILES, "posts/2026-10-15-october-recap.md": "---\ntitle: Soon\ndraft: true\n---\nSoon.\n"})
    report = build_site(site)
    assert report.written
    assert messages(report) == ["events/2026-10-14-october.yaml:4: warning: the recap post "
                                "'posts/2026-10-15-october-recap.md' is a draft, so this build does not link it"]
    assert page(site, "events/2026-10-14-october").select("p.recap-post") == []


def test_mistakes_after_the_event_are_errors_with_their_lines_and_hints(make_site: SiteMaker) -> None:
    broken = (MEETUP.replace("recap: posts/2026-10-15-october-recap.md", "recap: october-recapp")
              .replace("    alt: Ada at the lectern\n", "")
              .replace("photos/october/stage.png", "photos/october/stage.pgn")
              .replace("code: https://code.example/ada/packaging", "code: github/ada"))
    site = make_site({**FILES, "events/2026-10-14-october.yaml": broken})
    report = build_site(site)
    assert report.failed
    problems = sorted((p.line, p.message, p.hint) for p in report.problems)
    assert problems == [
        (4, "the recap 'october-recapp' is not a post of this site", "did you mean 'october-recap'?"),
        (6, "the photo photos/october/stage.pgn has no alt text",
         'say what it shows, for readers who cannot see it: alt: "Maya at the lectern"'),
        (6, "the photo static/photos/october/stage.pgn does not exist", "did you mean 'photos/october/stage.png'?"),
        (14, "'code' must be a full web address, not 'github/ada'", "e.g. code: https://example.org/..."),
    ]
    assert all(p.path == "events/2026-10-14-october.yaml" and p.level == "error" for p in report.problems)


def test_a_folder_of_photos_needs_the_alt_text_of_each(make_site: SiteMaker) -> None:
    files = {**FILES, "static/photos/october/talk.png": png(300, 200)}
    folder = MEETUP.split("photos:\n")[0] + "photos: photos/october\n" + "talks:" + MEETUP.split("talks:")[1]
    site = make_site({**files, "events/2026-10-14-october.yaml": folder})
    report = build_site(site)
    assert report.failed
    [problem] = report.problems
    assert problem.format() == (
        "events/2026-10-14-october.yaml:5: error: 2 photos in static/photos/october/ have no alt text: stage.png, talk.png\n"
        "  hint: say what each photo shows, for readers who cannot see it:\n  photos:\n    folder: photos/october\n"
        '    alt:\n      stage.png: "…"\n      talk.png: "…"')
    described = folder.replace("photos: photos/october\n", "photos:\n  folder: photos/october/\n  alt:\n"
                               "    talk.png: Grace with a microphone\n    stage.png: Ada at the lectern\n")
    (site / "events/2026-10-14-october.yaml").write_text(described, encoding="utf-8")
    report = build_site(site, now=AFTER)
    assert report.written, messages(report)
    gallery = page(site, "events/2026-10-14-october").select("ul.gallery img")
    assert [(i["src"], i["alt"]) for i in gallery] == [  # in the order of alt:
        ("/group-site/photos/october/talk.png", "Grace with a microphone"),
        ("/group-site/photos/october/stage.png", "Ada at the lectern")]
    assert not gallery[0].has_attr("srcset") and gallery[1].has_attr("srcset")  # only images wider than 480 px


def test_a_folder_without_photos_is_an_error_with_close_folders(make_site: SiteMaker) -> None:
    broken = MEETUP.split("photos:\n")[0] + "photos: photos/octobre\ntalks: []\n"
    report = build_site(make_site({**FILES, "events/2026-10-14-october.yaml": broken}))
    assert messages(report) == ["events/2026-10-14-october.yaml:5: error: static/photos/octobre/ holds no photos "
                                "(PNG, JPEG, WebP, GIF or AVIF files)"]
    assert report.problems[0].hint == "did you mean 'photos/october'?"


def test_speaker_pages_list_past_talks_with_their_material(make_site: SiteMaker) -> None:
    site = make_site(FILES)
    assert build_site(site).written
    section = page(site, "speakers/ada").find(id="ug-speaker-talks").parent  # type: ignore[union-attr]
    talks = section.select("li.talk")
    assert [t.h3.get_text() for t in talks if t.h3] == ["Packaging"]  # December's talk has not happened yet
    assert talks[0].select_one("p.meta a")["href"] == "/group-site/events/2026-10-14-october/"  # type: ignore[index]
    assert [a.get_text() for a in talks[0].select("ul.material a")] == ["Slides", "Video", "Code", "Photos"]
    grace = page(site, "speakers/grace").find(id="ug-speaker-talks").parent  # type: ignore[union-attr]
    assert [t.h3.get_text() for t in grace.select("li.talk") if t.h3] == ["Typing"]
    assert grace.select("ul.material") == []


CHASE = {
    **FILES,
    "events/2026-09-20-september.yaml": ("title: September meetup\nstart: 2026-09-20 18:30\nonline: https://meet.example/s\n"
                                         "talks:\n  - title: Async\n    speakers: [grace]\n"
                                         "    video: https://video.example/async\n"),
    "events/2026-08-01-august.yaml": ("title: August meetup\nstart: 2026-08-01 18:30\nonline: https://meet.example/a\n"
                                      "talks:\n  - title: Too long ago\n    speakers: [grace]\n"),
}


def test_check_after_events_lists_recent_talks_without_slides_or_video(make_site: SiteMaker) -> None:
    site = make_site(CHASE)
    result = run_cli("check", str(site), "--after-events", "--now", NOW.isoformat())
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "events/2026-09-20-september.yaml:5: warning: September meetup (ended 2026-09-20, 42 days ago): "
        "the talk 'Async' by Grace Hopper has no slides",
        "  hint: ask Grace Hopper for them, then add slides: https://... to the talk",
        "events/2026-10-14-october.yaml:17: warning: October meetup (ended 2026-10-14, 18 days ago): "
        "the talk 'Typing' by Grace Hopper has no slides and no video",
        "  hint: ask Grace Hopper for them, then add slides: https://... and video: https://... to the talk",
        "ugsite: 2 talks of 2 events of the last 60 days lack slides or video",
        "ugsite: check passed: 0 errors, 2 warnings",
    ]
    strict = run_cli("check", str(site), "--after-events", "--strict", "--format", "json", "--now", NOW.isoformat())
    assert strict.returncode == 1
    assert [(p["path"], p["line"]) for p in json.loads(strict.stdout)["problems"]] == [
        ("events/2026-09-20-september.yaml", 5), ("events/2026-10-14-october.yaml", 17)]


def test_check_after_events_passes_when_every_talk_has_its_material(make_site: SiteMaker) -> None:
    done = MEETUP.replace("    speakers: [grace]\n", "    speakers: [grace]\n    slides: https://s.example/t\n"
                          "    video: https://v.example/t\n")
    site = make_site({**FILES, "events/2026-10-14-october.yaml": done})
    result = run_cli("check", str(site), "--after-events", "--strict", "--now", NOW.isoformat())
    assert result.returncode == 0
    assert result.stderr.splitlines() == ["ugsite: every talk of the last 60 days has its slides and video",
                                          "ugsite: check passed: 0 errors, 0 warnings"]


def test_check_after_events_reports_errors_that_stop_the_build(make_site: SiteMaker) -> None:
    site = make_site({**FILES, "events/2026-10-14-october.yaml": MEETUP.replace("posts/2026-10-15", "posts/2026-10-16")})
    result = run_cli("check", str(site), "--after-events", "--now", NOW.isoformat())
    assert result.returncode == 1
    assert "events/2026-10-14-october.yaml:4: error: the recap 'posts/2026-10-16-october-recap.md' is not a post" \
           in result.stderr


def test_the_example_site_chases_the_slides_of_its_september_meetup() -> None:
    result = run_cli("check", str(EXAMPLE), "--after-events", "--format", "json", "--now", NOW.isoformat())
    assert result.returncode == 0, result.stderr
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["path"], problem["line"]) == ("events/monthly-2026-09-09.yaml", 17)
    assert problem["message"].endswith("the talk 'Protocols for people who hate ABCs' by Maya Okafor has no slides "
                                       "and no video")


def test_a_new_title_of_the_recap_post_reaches_the_event_page_through_the_cache(make_site: SiteMaker) -> None:
    site = make_site(FILES)
    assert build_site(site).written
    (site / "posts/2026-10-15-october-recap.md").write_text("---\ntitle: October, told\n---\nTwo talks.\n",
                                                            encoding="utf-8")
    assert build_site(site).written  # compared with a clean build by build_site
    link = page(site, "events/2026-10-14-october").select_one("p.recap-post a")
    assert link is not None and link.get_text() == "October, told"
