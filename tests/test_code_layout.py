"""The package's shape: its folders follow the data flow, and no two modules import each other, even by a detour.

Modules stay short enough to read in one sitting (about 300 lines is the review guide), but a module is cut where
its ideas part, never at a line count: no test counts lines.
"""

from __future__ import annotations

import ast
import sys
import unicodedata
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "bantin"
# Each layer may import from itself and from the layers before it, never from one after it.
LAYERS = ["messages", "model", "build", "formatting", "intake", "bulletin", "render", "top"]
# A cycle left to mend, and where: the Word writer's tables take the writer that calls them (word/blocks.py), both
# made of the HTML parsed back; the writer built from typed blocks (issue 21) has no such pair.
KNOWN_CYCLES: list[list[str]] = []


def layer_of(module: str) -> str:
    """``bantin.intake.files`` → "intake"; ``bantin.messages`` (the terminal's words) → "messages", before all;
    the other modules at the top of the package (cli, explore) → "top"."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "top"


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py"))


def dotted(path: Path, package: Path = PACKAGE) -> str:
    return ".".join(("bantin", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")


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


def imported_packages(path: Path) -> set[str]:
    """The top-level name of every module ``path`` imports, anywhere in it (``bantin`` for the project's own)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
    return found


@pytest.mark.parametrize(
    "path",
    [path for path in modules() if layer_of(dotted(path)) in ("messages", "model", "build")],
    ids=lambda path: path.relative_to(PACKAGE).as_posix(),
)
def test_the_messages_the_model_and_the_build_import_the_standard_library_only(path):
    """What a mistyped argument and a run with nothing to do load: nothing that takes time to import."""
    assert imported_packages(path) - set(sys.stdlib_module_names) - {"bantin", "__future__"} == set()


def import_graph(paths: list[Path], package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of ``paths`` and the modules of ``paths`` it imports (anywhere in it, even only for types)."""
    names = {dotted(path, package): path for path in paths}

    def module(name: str) -> str:  # ``bantin.render.fonts.configuration`` → ``bantin.render.fonts``
        while name and name not in names:
            name = name.rpartition(".")[0]
        return name

    return {name: {module(imported) for _, imported in imports_of(path)} - {"", name} for name, path in names.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or by a detour (strongly connected, Tarjan)."""
    order, lowest, stack, found = {}, {}, [], []

    def visit(node: str) -> None:
        order[node] = lowest[node] = len(order)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in order:
                visit(other)
                lowest[node] = min(lowest[node], lowest[other])
            elif other in stack:
                lowest[node] = min(lowest[node], order[other])
        if lowest[node] == order[node]:
            group = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return sorted(found)


def test_no_modules_import_each_other_even_by_a_detour():
    assert cycles(import_graph(modules())) == KNOWN_CYCLES


def test_the_cycle_finder_sees_a_detour(tmp_path):
    """The rule above can fail: a → b → c → a is found, and d, which only imports a, is not part of it."""
    package = tmp_path / "bantin"
    package.mkdir()
    for name, imported in {"a": "b", "b": "c", "c": "a", "d": "a"}.items():
        (package / f"{name}.py").write_text(f"from bantin.{imported} import something\n", encoding="utf-8")
    assert cycles(import_graph(sorted(package.glob("*.py")), package)) == [["bantin.a", "bantin.b", "bantin.c"]]


def test_the_layer_rule_sees_a_later_import(tmp_path):
    """The rule above can fail: an intake module importing the bulletin's blocks is caught."""
    module = tmp_path / "files.py"
    module.write_text("from bantin.bulletin.blocks import ClusterBulletin\n", encoding="utf-8")
    [(line, name)] = imports_of(module)
    assert (line, layer_of(name)) == (1, "bulletin")
    assert LAYERS.index(layer_of(name)) > LAYERS.index(layer_of("bantin.intake.files"))


# The modules that speak to the terminal (and, for the intake's findings, to the validation report): their words
# are in bantin/messages.py. Not here, for the words of documents they hold: intake/layout.py and
# intake/template_workbook.py (the Excel template's), model/periods.py (a period's label), formatting.py (a date's),
# and intake/normalize.py, whose letters are those of the legacy encodings it recognizes.
SPEAKERS = [
    "guide.py",
    "cli.py",
    "explore.py",
    "build/crash.py",
    "build/project.py",
    "build/provenance.py",
    "build/publish.py",
    "build/venv.py",
    "bulletin/blocks.py",
    "bulletin/correction.py",
    "bulletin/narrative.py",
    "bulletin/notes.py",
    "intake/completeness.py",
    "intake/consolidated.py",
    "intake/files.py",
    "intake/rules.py",
    "intake/sheet.py",
    "intake/sniff.py",
    "intake/template.py",
    "intake/validate.py",
    "intake/workbook.py",
    "model/errors.py",
    "model/organisation.py",
    "model/reference.py",
    "model/reference_check.py",
    "model/site_wording.py",
    "render/batch.py",
    "render/correction.py",
    "render/execution.py",
    "render/failed_validation.py",
    "render/jobs.py",
    "render/kernel_pool.py",
    "render/pipeline.py",
    "render/worker_kernel.py",
]


def vietnamese_literals(path: Path) -> list[str]:
    """The string literals of ``path`` written in Vietnamese (a Latin letter beyond ASCII), docstrings aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented) and node.body and isinstance(node.body[0], ast.Expr)
    }
    return [
        f"line {node.lineno}: {node.value[:40]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        if any(ord(char) > 127 and "LATIN" in unicodedata.name(char, "") for char in node.value)
    ]


@pytest.mark.parametrize("name", SPEAKERS)
def test_what_a_module_says_in_the_terminal_is_worded_in_the_messages_module(name):
    assert vietnamese_literals(PACKAGE / name) == []


def test_the_check_of_vietnamese_words_finds_them():
    assert vietnamese_literals(PACKAGE / "messages.py") != []
