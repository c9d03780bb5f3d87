"""Talks and meetings a site wrote as posts become events, keeping their old addresses."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import REPO, run_cli

NOW = "2026-11-29T10:00:00Z"


def test_posts_of_a_named_folder_become_events(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_cli("import", str(REPO / "tests/fixtures/middleman-group"), str(site), "--events-from",
                     "source/blog", "--now", NOW)
    assert result.returncode in (0, 1), result.stderr
    talk = yaml.safe_load((site / "events/2019-06-12-rails-upgrades.yaml").read_text(encoding="utf-8"))
    assert {k: talk[k] for k in ("title", "start", "talks", "aliases")} == {
        "title": "Upgrading Rails without fear", "start": "2019-06-12 18:30",
        "talks": [{"title": "Upgrading Rails without fear", "speakers": [{"name": "Luis Ortega"}],
                   "slides": "https://speakerdeck.example/luis/rails-upgrades", "video": "https://vimeo.com/123456789"}],
        "aliases": ["/blog/2019/06/rails-upgrades/"]}
    assert not (site / "posts/2019-06-12-rails-upgrades.md").exists()
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert ("- `source/blog/2019-06-12-rails-upgrades.html.md`: an event (it is in source/blog): became "
            "events/2019-06-12-rails-upgrades.yaml, its old address /blog/2019/06/rails-upgrades/ an alias") in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr  # every old address resolves, no link broke in the move
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    redirect = (site / "public/blog/2019/06/rails-upgrades/index.html").read_text(encoding="utf-8")
    assert 'url=/events/2019-06-12-rails-upgrades/"' in redirect
    page = (site / "public/events/2019-06-12-rails-upgrades/index.html").read_text(encoding="utf-8")
    assert "Luis Ortega" in page and "https://vimeo.com/123456789" in page


def test_a_meeting_written_as_a_post_is_recognised_and_a_write_up_is_not(tmp_path: Path) -> None:
    source = tmp_path / "old"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Pinewood PUG\ntimezone: America/Chicago\n", encoding="utf-8")
    (source / "_posts/2026-03-04-march-meetup.md").write_text(
        "---\nlayout: post\ntitle: March meetup\ntime: 6:30 PM\nlocation: Pinewood Public Library\n---\nPizza!\n",
        encoding="utf-8")
    (source / "_posts/2026-02-20-recap.md").write_text(
        "---\nlayout: post\ntitle: Recap\nspeaker: Kim\nslides: https://slides.example/kim\n---\nThanks Kim.\n",
        encoding="utf-8")
    (source / "_posts/2026-05-06-social.md").write_text(
        "---\nlayout: event\ntitle: Spring social\n---\nDrinks.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode in (0, 1), result.stderr
    march = yaml.safe_load((site / "events/2026-03-04-march-meetup.yaml").read_text(encoding="utf-8"))
    assert (march["start"], march["venue"], march["description"]) == ("2026-03-04 18:30", "pinewood-public-library",
                                                                      "Pizza!")
    assert yaml.safe_load((site / "events/2026-05-06-social.yaml").read_text(encoding="utf-8"))["start"] == \
        "2026-05-06"
    assert (site / "posts/2026-02-20-recap.md").is_file()  # a talk's write-up stays a post
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "`_posts/2026-03-04-march-meetup.md`: an event (it gives location, time)" in report
    assert "`_posts/2026-05-06-social.md`: an event (its layout is event)" in report
