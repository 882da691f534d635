"""CLI: --offline, `cache` and `targets`, and how network errors reach the terminal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import pytest
from pytest_httpserver import HTTPServer

from civickit.cli import cli
from civickit.cli.context import AppContext, pass_app
from civickit.lookup.adapters.base import AdapterContext, GeocodeQuery
from civickit.lookup.adapters.census import CensusGeocoder
from civickit.lookup.adapters.congress_gov import CongressGovDirectory
from civickit.lookup.cache import AnswerCache
from civickit.lookup.store import DataStore
from netsupport import FIXTURES, fast_session
from support.cli import RunCli

TARGETS = FIXTURES / "targets"
KEY = "cli-secret-key-123"


def test_help_lists_commands_and_offline(run_cli: RunCli) -> None:
    result = run_cli(["--help"])
    assert result.exit_code == 0
    assert "--offline" in result.output
    assert "cache" in result.output
    assert "targets" in result.output


@pytest.mark.parametrize(
    "args", [["cache", "--help"], ["cache", "info", "--help"], ["targets", "check", "--help"]]
)
def test_subcommand_help_has_examples(run_cli: RunCli, args: list[str]) -> None:
    result = run_cli(args)
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "civickit " in result.output


def test_cache_info_and_clear(run_cli: RunCli, isolated_env: Path) -> None:
    folder = isolated_env / "civickit-cache" / "answers"
    cache = AnswerCache()
    cache.put("census", "a", 1)
    cache.put("census", "b", 2)
    result = run_cli(["cache", "info", "--format", "json"])
    assert result.exit_code == 0
    data = result.json()
    assert data["folder"] == str(folder)
    assert data["entries"] == 2
    text = run_cli(["cache", "info"])
    assert text.stdout.splitlines()[1].startswith("2 answers, ")
    cleared = run_cli(["cache", "clear"])
    assert cleared.exit_code == 0
    assert cleared.stderr == "Removed 2 cached answers.\n"
    assert cleared.stdout == ""
    assert list(folder.glob("*.json")) == []


def test_targets_check_json(run_cli: RunCli) -> None:
    result = run_cli(["targets", "check", str(TARGETS / "council.csv"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert [t["name"] for t in data] == ["Ada Lopez", "Sam Chen"]
    assert data[0]["office"] == "other"
    assert result.stderr == "2 targets OK.\n"


def test_targets_check_text(run_cli: RunCli) -> None:
    result = run_cli(["targets", "check", str(TARGETS / "executives.toml")])
    assert result.exit_code == 0
    assert result.stdout == (
        "Chief Executive Officer Jane Doe (Example Retail Inc.): ceo@example.com\n"
        "Chief Privacy Officer John Roe (Example Retail Inc.): "
        "https://example.com/privacy/contact\n"
    )


def test_targets_check_reports_every_problem_and_exits_2(run_cli: RunCli) -> None:
    path = TARGETS / "bad.csv"
    result = run_cli(["targets", "check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {path}: 7 problems:"
    assert lines[1] == "  - row 2: name is empty; give the person's or office's name"
    assert lines[7] == "  - row 4: website 'ftp://example.com' is not an http(s):// URL"
    assert len(lines) == 8
    assert "Traceback" not in result.stderr


def test_targets_check_stdin_and_csv_neutralises_formulas(run_cli: RunCli) -> None:
    text = 'name,email\n"=HYPERLINK(""http://evil.test"")",a@example.com\n'
    result = run_cli(
        ["targets", "check", "-", "--input-format", "csv", "--format", "csv"], input=text
    )
    assert result.exit_code == 0, result.stderr
    row = result.stdout.splitlines()[1]
    assert row.startswith("\"'=HYPERLINK(")


def test_targets_check_warns_of_an_encoding_guess_and_counts_one_target(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "t.tsv"
    path.write_bytes("name\temail\nJos\xe9\tj@example.com\n".encode("cp1252"))
    result = run_cli(["targets", "check", str(path)], expect=0)
    assert result.stdout == "Jos\xe9 (other): j@example.com\n"
    warning, done = result.stderr.splitlines()
    assert warning.startswith(f"Warning: {path} is not UTF-8 (byte 14); reading it as Windows-1252")
    assert done == "1 target OK."


def test_offline_flag_reaches_the_library(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.delenv("CIVICKIT_OFFLINE")

    @click.command("probe")
    @pass_app
    def probe(app: AppContext) -> None:
        geocoder = CensusGeocoder(base_url=httpserver.url_for("/"))
        geocoder.bind(AdapterContext(DataStore(settings=app.settings), app.settings.offline))
        geocoder.geocode(GeocodeQuery(address="1 Main St"))

    with _temporary_command(probe):
        result = run_cli(["--offline", "probe"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the census adapter needs the network to ask the US Census Geocoder, but "
        "offline mode is on (--offline or CIVICKIT_OFFLINE=1); drop --offline or use an "
        "adapter that works from synced data\n"
    )
    assert "CIVICKIT_OFFLINE" not in os.environ  # the flag travels in Settings
    assert httpserver.log == []
    assert httpserver.log == []


def test_network_failure_exits_1_without_the_key(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.setenv("CONGRESS_GOV_API_KEY", KEY)
    httpserver.expect_request("/v3/member/CA").respond_with_data(f"bad key {KEY}", status=500)

    @click.command("probe")
    def probe() -> None:
        CongressGovDirectory(
            base_url=httpserver.url_for("/v3"), session=fast_session(retries=0), offline=False
        ).senators("CA")

    with _temporary_command(probe):
        result = run_cli(["probe"])
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: Congress.gov answered HTTP 500 for /member/CA; try again later\n"
    )
    assert KEY not in result.stderr + result.stdout


@contextmanager
def _temporary_command(command: click.Command) -> Iterator[None]:
    """Add a probe command to the real group for one test."""
    cli.add_command(command)
    try:
        yield
    finally:
        cli.commands.pop(command.name or "", None)


@pytest.mark.parametrize("command", ["cache info", "cache clear", "targets check", "--offline"])
def test_commands_are_documented(command: str) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "network-adapters.md").read_text(
        encoding="utf-8"
    )
    assert f"civickit {command}" in docs
