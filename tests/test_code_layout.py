"""The package's shape: its folders follow the data flow, and each module stays small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "bantin"
# Each layer may import from itself and from the layers before it, never from one after it.
LAYERS = ["core", "formatting", "intake", "bulletin", "render", "top"]
MAX_LINES = 300


def layer_of(module: str) -> str:
    """``bantin.intake.files`` → "intake"; the modules at the top of the package (cli, explore, bench) → "top"."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "top"


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py"))


def dotted(path: Path) -> str:
    return ".".join(("bantin", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports, anywhere in it, with the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bantin"):
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("bantin.")]
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_a_module_imports_nothing_from_a_later_stage_of_the_data_flow(path):
    own = LAYERS.index(layer_of(dotted(path)))
    later = [f"line {line}: {name}" for line, name in imports_of(path) if LAYERS.index(layer_of(name)) > own]
    assert not later, f"{dotted(path)} ({LAYERS[own]}) imports from a later stage: {later}"


@pytest.mark.parametrize("path", modules(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_a_module_is_at_most_300_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_layer_rule_sees_a_later_import(tmp_path):
    """The rule above can fail: an intake module importing the bulletin's blocks is caught."""
    module = tmp_path / "files.py"
    module.write_text("from bantin.bulletin.blocks import ClusterBulletin\n", encoding="utf-8")
    [(line, name)] = imports_of(module)
    assert (line, layer_of(name)) == (1, "bulletin")
    assert LAYERS.index(layer_of(name)) > LAYERS.index(layer_of("bantin.intake.files"))
