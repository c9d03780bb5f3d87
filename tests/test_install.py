"""A non-editable install (the wheel) carries the default theme and builds the example site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, REPO


def test_wheel_install_builds_the_example_site(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(REPO)],
        check=True, timeout=300,
    )
    (wheel,) = wheels.glob("ugsite-*.whl")
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, timeout=300,
    )
    assert (target / "ugsite/themes/default/templates/base.html").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import ugsite.theme as t; print(t.__file__, t.builtin_themes())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    module, themes = where.stdout.split()
    assert module.startswith(str(target)) and themes == str(target / "ugsite/themes")
    out = tmp_path / "public"
    result = subprocess.run([str(target / "bin/ugsite"), "build", str(EXAMPLE), "-o", str(out), "--now", "2026-11-01"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout
    assert (out / "css/site.css").is_file() and (out / "posts/our-first-meetup/index.html").is_file()
    result = subprocess.run([str(target / "bin/ugsite"), "init", str(tmp_path / "new"), "--name", "Wheel Group"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for name in (".github/workflows/pages.yml", ".gitignore", "ugsite.yaml", "data/series.yaml"):
        assert (tmp_path / "new" / name).is_file(), name
