"""Plan a Zola site's content/: which files are posts, pages or sections, their new files and old addresses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.content.frontmatter import Source
from ugsite.importers.fields import MADE_BY_UGSITE, Imported, read_document
from ugsite.importers.report import Note
from ugsite.content.slugs import slugify

DOCUMENTS = (".md",)  # every other file under content/ is an asset Zola publishes beside its page
# A date (RFC 3339) opening a file name, then `_` or `-` and the slug, as Zola's page.rs reads it.
DATED = re.compile(r"(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?)(?:\s?[_-](.+))?")


@dataclass(frozen=True)
class Rules:
    """How the old site named its pages: its other languages and its `[slugify]` settings."""

    languages: frozenset[str] = frozenset()
    paths: str = "on"
    keep_dates: bool = False


@dataclass(frozen=True)
class Document:
    """A content file of the Zola site, with what it becomes and where the old site served it."""

    path: str  # content/blog/x.md
    source: Source
    folders: tuple[str, ...]  # the folders of its section under content/ (a bundle's own folder left out)
    name: str  # the file name without .md and language; a bundle's folder name
    language: str | None  # a translation's language; None in the default one
    kind: str  # post, page, intro (content/_index.md), section, or own (a page ugsite makes itself)
    target: str  # the new file; "" when nothing is written
    old: str  # its address on the old site


def toml_table(value: Any) -> dict[str, Any]:
    """Return a TOML table's keys and values; anything else is an empty table."""
    return value if isinstance(value, dict) else {}


def site_languages(config: dict[str, Any]) -> tuple[str, ...]:
    """Return the site's languages, `default_language` first, then the others as the settings list them.

    Zola 0.17 and later give each other language a table (`[languages.fr]`); earlier ones a list
    (`languages = [{code = "fr"}]`).
    """
    listed = config.get("languages")
    codes = [str(entry.get("code")) for entry in listed if isinstance(entry, dict) and entry.get("code")] \
        if isinstance(listed, list) else list(map(str, toml_table(listed)))
    return tuple(dict.fromkeys([str(config.get("default_language") or "en"), *codes]))


def _rules(config: dict[str, Any]) -> Rules:
    """Read the settings that shape the old addresses: `[languages]` and `[slugify]`."""
    slugs = toml_table(config.get("slugify"))
    return Rules(frozenset(site_languages(config)[1:]), str(slugs.get("paths", "on")),
                 slugs.get("paths_keep_dates") is True)


def plan_content(source: Path, config: dict[str, Any], out: Imported) -> dict[str, Document]:
    """Return each content file with what it becomes; all are read first, as a page's section decides its kind."""
    found = _read_content(source, out)
    rules = _rules(config)
    sections = {path: parsed.meta for path, parsed in found.items() if PurePosixPath(path).name == "_index.md"}
    documents: dict[str, Document] = {}
    taken: set[str] = set()
    for path, parsed in found.items():
        folders, name, language = _place(path, rules)
        kind = _kind(parsed.meta, folders, name, language, sections)
        old = _old_address(parsed.meta, folders, name, language, kind, rules)
        documents[path] = Document(path, parsed, folders, name, language, kind,
                                   _target(kind, folders, name, language, taken), old)
    for path, doc in documents.items():
        if doc.kind == "section" and doc.folders and doc.source.body.strip() and not holds_posts(doc, documents):
            documents[path] = _section_page(doc, taken)
            out.notes.append(Note(path, "a section with text of its own and no posts: it became a page"))
    return documents


def _section_page(section: Document, taken: set[str]) -> Document:
    """Return a section that is a page in all but name (text, no posts) as the page at its address."""
    folders, name = section.folders[:-1], section.folders[-1]
    return replace(section, folders=folders, name=name, kind="page",
                   target=_target("page", folders, name, section.language, taken))


def _read_content(source: Path, out: Imported) -> dict[str, Source]:
    """Read every Markdown file under content/; what makes one unreadable goes to the report."""
    content = source / "content"
    found: dict[str, Source] = {}
    for file in sorted(content.rglob("*.md")) if content.is_dir() else []:
        path = file.relative_to(source).as_posix()
        if file.is_symlink():
            out.notes.append(Note(path, "a link to another file was left out", "skipped"))
        elif file.is_file() and (parsed := read_document(source, path, out)) is not None:
            found[path] = parsed
    return found


