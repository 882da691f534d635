"""The shared test support itself: the CLI runner keeps streams apart, golden files diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import RunCli
from support.golden import Golden


def test_run_cli_keeps_stdout_and_stderr_apart(run_cli: RunCli) -> None:
    result = run_cli(["--campaign", "nope", "facts"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: no campaign 'nope'")
    assert result.args == ("--campaign", "nope", "facts")


def test_run_cli_parses_json(run_cli: RunCli) -> None:
    facts = run_cli(["facts", "--format", "json"], expect=0).json()
    assert isinstance(facts, list)
    assert len(facts) >= 15


def test_json_of_text_output_fails_with_the_command(run_cli: RunCli) -> None:
    result = run_cli(["facts"], expect=0)
    with pytest.raises(AssertionError, match=r"(?s)civickit facts -> exit 0\n.*stdout is not JSON"):
        result.json()


def test_an_unexpected_exit_code_shows_stderr(run_cli: RunCli) -> None:
    with pytest.raises(AssertionError) as failure:
        run_cli(["--campaign", "nope", "facts"], expect=0)
    message = str(failure.value)
    assert "expected exit code 0, got 2" in message
    assert "civickit --campaign nope facts -> exit 2" in message
    assert "stderr: \"Error: no campaign 'nope'" in message


def test_the_result_repr_carries_stderr_for_plain_asserts(run_cli: RunCli) -> None:
    result = run_cli(["--campaign", "nope", "facts"])
    assert repr(result).startswith("CliResult<civickit --campaign nope facts -> exit 2; stderr: ")
    assert "Error: no campaign" in repr(result)


def test_golden_match_passes_and_mismatch_fails_with_a_unified_diff(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("first\nsecond\n", encoding="utf-8")
    check = Golden(update=False, root=tmp_path)
    check.check("a/one.txt", "first\nsecond\n")
    with pytest.raises(AssertionError) as failure:
        check.check("a/one.txt", "first\nchanged\n")
    message = str(failure.value)
    assert "--- tests/golden/a/one.txt\n+++ actual\n" in message
    assert "-second\n+changed\n" in message
    assert "--update-golden" in message


def test_golden_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"no golden file .*--update-golden"):
        Golden(update=False, root=tmp_path).check("absent.txt", "text")


def test_golden_update_rewrites_the_file(tmp_path: Path) -> None:
    Golden(update=True, root=tmp_path).check("new/file.txt", "fresh\n")
    assert (tmp_path / "new" / "file.txt").read_text(encoding="utf-8") == "fresh\n"
    Golden(update=False, root=tmp_path).check("new/file.txt", "fresh\n")


def test_the_golden_fixture_reads_tests_golden(golden: Golden) -> None:
    assert golden.root == Path(__file__).resolve().parent / "golden"
