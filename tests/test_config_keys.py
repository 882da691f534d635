"""The config file's keys and the values typed for them on the command line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickit.config_keys import BY_NAME, KEYS, find_key, option_variable, parse_text, plugin_key
from civickit.errors import UsageError
from support.cli import invoke


@given(st.text(max_size=12))
def test_whole_numbers_parse_or_fail_cleanly(text: str) -> None:
    try:
        value = parse_text(BY_NAME["cache.ttl"], text)
    except UsageError as exc:
        assert str(exc).startswith("cache.ttl: ")
    else:
        assert value == int(text.strip()) >= 0


@given(st.text(max_size=8))
def test_true_or_false_parse_or_fail_cleanly(text: str) -> None:
    try:
        value = parse_text(BY_NAME["defaults.dayfirst"], text)
    except UsageError as exc:
        assert str(exc).startswith("defaults.dayfirst: ")
    else:
        assert value is (text.strip().lower() in {"1", "true", "yes", "on"})


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_name_round_trips_through_the_file(name: str) -> None:
    result = invoke(["config", "set", "--", "sender.name", name])  # -- as a value may start with -
    if not name.strip():
        assert result.exit_code == 2
        return
    assert result.exit_code == 0, result.stderr
    assert invoke(["config", "get", "sender.name"]).stdout == f"{name.strip()}\n"


def test_keys_are_unique_lower_case_and_dotted() -> None:
    names = [key.name for key in KEYS]
    assert len(names) == len(set(names))
    assert all(name == name.lower() and "." in name for name in names)
    assert all(key.variable for key in KEYS if key.secret)


@pytest.mark.parametrize(
    ("command", "flag", "variable"),
    [
        ("letter", "--from-address", "CIVICKIT_LETTER_FROM_ADDRESS"),
        ("", "--campaign", "CIVICKIT_CAMPAIGN"),
        ("data sync", "--state", "CIVICKIT_DATA_SYNC_STATE"),
    ],
)
def test_option_variable(command: str, flag: str, variable: str) -> None:
    assert option_variable(command, flag) == variable


def test_plugin_keys_and_unknown_ones() -> None:
    key = plugin_key("adapters.my_service_key")
    assert key is not None
    assert (key.variable, key.secret) == ("MY_SERVICE_KEY", True)
    assert find_key("ADAPTERS.MY_SERVICE_URL").variable == "CIVICKIT_MY_SERVICE_URL"
    assert plugin_key("adapters.my service_key") is None
    assert plugin_key("sender.x_key") is None
    with pytest.raises(UsageError, match=r"did you mean defaults\.paper"):
        find_key("defaults.papr")
