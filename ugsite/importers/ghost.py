"""Convert a Ghost JSON export (Settings → Advanced → Export) into ugsite files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ugsite.importers.fields import Imported, document, language_code
from ugsite.importers.report import Note

_KEEP_BLANK_LINES = re.compile(r"<(pre|script|style|textarea)\b.*?</\1>", re.S | re.I)


def is_ghost(source: Path) -> bool:
    """Say whether `source` is a Ghost JSON export."""
    return source.is_file() and source.suffix.lower() == ".json" and _data(source) is not None


def _data(source: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(source.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(value, dict) and isinstance(value.get("db"), list) and value["db"]:
        value = value["db"][0]
    if isinstance(value, dict) and isinstance(value.get("data"), dict) and isinstance(value["data"].get("posts"), list):
        data: dict[str, Any] = value["data"]
        return data
    return None


def import_ghost(source: Path, today: str) -> Imported:
    """Read a Ghost export; return ugsite files (posts and pages keep their /slug/ addresses) and notes."""
    out = Imported()
    data = _data(source) or {}
    name = source.name
    settings = {s.get("key"): s.get("value") for s in data.get("settings", []) if isinstance(s, dict)}
    for key, setting in (("title", "title"), ("description", "description"), ("timezone", "timezone")):
        value = settings.get(setting)
        if isinstance(value, str) and value.strip():
            out.settings[key] = value.strip()
    if language := language_code(settings.get("lang") or settings.get("locale")):
        out.settings["language"] = language
    out.settings["permalink"] = "/{slug}/"  # Ghost serves posts and pages at /slug/
    out.notes.append(Note(name, f"settings: {', '.join(sorted(out.settings))} came over to ugsite.yaml"))
    tags = {t.get("id"): t for t in data.get("tags", []) if isinstance(t, dict)}
    users = {u.get("id"): u for u in data.get("users", []) if isinstance(u, dict)}
    post_tags = _links(data.get("posts_tags", []), "post_id", "tag_id")
    post_authors = _links(data.get("posts_authors", []), "post_id", "author_id")
    metas = {m.get("post_id"): m for m in data.get("posts_meta", []) if isinstance(m, dict)}
    for post in data.get("posts", []):
        if isinstance(post, dict):
            _post(post, tags, users, post_tags, post_authors, metas.get(post.get("id"), {}), name, out, today)
    images = source.parent / "content" / "images"
    if images.is_dir():
        for file in sorted(images.rglob("*")):
            if file.is_file() and not file.is_symlink():
                out.files[f"static/content/images/{file.relative_to(images).as_posix()}"] = file.read_bytes()
        out.notes.append(Note("content/images/", "Ghost's images went to static/content/images/", "moved"))
    elif any("__GHOST_URL__/content/images/" in str(v) for v in out.files.values()):
        out.notes.append(Note(name, "the posts show images from Ghost's content/images/ folder, which the export "
                              "does not hold: copy that folder from the Ghost server to static/content/images/",
                              "needs a person"))
    return out


def _links(rows: Any, left: str, right: str) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = {}
    for row in sorted((r for r in rows if isinstance(r, dict)), key=lambda r: r.get("sort_order") or 0):
        found.setdefault(row.get(left), []).append(row.get(right))
    return found


def _post(post: dict[str, Any], tags: dict[Any, Any], users: dict[Any, Any], post_tags: dict[Any, list[Any]],
          post_authors: dict[Any, list[Any]], meta: dict[str, Any], name: str, out: Imported, today: str) -> None:
    slug = str(post.get("slug") or "").strip()
    kind = "page" if post.get("type") == "page" or post.get("page") in (True, 1) else "post"
    where = f"{name}: {kind} '{slug}'"
    if not slug:
        out.notes.append(Note(name, f"a {kind} without a slug was left out: {post.get('title')!r}", "needs a person"))
        return
    front: dict[str, Any] = {"title": str(post.get("title") or slug)}
    moment = post.get("published_at") or post.get("created_at")
    if kind == "post":
        front["date"] = str(moment) if moment else today
    if post.get("updated_at") and kind == "post" and post.get("updated_at") != moment:
        front["updated"] = str(post["updated_at"])
    if post.get("status") != "published":
        front["draft"] = True
        out.notes.append(Note(where, f"it was {post.get('status')} in Ghost; it is a draft here"))
    names = [tags[t].get("name") for t in post_tags.get(post.get("id"), []) if t in tags]
    public = [n for n in names if isinstance(n, str) and not n.startswith("#")]
    if public:
        front["tags"] = public
    if len(public) != len(names):
        out.notes.append(Note(where, "Ghost's internal tags (#...) were left out", "skipped"))
    authors = [users[a].get("name") for a in post_authors.get(post.get("id"), []) if a in users]
    if authors:
        front["authors" if len(authors) > 1 else "author"] = authors if len(authors) > 1 else authors[0]
    for key, value in (("summary", post.get("custom_excerpt")),
                       ("description", meta.get("meta_description") or post.get("meta_description")),
                       ("image", post.get("feature_image"))):
        if isinstance(value, str) and value.strip():
            front[key] = value.strip()
    extra = {k: meta[k] for k in ("feature_image_alt", "feature_image_caption") if meta.get(k)}
    if post.get("featured"):
        extra["featured"] = True
    if extra:
        front["extra"] = extra
    html = post.get("html")
    if not isinstance(html, str) or not html.strip():
        markdown = _mobiledoc_markdown(post.get("mobiledoc"))
        if markdown is None:
            out.notes.append(Note(where, "the export holds no HTML for it; its text must be copied by hand",
                                  "needs a person"))
        body = markdown or ""
    else:
        out.html = True
        body = _KEEP_BLANK_LINES.sub(lambda m: f"\n\n{m.group()}\n\n", html.strip()) + "\n"
    target = f"{'posts' if kind == 'post' else 'pages'}/{slug}.md"
    out.files[target] = document(front, body)
    out.origins[target] = where
    out.old_addresses[target] = f"/{slug}/"
    out.notes.append(Note(where, f"became {target}"))


def _mobiledoc_markdown(value: Any) -> str | None:
    """Return the Markdown of a mobiledoc that is one Markdown card (how Ghost's editor stored Markdown posts)."""
    try:
        doc = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    cards = doc.get("cards") if isinstance(doc, dict) else None
    texts = [c[1].get("markdown") for c in cards or [] if isinstance(c, list) and len(c) == 2
             and c[0] in ("markdown", "card-markdown") and isinstance(c[1], dict)]
    return "\n\n".join(t for t in texts if isinstance(t, str)) or None
