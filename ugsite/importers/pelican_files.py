"""Sort the files of a Pelican site into articles, pages, static files and the rest, by its settings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ugsite.importers.fields import Imported
from ugsite.importers.report import Note

CONTENT_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst")
_HTML_SUFFIXES = (".html", ".htm")
_BUILD = {"output": "the old site as Pelican built it", "__pycache__": "Python's cache",
          "plugins": "Pelican plugins", "pelican-plugins": "Pelican plugins", "themes": "the old theme",
          "theme": "the old theme", "Makefile": "the old build's commands", "tasks.py": "the old build's commands",
          "fabfile.py": "the old build's commands", "develop_server.sh": "the old build's commands",
          "requirements.txt": "the old build's Python packages"}


@dataclass
class PelicanFiles:
    """The site's content files (site-relative) by kind, and where each static file goes."""

    content: str
    documents: dict[str, str] = field(default_factory=dict)  # path -> "article" or "page"
    statics: dict[str, str] = field(default_factory=dict)  # path -> static/... file of the new site


def find_pelican_files(source: Path, conf: dict[str, Any], out: Imported) -> PelicanFiles:
    """Return every file of Pelican's content folder (PATH) sorted by what Pelican makes of it."""
    content = _content_folder(source, conf, out)
    conf["PATH"] = content
    files = PelicanFiles(content)
    root = source / content
    if not root.is_dir():
        out.notes.append(Note(content, "there is no content folder: nothing to import", "needs a person"))
        return files
    static_counts: Counter[str] = Counter()
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not file.is_file():
            continue
        _sort(rel.as_posix(), file, conf, files, static_counts, out)
    for folder, count in sorted(static_counts.items()):
        out.notes.append(Note(f"{content}/{folder}", f"{count} images and other files went to static/{folder}",
                              "moved"))
    return files


def _content_folder(source: Path, conf: dict[str, Any], out: Imported) -> str:
    path = str(conf.get("PATH") or "content").strip()
    relative = PurePosixPath(path.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        out.notes.append(Note("pelicanconf.py", f"PATH {path!r} is outside the site; content/ was read instead",
                              "needs a person"))
        return "content"
    return relative.as_posix().strip("/") or "."


def _under(rel: str, folders: Any) -> bool:
    """Say whether `rel` is in one of Pelican's folder settings (a list of paths under PATH)."""
    names = [folders] if isinstance(folders, str) else list(folders) if isinstance(folders, (list, tuple)) else []
    return any(str(f).strip("/") in ("", rel) or rel.startswith(str(f).strip("/") + "/") for f in names)


def _sort(rel: str, file: Path, conf: dict[str, Any], files: PelicanFiles, static_counts: Counter[str],
          out: Imported) -> None:
    """File one content file as a page, an article, a static file or nothing, as Pelican's generators do."""
    path = f"{files.content}/{rel}" if files.content != "." else rel
    if file.suffix.lower() in CONTENT_SUFFIXES + _HTML_SUFFIXES and not _under(rel, conf["STATIC_PATHS"]):
        if _under(rel, conf["PAGE_PATHS"]) and not _under(rel, conf["PAGE_EXCLUDES"]):
            kind = "page"
        elif _under(rel, conf["ARTICLE_PATHS"]) and not _under(rel, conf["ARTICLE_EXCLUDES"]):
            kind = "article"
        else:
            out.notes.append(Note(path, "Pelican left this file out (ARTICLE_EXCLUDES or PAGE_EXCLUDES)", "skipped"))
            return
        if file.suffix.lower() in _HTML_SUFFIXES:
            out.notes.append(Note(path, f"an {kind} written in HTML (fields in <meta> tags): not imported; copy its "
                                  "text into a Markdown file", "needs a person"))
            return
        files.documents[path] = kind
        return
    extra = conf.get("EXTRA_PATH_METADATA")
    own = extra.get(rel) if isinstance(extra, dict) else None
    if isinstance(own, dict) and isinstance(own.get("path") or own.get("save_as"), str):
        target = str(own.get("path") or own.get("save_as")).lstrip("/")
        files.statics[path] = f"static/{target}"
        out.notes.append(Note(path, f"went to static/{target} (EXTRA_PATH_METADATA)", "moved"))
    elif _under(rel, conf["STATIC_PATHS"]):
        files.statics[path] = f"static/{rel}"
        static_counts[rel.split("/", 1)[0] if "/" in rel else rel] += 1
    else:
        out.notes.append(Note(path, "not in STATIC_PATHS, so Pelican did not publish it; left out", "skipped"))


def report_outside(source: Path, files: PelicanFiles, out: Imported) -> None:
    """Give each file and folder beside the content folder a report line."""
    top = files.content.split("/", 1)[0]
    for entry in sorted(source.iterdir()):
        if entry.name.startswith(".") or entry.name == top:
            continue
        if entry.name in ("pelicanconf.py", "publishconf.py"):
            continue
        what = _BUILD.get(entry.name)
        name = entry.name + ("/" if entry.is_dir() else "")
        out.notes.append(Note(name, f"{what or 'not part of the content Pelican reads'}; left out", "skipped"))
