"""``-h`` is ``--help`` for the program and every command and subcommand."""

from __future__ import annotations

import click
import pytest

from civickit.cli import COMMANDS, cli
from support.cli import RunCli


def _command_paths() -> list[list[str]]:
    paths: list[list[str]] = [[]]
    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None
        paths.append([name])
        if isinstance(command, click.Group):
            paths.extend([name, sub] for sub in command.commands)
    return paths


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "civickit")
def test_dash_h_is_help(run_cli: RunCli, path: list[str]) -> None:
    short = run_cli([*path, "-h"], expect=0)
    long = run_cli([*path, "--help"], expect=0)
    assert short.stdout == long.stdout
    assert short.stdout.startswith("Usage: ")
