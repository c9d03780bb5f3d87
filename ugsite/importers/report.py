"""What an import did with each source file and field, as values printed like Problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ugsite.problems import shown

Kind = Literal["converted", "moved", "needs a person", "skipped", "broken before"]


@dataclass(frozen=True)
class Note:
    """One thing the import did, or could not do, with a place in the source."""

    file: str
    what: str
    kind: Kind = "converted"
    line: int | None = None

    def format(self) -> str:
        """Return `file:line: kind: what`."""
        where = f"{shown(self.file)}:{self.line}" if self.line else shown(self.file)
        return f"{where}: {self.kind}: {shown(self.what)}"


class NotedText:
    """A converter of one file's template code, noting what it did at the line where it found it."""

    file: str
    first_line: int
    notes: list[Note]

    def note(self, text: str, at: int, what: str, kind: Kind = "converted") -> None:
        """Note `what` at the line of the offset `at` in `text` (the file's body, from `first_line`)."""
        self.notes.append(Note(self.file, what, kind, self.first_line + text.count("\n", 0, at)))


def needs_person(notes: Iterable[Note]) -> bool:
    """Say whether any note is something a person has to finish."""
    return any(n.kind == "needs a person" for n in notes)


def described(kind: str) -> str:
    """Return what a kind of source is called: `a jekyll site`, `a calendar`."""
    return {"ics": "a calendar", "meetup": "Meetup's events", "events": "event data"}.get(kind, f"a {kind} site")


def report_markdown(source: str, kind: str, notes: list[Note], files: int) -> str:
    """Return the report as Markdown, for `import-report.md`; the same import gives the same report."""
    lines = [f"# Import report: {described(kind)} from {source}", ""]
    todo = [n for n in notes if n.kind == "needs a person"]
    lines += [f"The import makes {files} files of content; {len(todo)} {'thing needs' if len(todo) == 1 else 'things need'} "
              "a person.", ""]
    for title, kinds in (("Needs a person", ("needs a person",)), ("Converted", ("converted", "moved")),
                         ("Left out", ("skipped",)), ("Broken on the old site too", ("broken before",))):
        chosen = sorted((n for n in notes if n.kind in kinds), key=lambda n: (n.file, n.line or 0, n.what))
        if chosen:
            lines += [f"## {title}", ""] + [f"- `{n.file}{f':{n.line}' if n.line else ''}`: {n.what}" for n in chosen]
            lines.append("")
    return "\n".join(lines)
