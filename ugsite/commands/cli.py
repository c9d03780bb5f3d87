"""The `ugsite` command line: parse arguments, run a command, print problems, set the exit code."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ugsite import __version__
from ugsite.incremental import CACHE_DIR
from ugsite.parallel import WorkerStopped, worker_count
from ugsite.content.dates import FIRST_YEAR, LAST_YEAR, DateError, parse_now
from ugsite.importers import SOURCE_KINDS
from ugsite.problems import Problem, SourceChanged, sort_problems
from ugsite.problems import shown as printable  # noqa: I001 - a clearer name here

if TYPE_CHECKING:
    from ugsite.pipeline.build import BuildReport
    from ugsite.commands.talks import Outcome

EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70
SHOWN_HELD_BACK = 10  # held-back files named in the summary; the rest are counted


def main(argv: Sequence[str] | None = None, ending: bool = False) -> int:
    """Run the command line; return the exit status.

    `ending`: the process ends with the command (`python -m ugsite`), so a build leaves what
    it made to the system rather than to Python's cycle collector.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    args.ending = ending
    try:
        now = _now(args.now)
    except ValueError as exc:
        parser.error(str(exc))
    try:
        return int(args.run(args, now))
    except KeyboardInterrupt:
        return 130
    except SourceChanged as exc:
        print(f"ugsite: {exc}; nothing was written\n  hint: build again once the file is saved", file=sys.stderr)
        return EXIT_SITE_ERRORS
    except WorkerStopped as exc:  # the system's doing, not the site's or ugsite's
        print(f"ugsite: {exc}; nothing was written\n  hint: build again; with UGSITE_JOBS=1 the build runs in one "
              "process and needs less memory", file=sys.stderr)
        return EXIT_SITE_ERRORS
    except Exception as exc:  # noqa: BLE001 - a crash is ugsite's bug, and says so
        if args.debug:
            traceback.print_exc()
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
        print(f"ugsite {__version__}: internal error: {type(exc).__name__}: {exc}{at}\n"
              f"  hint: this is a bug in ugsite, not a mistake in your site; "
              + ("please report it with the traceback above" if args.debug else
                 "run the same command with --debug to see the traceback, and please report it"),
              file=sys.stderr)
        return EXIT_BUG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ugsite", description="Build websites for user groups.")
    parser.add_argument("--version", action="version", version=f"ugsite {__version__}")
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the traceback when ugsite itself fails")
    parser.add_argument("--debug", action="store_true", help="show the traceback when ugsite itself fails")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    cmd = commands.add_parser("build", parents=[debug], help="build the site into a folder of HTML, feeds and files")
    _site_options(cmd)
    cmd.add_argument("-o", "--output", type=Path, help="output folder (default: SITE/public)")
    cmd.add_argument("--force", action="store_true",
                     help="replace the output folder even if ugsite did not write it (its files are deleted)")
    cmd.add_argument("--search", action="store_true", default=None,
                     help="add a search page, indexed with Pagefind (pip install 'ugsite[search]')")
    cmd.add_argument("--verify-cache", action="store_true",
                     help="then build again without the cache and check that every file is the same")
    cmd.set_defaults(run=_build)
    cmd = commands.add_parser("check", parents=[debug], help="check the site (for pull requests) without writing anything")
    _site_options(cmd)
    cmd.add_argument("--format", choices=("text", "github", "json", "markdown"), default="text",
                     help="text (default), github (annotations for pull requests), json, or markdown (a checklist "
                          "for an issue, on standard output; nothing when all is well)")
    modes = cmd.add_mutually_exclusive_group()
    modes.add_argument("--links", action="store_true", help="also build to a temporary folder and check every link")
    modes.add_argument("--after-events", action="store_true",
                       help="instead, list the talks of the events of the last 60 days that lack slides or video")
    cmd.set_defaults(run=_check)
    cmd = commands.add_parser("serve", parents=[debug], help="preview the site on localhost; rebuild and reload on every change")
    cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    cmd.add_argument("--no-drafts", action="store_true", help="leave drafts out, as the published site does")
    cmd.add_argument("--now", help="the moment to build at (default: the clock, at every rebuild)")
    cmd.set_defaults(run=_serve)
    cmd = commands.add_parser("init", parents=[debug], help="start a new site in a folder")
    cmd.add_argument("folder", nargs="?", default=".", type=Path, help="where to create it (default: .)")
    cmd.add_argument("--name", default="Riverside Python", help='the group\'s name (default: "Riverside Python")')
    cmd.add_argument("--timezone", default="UTC", help="the group's IANA time zone, e.g. Europe/Berlin")
    cmd.add_argument("--base-url", default="https://example.org/",
                     help="where the site will live; the GitHub Pages workflow fills it in at build time")
    cmd.add_argument("--language", metavar="TAG",
                     help="the site's language (BCP 47: de, pt-BR; default: en); the sample posts, pages and "
                          "events are written in it where ugsite has a translation")
    again = cmd.add_mutually_exclusive_group()
    again.add_argument("--force", action="store_true", help="overwrite files that exist")
    again.add_argument("--upgrade", action="store_true",
                       help="in an existing site: add the files a newer ugsite writes (workflows, issue forms) that "
                            "are missing; never overwrite")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_init)
    cmd = commands.add_parser("import", parents=[debug], help="bring over a site made with another generator, or a calendar")
    cmd.add_argument("source", help="the other site's folder (Jekyll: the one with _config.yml) or export file, or "
                     "a calendar: an .ics file or address")
    cmd.add_argument("site", nargs="?", default=Path("."), type=Path,
                     help="the ugsite site to import into (default: .); made as init would when missing")
    cmd.add_argument("--from", dest="kind", choices=SOURCE_KINDS, help="the kind of source (default: recognised)")
    cmd.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    cmd.add_argument("--force", action="store_true", help="replace files of the same name in the site")
    cmd.add_argument("--map", action="append", metavar="FIELD=NAME,...",
                     help="event data: which of the source's fields holds each of ugsite's (start=when,title=topic)")
    cmd.add_argument("--events-from", action="append", metavar="FOLDER",
                     help="a site: the posts of this folder of the source are meetings or talks, imported as events "
                          "(default: each post whose layout or fields say so)")
    cmd.add_argument("--timezone", metavar="ZONE",
                     help="a new site's time zone (Europe/Berlin), where the source names none, as a UTC calendar")
    cmd.add_argument("--sync", action="store_true",
                     help="keep events/ in step with the calendar: update changed events, cancel vanished ones")
    days = cmd.add_mutually_exclusive_group()
    days.add_argument("--day-first", dest="day_first", action="store_const", const=True,
                      help="event data: read 03/04/2026 as 3 April (default: as the site's language writes dates)")
    days.add_argument("--month-first", dest="day_first", action="store_const", const=False,
                      help="event data: read 03/04/2026 as March 4")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_import)
    cmd = commands.add_parser("sync", parents=[debug], help="bring events/ in step with the feeds under sync: in "
                              "ugsite.yaml")
    cmd.add_argument("site", nargs="?", default=Path("."), type=Path, help="the site (default: .)")
    cmd.add_argument("--commit-message", type=Path, metavar="FILE",
                     help="write a commit message that says what changed to FILE (for the scheduled workflow)")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_sync)
    talk = commands.add_parser("talk", help="turn an accepted talk proposal into a talk file; schedule a talk").add_subparsers(
        title="what", required=True, metavar="from-issue|schedule")
    cmd = talk.add_parser("from-issue", parents=[debug], help="write talks/KEY.yaml and the speaker from a proposal's "
                          "GitHub issue (its JSON; works offline)")
    cmd.add_argument("issue", type=Path, help="the issue's JSON: gh issue view N --json number,title,body,author,labels,url"
                     " > issue.json, or a webhook's issue or event ($GITHUB_EVENT_PATH)")
    cmd.add_argument("site", nargs="?", default=Path("."), type=Path, help="the site (default: .)")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_talk_from_issue)
    cmd = talk.add_parser("schedule", parents=[debug], help="add a talk of talks/ to an event's talks:")
    cmd.add_argument("talk", help="the talk's key: the name of talks/KEY.yaml")
    cmd.add_argument("--event", required=True, help="the event: its file name (2026-12-09-python-and-pizza) or its day "
                     "(2026-12-09)")
    cmd.add_argument("--site", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_talk_schedule)
    new = commands.add_parser("new", help="add a post, an event or a job opening").add_subparsers(
        title="what", required=True, metavar="post|event|job")
    cmd = new.add_parser("post", parents=[debug], help="write posts/YYYY-MM-DD-title.md")
    cmd.add_argument("title")
    cmd.add_argument("--site", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_new_post)
    cmd = new.add_parser("event", parents=[debug], help="write events/YYYY-MM-DD-title.yaml")
    cmd.add_argument("title")
    cmd.add_argument("--start", required=True, help='when it starts, e.g. "2026-12-09 18:30"')
    cmd.add_argument("--series", help="a key of data/series.yaml: fill in that meeting of the series")
    cmd.add_argument("--site", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_new_event)
    cmd = new.add_parser("job", parents=[debug], help="write jobs/YYYY-MM-title-organization.md")
    cmd.add_argument("title")
    cmd.add_argument("--organization", required=True, help='who is hiring, e.g. "Acme"')
    cmd.add_argument("--site", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_new_job)
    cmd = commands.add_parser("translate", parents=[debug],
                              help="write locales/LANGUAGE.po: the theme's messages, to translate or correct")
    cmd.add_argument("language", help="a BCP 47 tag, e.g. cs, pt-BR")
    cmd.add_argument("--site", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--force", action="store_true", help="write it again from the theme's, replacing yours")
    cmd.add_argument("--now", help=argparse.SUPPRESS)
    cmd.set_defaults(run=_translate)
    return parser


def _site_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    cmd.add_argument("--drafts", action="store_true", help="include drafts")
    cmd.add_argument("--future", action="store_true", help="include posts dated after --now")
    cmd.add_argument("--base-url", help="override base_url, e.g. https://org.github.io/repo/")
    cmd.add_argument("--now", help="the build's moment, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    cmd.add_argument("--no-cache", dest="cache", action="store_false",
                     help="ignore and leave alone the build cache (.ugsite-cache/); the output is the same")


def _now(option: str | None) -> datetime:
    if option:
        value = parse_now(option)
        if isinstance(value, DateError):
            raise ValueError(f"argument --now: {value.message}; {value.hint}")
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit() or len(epoch) > 11:
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}")
        moment = datetime.fromtimestamp(int(epoch), timezone.utc)
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValueError(f"SOURCE_DATE_EPOCH is in the year {moment.year}; ugsite takes {FIRST_YEAR} to {LAST_YEAR}")
        return moment
    return datetime.now(timezone.utc).replace(microsecond=0)


