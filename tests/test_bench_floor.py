"""The benchmark's floor builds a small corpus: every post, list, feed and calendar is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.corpus import write_corpus
from conftest import REPO


def test_floor_builds_a_small_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path / "site", 30)
    out = tmp_path / "floor"
    result = subprocess.run([sys.executable, "-m", "bench.floor", str(tmp_path / "site"), "-o", str(out)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    drafts = sum("draft: true" in p.read_text(encoding="utf-8") for p in (tmp_path / "site/posts").glob("*.md"))
    assert len(list(out.glob("posts/post-*/index.html"))) == 30 - drafts
    assert (out / "posts/page/2/index.html").is_file() and (out / "tags/index.html").is_file()
    assert b"<entry>" in (out / "atom.xml").read_bytes()
    assert b"BEGIN:VEVENT" in (out / "events/event-00000/event.ics").read_bytes()
    assert f"floor: {sum(1 for f in out.rglob('*') if f.is_file())} files" in result.stdout
