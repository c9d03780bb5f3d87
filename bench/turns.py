"""Time one-post rebuilds with this checkout's ugsite and another commit's, in turns: `python -m bench.turns REV`.

On a shared machine the same rebuild takes from 2 to 4 s from one hour to the next, so two
benchmark runs an hour apart cannot tell a change of a few percent. Here both codes build
their own copy of the same corpus, warmed alike (a build that fills the cache, one that leaves
the spare, one edit), and then, post after post, each rebuilds after the same edit, the two
taking turns at going first. It prints each pair, the medians of wall and CPU seconds, the
median of the pairs' differences (the two rebuilds of a post run side by side, so the machine's
drift over the run mostly cancels), and whether the two codes' last outputs are the same bytes.

    python -m bench.turns 1af5667 --posts 10000 --edits 8
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench.__main__ import HERE, NOW, measure, same_tree, settle
from bench.corpus import edit_post, write_corpus

REPOSITORY = HERE.parent


def export(revision: str, folder: Path) -> None:
    """Write the files of `revision` of this repository into `folder` (no worktree: the repository is left as it is)."""
    archive = subprocess.run(["git", "-C", str(REPOSITORY), "archive", "--format=tar", revision],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"git archive {revision} failed: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.turns", description=__doc__.split("\n")[0])
    parser.add_argument("revision", help="the commit to time against, e.g. HEAD~3 or a tag")
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=8, help="one-post rebuilds timed with each code")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ugsite-turns-") as tmp:
        base = Path(tmp)
        export(args.revision, base / "code")
        codes = {args.revision: base / "code", "this checkout": REPOSITORY}
        sites, outs = {}, {}
        for number, (name, code) in enumerate(codes.items()):
            sites[name], outs[name] = base / f"site-{number}", base / f"public-{number}"
            write_corpus(sites[name], args.posts)

        def build(name: str) -> tuple[float, float, float]:
            settle(outs[name])
            code = codes[name]
            return measure([sys.executable, "-m", "ugsite", "build", str(sites[name]), "-o", str(outs[name]),
                            "--now", NOW], cwd=code)

        first = args.posts // 3  # posts edited in turn from here on, away from those the benchmark edits
        for name in codes:
            build(name)  # fills the cache
            build(name)  # keeps the first output as the spare
            edit_post(sites[name], first)
            build(name)  # the first edits after filling the cache still wait on the disk
        print(f"{'post':>7} {'code':<16} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
        times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in codes}
        for turn in range(args.edits):
            order = list(codes) if turn % 2 == 0 else list(codes)[::-1]
            for name in order:
                edit_post(sites[name], first + 1 + turn)
                times[name].append(build(name))
                wall, cpu, rss = times[name][-1]
                print(f"{first + 1 + turn:>7} {name:<16} {wall:>8.2f} {cpu:>8.2f} {rss:>9.0f}", flush=True)
        for name in codes:
            walls, cpus = [t[0] for t in times[name]], [t[1] for t in times[name]]
            print(f"median  {name:<16} {statistics.median(walls):>8.2f} {statistics.median(cpus):>8.2f}")
        older, newer = list(codes)
        # The two rebuilds of one post ran side by side, so their difference is freer of the machine's drift.
        pairs = list(zip(times[older], times[newer]))
        wall = statistics.median(new[0] - old[0] for old, new in pairs)
        cpu = statistics.median(new[1] - old[1] for old, new in pairs)
        print(f"paired  {'difference':<16} {wall:>+8.2f} {cpu:>+8.2f}   (median of {newer} - {older}, post by post)")
        same = same_tree(outs[older], outs[newer])
        print(f"the two codes' last outputs are {'the same bytes' if same else 'NOT the same bytes'}")


if __name__ == "__main__":
    main()