def _build(args: argparse.Namespace, now: datetime) -> int:
    if args.ending:  # the collector, paused while the build runs, would otherwise go over all it made when it ends
        gc.disable()
    # A build that will compile the theme (no cache, or none yet) starts compiling it in a forked
    # process before the modules that build are loaded, a few tenths of a second on one core; one
    # that reuses the last build's templates does not load the template engine here at all.
    templates = None
    if not args.cache or not (args.site / CACHE_DIR).is_dir():
        from ugsite.render.compiled_ahead import TemplatesAhead

        templates = TemplatesAhead.start(args.site, args.base_url, worker_count())
    from ugsite.pipeline.build import BuildOptions, build

    options = BuildOptions(now=now, output=args.output, drafts=args.drafts, future=args.future,
                           base_url=args.base_url, strict=args.strict, search=args.search, cache=args.cache,
                           force=args.force, templates=templates)
    report = build(args.site, options)
    _print_problems(report)
    if report.failed:
        errors = sum(p.level == "error" for p in report.problems)
        warnings = len(report.problems) - errors
        why = f"{errors} error{'s' * (errors != 1)}"
        if args.strict and warnings:
            why += f" and {warnings} warning{'s' * (warnings != 1)} (--strict)"
        print(f"ugsite: build failed with {why}; nothing was written.", file=sys.stderr)
        return EXIT_SITE_ERRORS
    _print_held_back(report)
    print(f"ugsite: built {report.pages} pages, {report.feeds} feeds, {report.files} files "
          f"into {_shown(report.output)} in {report.seconds:.2f} s"
          + (f" ({report.reused} reused from the cache)" if report.reused else ""))
    if args.verify_cache and report.output is not None:
        from ugsite.commands.cache_check import cache_differences

        differ = cache_differences(args.site, options, report.output)
        if differ:
            print(f"ugsite: the build with the cache differs from a clean one in {len(differ)} files: "
                  f"{', '.join(differ[:10])}{' ...' if len(differ) > 10 else ''}\n  This is a bug in ugsite; please "
                  f"report it. Delete {_shown(args.site / CACHE_DIR)} and build again for correct files.",
                  file=sys.stderr)
            return EXIT_SITE_ERRORS
        print("ugsite: verified: a clean build gives the same bytes", file=sys.stderr)
    return EXIT_OK


