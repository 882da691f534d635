"""Issue 10 point 5: a letter that says "I live in …" is checked against the sender's own ZIP.

The officials and ZIPs come from the lookup fixtures (tests/fixtures/lookup): 94103 lies wholly
in CA-11, 94612 in CA-12, 82001 is Wyoming's at-large seat, 10011 splits NY-12 and NY-10.
"""

from __future__ import annotations

from pathlib import Path

from support.cli import CliResult, invoke

DATE = ["--date", "2026-11-26"]


def letter(*args: str, address: str) -> CliResult:
    return invoke(["letter", *args, "--name", "Ada Lopez", "--from-address", address, *DATE])


def test_a_sender_outside_the_district_is_refused_naming_their_district(
    lookup_data: Path,
) -> None:
    result = letter("--district", "CA-12", address="1 Main St; San Francisco, CA 94103")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: your ZIP 94103 (--from-address) is in CA-11, --district says CA-12: a letter "
        "that says you live there must go to your own district; give your own --district, "
        "--zip or --address, or add --not-constituent to write without saying you live there\n"
    )


def test_a_cheyenne_sender_is_refused_for_a_california_district(lookup_data: Path) -> None:
    result = letter("--district", "CA-12", address="1 Main St; Cheyenne, WY 82001")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: your ZIP 82001 (--from-address) is in WY-AL, ")


def test_state_districts_are_checked_by_state(lookup_data: Path) -> None:
    result = letter(
        "--district", "CA-SD-2", "--to", "state-upper", address="1 Main St; Cheyenne, WY 82001"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: your ZIP 82001 (--from-address) is in WY, --district says CA-SD-2: "
    )
    same_state = letter(
        "--district", "CA-SD-2", "--to", "state-upper", address="1 Main St; Oakland, CA 94612"
    )
    assert same_state.exit_code == 0, same_state.output
    assert "I live in California Senate District 2" in " ".join(same_state.stdout.split())


def test_not_constituent_writes_without_claiming_to_live_there(lookup_data: Path) -> None:
    result = letter(
        "--district", "CA-12", "--not-constituent", address="1 Main St; San Francisco, CA 94103"
    )
    assert result.exit_code == 0, result.output
    letters = [" ".join(text.split()) for text in result.stdout.split("\f\n")]
    assert len(letters) == 3
    for text in letters:
        assert "I live in" not in text and "as my" not in text and "my two Senators" not in text
        assert "I am not one of your constituents, but I am writing to ask you to pass" in text


def test_a_zip_partly_in_the_district_is_accepted_with_a_note(lookup_data: Path) -> None:
    result = letter("--district", "NY-12", address="1 Main St; New York, NY 10011")
    assert result.exit_code == 0, result.output
    assert "Note: your ZIP 10011 is partly in NY-12 (also in NY-10)\n" in result.stderr
    assert "New York's 12th congressional district" in " ".join(result.stdout.split())


def test_a_sender_in_the_district_writes_as_a_constituent(lookup_data: Path) -> None:
    result = letter("--district", "CA-12", address="1 Main St, Oakland, CA 94612")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "California's 12th congressional district" in " ".join(result.stdout.split())


def test_an_address_without_a_zip_is_not_checked(lookup_data: Path) -> None:
    result = letter("--district", "CA-12", address="1 Main St; Oakland")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
