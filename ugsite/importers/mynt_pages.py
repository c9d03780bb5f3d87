"""Convert the pages of a mynt site: its Jinja templates outside `_` folders (`about/index.html`), and their files.

mynt renders every `.html` file of the source that no `_` folder holds through Jinja, at the same path, and
copies every other file as it is. A page extends the theme's layout and writes its text in a block (`{% block
content %}`); that text, with mynt's `get_url` and `get_asset` worked out, is the ugsite page. A page whose
text still has Jinja logic (`{% for post in posts %}`) comes over with it, for a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ugsite.content.frontmatter import decode_text
from ugsite.importers.fields import Imported, document
from ugsite.importers.jinja_body import Jinja, convert_jinja
from ugsite.importers.report import Note

_BLOCK = re.compile(r"\{%-?\s*block\s+(\w+)\s*-?%\}(.*?)\{%-?\s*endblock(?:\s+\1)?\s*-?%\}", re.S)
_EXTENDS = re.compile(r"\{%-?\s*extends\s")
_TEXT_BLOCKS = ("content", "body", "main", "article", "page")
_NOT_TEXT = {"title", "head", "css", "js", "scripts", "style", "styles", "meta", "header", "footer", "nav"}
_PAGES = (".html", ".htm")
# What a page shows as code rather than runs: {% raw %} blocks, {{ "..." }} strings, <pre> blocks.
_SHOWN_CODE = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}|\{\{-?\s*(?:\"[^\"]*\"|'[^']*')\s*-?\}\}"
                         r"|<pre\b.*?</pre\s*>", re.S | re.I)
_LISTS = re.compile(r"\{%-?\s*for\s+[\w, ]+\s+in\s+(?:posts|archives|tags)\b")  # mynt's lists of posts


Functions = Callable[[str], dict[str, Callable[[str], str | None]]]  # a new file -> mynt's Jinja functions


def import_pages(source: Path, skipped: set[str], functions: Functions, out: Imported) -> set[str]:
    """Convert the pages and copy the files below `source` (not in `_` folders, not `skipped` names).

    At the top, only pages are taken (its other files are the site's settings and notes). Return the
    top-level names it took care of.
    """
    done: set[str] = set()
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source)
        if not file.is_file() or rel.parts[0] in skipped or any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        path = rel.as_posix()
        if file.suffix.lower() in _PAGES and _page(source, path, functions, out):
            done.add(rel.parts[0])
        elif file.suffix.lower() not in _PAGES and len(rel.parts) > 1:
            out.files[f"static/{path}"] = file.read_bytes()
            out.notes.append(Note(path, f"went to static/{path}, where mynt published it", "moved"))
            done.add(rel.parts[0])
    return done


def _page(source: Path, path: str, functions: Functions, out: Imported) -> bool:
    """Write the page of one template, if it is one (it extends a layout and has a block of text)."""
    text, _ = decode_text((source / path).read_bytes(), path)
    if text is None or not _EXTENDS.search(text):
        return False
    blocks = {m.group(1): (m.group(2), m.start(2)) for m in _BLOCK.finditer(text)}
    name = next((b for b in _TEXT_BLOCKS if b in blocks), None) or max(
        (b for b in blocks if b not in _NOT_TEXT), key=lambda b: len(blocks[b][0]), default=None)
    if name is None:
        return False
    html, start = blocks[name]
    if _LISTS.search(_SHOWN_CODE.sub("", html)):
        out.notes.append(Note(path, "a page that lists the site's posts (or its tags or archives); ugsite makes its "
                              "own lists", "skipped"))
        return True
    target, old = _place(path)
    jinja = Jinja(path, text.count("\n", 0, start) + 1, functions(target), "mynt")
    body = _unindented(convert_jinja(html, jinja))
    title = re.sub(r"\s+", " ", blocks["title"][0]).strip() if "title" in blocks else ""
    if not title or "{" in title:
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S | re.I)
        title = re.sub(r"<[^>]+>|\s+", " ", heading.group(1)).strip() if heading else PurePosixPath(target).stem
    out.files[target] = document({"title": title}, body)
    out.origins[target] = path
    out.old_addresses[target] = old
    out.html = True
    out.notes.extend(jinja.notes)
    out.notes.append(Note(path, f"a page: the text of its block {name} became {target}, at its old address {old}"))
    return True


def _place(path: str) -> tuple[str, str]:
    """Return the new file and the old address of a template: `docs/start/index.html` is /docs/start/."""
    parts = PurePosixPath(path)
    if parts.stem == "index":
        return f"pages/{parts.parent.as_posix()}.md", f"/{parts.parent.as_posix()}/"
    return f"pages/{parts.with_suffix('').as_posix()}.md", f"/{path}"


def _unindented(html: str) -> str:
    """Return the HTML without the indentation that Markdown would read as code (a <pre>'s lines kept)."""
    lines: list[str] = []
    inside = False  # in a <pre> that an earlier line opened
    for line in html.strip("\n").splitlines():
        lines.append(line if inside else line.strip())
        opened, closed = len(re.findall(r"<pre\b", line, re.I)), len(re.findall(r"</pre\s*>", line, re.I))
        inside = (inside or opened > closed) and not (closed > opened or inside and closed)
    return "\n".join(lines) + "\n"
