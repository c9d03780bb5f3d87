"""Turn Markdown into readable plain text, for calendar descriptions (ICS TEXT has no markup)."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token


def tokens_to_text(tokens: Sequence[Token]) -> str:
    """Return the plain text of parsed Markdown: paragraphs apart, lists as `- `, links with URLs."""
    blocks: list[str] = []
    lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
    prefix = ""
    row: list[str] = []
    in_table = False
    for token in tokens:
        kind = token.type
        if kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([int(token.attrGet("start") or 1)] if kind == "ordered_list_open" else [])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            indent = "  " * (len(lists) - 1)
            if lists and lists[-1]:
                prefix = f"{indent}{lists[-1][0]}. "
                lists[-1][0] += 1
            else:
                prefix = f"{indent}- "
        elif kind == "inline" and in_table:
            row.append(_inline_text(token.children or []))
        elif kind == "inline":
            content = _inline_text(token.children or [])
            blocks.append(prefix + content if prefix else content)
            prefix = ""
        elif kind == "tr_close":
            blocks.append(" | ".join(row))
            row = []
        elif kind in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
        elif kind == "hr":
            blocks.append("---")
    return _join(blocks)


def _inline_text(tokens: Sequence[Token]) -> str:
    out: list[str] = []
    href: str | None = None
    start = 0
    for token in tokens:
        if token.type in ("text", "code_inline", "html_inline"):
            out.append(token.content)
        elif token.type == "softbreak":
            out.append(" ")
        elif token.type == "hardbreak":
            out.append("\n")
        elif token.type == "image":
            out.append(token.content or "")
        elif token.type == "link_open":
            href, start = str(token.attrGet("href") or ""), len(out)
        elif token.type == "link_close" and href:
            label = "".join(out[start:])
            if href != label and not href.startswith("#"):
                out.append(f" ({href})")
            href = None
        elif token.children:
            out.append(_inline_text(token.children))
    return "".join(out).strip()


def _join(blocks: list[str]) -> str:
    text: list[str] = []
    for block in blocks:
        is_item = block.lstrip().startswith("- ") or block.lstrip()[:3].rstrip(". ").isdigit()
        if text and not (is_item and _is_item(text[-1])):
            text.append("")
        text.append(block)
    return "\n".join(text).strip()


def _is_item(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("- ") or (stripped.split(". ", 1)[0].isdigit() and ". " in stripped)
