"""The package type-checks under `mypy --strict` (configured in pyproject.toml)."""

import subprocess
import sys

from conftest import REPO


def test_package_is_strictly_typed() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
