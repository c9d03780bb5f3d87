"""Responsive images: resized copies of the site's own raster images, offered with srcset and WebP."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import html5lib
import pytest
from PIL import Image

from conftest import NOW, build_site, messages, read_tree

from ugsite.pipeline.build import BuildOptions, build
from ugsite.render import image_variants

Site = Callable[..., Path]


def picture_bytes(width: int, height: int, kind: str = "PNG", **save: object) -> bytes:
    image = Image.new("RGB", (width, height), (40, 90, 160))
    for x in range(0, width, 50):  # something to scale, not a flat colour
        image.paste((250, 200, 30), (x, 0, x + 10, height))
    out = io.BytesIO()
    image.save(out, kind, **save)  # type: ignore[arg-type]
    return out.getvalue()


def imgs(html: str) -> list[dict[str, str]]:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return [dict(img.attrib) for img in tree.iter("img")]


def sources(html: str) -> list[dict[str, str]]:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return [dict(s.attrib) for picture in tree.iter("picture") for s in picture.iter("source")]


POST = "---\ntitle: Photos\nimage: images/wide.png\n---\nThe room:\n\n![The room](/images/wide.png)\n"


def test_a_large_image_in_markdown_and_as_a_cover_gets_resized_copies_offered_with_srcset(make_site: Site) -> None:
    site = make_site({"posts/2026-05-14-photos.md": POST, "static/images/wide.png": picture_bytes(1600, 900)})
    report = build_site(site)
    assert report.written, messages(report)
    out = read_tree(site / "public")
    base = "/group-site/images/wide"
    for name, width in (("wide.480w.png", 480), ("wide.960w.png", 960), ("wide.480w.webp", 480),
                        ("wide.960w.webp", 960), ("wide.1600w.webp", 1600)):
        image = Image.open(io.BytesIO(out[f"images/{name}"]))
        assert image.size == (width, round(900 * width / 1600)) and image.format == name.rsplit(".")[-1].upper()
    page = out["posts/photos/index.html"].decode()
    body = next(i for i in imgs(page) if i.get("alt") == "The room")
    assert body["srcset"] == f"{base}.480w.png 480w, {base}.960w.png 960w, {base}.png 1600w"
    assert (body["width"], body["height"], body["loading"], body["decoding"]) == ("1600", "900", "lazy", "async")
    cover = next(i for i in imgs(page) if i.get("class") == "cover")
    assert cover["srcset"] == body["srcset"] and (cover["width"], cover["height"]) == ("1600", "900")
    assert "loading" not in cover  # at the top of the page
    webp = f"{base}.480w.webp 480w, {base}.960w.webp 960w, {base}.1600w.webp 1600w"
    assert [s["srcset"] for s in sources(page)] == [webp, webp] and all(s["type"] == "image/webp" for s in sources(page))
    card = next(i for i in imgs(out["posts/index.html"].decode()) if i.get("class") == "card-image")
    assert card["srcset"] == body["srcset"] and card["sizes"].startswith("(min-width: 40rem)")
    # The same image gives the same bytes.
    assert build_site(site, output=site / "again", cache=False).written
    assert (site / "again/images/wide.960w.webp").read_bytes() == out["images/wide.960w.webp"]


def test_copies_are_made_once_and_again_only_when_the_image_changes(make_site: Site,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"posts/2026-05-14-photos.md": POST, "static/images/wide.png": picture_bytes(1600, 900)})
    assert build_site(site).written
    made: list[tuple[int, str]] = []
    original = image_variants.resized
    monkeypatch.setattr(image_variants, "resized", lambda f, w, k: (made.append((w, k)), original(f, w, k))[1])
    (site / "posts/2026-05-14-photos.md").write_text(POST + "\nMore text.\n", encoding="utf-8")
    assert build(site, BuildOptions(now=NOW)).written
    assert made == []  # the post was rendered again, its image's copies were not
    (site / "static/images/wide.png").write_bytes(picture_bytes(1000, 500))
    assert build(site, BuildOptions(now=NOW)).written
    assert sorted(made) == [(480, "png"), (480, "webp"), (960, "png"), (960, "webp"), (1000, "webp")]
    assert build_site(site).written  # nothing changed since: compared with a clean build
    # The pages follow the new size.
    page = (site / "public/posts/photos/index.html").read_text(encoding="utf-8")
    assert "/group-site/images/wide.png 1000w" in page and "1600w" not in page
    assert not (site / "public/images/wide.1600w.webp").exists()


def test_a_photo_is_turned_upright_and_its_copies_carry_no_metadata(make_site: Site) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; show it rotated 90° clockwise
    exif[0x010F] = "Camera maker"
    site = make_site({"posts/2026-05-14-photo.md": "---\ntitle: P\n---\n![P](/images/photo.jpg)\n",
                      "static/images/photo.jpg": picture_bytes(1200, 800, "JPEG", exif=exif.tobytes())})
    assert build_site(site).written
    copy = Image.open(site / "public/images/photo.480w.jpg")
    assert copy.size == (480, 720)  # upright: taller than wide
    assert not copy.getexif()
    assert (site / "public/images/photo.jpg").read_bytes()[:2] == b"\xff\xd8"  # the original as it was


def test_small_animated_and_vector_images_are_left_as_they_are(make_site: Site) -> None:
    frames = [Image.new("RGB", (800, 400), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    animated = io.BytesIO()
    frames[0].save(animated, "PNG", save_all=True, append_images=frames[1:])
    site = make_site({
        "posts/2026-05-14-small.md": "---\ntitle: S\n---\n![a](/images/small.png) ![b](/images/moving.png) "
                                     "![c](/images/logo.svg)\n",
        "static/images/small.png": picture_bytes(400, 300),
        "static/images/moving.png": animated.getvalue(),
        "static/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="90"></svg>',
    })
    assert build_site(site).written
    page = (site / "public/posts/small/index.html").read_text(encoding="utf-8")
    assert "<picture>" not in page and "srcset" not in page
    assert sorted(p.name for p in (site / "public/images").iterdir()) == ["logo.svg", "moving.png", "small.png"]


def test_a_damaged_image_is_an_error_naming_it_and_the_last_output_stays(make_site: Site) -> None:
    site = make_site({"posts/2026-05-14-photos.md": POST, "static/images/wide.png": picture_bytes(1600, 900)})
    assert build_site(site).written
    before = read_tree(site / "public")
    whole = picture_bytes(1600, 900)
    (site / "static/images/wide.png").write_bytes(whole[: len(whole) // 2])  # its header intact, its pixels cut short
    report = build_site(site)
    assert report.failed
    assert any(m.startswith("static/images/wide.png: error: the image cannot be read to make its") for m in messages(report))
    assert read_tree(site / "public") == before


def test_a_png_and_a_webp_of_the_same_name_each_get_their_own_copies(make_site: Site) -> None:
    site = make_site({"posts/2026-05-14-logo.md": "---\ntitle: L\n---\n![L](/images/logo.webp)\n![L](/images/logo.png)\n",
                      "static/images/logo.png": picture_bytes(1000, 500),
                      "static/images/logo.webp": picture_bytes(1000, 500, "WEBP")})
    report = build_site(site)
    assert report.written, messages(report)
    out = read_tree(site / "public")
    assert Image.open(io.BytesIO(out["images/logo.webp.480w.webp"])).size == (480, 240)
    assert Image.open(io.BytesIO(out["images/logo.480w.webp"])).size == (480, 240)
    assert Image.open(io.BytesIO(out["images/logo.960w.png"])).size == (960, 480)
    page = out["posts/logo/index.html"].decode()
    assert [s["srcset"] for s in sources(page)] == [
        "/group-site/images/logo.webp.480w.webp 480w, /group-site/images/logo.webp.960w.webp 960w, "
        "/group-site/images/logo.webp 1000w",
        "/group-site/images/logo.480w.webp 480w, /group-site/images/logo.960w.webp 960w, "
        "/group-site/images/logo.1000w.webp 1000w"]
