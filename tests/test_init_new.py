"""`ugsite init` and `ugsite new`: a new organizer's first steps, and the workflow init writes."""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from conftest import read_tree, run_cli
from workflow_steps import actionlint, load_workflow, run_step, steps_by_name

from ugsite import __version__
from ugsite.commands.init import SAMPLE_FOLDERS, SCAFFOLD, SETTINGS_WORDS, init_site, scaffold_environment
from ugsite.commands.requirement import Requirement
from ugsite.commands.sample_language import TRANSLATIONS, translated_languages

NOW = "2026-11-22T10:00:00Z"
LANGUAGES = ["cs", "de", "es", "fr", "it", "pl", "pt"]
PROSE = {"title", "summary", "description", "author", "name", "role", "bio", "address", "directions"}  # translated


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    result = run_cli("init", str(tmp_path / "group"), "--name", "Café & Code", "--timezone", "Europe/Berlin",
                     "--now", NOW)
    assert result.returncode == 0, result.stderr
    return tmp_path / "group"


def test_init_writes_a_complete_site(new_site: Path) -> None:
    files = sorted(f.relative_to(new_site).as_posix() for f in new_site.rglob("*") if f.is_file())
    assert files == [
        ".github/ISSUE_TEMPLATE/talk-proposal.yml", ".github/workflows/after-events.yml", ".github/workflows/pages.yml",
        ".github/workflows/talk-proposals.yml", ".gitignore", "README.md", "data/series.yaml", "data/speakers.yaml", "data/venues.yaml",
        "events/2026-12-06-kick-off-meetup.yaml", "pages/about.md", "pages/code-of-conduct.md",
        "pages/first-time.md", "posts/2026-11-22-welcome.md", "requirements.txt", "ugsite.yaml",
    ]
    config = yaml.safe_load((new_site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Café & Code" and config["timezone"] == "Europe/Berlin"
    assert config["raw_html"] == "escape"  # posts and events come as pull requests from people not yet known


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://org.github.io/cafe-code/"])
def test_new_site_builds_and_checks_with_zero_warnings(new_site: Path, base_url: str) -> None:
    (new_site / "requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")  # as if from PyPI
    result = run_cli("check", str(new_site), "--links", "--strict", "--base-url", base_url, "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "ugsite: check passed: 0 errors, 0 warnings"
    result = run_cli("build", str(new_site), "--strict", "--base-url", base_url, "--now", NOW)
    assert result.returncode == 0, result.stderr
    events = (new_site / "public/events/index.html").read_text(encoding="utf-8")
    assert "Kick-off meetup" in events and "monthly meetup" in events
    path = "/cafe-code/first-time/" if "cafe-code" in base_url else "/first-time/"
    home = (new_site / "public/index.html").read_text(encoding="utf-8")
    assert f'<p class="first-time"><a href="{path}">First time here?</a> What happens at a meeting of Café &amp; Code' in home
    first_time = (new_site / "public/first-time/index.html").read_text(encoding="utf-8")
    assert f'href="{path.replace("first-time", "code-of-conduct")}">code of conduct</a>' in first_time
    (new_site / "pages/first-time.md").unlink()
    result = run_cli("build", str(new_site), "--strict", "--base-url", base_url, "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert 'class="first-time"' not in (new_site / "public/index.html").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(new_site: Path) -> None:
    (new_site / "pages/about.md").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(new_site), "--now", NOW)
    assert result.returncode == 1
    assert ("these files exist already: .github/ISSUE_TEMPLATE/talk-proposal.yml, .github/workflows/after-events.yml, "
            ".github/workflows/pages.yml, "
            ".github/workflows/talk-proposals.yml, .gitignore, README.md") in result.stderr
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
    result = run_cli("new", "post", "Čtvrteční setkání", "--site", str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "2026-11-22-ctvrtecni-setkani.md"
    result = run_cli("new", "event", "Встреча", "--start", "2026-12-19 18:30", "--site", str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "2026-12-19-vstrecha.yaml"
    again = run_cli("new", "post", "Café & Code: Ünïcode!", "--site", str(new_site), "--now", NOW)
    assert again.returncode == 1 and "already exists" in again.stderr
    (new_site / "requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")
    check = run_cli("check", str(new_site), "--now", NOW)
    assert check.returncode == 0, check.stderr
    placeholders = [line for line in check.stderr.splitlines() if "left from ugsite new" in line]
    assert len(placeholders) == 5, check.stderr  # the posts, the events and the meeting still say what to write


def test_welcome_post_is_published_at_once(new_site: Path) -> None:
    """init dates its welcome post at the moment it runs, so a build a minute later shows it."""
    result = run_cli("build", str(new_site), "--now", "2026-11-22T10:01:00Z")
    assert result.returncode == 0, result.stderr
    assert "left out" not in result.stdout
    assert "Welcome to Café &amp; Code" in (new_site / "public/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["Evil\nbase_url: javascript:alert(1)", "Tab\tname", "  "])
def test_init_refuses_a_name_that_is_not_one_line(tmp_path: Path, name: str) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--name", name)
    assert result.returncode == 1 and "must be one line of text" in result.stderr
    assert not (tmp_path / "x").exists()


def test_init_writes_the_name_as_text_everywhere(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--name", "<b>*Py*</b> & [Co](javascript:x)", "--now", NOW)
    assert result.returncode == 0, result.stderr
    (tmp_path / "x/requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")
    assert run_cli("build", str(tmp_path / "x"), "--now", NOW).returncode == 0
    about = (tmp_path / "x/public/about/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;*Py*&lt;/b&gt; &amp; [Co](javascript:x) is a user group" in about
    assert "<b>" not in about and 'href="javascript' not in about


def test_workflow_is_valid_and_least_privileged(new_site: Path) -> None:
    file = new_site / ".github/workflows/pages.yml"
    assert actionlint(file) == []
    workflow = load_workflow(file)
    assert set(workflow["on"]) == {"push", "pull_request", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}  # pull requests only read
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["keep-schedule"]["permissions"] == {"actions": "write"}
    assert jobs["sync"]["permissions"] == {"contents": "write"}  # only the scheduled sync commits
    assert jobs["sync"]["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    assert jobs["build"]["needs"] == "sync" and jobs["build"]["if"] == "${{ !cancelled() }}"
    assert jobs["build"]["steps"][0]["with"]["ref"] == "${{ needs.sync.outputs.sha || github.sha }}"
    assert jobs["deploy"]["needs"] == "build" and jobs["deploy"]["if"] == "github.event_name != 'pull_request'"
    assert jobs["keep-schedule"]["if"] == "github.event_name == 'schedule'"
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert "github.run_id" in workflow["concurrency"]["group"]  # runs on main never share a group
    uses = [s.get("uses", "") for job in jobs.values() for s in job["steps"]]
    assert {u for u in uses if u} == {
        "actions/checkout@v7", "actions/setup-python@v7", "actions/cache@v6", "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5", "actions/deploy-pages@v5"}
    setup = next(s for s in jobs["build"]["steps"] if s.get("uses") == "actions/setup-python@v7")
    assert setup["with"]["cache"] == "pip" and jobs["build"]["steps"][0]["with"]["fetch-depth"] == 0
    steps = steps_by_name(workflow, "build")
    assert steps["Upload"]["if"] == "github.event_name != 'pull_request'"
    order = list(steps)
    assert order.index("Find the Pages address") < order.index("Work out the address") < order.index("Check")


def _fake_gh(tmp_path: Path, answer: str, status: int) -> dict[str, str]:
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(f"#!/bin/sh\necho '{answer}'\nexit {status}\n", encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": "org/site"}


@pytest.mark.parametrize(("answer", "status", "ok"), [("workflow", 0, True), ("legacy", 0, False),
                                                      ("gh: Not Found (HTTP 404)", 1, False)])
def test_workflow_says_how_to_switch_pages_on(new_site: Path, tmp_path: Path, answer: str, status: int,
                                              ok: bool) -> None:
    step = steps_by_name(load_workflow(new_site / ".github/workflows/pages.yml"), "build")[
        "Is GitHub Pages set to GitHub Actions?"]
    result, _ = run_step(step, new_site, {"github.token": "t"}, _fake_gh(tmp_path, answer, status))
    assert (result.returncode == 0) is ok, result.stdout + result.stderr
    if not ok:
        assert "set Source to GitHub Actions" in result.stdout and "Re-run all jobs" in result.stdout


@pytest.mark.parametrize(("repository", "cname", "pages_url", "expected"), [
    ("org/cafe-code", None, "", "https://org.github.io/cafe-code/"),        # a pull request to a project site
    ("Org/Org.github.io", None, "", "https://org.github.io/"),              # to a user or organization site
    ("org/cafe-code", "www.cafe.example\n", "", "https://www.cafe.example/"),  # to a site with a custom domain
    ("org/cafe-code", None, "https://cafe.example", "https://cafe.example/"),  # a push: GitHub says where
])
def test_workflow_checks_and_builds_for_the_real_address(new_site: Path, tmp_path: Path, repository: str,
                                                         cname: str | None, pages_url: str, expected: str) -> None:
    """Run the address, check and build steps in a shell, as the runner would."""
    (new_site / "requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")
    if cname:
        (new_site / "static").mkdir(exist_ok=True)
        (new_site / "static/CNAME").write_text(cname, encoding="utf-8")
    (new_site / "pages/about.md").write_text("---\ntitle: About\n---\n[Events](/events/) and [home](/).\n")
    steps = steps_by_name(load_workflow(new_site / ".github/workflows/pages.yml"), "build")
    bin_dir = Path(sys.executable).parent  # where this environment's `ugsite` command is
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": repository}
    values = {"steps.pages.outputs.base_url": pages_url, "github.repository_owner": repository.split("/")[0]}
    result, outputs = run_step(steps["Work out the address"], new_site, values, env)
    assert result.returncode == 0, result.stderr
    assert outputs == {"base_url": expected}
    values["steps.address.outputs.base_url"] = outputs["base_url"]
    for name in ("Check", "Build"):
        result, _ = run_step(steps[name], new_site, values, env)
        assert result.returncode == 0, (name, result.stdout, result.stderr)
    path = "/" + expected.split("/", 3)[3]
    about = (new_site / "public/about/index.html").read_text(encoding="utf-8")
    assert f'href="{path}events/"' in about and f'href="{path}css/site.css"' in about
    assert f'<link rel="canonical" href="{expected}about/">' in about
    if cname:
        assert (new_site / "public/CNAME").read_text(encoding="utf-8") == cname


def test_check_judges_links_as_served_under_the_base_path(new_site: Path) -> None:
    """A link written for the root breaks under /REPO/ unless ugsite rewrites it; check sees the served site."""
    (new_site / "pages/about.md").write_text("---\ntitle: About\n---\n[old](/old-page/) and [events](/events/)\n")
    result = run_cli("check", str(new_site), "--links", "--base-url", "https://org.github.io/cafe-code/", "--now", NOW)
    assert result.returncode == 1
    assert "/cafe-code/old-page/ leads nowhere" in result.stderr and "/events/" not in result.stderr


def test_the_call_for_speakers_in_the_new_sites_readme_works_as_it_says(new_site: Path) -> None:
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Call for speakers and talk proposals", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert example.startswith("cfp:\n")
    with (new_site / "ugsite.yaml").open("a", encoding="utf-8") as settings:
        settings.write(example)
    (new_site / "requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")
    pages = "https://org.github.io/cafe-code/"  # the link opens the site's talk-proposal form
    result = run_cli("build", str(new_site), "--strict", "--base-url", pages, "--now", NOW)
    assert result.returncode == 0, result.stderr
    home = (new_site / "public/index.html").read_text(encoding="utf-8")
    assert "Call for speakers open until" in home
    assert "https://github.com/org/cafe-code/issues/new?template=talk-proposal.yml" in home
    elsewhere = run_cli("check", str(new_site), "--base-url", "https://cafe.example/", "--now", NOW)
    assert elsewhere.returncode == 1 and "the call for speakers needs a 'url'" in elsewhere.stderr
    closed = run_cli("check", str(new_site), "--base-url", pages, "--now", "2027-02-01T10:00:00Z")
    assert "warning: the call for speakers closed on 2027-01-15" in closed.stderr


def test_init_in_czech_writes_czech_sample_content_that_builds(tmp_path: Path) -> None:
    site = tmp_path / "skupina"
    result = run_cli("init", str(site), "--name", "Café & Code", "--timezone", "Europe/Prague", "--language", "cs",
                     "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert "no translation" not in result.stderr
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert config["language"] == "cs" and config["author"] == "Organizátoři skupiny Café & Code"
    assert config["description"] == "Uživatelská skupina Café & Code: přednášky, workshopy a lidé, kteří se rádi učí spolu."
    (site / "requirements.txt").write_text(f"ugsite=={__version__}\n", encoding="utf-8")
    result = run_cli("check", str(site), "--links", "--strict", "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "ugsite: check passed: 0 errors, 0 warnings"
    result = run_cli("build", str(site), "--strict", "--now", NOW)
    assert result.returncode == 0, result.stderr
    home = (site / "public/index.html").read_text(encoding="utf-8")
    assert '<html lang="cs"' in home and "Vítejte ve skupině Café &amp; Code" in home
    assert ('<p class="first-time"><a href="/first-time/">Jste tu poprvé?</a> Co se děje na srazu skupiny '
            "Café &amp; Code, jak najít místnost a kdo je vítán.</p>") in home
    events = (site / "public/events/index.html").read_text(encoding="utf-8")
    assert "Zahajovací sraz" in events and "Měsíční sraz skupiny Café &amp; Code" in events
    first_time = (site / "public/first-time/index.html").read_text(encoding="utf-8")
    assert '<a href="/code-of-conduct/">kodexem chování</a>' in first_time
    assert "Komunitní centrum" in (site / "public/events/2026-12-06-kick-off-meetup/index.html").read_text(encoding="utf-8")


def test_the_sample_content_is_translated_whole_into_each_language() -> None:
    assert translated_languages() == LANGUAGES
    english = sorted(rel for rel in _files(SCAFFOLD) if rel.startswith(SAMPLE_FOLDERS) or rel == SETTINGS_WORDS)
    for language in LANGUAGES:
        assert _files(TRANSLATIONS / language) == english, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_the_keys_placeholders_and_links_of_the_english_files(tmp_path: Path, language: str) -> None:
    """A new key, placeholder, link or address in an English sample file fails here until every translation has it."""
    for rel in _files(TRANSLATIONS / language):
        source = (TRANSLATIONS / language / rel).read_text(encoding="utf-8")
        assert _placeholders(source) == _placeholders((SCAFFOLD / rel).read_text(encoding="utf-8")), rel
    english, translated = _init(tmp_path / "en", "en"), _init(tmp_path / language, language)
    assert sorted(translated) == sorted(english)  # the same files, at the same addresses
    changed = [path for path in english if translated[path] != english[path]]
    assert sorted(changed) == sorted(path for path in english if path.startswith(SAMPLE_FOLDERS) or path == "ugsite.yaml")
    for path in changed:
        ours, theirs = english[path].decode(), translated[path].decode()
        meta, body = _split(ours, path)
        translated_meta, translated_body = _split(theirs, path)
        if path == "ugsite.yaml":
            meta["language"] = language
        assert _shape(translated_meta) == _shape(meta), path  # the same keys, each read as the same type
        assert _fixed(translated_meta) == _fixed(meta), path  # keys, dates, slugs, rules stay as they are
        assert _targets(translated_body) == _targets(body), path
        assert translated_body.count("\n#") == body.count("\n#"), path  # the same headings
    config = yaml.safe_load(translated["ugsite.yaml"])
    assert config["language"] == language and config["description"] != yaml.safe_load(english["ugsite.yaml"])["description"]


@pytest.mark.parametrize(("tag", "about", "note"), [
    ("ja", "About us", True), ("pt-BR", "Sobre nós", False), ("DE", "Über uns", False), ("en-GB", "About us", False)])
def test_init_takes_the_translation_of_a_language_or_says_it_writes_english(tmp_path: Path, tag: str, about: str,
                                                                           note: bool) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--language", tag, "--now", NOW)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "no translation" in line]
    assert said == ([f"ugsite: note: no translation of the sample content for '{tag}': written in English "
                     "(translated: cs, de, es, fr, it, pl, pt)"] if note else [])
    assert yaml.safe_load((tmp_path / "x/ugsite.yaml").read_text(encoding="utf-8"))["language"] == tag
    assert f"title: {about}\n" in (tmp_path / "x/pages/about.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("tag", "hint"), [
    ("German", "write the language's code, not its name: e.g. en, de, pt-BR, zh-Hant or es-419"),
    ("pt_BR", "separate its parts with hyphens: pt-BR"),
    ("", "write a tag such as en, de, pt-BR, zh-Hant or es-419")])
def test_init_refuses_a_language_that_is_not_a_language_tag(tmp_path: Path, tag: str, hint: str) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--language", tag)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"--language: error: {tag!r} is not a language tag (BCP 47)", f"  hint: {hint}"]
    assert not (tmp_path / "x").exists()


def test_init_upgrade_takes_no_language(new_site: Path) -> None:
    result = run_cli("init", str(new_site), "--upgrade", "--language", "cs", "--now", NOW)
    assert result.returncode == 2 and "`language:` in its ugsite.yaml" in result.stderr


def _init(folder: Path, language: str) -> dict[str, bytes]:
    written, problems = init_site(folder, "Café & Code", "Europe/Berlin", "https://example.org/",
                                  datetime(2026, 11, 22, 10, tzinfo=timezone.utc), Requirement("ugsite", True),
                                  settings={"language": language})
    assert problems == [] and written
    return read_tree(folder)


def _files(folder: Path) -> list[str]:
    return sorted(f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.is_file())


def _placeholders(source: str) -> list[str]:
    """Return what each `[[ ]]` of a scaffold template uses (its variables and filters) and its `[% %]` blocks."""
    env = scaffold_environment([SCAFFOLD])
    used = []
    for expression in re.findall(r"\[\[(.*?)\]\]", source):
        tree = env.parse(f"[[{expression}]]")
        names = sorted(n.name for n in tree.find_all(jinja2.nodes.Name))
        filters = sorted(f.name for f in tree.find_all(jinja2.nodes.Filter))
        used.append(f"{names} {filters}")
    return sorted(used + re.findall(r"\[%.*?%\]", source))


def _split(text: str, path: str) -> tuple[Any, str]:
    """Return a file's YAML (the front matter of Markdown) and its Markdown body."""
    if not path.endswith(".md"):
        return yaml.safe_load(text), ""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


def _fixed(value: Any) -> Any:
    """Return `value` without its prose: what no translation may change."""
    if isinstance(value, dict):
        return {key: _fixed(item) for key, item in value.items() if key not in PROSE}
    if isinstance(value, list):
        return [_fixed(item) for item in value]
    return value


def _targets(body: str) -> list[str]:
    """Return the link targets and e-mail addresses of a Markdown body."""
    return sorted(re.findall(r"\]\(([^)\s]+)\)", body) + re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+\w", body))


def test_new_follows_the_slug_rule_of_the_site(new_site: Path) -> None:
    config = new_site / "ugsite.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: \"en\"", "language: de"), encoding="utf-8")
    result = run_cli("new", "post", "Übung für Anfänger", "--site", str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "2026-11-22-uebung-fuer-anfaenger.md"
    config.write_text(config.read_text(encoding="utf-8") + "slugs: unicode\n", encoding="utf-8")
    result = run_cli("new", "post", "Čtvrteční setkání", "--site", str(new_site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "2026-11-22-čtvrteční-setkání.md"
