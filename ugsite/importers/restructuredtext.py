"""Turn reStructuredText into Markdown with docutils: the common subset faithfully, the rest reported."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docutils import nodes
from docutils.core import publish_doctree
from docutils.utils import SystemMessage

from ugsite.importers.report import Note

_SETTINGS = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False, "raw_enabled": True,
             "syntax_highlight": "none", "doctitle_xform": True, "docinfo_xform": True, "input_encoding": "unicode"}
# Pelican's own names for docutils' code directive.
_CODE_DIRECTIVES = re.compile(r"^(\s*\.\.\s+)(?:code-block|sourcecode)::", re.M)
_ESCAPE = re.compile(r"([\\`*\[\]<|]|(?<!\w)_|_(?!\w)|^[#>]|^[-+](?= )|^\d+(?=\. ))", re.M)


@dataclass
class Restructured:
    """A reST file as Markdown: its title, its field list (lower-cased names), its body and what became of it."""

    title: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    html: bool = False  # raw HTML came over as it is
    notes: list[Note] = field(default_factory=list)


def convert_rst(text: str, path: str) -> Restructured:
    """Return `text` (reStructuredText) as Markdown, with notes on what had no Markdown form."""
    out = Restructured()
    try:
        tree = publish_doctree(_CODE_DIRECTIVES.sub(r"\1code::", text), source_path=path,
                               settings_overrides=_SETTINGS)
    except SystemMessage as exc:  # docutils gives up on badly broken markup
        out.notes.append(Note(path, f"docutils cannot read the reStructuredText ({exc}); it was left out",
                              "needs a person"))
        return out
    writer = _Writer(path, out)
    level = 2 if any(isinstance(child, nodes.title) for child in tree.children) else 1
    blocks = []
    for child in tree.children:
        if isinstance(child, nodes.title):
            out.title = child.astext().strip()
        elif isinstance(child, nodes.docinfo):
            _docinfo(child, out)
        else:
            blocks.append(writer.block(child, level))
    out.body = "\n\n".join(b for b in blocks if b.strip()).strip() + "\n"
    return out


def _docinfo(info: nodes.docinfo, out: Restructured) -> None:
    """Take the field list at the top (`:date:`, `:tags:`, ...), as Pelican does."""
    for item in info.children:
        if isinstance(item, nodes.field):
            name, body = item.children[0].astext().strip().lower(), item.children[1].astext().strip()
        elif isinstance(item, nodes.authors):
            name, body = "authors", ", ".join(a.astext().strip() for a in item.children)
        else:
            name, body = type(item).__name__, item.astext().strip()
        out.fields[name] = body
        if item.line:
            out.lines[name] = item.line


class _Writer:
    """Write docutils nodes as Markdown."""

    def __init__(self, path: str, out: Restructured) -> None:
        self.path = path
        self.out = out

    def note(self, node: nodes.Node, what: str, kind: str = "converted") -> None:
        line = getattr(node, "line", None) or (getattr(node.parent, "line", None) if node.parent else None)
        self.out.notes.append(Note(self.path, what, kind, line))  # type: ignore[arg-type]

    def block(self, node: nodes.Node, level: int) -> str:
        """Return one block-level node as Markdown."""
        if isinstance(node, nodes.section):
            return self.blocks(node.children, level + 1, level)
        if isinstance(node, nodes.title):
            return "#" * min(level, 6) + " " + self.inline(node)
        if isinstance(node, (nodes.paragraph, nodes.rubric)):
            return self.inline(node)
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            return self.items(node, level)
        if isinstance(node, nodes.literal_block):
            classes: list[str] = node.get("classes", [])
            language = next((c for c in classes if c not in ("code", "literal-block")), "")
            text = node.astext()
            fence = "~~~" if "```" in text else "```"
            return f"{fence}{language}\n{text}\n{fence}"
        if isinstance(node, nodes.block_quote):
            return _quoted(self.blocks(node.children, level))
        if isinstance(node, nodes.Admonition):
            title = type(node).__name__.capitalize() if not isinstance(node, nodes.admonition) else ""
            return _quoted((f"**{title}:** " if title else "") + self.blocks(node.children, level))
        if isinstance(node, (nodes.image, nodes.figure)):
            return self.image(node)
        if isinstance(node, nodes.raw) and "html" in node.get("format", "").split():
            self.out.html = True
            self.note(node, "raw HTML came over as it is")
            return node.astext()
        if isinstance(node, nodes.table) and (table := self.table(node)) is not None:
            return table
        if isinstance(node, nodes.transition):
            return "* * *"
        if isinstance(node, (nodes.target, nodes.comment, nodes.substitution_definition, nodes.system_message)):
            return ""
        self.note(node, f"the reStructuredText {type(node).__name__} has no Markdown form here; its text came over as "
                  "plain paragraphs: check it", "needs a person")
        return _escape(node.astext())

    def blocks(self, children: Sequence[nodes.Node], level: int, title_level: int | None = None) -> str:
        """Return block-level nodes as Markdown, blank lines between them."""
        parts = []
        for child in children:
            parts.append(self.block(child, title_level if isinstance(child, nodes.title) and title_level else level))
        return "\n\n".join(p for p in parts if p.strip())

    def items(self, node: nodes.Element, level: int) -> str:
        """Return a bullet or numbered list, each item's further lines indented under it."""
        ordered = isinstance(node, nodes.enumerated_list)
        start = int(node.get("start", 1)) if ordered else 1
        lines = []
        for number, item in enumerate(node.children, start):
            marker = f"{number}. " if ordered else "- "
            text = self.blocks(item.children, level)
            indent = " " * len(marker)
            lines.append(marker + text.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n"))
        tight = all(len(item.children) <= 1 for item in node.children)
        return ("\n" if tight else "\n\n").join(lines)

    def table(self, node: nodes.table) -> str | None:
        """Return a table without joined cells as a Markdown table, else None."""
        rows = list(node.findall(nodes.row))
        if not rows or any(e.get("morerows") or e.get("morecols") for e in node.findall(nodes.entry)):
            return None
        cells = [[" ".join(self.inline(p) for p in entry.findall(nodes.paragraph)) for entry in row.children]
                 for row in rows]
        if len({len(row) for row in cells}) != 1:
            return None
        head = cells[0] if any(isinstance(r.parent, nodes.thead) for r in rows) else [""] * len(cells[0])
        body = cells[1:] if head is cells[0] else cells
        lines = [head, ["---"] * len(head), *body]
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)

    def image(self, node: nodes.Element) -> str:
        """Return an image (with a figure's caption as its title) as Markdown."""
        image = node if isinstance(node, nodes.image) else next(iter(node.findall(nodes.image)), None)
        if image is None:
            return ""
        caption = next(iter(node.findall(nodes.caption)), None) if isinstance(node, nodes.figure) else None
        title = f' "{caption.astext().strip()}"' if caption is not None else ""
        markdown = f"![{image.get('alt', '')}]({image['uri']}{title})"
        target = image.parent if isinstance(image.parent, nodes.reference) else None
        return f"[{markdown}]({target['refuri']})" if target is not None and target.get("refuri") else markdown

    def inline(self, node: nodes.Element) -> str:
        """Return the inline content of `node` as Markdown."""
        return "".join(self.span(child) for child in node.children).strip()

    def span(self, node: nodes.Node) -> str:
        """Return one inline node as Markdown."""
        if isinstance(node, nodes.Text):
            return _escape(str(node).replace("\n", " "))
        if isinstance(node, (nodes.emphasis, nodes.title_reference)):
            return f"*{self.inline(node)}*"
        if isinstance(node, nodes.strong):
            return f"**{self.inline(node)}**"
        if isinstance(node, nodes.literal):
            text = node.astext()
            ticks = "``" if "`" in text else "`"
            return f"{ticks}{text}{ticks}"
        if isinstance(node, nodes.reference):
            url = node.get("refuri") or (f"#{node['refid']}" if node.get("refid") else "")
            return f"[{self.inline(node)}]({url})" if url else self.inline(node)
        if isinstance(node, nodes.image):
            return self.image(node)
        if isinstance(node, nodes.raw) and "html" in node.get("format", "").split():
            self.out.html = True
            return node.astext()
        if isinstance(node, (nodes.target, nodes.system_message)):
            return ""
        if isinstance(node, nodes.Element):
            self.note(node, f"the reStructuredText {type(node).__name__} has no Markdown form; its text came over",
                      "needs a person")
            return self.inline(node)
        return _escape(node.astext())


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.split("\n"))


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup but reST means as text."""
    return _ESCAPE.sub(r"\\\1", text)
