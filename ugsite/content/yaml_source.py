"""Read YAML the way organizers mean it, and keep the line of every mapping key.

PyYAML follows YAML 1.1, which reads `18:30` as the integer 1110, `no` as False, `010` as 8
and `2026-05-01 18:30` as a string while `2026-05-01 18:30:00` is a datetime. ugsite resolves
plain scalars by the YAML 1.2 core schema instead and leaves every date as text, so the date
parser sees exactly what the user wrote and can accept it or explain why not.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ugsite.problems import Problem, error
from ugsite.content.xml_characters import describe, may_hold_uncarriable, uncarriable_key

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[Any, Any]):
    """A mapping from YAML that remembers the 1-based line of each key."""

    key_lines: dict[Any, int]
    line: int

    def line_of(self, key: Any) -> int | None:
        """Return the line of `key`, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class _Loader(_Base):  # type: ignore[misc]
    duplicates: list[tuple[Any, int]]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        mapping = LineDict()
        mapping.key_lines = {}
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            line = key_node.start_mark.line + 1
            if key in mapping.key_lines:
                self.duplicates.append((key, line))
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = line
        return mapping


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    return loader.construct_mapping(node, deep=True)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)\.[0-9]*)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("merge", r"<<", "<"),
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), list(_first))


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text from `path`; lines are counted from `first_line` (front matter offset)."""
    loader = _Loader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        # Only anchors (&name) and aliases (*name) can make a document larger than its text.
        if node is not None and "&" in text and "*" in text and (swollen := _swollen(node)) is not None:
            return None, [error(path, "YAML aliases (*name) here repeat the same data so often that it would "
                                "fill the memory", swollen.start_mark.line + first_line,
                                "write the data out, or use an alias only for a small mapping")]
        value = loader.construct_document(node) if node is not None else None
    except RecursionError:
        return None, [error(path, "the YAML is nested too deeply", None, "nest mappings and lists a few levels at most")]
    except yaml.MarkedYAMLError as exc:
        if exc.context and "quoted scalar" in exc.context and exc.context_mark and "end of stream" in str(exc.problem):
            # The end of the file is where the scanner gave up; the quote that never closes is the news.
            return None, [error(path, "invalid YAML: this quote is never closed", exc.context_mark.line + first_line,
                                "end the value with the same quote it starts with, or remove the opening quote")]
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        what = exc.problem or exc.context or "YAML syntax error"
        return None, [error(path, f"invalid YAML: {what}", line, _yaml_hint(what))]
    except yaml.YAMLError as exc:
        return None, [error(path, f"invalid YAML: {exc}", None, _yaml_hint(str(exc)))]
    finally:
        loader.dispose()
    _shift_lines(value, first_line - 1)
    if may_hold_uncarriable(text) and (found := uncarriable_key(value)) is not None:
        key, char = found
        line = value.line_of(key) if isinstance(value, LineDict) else None
        return None, [error(path, f"'{key}' holds a control character ({describe(char)}) that pages, feeds and "
                            "calendars cannot carry", line, "remove the escape sequence that writes it")]
    problems = [
        error(path, f"the key '{key}' appears twice", line + first_line - 1, "keep one of them")
        for key, line in loader.duplicates
    ]
    return value, problems


MAX_EXPANDED_NODES = 200_000  # what aliases may expand a document to; real sites stay far below


def _swollen(root: yaml.Node) -> yaml.Node | None:
    """Return a node whose aliases expand past MAX_EXPANDED_NODES ("billion laughs"), or None.

    An alias is the same node object in two places, so counting each node's expanded size
    once, from its children's, costs as much as the document as written.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        size = 1 + sum(sizes.get(id(child), 0) for child in children)
        if size > MAX_EXPANDED_NODES:
            return node
        sizes[id(node)] = size
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _shift_lines(value: Any, offset: int) -> None:
    if not offset:
        return
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for item in value.values():
            _shift_lines(item, offset)
    elif isinstance(value, list):
        for item in value:
            _shift_lines(item, offset)


def _yaml_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value that contains ': ' must be quoted, e.g. title: \"Python: the talk\""
    if "found character '\\t'" in what:
        return "YAML indentation must use spaces, not tabs"
    if "expected <block end>" in what or "did not find expected key" in what:
        return "check the indentation of this line and the one before it"
    return "check the YAML syntax near this line; quoting the value often helps"
