"""`ugsite talk from-issue` and `ugsite talk schedule`: accepted proposals into talks/, talks into events."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ugsite.content.dates import DateError, parse_datetime
from ugsite.events.series import occurrence_on
from ugsite.pipeline.load import load_site
from ugsite.content.frontmatter import decode_checked, read_text, split_front_matter
from ugsite.content.slugs import SlugStyle, slugify
from ugsite.content.yaml_scalars import plain
from ugsite.content.yaml_source import LineDict, load_yaml
from ugsite.events.event_files import EventFile, scan_events
from ugsite.events.talk_files import FOLDER as TALKS, TALK_SUFFIXES
from ugsite.importers.talk_proposal import Proposal, read_issue, speaker_text, talk_text
from ugsite.problems import Problem, error, has_errors
from ugsite.site import CONFIG_FILE
from ugsite.site.config import Config, load_config

SPEAKERS = "data/speakers.yaml"
SPEAKERS_HEADER = "# People who speak at the group's events. Events and talks refer to them by key.\n"


@dataclass
class Outcome:
    """What a talk command wrote, what it says, and whether it failed on the input (2) or the site (1)."""

    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    status: int = 0


def talk_from_issue(issue: Path, root: Path) -> Outcome:
    """Write `talks/KEY.yaml` for the proposal of `issue` (its JSON) and add its speaker to data/speakers.yaml."""
    config, problems = _site(root)
    if config is None:
        return Outcome(problems=problems, status=1)
    try:
        text = issue.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return Outcome(problems=[error(str(issue), f"cannot read it: {exc}")], status=2)
    proposal, problems = read_issue(text, issue.name)
    if proposal is None or has_errors(problems):
        return Outcome(problems=problems, status=2)
    known = _proposed_talk(root, proposal)
    if known:
        return Outcome(problems=problems, message=f"ugsite: the proposal {proposal.url} is {known} already; "
                       "nothing was written")
    raw, speakers = _speakers(root)
    if speakers is None:
        return Outcome(problems=problems + [error(SPEAKERS, f"{SPEAKERS} is not a mapping of keys to speakers", None,
                                                  "fix it (ugsite check shows where), then run this again")], status=1)
    key, new_entry = _speaker_key(proposal, speakers, config.slug_style)
    updated = _appended(raw, speaker_text(proposal, key)) if new_entry else None
    if updated is not None and not _adds_only(updated, speakers, key):
        return Outcome(problems=problems + [error(SPEAKERS, f"cannot add the speaker '{key}' at the end of {SPEAKERS} "
                                                  "without changing its other entries", None,
                                                  "write its entries as key: followed by indented fields")], status=1)
    talk_key = _free_key(root, slugify(proposal.title, config.slug_style)[:60].strip("-") or f"talk-{proposal.number or 1}")
    written = [_write_new(root / TALKS / f"{talk_key}.yaml", talk_text(proposal, talk_key, key))]
    if updated is not None:
        (root / "data").mkdir(exist_ok=True)
        (root / SPEAKERS).write_bytes(updated)
        written.append(root / SPEAKERS)
    return Outcome(written, problems, f"ugsite: wrote the talk '{talk_key}' by '{key}'"
                   + ("" if new_entry else " (a speaker the site has already)")
                   + f"; next: ugsite talk schedule {talk_key} --event YYYY-MM-DD, or name it in an event's talks:")


def _site(root: Path) -> tuple[Config | None, list[Problem]]:
    config, problems = load_config(root)
    if config is None and not (root / CONFIG_FILE).is_file():
        return None, [error(CONFIG_FILE, f"the folder '{root.resolve().name}' is not a site (it has no {CONFIG_FILE})",
                            None, "name the site: ugsite talk from-issue ISSUE.json SITE")]
    return config, problems


def _talk_files(root: Path) -> list[Path]:
    folder = root / TALKS
    return sorted(f for f in folder.iterdir() if f.suffix.lower() in TALK_SUFFIXES) if folder.is_dir() else []


def _proposed_talk(root: Path, proposal: Proposal) -> str:
    """Return the talk file that came from this proposal already ("" if none): labelling twice adds nothing."""
    if proposal.url is None:
        return ""
    for file in _talk_files(root):
        text, _ = read_text(file, file.name)
        meta, _ = load_yaml(text or "", file.name)
        extra = meta.get("extra") if isinstance(meta, dict) else None
        if isinstance(extra, dict) and extra.get("proposal") == proposal.url:
            return f"{TALKS}/{file.name}"
    return ""


def _speakers(root: Path) -> tuple[bytes, LineDict | None]:
    """Return data/speakers.yaml's bytes and its entries (None: not a mapping ugsite can add to)."""
    file = root / SPEAKERS
    if not file.is_file():
        return SPEAKERS_HEADER.encode(), LineDict()
    text, _ = read_text(file, SPEAKERS)
    value, problems = load_yaml(text or "", SPEAKERS)
    if text is None or problems:
        return b"", None
    if value is None:
        return file.read_bytes(), LineDict()
    return file.read_bytes(), value if isinstance(value, LineDict) else None


