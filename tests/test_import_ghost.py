"""`ugsite import` of a Ghost JSON export: posts and pages at their /slug/ addresses, HTML kept, images beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, read_tree, run_cli

EXPORT = REPO / "tests/fixtures/ghost-export/harbour-python.ghost.2024-01-01.json"
NOW = "2026-11-29T10:00:00Z"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(EXPORT), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    return site


def test_posts_and_pages_keep_their_addresses_html_and_images(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--strict", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["title"], config["timezone"], config["permalink"]) == ("Harbour Python", "Europe/London", "/{slug}/")
    post = (out / "our-first-meetup/index.html").read_text(encoding="utf-8")
    assert "<strong>Harbour Library</strong>" in post and 'src="/content/images/2019/05/kickoff.png"' in post
    assert '<pre><code class="language-python">def greet(name):\n\n    return' in post  # the blank line stays code
    assert "See you next month!" in post and "Maya Okafor" in post
    assert (out / "content/images/2019/05/kickoff.png").is_file()
    assert "<em>markdown</em> post from the old editor" in (out / "markdown-card/index.html").read_text(encoding="utf-8")
    assert "We are a Python group." in (out / "about/index.html").read_text(encoding="utf-8")
    assert not (out / "ideas").exists()  # a draft in Ghost stays a draft


def test_the_report_and_a_second_run(imported: Path) -> None:
    draft = yaml.safe_load((imported / "posts/ideas.md").read_text(encoding="utf-8").split("---\n")[1])
    assert draft["draft"] is True
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    assert "post 'our-first-meetup'`: Ghost's internal tags (#...) were left out" in report
    assert "post 'ideas'`: it was draft in Ghost; it is a draft here" in report
    assert "`content/images/`: Ghost's images went to static/content/images/" in report
    before = read_tree(imported)
    again = run_cli("import", str(EXPORT), str(imported), "--now", NOW)
    assert again.returncode == 0 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before


def test_an_export_without_its_images_says_where_to_put_them(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(EXPORT.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("import", str(export), str(tmp_path / "site"), "--now", NOW)
    assert result.returncode == 1
    assert "copy that folder from the Ghost server to static/content/images/" in result.stderr
