"""Lookup through the real adapters over a data store seeded from the fixtures."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from civickit.core.districts import District
from civickit.core.offices import ELECTED_OFFICES, STATE_OFFICES
from civickit.core.officials import Official
from civickit.errors import DataError, UsageError
from civickit.lookup.adapters.legislators import CongressLegislators
from civickit.lookup.facade import Lookup, parse_point
from support.cli import RunCli
from support.golden import Golden


def names(officials: Iterable[Official]) -> list[tuple[str, str, str]]:
    return [(o.title, o.name, o.seat_label) for o in officials]


def test_district_gives_senators_and_member(lookup_data: Path) -> None:
    result = Lookup().resolve(district="ca 12")
    assert not result.ambiguous
    assert result.districts == (District("CA", "cd", "12"),)
    assert names(result.officials) == [
        ("Senator", "Alex Padilla", "CA (Senate)"),
        ("Senator", "Adam B. Schiff", "CA (Senate)"),
        ("Representative", "Lateefah Simon", "CA-12"),
    ]
    simon = result.officials[2]
    assert simon.ids["bioguide"] == "S001231"
    assert simon.capitol_office is not None
    assert simon.capitol_office.postal_lines() == [
        "1023 Longworth House Office Building",
        "Washington, DC 20515-0512",
    ]
    assert simon.provenance is not None
    assert simon.provenance.adapter == "congress-legislators"
    assert simon.provenance.dataset == "congress-legislators"
    assert simon.social["twitter"]
    assert [o.gender for o in result.officials] == ["male", "male", "female"]  # bio.gender


@pytest.mark.parametrize(
    ("district", "title", "name"),
    [
        ("WY-AL", "Representative", "Harriet M. Hageman"),
        ("DC", "Delegate", "Eleanor Holmes Norton"),
        ("PR", "Resident Commissioner", "Pablo José Hernández"),
    ],
)
def test_at_large_and_delegate_titles(
    lookup_data: Path, district: str, title: str, name: str
) -> None:
    house = [o for o in Lookup().resolve(district=district).officials if o.office == "us-house"]
    assert [(o.title, o.name) for o in house] == [(title, name)]


def test_dc_and_territories_have_no_senators(lookup_data: Path) -> None:
    result = Lookup().resolve(district="DC")
    assert [o.office for o in result.officials] == ["us-house"]


def test_vacant_seat_comes_back_vacant(lookup_data: Path) -> None:
    result = Lookup().resolve(district="CA-14", offices={"us-house"})
    (seat,) = result.officials
    assert seat.vacant
    assert seat.name == ""
    assert seat.title == "Representative"
    assert seat.district == District("CA", "cd", "14")
    assert "CA-14 is vacant: no current Representative" in result.notes


def test_member_without_full_name_or_office(lookup_data: Path) -> None:
    (member,) = Lookup().resolve(district="CA-1", offices={"us-house"}).officials
    assert member.name == "James Gallagher"
    assert member.capitol_office is None


def test_zip_exact(lookup_data: Path) -> None:
    result = Lookup().resolve(zip_code="95501")
    assert not result.ambiguous
    assert [d.label for d in result.districts] == ["CA-2"]
    assert names(result.officials)[-1] == ("Representative", "Jared Huffman", "CA-2")
    assert result.provenance[0].adapter == "zcta"


def test_zip_plus_four_is_accepted(lookup_data: Path) -> None:
    assert [d.label for d in Lookup().resolve(zip_code="95501-1234").districts] == ["CA-2"]


def test_zip_ambiguous_lists_every_candidate_with_its_share(lookup_data: Path) -> None:
    result = Lookup().resolve(zip_code="10011")
    assert result.ambiguous
    assert [(c.district.label, c.share) for c in result.candidates] == [
        ("NY-12", 0.64),
        ("NY-10", 0.36),
    ]
    assert [o.name for o in result.officials] == ["Charles E. Schumer", "Kirsten E. Gillibrand"]
    assert [o.name for o in result.candidates[1].officials][-1] == "Daniel S. Goldman"
    assert result.notes[0] == (
        "ZIP 10011 spans 2 congressional districts (NY-12 about 64%, NY-10 about 36% of its "
        "land); for an exact answer use --address with your street address and ZIP+4, "
        "or --district if you know it"
    )


def test_zip_wholly_in_one_district_is_exact(lookup_data: Path) -> None:
    # The tract-level table called 10001 ambiguous (NY-10, NY-12); all its land is in NY-12.
    result = Lookup().resolve(zip_code="10001")
    assert not result.ambiguous and result.candidates == ()
    assert [d.label for d in result.districts] == ["NY-12"]
    assert names(result.officials)[-1] == ("Representative", "Jerrold Nadler", "NY-12")
    assert result.notes == ()


@pytest.mark.parametrize(
    ("typed", "district"), [("601", "PR"), ("2108", "MA-8"), ("02108", "MA-8")]
)
def test_zips_a_spreadsheet_shortened_are_found(
    lookup_data: Path, typed: str, district: str
) -> None:
    result = Lookup().resolve(zip_code=typed, offices={"us-house"})
    assert not result.ambiguous
    assert [d.label for d in result.districts] == [district]


def test_zip_across_a_state_line_lists_both_states_and_their_senators(
    lookup_data: Path,
) -> None:
    result = Lookup().resolve(zip_code="89439")
    assert result.ambiguous
    assert [(c.district.label, c.share) for c in result.candidates] == [
        ("NV-2", 0.74),
        ("CA-3", 0.26),
    ]
    assert result.officials == ()  # no senator is common to both states
    for candidate in result.candidates:
        senators = [o for o in candidate.officials if o.office == "us-senate"]
        assert len(senators) == 2
        assert {o.state for o in senators} == {candidate.district.state}
    assert result.notes[0].startswith(
        "ZIP 89439 spans 2 congressional districts in 2 states (CA, NV) "
        "(NV-2 about 74%, CA-3 about 26% of its land)"
    )


def test_cli_text_of_a_state_line_zip(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--zip", "89439"], expect=0)
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "ZIP 89439: NV-2, CA-3",
        "AMBIGUOUS: this may be any of 2 districts; none was picked for you.",
        "It crosses a state line (CA, NV): each state's senators are listed under its districts.",
    ]
    assert "Whichever district:" not in lines
    assert "If you are in NV-2 (about 74% of the ZIP's land):" in lines
    assert "If you are in CA-3 (about 26% of the ZIP's land):" in lines


def test_unknown_zip_is_a_usage_error(lookup_data: Path) -> None:
    with pytest.raises(UsageError) as caught:
        Lookup().resolve(zip_code="20500")
    assert str(caught.value).startswith("ZIP 20500 is not in the ZCTA table")


@pytest.mark.parametrize("bad", ["12", "ABCDE", "123456", ""])
def test_malformed_zip(lookup_data: Path, bad: str) -> None:
    with pytest.raises(UsageError, match="is not a ZIP code: give 5 digits such as 94103"):
        Lookup().resolve(zip_code=bad)


def test_state_legislators_from_bulk_csv(lookup_data: Path) -> None:
    result = Lookup().resolve(district="CA-SD-2", offices=STATE_OFFICES)
    (senator,) = result.officials
    assert (senator.title, senator.name, senator.party) == ("Senator", "Mike McGuire", "Democratic")
    assert senator.capitol_office is None  # the published CSV leaves capitol_* empty
    assert senator.district_offices[0].postal_lines() == [
        "885 Lakeport Blvd.",
        "Lakeport, CA 95453",
    ]
    assert senator.email == "senator.mcguire@senate.ca.gov"
    assert senator.ids["openstates"].startswith("ocd-person/")
    assert any("openstates/issues#1392" in note for note in result.notes)
    (member,) = Lookup().resolve(district="CA-AD-2", offices=STATE_OFFICES).officials
    assert (member.title, member.name) == ("Assemblymember", "Chris Rogers")
    assert (senator.gender, member.gender) == ("male", "male")  # the CSV's gender column


def test_state_district_out_of_range(lookup_data: Path) -> None:
    with pytest.raises(UsageError) as caught:
        Lookup().resolve(district="CA-SD-77", offices=STATE_OFFICES)
    assert str(caught.value) == (
        "the California Senate has districts 1-40; 'CA-SD-77' is not one of them"
    )


def test_state_seat_missing_from_data_is_vacant(lookup_data: Path) -> None:
    (seat,) = Lookup().resolve(district="CA-SD-3", offices=STATE_OFFICES).officials
    assert seat.vacant and seat.title == "Senator" and seat.office == "state-upper"


def test_congressional_district_cannot_give_state_legislators(lookup_data: Path) -> None:
    result = Lookup().resolve(district="CA-12", offices=ELECTED_OFFICES)
    assert {o.office for o in result.officials} == {"us-senate", "us-house"}
    assert result.notes == (
        "state legislators need a state legislative district (e.g. CA-SD-2 or CA-AD-2) or an "
        "address; a congressional district or ZIP does not determine them",
    )


def test_address_offline_names_the_network_geocoder(lookup_data: Path) -> None:
    with pytest.raises(UsageError) as caught:
        Lookup(offline=True).resolve(address="317 Third St, Eureka, CA 95501")
    assert str(caught.value) == (
        "the geocoders that answer addresses (census) need the network, which --offline "
        "forbids; use --district or --zip"
    )
    with pytest.raises(UsageError, match=r"answer points \(census\) need the network"):
        Lookup(offline=True).resolve(point=(40.8, -124.16))


def test_address_without_a_geocoder(lookup_data: Path) -> None:
    from civickit.lookup.adapters.legislators import CongressLegislators
    from civickit.lookup.adapters.plugins import AdapterRegistry
    from civickit.lookup.adapters.zcta import ZctaGeocoder

    registry = AdapterRegistry()
    registry.add(CongressLegislators, "built-in")
    registry.add(ZctaGeocoder, "built-in")
    with pytest.raises(UsageError) as caught:
        Lookup(registry=registry).resolve(address="317 Third St, Eureka, CA 95501")
    assert str(caught.value) == (
        "no configured geocoder answers addresses; use --district or --zip "
        "(see civickit adapters list)"
    )
    with pytest.raises(UsageError, match="no configured geocoder answers points"):
        Lookup(registry=registry).resolve(point=(40.8, -124.16))


def test_exactly_one_question(lookup_data: Path) -> None:
    with pytest.raises(UsageError, match="give exactly one of --district, --zip"):
        Lookup().resolve(district="CA-12", zip_code="95501")


def test_parse_point() -> None:
    assert parse_point("40.8036, -124.1682") == (40.8036, -124.1682)
    with pytest.raises(UsageError, match="is not LAT,LNG"):
        parse_point("north")


def test_offline_without_data_names_the_dataset() -> None:
    with pytest.raises(DataError) as caught:
        Lookup(offline=True).resolve(district="CA-12")
    assert "congress-legislators is not in the data store" in str(caught.value)
    assert "--offline" not in str(caught.value)


def test_one_lookup_loads_once_and_reuses_the_index(lookup_data: Path) -> None:
    finder = Lookup()
    finder.resolve(district="CA-12")
    (directory,) = [a for a in finder.adapters() if a.name == "congress-legislators"]
    assert isinstance(directory, CongressLegislators)
    index = directory.load()
    finder.resolve(district="NY-10")
    assert directory.load() is index
    assert list((lookup_data / "index").glob("congress-legislators-*.pickle"))


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "golden_name"),
    [
        (["--district", "CA-12"], "district-ca-12.txt"),
        (["--zip", "10011"], "zip-10011.txt"),
        (["--district", "CA-SD-2", "--level", "all"], "district-ca-sd-2-all.txt"),
        (["--district", "CA-14"], "district-ca-14-vacant.txt"),
    ],
)
def test_cli_text_output(
    lookup_data: Path, args: list[str], golden_name: str, run_cli: RunCli, golden: Golden
) -> None:
    result = run_cli(["lookup", *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden.check(f"lookup/{golden_name}", result.stdout)


def test_cli_json(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--zip", "90210", "--format", "json"])
    assert result.exit_code == 0
    data = result.json()
    assert data["ambiguous"] is True
    assert data["districts"] == ["CA-32", "CA-36", "CA-30"]
    assert [(c["district"], c["share"]) for c in data["candidates"]] == [
        ("CA-32", 0.62),
        ("CA-36", 0.38),
        ("CA-30", 0.002),
    ]
    assert [o["name"] for o in data["officials"]] == ["Alex Padilla", "Adam B. Schiff"]


def test_cli_csv(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--zip", "10011", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["candidate_district"], r["candidate_share"], r["name"]) for r in rows] == [
        ("NY-12", "0.64", "Charles E. Schumer"),
        ("NY-12", "0.64", "Kirsten E. Gillibrand"),
        ("NY-12", "0.64", "Jerrold Nadler"),
        ("NY-10", "0.36", "Charles E. Schumer"),
        ("NY-10", "0.36", "Kirsten E. Gillibrand"),
        ("NY-10", "0.36", "Daniel S. Goldman"),
    ]
    assert result.stderr.startswith("Note: ZIP 10011 spans 2 congressional districts")


def test_cli_csv_of_an_exact_zip_has_no_share(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--zip", "10001", "--format", "csv"], expect=0)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["candidate_district"], r["candidate_share"], r["ambiguous"]) for r in rows} == {
        ("", "", "no")
    }


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["--district", "CA-99"],
            "Error: California has 52 congressional districts (1-52); CA-99 is not one of them\n",
        ),
        (["--district", "WY-2"], "Error: Wyoming has one at-large district: use WY-AL\n"),
        (
            ["--latlng", "abc"],
            "Error: 'abc' is not LAT,LNG: give two numbers such as 40.8036,-124.1682\n",
        ),
        (
            [],
            "Error: give exactly one of --district, --zip, --address or --latlng, "
            "e.g. civickit lookup --district CA-12\n",
        ),
    ],
)
def test_cli_usage_errors(lookup_data: Path, args: list[str], stderr: str, run_cli: RunCli) -> None:
    result = run_cli(["lookup", *args])
    assert result.exit_code == 2
    assert result.stderr == stderr
    assert result.stdout == ""


def test_cli_offline_missing_data_exits_1(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(["--offline", "lookup", "--district", "CA-12"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: congress-legislators is not in the data store ({tmp_path / 'civickit-data'}) "
        "and --offline (CIVICKIT_OFFLINE) forbids downloading; run civickit data sync --only "
        "congress-legislators without --offline, or set CIVICKIT_DATA_MIRROR to a local folder\n"
    )


def test_cli_first_use_with_mirror_env(
    lookup_mirror: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.setenv("CIVICKIT_DATA_MIRROR", str(lookup_mirror))
    result = run_cli(["lookup", "--district", "WY-AL", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [o["name"] for o in result.json()["officials"]][-1] == ("Harriet M. Hageman")
    source = lookup_mirror / "congress-legislators" / "legislators-current.json"
    assert result.stderr.splitlines()[0] == (
        f"copying congress-legislators ({source.stat().st_size // 1000} kB) from {source}"
    )


@pytest.mark.shared
def test_cli_first_use_downloads_over_http(
    httpserver: HTTPServer, shared_data: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    from lookup_support import serve_mirror

    # The full files: a first download over HTTP must hold a complete file's records.
    base = serve_mirror(
        httpserver,
        shared_data,
        [
            "congress-legislators/legislators-current.json",
            "congress-legislators/legislators-district-offices.json",
            "congress-legislators/legislators-social-media.json",
        ],
    )
    monkeypatch.setenv("CIVICKIT_DATA_MIRROR", base)
    monkeypatch.delenv("CIVICKIT_OFFLINE")
    result = run_cli(["lookup", "--district", "DC"])
    assert result.exit_code == 0, result.output
    assert "Delegate Eleanor Holmes Norton (Democrat), DC" in result.stdout
    assert result.stderr.splitlines()[0].startswith("downloading congress-legislators (")
    assert len(result.stderr.splitlines()) == 3


def test_cli_json_carries_provenance(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--zip", "95501", "--format", "json"])
    data = result.json()
    assert [p["adapter"] for p in data["provenance"]] == ["zcta", "congress-legislators"]
    assert data["officials"][0]["provenance"]["dataset"] == "congress-legislators"


def test_cli_warns_once_about_stale_data(
    lookup_data: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    import datetime as dt

    from civickit.lookup import store

    # The fixture's newest record is of 2026-06-10: 31 days old on 2026-07-11.
    monkeypatch.setattr(store, "_now", lambda: dt.datetime(2026, 7, 11, 13, tzinfo=dt.UTC))
    result = run_cli(["lookup", "--zip", "10001"])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: congress-legislators holds data of 2026-06-10 (31 days old); "
        "run: civickit data sync\n"
    )


def test_cli_state_level_fetches_the_state_on_demand(
    lookup_mirror: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.setenv("CIVICKIT_DATA_MIRROR", str(lookup_mirror))
    result = run_cli(["lookup", "--district", "CA-AD-12", "--level", "state"])
    assert result.exit_code == 0, result.output
    assert "Assemblymember Damon Connolly (Democratic), CA-AD-12" in result.stdout
    assert result.stderr == (
        f"copying openstates-ca (4 kB) from {lookup_mirror / 'openstates' / 'ca.csv'}\n"
    )


@pytest.mark.parametrize("command", [["lookup"], ["data", "sync"], ["data", "status"],
                                     ["adapters", "list"]])  # fmt: skip
def test_help_has_examples(command: list[str], run_cli: RunCli) -> None:
    result = run_cli([*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"civickit {' '.join(command)}" in result.stdout


def test_every_command_is_documented() -> None:
    docs = "".join(
        (Path(__file__).resolve().parents[2] / "docs" / name).read_text(encoding="utf-8")
        for name in ("lookup.md", "data.md", "adapters.md")
    )
    for command in ("civickit lookup", "civickit data sync", "civickit data status",
                    "civickit adapters list"):  # fmt: skip
        assert command in docs


def test_unicameral_nebraska_and_missing_capitol_columns(
    tmp_path: Path, lookup_mirror: Path
) -> None:
    from civickit.lookup.store import DataStore

    mirror = tmp_path / "mirror" / "openstates"
    mirror.mkdir(parents=True)
    header = (lookup_mirror / "openstates" / "ca.csv").read_text().splitlines()[0]
    columns = header.split(",")
    row = dict.fromkeys(columns, "")
    row.update(
        id="ocd-person/0000",
        name="Jane Example",
        current_party="Nonpartisan",
        current_district="5",
        current_chamber="legislature",
        district_address="PO Box 94604, Lincoln, NE 68509",
        capitol_address="Room 1000, State Capitol, Lincoln, NE 68509",
        capitol_voice="402-471-0000",
    )
    lines = [header, ",".join(f'"{row[c]}"' for c in columns)]
    (mirror / "ne.csv").write_text("\r\n".join(lines) + "\r\n")
    store = DataStore(tmp_path / "store", offline=True, mirror=str(tmp_path / "mirror"))
    result = Lookup(datastore=store).resolve(district="NE-SD-5", offices=STATE_OFFICES)
    (senator,) = result.officials
    assert (senator.title, senator.name, senator.office) == (
        "Senator",
        "Jane Example",
        "state-upper",
    )
    assert senator.capitol_office is not None
    assert senator.capitol_office.postal_lines() == [
        "Room 1000, State Capitol",
        "Lincoln, NE 68509",
    ]
    assert senator.phones == ("402-471-0000",)
    assert not any("Capitol" in note for note in result.notes)


def test_offline_flag_reaches_library_code(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.delenv("CIVICKIT_OFFLINE")
    result = run_cli(["--offline", "lookup", "--address", "1 Main St, Eureka"])
    assert result.exit_code == 2
    assert "which --offline forbids" in result.stderr
    assert "CIVICKIT_OFFLINE" not in os.environ  # the flag travels in Settings, not the env