def _adds_only(updated: bytes, speakers: LineDict, key: str) -> bool:
    """Say whether the file now holds the entries it held, in order, and then `key`."""
    added, problems = load_yaml(decode_checked(updated), SPEAKERS)
    return not problems and isinstance(added, LineDict) and list(added) == [*speakers, key]


def _speaker_key(proposal: Proposal, speakers: LineDict, style: SlugStyle) -> tuple[str, bool]:
    """Return the key of the proposal's speaker, and whether it is new: the same name or GitHub login is the same person."""
    for key, entry in speakers.items():
        if not isinstance(entry, dict):
            continue
        extra = entry.get("extra")
        extra = extra if isinstance(extra, dict) else {}
        same_name = str(entry.get("name", "")).casefold() == proposal.name.casefold()
        same_login = bool(proposal.login) and str(extra.get("github", "")).casefold() == proposal.login.casefold()
        if same_name or same_login:
            return str(key), False
    base = slugify(proposal.name, style)[:40].strip("-") or slugify(proposal.login, style) or "speaker"
    key, number, taken = base, 2, {str(k) for k in speakers}
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key, True


def _free_key(root: Path, base: str) -> str:
    taken = {f.stem for f in _talk_files(root)}
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def _write_new(file: Path, text: str) -> Path:
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("x", encoding="utf-8") as out:
        out.write(text)
    return file


def _appended(raw: bytes, entry: str) -> bytes:
    """Return the file's bytes with `entry` added at the end, after a blank line, in the file's own line endings."""
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    if raw and not raw.endswith(b"\n"):
        raw += newline
    if raw.strip() and not raw.endswith(newline * 2):
        raw += newline
    return raw + entry.replace("\n", newline.decode()).encode("utf-8")


def schedule_talk(root: Path, key: str, event: str, now: datetime) -> Outcome:
    """Add the talk `key` of talks/ to the `talks:` of the event `event` (its file name, or the day it is on).

    A meeting of a series on that day that has no file yet gets one, holding only the talk.
    """
    config, problems = _site(root)
    if config is None:
        return Outcome(problems=problems, status=1)
    keys = {f.stem for f in _talk_files(root)}
    if key not in keys:
        return Outcome(problems=[error(f"{TALKS}/{key}.yaml", f"there is no talk '{key}'", None,
                                       f"known talks: {', '.join(sorted(keys)) or 'none'}")], status=1)
    files, _ = scan_events(root)
    chosen = _event_file(files, event, config)
    if isinstance(chosen, Problem):
        meeting = _meeting_file(root, config, event, key, now) if chosen.message.startswith("no event file starts") else None
        if meeting is not None:
            return Outcome([meeting], message=f"ugsite: scheduled the talk '{key}' at {meeting.parent.name}/{meeting.name}"
                           ", a new file for that meeting of the series")
        return Outcome(problems=[chosen], status=1)
    talks = chosen.meta.get("talks")
    if isinstance(talks, list) and key in talks:
        return Outcome(message=f"ugsite: {chosen.path} has the talk '{key}' already; nothing was written")
    file = root / chosen.path
    text, _ = read_text(file, chosen.path)
    edited = _with_talk(text or "", chosen.meta, plain(key))
    if edited is None or _talks_of(edited, chosen.path) != [*(talks or []), key]:
        return Outcome(problems=[error(chosen.path, "cannot add the talk to talks: here without rewriting the list",
                                       chosen.meta.line_of("talks"), f"add it by hand: talks:\n  - {key}")], status=1)
    raw = file.read_bytes()  # written back with the file's own byte-order mark and line endings
    newline = "\r\n" if b"\r\n" in raw else "\n"
    file.write_bytes(raw[:3] * raw.startswith(codecs.BOM_UTF8) + edited.replace("\n", newline).encode("utf-8"))
    return Outcome([file], message=f"ugsite: scheduled the talk '{key}' at {chosen.path}")


