"""`ugsite check`: pull-request checks in text, GitHub annotation and JSON form, and --links."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLE, run_cli

SiteMaker = Callable[..., Path]
BROKEN = {
    "data/venues.yaml": "hall:\n  name: Town Hall\n",
    "data/speakers.yaml": "ada:\n  name: Ada\ngrace:\n  name: Grace\n",
    "events/talk.yaml": "title: Talk\nstart: 2026-12-01 18:00\nvenue: library\nspeakers: [ada]\n",
    "events/ok.yaml": "title: Fine\nstart: 2026-12-02 18:00\nvenue: hall\nspeakers: [ada]\nimage: images/missing.png\n",
    "posts/2026-05-01-hello.md": "---\ntitle: Hello\nsubtitle: x\n---\nHi\n",
}


def test_github_annotations_for_a_broken_pull_request(make_site: SiteMaker) -> None:
    site = make_site(BROKEN)
    result = run_cli("check", "--format", "github", "--now", "2026-11-01", cwd=site)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::warning file=data/speakers.yaml,title=ugsite warning::the speaker 'grace' is not in any event, talk or post"
        "%0Aadd them to an event's speakers or talks, or remove the entry",
        "::warning file=events/ok.yaml,title=ugsite warning::the image images/missing.png is not in static/"
        "%0Aadd the file under static/, or fix the path",
        "::warning file=events/ok.yaml,line=1,title=ugsite warning::the event has no uid, so renaming the file would "
        "change its identity in subscribers' calendars%0Aadd uid: ok@org.github.io",
        "::warning file=events/talk.yaml,line=1,title=ugsite warning::the event has no uid, so renaming the file would "
        "change its identity in subscribers' calendars%0Aadd uid: talk@org.github.io",
        "::error file=events/talk.yaml,line=3,title=ugsite error::unknown venue 'library'%0Aknown venues: hall",
        "::warning file=posts/2026-05-01-hello.md,line=3,title=ugsite warning::unknown front-matter field 'subtitle' "
        "is ignored%0Aput your own fields under 'extra:'; the README lists the known ones",
    ]
    assert result.stderr.strip() == "ugsite: check failed: 1 error, 5 warnings"
    assert not (site / "public").exists()


def test_github_paths_are_relative_to_the_repository(make_site: SiteMaker) -> None:
    site = make_site({"events/talk.yaml": "title: Talk\nstart: 18:30\n"})
    result = run_cli("check", "site", "--format", "github", "--now", "2026-11-01", cwd=site.parent)
    assert result.stdout.splitlines()[1].startswith(
        "::error file=site/events/talk.yaml,line=2,title=ugsite error::'start' is a time")


def test_json_format(make_site: SiteMaker) -> None:
    result = run_cli("check", str(make_site(BROKEN)), "--format", "json", "--now", "2026-11-01")
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"]) == (1, 5)
    assert report["problems"][4] == {"path": "events/talk.yaml", "message": "unknown venue 'library'", "line": 3,
                                     "hint": "known venues: hall", "level": "error"}


def test_warnings_pass_unless_strict(make_site: SiteMaker) -> None:
    site = make_site({"posts/2026-05-01-hello.md": "---\ntitle: Hello\nsubtitle: x\n---\nHi\n"})
    assert run_cli("check", str(site), "--now", "2026-11-01").returncode == 0
    assert run_cli("check", str(site), "--now", "2026-11-01", "--strict").returncode == 1


def test_links_finds_broken_links_anchors_and_paths_outside_the_base(make_site: SiteMaker) -> None:
    site = make_site({
        "posts/2026-05-01-a.md": (
            "---\ntitle: A\n---\n## Part one\n\n[ok](#part-one) [self](2026-05-02-b.md#nothing-here)\n\n"
            '<a href="/group-site/missing/">gone</a> <a href="/elsewhere/">out</a> <img src="/group-site/x.png" alt="">\n'
        ),
        "posts/2026-05-02-b.md": "B\n",
    })
    result = run_cli("check", str(site), "--links", "--now", "2026-11-01")
    assert result.returncode == 1
    assert run_cli("build", str(site), "--now", "2026-11-01").returncode == 0
    page = (site / "public/posts/a/index.html").read_text(encoding="utf-8").splitlines()
    links = next(n for n, text in enumerate(page, 1) if 'href="/elsewhere/"' in text)  # the line the theme puts it on
    anchor = next(n for n, text in enumerate(page, 1) if "#nothing-here" in text)
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines == [
        "posts/2026-05-01-a.md: error: /elsewhere/ is outside the site's base path /group-site/ "
        f"(in posts/a/index.html, line {links})",
        "posts/2026-05-01-a.md: error: /group-site/missing/ leads nowhere: no missing/ in the built site "
        f"(in posts/a/index.html, line {links})",
        "posts/2026-05-01-a.md: error: /group-site/posts/b/#nothing-here: posts/b/index.html has no element with id "
        f"'nothing-here' (in posts/a/index.html, line {anchor})",
        "posts/2026-05-01-a.md: error: /group-site/x.png leads nowhere: no x.png in the built site "
        f"(in posts/a/index.html, line {links})",
    ]
    assert anchor == links - 1


def test_example_site_passes_strict_link_check() -> None:
    # The example keeps one expired job opening on purpose (to show it gone); check names it, and nothing else.
    expired = ("jobs/2026-09-junior-developer-dockside.yaml:6: warning: the opening expired on 2026-10-15, "
               "so it is no longer on the jobs page")
    for extra in ((), ("--base-url", "https://example.org/")):
        result = run_cli("check", str(EXAMPLE), "--links", "--strict", "--now", "2026-11-01", *extra)
        lines = [line for line in result.stderr.splitlines() if not line.startswith("  hint: ")]
        assert lines == [expired, "ugsite: check failed: 0 errors, 1 warning"], result.stderr


def test_what_contributors_get_wrong_is_a_warning(make_site: SiteMaker) -> None:
    site = make_site({
        "data/venues.yaml": "hall:\n  name: Town Hall\n",
        "data/series.yaml": "monthly:\n  title: Monthly\n  rrule: FREQ=MONTHLY;BYDAY=2WE\n"
                            "  start: 2026-11-11 18:30\n  venue: hall\n",
        "events/2026-12-09-pizza.yaml": "uid: pizza@x\ntitle: Pizza\nstart: 2026-12-09 18:00\nvenue: hall\n",
        "events/2026-12-20-nowhere.yaml": "uid: nowhere@x\ntitle: Somewhere\nstart: 2026-12-20 18:00\n",
        "events/2026-10-20-late.yaml": "uid: late@x\ntitle: Late\nstart: 2026-10-20 18:00\nvenue: hall\n"
                                       "status: postponed\n",
    })
    result = run_cli("check", str(site), "--now", "2026-11-01")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if not line.startswith(("  hint", "ugsite:"))] == [
        "data/series.yaml:1: warning: the series 'monthly' has no uid, so moving the site to another address would "
        "give every meeting a new identity and duplicate it in subscribers' calendars",
        "events/2026-10-20-late.yaml: warning: the event is marked postponed, but its date has passed",
        "events/2026-12-09-pizza.yaml: warning: the event is on the day of a meeting of the series 'monthly' "
        "(2026-12-09), so subscribers see two events",
        "events/2026-12-20-nowhere.yaml: warning: the event has neither a venue nor an online link, so nobody "
        "knows where it is",
    ]


def test_template_code_of_another_generator_is_a_warning(make_site: SiteMaker) -> None:
    site = make_site({
        "posts/2020-01-01-a.md": "---\ntitle: A\n---\nIntro\n\n{% include JB/setup %}\n\nIn code it is fine: "
                                 "`{{ page.title }}`\n\n```\n{% raw %}\n```\n",
        "pages/b.md": "See {{< figure src=\"x.png\" >}} here.\n",
        "posts/2020-01-02-c.md": "Braces in prose {like this} and {{ 1 + 1 }} are no template code.\n",
    })
    result = run_cli("check", str(site), "--now", "2026-11-01")
    assert [line for line in result.stderr.splitlines() if ": warning: " in line] == [
        'pages/b.md:1: warning: the page shows template code as text: {{< figure src="x.png" >}}',
        "posts/2020-01-01-a.md:6: warning: the page shows template code as text: {% include JB/setup %}",
    ]