def _place(path: str, rules: Rules) -> tuple[tuple[str, ...], str, str | None]:
    """Return a content file's section folders, its name and its language (`post.fr.md` in another language)."""
    parts = PurePosixPath(path).parts[1:]
    stem = parts[-1].removesuffix(".md")
    base, _, code = stem.rpartition(".")
    language = code if base and code in rules.languages else None
    stem = base if language else stem
    if stem == "index" and len(parts) > 1:
        return tuple(parts[:-2]), parts[-2], language
    return tuple(parts[:-1]), stem, language


def _kind(meta: Mapping[str, Any], folders: tuple[str, ...], name: str, language: str | None,
          sections: Mapping[str, Mapping[str, Any]]) -> str:
    """A dated page in a section is a post, as is one in a section sorted by date (a blog); the rest are pages."""
    if name == "_index":
        return "intro" if not folders else "section"  # the home page's, in its language
    if DATED.fullmatch(name):
        return "post"
    if not folders and name.lower() in MADE_BY_UGSITE:
        return "own"
    blog = _sorted_by_date(folders, sections)
    if folders:
        return "post" if "date" in meta or blog else "page"
    return "post" if "date" in meta and blog else "page"


def _sorted_by_date(folders: tuple[str, ...], sections: Mapping[str, Mapping[str, Any]]) -> bool:
    """Say whether the section listing pages of `folders` sorts them by date, passing over transparent ones."""
    for depth in range(len(folders), -1, -1):
        meta = sections.get("/".join(["content", *folders[:depth], "_index.md"]))
        if meta is None or meta.get("transparent") is True:
            continue
        return meta.get("sort_by") in ("date", "update_date")
    return False


def _old_address(meta: Mapping[str, Any], folders: tuple[str, ...], name: str, language: str | None, kind: str,
                 rules: Rules) -> str:
    """Work out the address the old site served a file at, by Zola's rules (`path`, `slug`, the file name)."""
    own = meta.get("path")
    if kind not in ("intro", "section") and isinstance(own, str) and own.strip():
        address = own.strip() if own.strip().startswith("/") else "/" + own.strip()
        return address if address.endswith("/") else address + "/"
    parts = list(folders) if kind in ("intro", "section") else [*folders, _slug(meta, name, rules)]
    if language:
        parts.insert(0, language)
    return "/" + "".join(f"{part}/" for part in parts)


def _slug(meta: Mapping[str, Any], name: str, rules: Rules) -> str:
    """Return a page's slug as Zola made it: `slug`, else the file name without its date, per `slugify.paths`."""
    own = meta.get("slug")
    dated = DATED.fullmatch(name)
    if isinstance(own, str) and own.strip():
        text = own
    elif dated and dated.group(2) and not rules.keep_dates:
        text = dated.group(2)
    else:
        text = name
    if rules.paths == "off":
        return text
    if rules.paths == "safe":
        return re.sub(r'[<>:"/\\|?*]', "", text.rstrip(" ."))
    return slugify(text)


def name_slug(name: str) -> str:
    """Return the slug ugsite gives a file named `name`: the part after a date, slugified."""
    dated = DATED.fullmatch(name)
    return slugify(dated.group(2) if dated and dated.group(2) else name) or name


def _target(kind: str, folders: tuple[str, ...], name: str, language: str | None, taken: set[str]) -> str:
    """Return the new file: posts/[2024-03-01-]slug.md in the section's sub-folders, or pages/FOLDERS/slug.md."""
    if kind in ("section", "own"):
        return ""
    if kind == "intro":
        return f"pages/_index.{language}.md" if language else "pages/_index.md"
    dated = DATED.fullmatch(name)
    stem = f"{dated.group(1)[:10]}-{name_slug(name)}" if dated and dated.group(2) else name_slug(name)
    stem = f"{stem}.{language}" if language else stem
    base = ["posts", *folders[1:]] if kind == "post" else ["pages", *folders]
    target = "/".join([*base, stem]) + ".md"
    if target in taken:  # blog/x.md and news/x.md: both posts, told apart by their sections
        target = "/".join([*base, "-".join([*folders, stem])]) + ".md"
    taken.add(target)
    return target


def holds_posts(section: Document, documents: dict[str, Document]) -> bool:
    """Say whether any post comes from `section` or a section inside it."""
    depth = len(section.folders)
    return any(d.kind == "post" and d.folders[:depth] == section.folders for d in documents.values())
