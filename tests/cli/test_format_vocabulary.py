"""One ``--format`` vocabulary: the same word means the same in every command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from civickit.cli import COMMANDS, cli
from civickit.cli.output import FORMATS, FormatChoice, normalise_format, parse_format_list
from support.cli import RunCli


def _commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", command.commands[sub]) for sub in command.commands]
    return found


def _format_options() -> list[tuple[str, click.Option]]:
    return [
        (name, param)
        for name, command in _commands()
        for param in command.params
        if isinstance(param, click.Option) and "--format" in param.opts
    ]


def test_many_commands_have_a_format_option() -> None:
    assert len(_format_options()) >= 15


@pytest.mark.parametrize(("name", "option"), _format_options(), ids=str)
def test_every_format_option_speaks_the_vocabulary(name: str, option: click.Option) -> None:
    assert isinstance(option.type, FormatChoice), name
    choices = list(option.type.choices)
    assert set(choices) <= set(FORMATS), name
    assert option.default == choices[0]
    if "text" in choices:
        ctx = click.Context(click.Command(name))
        assert option.type.convert("txt", option, ctx) == "text"
        assert option.type.convert("TXT", option, ctx) == "text"
        assert option.type.convert("Text", option, ctx) == "text"
    else:
        assert "txt" not in choices


def test_an_unknown_word_is_a_usage_error_naming_the_choices(
    lookup_data: Path, run_cli: RunCli
) -> None:
    result = run_cli(["lookup", "--district", "CA-12", "--format", "yaml"])
    assert result.exit_code == 2
    assert "'yaml' is not one of 'text', 'json', 'csv'" in result.stderr


def test_words_outside_the_vocabulary_cannot_be_offered() -> None:
    with pytest.raises(ValueError, match="markdown"):
        FormatChoice(["text", "markdown"])


def test_aliases_normalise() -> None:
    assert normalise_format(" TXT ") == "text"
    assert normalise_format("md") == "md"
    assert parse_format_list("text, PDF,txt,eml") == "txt,pdf,txt,eml"


def test_callscript_format_text_is_the_txt_script(lookup_data: Path, run_cli: RunCli) -> None:
    text = run_cli(["callscript", "--district", "CA-12", "--format", "text"])
    txt = run_cli(["callscript", "--district", "CA-12", "--format", "txt"])
    default = run_cli(["callscript", "--district", "CA-12"])
    assert text.exit_code == 0, text.stderr
    assert "Hello, my name is" in text.stdout
    assert text.stdout == txt.stdout == default.stdout


def test_lookup_format_txt_is_the_text_listing(lookup_data: Path, run_cli: RunCli) -> None:
    txt = run_cli(["lookup", "--district", "CA-12", "--format", "txt"])
    text = run_cli(["lookup", "--district", "CA-12", "--format", "text"])
    assert txt.exit_code == 0, txt.stderr
    assert "Simon" in txt.stdout
    assert txt.stdout == text.stdout


def test_letter_format_text_writes_txt_files(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    sender = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]
    for word, folder in (("text", "a"), ("txt", "b")):
        result = run_cli(
            ["letter", "--district", "CA-12", *sender, "--date", "2026-11-26",
             "--format", word, "--out", str(tmp_path / folder)],
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert names and all(name.endswith(".txt") for name in names)


def test_format_from_the_environment_accepts_the_alias(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--district", "CA-12"], env={"CIVICKIT_LOOKUP_FORMAT": "txt"})
    assert result.exit_code == 0, result.stderr
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)
