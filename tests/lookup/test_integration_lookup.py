"""Lookup wired to the network adapters: census addresses and points, Open States people.geo,
congress-gov as a chosen source, --targets files, and ``Lookup.resolve_many``.

Every service is a local pytest-httpserver serving the fixtures in tests/fixtures; the data
store is seeded offline by ``lookup_data``.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.core.offices import ELECTED_OFFICES, STATE_OFFICES
from civickit.errors import UsageError
from civickit.lookup.adapters.base import GeocodeQuery
from civickit.lookup.facade import Lookup, LookupResult
from civickit.settings import Settings
from netsupport import FIXTURES, fixture_json, serve_census
from settings_support import MakeSettings
from support.cli import CliResult, RunCli, invoke

EUREKA = "317 Third St, Eureka, CA 95501"
COUNCIL = FIXTURES / "targets" / "council.csv"
SENDER_ARGS = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]


def run(*args: str) -> CliResult:
    return invoke(list(args))


@pytest.fixture
def online(make_settings: MakeSettings, httpserver: HTTPServer) -> Settings:
    """Settings for library calls: online, with the census and Open States APIs at the local
    server (the CLI tests set the same through the environment instead)."""
    return make_settings(
        {
            "CIVICKIT_OFFLINE": "0",
            "CIVICKIT_CENSUS_URL": httpserver.url_for("/geocoder"),
            "CIVICKIT_OPENSTATES_URL": httpserver.url_for("/openstates"),
        }
    )


@pytest.fixture
def census(
    census_server: list[str], httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """``census_server``, with the CLI pointed at it (and online) through its environment."""
    monkeypatch.setenv("CIVICKIT_CENSUS_URL", httpserver.url_for("/geocoder"))
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
    return census_server


@pytest.fixture
def census_server(httpserver: HTTPServer) -> list[str]:
    """A local Census Geocoder: Eureka for addresses mentioning Eureka, no match otherwise,
    Cheyenne for every point. Returns the addresses and points it was asked, in order."""
    asked: list[str] = []
    lock = threading.Lock()

    def oneline(request: Request) -> Response:
        address = request.args.get("address", "")
        with lock:
            asked.append(address)
        name = "eureka-ca" if "eureka" in address.lower() else "no-match"
        body = (FIXTURES / "census" / f"onelineaddress_{name}.json").read_bytes()
        return Response(body, content_type="application/json")

    def coordinates(request: Request) -> Response:
        with lock:
            asked.append(f"{request.args['y']},{request.args['x']}")
        body = (FIXTURES / "census" / "coordinates_cheyenne-wy_int-fields.json").read_bytes()
        return Response(body, content_type="application/json")

    httpserver.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(oneline)
    httpserver.expect_request("/geocoder/geographies/coordinates").respond_with_handler(coordinates)
    return asked


def names(result: LookupResult) -> list[tuple[str, str]]:
    return [(o.office, o.name) for o in result.officials]


# ----------------------------------------------------------------------------- addresses


def test_lookup_address_through_the_census_geocoder(lookup_data: Path, census: list[str]) -> None:
    result = run("lookup", "--address", EUREKA, "--level", "all", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = result.json()
    assert answer["query"] == f"address {EUREKA}"
    assert answer["ambiguous"] is False
    assert answer["districts"] == ["CA-2", "CA-AD-2", "CA-SD-2"]
    assert [(o["title"], o["name"], o["district"]) for o in answer["officials"]] == [
        ("Senator", "Alex Padilla", None),
        ("Senator", "Adam B. Schiff", None),
        ("Representative", "Jared Huffman", "CA-2"),
        ("Senator", "Mike McGuire", "CA-SD-2"),
        ("Assemblymember", "Chris Rogers", "CA-AD-2"),
    ]
    assert answer["provenance"][0]["adapter"] == "census"
    assert census == [EUREKA]


def test_lookup_address_with_no_match_is_a_usage_error(
    lookup_data: Path, census: list[str]
) -> None:
    result = run("lookup", "--address", "1 Nowhere Lane, Atlantis")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the US Census Geocoder found no match for 1 Nowhere Lane, Atlantis; check the "
        "spelling, add the city, state and ZIP, or look up by ZIP instead\n"
    )
    assert result.stdout == ""


def test_address_matching_two_districts_is_ambiguous(
    lookup_data: Path, httpserver: HTTPServer, run_cli: RunCli
) -> None:
    env = serve_census(httpserver, "onelineaddress", "onelineaddress_two-matches-ca.json")
    result = run_cli(
        ["lookup", "--address", "100 Main St, San Francisco, CA", "--format", "json"], env=env
    )
    assert result.exit_code == 0, result.output
    answer = result.json()
    assert answer["ambiguous"] is True
    # Only the congressional districts are candidates; the state districts both matches
    # share are not offered as places to choose from.
    assert [c["district"] for c in answer["candidates"]] == ["CA-11", "CA-12"]
    assert [o["name"] for o in answer["officials"]] == ["Alex Padilla", "Adam B. Schiff"]
    assert answer["candidates"][1]["officials"][-1]["name"] == "Lateefah Simon"
    assert answer["notes"][0].startswith("100 Main St, San Francisco, CA matched places in")


def test_split_candidates() -> None:
    from civickit.core.districts import parse_district
    from civickit.lookup.facade import split_candidates

    def labels(*texts: str) -> list[str]:
        return [d.label for d in map(parse_district, texts)]

    both = tuple(map(parse_district, ["CA-11", "CA-12", "CA-SD-11", "CA-AD-17", "CA-AD-19"]))
    options, settled = split_candidates(both)
    assert [d.label for d in options] == labels("CA-11", "CA-12")
    assert [d.label for d in settled] == labels("CA-SD-11")
    state_only = tuple(map(parse_district, ["CA-12", "CA-AD-17", "CA-AD-19"]))
    options, settled = split_candidates(state_only)
    assert [d.label for d in options] == labels("CA-AD-17", "CA-AD-19")
    assert [d.label for d in settled] == labels("CA-12")


def test_lookup_address_offline_is_a_clear_error(lookup_data: Path) -> None:
    result = run("--offline", "lookup", "--address", EUREKA)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the geocoders that answer addresses (census) need the network, which --offline "
        "forbids; use --district or --zip\n"
    )


def test_lookup_point_through_the_census_geocoder(
    lookup_data: Path, census_server: list[str], online: Settings
) -> None:
    result = Lookup(settings=online).resolve(point=(41.14, -104.82))
    assert [d.label for d in result.districts][:1] == ["WY-AL"]
    assert names(result) == [
        ("us-senate", "John Barrasso"),
        ("us-senate", "Cynthia M. Lummis"),
        ("us-house", "Harriet M. Hageman"),
    ]
    assert census_server == ["41.14,-104.82"]


def test_letter_from_an_address(lookup_data: Path, census: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "letter", "--address", EUREKA, "--to", "house", "--name", "Ada Lopez",
        "--from-address", EUREKA, "--date", "2026-11-26", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (letter,) = out.iterdir()
    assert letter.name == "2026-11-26_us-house_CA-2_huffman.txt"
    assert "Dear Representative Huffman:" in letter.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- openstates


@pytest.fixture
def people_geo(
    people_geo_server: list[dict[str, str]], httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, str]]:
    """``people_geo_server``, with the CLI given its URL and key through its environment."""
    monkeypatch.setenv("CIVICKIT_OPENSTATES_URL", httpserver.url_for("/openstates"))
    monkeypatch.setenv("OPENSTATES_API_KEY", "os-secret")
    return people_geo_server


@pytest.fixture
def people_geo_server(httpserver: HTTPServer) -> list[dict[str, str]]:
    """A local Open States API answering /people.geo with the Eureka excerpt; returns the
    query arguments of each request."""
    asked: list[dict[str, str]] = []
    body = json.dumps(fixture_json("openstates", "people_geo_eureka_excerpt.json"))

    def handler(request: Request) -> Response:
        asked.append({"lat": request.args["lat"], "lng": request.args["lng"]})
        assert request.headers["X-API-KEY"] == "os-secret"
        return Response(body, content_type="application/json")

    httpserver.expect_request("/openstates/people.geo").respond_with_handler(handler)
    return asked


def test_openstates_key_answers_state_seats_by_point(
    lookup_data: Path,
    census_server: list[str],
    people_geo_server: list[dict[str, str]],
    online: Settings,
) -> None:
    with_key = online.replace(secrets={"OPENSTATES_API_KEY": "os-secret"})
    result = Lookup(settings=with_key).resolve(address=EUREKA, offices=STATE_OFFICES)
    assert names(result) == [("state-upper", "Mike McGuire"), ("state-lower", "Chris Rogers")]
    # people.geo publishes Capitol offices, which the bulk CSV leaves empty.
    assert all(o.capitol_office is not None for o in result.officials)
    assert not any("openstates/issues#1392" in note for note in result.notes)
    assert people_geo_server == [{"lat": "40.803593", "lng": "-124.168205"}]


def test_latlng_with_the_openstates_key_uses_people_geo(
    lookup_data: Path,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    people_geo: list[dict[str, str]],
) -> None:
    # The census answer for a point in Eureka: the address fixture's layers at that point.
    match = fixture_json("census", "onelineaddress_eureka-ca.json")["result"]["addressMatches"][0]
    location = {"x": -124.1682, "y": 40.8036}
    httpserver.expect_request("/geocoder/geographies/coordinates").respond_with_json(
        {"result": {"input": {"location": location}, "geographies": match["geographies"]}}
    )
    monkeypatch.setenv("CIVICKIT_CENSUS_URL", httpserver.url_for("/geocoder"))
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
    result = run("lookup", "--latlng", "40.8036,-124.1682", "--level", "all", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = result.json()
    assert answer["districts"] == ["CA-2", "CA-AD-2", "CA-SD-2"]
    assert [(o["name"], o["provenance"]["adapter"]) for o in answer["officials"]] == [
        ("Alex Padilla", "congress-legislators"),
        ("Adam B. Schiff", "congress-legislators"),
        ("Jared Huffman", "congress-legislators"),
        ("Mike McGuire", "openstates"),
        ("Chris Rogers", "openstates"),
    ]
    assert answer["officials"][3]["capitol_office"]["city"] == "Sacramento"
    assert people_geo == [{"lat": "40.803600", "lng": "-124.168200"}]
    assert "os-secret" not in result.output


def test_without_the_key_state_seats_come_from_the_bulk_csv(
    lookup_data: Path, census_server: list[str], online: Settings
) -> None:
    result = Lookup(settings=online).resolve(address=EUREKA, offices=STATE_OFFICES)
    assert names(result) == [("state-upper", "Mike McGuire"), ("state-lower", "Chris Rogers")]
    assert all(o.ids["openstates"].startswith("ocd-person/") for o in result.officials)
    assert any("openstates/issues#1392" in note for note in result.notes)


def test_adapters_list_shows_one_openstates(
    lookup_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENSTATES_API_KEY", "os-secret")
    result = run("adapters", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line for line in lines if not line.startswith(" ")] == [
        "congress-legislators (directory, built-in)",
        "zcta (geocoder, built-in)",
        "census (geocoder, built-in)",
        "openstates (directory, built-in)",
        "congress-gov (directory, built-in)",
        "file (directory, built-in)",
    ]
    at = lines.index("openstates (directory, built-in)")
    assert lines[at + 1] == (
        "  answers: state-lower, state-upper, point; optional key in OPENSTATES_API_KEY; "
        "configured; offline"
    )
    at = lines.index("congress-gov (directory, built-in)")
    assert lines[at + 1] == (
        "  answers: us-house, us-senate; key in CONGRESS_GOV_API_KEY; NOT configured: set "
        "CONGRESS_GOV_API_KEY; network"
    )
    assert "os-secret" not in result.output


# ----------------------------------------------------------------------------- congress-gov


@pytest.fixture
def congress_gov(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A local Congress.gov API answering CA and CA-2 from the fixtures."""
    for path, name in (("/member/CA", "member_CA.json"), ("/member/CA/2", "member_CA_2.json")):
        httpserver.expect_request(f"/congress{path}").respond_with_json(
            fixture_json("congress_gov", name)
        )
    monkeypatch.setenv("CIVICKIT_CONGRESS_GOV_URL", httpserver.url_for("/congress"))
    monkeypatch.setenv("CONGRESS_GOV_API_KEY", "cg-secret")
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")


