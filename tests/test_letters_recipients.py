"""From a place to recipients: --to parsing, exactly one place, ambiguity, sender input."""

from __future__ import annotations

from collections.abc import Collection

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.districts import District
from civickit.errors import UsageError
from civickit.letters import Sender, parse_address
from civickit.lookup import Candidate, LookupResult
from civickit.officials import OFFICE_KINDS, OfficeKind
from civickit.recipients import (
    OFFICE_CHOICES,
    AmbiguousPlaceError,
    Place,
    find_recipients,
    parse_offices,
)
from letters_officials import OFFICIALS


class StubLookup:
    """Stands in for the lookup being built in parallel; answers one fixed result."""

    def __init__(self, result: LookupResult) -> None:
        self.result = result
        self.offices: Collection[OfficeKind] = ()

    def resolve(self, *, offices: Collection[OfficeKind], **place: str | None) -> LookupResult:
        self.offices = offices
        return self.result


def test_parse_offices() -> None:
    assert parse_offices("house,senate") == {"us-house", "us-senate"}
    assert parse_offices(" Senate , state ") == {"us-senate", "state-upper", "state-lower"}
    assert parse_offices("all") == {"us-house", "us-senate", "state-upper", "state-lower"}
    with pytest.raises(UsageError, match="name at least one of house, senate"):
        parse_offices(" , ")


@given(st.lists(st.sampled_from(list(OFFICE_CHOICES)), min_size=1).map(",".join))
def test_every_list_of_known_words_parses(text: str) -> None:
    assert parse_offices(text) <= set(OFFICE_KINDS)


@given(st.text())
def test_any_to_text_parses_or_is_a_usage_error(text: str) -> None:
    try:
        offices = parse_offices(text)
    except UsageError as exc:
        assert str(exc).startswith("--to ")
    else:
        assert offices and offices <= set(OFFICE_KINDS)


@given(st.text())
def test_any_from_address_gives_clean_lines_or_a_usage_error(text: str) -> None:
    try:
        address = parse_address(text)
    except UsageError:
        assert not text.replace(";", "").replace("\\n", "").strip()
    else:
        lines = address.split("\n")
        assert all(line and line == line.strip() and ";" not in line for line in lines)
        assert Sender("A", address).city_zip in address


def test_officials_in_a_stable_order_with_notes() -> None:
    result = LookupResult(
        query="CA-11",
        districts=(District("CA", "cd", "11"),),
        officials=(OFFICIALS["state_upper"], OFFICIALS["us_house"], OFFICIALS["us_senate"]),
        notes=("from a test",),
    )
    lookup = StubLookup(result)
    found = find_recipients(Place(district="CA-11", offices=frozenset({"us-house"})), lookup)  # type: ignore[arg-type]
    assert [o.office for o in found.officials] == ["us-senate", "us-house", "state-upper"]
    assert found.notes == ("from a test",)
    assert lookup.offices == {"us-house"}


@pytest.mark.parametrize(
    "place", [Place(), Place(district="CA-11", zip_code="94103"), Place(zip_code="")]
)
def test_exactly_one_place(place: Place) -> None:
    with pytest.raises(UsageError, match="give exactly one of --district, --zip or --address"):
        find_recipients(place, StubLookup(LookupResult("", (), ())))  # type: ignore[arg-type]


def test_ambiguous_place_lists_candidates_and_never_guesses() -> None:
    result = LookupResult(
        query="1 Main St, Springfield",
        districts=(),
        officials=(OFFICIALS["us_senate"],),
        ambiguous=True,
        candidates=(
            Candidate(District("IL", "cd", "13"), ()),
            Candidate(District("IL", "cd", "15"), ()),
        ),
    )
    with pytest.raises(AmbiguousPlaceError) as caught:
        find_recipients(Place(address="1 Main St, Springfield"), StubLookup(result))  # type: ignore[arg-type]
    assert str(caught.value) == (
        "--address 1 Main St, Springfield lies in more than one district (IL-13, IL-15); give "
        "--district IL-13 (or another of them) or a fuller street address"
    )
