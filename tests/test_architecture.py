"""The layout rules of docs/architecture.md, checked on the real import graph."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

SRC = Path(__file__).resolve().parents[1] / "src" / "civickit"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("civickit")


def test_import_linter_contracts_are_kept() -> None:
    """The layers contract in pyproject.toml: core <- campaign <- lookup/materials <- outreach <- cli."""
    assert lint_imports(config_filename=str(SRC.parents[1] / "pyproject.toml")) == 0


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(module: str) -> None:
        nonlocal counter
        index[module] = low[module] = counter
        counter += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles_even_through_function_level_imports(graph: grimp.ImportGraph) -> None:
    assert _cycles(graph) == []


def test_click_is_imported_only_under_cli(graph: grimp.ImportGraph) -> None:
    offenders = sorted(
        module
        for module in graph.modules
        if not module.startswith("civickit.cli")
        and "click" in {m.split(".")[0] for m in _imported_names(module)}
    )
    assert offenders == []


def _module_path(module: str) -> Path:
    parts = module.split(".")[1:]
    candidate = SRC.joinpath(*parts).with_suffix(".py")
    return candidate if candidate.exists() else SRC.joinpath(*parts, "__init__.py")


def _imported_names(module: str) -> set[str]:
    tree = ast.parse(_module_path(module).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


SETTINGS_READERS = ("os.environ", "os.getenv", "sys.stdin")


def test_only_settings_and_the_cli_read_the_environment_or_stdin() -> None:
    """The library takes a ``Settings`` object and streams: only ``settings.py`` reads
    ``os.environ`` and only ``cli/`` touches the process's stdin."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if relative.parts[0] == "cli" or relative == Path("settings.py"):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{relative}: {name}" for name in SETTINGS_READERS if name in text]
    assert found == []


MAX_MODULE_LINES = 420


def test_no_module_is_over_420_lines() -> None:
    """Each module holds one concept; a module past ~400 lines is split along a real seam."""
    too_long = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{relative}: {lines} lines (at most {MAX_MODULE_LINES})")
    assert too_long == []
