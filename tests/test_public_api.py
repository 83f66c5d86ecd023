"""Our code uses jupyter_client, nbclient, papermill and nbconvert through their public names only.

A private name (``_x``) of theirs can change or vanish in any release, silently: no module of ``lib/`` or
``benchmarks/`` imports one, nor reads or calls a private attribute those packages define (``obj._x``,
``getattr(obj, "_x")``) unless our own code defines that name too (then it is ours: a private attribute of one
of our classes that happens to share its name).
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = [ROOT / "lib", ROOT / "benchmarks"]
# Whose private names we must not use: the kernel and execution stack we build on.
THEIRS = ["jupyter_client", "nbclient", "papermill", "nbconvert"]


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def python_files(folders: list[Path]) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py"))


def package_folder(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations, f"{name} is not installed"
    return Path(next(iter(spec.submodule_search_locations)))


def defined_private_names(paths: list[Path]) -> set[str]:
    """The private names these modules define as attributes: functions and methods, classes, class
    attributes (traits included), and ``self._x`` or ``cls._x`` attributes assigned."""
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign | ast.AnnAssign):
                        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                        names |= {target.id for target in targets if isinstance(target, ast.Name)}
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _on_self(node):
                names.add(node.attr)
    return {name for name in names if is_private(name)}


def _on_self(node: ast.Attribute) -> bool:
    return isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")


@cache
def their_private_names() -> frozenset[str]:
    return frozenset(defined_private_names(python_files([package_folder(name) for name in THEIRS])))


def other_modules(tree: ast.Module) -> set[str]:
    """The names a module binds to modules of other packages (``import os``: ``os._exit`` is not theirs)."""
    return {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.split(".")[0] not in THEIRS
    }


def private_uses(path: Path, theirs: frozenset[str], ours: frozenset[str]) -> list[str]:
    """Each use in ``path`` of a private name of ``THEIRS``, as ``line N: what``, in the order of the lines."""
    tree = ast.parse(path.read_bytes())
    elsewhere, found = other_modules(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] in THEIRS and any(map(is_private, parts + [alias.name for alias in node.names])):
                found.append((node.lineno, f"from {node.module} import {', '.join(a.name for a in node.names)}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in THEIRS and any(map(is_private, parts)):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.Attribute) and node.attr in theirs and node.attr not in ours:
            if not (isinstance(node.value, ast.Name) and node.value.id in elsewhere):
                found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _BY_NAME:
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and name.value in theirs and name.value not in ours:
                found.append((node.lineno, f"{node.func.id}(…, {name.value!r})"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


@cache
def our_private_names() -> frozenset[str]:
    return frozenset(defined_private_names(python_files(OURS)))


_BY_NAME = ("getattr", "setattr", "hasattr", "delattr")


@pytest.mark.parametrize("path", python_files(OURS), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_module_uses_a_private_name_of_the_kernel_and_execution_packages(path):
    found = private_uses(path, their_private_names(), our_private_names())
    assert not found, f"{path.relative_to(ROOT)} uses private names of {', '.join(THEIRS)}: {found}"


def test_the_check_sees_a_private_import_a_private_method_and_a_private_attribute_by_name(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from jupyter_client.client import _private_thing\n"
        "import papermill._internal\n"
        "def ready(client, reply):\n"
        "    client._handle_kernel_info_reply(reply)\n"
        "    return getattr(client, '_handle_kernel_info_reply')\n"
        "def ours(thing):\n"
        "    return thing._not_theirs_at_all\n",
        encoding="utf-8",
    )
    found = private_uses(module, their_private_names(), frozenset())
    assert [line.split(":")[0] for line in found] == ["line 1", "line 2", "line 4", "line 5"]
    # A private name our own code defines is ours, even if one of theirs has it too.
    assert [
        line.split(":")[0]
        for line in private_uses(module, their_private_names(), frozenset({"_handle_kernel_info_reply"}))
    ] == [
        "line 1",
        "line 2",
    ]
