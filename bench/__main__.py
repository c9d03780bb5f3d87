"""Run the benchmarks: `python -m bench [--posts 1000 10000]` prints build figures."""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus


def measure(command: list[str]) -> tuple[float, float, float]:
    """Run `command` in a child process; return wall seconds, CPU seconds and peak RSS in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--posts", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'posts':>7} {'step':<12} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'files':>7}")
    for posts in args.posts:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            write_corpus(site, posts)
            out = Path(tmp) / "public"
            build = [sys.executable, "-m", "ugsite", "build", str(site), "-o", str(out), "--now", "2026-11-01"]
            wall, cpu, rss = measure(build)
            files = sum(1 for f in out.rglob("*") if f.is_file())
            print(f"{posts:>7} {'clean build':<12} {wall:>8.2f} {cpu:>8.2f} {rss:>9.0f} {files:>7}")


if __name__ == "__main__":
    main()
