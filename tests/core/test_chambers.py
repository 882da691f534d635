"""One source of chambers and titles (civickit.core.chambers: Congress written there, every
state chamber from the openstates-metadata package), read by addressing for letters and by every
adapter for lookups."""

from __future__ import annotations

from typing import Any

import pytest

from civickit.core import addressing
from civickit.core.chambers import chamber
from civickit.core.districts import HOUSE_SEATS, District
from civickit.core.officials import OfficeKind, Official, Provenance
from civickit.core.states import CODES, NON_STATES, code_for_fips, state_code, state_name
from civickit.core.vacancies import vacancy_note, vacant_seat


@pytest.mark.parametrize(
    ("state", "title", "name", "label"),
    [
        ("NJ", "Assembly Member", "New Jersey Assembly", "NJ-AD-35"),
        ("WI", "Representative", "Wisconsin State Assembly", "WI-AD-35"),
        ("CA", "Assemblymember", "California State Assembly", "CA-AD-35"),
        ("NY", "Assembly Member", "New York Assembly", "NY-AD-35"),
        ("NV", "Assembly Member", "Nevada Assembly", "NV-AD-35"),
        ("NH", "Representative", "New Hampshire House of Representatives", "NH-HD-35"),
        ("MD", "Delegate", "Maryland House of Delegates", "MD-HD-35"),
        ("VA", "Delegate", "Virginia House of Delegates", "VA-HD-35"),
        ("WV", "Delegate", "West Virginia House of Delegates", "WV-HD-35"),
        ("TX", "Representative", "Texas House of Representatives", "TX-HD-35"),
    ],
)
def test_lower_houses(state: str, title: str, name: str, label: str) -> None:
    member = Official("Pat Example", "state-lower", "", state, District(state, "sldl", "35"))
    assert addressing.title_for("state-lower", state) == title
    assert addressing.office_title(member) == title
    assert addressing.salutation(member) == f"Dear {title} Example"
    assert addressing.chamber_name(member) == name
    assert addressing.inside_address(member)[:2] == ["The Honorable Pat Example", name]
    assert member.seat_label == label


def test_nebraska_has_one_chamber_of_senators() -> None:
    member = Official("Pat Example", "state-upper", "", "NE", District("NE", "sldu", "5"))
    assert addressing.salutation(member) == "Dear Senator Example"
    assert addressing.chamber_name(member) == "Nebraska Legislature"
    assert addressing.constituency(member) == "Nebraska Legislative District 5"
    assert addressing.chamber_short("state-upper", "NE") == "Legislature"
    assert member.seat_label == "NE-LD-5"
    assert chamber("state-lower", "NE") is None  # no lower house


def test_every_state_chamber_comes_from_openstates_metadata() -> None:
    from openstates_metadata import STATES_BY_ABBR

    states = sorted(CODES - NON_STATES)
    assert len(states) == 50
    for code in states:
        meta = STATES_BY_ABBR[code]
        upper = meta.legislature if meta.unicameral else meta.upper
        offices: tuple[tuple[OfficeKind, Any], ...] = (
            ("state-upper", upper),
            ("state-lower", meta.lower),
        )
        for office, body in offices:
            seat = chamber(office, code)
            if body is None:
                assert seat is None
                continue
            assert seat is not None
            assert seat.title == body.title
            assert seat.name.startswith(state_name(code)), seat
            assert seat.name.endswith(body.name.split()[-1]) or seat.short == "House"
            assert seat.code in {"SD", "AD", "HD", "LD"}


@pytest.mark.parametrize(
    ("state", "office", "number", "constituency"),
    [
        ("MA", "state-upper", "First Middlesex", "Massachusetts Senate District First Middlesex"),
        ("NH", "state-lower", "Hillsborough 12", "New Hampshire House District Hillsborough 12"),
        ("WI", "state-lower", "4", "Wisconsin Assembly District 4"),
    ],
)
def test_constituency_uses_the_metadata_short_name(
    state: str, office: str, number: str, constituency: str
) -> None:
    kind = "sldu" if office == "state-upper" else "sldl"
    member = Official("Pat Example", office, "", state, District(state, kind, number))  # type: ignore[arg-type]
    assert addressing.constituency(member) == constituency


