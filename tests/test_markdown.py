"""Markdown renders with GFM extras and Pygments, and its links resolve to site URLs."""

from pathlib import Path

import pytest

from ugsite.content.markdown import Job, LinkTargets, MarkdownRenderer, make_markdown
from ugsite.content.urls import Urls


def renderer(raw_html: str = "allow") -> MarkdownRenderer:
    targets = LinkTargets(
        routes={"posts/2026-05-14-recap.md": "posts/recap/", "posts/draft.md": None, "pages/about.md": "about/"},
        static=frozenset({"static/images/a.png"}),
    )
    return MarkdownRenderer(make_markdown(raw_html), Urls("https://org.github.io/g/"), targets)


def test_gfm_features() -> None:
    html = renderer().render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nText[^1]\n\n[^1]: Note\n", "posts/x.md"
    ).html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<s>old</s>" in html
    assert 'type="checkbox"' in html and "checked" in html
    assert 'class="footnotes"' in html and 'href="#fn1"' in html


def test_heading_ids_and_highlighting() -> None:
    html = renderer().render("## When to use it\n\n```python\ndef f(): pass\n```\n", "posts/x.md").html
    assert '<h2 id="when-to-use-it">' in html
    assert '<pre class="highlight" tabindex="0"><code class="language-python"><span class="k">def</span>' in html


def test_unknown_language_is_plain_escaped_code() -> None:
    html = renderer().render("```nosuchlang\n<b>\n```\n", "posts/x.md").html
    assert "&lt;b&gt;" in html


def test_links_to_source_files_become_urls() -> None:
    result = renderer().render(
        "[recap](2026-05-14-recap.md#part) [about](../pages/about.md) [img](../static/images/a.png)\n"
        "![root](/images/a.png) [abs](https://python.org) [frag](#x)\n",
        "posts/x.md",
    )
    assert result.problems == ()
    assert 'href="/g/posts/recap/#part"' in result.html
    assert 'href="/g/about/"' in result.html
    assert 'href="/g/images/a.png"' in result.html
    assert 'src="/g/images/a.png"' in result.html and 'loading="lazy"' in result.html
    assert 'href="https://python.org"' in result.html and 'href="#x"' in result.html


def test_link_to_missing_file_is_an_error_with_its_line() -> None:
    result = renderer().render("Intro\n\nSee [it](../posts/nope.md).\n", "posts/x.md", first_line=5)
    assert [p.format().splitlines()[0] for p in result.problems] == [
        "posts/x.md:7: error: the link to ../posts/nope.md points at posts/nope.md, which does not exist"
    ]


def test_words_count_text_and_code_but_not_markup_or_addresses() -> None:
    result = renderer().render(
        "# Two words\n\nSee [the docs](https://python.org/a/b) *now*, `x = 1`.\n\n![alt text](/images/a.png)\n\n"
        "```python\nprint('hi')\nreturn\n```\n\n<div class=\"note\">Raw words</div>\n\n| a | b c |\n|---|---|\n",
        "posts/x.md",
    )
    # Two words | See the docs now, x = 1. (`now,` is one word) | print('hi') return | Raw words | a b c
    assert result.words == 2 + 7 + 2 + 2 + 3


def test_links_in_lists_tables_and_image_text_are_checked_at_their_line() -> None:
    result = renderer().render(
        "Intro\n\n- one\n- see [a](nope.md)\n\n| x |\n|---|\n| [b](gone.md) |\n\n![c [d](lost.md)](/images/a.png)\n",
        "posts/x.md", first_line=3)
    assert [p.format().splitlines()[0].split(": the link")[0] for p in result.problems] == [
        "posts/x.md:6: error", "posts/x.md:10: error", "posts/x.md:12: error"]


def test_link_to_draft_is_a_warning() -> None:
    result = renderer().render("[d](draft.md)\n", "posts/x.md")
    assert [p.level for p in result.problems] == ["warning"]


def test_ghost_placeholders_in_markdown_and_raw_html() -> None:
    html = renderer().render(
        '![a](__GHOST_URL__/content/images/a.jpg)\n\n<img src="__GHOST_URL__/content/images/b.jpg">\n', "posts/x.md"
    ).html
    assert 'src="/g/content/images/a.jpg"' in html and 'src="/g/content/images/b.jpg"' in html
    assert "__GHOST_URL__" not in html


def test_raw_html_allowed_or_escaped() -> None:
    text = "<script>alert(1)</script>\n\nHi <b>there</b>\n"
    assert "<script>" in renderer("allow").render(text, "posts/x.md").html
    escaped = renderer("escape").render(text, "posts/x.md").html
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped and "<b>" not in escaped


def test_javascript_links_are_never_rendered() -> None:
    html = renderer().render("[x](javascript:alert(1))\n", "posts/x.md").html
    assert "href=\"javascript" not in html and "<a" not in html


def test_heading_taken_as_title_and_summary_from_first_paragraph() -> None:
    result = renderer().render("# The Title\n\nFirst *para* here.\n\nSecond.\n", "posts/x.md", take_heading=True)
    assert result.heading == "The Title"
    assert "The Title" not in result.html
    assert result.summary == "First para here."


def test_local_images_get_their_size(tmp_path: Path) -> None:
    import zlib

    png = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    png += b"\x08\x02\x00\x00\x00" + zlib.crc32(b"IHDR").to_bytes(4, "big")
    (tmp_path / "images").mkdir()
    (tmp_path / "images/photo.png").write_bytes(png)
    targets = LinkTargets(routes={}, static=frozenset({"static/images/photo.png"}), static_root=tmp_path)
    html = MarkdownRenderer(make_markdown("allow"), Urls("https://e.org/g/"), targets).render(
        "![a](/images/photo.png) ![b](/images/none.png)\n", "posts/x.md").html
    assert '<img src="/g/images/photo.png" alt="a" width="640" height="480" loading="lazy">' in html
    assert '<img src="/g/images/none.png" alt="b" loading="lazy">' in html


def test_bodies_announced_ahead_are_rendered_together_in_workers_and_answered_alike(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The descriptions of 1,000 events are rendered one at a time while events are read; announced
    # ahead (prefetch), they are shared out among the workers and each answer is the one rendering gives.
    from ugsite import parallel
    from ugsite.content import markdown

    targets = LinkTargets(routes={"posts/a.md": "posts/a/"}, static=frozenset())
    jobs = [Job(f"Event {n}: see [the post](../posts/a.md) and [nothing](../posts/none.md)", f"events/e{n}.yaml", 3,
                plain=True) for n in range(markdown.PARALLEL_THRESHOLD)]
    ahead = MarkdownRenderer(make_markdown("escape"), Urls("https://x.org/g/"), targets, workers=2)
    forked = []
    original = parallel.fork_map
    monkeypatch.setattr(markdown, "fork_map", lambda function, items, *rest: forked.append(len(items))
                        or original(function, items, *rest))
    ahead.prefetch(jobs)
    answers = [ahead.render(job.text, job.path, job.first_line, plain=True) for job in jobs]
    assert forked == [len(jobs)]  # one batch in the workers; no job rendered again one at a time
    alone = MarkdownRenderer(make_markdown("escape"), Urls("https://x.org/g/"), targets)
    assert answers == [alone.render(job.text, job.path, job.first_line, plain=True) for job in jobs]
    assert 'href="/g/posts/a/"' in answers[7].html and answers[7].problems[0].line == 3
