"""``Settings``: built once from an environment and overrides, handed to the library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from civickit.config_keys import BY_NAME
from civickit.errors import UsageError
from civickit.lookup.adapters.base import Directory
from civickit.lookup.facade import Lookup
from civickit.lookup.store import DataStore
from civickit.settings import ConfigFile, Settings, config_path, origin_of
from settings_support import MakeSettings
from support.cli import invoke


def test_from_environ_reads_every_variable(tmp_path: Path) -> None:
    settings = Settings.from_environ(
        {
            "CIVICKIT_DATA_DIR": str(tmp_path / "data"),
            "CIVICKIT_CACHE_DIR": str(tmp_path / "cache"),
            "CIVICKIT_CONFIG_DIR": str(tmp_path / "config"),
            "CIVICKIT_OFFLINE": "Yes",
            "CIVICKIT_DATA_MIRROR": " /srv/mirror ",
            "CIVICKIT_CACHE_TTL": "60",
            "CIVICKIT_NO_PLUGINS": "1",
            "CIVICKIT_CENSUS_URL": "http://127.0.0.1:9/geocoder",
            "OPENSTATES_API_KEY": " k3y ",
            "CONGRESS_GOV_API_KEY": "",
            "HOME": "/root",
        }
    )
    assert settings.data_dir == tmp_path / "data"
    assert settings.cache_dir == tmp_path / "cache"
    assert settings.config_dir == tmp_path / "config"
    assert settings.offline is True
    assert settings.data_mirror == "/srv/mirror"
    assert (settings.ttl(30), settings.plugins) == (60, False)
    assert settings.base_urls == {"CIVICKIT_CENSUS_URL": "http://127.0.0.1:9/geocoder"}
    assert settings.secret("OPENSTATES_API_KEY") == "k3y"
    assert settings.secret("CONGRESS_GOV_API_KEY") is None  # empty counts as unset
    assert settings.secret("HOME") is None  # only secret-looking names are kept
    assert "k3y" not in repr(settings)


def test_defaults_and_overrides() -> None:
    settings = Settings.from_environ({})
    assert (settings.offline, settings.data_mirror, settings.plugins) == (False, None, True)
    assert settings.ttl(30) == 30
    assert settings.data_dir.name == "civickit"
    assert Settings.from_environ({"CIVICKIT_OFFLINE": "0"}, offline=True).offline is True
    assert settings.replace(offline=True).offline is True
    with pytest.raises(AttributeError):
        settings.offline = True  # type: ignore[misc]  # frozen


def test_a_bad_ttl_is_a_usage_error_naming_the_variable() -> None:
    with pytest.raises(UsageError, match=r"^CIVICKIT_CACHE_TTL='soon' is not a number"):
        Settings.from_environ({"CIVICKIT_CACHE_TTL": "soon"})


def test_a_bad_variable_fails_every_command_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVICKIT_CACHE_TTL", "soon")
    result = invoke(["facts"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: CIVICKIT_CACHE_TTL='soon' is not a number")


def test_lookup_hands_its_settings_to_store_and_adapters(
    make_settings: MakeSettings, tmp_path: Path
) -> None:
    settings = make_settings({"OPENSTATES_API_KEY": "k"}, data_dir=tmp_path / "elsewhere")
    lookup = Lookup(settings=settings)
    assert lookup.datastore.root == tmp_path / "elsewhere"
    assert lookup.offline is True
    (openstates,) = [a for a in lookup.adapters() if a.name == "openstates"]
    assert isinstance(openstates, Directory)
    assert openstates.answers_points()  # the key came from the settings, not the environment
    assert "OPENSTATES_API_KEY" not in os.environ


def test_stale_warnings_live_on_their_store(make_settings: MakeSettings) -> None:
    one, two = DataStore(settings=make_settings()), DataStore(settings=make_settings())
    one._warned_stale.add("zcta-cd")
    assert two._warned_stale == set()


# ----------------------------------------------------------------------------- the config file


def _config(tmp_path: Path, text: str, secrets: str = "") -> ConfigFile:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    if secrets:
        path.with_name("secrets.toml").write_text(secrets, encoding="utf-8")
    return ConfigFile.load(path)


def test_the_config_file_fills_variables_the_environment_leaves_unset(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        '[cache]\nttl = 60\ndir = "/srv/cache"\n[defaults]\noffline = true\n'
        '[adapters]\ncensus_url = "http://127.0.0.1:9/g"\n',
        secrets='[adapters]\nopenstates_api_key = "k3y"\n',
    )
    settings = Settings.from_environ({"CIVICKIT_CACHE_TTL": "5"}, config=config)
    assert settings.cache_ttl == 5  # the variable wins over the file
    assert settings.cache_dir == Path("/srv/cache")
    assert settings.offline is True
    assert settings.base_urls == {"CIVICKIT_CENSUS_URL": "http://127.0.0.1:9/g"}
    assert settings.secret("OPENSTATES_API_KEY") == "k3y"
    assert Settings.from_environ({}, config=config, offline=False).offline is False  # the flag


def test_default_map_gives_each_option_its_config_value(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        '[sender]\nname = "Ada"\n[defaults]\nto = "all"\ncampaign = "mine"\n'
        '[data]\nmirror = "/srv/m"\n',
    )
    assert config.default_map() == {
        "letter": {"name": "Ada", "to": "all"},
        "callscript": {"name": "Ada", "to": "all"},
        "batch": {"offices": "all"},
        "campaign_ref": "mine",
    }
    assert Settings.from_environ({}, config=config).data_mirror == "/srv/m"


def test_origin_of_follows_the_one_precedence(tmp_path: Path) -> None:
    config = _config(tmp_path, '[sender]\nname = "Ada"\n')
    name = BY_NAME["sender.name"]
    assert origin_of(name, {}, config) == ("Ada", f"config {tmp_path / 'config.toml'}")
    env = {"CIVICKIT_CALLSCRIPT_NAME": "Bo"}
    assert origin_of(name, env, config) == ("Bo", "env CIVICKIT_CALLSCRIPT_NAME")
    assert origin_of(BY_NAME["sender.phone"], env, config) == (None, "default")


def test_config_path_flag_then_variable_then_folder(tmp_path: Path) -> None:
    env = {"CIVICKIT_CONFIG_DIR": str(tmp_path)}
    assert config_path(env) == tmp_path / "config.toml"
    assert config_path({**env, "CIVICKIT_CONFIG": "/a.toml"}) == Path("/a.toml")
    assert config_path({**env, "CIVICKIT_CONFIG": "/a.toml"}, "/b.toml") == Path("/b.toml")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[sender]\nnmae = "x"\n', "unknown key 'sender.nmae'; did you mean sender.name"),
        ("[cache]\nttl = -1\n", "cache.ttl = -1 should be a whole number"),
        ("[cache]\nttl = true\n", "cache.ttl = True should be a whole number"),
        ("[sender]\nname = 3\n", "sender.name = 3 should be a string in quotes"),
        ('[smtp]\npassword = "x"\n', "smtp.password is a secret; move it to"),
        ("sender = [\n", "not valid TOML"),
    ],
)
def test_a_bad_config_file_names_the_file_and_key(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(UsageError) as caught:
        _config(tmp_path, text)
    assert str(caught.value).startswith(f"{tmp_path / 'config.toml'}: ")
    assert error in str(caught.value)
