"""Read talk files (`talks/KEY.yaml`): accepted talks, which events schedule by naming their key in `talks:`."""

from __future__ import annotations

from pathlib import Path

from ugsite.content.containment import outside_links
from ugsite.content.frontmatter import read_text
from ugsite.content.slugs import slug_problem
from ugsite.content.source_files import find_files
from ugsite.content.yaml_source import LineDict, load_yaml
from ugsite.events.event_files import Directory, TalkFile, read_talk
from ugsite.problems import Problem, error

FOLDER = "talks"
TALK_SUFFIXES = (".yaml", ".yml")
EXAMPLE = 'title: "Pattern matching in practice"\nspeakers: [maya-okafor]\ndescription: |\n  What the talk is about.'


def read_talk_files(root: Path, directory: Directory) -> tuple[dict[str, TalkFile], list[Problem]]:
    """Check every file of `talks/`; return the talks by key (the file's name without `.yaml`)."""
    problems: list[Problem] = []
    talks: dict[str, TalkFile] = {}
    found_files = find_files(root, FOLDER, TALK_SUFFIXES)
    linked = outside_links(root, [f for f, _ in found_files])
    problems += linked
    leaked = {p.path for p in linked}
    for file, path in found_files:
        if path in leaked:
            continue
        key = path[len(FOLDER) + 1:].rsplit(".", 1)[0]
        if (trouble := slug_problem(key)) is not None:
            problems.append(error(path, f"a talk's key is its file name: {trouble}", None,
                                  "name the file like talks/pattern-matching.yaml (sub-folders are not keys)"))
            continue
        if key in talks:
            problems.append(error(path, f"talks/{key}.yaml and talks/{key}.yml both exist", None, "keep one of them"))
            continue
        talk = _read_talk_file(file, path, key, directory, problems)
        if talk is not None:
            talks[key] = talk
    return talks, problems


def _read_talk_file(file: Path, path: str, key: str, d: Directory, problems: list[Problem]) -> TalkFile | None:
    text, read = read_text(file, path)
    problems += read
    if text is None:
        return None
    meta, found = load_yaml(text, path)
    problems += found
    if found:
        return None
    if not isinstance(meta, LineDict):
        problems.append(error(path, "a talk file must be a list of 'key: value' fields", 1, f"e.g.\n{EXAMPLE}"))
        return None
    before = len(problems)
    talk = read_talk(meta, path, d, d.config.language, problems, key=key)
    if not talk.title:
        problems.append(error(path, "the talk has no title", meta.line_of("title"), "add title: ..."))
    if any(p.level == "error" for p in problems[before:]):
        return None
    return TalkFile(talk, own_language="language" in meta, line=meta.line_of("title"))
