"""Link preview cards: a PNG per event and post without an image, named by og:image and twitter:image."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import html5lib
from PIL import Image

from conftest import build_site, messages, read_tree

from ugsite.render.cards import Card, _font, _title_lines, render_card

Site = Callable[..., Path]
EVENT = "title: Pattern matching night\nstart: 2026-11-11 18:30\ntimezone: Europe/Berlin\nvenue: hub\n"
VENUES = "hub:\n  name: Harbor Tech Hub\n  address: 12 Pier Street\n  city: Harbor City\n"
BADGE = (1100, 90)  # inside the status badge, right of the group's name


def meta(html: str) -> dict[str, str]:
    """Return the page's <meta> values by property or name, as an HTML parser reads them."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")
            if m.get("property") or m.get("name")}


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_events_and_posts_without_an_image_have_a_card_as_their_link_preview(make_site: Site) -> None:
    site = make_site({"events/2026-11-11-night.yaml": EVENT, "data/venues.yaml": VENUES,
                      "posts/2026-05-14-recap.md": "---\ntitle: Recap\nauthors: [ada]\n---\nIt went well.\n",
                      "data/speakers.yaml": "ada:\n  name: Ada Lovelace\n"})
    report = build_site(site)
    assert report.written, messages(report)
    out = read_tree(site / "public")
    for page, card in (("events/2026-11-11-night/index.html", "events/2026-11-11-night/card.png"),
                       ("posts/recap/index.html", "posts/recap/card.png")):
        tags = meta(out[page].decode())
        url = f"https://org.github.io/group-site/{card}"
        assert tags["og:image"] == url and tags["twitter:image"] == url and tags["twitter:card"] == "summary_large_image"
        image = png(out[card])
        assert image.format == "PNG" and image.size == (1200, 630)
    event_json = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                           out["events/2026-11-11-night/index.html"].decode(), re.S)
    assert event_json and "events/2026-11-11-night/card.png" in event_json.group(1)
    # The same input draws the same bytes.
    assert build_site(site, output=site / "again", cache=False).written
    assert (site / "again/posts/recap/card.png").read_bytes() == out["posts/recap/card.png"]


def test_a_page_with_its_own_image_keeps_it_and_gets_no_card(make_site: Site) -> None:
    site = make_site({"posts/2026-05-14-recap.md": "---\ntitle: Recap\nimage: images/photo.png\n---\nText.\n",
                      "static/images/photo.png": render_card(Card("G", "Photo", "today"))})
    assert build_site(site).written
    assert meta(build_html(site, "posts/recap"))["og:image"] == "https://org.github.io/group-site/images/photo.png"
    assert not (site / "public/posts/recap/card.png").exists()


def build_html(site: Path, route: str) -> str:
    return (site / "public" / route / "index.html").read_text(encoding="utf-8")


def test_a_cancelled_event_says_so_on_its_card_and_an_edit_draws_it_again(make_site: Site) -> None:
    site = make_site({"events/2026-11-11-night.yaml": EVENT, "data/venues.yaml": VENUES})
    assert build_site(site).written
    card = site / "public/events/2026-11-11-night/card.png"
    scheduled = card.read_bytes()
    assert png(scheduled).convert("RGB").getpixel(BADGE) == (20, 33, 61)  # the background: no badge
    (site / "events/2026-11-11-night.yaml").write_text(EVENT + "status: cancelled\n", encoding="utf-8")
    assert build_site(site).written  # from the cache, and equal to a clean build
    assert png(card.read_bytes()).convert("RGB").getpixel(BADGE) == (193, 18, 31)  # the red "CANCELLED" badge


def test_the_site_chooses_which_pages_get_cards(make_site: Site) -> None:
    files = {"events/2026-11-11-night.yaml": EVENT, "data/venues.yaml": VENUES,
             "posts/2026-05-14-recap.md": "---\ntitle: Recap\n---\nText.\n"}
    site = make_site(files)
    config = site / "ugsite.yaml"
    base = config.read_text(encoding="utf-8")
    config.write_text(base + "cards: [events]\n", encoding="utf-8")
    assert build_site(site).written
    assert (site / "public/events/2026-11-11-night/card.png").is_file()
    assert not (site / "public/posts/recap/card.png").exists()
    config.write_text(base + "cards: false\n", encoding="utf-8")
    assert build_site(site).written
    assert not list((site / "public").rglob("card.png"))
    config.write_text(base + "image: images/share.png\ncards: [talks]\n", encoding="utf-8")
    report = build_site(site)
    assert report.failed
    assert messages(report) == ["ugsite.yaml:5: error: 'cards' says which pages get a link preview card: events, "
                                "posts, not ['talks']"]


