"""Turn what calendars put in an event's text fields into what an organizer would write."""

from __future__ import annotations

import re

from markdownify import markdownify

# "Cancelled: ...", "[ABGESAGT] ...", "... (annulé)": the words real groups put in a title.
_CANCEL_WORDS = (r"cancell?ed|canceled|abgesagt|entf[äa]llt|annul[ée]e?|cancelad[oa]|cancellat[oa]|odwo[łl]ane|"
                 r"zru[šs]eno|afgelast|geannuleerd|peruttu|inst[äa]llt|avlyst|aflyst")
_CANCEL_FIRST = re.compile(rf"^\s*[\[(*]*\s*(?:{_CANCEL_WORDS})\s*[\])*]*\s*[:!\-–—|]*\s*", re.I)
_CANCEL_LAST = re.compile(rf"\s*[\-–—|:]*\s*[\[(*]+\s*(?:{_CANCEL_WORDS})\s*[\])*]+\s*$|\s+[\-–—|]\s*(?:{_CANCEL_WORDS})\s*$",
                          re.I)
_LIST_ITEM = re.compile(r"\s*([-+*]|\d{1,9}[.)])\s")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_HTML = re.compile(r"<(?:p|br|a|b|i|em|strong|ul|ol|li|div|span|h[1-6]|img|table)\b[^>]*>", re.I)


def cancelled_title(title: str) -> tuple[str, bool]:
    """Return the title without a cancellation word, and whether it had one."""
    for pattern in (_CANCEL_FIRST, _CANCEL_LAST):
        stripped = pattern.sub("", title, count=1)
        if stripped != title and stripped.strip():
            return stripped.strip(), True
    return title, False


def looks_like_html(text: str) -> bool:
    """Say whether a description is HTML (as Meetup's API and Google Calendar write it)."""
    return bool(_HTML.search(text))


def html_to_markdown(html: str) -> str:
    """Return Markdown for an HTML description: headings with #, lists with -, links kept."""
    html = _HIDDEN.sub("", html)
    text = markdownify(html, heading_style="ATX", bullets="-", newline_style="BACKSLASH",
                        strip=["iframe"])
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\A(?:\s|\\\n)+|(?:\s|\\(?=\n|\Z))+\Z", "", text)  # a <br /> before or after it all
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_to_markdown(text: str) -> str:
    """Return Markdown that shows plain text as it was written: its line breaks kept, its `- ` lines a list."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = re.sub(r"([\\`<])", r"\\\1", text)  # code spans and HTML; words in *stars* may stay emphasis
    text = re.sub(r"^(\s*)([>#=]|[-_*=]{3,}\s*$)", r"\1\\\2", text, flags=re.M)  # quotes, headings, rules
    paragraphs = [p for p in re.split(r"\n[ \t]*\n+", text) if p.strip()]
    return "\n\n".join(_with_breaks([line.rstrip() for line in p.split("\n")]) for p in paragraphs)


def _with_breaks(lines: list[str]) -> str:
    """Join the lines of a paragraph with hard line breaks, except before the items of a list."""
    joined = lines[0]
    for line in lines[1:]:
        joined += ("\n" if _LIST_ITEM.match(line) else "\\\n") + line
    return joined


def description_markdown(text: str) -> str:
    """Return an event description, HTML or plain text, as Markdown."""
    return html_to_markdown(text) if looks_like_html(text) else plain_to_markdown(text)