def _meeting_file(root: Path, config: Config, day: str, key: str, now: datetime) -> Path | None:
    """Write `events/SERIES-DAY.yaml` for the one meeting of a series on `day`, with the talk; None if there is none."""
    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        return None
    site, _ = load_site(config, now=now)
    starts = [(s.key, start) for s in (site.series if site else ()) if (start := occurrence_on(s, wanted))]
    if len(starts) != 1 or (root / "events" / f"{starts[0][0]}-{day}.yaml").exists():
        return None
    series, start = starts[0]
    return _write_new(root / "events" / f"{series}-{day}.yaml",
                      f"series: {series}\nstart: {start:%Y-%m-%d %H:%M}\ntalks:\n  - {plain(key)}\n")


def _event_file(files: list[EventFile], event: str, config: Config) -> EventFile | Problem:
    by_stem = [f for f in files if f.stem == event or f.path == event]
    if by_stem:
        return by_stem[0]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", event):
        return error("--event", f"no event file is named '{event}'", None,
                     "name the event by its file (2026-12-09-python-and-pizza) or by its day (2026-12-09)")
    try:
        date.fromisoformat(event)
    except ValueError:
        return error("--event", f"'{event}' is not a day of the calendar", None, "write the day as YYYY-MM-DD")
    on_day = []
    for file in files:
        start = file.meta.get("start")
        moment = parse_datetime(start, config.zone) if start is not None else None
        if moment is not None and not isinstance(moment, DateError) and moment.date().isoformat() == event:
            on_day.append(file)
    if len(on_day) == 1:
        return on_day[0]
    if not on_day:
        return error("--event", f"no event file starts on {event}, and no series meets then", None,
                     "write the event first: ugsite new event TITLE --start \"YYYY-MM-DD HH:MM\"")
    return error("--event", f"several events start on {event}: {', '.join(f.stem for f in on_day)}", None,
                 "name one by its file")


def _with_talk(text: str, meta: LineDict, key: str) -> str | None:
    """Return the event file with `- key` added to its `talks:` list, the other lines as they were."""
    lines = text.split("\n")
    end = _front_matter_end(lines)
    if end is None:
        return None
    if "talks" not in meta:
        lines[end:end] = ["talks:", f"  - {key}"]
        return _joined(lines)
    start = (meta.line_of("talks") or 0) - 1
    head, _, rest = lines[start].partition(":")
    if head.strip() != "talks":
        return None
    if rest.split("#", 1)[0].strip() == "[]":
        lines[start] = "talks:"
        lines.insert(start + 1, f"  - {key}")
        return _joined(lines)
    last, indent = start, None
    for i in range(start + 1, end):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] not in " -":
            break
        if line.lstrip().startswith("- ") and indent is None:
            indent = len(line) - len(line.lstrip())
        last = i
    if indent is None and rest.split("#", 1)[0].strip():
        return None
    lines.insert(last + 1, " " * (indent if indent is not None else 2) + f"- {key}")
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    text = "\n".join(lines)
    return text if text.endswith("\n") else text + "\n"


def _front_matter_end(lines: list[str]) -> int | None:
    """Return the index where fields may be added: the YAML file's end, or a Markdown file's closing `---`."""
    if lines and lines[0].strip() == "---":
        return next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if lines and lines[0].strip() in ("+++", "{"):
        return None  # TOML or JSON front matter: not ours to edit
    while lines and lines[-1] == "":
        lines.pop()
    return len(lines)


def _talks_of(text: str, path: str) -> list[object] | None:
    if path.endswith((".md", ".markdown")):
        source, problems = split_front_matter(text, path)
        meta = source.meta if source is not None and not problems else None
    else:
        meta, problems = load_yaml(text, path)
        meta = meta if not problems else None
    talks = meta.get("talks") if isinstance(meta, dict) else None
    return talks if isinstance(talks, list) else None
