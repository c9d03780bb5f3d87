"""YAML is read as organizers mean it, with the line of every key."""

from ugsite.content.yaml_source import load_yaml


def test_yaml_11_traps_stay_text() -> None:
    value, problems = load_yaml("start: 18:30\nanswer: no\ncode: 010\nwhen: 2026-05-01 18:30\n", "x.yaml")
    assert problems == []
    assert value == {"start": "18:30", "answer": "no", "code": "010", "when": "2026-05-01 18:30"}


def test_core_schema_scalars_still_typed() -> None:
    value, _ = load_yaml("a: 12\nb: 2.5\nc: true\nd: null\ne: 0x1F\nf: -3\n", "x.yaml")
    assert value == {"a": 12, "b": 2.5, "c": True, "d": None, "e": 31, "f": -3}


def test_key_lines_are_recorded_and_offset() -> None:
    value, _ = load_yaml("title: x\nvenue:\n  name: Hall\n  city: Y\n", "x.yaml", first_line=2)
    assert value.key_lines == {"title": 2, "venue": 3}
    assert value["venue"].key_lines == {"name": 4, "city": 5}


def test_duplicate_key_is_an_error_with_its_line() -> None:
    _, problems = load_yaml("title: a\ndate: 2026-01-01\ntitle: b\n", "posts/x.md", first_line=2)
    assert [p.format() for p in problems] == ["posts/x.md:4: error: the key 'title' appears twice\n  hint: keep one of them"]


def test_syntax_error_names_line_and_suggests_quoting() -> None:
    _, problems = load_yaml("title: Python: the talk\n", "posts/x.md", first_line=2)
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "must be quoted" in (problems[0].hint or "")
