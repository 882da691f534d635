from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from civickit import __version__
from support.cli import RunCli


def test_version(run_cli: RunCli) -> None:
    result = run_cli(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"civickit, version {__version__}\n"


def test_help_lists_commands_and_an_example(run_cli: RunCli) -> None:
    result = run_cli(["--help"])
    assert result.exit_code == 0
    for name in ("facts", "campaign"):
        assert f"  {name}" in result.stdout
    assert "Examples:" in result.stdout


def test_python_dash_m_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "civickit", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("civickit, version")


def test_facts_json_carries_date_precision_and_source(run_cli: RunCli) -> None:
    result = run_cli(["facts", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    facts = result.json()
    assert len(facts) >= 15
    for fact in facts:
        assert {"id", "text", "date", "precision", "source"} <= fact.keys()
        assert fact["source"]["publisher"]
        assert fact["source"]["date"]
    by_id = {fact["id"]: fact for fact in facts}
    assert by_id["ab-2261-failed"]["date"] == "2020-W23"
    assert by_id["ab-2261-failed"]["precision"] == "week"
    assert by_id["city-bans"]["precision"] == "year"


def test_facts_tag_filter(run_cli: RunCli) -> None:
    result = run_cli(["facts", "--tag", "timeline", "--format", "json"])
    assert result.exit_code == 0
    ids = [fact["id"] for fact in result.json()]
    assert ids == ["ibm-exit", "amazon-pause", "microsoft-no-police-sales", "ab-2261-failed"]


def test_facts_text_never_pads_a_date(run_cli: RunCli) -> None:
    result = run_cli(["facts", "--tag", "california"])
    assert result.exit_code == 0
    assert "the week of June 1, 2020" in result.stdout
    assert "2019\n" in result.stdout
    assert "January 1, 2019" not in result.stdout
    assert "Source: The Verge" in result.stdout


def test_facts_markdown_footnotes_resolve(run_cli: RunCli) -> None:
    result = run_cli(["facts", "--format", "md"])
    assert result.exit_code == 0
    body, _, notes = result.stdout.partition("\n[^1]:")
    used = {int(n) for n in __import__("re").findall(r"\[\^(\d+)\](?!:)", body)}
    defined = {1} | {int(n) for n in __import__("re").findall(r"^\[\^(\d+)\]:", notes, flags=8)}
    assert used and used <= defined


def test_facts_csv_neutralises_nothing_needed_and_has_header(run_cli: RunCli) -> None:
    result = run_cli(["facts", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("id,date,precision,date_basis,text")


def test_unknown_tag_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli(["facts", "--tag", "nope"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown tag 'nope': use one of ")
    assert "Traceback" not in result.stderr


def test_missing_campaign_is_exit_2(run_cli: RunCli) -> None:
    result = run_cli(["--campaign", "nope", "facts"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no campaign 'nope': give a folder with campaign.toml or one of: facial-recognition\n"
    )


def test_campaign_env_variable(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["facts"], env={"CIVICKIT_CAMPAIGN": str(tmp_path / "none")})
    assert result.exit_code == 2
    assert "no campaign" in result.stderr


def test_broken_campaign_reports_every_problem(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    run_cli(["campaign", "init", str(folder)])
    toml = folder / "campaign.toml"
    text = toml.read_text()
    text = text.replace(
        'source = "example-source"\ntags = ["key"', 'source = "ghost"\ntags = ["key"'
    )
    text = text.replace('date = "', 'date = "20x', 1)
    toml.write_text(text)
    result = run_cli(["--campaign", str(folder), "facts"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {toml}: 2 problems:"
    assert any("unknown source 'ghost'" in line for line in lines)
    assert any("bad date '20x" in line for line in lines)


def test_campaign_list_and_show(run_cli: RunCli) -> None:
    listed = run_cli(["campaign", "list", "--format", "json"])
    assert listed.exit_code == 0
    assert listed.json()[0]["id"] == "facial-recognition"
    shown = run_cli(["campaign", "show", "--format", "json"])
    data = shown.json()
    assert data["asks"]["federal"]["text"].startswith(
        "Pass a national law, grounded in human rights"
    )
    text = run_cli(["campaign", "show"])
    assert "Stop police use of facial recognition" in text.stdout


def test_campaign_init_scaffold_validates_and_refuses_to_overwrite(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "library-privacy"
    created = run_cli(["campaign", "init", str(folder)])
    assert created.exit_code == 0
    assert f"Created {folder / 'campaign.toml'}" in created.stderr
    facts = run_cli(["--campaign", str(folder), "facts", "--format", "json"])
    assert facts.exit_code == 0, facts.stderr
    assert len(facts.json()) == 2
    before = (folder / "campaign.toml").read_text()
    again = run_cli(["campaign", "init", str(folder)])
    assert again.exit_code == 2
    assert again.stderr == (
        f"Error: {folder / 'campaign.toml'} already exists; add --force to replace it or "
        "choose another folder\n"
    )
    assert (folder / "campaign.toml").read_text() == before
    (folder / "campaign.toml").write_text("broken", encoding="utf-8")
    forced = run_cli(["campaign", "init", str(folder), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert (folder / "campaign.toml").read_text() == before


def test_template_overrides_folder_is_created(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    run_cli(["campaign", "init", str(folder)])
    assert (folder / "templates").is_dir()


def test_bad_as_of_is_a_usage_error_even_when_unused(run_cli: RunCli) -> None:
    result = run_cli(["--as-of", "garbage", "facts"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --as-of: cannot read the date 'garbage': "
        "use a form like 2026-11-26, 'Nov 26 2026' or 'today'\n"
    )


def test_completion_script_names_the_program(run_cli: RunCli) -> None:
    result = run_cli(["completion", "bash"])
    assert result.exit_code == 0
    assert "_CIVICKIT_COMPLETE=bash_complete" in result.stdout


def test_options_read_variables_named_after_command_and_flag(run_cli: RunCli) -> None:
    result = run_cli(
        ["facts"], env={"CIVICKIT_FACTS_FORMAT": "json", "CIVICKIT_FACTS_TAG": "timeline"}
    )
    assert result.exit_code == 0, result.stderr
    ids = [fact["id"] for fact in result.json()]
    assert ids == ["ibm-exit", "amazon-pause", "microsoft-no-police-sales", "ab-2261-failed"]


def test_subcommand_options_read_their_variables(run_cli: RunCli) -> None:
    result = run_cli(["campaign", "show"], env={"CIVICKIT_CAMPAIGN_SHOW_FORMAT": "json"})
    assert result.json()["id"] == "facial-recognition"


def test_a_bad_value_from_the_environment_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli(["facts"], env={"CIVICKIT_FACTS_FORMAT": "xml"})
    assert result.exit_code == 2
    assert (
        "Invalid value for environment variable CIVICKIT_FACTS_FORMAT (of --format): "
        "'xml' is not one of"
    ) in result.stderr


def test_the_command_the_scaffold_tells_users_to_run_works(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "my campaign"
    run_cli(["campaign", "init", str(folder)], expect=0)
    readme = (folder / "templates" / "README.txt").read_text(encoding="utf-8")
    (command,) = [line.strip() for line in readme.splitlines() if "civickit " in line]
    program, *args = shlex.split(command)
    assert program == "civickit"
    run_cli(args, expect=0)
    assert (folder / "templates" / "letter_us_senate.txt").is_file()
    shown = run_cli(["--campaign", str(folder), "templates", "list", "--format", "json"])
    origins = {t["name"]: t["origin"] for t in shown.json() if not t["shadowed"]}
    assert origins["letter_us_senate.txt"] == "campaign"
