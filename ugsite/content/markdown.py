"""Render Markdown the one way ugsite does: CommonMark + GFM extras, Pygments, safe links."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from ugsite.content.images import SIZES, image_size, srcsets, variants
from ugsite.content.markdown_text import tokens_to_text
from ugsite.parallel import fork_map
from ugsite.problems import Problem, error, warning
from ugsite.content.slugs import slugify
from ugsite.content.urls import GHOST_URL, Urls, replace_ghost

MARKDOWN_SUFFIXES = (".md", ".markdown")
MISSING = "\0missing"
PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves
_FORMATTER = HtmlFormatter(nowrap=True)


@dataclass(frozen=True)
class Rendered:
    """A Markdown body turned into HTML, with what the rest of the site needs from it.

    `depends` records every fact about other files the HTML depends on (a link's route, a
    static file's presence, an image's size), so a cached copy is reused only while all of
    them still hold.
    """

    html: str
    heading: str | None
    summary: str
    problems: tuple[Problem, ...] = field(default=())
    depends: tuple[tuple[str, str, str], ...] = field(default=())
    text: str = ""  # the plain text, when asked for
    words: int = 0  # the words of its text and code, for a reading time


class Job(NamedTuple):
    """One body to render: its text, where it comes from, and what is asked of it.

    `text` may be a function that reads it when it is needed (None: the file changed since
    its front matter was read); `identity`, when given, is a digest that stands for the
    text and all of the job (a document's origin), so a result can be reused without it.
    """

    text: str | Callable[[], str | None]
    path: str
    first_line: int = 1
    take_heading: bool = False  # a leading `# Heading` becomes the title
    plain: bool = False  # the plain text too (for calendars)
    identity: str = ""


@dataclass(frozen=True)
class LinkTargets:
    """What a relative link in Markdown may point at.

    `routes` maps each content file (site-relative, e.g. `posts/2026-05-14-recap.md`) to its
    route, or to None when it exists but is not published in this build (a draft);
    `static` holds the site-relative paths of the files under `static/`.
    """

    routes: Mapping[str, str | None]
    static: frozenset[str]
    static_root: Path | None = None


def _highlight(code: str, lang: str, _attrs: str) -> str:
    if not lang:
        return ""
    try:
        lexer = get_lexer_by_name(lang)
    except ClassNotFound:
        return ""
    spans = pygments_highlight(code, lexer, _FORMATTER)
    return f'<pre class="highlight" tabindex="0"><code class="language-{escape(lang)}">{spans}</code></pre>\n'


def make_markdown(raw_html: str) -> MarkdownIt:
    """Return the site's Markdown parser; `raw_html` is `allow` or `escape`."""
    md = MarkdownIt("commonmark", {"html": raw_html == "allow", "highlight": _highlight, "xhtmlOut": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin, label=True)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify)
    # Normalising a link (percent-encoding, punycode) is a pure function of its text and a
    # noticeable part of parsing; sites link to the same pages again and again.
    setattr(md, "normalizeLink", functools.lru_cache(maxsize=4096)(md.normalizeLink))
    # A <section> without a heading is flagged by HTML checkers; footnotes need no heading.
    md.add_render_rule("footnote_block_open", lambda *_: '<hr class="footnotes-sep">\n<div class="footnotes">\n<ol class="footnotes-list">\n')
    md.add_render_rule("footnote_block_close", lambda *_: "</ol>\n</div>\n")
    md.add_render_rule("image", _responsive(getattr(md.renderer, "image")))
    # Code blocks scroll sideways on phones; keyboard users must be able to reach and scroll them.
    for rule in ("fence", "code_block"):
        md.add_render_rule(rule, _focusable(getattr(md.renderer, rule)))
    return md


_TAG = re.compile(r"<[^>]*>")


def _responsive(render: Callable[..., str]) -> Callable[..., str]:
    """Offer the resized copies of an image (token.meta["srcsets"]): its own format, and WebP in a <picture>."""

    def rule(_renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        found = token.meta.get("srcsets") if token.meta else None
        if not found:
            return str(render(tokens, idx, options, env))
        own, webp = found
        token.attrSet("srcset", own)
        token.attrSet("sizes", SIZES)
        token.attrSet("decoding", "async")
        source = f'<source type="image/webp" srcset="{escape(webp)}" sizes="{SIZES}">' if webp else ""
        return f"<picture>{source}{render(tokens, idx, options, env)}</picture>"

    return rule


def _focusable(render: Callable[..., str]) -> Callable[..., str]:
    def rule(_renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        html = render(tokens, idx, options, env)
        return html.replace("<pre>", '<pre tabindex="0">', 1) if html.startswith("<pre>") else html

    return rule


class MarkdownRenderer:
    """Render a site's Markdown bodies, resolving their links against the site's files.

    Rendering is a pure function of a job and the link targets; reuse between builds
    wraps it from outside (ugsite.incremental.markdown_cache).
    """

    def __init__(self, md: MarkdownIt, urls: Urls, targets: LinkTargets, workers: int = 1) -> None:
        self.md = md
        self.urls = urls
        self.targets = targets
        self.workers = workers
        self._facts: dict[tuple[str, str], str] = {}  # the facts still_valid looked up: posts share their images
        self._ready: dict[Job, Rendered] = {}  # rendered ahead by prefetch, for render to answer from

    def render(self, text: str, path: str, first_line: int = 1, take_heading: bool = False,
               plain: bool = False) -> Rendered:
        """Render `text` from site file `path`, whose body starts at line `first_line`.

        With `take_heading`, a leading `# Heading` is removed from the body and returned,
        so it can serve as the title of a file that has none; with `plain`, the plain text
        (for calendars) comes back too.
        """
        job = Job(text, path, first_line, take_heading, plain)
        ready = self._ready.get(job)
        return ready if ready is not None else self.render_many([job])[0]

    def prefetch(self, jobs: Sequence[Job]) -> None:
        """Get ready to render `jobs` one at a time (`render`): when there are enough to share out among the
        worker processes (the descriptions of 1,000 events), render them now, together, and keep the results."""
        wanted = [job for job in dict.fromkeys(jobs) if job not in self._ready]
        if self.workers > 1 and len(wanted) >= PARALLEL_THRESHOLD:
            self._ready.update(zip(wanted, self.render_many(wanted)))

    def render_many(self, jobs: Sequence[Job], meanwhile: Callable[[], object] | None = None) -> list[Rendered]:
        """Render many bodies, in parallel when there are enough to pay for it (and then do `meanwhile` too: fork_map)."""
        return fork_map(self._render, jobs, PARALLEL_THRESHOLD, self.workers, meanwhile)

    def render_bodies(self, jobs: Sequence[Job],
                      meanwhile: Callable[[], object] | None = None) -> list[tuple[Rendered, str | Callable[[], str]]]:
        """Render many bodies as render_many does; give each with its HTML, or with what reads that when first asked for
        (a renderer that reuses results answers so, and then its Rendered holds no HTML)."""
        return [(rendered, rendered.html) for rendered in self.render_many(jobs, meanwhile)]

    def still_valid(self, rendered: Rendered) -> bool:
        """Say whether every fact about other files that `rendered` depends on still holds."""
        return all(self._known_fact(kind, key) == value for kind, key, value in rendered.depends)

    def _known_fact(self, kind: str, key: str) -> str:
        fact = self._facts.get((kind, key))
        if fact is None:
            fact = self._facts[kind, key] = self._fact(kind, key)
        return fact

    def _fact(self, kind: str, key: str) -> str:
        if kind == "route":
            return str(self.targets.routes.get(key, MISSING))
        if kind == "static":
            return str(key in self.targets.static)
        if kind == "variants":
            found = variants(self.targets.static_root / key, key) if self.targets.static_root else ()
            return " ".join(v.path for v in found)
        size = image_size(self.targets.static_root / key) if self.targets.static_root else None
        return f"{size[0]}x{size[1]}" if size else ""

    def _render(self, job: Job) -> Rendered:
        path, first_line, take_heading, plain = job.path, job.first_line, job.take_heading, job.plain
        text = job.text if isinstance(job.text, str) else job.text()
        if text is None:
            return Rendered("", None, "", (error(path, "the file changed while the build ran", None, "build again"),))
        tokens = self.md.parse(text, {})
        text_only = tokens_to_text(tokens) if plain else ""  # links as written, before they are resolved
        heading = None
        if take_heading and len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
            heading = plain_text(tokens[1].children or [])
            tokens = tokens[3:]
        problems: list[Problem] = []
        depends: dict[tuple[str, str], str] = {}
        resolve = self._resolver(path, first_line, problems, depends)
        words = self._rewrite_body(tokens, resolve, depends)
        html = self.md.renderer.render(tokens, self.md.options, {})
        facts = tuple((kind, key, value) for (kind, key), value in sorted(depends.items()))
        return Rendered(html, heading, _first_paragraph(tokens), tuple(problems), facts, text_only, words)

    def _rewrite_body(self, tokens: Sequence[Token], resolve: Callable[[str, int | None], str],
                      depends: dict[tuple[str, str], str]) -> int:
        """Rewrite a parsed body in place (_rewrite); return the number of words (runs between spaces) of its
        text, inline code and code blocks, for a reading time.

        One pass does both: a body has hundreds of tokens, most of them text that needs no rewriting.
        A paragraph's text is counted as it reads: `*now*,` is one word, as `now,` is.
        """
        parts: list[str] = []
        for token in tokens:
            kind = token.type
            if kind == "inline":
                line = token.map[0] if token.map else None
                for child in token.children or ():
                    kind = child.type
                    if kind == "text" or kind == "code_inline":  # never rewritten: no attributes, no children
                        parts.append(child.content)
                    elif kind == "softbreak" or kind == "hardbreak":
                        parts.append(" ")
                    elif child.attrs or child.children or kind == "html_inline":
                        self._rewrite(child, resolve, child.map[0] if child.map else line, depends)
                parts.append(" ")
                continue
            if token.attrs or token.children or kind == "html_block":
                self._rewrite(token, resolve, token.map[0] if token.map else None, depends)
            if kind == "fence" or kind == "code_block":
                parts.append(token.content + " ")
            elif kind == "html_block":
                parts.append(_TAG.sub(" ", token.content) + " ")
        # One split of the joined text: a fifth of the time a word pattern takes.
        return len("".join(parts).split())

    def _rewrite(self, token: Token, resolve: Callable[[str, int | None], str], at: int | None,
                 depends: dict[tuple[str, str], str]) -> None:
        """Rewrite `token` (from source line `at`) and its children: resolve links and sources, restore
        addresses of a Ghost export in raw HTML, size images and load them lazily."""
        if token.type in ("html_block", "html_inline"):
            token.content = replace_ghost(token.content, self.urls)
        if token.attrs:
            for attr in ("href", "src"):
                value = token.attrs.get(attr)
                if isinstance(value, str):
                    token.attrs[attr] = resolve(value, at)
        if token.type == "image":
            self._size_image(token, depends)
            token.attrSet("loading", "lazy")
        for child in token.children or ():
            self._rewrite(child, resolve, child.map[0] if child.map else at, depends)

    def _size_image(self, token: Token, depends: dict[tuple[str, str], str]) -> None:
        src = str(token.attrGet("src") or "")
        base = self.urls.base_path
        rel = unquote(src[len(base):]) if src.startswith(base) else ""
        if not rel:
            return
        depends[("static", f"static/{rel}")] = self._fact("static", f"static/{rel}")
        if self.targets.static_root is None or f"static/{rel}" not in self.targets.static:
            return
        depends[("size", rel)] = self._fact("size", rel)
        size = image_size(self.targets.static_root / rel)
        if size:
            token.attrSet("width", str(size[0]))
            token.attrSet("height", str(size[1]))
            depends[("variants", rel)] = self._fact("variants", rel)
            found = variants(self.targets.static_root / rel, rel)
            if found:  # written by the build beside the image (ugsite.render.image_variants)
                token.meta["srcsets"] = srcsets(rel, found, size[0], self.urls.path)

    def _resolver(self, path: str, first_line: int, problems: list[Problem],
                  depends: dict[tuple[str, str], str]) -> Callable[[str, int | None], str]:
        folder = posixpath.dirname(path)

        def resolve(url: str, line: int | None) -> str:
            if url.startswith(("https://", "http://", "mailto:", "#")):  # the common case, left as it is
                return url
            where = first_line + line if line is not None else None
            if url.startswith(GHOST_URL):
                return replace_ghost(url, self.urls)
            try:
                parts = urlsplit(url)
            except ValueError:  # not an address a browser could follow; left as written
                return url
            if parts.scheme or parts.netloc or url.startswith("#") or not parts.path:
                return url
            if url.startswith("/"):
                return self.urls.path(url)
            target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            if target.endswith(MARKDOWN_SUFFIXES):
                depends[("route", target)] = self._fact("route", target)
                if target not in self.targets.routes:
                    problems.append(error(path, f"the link to {parts.path} points at {target}, which does not exist",
                                          where, "fix the file name, or link to a URL instead"))
                    return url
                route = self.targets.routes[target]
                if route is None:
                    problems.append(warning(path, f"the link to {parts.path} points at a draft or future post "
                                            "that this build leaves out", where, "the link works once it is published"))
                    return url
                return self.urls.path(route) + fragment
            if target.startswith("static/"):
                depends[("static", target)] = self._fact("static", target)
            if target.startswith("static/") and target in self.targets.static:
                return self.urls.path(target[len("static/"):]) + fragment
            return url

        return resolve


def plain_text(tokens: Sequence[Token]) -> str:
    """Return the text of inline tokens, without markup."""
    out: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.children:
            out.append(plain_text(token.children))
    return "".join(out).strip()


def _first_paragraph(tokens: Sequence[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            text = plain_text(tokens[index + 1].children or [])
            if text:
                return text
    return ""
