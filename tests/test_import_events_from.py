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


def test_an_event_post_s_time_and_place_come_from_a_table_or_labelled_lines_in_its_text(tmp_path: Path) -> None:
    """A meetup announced on its post's date says when and where in its text; that is the event's time and place."""
    source = tmp_path / "old"
    (source / "content/meetups").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://talks.example/"\ntitle = "Talks"\n'
                                      'timeZone = "Asia/Kolkata"\n', encoding="utf-8")
    (source / "content/meetups/december.md").write_text(
        '---\ntitle: "December talks"\ndate: 2019-11-25T10:56:52+05:30\ntype: "meetup"\n---\n'
        "Our next session.\n\n### Time and Venue\n\n|   |   |\n| --- | --- |\n"
        "| **Time**  | 14 December 2019, 3pm - 5pm |\n| **Venue** | Hall 7, 12 Park Street |\n\n"
        "| Talk | Proposed By |\n| --- | --- |\n| Containers | Sam |\n", encoding="utf-8")
    (source / "content/meetups/march.md").write_text(
        '---\ntitle: "March talks"\ndate: 2020-03-02\ntype: "meetup"\n---\n'
        "**When:** March 28, 2020, 4:30pm to 6pm\n\n**Where:** Online - [register](https://meet.example/r/42)\n",
        encoding="utf-8")
    (source / "content/meetups/april.md").write_text(  # only a time of day: the post's date stays the day
        '---\ntitle: "April talks"\ndate: 2020-04-04\ntype: "meetup"\n---\n- Time: 18:30\n- Place: Hall 7\n',
        encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    december = yaml.safe_load((site / "events/december.yaml").read_text(encoding="utf-8"))
    assert {k: december[k] for k in ("start", "end", "venue", "published")} == {
        "start": "2019-12-14 15:00", "end": "2019-12-14 17:00", "venue": "hall-7", "published": "2019-11-25T10:56:52+05:30"}
    venues = yaml.safe_load((site / "data/venues.yaml").read_text(encoding="utf-8"))
    assert venues["hall-7"] == {"name": "Hall 7", "address": "12 Park Street"}
    march = yaml.safe_load((site / "events/march.yaml").read_text(encoding="utf-8"))
    assert {k: march.get(k) for k in ("start", "end", "venue", "rsvp")} == {
        "start": "2020-03-28 16:30", "end": "2020-03-28 18:00", "venue": None, "rsvp": "https://meet.example/r/42"}
    assert march["online"] == "https://meet.example/r/42"  # "Online": the sign-up link is where it happens
    april = yaml.safe_load((site / "events/april.yaml").read_text(encoding="utf-8"))
    assert (april["start"], april["venue"]) == ("2020-04-04", "hall-7")
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert ("`content/meetups/december.md`: its time (14 December 2019, 3pm - 5pm) and its place "
            "(Hall 7, 12 Park Street) came from its text") in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--now", NOW)
    assert check.returncode == 0 and "nobody knows where" not in check.stderr, check.stderr


def test_a_post_that_becomes_an_event_keeps_the_list_of_links_that_led_nowhere_before(tmp_path: Path) -> None:
    source = tmp_path / "old"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Pinewood PUG\ntimezone: America/Chicago\n", encoding="utf-8")
    (source / "_posts/2026-03-04-march-meetup.md").write_text(
        "---\nlayout: event\ntitle: March meetup\ntime: 6:30 PM\nlocation: Pinewood Public Library\n---\n"
        "With [Kim](/people/kim-lee-profile).\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    march = yaml.safe_load((site / "events/2026-03-04-march-meetup.yaml").read_text(encoding="utf-8"))
    assert march["broken_links"] == ["/people/kim-lee-profile"] and "extra" not in march
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert "1 broken link left out" in check.stderr
