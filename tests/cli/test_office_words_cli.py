"""One set of office words: ``--to`` means the same offices in ``letter``, ``callscript`` and
``batch``, and ``lookup --level`` takes the same words; checked through the real commands, with
the offices each one asks the real ``Lookup`` for recorded."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickit.core.offices import OFFICE_WORDS, parse_offices
from civickit.lookup.facade import Lookup
from support.cli import invoke

SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]


@pytest.fixture
def asked(lookup_data: Path, monkeypatch: pytest.MonkeyPatch) -> list[frozenset[str]]:
    """The office sets every command asks the real ``Lookup.resolve`` for, in order."""
    offices: list[frozenset[str]] = []
    resolve = Lookup.resolve

    def spy(self: Lookup, **query: Any) -> Any:
        offices.append(frozenset(query["offices"]))
        return resolve(self, **query)

    monkeypatch.setattr(Lookup, "resolve", spy)
    return offices


def _commands(words: str, sheet: Path, out: Path) -> dict[str, list[str]]:
    place = ["--district", "CA-12"]
    return {
        "letter": ["letter", *place, "--to", words, *SENDER],
        "callscript": ["callscript", *place, "--to", words, "--name", "Ada"],
        "batch": ["batch", str(sheet), "--out", str(out), "--to", words, "--no-packets"],
        "lookup": ["lookup", *place, "--level", words],
    }


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(sorted(OFFICE_WORDS)), min_size=1, max_size=3).map(",".join))
def test_the_same_words_mean_the_same_offices_in_every_command(
    asked: list[frozenset[str]], tmp_path: Path, words: str
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,district\nAda Lopez,CA-12\n", encoding="utf-8")
    for name, args in _commands(words, sheet, Path(tempfile.mkdtemp(dir=tmp_path)) / "o").items():
        asked.clear()
        result = invoke(["--as-of", "2026-11-26", *args])
        assert "Traceback" not in result.output, (name, result.output)
        # A letter also looks up the sender's own ZIP, to check they live in the district.
        times = 2 if name == "letter" else 1
        assert asked == [parse_offices(words)] * times, (name, words, result.output)


def test_unknown_words_get_one_message_everywhere(lookup_data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,district\nAda Lopez,CA-12\n", encoding="utf-8")
    expected = (
        "'house,mayor': unknown office 'mayor'; use a comma list of house, senate, "
        "state-upper, state-lower, state, federal, other, all\n"
    )
    for name, args in _commands("house,mayor", sheet, tmp_path / "o").items():
        result = invoke(args)
        option = "--level" if name == "lookup" else "--to"
        assert (result.exit_code, result.stderr) == (2, f"Error: {option} {expected}"), name


def test_batch_to_all_works_like_letter_to_all(asked: list[frozenset[str]], tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,district\nAda Lopez,CA-12\n", encoding="utf-8")
    out = tmp_path / "out"
    batch = invoke(["batch", str(sheet), "--out", str(out), "--to", "all"])
    assert batch.exit_code == 0, batch.output
    letter = invoke(["letter", "--district", "CA-12", "--to", "all", *SENDER])
    assert letter.exit_code == 0, letter.output
    everything = frozenset({"us-house", "us-senate", "state-upper", "state-lower", "other"})
    assert asked == [everything, everything, everything]  # the letter checks the sender's ZIP
    # Two senators and the House member of CA-12 (its state legislators need CA-SD-n/CA-AD-n).
    assert len(list(out.glob("ada-lopez-*/*.txt"))) == 3


def test_the_to_options_share_one_default_and_help() -> None:
    for name in ("letter", "callscript", "batch"):
        text = "".join(invoke([name, "--help"]).stdout.split())
        assert f"[envvar:CIVICKIT_{name.upper()}_TO;default:house,senate]" in text, name
        assert "house,senate,state-upper,state-lower,state,federal,other,all." in text, name
