"""District parsing and seat validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.districts import HOUSE_SEATS, NON_STATES, District, DistrictKind, parse_district
from civickit.errors import UsageError


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("CA-12", "CA-12"),
        ("ca12", "CA-12"),
        ("CA 12", "CA-12"),
        ("California 12", "CA-12"),
        ("new york 10", "NY-10"),
        ("NY-12th", "NY-12"),
        ("CA-012", "CA-12"),
        ("WY-AL", "WY-AL"),
        ("WY-0", "WY-AL"),
        ("wy", "WY-AL"),
        ("Wyoming at-large", "WY-AL"),
        ("DC", "DC"),
        ("DC-AL", "DC"),
        ("District of Columbia", "DC"),
        ("PR", "PR"),
        ("GU-0", "GU"),
        ("ocd-division/country:us/state:ca/cd:12", "CA-12"),
        ("ocd-division/country:us/state:wy", "WY-AL"),
        ("ocd-division/country:us/district:dc", "DC"),
        ("ocd-division/country:us/territory:pr", "PR"),
        ("CA-SD-2", "CA-SD-2"),
        ("CA-AD-2", "CA-AD-2"),
        ("ca sd 02", "CA-SD-2"),
        ("TX-HD-5", "TX-HD-5"),
        ("ocd-division/country:us/state:ca/sldu:2", "CA-SD-2"),
        ("ocd-division/country:us/state:ny/sldl:75", "NY-AD-75"),
        ("ocd-division/country:us/state:vt/sldl:chittenden-1", "VT-HD-chittenden-1"),
    ],
)
def test_parse_accepts_what_people_type(text: str, label: str) -> None:
    assert parse_district(text).label == label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("CA-99", "California has 52 congressional districts (1-52); CA-99 is not one of them"),
        ("CA-0", "California has 52 congressional districts (1-52); CA-0 is not one of them"),
        ("WY-2", "Wyoming has one at-large district: use WY-AL"),
        ("DC-1", "District of Columbia has one delegate seat: use DC"),
        (
            "XX-1",
            "unknown state 'XX' in 'XX-1': give a district such as CA-12, WY-AL, DC, CA-SD-2 "
            "or ocd-division/country:us/state:ca/cd:12",
        ),
        ("CA", "'CA' is a whole state; give one of its 52 districts, e.g. CA-1"),
        (
            "12",
            "unknown state '12' in '12': give a district such as CA-12, WY-AL, DC, CA-SD-2 "
            "or ocd-division/country:us/state:ca/cd:12",
        ),
        (
            "",
            "empty district: give one such as CA-12, WY-AL, DC, CA-SD-2 "
            "or ocd-division/country:us/state:ca/cd:12",
        ),
        (
            "ocd-division/country:us/state:ca/county:alameda",
            "cannot read the OCD id 'ocd-division/country:us/state:ca/county:alameda': give one "
            "such as CA-12, WY-AL, DC, CA-SD-2 or ocd-division/country:us/state:ca/cd:12",
        ),
        ("CA-SD-0", "'CA-SD-0': give the district number, e.g. CA-SD-2"),
    ],
)
def test_parse_rejects_with_a_fix(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_district(text)
    assert str(caught.value) == message


def test_seat_table_matches_2020_apportionment() -> None:
    states = {k: v for k, v in HOUSE_SEATS.items() if k not in NON_STATES}
    assert len(states) == 50
    assert sum(states.values()) == 435
    assert all(HOUSE_SEATS[code] == 1 for code in NON_STATES)


@st.composite
def valid_districts(draw: st.DrawFn) -> District:
    state = draw(st.sampled_from(sorted(HOUSE_SEATS)))
    kind: DistrictKind = draw(st.sampled_from(["cd", "sldu", "sldl"]))
    if kind == "cd":
        seats = HOUSE_SEATS[state]
        number = "0" if seats == 1 else str(draw(st.integers(1, seats)))
    else:
        number = str(draw(st.integers(1, 400)))
    return District(state, kind, number)


@given(valid_districts())
def test_canonical_forms_round_trip(district: District) -> None:
    assert parse_district(district.label) == district
    assert parse_district(district.ocd_id) == district
    assert parse_district(district.label.lower()) == district


@given(st.text(max_size=60))
def test_parse_never_crashes(text: str) -> None:
    try:
        district = parse_district(text)
    except UsageError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert district.state in HOUSE_SEATS


@given(st.from_regex(r"[A-Za-z]{2}[ -]?(SD|HD|AD)?[ -]?[0-9]{1,4}", fullmatch=True))
def test_parse_district_like_text(text: str) -> None:
    try:
        district = parse_district(text)
    except UsageError as exc:
        assert str(exc)
    else:
        assert parse_district(district.label) == district
