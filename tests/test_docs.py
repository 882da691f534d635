"""Docs stay true: every command has help with an example and appears in the README."""

from __future__ import annotations

import re

import click
import pytest

from civickit.cli import COMMANDS, cli
from conftest import REPO_ROOT
from support.cli import RunCli
from support.markdown import fenced_blocks

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _all_commands() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None, name
        paths.append((name,))
        if isinstance(command, click.Group):
            paths += [(name, sub) for sub in command.list_commands(ctx)]
    return paths


@pytest.mark.parametrize("path", _all_commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...], run_cli: RunCli) -> None:
    result = run_cli([*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"civickit {' '.join(path)} --help has no example"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_appears_in_the_readme(name: str) -> None:
    assert f"civickit {name}" in README


def test_readme_commands_exist() -> None:
    blocks = "\n".join(block.text for block in fenced_blocks(REPO_ROOT / "README.md", "console"))
    used = set(re.findall(r"civickit (?:--\S+ \S+ )*([a-z][a-z-]+)", blocks))
    assert {"letter", "lookup", "batch", "facts"} <= used
    assert used <= set(COMMANDS), used - set(COMMANDS)


def test_readme_names_the_test_command() -> None:
    assert "python -m pytest" in README
    assert "pip install ." in README


def test_no_merge_conflict_markers_are_left_in_the_repository() -> None:
    suffixes = {".md", ".py", ".toml", ".html", ".txt", ".js", ".css", ".json", ".xsd"}
    left = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for folder in ("src", "docs", "tests", "benchmarks")
        for path in sorted((REPO_ROOT / folder).rglob("*"))
        if path.suffix in suffixes and path.is_file()
        for number, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1)
        if line.startswith(("<<<<<<< ", ">>>>>>> "))
    ] + [
        f"README.md:{number}"
        for number, line in enumerate((REPO_ROOT / "README.md").read_text("utf-8").splitlines(), 1)
        if line.startswith(("<<<<<<< ", ">>>>>>> "))
    ]
    assert left == []
