"""The README's test command on a machine it cannot install on: it names what is missing, and stops."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_without_apt_the_test_command_names_what_it_needs(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # a machine with a shell and Python, but no Java and no apt-get
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(Path(sys.executable).resolve())
    for tool in ("bash", "dirname", "id", "grep", "npm", "node"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    result = subprocess.run(["bash", str(REPO / "tests/run"), "--version"], env={**os.environ, "PATH": str(bin_dir)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == ("tests/run: these are missing and this machine has no apt-get to install them: "
                        "default-jre-headless")
    assert "a Java runtime" in lines[1] and "Chromium" in lines[2]
