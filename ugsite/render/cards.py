"""Draw the link preview card of an event or a post: a 1200 × 630 PNG, the same bytes every build.

Chat apps and social sites show a page's `og:image` when its link is shared. A card says
what a bare link cannot: the group, the title, when and where, and "Cancelled" when it is.
It is drawn with Pillow in the fonts the default theme ships (DejaVu Sans: Latin, Greek,
Cyrillic and more), laid out without a shaping engine so that every machine draws the same
pixels. A title in a script the fonts do not carry, or one written right to left, gets no
card (the page keeps the site's image): a card of empty boxes would be worse than none.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from ugsite.render.theme_folder import builtin_themes

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
_MARGIN = 80
_LOGO = 64  # pixels: the square a logo is fitted into
_BACKGROUND, _ACCENT, _TEXT, _MUTED = (20, 33, 61), (252, 163, 17), (255, 255, 255), (196, 206, 224)
_ALERT = (193, 18, 31)
_TITLE_SIZES = ((68, 3), (58, 3), (50, 4))  # font size, most lines: the first that fits the title wins
_DETAIL_SIZES = (36, 32, 29)  # of when and where: a long date keeps its time zone ("…, 6:30 – 9:00 PM EST")


@dataclass(frozen=True)
class Card:
    """What a card shows: the group (and the bytes of its logo), a title, when, where, and a status such as "Cancelled"."""

    group: str
    title: str
    when: str
    where: str = ""
    status: str = ""
    logo: bytes = b""  # a PNG, JPEG or WebP, drawn before the group's name


def can_draw(card: Card) -> bool:
    """Say whether the card's fonts carry every character it shows, in an order drawn left to right."""
    text = "".join((card.group, card.title, card.when, card.where, card.status))
    return all(_drawable(char) for char in set(text) if not char.isspace())


def render_card(card: Card) -> bytes:
    """Return the PNG bytes of `card`."""
    from PIL import Image, ImageDraw  # Pillow: only a build that draws a card loads it (Card is read by every build)

    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 14), fill=_ACCENT)
    top = 72
    if card.status:
        badge = _font(True, 30)
        label = card.status.upper()
        right = WIDTH - _MARGIN
        left = right - int(badge.getlength(label)) - 40
        draw.rectangle((left, top - 8, right, top + 44), fill=_ALERT)
        draw.text((left + 20, top), label, font=badge, fill=_TEXT)
        group_width = left - 32 - _MARGIN
    else:
        group_width = WIDTH - 2 * _MARGIN
    group, left = _font(False, 34), _MARGIN
    if card.logo:
        left += _paste_logo(image, card.logo, (_MARGIN, top - 14)) + 20
    draw.text((left, top), _shorten(card.group, group, group_width - (left - _MARGIN)), font=group, fill=_MUTED)
    size, lines = _title_lines(card.title, WIDTH - 2 * _MARGIN)
    title = _font(True, size)
    y = 170
    for line in lines:
        draw.text((_MARGIN, y), line, font=title, fill=_TEXT)
        y += int(size * 1.22)
    bottom = HEIGHT - 80
    if card.where:
        _detail_line(draw, card.where, False, bottom, _MUTED)
        bottom -= 58
    _detail_line(draw, card.when, True, bottom, _ACCENT)
    out = io.BytesIO()
    # Level 3 of zlib, not 6: a card takes three quarters of the time to draw, for a file a sixth larger (50
    # to 60 KB). Readers never load it, a site that shows the preview fetches it once, and a first build draws hundreds.
    image.save(out, "PNG", compress_level=3)  # Pillow writes no time or other varying chunk
    return out.getvalue()


def _paste_logo(card: Image.Image, logo: bytes, at: tuple[int, int]) -> int:
    """Draw the logo within a 64-pixel square at `at`, on a white tile when it has transparency; return its width."""
    tile = _logo_tile(logo)
    card.paste(tile, (at[0], at[1] + (_LOGO - tile.height) // 2))
    return tile.width


@functools.lru_cache(maxsize=4)
def _logo_tile(logo: bytes) -> Image.Image:
    """Return the logo fitted into its square, on white: made once for all the cards of a site, which share it."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(logo)) as opened:
        mark = ImageOps.contain(ImageOps.exif_transpose(opened).convert("RGBA"), (_LOGO, _LOGO), Image.Resampling.LANCZOS)
    tile = Image.new("RGBA", mark.size, (255, 255, 255, 255))  # dark or transparent logos stay visible
    tile.alpha_composite(mark)
    return tile.convert("RGB")


def _detail_line(draw: ImageDraw.ImageDraw, text: str, bold: bool, bottom: int, colour: tuple[int, int, int]) -> None:
    """Draw when or where on the line above `bottom`: at the largest of _DETAIL_SIZES in which it fits whole, else
    shortened at the smallest, centred on the line's height."""
    width = WIDTH - 2 * _MARGIN
    size = next((size for size in _DETAIL_SIZES if _font(bold, size).getlength(text) <= width), _DETAIL_SIZES[-1])
    font = _font(bold, size)
    draw.text((_MARGIN, bottom - 4 + (_DETAIL_SIZES[0] - size) // 2), _shorten(text, font, width), font=font, fill=colour)


def _title_lines(title: str, width: int) -> tuple[int, list[str]]:
    """Wrap the title at the largest size that fits; at the smallest, shorten its last line with "…"."""
    for size, most in _TITLE_SIZES:
        lines = _wrap(title, _font(True, size), width)
        if len(lines) <= most:
            return size, lines
    size, most = _TITLE_SIZES[-1]
    font = _font(True, size)
    lines = _wrap(title, font, width)
    return size, lines[: most - 1] + [_shorten(" ".join(lines[most - 1:]), font, width)]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break `text` into lines no wider than `width`, between words (inside a word only if it alone is wider)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = max(1, next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return lines + [line] if line else lines


def _shorten(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(_fonts() / name), size, layout_engine=ImageFont.Layout.BASIC)


def _fonts() -> Path:
    return builtin_themes() / "default" / "fonts"


@functools.cache
def _drawable(char: str) -> bool:
    if unicodedata.bidirectional(char) in ("R", "AL", "AN") or unicodedata.category(char) in ("Mn", "Mc", "Cf"):
        return False  # needs a shaping engine, which would draw differently from machine to machine
    return all(bytes(_font(bold, 40).getmask(char)) != _missing(bold) for bold in (False, True))


@functools.cache
def _missing(bold: bool) -> bytes:
    """Return the mask of the glyph the fonts draw for a character they lack."""
    return bytes(_font(bold, 40).getmask("\U0010fffd"))
