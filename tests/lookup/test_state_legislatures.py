"""Every district of the seven shared Open States states (CA, NY, NH, MA, NE, NJ, WI), as the
openstates-metadata package lists them, resolves by its name, its OCD id and its short form
through the real lookup, with all its members, on data synced from a local HTTP server."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from civickit.core.state_bodies import StateKind, chamber_kind, district_key, state_chamber
from civickit.lookup.datasets import datasets_for
from civickit.lookup.facade import Lookup
from civickit.lookup.store import DataStore
from conftest import SHARED_DATA
from lookup_support import serve_mirror

pytestmark = pytest.mark.shared

STATES = ["CA", "NY", "NH", "MA", "NE", "NJ", "WI"]
OFFICE = {"sldu": "state-upper", "sldl": "state-lower"}


@pytest.fixture(scope="module")
def served_lookup(tmp_path_factory: pytest.TempPathFactory) -> Lookup:
    if not (SHARED_DATA / "openstates").is_dir():
        pytest.skip("needs ../shared/data/openstates (the Open States bulk CSVs), absent here")
    server = HTTPServer()
    server.start()
    try:
        relative = [f"openstates/{state.lower()}.csv" for state in STATES]
        mirror = serve_mirror(server, SHARED_DATA, relative)
        store = DataStore(tmp_path_factory.mktemp("states-store"), offline=False, mirror=mirror)
        outcomes = store.sync(datasets_for(states=STATES)[-len(STATES) :])
        assert [o.status for o in outcomes] == ["downloaded"] * len(STATES), outcomes
        assert all(
            o.message.endswith(f"from {mirror}/openstates/{o.name[-2:]}.csv") for o in outcomes
        )
    finally:
        server.stop()
    return Lookup(offline=True, datastore=store)


def members_by_district(state: str) -> Counter[tuple[StateKind, str]]:
    """How many current members each district has in the shared CSV."""
    path = SHARED_DATA / "openstates" / f"{state.lower()}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found: Counter[tuple[StateKind, str]] = Counter()
    for row in rows:
        kind = chamber_kind(row["current_chamber"])
        if kind is not None and row["current_district"]:
            found[(kind, district_key(row["current_district"]))] += 1
    return found


@pytest.mark.parametrize("state", STATES)
def test_every_district_resolves_by_name_ocd_id_and_short_form(
    served_lookup: Lookup, state: str
) -> None:
    members = members_by_district(state)
    checked = vacancies = 0
    for kind in ("sldu", "sldl"):
        body = state_chamber(state, kind)
        if body is None:
            assert state == "NE" and kind == "sldl"
            continue
        assert len(body.districts) > 0
        for seat in body.districts:
            code = (
                "LD"
                if body.unicameral
                else {"Senate": "SD", "Assembly": "AD"}.get(body.short, "HD")
            )
            forms = [
                f"{state}-{code}-{seat.name}",
                seat.division_id,
                f"{state.lower()}-{code.lower()}-{district_key(seat.name)}",
            ]
            held = members[(kind, district_key(seat.name))]
            for text in forms:
                result = served_lookup.resolve(district=text, offices={OFFICE[kind]})  # type: ignore[arg-type]
                people = [o for o in result.officials if not o.vacant]
                empty = [o for o in result.officials if o.vacant]
                assert len(people) == held, (text, people)
                assert len(people) + len(empty) == max(seat.seats, held), text
                assert {o.district.number for o in result.officials if o.district} == {seat.name}
                assert all(o.district.ocd_id == seat.division_id for o in people if o.district)
                if empty:
                    assert any(f"{seat.seats} seats, {held} filled" in n for n in result.notes) or (
                        seat.seats == 1 and any("is vacant" in n for n in result.notes)
                    ), result.notes
            checked += 1
            vacancies += max(seat.seats - held, 0)
    expected = {"CA": 120, "NY": 213, "NH": 227, "MA": 200, "NE": 49, "NJ": 80, "WI": 132}
    assert checked == expected[state]
    assert vacancies == {"NH": 9, "MA": 2}.get(state, 0)


def test_odd_rows_are_skipped_and_every_seat_missing_from_the_file_is_vacant(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    """Members between roles (no chamber, no district, an unknown chamber) are skipped and
    counted, a district the metadata lacks is reported; the highest-numbered district, absent
    from the file, is vacant, not unknown."""
    lines = (lookup_mirror / "openstates" / "ne.csv").read_text(encoding="utf-8").splitlines()
    header, row = lines[0], lines[1]
    cells = next(csv.reader([row]))
    odd = []
    for district, chamber in (
        ("", "legislature"),
        ("13", ""),
        ("13", "executive"),
        ("99", "legislature"),
    ):
        changed = [*cells]
        changed[3], changed[4] = district, chamber
        odd.append(",".join(f'"{c}"' for c in changed))
    (tmp_path / "openstates").mkdir()
    (tmp_path / "openstates" / "ne.csv").write_text(
        "\r\n".join([header, row, *odd]) + "\r\n", encoding="utf-8"
    )
    mirror = serve_mirror(httpserver, tmp_path, ["openstates/ne.csv"])
    store = DataStore(tmp_path / "store", offline=False, mirror=mirror, floors=False)
    (outcome,) = store.sync(datasets_for(states=["NE"])[-1:])
    assert outcome.status == "downloaded"
    assert outcome.message.startswith("openstates-ne: 2 records from ")
    assert outcome.message.endswith(
        "; 3 rows skipped (no current chamber or district); "
        "1 row with a district the metadata lacks (99)"
    )
    lookup = Lookup(offline=True, datastore=store)
    (senator,) = lookup.resolve(district="NE-LD-13", offices={"state-upper"}).officials
    assert (senator.name, senator.title, senator.vacant) == ("Ashlei Spivey", "Senator", False)
    result = lookup.resolve(district="NE-LD-49", offices={"state-upper"})
    (seat,) = result.officials
    assert seat.vacant and seat.seat_label == "NE-LD-49"
    assert "NE-LD-49 is vacant: no current Senator" in result.notes
