"""The package a release uploads, installed the ways organizers install ugsite, and the site it starts on GitHub.

Each install goes into a fresh virtual environment that sees this environment's libraries
(through a .pth file), so nothing is downloaded: only ugsite itself is installed, from the
wheel built here, from a git repository, or from a folder.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from workflow_steps import actionlint, load_workflow, run_step, steps_by_name

from ugsite import __version__
from ugsite.commands.requirement import requirement_for

NOW = "2026-11-22T10:00:00Z"
SOURCES = ("ugsite", "themes", "schemas", "pyproject.toml", "README.md", "LICENSE")


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sdist and the wheel once, as the release workflow does."""
    out = tmp_path_factory.mktemp("dist")
    source = _source_copy(tmp_path_factory.mktemp("source"))
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-d", str(out)], cwd=source, check=True,
                   capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="session")
def git_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository of ugsite's source, and its commit: what `pip install git+...` reads."""
    repo = _source_copy(tmp_path_factory.mktemp("repo"))
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "ugsite"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    return repo, commit


def _source_copy(target: Path) -> Path:
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    return target


def _fresh_venv(path: Path) -> Path:
    """Create a virtual environment that sees this one's libraries but not its ugsite; return its python."""
    venv.EnvBuilder(with_pip=False, symlinks=True).create(path)
    python = path / "bin/python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "_test_libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def _pip(python: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-index",
                    "--no-build-isolation", "--no-deps", "--ignore-installed", *args],
                   check=True, capture_output=True, timeout=300)


def _init(python: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-m", "ugsite", "init", str(folder), "--name", "Wheel Group", "--now", NOW],
                          capture_output=True, text=True, timeout=120, cwd=folder.parent)


