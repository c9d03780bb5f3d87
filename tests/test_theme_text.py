"""Every word the default theme says goes through gettext, so the message extractor finds it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from conftest import REPO

TEMPLATES = REPO / "themes/default/templates"
SAID = ("aria-label", "title", "alt", "placeholder")  # attributes people read or hear
NAMES = {"RSS", "Atom", "JSON", "Feed", "Outlook", "com", "Microsoft", "Thunderbird", "calendar", "google",
         "lang"}  # names of things, and an attribute a {% set %} block writes on its own (own_language)


class _Words(HTMLParser):
    """Collect the words of text nodes and of said attributes, outside scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        self.words += [w for name, value in attrs if name in SAID and value for w in _words(value)]

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            self.words += _words(data)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in NAMES]


def _literal_words(template: Path) -> list[str]:
    """Return the English words a template writes outside Jinja tags (each tag read as a space)."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    source = template.read_text(encoding="utf-8")
    html = "".join(value if kind == "data" else " " for _, kind, value in env.lex(source))
    parser = _Words()
    parser.feed(html)
    return parser.words


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.relative_to(TEMPLATES).as_posix())
def test_the_default_theme_writes_no_words_outside_gettext(template: Path) -> None:
    assert _literal_words(template) == []


def test_the_check_sees_text_and_said_attributes(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<p>{{ _("Fine") }} RSS</p><nav aria-label="Main"></nav><p title="{{ _("x") }}">Oops {{ y }}</p>'
                    '<script>var a = "not read";</script>')
    assert _literal_words(page) == ["Main", "Oops"]