def test_congress_gov_answers_when_chosen(lookup_data: Path, congress_gov: None) -> None:
    default = run("lookup", "--district", "CA-2", "--format", "json").json()
    assert {o["provenance"]["adapter"] for o in default["officials"]} == {"congress-legislators"}
    result = run("lookup", "--district", "CA-2", "--source", "congress-gov", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = result.json()
    assert [(o["name"], o["provenance"]["adapter"]) for o in answer["officials"]] == [
        ("Alex Padilla", "congress-gov"),
        ("Adam B. Schiff", "congress-gov"),
        ("Jared Huffman", "congress-gov"),
    ]
    assert "cg-secret" not in result.output


def test_congress_gov_offline_is_refused(lookup_data: Path, congress_gov: None) -> None:
    result = run("--offline", "lookup", "--district", "CA-2", "--source", "congress-gov")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --source congress-gov needs the network, which --offline forbids; drop one of "
        "them\n"
    )


# ----------------------------------------------------------------------------- --targets


def test_lookup_targets_alone_and_next_to_officials(lookup_data: Path) -> None:
    alone = run("lookup", "--targets", str(COUNCIL), "--format", "json").json()
    assert alone["query"] == f"targets {COUNCIL}"
    assert [(o["title"], o["name"], o["organisation"]) for o in alone["officials"]] == [
        ("Mayor", "Ada Lopez", "City of Oakland"),
        ("Councilmember", "Sam Chen", "Oakland City Council"),
    ]
    both = run("lookup", "--district", "CA-12", "--targets", str(COUNCIL), "--format", "json")
    assert both.exit_code == 0, both.output
    assert [o["name"] for o in both.json()["officials"]] == [
        "Alex Padilla",
        "Adam B. Schiff",
        "Lateefah Simon",
        "Ada Lopez",
        "Sam Chen",
    ]


