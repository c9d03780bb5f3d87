"""Front matter in YAML, TOML and JSON, with BOMs and Windows line endings."""

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ugsite.content.frontmatter import read_source, split_front_matter
from ugsite.content.xml_characters import carriable_utf8, first_uncarriable


def test_yaml_front_matter_and_body_line() -> None:
    source, problems = split_front_matter("---\ntitle: Hi\ntags: [a, b]\n---\nBody\n", "posts/x.md")
    assert problems == [] and source is not None
    assert source.meta == {"title": "Hi", "tags": ["a", "b"]}
    assert source.meta.key_lines == {"title": 2, "tags": 3}
    assert (source.body, source.body_line, source.format) == ("Body\n", 5, "yaml")


def test_toml_front_matter_as_ghost_exports_write_it() -> None:
    text = (
        '+++\ncategories = ["News"]\ndate = 2018-05-05T04:00:00Z\ndescription = ""\ndraft = false\n'
        'image = "__GHOST_URL__/content/images/2018/05/x.jpg"\nslug = "hello"\nsummary = "S"\n'
        'tags = ["a"]\ntitle = "Hello"\n\n+++\nBody\n'
    )
    source, problems = split_front_matter(text, "posts/x.md")
    assert problems == [] and source is not None
    assert source.meta["date"] == datetime(2018, 5, 5, 4, tzinfo=timezone.utc)
    assert source.meta.key_lines["slug"] == 7
    assert source.body == "Body\n" and source.format == "toml"


def test_json_front_matter() -> None:
    source, problems = split_front_matter('{\n  "title": "Hi",\n  "draft": true\n}\nBody\n', "posts/x.md")
    assert problems == [] and source is not None
    assert source.meta == {"title": "Hi", "draft": True}
    assert source.meta.key_lines == {"title": 2, "draft": 3}
    assert source.body == "Body\n" and source.body_line == 5


def test_no_front_matter_is_all_body() -> None:
    source, problems = split_front_matter("# Title\n\nText\n", "posts/x.md")
    assert problems == [] and source is not None
    assert source.meta == {} and source.body == "# Title\n\nText\n"


def test_bom_and_crlf(tmp_path: Path) -> None:
    file = tmp_path / "x.md"
    file.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Hi\r\n---\r\nLine one\r\nLine two\r\n")
    source, problems = read_source(file, "posts/x.md")
    assert problems == [] and source is not None
    assert source.meta == {"title": "Hi"}
    assert source.body == "Line one\nLine two\n"


def test_unclosed_front_matter() -> None:
    _, problems = split_front_matter("---\ntitle: Hi\nBody\n", "posts/x.md")
    assert [p.format() for p in problems] == [
        "posts/x.md:1: error: the front matter opened with --- on line 1 is never closed\n"
        "  hint: add a line with just --- after the last front-matter field"
    ]


def test_bad_toml_and_json_name_their_line() -> None:
    _, toml_problems = split_front_matter('+++\ntitle = "ok"\ndate = tomorrow\n+++\n', "posts/x.md")
    assert toml_problems[0].line == 3 and toml_problems[0].message.startswith("invalid TOML")
    _, json_problems = split_front_matter('{\n  "title": "x"\n  "tags": []\n}\n', "posts/x.md")
    assert json_problems[0].line == 3 and json_problems[0].message.startswith("invalid JSON")


def test_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "x.md"
    file.write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    _, problems = read_source(file, "posts/x.md")
    assert problems[0].format() == "posts/x.md:2: error: the file is not UTF-8 text\n  hint: save the file as UTF-8"


def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    from ugsite.site.config import load_config
    from ugsite.incremental.document_cache import read_documents

    (tmp_path / "ugsite.yaml").write_text("title: T\nbase_url: https://e.org/\n")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/here.md").write_text("---\ndate: 2026-05-01\n---\n# Here\n")
    config, _ = load_config(tmp_path)
    assert config is not None
    gone = tmp_path / "posts/gone.md"  # listed, then deleted before it was read
    results = read_documents([(tmp_path / "posts/here.md", "posts/here.md"), (gone, "posts/gone.md")], "post", config)
    assert [doc.path for doc, _ in results if doc] == ["posts/here.md"]
    assert [p.format().splitlines() for _, found in results for p in found] == [[
        "posts/gone.md: error: the file cannot be read (No such file or directory)",
        "  hint: check that it is still there and that you may read it",
    ]]


@pytest.mark.parametrize("text", [
    '---\ntitle: "Bell \\a here"\n---\nBody\n',
    '---\ntitle: Fine\ntags: ["ok", "\\u0007"]\n---\nBody\n',
    '+++\ntitle = "Bell \\u0007 here"\n+++\nBody\n',
    '{"title": "Bell \\u0007 here"}\nBody\n',
    '{"title": "Half \\ud800 a pair"}\nBody\n',
])
def test_an_escape_that_writes_a_control_character_is_refused_in_every_front_matter(text: str) -> None:
    source, problems = split_front_matter(text, "posts/x.md")
    assert source is None
    assert any("control character" in p.message and p.level == "error" for p in problems), problems


def test_front_matter_without_escapes_or_control_characters_is_not_looked_through(monkeypatch: pytest.MonkeyPatch) -> None:
    from ugsite.content import frontmatter, yaml_source

    looked: list[object] = []
    monkeypatch.setattr(yaml_source, "uncarriable_key", lambda value: looked.append(value))
    monkeypatch.setattr(frontmatter, "uncarriable_key", lambda value: looked.append(value))
    for text in ('---\ntitle: Plain\n---\nBody\n', '+++\ntitle = "Plain"\n+++\nBody\n', '{"title": "Plain"}\nBody\n'):
        source, problems = split_front_matter(text, "posts/x.md")
        assert source is not None and problems == []
    assert looked == []


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_the_quick_look_at_a_files_bytes_never_misses_a_character_xml_cannot_carry(text: str) -> None:
    # decode_text looks at the bytes first and searches the text only when they may hold one.
    if not carriable_utf8(text.encode("utf-8")):
        return
    assert first_uncarriable(text) is None


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff"])
def test_a_file_with_a_character_xml_cannot_carry_is_shown_with_a_replacement(tmp_path: Path, char: str) -> None:
    file = tmp_path / "x.md"
    file.write_bytes(f"---\ntitle: Fine\n---\nBody {char} here\n".encode("utf-8"))
    source, problems = read_source(file, "posts/x.md")
    assert source is not None and source.body == "Body \ufffd here\n"
    assert [(p.level, p.line) for p in problems] == [("warning", 4)] and "control character" in problems[0].message
