"""Read the literal settings of a Ruby config file (Middleman's config.rb) line by line, never running it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_LITERAL = r"""(?P<value>"(?:[^"\\#]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false|nil|:\w+)"""
_SET = re.compile(rf"^set\s*\(?\s*:(?P<key>\w+)\s*,\s*{_LITERAL}\s*\)?\s*(?:#.*)?$")
_CONFIG = re.compile(rf"^config\[:(?P<key>\w+)\]\s*=\s*{_LITERAL}\s*(?:#.*)?$")
_TIME_ZONE = re.compile(rf"^Time\.zone\s*=\s*{_LITERAL}\s*(?:#.*)?$")
_ACTIVATE = re.compile(r"^activate\s*\(?\s*:(?P<name>\w+)(?P<rest>.*)$")
_OPTION = re.compile(rf"^(?P<var>\w+)\.(?P<key>\w+)\s*=\s*{_LITERAL}\s*(?:#.*)?$")
_OPENS = re.compile(r"\b(do|if|unless|case|def|begin|class|module|while|until)\b(?!.*\bend\b)")


@dataclass
class RubyConfig:
    """What config.rb sets to literal values, which extensions it activates, and the lines it left unread."""

    settings: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    extensions: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> its literal options
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of what only Ruby would tell


def read_ruby_config(text: str) -> RubyConfig:
    """Return the literal settings of `text`; every other line is listed as unread."""
    config = RubyConfig()
    block: tuple[str, str] | None = None  # (extension, block variable) of an `activate :x do |x|`
    depth = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if depth:
            depth = _inside(config, block, line, number, depth)
            continue
        block, depth = _top(config, line, number)
    return config


def _top(config: RubyConfig, line: str, number: int) -> tuple[tuple[str, str] | None, int]:
    """Read one top-level line; return the extension block it opens, if any, and the nesting depth."""
    for pattern in (_SET, _CONFIG):
        if (found := pattern.match(line)) is not None:
            config.settings[found.group("key")] = ruby_value(found.group("value"))
            config.lines[found.group("key")] = number
            return None, 0
    if (zone := _TIME_ZONE.match(line)) is not None:
        config.settings["time_zone"] = ruby_value(zone.group("value"))
        config.lines["time_zone"] = number
        return None, 0
    if (active := _ACTIVATE.match(line)) is not None:
        config.extensions[active.group("name")] = {}
        config.lines[f"activate :{active.group('name')}"] = number
        variable = re.search(r"\bdo\s*\|\s*(\w+)\s*\|", active.group("rest"))
        if variable:
            return (active.group("name"), variable.group(1)), 1
        return None, 1 if _OPENS.search(line) else 0
    config.unread.append((number, line))
    return None, 1 if _OPENS.search(line) else 0


def _inside(config: RubyConfig, block: tuple[str, str] | None, line: str, number: int, depth: int) -> int:
    """Read one line inside a block; return the nesting depth after it."""
    if line == "end" or line.startswith("end "):
        return depth - 1
    option = _OPTION.match(line)
    if block is not None and depth == 1 and option is not None and option.group("var") == block[1]:
        config.extensions[block[0]][option.group("key")] = ruby_value(option.group("value"))
        config.lines[f"{block[0]}.{option.group('key')}"] = number
    else:
        config.unread.append((number, line))
    return depth + 1 if _OPENS.search(line) else depth


def ruby_value(text: str) -> Any:
    """Return a Ruby literal (a string, number, true/false/nil or :symbol) as a Python value."""
    if text[0] in "\"'":
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    if text in ("true", "false", "nil"):
        return {"true": True, "false": False, "nil": None}[text]
    if text.startswith(":"):
        return text[1:]
    return float(text) if "." in text else int(text)
