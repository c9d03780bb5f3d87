"""Write the README's reference of template variables from the context dataclasses.

A field is documented by the string literal right below it (an attribute docstring, as
Sphinx and editors read them). `python -m ugsite.render.template_reference README.md`
rewrites the README's part between the markers; without an argument it prints it.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import sys
import textwrap
import typing
from pathlib import Path

from ugsite.events.event_links import CalendarSubscription
from ugsite.events.month_grid import DayEntry, GridDay, MonthGrid, MonthLink
from ugsite.render import page_contexts
from ugsite.render.page_contexts import FrameContext, GivenTalk, NavLink, PageMeta, TemplateContext, TermGroup
from ugsite.render.pagination import Pagination
from ugsite.site.model import Site

START = "<!-- template-context:start -->"
END = "<!-- template-context:end -->"
COMMAND = "python -m ugsite.render.template_reference README.md"
# Values whose own fields the reference lists, under the first variable that holds them.
PARTS: tuple[type, ...] = (PageMeta, NavLink, TermGroup, GivenTalk, Pagination, CalendarSubscription, MonthGrid,
                           MonthLink, GridDay, DayEntry)
WIDTH = 100


def template_reference() -> str:
    """Return the Markdown between the README's markers: common variables, `site`, then each template's."""
    shown: set[type] = set()
    frame = _names(FrameContext)
    lines = [
        "<!-- Written from the context classes of ugsite/render/page_contexts.py and the Site class of",
        "     ugsite/site/model.py: change those, then run",
        f"     `{COMMAND}` -->",
        "",
        "Every HTML page receives these (`base.html`, the frame the pages extend, uses them):",
        "",
        *_variables(FrameContext, frame, shown, ""),
        "",
        "`site` has:",
        "",
        *_variables(Site, [f.name for f in dataclasses.fields(Site)], shown, ""),
        "",
        "And each template, these of its own:",
        "",
    ]
    for kind in context_classes():
        own = [name for name in _names(kind) if name not in frame]
        heading = f"`{kind.template}`, {_lower(_doc(kind))}"
        if issubclass(kind, FrameContext):
            lines += _item(heading + (":" if own else ": nothing more"), "")
        else:
            common = [name for name in _names(kind) if name in frame]
            lines += _item(f"{heading}: only {_listed(common)} of the above" + (", and:" if own else ""), "")
        lines += _variables(kind, own, shown, "  ")
    return "\n".join(lines) + "\n"


def context_classes() -> list[type[TemplateContext]]:
    """Return the context class of each kind of page, in the order ugsite/render/page_contexts.py defines them."""
    return [value for value in vars(page_contexts).values()
            if isinstance(value, type) and issubclass(value, TemplateContext) and "template" in vars(value)]


def update_readme(readme: Path) -> bool:
    """Rewrite the reference between the markers of `readme`; say whether it changed."""
    text = readme.read_text(encoding="utf-8")
    before, found, rest = text.partition(START + "\n")
    _, found_end, after = rest.partition(END)
    if not found or not found_end:
        raise SystemExit(f"{readme}: the markers {START} and {END} are missing")
    new = before + START + "\n" + template_reference() + END + after
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def readme_section(readme: Path) -> str | None:
    """Return the text between the markers of `readme`, or None without them."""
    text = readme.read_text(encoding="utf-8")
    if START + "\n" not in text or END not in text:
        return None
    return text.partition(START + "\n")[2].partition(END)[0]


def _variables(kind: type, names: list[str], shown: set[type], indent: str) -> list[str]:
    """Return a list item for each of the fields `names` of `kind`, with the fields of the PARTS they hold."""
    docs = attribute_docs(kind)
    hints = typing.get_type_hints(kind)
    lines = []
    for name in names:
        part = next((p for p in _types_in(hints[name]) if p in PARTS and p not in shown), None)
        lines += _item(f"`{name}`: {docs[name]}" + (":" if part else ""), indent)
        if part is not None:
            shown.add(part)
            lines += _variables(part, [f.name for f in dataclasses.fields(part)], shown, indent + "  ")
    return lines


def _item(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent + "- ", subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False)


def attribute_docs(kind: type) -> dict[str, str]:
    """Return the docstring of each field of a dataclass (and of the dataclasses it extends), by name."""
    docs: dict[str, str] = {}
    for klass in reversed(kind.__mro__):
        if not dataclasses.is_dataclass(klass):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
        for node, after in zip(body, body[1:]):
            if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[node.target.id] = " ".join(after.value.value.split())
    missing = [f.name for f in dataclasses.fields(kind) if f.name not in docs]
    if missing:
        raise ValueError(f"{kind.__qualname__}: document {', '.join(missing)} with a string below the field")
    return docs


def _names(kind: type[TemplateContext]) -> list[str]:
    return [f.name for f in dataclasses.fields(kind)]


def _types_in(hint: object) -> list[object]:
    """Return a type and every type it is made of (`tuple[NavLink, ...]` gives tuple and NavLink)."""
    origin = typing.get_origin(hint)
    found: list[object] = [hint if origin is None else origin]
    for arg in typing.get_args(hint):
        found += _types_in(arg)
    return found


def _doc(kind: type) -> str:
    return (kind.__doc__ or "").strip().rstrip(".")


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _listed(names: list[str]) -> str:
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def main(argv: list[str]) -> int:
    """Print the reference, or rewrite it in the README files named."""
    if not argv:
        sys.stdout.write(template_reference())
    for name in argv:
        print(f"{name}: {'updated' if update_readme(Path(name)) else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
