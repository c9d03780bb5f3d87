"""The benchmark that times two codes in turns builds both on a small corpus and compares their outputs."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_two_codes_timed_in_turns_on_a_small_corpus() -> None:
    result = subprocess.run([sys.executable, "-m", "bench.turns", "HEAD", "--posts", "30", "--edits", "2"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    timed = [line.split() for line in lines[1:] if line.split()[0].isdigit()]
    assert [row[1] for row in timed] == ["HEAD", "this", "this", "HEAD"]  # the two take turns at going first
    assert all(float(row[-3]) > 0 for row in timed)  # wall seconds
    assert sum(line.startswith("median") for line in lines) == 2 and lines[-2].startswith("paired  difference")
    # This checkout's code is HEAD's unless it has uncommitted changes: then the outputs may differ.
    unchanged = subprocess.run(["git", "-C", str(REPO), "diff", "--quiet", "HEAD", "--", "ugsite", "themes"]).returncode == 0
    if unchanged:
        assert lines[-1] == "the two codes' last outputs are the same bytes"
    else:
        assert lines[-1].startswith("the two codes' last outputs are")
