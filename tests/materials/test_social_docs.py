"""docs/social.md stays true: its console examples are run and compared with their output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from support.cli import RunCli
from support.markdown import fenced_blocks

DOC = Path(__file__).resolve().parents[2] / "docs" / "social.md"


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in fenced_blocks(DOC, "console"):
        for chunk in re.split(r"^\$ ", block.text, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n") + "\n"))
    return examples


@pytest.mark.parametrize(("command", "output"), _examples())
def test_console_example_matches_real_output(command: str, output: str, run_cli: RunCli) -> None:
    argv = shlex.split(command)
    assert argv[0] == "civickit"
    result = run_cli(argv[1:])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == output


def test_doc_covers_both_commands_and_every_option() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(_examples()) == 2
    for needle in (
        "civickit social check", "--platform", "--count", "--thread", "--url", "--no-hashtags",
        "--template-dir", "--format",
    ):  # fmt: skip
        assert needle in text
