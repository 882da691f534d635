"""From a place to recipients: --to parsing, exactly one place, ambiguity, sender input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from civickit.errors import UsageError
from civickit.lookup.facade import Lookup
from civickit.lookup.recipients import (
    AmbiguousPlaceError,
    Place,
    find_recipients,
)
from civickit.materials.letters import Sender, parse_address
from netsupport import serve_census
from settings_support import MakeSettings


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


def test_officials_in_a_stable_order_with_notes(lookup_data: Path) -> None:
    place = Place(district="CA-SD-2", offices=frozenset({"us-senate", "state-upper"}))
    found = find_recipients(place, Lookup())
    assert [(o.office, o.name) for o in found.officials] == [
        ("us-senate", "Adam B. Schiff"),
        ("us-senate", "Alex Padilla"),
        ("state-upper", "Mike McGuire"),
    ]
    assert found.query == "district CA-SD-2"
    assert len(found.notes) == 1
    assert found.notes[0].startswith(
        "no Washington or Capitol office address is published for Mike"
    )


def test_vacant_seats_are_kept_and_left_to_the_letters_to_report(lookup_data: Path) -> None:
    found = find_recipients(Place(district="CA-14"), Lookup())
    assert [(o.office, o.vacant) for o in found.officials] == [
        ("us-senate", False),
        ("us-senate", False),
        ("us-house", True),
    ]
    assert found.notes == ()  # the letter and call-script commands say "no letter written"


@pytest.mark.parametrize("place", [Place(), Place(zip_code="")])
def test_a_place_is_needed(place: Place) -> None:
    with pytest.raises(UsageError, match="give --district, --zip or --address"):
        find_recipients(place)


def test_ambiguous_zip_lists_candidates_and_never_guesses(lookup_data: Path) -> None:
    with pytest.raises(AmbiguousPlaceError) as caught:
        find_recipients(Place(zip_code="10011"), Lookup())
    assert str(caught.value) == (
        "--zip 10011 lies in more than one district (NY-12, NY-10); give --district NY-12 "
        "(or another of them) or --address with your street address"
    )


def test_ambiguous_address_asks_for_a_fuller_one(
    lookup_data: Path, httpserver: HTTPServer, make_settings: MakeSettings
) -> None:
    online = make_settings(
        serve_census(httpserver, "onelineaddress", "onelineaddress_two-matches-ca.json")
    )
    with pytest.raises(AmbiguousPlaceError) as caught:
        find_recipients(Place(address="100 Main St, San Francisco, CA"), Lookup(settings=online))
    assert str(caught.value) == (
        "--address 100 Main St, San Francisco, CA lies in more than one district (CA-11, "
        "CA-12); give --district CA-11 (or another of them) or a fuller street address"
    )