def test_lookup_targets_as_text(lookup_data: Path) -> None:
    result = run("lookup", "--targets", str(COUNCIL))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:5] == [
        f"targets {COUNCIL}",
        "",
        "  Mayor Ada Lopez, City of Oakland",
        "    City of Oakland: 1 Frank H. Ogawa Plaza, 3rd Floor, Oakland, CA 94612 (phone "
        "510-238-3141)",
        "    E-mail: mayor@example.gov",
    ]


def test_lookup_targets_as_csv(lookup_data: Path) -> None:
    import csv
    import io

    result = run("lookup", "--targets", str(COUNCIL), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["title"], r["name"], r["organisation"], r["source"]) for r in rows] == [
        ("Mayor", "Ada Lopez", "City of Oakland", "file"),
        ("Councilmember", "Sam Chen", "Oakland City Council", "file"),
    ]
    assert result.stderr == ""


def test_targets_in_another_state_are_left_out(lookup_data: Path, tmp_path: Path) -> None:
    targets = tmp_path / "t.csv"
    targets.write_text(
        "name,office,state,email\n"
        "Pat Doe,state-upper,NV,pat@example.org\n"
        "Kim Roe,other,NV,kim@example.org\n",
        encoding="utf-8",
    )
    result = Lookup(targets=targets).resolve(district="CA-12", offices=ELECTED_OFFICES)
    assert [o.name for o in result.officials if o.office in {"state-upper", "other"}] == ["Kim Roe"]


