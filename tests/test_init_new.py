"""`ugsite init` and `ugsite new`: a new organizer's first steps, and the workflow init writes."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, run_cli

from ugsite import __version__

NOW = "2026-11-22T10:00:00Z"


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    result = run_cli("init", str(tmp_path / "group"), "--name", "Café & Code", "--timezone", "Europe/Berlin",
                     "--now", NOW)
    assert result.returncode == 0, result.stderr
    return tmp_path / "group"


def test_init_writes_a_complete_site(new_site: Path) -> None:
    files = sorted(f.relative_to(new_site).as_posix() for f in new_site.rglob("*") if f.is_file())
    assert files == [
        ".github/workflows/pages.yml", ".gitignore", "data/series.yaml", "data/speakers.yaml", "data/venues.yaml",
        "events/2026-12-06-kick-off-meetup.yaml", "pages/about.md", "pages/code-of-conduct.md",
        "posts/2026-11-22-welcome.md", "requirements.txt", "ugsite.yaml",
    ]
    config = yaml.safe_load((new_site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Café & Code" and config["timezone"] == "Europe/Berlin"


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://org.github.io/cafe-code/"])
def test_new_site_builds_and_checks_with_zero_warnings(new_site: Path, base_url: str) -> None:
    result = run_cli("check", str(new_site), "--links", "--strict", "--base-url", base_url, "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "ugsite: check passed: 0 errors, 0 warnings"
    result = run_cli("build", str(new_site), "--strict", "--base-url", base_url, "--now", NOW)
    assert result.returncode == 0, result.stderr
    events = (new_site / "public/events/index.html").read_text(encoding="utf-8")
    assert "Kick-off meetup" in events and "monthly meetup" in events


def test_init_refuses_to_overwrite(new_site: Path) -> None:
    (new_site / "pages/about.md").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(new_site), "--now", NOW)
    assert result.returncode == 1
    assert "these files exist already: .github/workflows/pages.yml, .gitignore" in result.stderr
    assert (new_site / "pages/about.md").read_text() == "mine"
    assert run_cli("init", str(new_site), "--force", "--now", NOW).returncode == 0
    assert (new_site / "pages/about.md").read_text() != "mine"


def test_new_post_and_events(new_site: Path) -> None:
    result = run_cli("new", "post", "Café & Code: Ünïcode!", "--site", str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    post = Path(result.stdout.strip())
    assert post.name == "2026-11-22-cafe-code-unicode.md"
    assert 'title: "Café & Code: Ünïcode!"' in post.read_text(encoding="utf-8")
    result = run_cli("new", "event", "Python & Pizza", "--start", "2026-12-18 18:30", "--site", str(new_site))
    assert result.returncode == 0, result.stderr
    event = Path(result.stdout.strip())
    assert event.name == "2026-12-18-python-pizza.yaml"
    assert event.read_text(encoding="utf-8").startswith("uid: 2026-12-18-python-pizza@example.org\n")
    result = run_cli("new", "event", "January talks", "--start", "2027-01-13 18:30", "--series", "monthly",
                     "--site", str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "monthly-2027-01-13.yaml"
    wrong = run_cli("new", "event", "X", "--start", "2027-01-14 18:30", "--series", "monthly", "--site", str(new_site),
                    "--now", NOW)
    assert wrong.returncode == 1
    assert wrong.stderr.splitlines() == ["--start: error: 2027-01-14 is not a meeting of the series 'monthly'",
                                         "  hint: its next meetings: 2027-01-13, 2027-02-10, 2027-03-10"]
    again = run_cli("new", "post", "Café & Code: Ünïcode!", "--site", str(new_site), "--now", NOW)
    assert again.returncode == 1 and "already exists" in again.stderr
    check = run_cli("check", str(new_site), "--strict", "--now", NOW)
    assert check.returncode == 0, check.stderr


def test_requirements_pin_this_version(new_site: Path) -> None:
    assert (new_site / "requirements.txt").read_text().splitlines()[-1] == f"ugsite=={__version__}"


def test_workflow_is_complete(new_site: Path) -> None:
    workflow = yaml.safe_load((new_site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" in triggers and "schedule" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert uses[0] == "actions/checkout@v4" and build["steps"][0]["with"]["fetch-depth"] == 0
    assert "actions/configure-pages@v5" in uses and "actions/upload-pages-artifact@v3" in uses
    cache = next(step for step in build["steps"] if step.get("uses") == "actions/cache@v4")
    assert cache["with"]["path"].split()[0] == ".ugsite-cache"
    assert deploy["steps"][0]["uses"] == "actions/deploy-pages@v4"
    assert deploy["concurrency"]["group"] == "pages" and deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name != 'pull_request'"


@pytest.mark.parametrize("which", ["new site", "example site"])
def test_workflow_commands_work_as_written(new_site: Path, which: str, tmp_path: Path) -> None:
    """Run the workflow's check and build steps in a shell, as the runner would."""
    workflow = yaml.safe_load((new_site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    if which == "example site":
        new_site = Path(shutil.copytree(EXAMPLE, tmp_path / "example", ignore=shutil.ignore_patterns("public")))
    steps = {step.get("name"): step for step in workflow["jobs"]["build"]["steps"]}
    assert steps["Install ugsite"]["run"] == "pip install -r requirements.txt"
    bin_dir = Path(sys.executable).parent  # where this environment's `ugsite` command is
    assert (bin_dir / "ugsite").is_file()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    default = "/site/" if which == "example site" else "/"
    for base_url, expected in (("https://org.github.io/cafe-code", "/cafe-code/"), ("", default)):
        for name in ("Check", "Build"):
            step_env = {**env, **{k: (base_url if "base_url" in v else v) for k, v in steps[name].get("env", {}).items()}}
            result = subprocess.run(["bash", "-c", steps[name]["run"]], cwd=new_site, env=step_env,
                                    capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, (steps[name]["run"], result.stdout, result.stderr)
        home = (new_site / "public/index.html").read_text(encoding="utf-8")
        assert f'href="{expected}css/site.css"' in home
        assert (new_site / "public/.nojekyll").is_file()
    assert shlex.split(steps["Build"]["run"])[:4] == ["ugsite", "build", "-o", "public"]
