"""The package's layers: imports point one way, from the commands down to reading files.

A module may import from its own package and from the layers below it, never from a layer
above it nor from a package beside it in its own layer. That is what lets a newcomer read
`ls ugsite/` as the pipeline: a change to how files are read cannot reach into a command,
and caching wraps rendering from outside instead of being woven into it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ugsite"

# From the top down; packages in one layer do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("commands",),
    ("importers",),
    ("pipeline",),
    ("incremental",),
    ("render", "output"),
    ("events",),
    ("site",),
    ("content",),
    ("problems", "parallel", "__init__"),
)
LAYER_OF = {name: depth for depth, names in enumerate(LAYERS) for name in names}


def _part(module: str) -> str:
    """Return the top part of a module's dotted name under ugsite ("__init__" for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(file: Path) -> list[tuple[str, int]]:
    """Return each ugsite module `file` imports (anywhere in it, functions too), with its line."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "ugsite":
            if node.module == "ugsite":
                found += [(f"ugsite.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.split(".")[0] == "ugsite"]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "scaffold" not in p.relative_to(PACKAGE).parts)


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in _modules()} - set(LAYER_OF) - {"__main__"}
    assert not unplaced, f"place these in LAYERS (tests/test_layers.py): {sorted(unplaced)}"


@pytest.mark.parametrize("file", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_point_down(file: Path) -> None:
    own = file.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if own == "__main__":
        return
    wrong = []
    for module, line in _imports(file):
        target = _part(module)
        if target == "__version__":
            target = "__init__"
        if target == own:
            continue
        if LAYER_OF[target] <= LAYER_OF[own]:
            wrong.append(f"line {line}: {module} ({target} is {'beside' if LAYER_OF[target] == LAYER_OF[own] else 'above'} {own})")
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "markdown.py"
    module.write_text("from ugsite.incremental.cache import BuildCache\n", encoding="utf-8")
    assert _imports(module) == [("ugsite.incremental.cache", 1)]
    assert LAYER_OF[_part("ugsite.incremental.cache")] < LAYER_OF["content"]