def test_bad_targets_file_is_a_usage_error(lookup_data: Path, tmp_path: Path) -> None:
    result = run("lookup", "--targets", str(tmp_path / "absent.csv"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'absent.csv'}: no such file; check the path to the targets file\n"
    )


def test_letters_to_targets_use_the_generic_template(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "letter", "--targets", str(COUNCIL), *SENDER_ARGS, "--date", "2026-11-26",
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert [f.name for f in files] == [
        "2026-11-26_other_City-of-Oakland_lopez.txt",
        "2026-11-26_other_Oakland-City-Council_chen.txt",
    ]
    mayor = files[0].read_text(encoding="utf-8")
    assert "Dear Mayor Lopez:" in mayor
    assert "City of Oakland\n1 Frank H. Ogawa Plaza\n3rd Floor\nOakland, CA 94612" in mayor
    assert "Dear Councilmember Chen:" in files[1].read_text(encoding="utf-8")


def test_letters_to_a_district_and_targets(lookup_data: Path, tmp_path: Path) -> None:
    result = run(
        "letter", "--district", "CA-12", "--to", "house", "--targets", str(COUNCIL),
        *SENDER_ARGS, "--date", "2026-11-26", "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "2026-11-26_other_City-of-Oakland_lopez.txt",
        "2026-11-26_other_Oakland-City-Council_chen.txt",
        "2026-11-26_us-house_CA-12_simon.txt",
    ]


def test_callscript_to_targets(tmp_path: Path) -> None:
    result = run("callscript", "--targets", str(COUNCIL), "--format", "json", "--name", "Ada")
    assert result.exit_code == 0, result.output
    scripts = result.json()
    assert [s["addressee"] for s in scripts] == ["Mayor Lopez", "Councilmember Chen"]
    assert scripts[0]["phones"] == [{"label": "City of Oakland", "number": "510-238-3141"}]


# ----------------------------------------------------------------------------- resolve_many


def test_resolve_many_geocodes_each_distinct_address_once(
    lookup_data: Path, census_server: list[str], online: Settings
) -> None:
    census = census_server
    queries = [
        GeocodeQuery(address=EUREKA),
        GeocodeQuery(zip="95501"),
        GeocodeQuery(address=EUREKA),
        GeocodeQuery(address="317  third st, EUREKA, ca 95501"),
        GeocodeQuery(address="1 Nowhere Lane, Atlantis"),
        GeocodeQuery(zip="10011"),
        GeocodeQuery(zip="12"),
    ]
    answers = Lookup(settings=online).resolve_many(queries)
    assert list(answers) == list(dict.fromkeys(queries))
    # The two spellings of the Eureka address are one request; the ZIPs need none.
    assert sorted(census) == sorted([EUREKA, "1 Nowhere Lane, Atlantis"])
    eureka = answers[GeocodeQuery(address=EUREKA)]
    assert isinstance(eureka, LookupResult)
    assert names(eureka)[-1] == ("us-house", "Jared Huffman")
    by_zip = answers[GeocodeQuery(zip="95501")]
    assert isinstance(by_zip, LookupResult)
    assert [d.label for d in by_zip.districts] == ["CA-2"]
    ambiguous = answers[GeocodeQuery(zip="10011")]
    assert isinstance(ambiguous, LookupResult) and ambiguous.ambiguous
    assert isinstance(answers[GeocodeQuery(address="1 Nowhere Lane, Atlantis")], UsageError)
    assert str(answers[GeocodeQuery(zip="12")]) == (
        "'12' is not a ZIP code: give 5 digits such as 94103 (or ZIP+4 94103-1234)"
    )


def test_resolve_many_offline_reports_each_address(lookup_data: Path) -> None:
    answers = Lookup(offline=True).resolve_many(
        [GeocodeQuery(address=EUREKA), GeocodeQuery(zip="95501")]
    )
    assert isinstance(answers[GeocodeQuery(zip="95501")], LookupResult)
    assert "--offline forbids" in str(answers[GeocodeQuery(address=EUREKA)])


def test_resolve_many_refuses_unknown_offices(lookup_data: Path) -> None:
    with pytest.raises(UsageError, match="unknown office 'mayor'"):
        Lookup().resolve_many([GeocodeQuery(zip="95501")], offices={"mayor"})  # type: ignore[arg-type]  # not an OfficeKind, on purpose


# ----------------------------------------------------------------------------- docs


def test_docs_describe_every_built_in_adapter_and_lookup_option() -> None:
    from civickit.lookup.adapters.builtin import BUILTIN_ADAPTERS

    docs = Path(__file__).resolve().parents[2] / "docs"
    adapters = (docs / "adapters.md").read_text(encoding="utf-8")
    for adapter_class in BUILTIN_ADAPTERS:
        assert f"| `{adapter_class.name}` |" in adapters
    lookup = (docs / "lookup.md").read_text(encoding="utf-8")
    for option in ("--district", "--zip", "--address", "--latlng", "--source", "--targets"):
        assert f"`{option}" in lookup
    assert "resolve_many" in lookup
    letters = (docs / "letters.md").read_text(encoding="utf-8")
    assert "--targets FILE" in letters and "--source congress-gov" in letters