@pytest.mark.parametrize(
    ("state", "title"),
    [("CA", "Representative"), ("PR", "Resident Commissioner"), ("DC", "Delegate"),
     ("GU", "Delegate"), ("VI", "Delegate"), ("AS", "Delegate"), ("MP", "Delegate")],
)  # fmt: skip
def test_house_titles(state: str, title: str) -> None:
    assert addressing.title_for("us-house", state) == title
    assert addressing.title_for("us-senate", state) == "Senator"


def test_other_targets_keep_their_own_title() -> None:
    mayor = Official("London Breed", "other", "Mayor", "CA", organisation="City of SF")
    assert chamber("other", "CA") is None
    assert addressing.office_title(mayor) == "Mayor"
    assert addressing.chamber_name(mayor) == "City of SF"


def test_one_table_of_states_and_territories() -> None:
    assert set(HOUSE_SEATS) == CODES
    assert {"DC", "PR", "VI", "GU", "AS", "MP"} == NON_STATES
    assert len(CODES) == 56
    assert state_code("puerto rico") == "PR"
    assert state_code("Washington, D.C.") == "DC"
    assert state_code("District of Columbia") == "DC"
    assert state_code("12") is None  # a district number, never a FIPS code
    assert state_code("Dakota") is None  # obsolete entries of the us package are not places
    assert state_name("VI") == "Virgin Islands"
    assert state_name("ZZ") == "ZZ"
    assert code_for_fips("06") == code_for_fips("6") == "CA"
    assert code_for_fips("72") == "PR"


def test_one_vacant_seat_record_and_note() -> None:
    seat = vacant_seat("state-lower", "nj", District("NJ", "sldl", "35"), Provenance("x"))
    assert (seat.vacant, seat.name, seat.title, seat.state) == (True, "", "Assembly Member", "NJ")
    assert vacancy_note(seat) == "NJ-AD-35 is vacant: no current Assembly Member"
    assert vacancy_note(seat, "no letter written") == (
        "NJ-AD-35 is vacant: no current Assembly Member; no letter written"
    )


def test_a_half_vacant_district_says_how_many_seats_are_filled() -> None:
    district = District("NH", "sldl", "Hillsborough 12")
    seat = vacant_seat("state-lower", "NH", district, Provenance("x"), seats=2, filled=1)
    assert vacancy_note(seat) == (
        "NH-HD-Hillsborough 12 has 2 seats, 1 filled: no current Representative for the other"
    )
    empty = vacant_seat("state-lower", "NH", district, Provenance("x"), seats=2, filled=0)
    assert vacancy_note(empty, "no letter written") == (
        "NH-HD-Hillsborough 12 has 2 seats, 0 filled: no current Representative for any of "
        "them; no letter written"
    )


@pytest.mark.parametrize(
    ("code", "name"),
    [("DC", "the District of Columbia"), ("VI", "the U.S. Virgin Islands"),
     ("MP", "the Northern Mariana Islands"), ("PR", "Puerto Rico"), ("GU", "Guam"),
     ("AS", "American Samoa"), ("CA", "California")],
)  # fmt: skip
def test_place_names_carry_their_article_in_running_text(code: str, name: str) -> None:
    from civickit.core.states import place_name

    assert place_name(code) == name


@pytest.mark.parametrize(
    ("name", "family", "surname"),
    [("Pablo José Hernández", "Hernández Rivera", "Hernández"),
     ("Catherine Cortez Masto", "Cortez Masto", "Cortez Masto"),
     ("Alexandria Ocasio-Cortez", "Ocasio-Cortez", "Ocasio-Cortez"),
     ("Nydia M. Velázquez", "Velázquez", "Velázquez"),
     ("Ben Ray Luján", "Luján", "Luján"),
     ("Jane Q. Public Jr.", None, "Public"),
     ("Mary Smith", "Jones", "Jones")],
)  # fmt: skip
def test_salutation_surname_is_the_family_name_as_the_published_name_writes_it(
    name: str, family: str | None, surname: str
) -> None:
    from civickit.core.officials import Official

    official = Official(name=name, office="us-house", title="", state="CA", family_name=family)
    assert official.last_name == surname
