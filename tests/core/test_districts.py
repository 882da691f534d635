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
        ("ocd-division/country:us/state:vt/sldl:chittenden-1", "VT-HD-Chittenden-1"),
        ("NH-HD-Hillsborough 12", "NH-HD-Hillsborough 12"),
        ("nh-hd-hillsborough-12", "NH-HD-Hillsborough 12"),
        ("hillsborough-12", "NH-HD-Hillsborough 12"),
        ("NH HD HILLSBOROUGH_012", "NH-HD-Hillsborough 12"),
        ("ocd-division/country:us/state:nh/sldl:hillsborough_12", "NH-HD-Hillsborough 12"),
        ("MA-SD-First Middlesex", "MA-SD-First Middlesex"),
        ("ma-sd-1st_middlesex", "MA-SD-First Middlesex"),
        ("MA-SD-First Plymouth & Norfolk", "MA-SD-First Plymouth and Norfolk"),
        ("ocd-division/country:us/state:ma/sldu:1st_middlesex", "MA-SD-First Middlesex"),
        ("NE-LD-13", "NE-LD-13"),
        ("ne ld 013", "NE-LD-13"),
        ("NE-SD-13", "NE-LD-13"),
        ("Nebraska LD 5", "NE-LD-5"),
        ("ocd-division/country:us/state:ne/sldu:13", "NE-LD-13"),
        ("NJ-AD-35", "NJ-AD-35"),
        ("WI-AD-1", "WI-AD-1"),
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "NE-HD-13",
            "'NE-HD-13': the Nebraska Legislature is unicameral and has no lower house; give a "
            "legislative district such as NE-LD-1",
        ),
        (
            "ocd-division/country:us/state:ne/sldl:5",
            "'ocd-division/country:us/state:ne/sldl:5': the Nebraska Legislature is unicameral "
            "and has no lower house; give a legislative district such as NE-LD-1",
        ),
        ("NJ-AD-41", "the New Jersey Assembly has districts 1-40; 'NJ-AD-41' is not one of them"),
        ("NE-LD-50", "the Nebraska Legislature has districts 1-49; 'NE-LD-50' is not one of them"),
        (
            "NH-HD-Hillsboro 12",
            "the New Hampshire House has no district 'NH-HD-Hillsboro 12'; did you mean "
            "Hillsborough 12, Hillsborough 2, Hillsborough 1?",
        ),
        (
            "MA-SD-Frist Middlesex",
            "the Massachusetts Senate has no district 'MA-SD-Frist Middlesex'; did you mean "
            "First Middlesex, Fifth Middlesex, Fourth Middlesex?",
        ),
        (
            "ocd-division/country:us/state:nh/sldl:hillsborough_99",
            "the New Hampshire House has no district "
            "'ocd-division/country:us/state:nh/sldl:hillsborough_99'; did you mean "
            "Hillsborough 9, Hillsborough 39, Hillsborough 29?",
        ),
    ],
)
def test_state_districts_that_do_not_exist(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_district(text)
    assert str(caught.value) == message


def _metadata_districts() -> list[District]:
    from civickit.core.state_bodies import state_chamber

    found = []
    for code in sorted(HOUSE_SEATS):
        for kind in ("sldu", "sldl"):
            body = state_chamber(code, kind)
            for seat in body.districts if body else ():
                if seat.division_id.startswith(f"ocd-division/country:us/state:{code.lower()}/"):
                    found.append(District(code, kind, seat.name))
    return found


STATE_DISTRICTS = _metadata_districts()


def _respell(data: st.DataObject, name: str) -> str:
    """``name`` as someone might type it: any case, spaces as hyphens, underscores or runs."""
    words = name.replace("-", " ").split()
    cased = [data.draw(st.sampled_from([w, w.lower(), w.upper()])) for w in words]
    seps = [data.draw(st.sampled_from([" ", "-", "_", "  ", " - "])) for _ in words[1:]]
    return cased[0] + "".join(sep + word for sep, word in zip(seps, cased[1:], strict=True))


@given(st.data())
def test_any_spelling_of_a_real_district_name_resolves(data: st.DataObject) -> None:
    district = data.draw(st.sampled_from(STATE_DISTRICTS))
    typed = _respell(data, district.number)
    state = data.draw(st.sampled_from([district.state, district.state.lower()]))
    code = district.label.split("-")[1]
    sep = data.draw(st.sampled_from(["-", " ", "_"]))
    assert parse_district(f"{state}{sep}{code}{sep}{typed}") == district
    ocd = district.ocd_id
    assert parse_district(ocd) == district
    assert parse_district(ocd.replace("_", data.draw(st.sampled_from(["_", "-"])))) == district


def test_seat_table_matches_2020_apportionment() -> None:
    states = {k: v for k, v in HOUSE_SEATS.items() if k not in NON_STATES}
    assert len(states) == 50
    assert sum(states.values()) == 435
    assert all(HOUSE_SEATS[code] == 1 for code in NON_STATES)


@st.composite
def valid_districts(draw: st.DrawFn) -> District:
    state = draw(st.sampled_from(sorted(HOUSE_SEATS)))
    kind: DistrictKind = draw(st.sampled_from(["cd", "sldu", "sldl"]))
    if kind != "cd":
        return draw(st.sampled_from(STATE_DISTRICTS))
    seats = HOUSE_SEATS[state]
    number = "0" if seats == 1 else str(draw(st.integers(1, seats)))
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