def test_the_release_packages_render_on_pypi(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert [f.name for f in files] == [f"ugsite-{__version__}-py3-none-any.whl", f"ugsite-{__version__}.tar.gz"]
    check = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    with zipfile.ZipFile(files[0]) as wheel:
        info = email.message_from_bytes(wheel.read(f"ugsite-{__version__}.dist-info/METADATA"))
        names = wheel.namelist()
    assert info["Requires-Python"] == ">=3.11" and info["Description-Content-Type"] == "text/markdown"
    assert "Topic :: Internet :: WWW/HTTP :: Site Management" in info.get_all("Classifier")
    assert {u.split(",")[0] for u in info.get_all("Project-URL")} >= {"Homepage", "Source", "Issues"}
    assert "ugsite/themes/default/templates/base.html" in names and "ugsite/scaffold/.github/workflows/pages.yml" in names
    assert "ugsite/schemas/events-1.json" in names  # the build publishes it as events.schema.json
    assert {"ugsite/scaffold/_settings.yaml", "ugsite/scaffold_languages/cs/pages/first-time.md"} <= set(names)


def test_the_release_workflow_is_valid() -> None:
    file = REPO / ".github/workflows/release.yml"
    assert actionlint(file) == []
    workflow = load_workflow(file)
    assert workflow["on"] == {"push": {"tags": ["v*"]}} and workflow["permissions"] == {"contents": "read"}
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"} and set(publish["needs"]) == {"build", "test"}
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert "twine check --strict" in steps_by_name(workflow, "build")["Build the sdist and the wheel"]["run"]


def test_installed_from_the_package_index_the_site_pins_that_version(dist: Path, tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "env")
    _pip(python, "--find-links", str(dist), "ugsite")  # an index install: no direct_url.json
    result = _init(python, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/requirements.txt").read_text().splitlines()[-1] == f"ugsite=={__version__}"
    assert "note:" not in result.stderr
    assert (tmp_path / "site/.github/workflows/pages.yml").is_file()
    # The wheel carries the theme: it builds the example site from anywhere.
    build = subprocess.run([str(python), "-m", "ugsite", "build", str(REPO / "example-content"), "-o",
                            str(tmp_path / "out"), "--now", "2026-11-01", "--no-cache"],
                           capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "out/css/site.css").is_file() and (tmp_path / "out/posts/our-first-meetup/index.html").is_file()
    assert (tmp_path / "out/events.schema.json").read_bytes() == (REPO / "schemas/events-1.json").read_bytes()


def test_installed_from_git_the_site_pins_that_commit(git_source: tuple[Path, str], tmp_path: Path) -> None:
    repo, commit = git_source
    python = _fresh_venv(tmp_path / "env")
    _pip(python, f"git+{repo.as_uri()}@{commit}")
    result = _init(python, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/requirements.txt").read_text().splitlines()[-1] == f"ugsite @ git+{repo.as_uri()}@{commit}"
    # The same from a repository on the web is a requirement any machine can install.
    web = requirement_for(__version__, {"url": "https://github.com/org/ugsite", "vcs_info": {
        "vcs": "git", "commit_id": commit, "requested_revision": "main"}})
    assert web.portable and web.line == f"ugsite @ git+https://github.com/org/ugsite@{commit}"


def test_installed_from_a_folder_init_says_what_to_change(git_source: tuple[Path, str], tmp_path: Path) -> None:
    repo, commit = git_source
    subprocess.run(["git", "-C", str(repo), "remote", "add", "origin", "git@github.com:org/ugsite.git"],
                   capture_output=True)
    python = _fresh_venv(tmp_path / "env")
    _pip(python, str(repo))
    result = _init(python, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    requirements = tmp_path / "site/requirements.txt"
    assert requirements.read_text().splitlines()[-1] == f"ugsite @ {repo.as_uri()}"
    assert "GitHub Actions cannot install" in result.stderr and "change line 2" in result.stderr
    assert f"ugsite @ git+https://github.com/org/ugsite.git@{commit}" in result.stderr  # the line to write instead
    check = subprocess.run([str(python), "-m", "ugsite", "check", str(tmp_path / "site"), "--now", NOW],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "requirements.txt:2: warning:" in check.stderr, check.stderr
    requirements.write_text(f"ugsite @ git+https://github.com/org/ugsite.git@{commit}\n", encoding="utf-8")
    check = subprocess.run([str(python), "-m", "ugsite", "check", str(tmp_path / "site"), "--now", NOW],
                           capture_output=True, text=True, timeout=120)
    assert "requirements.txt" not in check.stderr, check.stderr
    # An editable install of the same checkout is just as local, and gets the same advice.
    editable = requirement_for(__version__, {"url": repo.as_uri(), "dir_info": {"editable": True}})
    assert not editable.portable and editable.line == f"ugsite @ {repo.as_uri()}"
    assert editable.hint and f"git+https://github.com/org/ugsite.git@{commit}" in editable.hint


def test_the_new_sites_workflow_installs_checks_and_builds_it(git_source: tuple[Path, str], tmp_path: Path) -> None:
    """Run the generated workflow's steps on the new site: install from its requirements.txt, check, build."""
    repo, commit = git_source
    maker = _fresh_venv(tmp_path / "maker")
    _pip(maker, f"git+{repo.as_uri()}@{commit}")
    site = tmp_path / "site"
    assert _init(maker, site).returncode == 0
    runner = _fresh_venv(tmp_path / "runner")  # the CI machine: nothing of ugsite yet
    bin_dir = runner.parent
    (bin_dir / "pip").write_text(  # the runner's pip, offline: libraries come from the .pth, ugsite from git
        f'#!/bin/sh\nexec "{sys.executable}" -m pip --python "{bin_dir / "python"}" "$@" -q --no-index '
        "--no-build-isolation --ignore-installed --no-deps\n", encoding="utf-8")
    (bin_dir / "pip").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin", "GITHUB_REPOSITORY": "org/wheel-group"}
    steps = steps_by_name(load_workflow(site / ".github/workflows/pages.yml"), "build")
    values = {"steps.pages.outputs.base_url": "", "github.repository_owner": "org"}
    result, _ = run_step(steps["Install ugsite"], site, values, env)
    assert result.returncode == 0, result.stderr
    assert (bin_dir / "ugsite").is_file()
    result, outputs = run_step(steps["Work out the address"], site, values, env)
    assert outputs == {"base_url": "https://org.github.io/wheel-group/"}, result.stderr
    values["steps.address.outputs.base_url"] = outputs["base_url"]
    for name in ("Check", "Build"):
        result, _ = run_step(steps[name], site, values, env)
        assert result.returncode == 0, (name, result.stdout, result.stderr)
    home = (site / "public/index.html").read_text(encoding="utf-8")
    assert 'href="/wheel-group/css/site.css"' in home and "Welcome to Wheel Group" in home
    assert run_cli("--version").stdout.strip() == f"ugsite {__version__}"
