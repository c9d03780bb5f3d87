"""Convert a WordPress export (WXR: Tools → Export → All content) into ugsite files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ugsite.importers.fields import Imported, document, language_code
from ugsite.importers.report import Note
from ugsite.content.slugs import slugify

_NS = {"wp": "http://wordpress.org/export/1.2/", "content": "http://purl.org/rss/1.0/modules/content/",
       "excerpt": "http://wordpress.org/export/1.2/excerpt/", "dc": "http://purl.org/dc/elements/1.1/"}
_BLOCK = re.compile(r"^\s*<(?:p|div|figure|h[1-6]|ul|ol|li|blockquote|pre|table|hr|img|iframe|section|!--)\b", re.I)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]|\[(?:youtube|vimeo)\s+([^\]\s]+)[^\]]*\]", re.S)
_SHORTCODE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\]")
_GUTENBERG = re.compile(r"<!--\s*/?wp:[^>]*-->\n?")


def is_wordpress(source: Path) -> bool:
    """Say whether `source` is a WordPress export (an RSS file with WordPress's export namespace)."""
    if not source.is_file() or source.suffix.lower() != ".xml":
        return False
    try:
        with source.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return b"wordpress.org/export/" in head


def import_wordpress(source: Path, today: str) -> Imported:
    """Read a WXR file; return ugsite files (old addresses kept as aliases) and notes."""
    out = Imported()
    try:
        channel = ElementTree.parse(source).getroot().find("channel")  # noqa: S314 - a file the user chose
    except ElementTree.ParseError as exc:
        out.notes.append(Note(source.name, f"the export is not readable XML ({exc})", "needs a person"))
        return out
    if channel is None:
        out.notes.append(Note(source.name, "the export has no channel", "needs a person"))
        return out
    _settings(channel, source.name, out)
    site = (channel.findtext("link") or "").rstrip("/")
    authors = {a.findtext("wp:author_login", "", _NS): a.findtext("wp:author_display_name", "", _NS)
               for a in channel.findall("wp:author", _NS)}
    items = channel.findall("item")
    attachments = {i.findtext("wp:post_id", "", _NS): i.findtext("wp:attachment_url", "", _NS) for i in items
                   if i.findtext("wp:post_type", "", _NS) == "attachment"}
    uploads = source.parent / "wp-content" / "uploads"
    for item in items:
        kind = item.findtext("wp:post_type", "", _NS)
        if kind in ("post", "page"):
            _item(item, kind, site, authors, attachments, uploads.is_dir(), source.name, out, today)
        elif kind != "attachment":
            out.notes.append(Note(source.name, f"a {kind or 'nameless'} item ({item.findtext('title') or '?'}) is "
                                  "WordPress's own and was left out", "skipped"))
    if uploads.is_dir():
        for file in sorted(uploads.rglob("*")):
            if file.is_file() and not file.is_symlink():
                out.files[f"static/wp-content/uploads/{file.relative_to(uploads).as_posix()}"] = file.read_bytes()
        out.notes.append(Note("wp-content/uploads/", "the uploads went to static/wp-content/uploads/", "moved"))
    elif attachments:
        out.notes.append(Note(source.name, f"{len(attachments)} uploads stay on the old site: put its "
                              "wp-content/uploads/ folder beside the export and import again to bring them over",
                              "needs a person"))
    return out


def _settings(channel: ElementTree.Element, name: str, out: Imported) -> None:
    for key, tag in (("title", "title"), ("description", "description")):
        text = (channel.findtext(tag) or "").strip()
        if text:
            out.settings[key] = text
    link = (channel.findtext("link") or "").strip()
    if link.startswith(("http://", "https://")):
        out.settings["base_url"] = link.rstrip("/") + "/"
    if language := language_code(channel.findtext("language")):
        out.settings["language"] = language
    out.notes.append(Note(name, f"settings: {', '.join(sorted(out.settings))} came over to ugsite.yaml"))


def _item(item: ElementTree.Element, kind: str, site: str, authors: dict[str, str], attachments: dict[str, str],
          local_uploads: bool, name: str, out: Imported, today: str) -> None:
    title = (item.findtext("title") or "").strip()
    post_id = item.findtext("wp:post_id", "", _NS)
    slug = item.findtext("wp:post_name", "", _NS).strip() or slugify(title) or f"{kind}-{post_id}"
    where = f"{name}: {kind} '{slug}'"
    front: dict[str, Any] = {"title": title or slug}
    gmt = item.findtext("wp:post_date_gmt", "", _NS).strip()
    local = item.findtext("wp:post_date", "", _NS).strip()
    if kind == "post":
        if gmt and not gmt.startswith("0000"):
            front["date"] = gmt.replace(" ", "T") + "Z"
        elif local and not local.startswith("0000"):
            front["date"] = local
        else:
            front["date"] = today
    status = item.findtext("wp:status", "", _NS)
    if status != "publish":
        front["draft"] = True
        out.notes.append(Note(where, f"it was {status or 'unpublished'} in WordPress; it is a draft here"))
    for domain, key in (("post_tag", "tags"), ("category", "categories")):
        names = [(c.text or "").strip() for c in item.findall("category") if c.get("domain") == domain]
        names = [n for n in names if n and n != "Uncategorized"]
        if names:
            front[key] = list(dict.fromkeys(names))
    creator = (item.findtext("dc:creator", "", _NS) or "").strip()
    if creator:
        front["author"] = authors.get(creator) or creator
    excerpt = re.sub(r"<[^>]+>", "", item.findtext("excerpt:encoded", "", _NS) or "").strip()
    if excerpt:
        front["summary"] = re.sub(r"\s+", " ", excerpt)
    meta = {m.findtext("wp:meta_key", "", _NS): m.findtext("wp:meta_value", "", _NS)
            for m in item.findall("wp:postmeta", _NS)}
    thumbnail = attachments.get(meta.get("_thumbnail_id", ""))
    if thumbnail:
        front["image"] = _local(thumbnail, site, local_uploads)
    link = (item.findtext("link") or "").strip()
    old = urlsplit(link).path if link and urlsplit(link).path not in ("", "/") and "?" not in link else None
    front["extra"] = {"wordpress_id": int(post_id) if post_id.isdigit() else post_id}
    body = item.findtext("content:encoded", "", _NS) or ""
    body, notes = _content(body, where, site, local_uploads)
    out.notes.extend(notes)
    out.html = True
    target = f"{'posts' if kind == 'post' else 'pages'}/{slug}.md"
    front["slug"] = slug
    out.files[target] = document(front, body)
    out.origins[target] = where
    if old:
        out.old_addresses[target] = old
    out.notes.append(Note(where, f"became {target}; its ?p={post_id} address is kept as extra.wordpress_id"))


def _local(url: str, site: str, local_uploads: bool) -> str:
    """Point an upload on the old site at the copy under static/, when the uploads came along."""
    if local_uploads and site and url.startswith(site + "/wp-content/uploads/"):
        return url[len(site):]
    return url


def _content(html: str, where: str, site: str, local_uploads: bool) -> tuple[str, list[Note]]:
    notes: list[Note] = []
    text = _GUTENBERG.sub("", html)
    text = _CAPTION.sub(lambda m: _caption(m.group(1)), text)
    text = _EMBED.sub(lambda m: f'<p><a href="{(m.group(1) or m.group(2)).strip()}">{(m.group(1) or m.group(2)).strip()}'
                                "</a></p>", text)
    for match in _SHORTCODE.finditer(text):
        if not match.group().startswith("[/"):
            notes.append(Note(where, f"the shortcode {match.group()[:60]} has no equivalent; left as it is",
                              "needs a person"))
    if local_uploads and site:
        text = text.replace(site + "/wp-content/uploads/", "/wp-content/uploads/")
    return _autop(text), notes


def _caption(inner: str) -> str:
    """[caption]<img ...> Text[/caption] as WordPress renders it: a figure with its caption."""
    match = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", inner, re.S)
    if not match:
        return inner
    return f"<figure>{match.group(1)}<figcaption>{match.group(2).strip()}</figcaption></figure>"


def _autop(text: str) -> str:
    """Wrap text paragraphs in <p> and single line breaks in <br>, as WordPress's wpautop does for classic posts."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:  # code keeps its blank lines, set apart as a block of its own
        kept.append(match.group())
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    text = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", keep, text.replace("\r\n", "\n"), flags=re.S | re.I)
    out = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()):
        if _BLOCK.match(paragraph) or re.fullmatch("\x00\\d+\x00", paragraph):
            out.append(paragraph)
        else:
            out.append("<p>" + paragraph.replace("\n", "<br>\n") + "</p>")
    joined = "\n\n".join(out) + "\n"
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], joined)
