"""Run the benchmarks: `python -m bench [--posts 1000 10000] [--no-pelican]`.

For each corpus size it prints, for ugsite: a clean build (no cache), a rebuild with nothing
changed, a rebuild after editing one post (the fastest of three, each after an edit of
another post; the last checked byte-identical to a clean build of the edited site) and after
editing one template; wall and CPU seconds, peak memory and the number of files. Beside the clean build, the floor (bench/floor.py: the same corpus built
with only the work no generator can skip, on as many worker processes) and the ratio of the
clean build's wall time to it, each the fastest of three runs taken in turns. Then the same corpus built by Pelican, installed into its own
virtual environment under bench/.pelican/, and the ratio of the two clean builds. Last, the
time to draw one link preview card (the corpus draws none, like the floor).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import edit_post, write_corpus

HERE = Path(__file__).resolve().parent
PELICAN_VENV = HERE / ".pelican"
PELICAN = "pelican[markdown]==4.11.0"
NOW = "2026-11-01T00:00:00Z"
FLOOR_TARGET = 1.25  # issue #15: a clean build within 25% of the bare pipeline's time
SAMPLES = 3  # clean builds, floors and one-post rebuilds, each the fastest of this many: a shared machine's noise only slows


# Every command runs from compiled bytecode, as an installed package does: written once, into a
# folder of the benchmark's own, even where the environment says not to write it
# (PYTHONDONTWRITEBYTECODE), which would make every run compile ugsite's modules again.
BYTECODE = Path(tempfile.gettempdir()) / "ugsite-bench-bytecode"
CHILD_ENVIRONMENT = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                     "PYTHONPYCACHEPREFIX": str(BYTECODE)}


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Run `command` in a child process; return wall seconds, CPU seconds and its peak RSS in MiB."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=CHILD_ENVIRONMENT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def settle(out: Path, limit: float = 120.0) -> None:
    """Wait until the output folders a build handed to a detached process for removal are gone.

    A build that replaces an output it cannot reuse removes the old one in the background
    (ugsite.output.write._discard): 15,000 files at 10,000 posts, seconds of one core. That
    is the earlier build's work; a step timed while it runs would count it too.
    """
    deadline = time.monotonic() + limit
    while any(out.parent.glob(f".{out.name}.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)


def count_files(folder: Path) -> int:
    return sum(1 for f in folder.rglob("*") if f.is_file())


def same_tree(one: Path, two: Path) -> bool:
    names = sorted(f.relative_to(one).as_posix() for f in one.rglob("*") if f.is_file())
    if names != sorted(f.relative_to(two).as_posix() for f in two.rglob("*") if f.is_file()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(one, two, names, shallow=False)
    return not mismatch and not errors


def pelican_python() -> Path | None:
    python = PELICAN_VENV / "bin" / "python"
    if not python.is_file():
        print(f"(installing {PELICAN} into {PELICAN_VENV.relative_to(Path.cwd()) if PELICAN_VENV.is_relative_to(Path.cwd()) else PELICAN_VENV})",
              flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PELICAN_VENV)], check=True)
        result = subprocess.run([str(python), "-m", "pip", "install", "-q", PELICAN], capture_output=True, text=True)
        if result.returncode != 0:
            print(f"(Pelican could not be installed: {result.stderr.strip()[-300:]})")
            return None
    return python


def row(posts: int, step: str, wall: float, cpu: float, rss: float, files: int | str, note: str = "") -> None:
    print(f"{posts:>7} {step:<22} {wall:>8.2f} {cpu:>8.2f} {rss:>9.0f} {files:>7} {note}", flush=True)


def run(posts: int, pelican: bool, tmp: Path) -> None:
    """Measure one corpus size in the folder `tmp`, which the caller removes when every size is done."""
    site, out, clean = tmp / "site", tmp / "public", tmp / "clean"
    write_corpus(site, posts)

    def build(output: Path) -> list[str]:
        return [sys.executable, "-m", "ugsite", "build", str(site), "-o", str(output), "--now", NOW]

    ugsite = build(out)
    cleans, floors = [], []
    # Taken in turns, so that both see the machine alike; each into a folder of its own, none
    # removed until the end: on a file system without a journal (ext4 as some virtual machines
    # mount it), a file made within a minute or so of many being deleted costs a scan past each
    # of them, which would time the deletions of the run before as much as the build.
    for n in range(SAMPLES):
        cleans.append(measure([*build(tmp / f"clean-{n}"), "--no-cache"]))
        floors.append(measure([sys.executable, "-m", "bench.floor", str(site), "-o", str(tmp / f"floor-{n}"),
                               "--now", NOW], cwd=HERE.parent))
    (clean_wall, cpu, rss), (floor_wall, floor_cpu, floor_rss) = min(cleans), min(floors)
    row(posts, "ugsite clean build", clean_wall, cpu, rss, count_files(tmp / "clean-0"), f"(no cache; best of {SAMPLES})")
    row(posts, "floor (bare pipeline)", floor_wall, floor_cpu, floor_rss, count_files(tmp / "floor-0"),
        f"clean/floor = {clean_wall / floor_wall:.2f} (target <= {FLOOR_TARGET}; best of {SAMPLES})")
    measure(ugsite)  # fill the cache
    settle(out)
    wall, cpu, rss = measure(ugsite)
    row(posts, "ugsite no-op rebuild", wall, cpu, rss, count_files(out))
    edits = []
    for n in range(SAMPLES):  # a post after another, each rebuild measured: the best of them
        edit_post(site, posts // 2 + n)
        settle(out)
        edits.append(measure(ugsite))
    wall, cpu, rss = min(edits)
    measure([*build(clean), "--no-cache"])
    identical = "identical to a clean build" if same_tree(out, clean) else "DIFFERS from a clean build"
    row(posts, "ugsite one post edited", wall, cpu, rss, count_files(out),
        f"{identical}; best of {SAMPLES}: {', '.join(f'{e[0]:.2f}' for e in edits)} s")
    template = site / "templates" / "post.html"
    template.write_text(template.read_text(encoding="utf-8").replace("Thanks for reading", "Thank you for reading"),
                        encoding="utf-8")
    settle(out)
    wall, cpu, rss = measure(ugsite)
    row(posts, "ugsite template edited", wall, cpu, rss, count_files(out))
    if not pelican:
        return
    python = pelican_python()
    if python is None:
        return
    pelican_out = tmp / "pelican"
    wall, cpu, rss = measure([str(python), "-m", "pelican", str(site / "posts"), "-o", str(pelican_out),
                              "-s", str(site / "pelicanconf.py"), "-q"], cwd=site)
    row(posts, "pelican clean build", wall, cpu, rss, count_files(pelican_out),
        f"ugsite/pelican = {clean_wall / wall:.2f}")
    shutil.rmtree(pelican_out, ignore_errors=True)


def cards(count: int = 50) -> None:
    """Time drawing link preview cards (the benchmark corpus draws none, as the floor draws none)."""
    from datetime import datetime, timezone

    from ugsite.render.cards import Card, render_card

    day = datetime(2026, 11, 11, 18, 30, tzinfo=timezone.utc)
    made = [Card("Benchmark Group", f"Meetup {n}: a talk about structural pattern matching and its uses",
                 f"{day:%A %d %B %Y}, 18:30–21:00 CET", "Harbor Tech Hub, Harbor City") for n in range(count)]
    render_card(made[0])  # the fonts load once per process
    started = time.perf_counter()
    for card in made:
        render_card(card)
    each = (time.perf_counter() - started) / count
    print(f"link preview card: {each * 1000:.1f} ms each in one process (drawn once per event and post, then "
          f"reused from the cache)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-pelican", dest="pelican", action="store_false", help="skip the Pelican comparison")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB")
    print(f"{'posts':>7} {'step':<22} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'files':>7}")
    with tempfile.TemporaryDirectory(prefix="ugsite-bench-") as tmp:  # removed only at the end (see run)
        for posts in args.posts:
            (Path(tmp) / str(posts)).mkdir()
            run(posts, args.pelican, Path(tmp) / str(posts))
    cards()


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