def _check(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.check import check_site, format_github, format_json, format_markdown
    from ugsite.pipeline.build import BuildOptions

    options = BuildOptions(now=now, drafts=args.drafts, future=args.future, base_url=args.base_url, cache=args.cache)
    excused: list[str] = []
    problems = sort_problems(set(check_site(args.site, options, links=args.links, excused=excused,
                                            after_events=args.after_events)))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    prefix = _shown(args.site.resolve())
    prefix = "" if prefix in (".", "") else prefix.rstrip("/") + "/"
    if args.format == "github":
        if problems:
            print(format_github(problems, prefix))
    elif args.format == "markdown":
        print(format_markdown(problems, prefix, _files_url()), end="")
    elif args.format == "json":
        print(format_json(problems))
    else:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
    failed = errors > 0 or (args.strict and warnings > 0)
    if excused and args.format == "text":
        count = len(set(excused))
        print(f"ugsite: {count} broken link{'s' * (count != 1)} left out, as the pages list them under broken_links "
              "(they led nowhere on the old site either)", file=sys.stderr)
    if args.after_events and args.format == "text":
        print(_chase_summary([p for p in problems if p.level == "warning"]), file=sys.stderr)
    if args.format != "json":
        verdict = "failed" if failed else "passed"
        print(f"ugsite: check {verdict}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
              file=sys.stderr)
    return EXIT_SITE_ERRORS if failed else EXIT_OK


def _files_url() -> str | None:
    """Return where GitHub shows the files of the branch being checked, inside a GitHub Actions run."""
    server, repository, ref = (os.environ.get(name, "").strip() for name in
                               ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_REF_NAME"))
    if not (server and repository and ref):
        return None
    return f"{server.rstrip('/')}/{quote(repository)}/blob/{quote(ref)}/"


def _chase_summary(chased: list[Problem]) -> str:
    """Say how many talks of how many recent events `check --after-events` found without slides or video."""
    if not chased:
        return "ugsite: every talk of the last 60 days has its slides and video"
    talks, events = len(chased), len({p.path for p in chased})
    return (f"ugsite: {talks} talk{'s' * (talks != 1)} of {events} event{'s' * (events != 1)} of the last 60 days "
            f"{'lacks' if talks == 1 else 'lack'} slides or video")


def _serve(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.serve import serve

    return serve(args.site, args.host, args.port, drafts=not args.no_drafts, now=now if args.now else None)


def _init(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.init import init_site, upgrade_site
    from ugsite.commands.requirement import this_requirement
    from ugsite.commands.sample_language import untranslated_note

    requirement = this_requirement()
    if args.upgrade and args.language is not None:
        print("ugsite: --language is for a new site; an existing site's language is `language:` in its ugsite.yaml",
              file=sys.stderr)
        return EXIT_USAGE
    if args.upgrade:
        written, problems = upgrade_site(args.folder, now, requirement)
        count = len(written)
        return _report_files(written, problems, f"ugsite: added {count} missing file{'s' * (count != 1)} to "
                             f"{_shown(args.folder)}; every other file is as it was")
    settings = None if args.language is None else {"language": args.language}
    written, problems = init_site(args.folder, args.name, args.timezone, args.base_url, now, requirement,
                                  force=args.force, settings=settings)
    status = _report_files(written, problems, f"ugsite: created a site for {args.name} in {_shown(args.folder)}; "
                           f"next: ugsite serve {_shown(args.folder)}, and its README.md says how to publish it")
    if status == EXIT_OK and args.language is not None and (note := untranslated_note(args.language)):
        print(f"ugsite: note: {printable(note)}", file=sys.stderr)
    if status == EXIT_OK and not requirement.portable:
        print(f"ugsite: note: this ugsite was installed from a folder on this computer, so requirements.txt says\n"
              f"  {requirement.line}\n"
              f"which GitHub Actions cannot install; before you push, change line 2 of "
              f"{_shown(args.folder / 'requirements.txt')}:\n  {requirement.hint}", file=sys.stderr)
    return status


def _import(args: argparse.Namespace, now: datetime) -> int:
    # The importers and their libraries load only for this command, not for every build.
    from ugsite.commands.import_site import REPORT, ImportOptions, import_site
    from ugsite.commands.requirement import this_requirement
    from ugsite.importers.event_records import NAMES as MAP_FIELDS
    from ugsite.importers.report import described

    mapping: dict[str, str] = {}
    for pair in ",".join(args.map or []).split(","):
        if pair.strip():
            field, _, name = pair.partition("=")
            if not name.strip() or field.strip() not in MAP_FIELDS:
                print(f"ugsite: --map takes FIELD=NAME pairs such as start=when,title=topic; FIELD is one of "
                      f"{', '.join(sorted(MAP_FIELDS))}", file=sys.stderr)
                return 2
            mapping[field.strip()] = name.strip()
    folders = tuple(f.strip().strip("/") for f in ",".join(args.events_from or []).split(",") if f.strip())
    if args.timezone and not _known_zone(args.timezone):
        print(f"ugsite: --timezone {args.timezone!r} is not a time zone; use an IANA name such as Europe/Berlin",
              file=sys.stderr)
        return 2
    options = ImportOptions(args.dry_run, args.force, args.day_first, mapping, args.sync, events_from=folders,
                            timezone=args.timezone)
    result = import_site(args.source, args.site, args.kind, now, this_requirement(), options)
    for note in sorted(result.notes, key=lambda n: (n.kind != "needs a person", n.file, n.line or 0)):
        if note.kind == "needs a person":
            print(note.format(), file=sys.stderr)
    todo = sum(n.kind == "needs a person" for n in result.notes)
    if result.status == 2:
        print("ugsite: nothing was imported", file=sys.stderr)
        return 2
    done = "would write" if args.dry_run else "wrote"
    print(f"ugsite: imported {described(result.kind)}: {done} {len(result.written)} files"
          + (f", {result.unchanged} already as they should be" if result.unchanged else "")
          + (f"; {todo} {'thing needs' if todo == 1 else 'things need'} a person (listed above" + ("" if args.dry_run or args.sync else
             f", and in {_shown(args.site / REPORT)}") + ")" if todo else ""), file=sys.stderr)
    if not args.dry_run:
        print(f"next: ugsite check {_shown(args.site)} --links", file=sys.stderr)
    return result.status


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _sync(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.import_site import ImportOptions, import_site
    from ugsite.commands.requirement import this_requirement
    from ugsite.site.config import load_config

    config, problems = load_config(args.site)
    if config is None:
        return _report_files([], problems, None)
    if not config.sync:
        print(f"ugsite: {_shown(args.site / 'ugsite.yaml')} lists no feeds under sync:, so there is nothing to do\n"
              "  hint: add sync: [{ics: https://www.meetup.com/YOUR-GROUP/events/ical/}]", file=sys.stderr)
        return 0
    status, changed = 0, []
    for feed in config.sync:
        result = import_site(feed.url, args.site, feed.kind, now, this_requirement(), ImportOptions(
            sync=True, tags=feed.tags))
        for note in result.notes:
            if note.kind == "needs a person":
                print(note.format(), file=sys.stderr)
        if result.status == 2:
            print(f"ugsite: {feed.url} was not synced; nothing of it changed", file=sys.stderr)
            status = 2
            continue
        files = [f for f in result.written if f.startswith(("events/", "data/"))]
        changed += files
        print(f"ugsite: synced {feed.url}: {len(files)} event and data files changed", file=sys.stderr)
    if args.commit_message:
        lines = [f"Sync events from {', '.join(sorted({f.url.split('://', 1)[-1].split('/', 1)[0] for f in config.sync}))}"
                 f": {len(changed)} {'file' if len(changed) == 1 else 'files'} changed", ""]
        args.commit_message.write_text("\n".join(lines + [f"- {f}" for f in sorted(set(changed))]) + "\n",
                                       encoding="utf-8")
    return status


def _talk_from_issue(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.talks import talk_from_issue

    return _report_outcome(talk_from_issue(args.issue, args.site))


def _talk_schedule(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.talks import schedule_talk

    return _report_outcome(schedule_talk(args.site, args.talk, args.event, now))


def _report_outcome(outcome: Outcome) -> int:
    for problem in outcome.problems:
        print(problem.format(), file=sys.stderr)
    if outcome.status:
        print("ugsite: nothing was written", file=sys.stderr)
        return outcome.status
    for file in outcome.written:
        print(_shown(file))
    if outcome.message:
        print(outcome.message, file=sys.stderr)
    return EXIT_OK


def _new_post(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.new_files import new_post

    file, problems = new_post(args.site, args.title, now)
    return _report_files([file] if file else [], problems, None)


def _new_event(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.new_files import new_event

    file, problems = new_event(args.site, args.title, args.start, args.series, now)
    return _report_files([file] if file else [], problems, None)


def _new_job(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.new_files import new_job

    file, problems = new_job(args.site, args.title, args.organization, now)
    return _report_files([file] if file else [], problems, None)


def _translate(args: argparse.Namespace, now: datetime) -> int:
    from ugsite.commands.translate import write_translation

    file, problems = write_translation(args.site, args.language, args.force)
    return _report_files([file] if file else [], problems,
                         "edit its msgstr lines; a build uses them before the theme's" if file else None)


def _report_files(files: list[Path], problems: list[Problem], done: str | None) -> int:
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        return EXIT_SITE_ERRORS
    for file in files:
        print(_shown(file))
    if done:
        print(done, file=sys.stderr)
    return EXIT_OK


def _print_problems(report: BuildReport) -> None:
    for problem in sort_problems(report.problems):
        print(problem.format(), file=sys.stderr)


def _print_held_back(report: BuildReport) -> None:
    for reason, flag in (("draft", "--drafts"), ("future", "--future")):
        held = [h.source for h in report.held_back if h.reason == reason]
        if held:
            plural = "s" if len(held) != 1 else ""
            what = f"draft{plural}" if reason == "draft" else f"post{plural} dated after now"
            shown = ", ".join(map(printable, held[:SHOWN_HELD_BACK]))
            more = f" and {len(held) - SHOWN_HELD_BACK} more" if len(held) > SHOWN_HELD_BACK else ""
            print(f"ugsite: left out {len(held)} {what} (use {flag} to include): {shown}{more}")


def _shown(path: Path | None) -> str:
    if path is None:
        return "?"
    path = path.resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
