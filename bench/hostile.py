"""Time and memory of builds fed adversarial input: `python -m bench.hostile`.

Each shape is built at growing sizes; the figures should grow about linearly with the size
of the input, whatever the input says (an input that is refused should be refused at once).
Shapes: YAML alias bombs in a data file, an event file and front matter; posts with many tags;
many posts sharing many tags; a series rule that never matches, with meetings filled in;
front matter nested deeply.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.__main__ import NOW

CONFIG = "title: Bench\nbase_url: https://org.github.io/bench/\ntimezone: Europe/Berlin\n"
Shape = Callable[[int], dict[str, str]]


def _bomb(levels: int, indent: str = "") -> str:
    lines = [f"{indent}a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(levels):
        name, previous = chr(98 + level), chr(97 + level)
        lines.append(f"{indent}{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


SHAPES: dict[str, tuple[Shape, list[int]]] = {
    "alias bomb in data/ (levels)": (lambda n: {"data/bomb.yaml": _bomb(n)}, [4, 6, 9]),
    "alias bomb in an event (levels)": (lambda n: {"events/e.yaml": "title: E\nstart: 2026-12-01 18:00\n"
                                                   "online: https://meet.example/\nextra:\n" + _bomb(n, "  ")},
                                        [4, 6, 9]),
    "alias bomb in front matter (levels)": (lambda n: {"posts/2026-01-01-p.md": "---\n" + _bomb(n) + "---\nText\n"},
                                            [4, 6, 9]),
    "tags on one post": (lambda n: {"posts/2026-01-01-p.md": "---\ntags: [" + ", ".join(f"t{i}" for i in range(n))
                                    + "]\n---\nText\n"}, [10, 50, 1000, 3000]),
    "posts with 50 shared tags (posts)": (lambda n: {f"posts/2026-01-{1 + i % 28:02d}-p{i}.md": "---\ntags: ["
                                                     + ", ".join(f"t{j}" for j in range(50)) + "]\n---\nText\n"
                                                     for i in range(n)}, [10, 100, 400]),
    "never-matching daily rule (filled-in meetings)": (
        lambda n: {"data/series.yaml": "m:\n  title: M\n  rrule: FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\n"
                                       "  start: 2026-01-14 18:30\n  online: https://meet.example/\n",
                   **{f"events/m{i}.yaml": f"series: m\nstart: 2026-03-{1 + i % 28:02d} 18:30\n" for i in range(n)}},
        [1, 10, 100]),
    "nested JSON front matter (depth)": (lambda n: {"posts/2026-01-01-p.md": "{" + '"a": {' * n + "}" * (n + 1)
                                                    + "\nText\n"}, [10, 1000, 100000]),
}


def run_shape(name: str, shape: Shape, sizes: list[int], scratch: Path) -> None:
    """Build `shape` at each size and print a table row: outcome, wall and CPU seconds, peak memory."""
    for size in sizes:
        site = scratch / f"site-{size}"
        shutil.rmtree(site, ignore_errors=True)
        for path, text in {"ugsite.yaml": CONFIG, **shape(size)}.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(text, encoding="utf-8")
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "ugsite", "build", str(site), "--now", NOW, "--no-cache"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        outcome = {0: "built", 1: "refused"}.get(os.waitstatus_to_exitcode(status), "CRASHED")
        print(f"| {name} | {size:,} | {outcome} | {wall:.2f} | {usage.ru_utime + usage.ru_stime:.2f} "
              f"| {usage.ru_maxrss / 1024:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the shapes whose name contains this text")
    args = parser.parse_args()
    print("| shape | size | outcome | wall s | CPU s | peak MiB |\n|---|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="ugsite-hostile-") as scratch:
        for name, (shape, sizes) in SHAPES.items():
            if args.only and args.only not in name:
                continue
            run_shape(name, shape, sizes, Path(scratch))


if __name__ == "__main__":
    main()