def test_a_title_the_fonts_cannot_draw_gets_no_card_but_the_sites_image(make_site: Site) -> None:
    site = make_site({"posts/2026-05-14-tokyo.md": "---\ntitle: 東京での勉強会\nslug: tokyo\n---\nText.\n",
                      "posts/2026-05-15-cairo.md": "---\ntitle: لقاء القاهرة\nslug: cairo\n---\nText.\n",
                      "static/images/share.png": render_card(Card("G", "Share", "today"))})
    (site / "ugsite.yaml").write_text((site / "ugsite.yaml").read_text() + "image: images/share.png\n")
    assert build_site(site).written
    for slug in ("tokyo", "cairo"):
        assert meta(build_html(site, f"posts/{slug}"))["og:image"] == "https://org.github.io/group-site/images/share.png"
        assert not (site / f"public/posts/{slug}/card.png").exists()


def test_a_long_title_is_wrapped_and_shortened_to_fit() -> None:
    size, lines = _title_lines("A very long title " * 20, 1040)
    assert len(lines) <= 4 and lines[-1].endswith("…")
    size, lines = _title_lines("Short", 1040)
    assert (size, lines) == (68, ["Short"])
    size, lines = _title_lines("Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung", 1040)
    assert len(lines) > 1 and "".join(lines) == "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung"


def test_long_date_and_place_lines_are_drawn_smaller_and_whole_rather_than_cut_short() -> None:
    """"… 6:30 – 9:00 PM EST" and a venue with its street are too wide at the lines' first size: they stay whole."""
    when, where = "Wednesday, November 11, 2026, 6:30 – 9:00 PM EST", "Technologiezentrum Braunschweig, Rebenring 33, Braunschweig"
    assert _font(True, 36).getlength(when) > 1040 >= _font(True, 32).getlength(when)
    assert _font(False, 32).getlength(where) > 1040 >= _font(False, 29).getlength(where)
    for (text, size), (place, place_size) in (((when, 32), (where, 29)), (("Wednesday, 11 November 2026, 18:30", 36),
                                                                       ("Dockside Library", 36))):
        card = png(render_card(Card("Harbor City Python", "November meetup", text, place))).convert("RGB")
        # The date line is the card's only orange text and the place the only light blue one at the bottom:
        # how wide each is drawn says whether all of it is there.
        for bold, line, wide, top, colour in ((True, text, size, 460, (252, 163, 17)), (False, place, place_size, 535, (196, 206, 224))):
            band = card.crop((0, top, card.width, top + 70)).tobytes()  # RGB, a row after another
            xs = [i // 3 % card.width for i in range(0, len(band), 3)
                  if all(abs(band[i + c] - colour[c]) < 40 for c in range(3))]
            assert abs(max(xs) - min(xs) - _font(bold, wide).getlength(line)) < 10, line  # ink, not advance


def test_the_groups_logo_is_drawn_on_its_cards_and_a_bad_logo_setting_is_an_error(make_site: Site) -> None:
    mark = Image.new("RGBA", (128, 128), (0, 0, 0, 0))  # transparent, but for a blue disc in the middle
    mark.paste((30, 120, 200, 255), (32, 32, 96, 96))
    logo = io.BytesIO()
    mark.save(logo, "PNG")
    site = make_site({"events/2026-11-11-night.yaml": EVENT, "data/venues.yaml": VENUES,
                      "static/images/logo.png": logo.getvalue(), "static/images/logo.svg": "<svg/>"})
    config = site / "ugsite.yaml"
    base = config.read_text(encoding="utf-8")
    assert build_site(site).written
    plain = png((site / "public/events/2026-11-11-night/card.png").read_bytes()).convert("RGB")
    config.write_text(base + "logo: images/logo.png\n", encoding="utf-8")
    assert build_site(site).written  # the cards are drawn again: equal to a clean build
    card = png((site / "public/events/2026-11-11-night/card.png").read_bytes()).convert("RGB")
    assert plain.getpixel((84, 62)) == (20, 33, 61) and card.getpixel((84, 62)) == (255, 255, 255)  # its white tile
    assert card.getpixel((112, 90)) == (30, 120, 200)  # the logo itself, in the tile's middle
    (site / "static/images/broken.png").write_bytes(logo.getvalue()[:60])  # cut short
    for value, message in (("images/logo.svg", "'logo' must be a PNG, JPEG or WebP image, not 'images/logo.svg'"),
                           ("images/gone.png", "'logo' names static/images/gone.png, which does not exist")):
        config.write_text(base + f"logo: {value}\n", encoding="utf-8")
        report = build_site(site)
        assert report.failed and messages(report) == [f"ugsite.yaml:4: error: {message}"]

    config.write_text(base + "logo: images/broken.png\n", encoding="utf-8")
    report = build_site(site)
    assert report.failed and messages(report)[0].startswith(
        "ugsite.yaml:4: error: 'logo' names static/images/broken.png, which cannot be read as an image")
