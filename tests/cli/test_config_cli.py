"""``civickit config``: a profile set once is used by letter, callscript and batch, with one
precedence (flag, then variable, then config file, then built-in default) for every option."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import click
import pytest

from batch_support import write_csv
from civickit.cli import cli
from civickit.config_keys import KEYS
from civickit.settings import ConfigFile, Settings
from conftest import REPO_ROOT
from support.cli import CliResult, RunCli, invoke

ADDRESS = "1 Broadway; Oakland, CA 94612"


def run(*args: str, env: dict[str, str | None] | None = None) -> CliResult:
    return invoke(list(args), env=env)


def config_file() -> Path:
    return Path(os.environ["CIVICKIT_CONFIG_DIR"]) / "config.toml"


def set_profile() -> None:
    for key, value in (
        ("sender.name", "Ada Lopez"),
        ("sender.address", ADDRESS),
        ("sender.email", "ada@example.org"),
        ("defaults.to", "house"),
        ("defaults.formats", "txt,md"),
    ):
        run("config", "set", key, value).expect(0)


# ----------------------------------------------------------------------------- the profile


def test_letter_callscript_and_batch_use_the_profile_and_a_flag_still_wins(
    lookup_data: Path, tmp_path: Path
) -> None:
    set_profile()
    letter = run("letter", "--district", "CA-12", "--date", "2026-11-26").expect(0)
    # defaults.to = house: one letter, to CA-12's representative, signed from the profile.
    assert letter.stdout.count("Sincerely,") == 1
    assert "Dear Representative Simon:" in letter.stdout
    assert "Ada Lopez\n1 Broadway\nOakland, CA 94612" in letter.stdout

    flagged = run("letter", "--district", "CA-12", "--name", "Bo Chen", "--to", "senate")
    assert flagged.expect(0).stdout.count("Sincerely,") == 2
    assert "Bo Chen" in flagged.stdout
    assert "Ada Lopez" not in flagged.stdout

    script = run("callscript", "--district", "CA-12").expect(0)
    assert "my name is Ada Lopez and I live in Oakland, CA 94612" in script.stdout
    assert "Simon" in script.stdout
    assert "Padilla" not in script.stdout
    assert "Bo Chen" in run("callscript", "--district", "CA-12", "--name", "Bo Chen").stdout

    sheet = write_csv(tmp_path / "s.csv", [["name", "district"], ["Cy", "CA-12"]])
    run("batch", str(sheet), "--out", str(tmp_path / "out")).expect(0)
    saved = json.loads((tmp_path / "out" / ".civickit" / "options.json").read_text("utf-8"))
    assert (saved["formats"], saved["to"]) == ("txt,md", "us-house")
    letters = {p.suffix for p in (tmp_path / "out").glob("cy-*/*")}
    assert {".md", ".txt"} <= letters
    assert not letters & {".pdf", ".eml", ".html"}
    # A config default is not a choice --resume checks against the batch's own options.
    run("config", "set", "defaults.formats", "pdf").expect(0)
    run("batch", str(sheet), "--out", str(tmp_path / "out"), "--resume").expect(0)
    run("batch", str(sheet), "--out", str(tmp_path / "two"), "--formats", "eml").expect(0)
    saved = json.loads((tmp_path / "two" / ".civickit" / "options.json").read_text("utf-8"))
    assert (saved["formats"], saved["to"]) == ("eml", "us-house")


def test_a_variable_wins_over_the_config_file(lookup_data: Path) -> None:
    set_profile()
    result = run("letter", "--district", "CA-12", env={"CIVICKIT_LETTER_NAME": "Dee Env"})
    assert "Dee Env" in result.expect(0).stdout
    assert "Ada Lopez" not in result.stdout
    listed = run(
        "config", "list", "--origin", "--format", "json", env={"CIVICKIT_LETTER_NAME": "Dee Env"}
    )
    rows = {row["key"]: row for row in listed.expect(0).json()}
    assert rows["sender.name"] == {
        "key": "sender.name",
        "value": "Dee Env",
        "origin": "env CIVICKIT_LETTER_NAME",
        "help": "Your name, as you sign letters.",
    }
    assert rows["sender.address"]["origin"] == f"config {config_file()}"
    assert "smtp.host" not in rows


def test_list_origin_text_and_all_keys() -> None:
    run("config", "set", "sender.name", "Ada Lopez").expect(0)
    text = run("config", "list", "--origin").expect(0).stdout
    assert f"sender.name = Ada Lopez  # config {config_file()}\n" in text
    assert "defaults.offline = 1  # env CIVICKIT_OFFLINE\n" in text  # the test environment's
    every = run("config", "list", "--all", "--format", "json").expect(0).json()
    assert [row["key"] for row in every] == [key.name for key in KEYS]
    assert run("config", "get", "sender.name").expect(0).stdout == "Ada Lopez\n"
    missing = run("config", "get", "smtp.host").expect(1)
    assert missing.stderr == "Error: smtp.host is not set; civickit config set smtp.host VALUE\n"


def test_the_global_campaign_comes_from_the_config(tmp_path: Path) -> None:
    import tomllib

    run("campaign", "init", str(tmp_path / "mine")).expect(0)
    made = tomllib.loads((tmp_path / "mine" / "campaign.toml").read_text("utf-8"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:  # a relative folder is kept as an absolute one: it means the same from everywhere
        run("config", "set", "defaults.campaign", "mine").expect(0)
        run("config", "set", "cache.dir", "~/cache").expect(0)
    finally:
        os.chdir(previous)
    assert run("config", "get", "defaults.campaign").stdout == f"{tmp_path / 'mine'}\n"
    stored = tomllib.loads(config_file().read_text("utf-8"))
    assert stored["cache"]["dir"] == str(Path("~/cache").expanduser())  # CIVICKIT_CACHE_DIR wins
    shown = run("campaign", "show", "--format", "json").expect(0).json()
    assert shown["id"] == made["id"] == "mine"
    builtin = run("--campaign", "facial-recognition", "campaign", "show", "--format", "json")
    assert builtin.expect(0).json()["id"] == "facial-recognition"


# ----------------------------------------------------------------------------- checks


def test_an_unknown_key_names_the_close_ones() -> None:
    result = run("config", "set", "sender.nmae", "x").expect(2)
    assert result.stderr.startswith(
        "Error: config: unknown key 'sender.nmae'; did you mean sender.name"
    )
    assert result.stderr.count("\n") == 1
    assert not config_file().exists()


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("sender.email", "ada@", "sender.email: 'ada@' is not an e-mail address"),
        ("sender.phone", "call me", "sender.phone: 'call me' is not a phone number"),
        ("defaults.to", "hous", "defaults.to 'hous': unknown office 'hous'"),
        ("defaults.formats", "txt,doc", "defaults.formats: --formats 'txt,doc': unknown format"),
        ("defaults.paper", "a5", "defaults.paper: 'a5' is not one of 'letter', 'a4'."),
        ("defaults.letter_format", "docx", "defaults.letter_format: 'docx' is not one of"),
        ("smtp.port", "70000", "smtp.port: 70000 is not in the range 1<=x<=65535."),
        ("cache.ttl", "soon", "cache.ttl: 'soon' is not a whole number"),
        ("defaults.dayfirst", "maybe", "defaults.dayfirst: 'maybe' is not true or false"),
        ("adapters.census_url", "ftp://x", "adapters.census_url: 'ftp://x' is not an http(s) URL"),
    ],
)
def test_values_are_checked_as_their_flags_check_them(key: str, value: str, error: str) -> None:
    result = run("config", "set", key, value).expect(2)
    assert result.stderr.startswith(f"Error: {error}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert not config_file().exists()


def test_values_are_stored_typed_and_normalised() -> None:
    run("config", "set", "defaults.formats", "TEXT,pdf").expect(0)
    run("config", "set", "defaults.dayfirst", "yes").expect(0)
    run("config", "set", "smtp.port", "2525").expect(0)
    run("config", "set", "organisation.cwc.contact_email", " cwc@example.org ").expect(0)
    assert config_file().read_text("utf-8") == (
        '[defaults]\nformats = "txt,pdf"\ndayfirst = true\n\n[smtp]\nport = 2525\n\n'
        '[organisation.cwc]\ncontact_email = "cwc@example.org"\n'
    )


def test_set_and_unset_keep_comments_and_drop_empty_tables() -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('# mine\n[sender]\n# who I am\nname = "Ada"\n', encoding="utf-8")
    run("config", "set", "sender.phone", "415-555-0100").expect(0)
    assert config_file().read_text("utf-8") == (
        '# mine\n[sender]\n# who I am\nname = "Ada"\nphone = "415-555-0100"\n'
    )
    run("config", "unset", "sender.phone").expect(0)
    removed = run("config", "unset", "sender.name").expect(0)
    assert removed.stderr == f"Removed sender.name from {config_file()}\n"
    assert config_file().read_text("utf-8") == "# mine\n"
    assert run("config", "unset", "sender.name").expect(0).stderr == "sender.name was not set\n"


# ----------------------------------------------------------------------------- secrets


def test_secrets_only_when_asked_in_a_0600_file_and_never_shown() -> None:
    refused = run("config", "set", "adapters.openstates_api_key", "k3y-123").expect(2)
    assert "adapters.openstates_api_key is a secret: add --secret" in refused.stderr
    assert "OPENSTATES_API_KEY" in refused.stderr
    assert not config_file().exists()
    run("config", "set", "--secret", "adapters.openstates_api_key", "k3y-123").expect(0)
    secrets = config_file().with_name("secrets.toml")
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert not config_file().exists()
    listed = run("config", "list", "--origin").expect(0).stdout
    assert "k3y" not in listed
    assert f"adapters.openstates_api_key = ********  # config {secrets}" in listed
    assert run("config", "get", "adapters.openstates_api_key").stdout == "********\n"
    assert "--secret" in run("config", "set", "--secret", "sender.name", "x").expect(2).stderr
    run("config", "unset", "adapters.openstates_api_key").expect(0)
    assert secrets.read_text("utf-8") == ""


def test_a_secret_in_the_config_file_itself_is_refused() -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('[smtp]\npassword = "hunter2"\n', encoding="utf-8")
    result = run("facts").expect(2)
    assert "smtp.password is a secret; move it to" in result.stderr
    assert "hunter2" not in result.stderr


# ----------------------------------------------------------------------------- files


def test_path_config_option_and_variable(tmp_path: Path) -> None:
    assert run("config", "path").expect(0).stdout == f"{config_file()}\n"
    other = tmp_path / "elsewhere.toml"
    assert run("--config", str(other), "config", "path").stdout == f"{other}\n"
    assert run("config", "path", env={"CIVICKIT_CONFIG": str(other)}).stdout == f"{other}\n"
    assert (
        run("config", "path", "--secrets").stdout == f"{config_file().with_name('secrets.toml')}\n"
    )
    run("--config", str(other), "config", "set", "sender.name", "Ada").expect(0)
    assert other.read_text("utf-8") == '[sender]\nname = "Ada"\n'
    assert not config_file().exists()


def test_a_broken_file_fails_every_command_but_config(tmp_path: Path) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('[sender]\nnmae = "Ada"\n', encoding="utf-8")
    result = run("facts").expect(2)
    assert result.stderr == (
        f"Error: {config_file()}: unknown key 'sender.nmae'; did you mean sender.name or sender.phone or sender.email?\n"
    )
    assert run("config", "list").expect(2).stderr == result.stderr
    assert run("config", "path").expect(0).stdout == f"{config_file()}\n"
    run("config", "unset", "sender.nmae").expect(0)
    run("facts").expect(0)
    config_file().write_text("[sender\n", encoding="utf-8")
    assert "not valid TOML" in run("facts").expect(2).stderr
    config_file().write_text("[defaults]\ndayfirst = 'yes'\n", encoding="utf-8")
    assert run("facts").expect(2).stderr == (
        f"Error: {config_file()}: defaults.dayfirst = 'yes' should be true or false\n"
    )


def test_edit_opens_the_editor_and_checks_the_result(tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'a').write('[sender]\\nnmae = 1\\n')\n", encoding="utf-8"
    )
    command = f"{sys.executable} {editor}"
    result = run("config", "edit", env={"EDITOR": command, "VISUAL": None}).expect(2)
    assert "unknown key 'sender.nmae'" in result.stderr
    assert "kept as you saved it" in result.stderr
    text = config_file().read_text("utf-8")
    assert text.startswith("# civickit's config file") and text.endswith("nmae = 1\n")


# ----------------------------------------------------------------------------- conventions


def test_a_bad_value_names_its_variable_or_config_key(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["name", "district"], ["Cy", "CA-12"]])
    by_variable = run(
        "batch", str(sheet), "--out", str(tmp_path / "o"), env={"CIVICKIT_BATCH_JOBS": "0"}
    )
    assert by_variable.expect(2).stderr.endswith(
        "Error: Invalid value for environment variable CIVICKIT_BATCH_JOBS (of --jobs): "
        "0 is not in the range 1<=x<=64.\n"
    )
    top = run("facts", env={"CIVICKIT_OFFLINE": "maybe"}).expect(2)
    assert "Invalid value for environment variable CIVICKIT_OFFLINE (of --offline)" in top.stderr
    config_file().parent.mkdir(parents=True)
    config_file().write_text("[smtp]\nport = 0\n", encoding="utf-8")
    by_key = run("send", str(tmp_path), "--dry-run").expect(2)
    assert by_key.stderr.endswith(
        f"Error: Invalid value for config key smtp.port in {config_file()} (of --smtp-port): "
        "0 is not in the range 1<=x<=65535.\n"
    )
    assert "--smtp-port 0" not in by_key.stderr


def _options(command: click.Command, path: str) -> list[tuple[str, click.Option]]:
    found = [(path, p) for p in command.params if isinstance(p, click.Option)]
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None
            found += _options(sub, f"{path} {name}".strip())
    return found


def test_help_shows_each_options_variable(run_cli: RunCli) -> None:
    missing = []
    for path, option in _options(cli, ""):
        if option.envvar is None:
            assert option.name in {"version", "security"}, option.opts
            continue
        help_text = run_cli([*path.split(), "--help"], expect=0).stdout
        if f"{option.envvar}" not in help_text.replace("\n", " ").replace("  ", " "):
            missing.append((path, option.opts))
    assert missing == []


def test_every_config_key_names_real_options() -> None:
    context = click.Context(cli)
    for key in KEYS:
        for option in key.options:
            command: click.Command = cli
            for word in option.command.split():
                assert isinstance(command, click.Group)
                sub = command.get_command(context, word)
                assert sub is not None, option
                command = sub
            params = {p.name: p for p in command.params if isinstance(p, click.Option)}
            assert option.flag in params[option.param].opts, key.name
            assert params[option.param].envvar == option.variable, key.name


def test_global_quiet_and_verbose(lookup_data: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["name", "district"], ["Cy", "CA-12"]])
    loud = run("batch", str(sheet), "--out", str(tmp_path / "a"))
    assert "1 row: 1 ok" in loud.expect(0).stderr
    # The global --quiet is batch's own: only the outcome line is left.
    quiet = run("--quiet", "batch", str(sheet), "--out", str(tmp_path / "b")).expect(0)
    own = run("batch", "-q", str(sheet), "--out", str(tmp_path / "c")).expect(0)
    assert quiet.stderr == f"1 row: 1 ok; output in {tmp_path / 'b'}\n"
    assert own.stderr == f"1 row: 1 ok; output in {tmp_path / 'c'}\n"
    assert quiet.stdout == loud.stdout.replace(str(tmp_path / "a"), str(tmp_path / "b"))
    init = run("-q", "campaign", "init", str(tmp_path / "d")).expect(0)
    assert init.stderr == ""
    verbose = run("-v", "facts").expect(0)
    assert verbose.stderr.startswith(f"Config: {config_file()} (none there)\n")
    both = run("-q", "-v", "facts").expect(2)
    assert both.stderr == "Error: --quiet and --verbose contradict each other; give one\n"


def test_no_color_turns_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    @click.command()
    def paint() -> None:
        click.echo(click.style("red", fg="red"))

    monkeypatch.setitem(cli.commands, "paint", paint)
    from click.testing import CliRunner

    coloured = CliRunner().invoke(cli, ["paint"], color=True)
    assert coloured.output == "\x1b[31mred\x1b[0m\n"
    plain = CliRunner().invoke(cli, ["paint"], color=True, env={"NO_COLOR": "1"})
    assert plain.output == "red\n"
    off_terminal = CliRunner().invoke(cli, ["paint"])
    assert off_terminal.output == "red\n"


def test_docs_list_every_key_with_what_it_sets() -> None:
    text = (REPO_ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    for key in KEYS:
        where = [f"`{option.label}`" for option in key.options]
        where += [f"`{key.variable}`"] if key.variable else []
        row = next((line for line in text.splitlines() if line.startswith(f"| `{key.name}` |")), "")
        assert row, key.name
        assert all(name in row for name in where), (key.name, row)


def test_a_plugin_adapters_key_and_url_are_kept_under_adapters() -> None:
    run("config", "set", "--secret", "adapters.civicdata_api_key", "pk-1").expect(0)
    run("config", "set", "adapters.civicdata_url", "http://127.0.0.1:9/api").expect(0)
    listed = run("config", "list", "--origin").expect(0).stdout
    assert "adapters.civicdata_api_key = ********  # config" in listed
    assert "adapters.civicdata_url = http://127.0.0.1:9/api  # config" in listed
    settings = Settings.from_environ({}, config=ConfigFile.load(config_file()))
    assert settings.secret("CIVICDATA_API_KEY") == "pk-1"
    assert settings.base_urls == {"CIVICKIT_CIVICDATA_URL": "http://127.0.0.1:9/api"}
    assert (
        "unknown key 'adapters.civicdata'" in run("config", "set", "adapters.civicdata", "x").stderr
    )
