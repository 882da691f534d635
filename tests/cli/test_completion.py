"""Shell completion, driven through click's ``_CIVICKIT_COMPLETE`` protocol as a shell drives it:
every enumerable value and every file argument completes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from civickit.cli import cli
from civickit.core.offices import OFFICE_WORDS
from civickit.core.states import CODES


def complete(*words: str, cwd: Path | None = None) -> list[tuple[str, str]]:
    """``(type, value)`` pairs bash gets for ``civickit WORDS`` (the last word is completed)."""
    line = ["civickit", *words]
    env = {
        "_CIVICKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(line),
        "COMP_CWORD": str(len(line) - 1),
    }
    if cwd is not None:
        previous = Path.cwd()
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, [], env=env, prog_name="civickit")
    finally:
        if cwd is not None:
            os.chdir(previous)
    assert result.exit_code == 0, result.output
    pairs = [line.split(",", 1) for line in result.stdout.splitlines() if line]
    return [(kind, value) for kind, value in pairs]


def values(*words: str) -> list[str]:
    return [value for kind, value in complete(*words) if kind == "plain"]


@pytest.mark.parametrize("command", ["letter", "callscript", "batch"])
def test_to_words(command: str) -> None:
    words = [command, "--to", ""] if command != "batch" else [command, "s.csv", "--to", ""]
    assert values(*words) == sorted(OFFICE_WORDS)


def test_comma_lists_complete_their_last_word() -> None:
    assert values("letter", "--to", "house,state-") == ["house,state-lower", "house,state-upper"]
    assert "house,house" not in values("letter", "--to", "house,")
    assert values("lookup", "--level", "fed") == ["federal"]
    assert values("batch", "s.csv", "--formats", "txt,p") == ["txt,pdf"]


def test_platforms_campaigns_templates_datasets_states_and_adapters() -> None:
    assert values("social", "--platform", "") == sorted(
        ["all", "bluesky", "facebook", "instagram", "linkedin", "mastodon", "threads", "x"]
    )
    assert values("social", "check", "--platform", "ma") == ["mastodon"]
    assert ("plain", "facial-recognition") in complete("--campaign", "")
    assert ("dir", "") in complete("--campaign", "")
    shown = values("templates", "show", "letter_us_")
    assert {"letter_us_house.txt", "letter_us_senate.md"} <= set(shown)
    assert values("letter", "--template", "letter_us_house") == ["letter_us_house"]
    assert values("templates", "copy", "letter_us_house.t") == ["letter_us_house.txt"]
    datasets = values("data", "sync", "--only", "")
    assert {"congress-legislators", "zcta-cd", "openstates-ca", "openstates-wy"} <= set(datasets)
    assert values("data", "sync", "--state", "") == sorted(CODES)
    assert values("data", "sync", "--state", "CA,N") == [
        f"CA,{code}" for code in sorted(CODES) if code.startswith("N")
    ]
    assert "congress-gov" in values("lookup", "--source", "")
    assert values("facts", "--tag", "k") == ["key"]
    assert values("config", "set", "sender.n") == ["sender.name"]


def test_formats_and_choices_complete() -> None:
    assert values("letter", "--format", "") == ["text", "md", "html", "pdf", "eml", "cwc", "json"]
    assert values("factsheet", "--paper", "") == ["letter", "a4"]


@pytest.mark.parametrize(
    "words",
    [
        ["batch", ""],
        ["letter", "--targets", ""],
        ["callscript", "--targets", ""],
        ["lookup", "--targets", ""],
        ["targets", "check", ""],
        ["factsheet", "--out", ""],
        ["send", ""],
        ["templates", "check", ""],
        ["--config", ""],
    ],
)
def test_file_arguments_complete_file_names(words: list[str]) -> None:
    kinds = {kind for kind, _ in complete(*words)}
    assert kinds & {"file", "dir"}, words


def test_a_failing_completer_offers_nothing(tmp_path: Path) -> None:
    assert values("--campaign", str(tmp_path / "nowhere"), "templates", "show", "") == []


def test_the_installed_script_completes_in_a_real_process() -> None:
    env = {
        **os.environ,
        "_CIVICKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": "civickit letter --to fed",
        "COMP_CWORD": "3",
    }
    code = "from civickit.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "plain,federal\n")
