"""Lookups against the full public datasets in ../shared/data (skipped where absent)."""

from __future__ import annotations

import datetime as dt

import pytest

from civickit.core.districts import HOUSE_SEATS, NON_STATES, District
from civickit.core.offices import STATE_OFFICES
from civickit.core.officials import Official
from civickit.lookup.datasets import datasets_for
from civickit.lookup.facade import Lookup
from civickit.lookup.store import DataStore
from civickit.lookup.terms import date_warnings
from conftest import SHARED_DATA

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def full_lookup(tmp_path_factory: pytest.TempPathFactory) -> Lookup:
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data (the full public datasets), absent here")
    store = DataStore(tmp_path_factory.mktemp("full-store"), offline=True, mirror=str(SHARED_DATA))
    outcomes = store.sync(datasets_for(states=["CA", "NY"]))
    assert {o.status for o in outcomes} == {"downloaded"}
    return Lookup(offline=True, datastore=store)


def every_house_seat() -> list[District]:
    seats = []
    for state, count in HOUSE_SEATS.items():
        numbers = ["0"] if count == 1 else [str(n) for n in range(1, count + 1)]
        seats += [District(state, "cd", number) for number in numbers]
    return seats


def test_every_state_dc_and_territory_resolves(full_lookup: Lookup) -> None:
    vacant = []
    for district in every_house_seat():
        result = full_lookup.resolve(district=district.label)
        house = [o for o in result.officials if o.office == "us-house"]
        senate = [o for o in result.officials if o.office == "us-senate"]
        assert len(house) == 1, district
        assert len(senate) == (0 if district.state in NON_STATES else 2), district
        assert not any(s.vacant for s in senate), district
        vacant += [o.seat_label for o in house if o.vacant]
    assert len(every_house_seat()) == 441
    assert vacant == ["CA-14", "FL-20", "GA-13", "TX-23"]


@pytest.mark.parametrize(
    ("district", "title"),
    [
        ("AK-AL", "Representative"),
        ("DE-AL", "Representative"),
        ("ND-AL", "Representative"),
        ("SD-AL", "Representative"),
        ("VT-AL", "Representative"),
        ("WY-AL", "Representative"),
        ("DC", "Delegate"),
        ("GU", "Delegate"),
        ("VI", "Delegate"),
        ("AS", "Delegate"),
        ("MP", "Delegate"),
        ("PR", "Resident Commissioner"),
    ],
)
def test_at_large_and_delegate_titles(full_lookup: Lookup, district: str, title: str) -> None:
    result = full_lookup.resolve(district=district, offices={"us-house"})
    (member,) = result.officials
    assert member.title == title
    assert member.name and not member.vacant


@pytest.mark.parametrize(
    ("zip_code", "districts"),
    [
        ("10011", ["NY-12", "NY-10"]),
        ("90210", ["CA-32", "CA-36", "CA-30"]),
        ("91711", ["CA-28", "CA-35"]),
    ],
)
def test_ambiguous_zips(full_lookup: Lookup, zip_code: str, districts: list[str]) -> None:
    result = full_lookup.resolve(zip_code=zip_code)
    assert result.ambiguous
    assert [c.district.label for c in result.candidates] == districts
    assert len(result.officials) == 2  # the two senators are common to every candidate
    assert all(len(c.officials) == 3 for c in result.candidates)


def test_exact_zip(full_lookup: Lookup) -> None:
    result = full_lookup.resolve(zip_code="95501")
    assert not result.ambiguous
    assert [d.label for d in result.districts] == ["CA-2"]
    assert result.officials[-1].name == "Jared Huffman"


def test_zip_across_a_state_line(full_lookup: Lookup) -> None:
    result = full_lookup.resolve(zip_code="82082")
    assert result.ambiguous
    assert sorted({d.state for d in result.districts}) == ["CO", "NE", "WY"]
    assert result.officials == ()
    for candidate in result.candidates:
        senators = [o for o in candidate.officials if o.office == "us-senate"]
        assert {o.state for o in senators} == {candidate.district.state}


def test_kiley_is_independent(full_lookup: Lookup) -> None:
    (member,) = full_lookup.resolve(district="CA-3", offices={"us-house"}).officials
    assert (member.name, member.party) == ("Kevin Kiley", "Independent")


def test_state_legislators_ca_and_ny(full_lookup: Lookup) -> None:
    (senator,) = full_lookup.resolve(district="CA-SD-40", offices=STATE_OFFICES).officials
    assert senator.title == "Senator" and not senator.vacant
    (member,) = full_lookup.resolve(district="NY-AD-150", offices=STATE_OFFICES).officials
    assert member.title == "Assembly Member" and not member.vacant


def test_index_is_reused_from_disk(full_lookup: Lookup) -> None:
    store = full_lookup.datastore
    indexes = sorted(p.name.split("-")[0] for p in (store.root / "index").glob("*.pickle"))
    assert "congress" in indexes and "zcta" in indexes


# -- dates of data and ended terms ----------------------------------------------------------------


def test_the_data_dates_of_the_shared_snapshot(full_lookup: Lookup) -> None:
    rows = {row.name: row for row in full_lookup.datastore.status()}
    members = rows["congress-legislators"]
    # The newest term start (James Gallagher, CA-1), not the day of the copy.
    assert (members.data_date, members.data_date_from) == ("2026-06-10", "records")
    assert (rows["zcta-cd"].data_date, rows["zcta-cd"].congress) == ("2024-10-24", 119)
    assert rows["openstates-ca"].data_date is None  # no dates in the records, none from a folder


def test_every_term_ending_with_the_119th_congress_warns(full_lookup: Lookup) -> None:
    officials: list[Official] = []
    for district in every_house_seat():
        officials += full_lookup.resolve(district=district.label).officials
    members = {(o.office, o.name): o for o in officials if not o.vacant}
    assert len(members) == 537
    assert date_warnings(members.values(), [], dt.date(2026, 11, 2)) == ()
    # Husted (OH) and Moody (FL) were appointed until the special election of 2026-11-03.
    specials = date_warnings(members.values(), [], dt.date(2026, 11, 3))
    assert sorted(w.name for w in specials) == ["Ashley Moody", "Jon Husted"]
    ended = date_warnings(members.values(), [], dt.date(2027, 1, 3))
    senators = sum(1 for w in ended if w.seat.endswith("(Senate)"))
    assert (len(ended) - senators, senators) == (437, 35)  # 470 end on 2027-01-03, plus those 2
    zcta = full_lookup.resolve(zip_code="94103")
    kinds = [w.kind for w in date_warnings(zcta.officials, zcta.provenance, dt.date(2027, 1, 3))]
    assert kinds[0] == "congress-ended"
