"""`ugsite import` of a WordPress export (WXR): posts and pages with their HTML, uploads and old addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, read_tree, run_cli

EXPORT = REPO / "tests/fixtures/wordpress-export/riverside-dotnet.wordpress.2024-01-01.xml"
NOW = "2026-11-29T10:00:00Z"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(EXPORT), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # one shortcode of a plugin needs a person
    assert result.stderr.splitlines()[0] == ("riverside-dotnet.wordpress.2024-01-01.xml: post 'pizza-and-async': "
                                             "needs a person: the shortcode [contact-form-7 id=\"5\"] has no "
                                             "equivalent; left as it is")
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    return site


def test_posts_pages_uploads_and_old_addresses(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--strict", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["title"], config["language"], config["raw_html"]) == ("Riverside .NET User Group", "en", "allow")
    post = (out / "posts/pizza-and-async/index.html").read_text(encoding="utf-8")
    assert "<p>Twenty people came for pizza and async.<br>\nJane showed <code>ConfigureAwait</code>.</p>" in post
    assert ('<figure><img src="/wp-content/uploads/2018/09/pizza.png" alt="Pizza" width="300" height="200" />'
            "<figcaption>The pizza</figcaption></figure>") in post
    assert "<pre>await Task.Delay(100);\n\nawait Task.Yield();</pre>" in post
    assert '<a href="https://www.youtube.com/watch?v=abc123">' in post and "[caption" not in post
    assert (out / "wp-content/uploads/2018/09/pizza.png").is_file()
    assert 'url=/posts/pizza-and-async/"' in (out / "2018/09/pizza-and-async/index.html").read_text(encoding="utf-8")
    assert 'url=/sponsors-page/"' not in (out / "sponsors-page/index.html").read_text(encoding="utf-8")  # same address
    assert "Thanks to our <strong>sponsors</strong>." in (out / "sponsors-page/index.html").read_text(encoding="utf-8")
    assert not (out / "posts/draft-thoughts").exists()


def test_fields_and_report(imported: Path) -> None:
    front = yaml.safe_load((imported / "posts/pizza-and-async.md").read_text(encoding="utf-8").split("---\n")[1])
    assert front["date"] == "2018-09-12T23:00:00Z" and front["author"] == "Jane Doe"
    assert front["tags"] == ["csharp"] and front["categories"] == ["Meetups"]
    assert front["extra"] == {"wordpress_id": 12} and front["image"] == "/wp-content/uploads/2018/09/pizza.png"
    draft = yaml.safe_load((imported / "posts/draft-thoughts.md").read_text(encoding="utf-8").split("---\n")[1])
    assert draft["draft"] is True and draft["date"] == "2019-01-01 10:00:00"
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    assert "a nav_menu_item item (Home) is WordPress's own and was left out" in report
    assert "`wp-content/uploads/`: the uploads went to static/wp-content/uploads/" in report
    before = read_tree(imported)
    again = run_cli("import", str(EXPORT), str(imported), "--now", NOW)
    assert again.returncode == 1 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before
