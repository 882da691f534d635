"""The one location rule (``civickit.lookup.locate``), and ``letter``/``callscript`` given several
pieces of where the writer lives, which go through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from civickit.core.districts import parse_district
from civickit.errors import UsageError
from civickit.lookup.answers import LookupResult
from civickit.lookup.facade import Lookup
from civickit.lookup.locate import Location, locate
from civickit.lookup.recipients import AmbiguousPlaceError, Place, find_recipients
from support.cli import RunCli

ADDRESS = Location("address", "1 Main St, Eureka, CA")
ZIP = Location("zip", "95501")
DISTRICT = Location("district", "CA-2")
OFFLINE = UsageError("the geocoders need the network, which --offline forbids; use --zip")


def answer(*labels: str) -> LookupResult:
    districts = tuple(parse_district(label) for label in labels)
    split = len({d.kind for d in districts}) < len(districts)  # two of one kind
    return LookupResult(query="q", districts=districts, officials=(), ambiguous=split)


def test_most_precise_exact_answer_decides() -> None:
    located = locate({DISTRICT: answer("CA-2"), ZIP: answer("CA-2"), ADDRESS: answer("CA-2")})
    assert (located.location, located.problem, located.notes) == (ADDRESS, "", ())


def test_failed_address_falls_back_to_zip_with_the_reason() -> None:
    located = locate({ADDRESS: OFFLINE, ZIP: answer("CA-2")})
    assert located.location == ZIP
    assert located.notes == (
        "address not geocoded: the geocoders need the network, which --offline forbids; "
        "used ZIP 95501",
    )


def test_split_zip_is_ambiguous_unless_a_district_settles_it() -> None:
    split = answer("CA-27", "CA-28")
    alone = locate({ADDRESS: OFFLINE, ZIP: split})
    assert alone.location == ZIP and alone.result is split and alone.problem == ""
    settled = locate({ZIP: split, Location("district", "CA-28"): answer("CA-28")})
    assert settled.location == Location("district", "CA-28")
    assert settled.notes == ("ZIP 95501 is partly in CA-28 (also in CA-27)",)


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        (
            {ZIP: answer("CA-2"), Location("district", "CA-12"): answer("CA-12")},
            "ZIP 95501 is in CA-2, the sheet says CA-12; correct one of them",
        ),
        (
            {ZIP: answer("CA-27", "CA-28"), Location("district", "CA-12"): answer("CA-12")},
            "ZIP 95501 is in CA-27 or CA-28, the sheet says CA-12; correct one of them",
        ),
        (
            {ADDRESS: answer("CA-2", "CA-SD-2"), ZIP: answer("CA-3")},
            "address 1 Main St, Eureka, CA is in CA-2, ZIP 95501 is in CA-3; correct one of them",
        ),
    ],
)
def test_contradictions_are_problems(
    answers: dict[Location, LookupResult | Exception], problem: str
) -> None:
    assert locate(answers).problem == problem


def test_districts_of_another_kind_are_not_compared() -> None:
    located = locate({ADDRESS: answer("CA-2"), Location("district", "CA-SD-9"): answer("CA-SD-9")})
    assert (located.location, located.problem) == (Location("district", "CA-SD-9"), "")
    assert located.notes == (
        "address 1 Main St, Eureka, CA gives no state upper district; used district CA-SD-9",
    )
    geocoded = answer("CA-2", "CA-SD-2", "CA-AD-2")
    senate = Location("district", "CA-SD-2")
    both = locate({ADDRESS: geocoded, senate: answer("CA-SD-2"), ZIP: answer("CA-2")})
    assert (both.location, both.problem, both.notes) == (ADDRESS, "", ())
    wrong = locate({ADDRESS: geocoded, Location("district", "CA-SD-9"): answer("CA-SD-9")})
    assert wrong.problem == (
        "address 1 Main St, Eureka, CA is in CA-SD-2, the sheet says CA-SD-9; correct one of them"
    )


def test_nothing_answered_keeps_the_most_precise_error() -> None:
    alone = locate({ADDRESS: OFFLINE})
    assert (alone.result, alone.error, alone.problem) == (None, OFFLINE, "")
    both = locate({ZIP: UsageError("ZIP 00000 is not in the ZCTA table"), ADDRESS: OFFLINE})
    assert both.error is OFFLINE
    assert both.problem == (
        "address not geocoded: the geocoders need the network, which --offline forbids; "
        "ZIP 95501 not used: ZIP 00000 is not in the ZCTA table"
    )


def test_find_recipients_with_address_and_zip_offline_uses_the_zip(lookup_data: Path) -> None:
    found = find_recipients(Place(zip_code="95501", address="1 Main St, Eureka, CA"), Lookup())
    assert [o.seat_label for o in found.officials][-1] == "CA-2"
    assert found.notes[0].startswith("address not geocoded: the geocoders that answer addresses")
    assert found.notes[0].endswith("; used ZIP 95501")


def test_find_recipients_split_zip_after_a_failed_address_is_ambiguous(
    lookup_data: Path,
) -> None:
    with pytest.raises(AmbiguousPlaceError, match=r"^--zip 10011 lies in more than one district"):
        find_recipients(Place(zip_code="10011", address="7 W 30th St, New York, NY"), Lookup())
    found = find_recipients(Place(zip_code="10011", district="NY-12"), Lookup())
    assert found.officials[-1].seat_label == "NY-12"
    assert "ZIP 10011 is partly in NY-12 (also in NY-10)" in found.notes


def test_letter_and_callscript_report_a_contradiction(lookup_data: Path, run_cli: RunCli) -> None:
    for command in (
        ["letter", "--name", "Ada", "--from-address", "1 Main St; Eureka, CA 95501"],
        ["callscript"],
    ):
        result = run_cli([*command, "--zip", "95501", "--district", "CA-12"], expect=2)
        assert result.stderr == (
            "Error: ZIP 95501 is in CA-2, --district says CA-12; correct one of them\n"
        )


def test_callscript_with_address_and_zip_offline(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(
        ["callscript", "--address", "1 Main St, Eureka, CA", "--zip", "95501", "--format", "json"],
        expect=0,
    )
    assert "Huffman" in result.stdout
    assert "address not geocoded" in result.stderr and "used ZIP 95501" in result.stderr
