"""The README's set-up stays true: CI runs its test command, and its build command works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def setup_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Set-up\n.*?```sh\n(.*?)```", readme, re.S)
    assert block, "the README has a Set-up section with a sh block"
    return block.group(1).strip().splitlines()


def test_setup_is_two_commands_and_ci_runs_the_test_command() -> None:
    build_command, test_command = setup_commands()
    assert "ugsite build example-content" in build_command
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert test_command in ci


def test_readme_build_command_builds_the_example(tmp_path: Path) -> None:
    build_command = setup_commands()[0].split("&&")[1].split()
    assert build_command[:3] == ["python3", "-m", "ugsite"]
    out = tmp_path / "public"
    result = subprocess.run([sys.executable, *build_command[1:], "-o", str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert 'href="/css/site.css"' in (out / "index.html").read_text(encoding="utf-8")
