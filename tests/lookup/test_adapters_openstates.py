"""The openstates directory (API v3 people.geo and people) against a local server."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from civickit.core.districts import District
from civickit.core.officials import Address, OfficeKind
from civickit.errors import NetworkError, OfflineError, UsageError
from civickit.lookup.adapters.base import AdapterContext
from civickit.lookup.adapters.openstates_api import OpenStatesDirectory, parse_office, parse_people
from civickit.lookup.store import DataStore
from netsupport import (
    cache_text,
    fast_session,
    fixture_json,
    make_adapter,
    own_server,
    slow_handler,
)
from settings_support import MakeSettings

KEY = "os-test-key-0123456789abcdef"
EUREKA = (40.8035929, -124.1682054)
ALL: set[OfficeKind] = {"us-senate", "us-house", "state-upper", "state-lower"}
STATE: set[OfficeKind] = {"state-upper", "state-lower"}


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("OPENSTATES_API_KEY", KEY)
    return KEY


def make_directory(httpserver: HTTPServer, **options: Any) -> OpenStatesDirectory:
    return make_adapter(OpenStatesDirectory, httpserver, "/", **options)


def serve_geo(httpserver: HTTPServer, body: Any) -> None:
    httpserver.expect_request("/people.geo", headers={"X-API-KEY": KEY}).respond_with_json(body)


def test_people_geo_maps_every_office(httpserver: HTTPServer, keyed: str) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    people = make_directory(httpserver).officials_at(EUREKA, ALL)
    assert [(p.office, p.name, p.seat_label) for p in people] == [
        ("us-senate", "Alex Padilla", "CA (Senate)"),
        ("us-house", "Jared Huffman", "CA-2"),
        ("state-upper", "Mike McGuire", "CA-SD-2"),
        ("state-lower", "Chris Rogers", "CA-AD-2"),
    ]
    request, _ = httpserver.log[0]
    assert request.args["lat"] == "40.803593"
    assert request.args["lng"] == "-124.168205"
    assert request.args.getlist("include") == ["offices", "links"]


def test_person_fields(httpserver: HTTPServer, keyed: str) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    people = {p.name: p for p in make_directory(httpserver).officials_at(EUREKA, ALL)}
    rogers = people["Chris Rogers"]
    assert rogers.title == "Assemblymember"
    assert rogers.district == District("CA", "sldl", "2")
    assert rogers.party == "Democratic"
    assert rogers.family_name == "Rogers"
    assert rogers.email == "assemblymember.rogers@assembly.ca.gov"
    assert rogers.website == "https://a02.asmdc.org/"
    assert rogers.capitol_office == Address(
        "Capitol Office",
        ("Room 5130", "1021 O St. P.O. Box 942849"),
        city="Sacramento",
        state="CA",
        zip="94249",
        phone="916-319-2002",
    )
    assert rogers.district_offices[0].city == "Eureka"
    assert rogers.phones == ("916-319-2002", "707-445-7014")
    assert rogers.ids == {"openstates": "ocd-person/84a80bdb-37d5-4f52-8f55-e116fb97ca58"}
    assert rogers.provenance is not None
    assert rogers.provenance.adapter == "openstates"
    padilla = people["Alex Padilla"]
    assert padilla.district is None
    assert padilla.email is None  # the published "email" is a contact-form URL
    assert padilla.contact_form == "https://www.padilla.senate.gov/contact/"
    assert padilla.website == "https://www.padilla.senate.gov"
    assert padilla.capitol_office is not None
    assert padilla.capitol_office.fax == "202-224-2200"


def test_offices_filter(httpserver: HTTPServer, keyed: str) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    people = make_directory(httpserver).officials_at(EUREKA, STATE)
    assert [p.name for p in people] == ["Mike McGuire", "Chris Rogers"]


def test_missing_key_is_a_usage_error(httpserver: HTTPServer) -> None:
    with pytest.raises(UsageError) as caught:
        make_directory(httpserver).officials_at(EUREKA, ALL)
    assert str(caught.value) == (
        "no Open States API key: set OPENSTATES_API_KEY (free at "
        "https://open.pluralpolicy.com/accounts/profile/) or choose another adapter"
    )
    assert httpserver.log == []
    assert not make_directory(httpserver).configured()


def test_key_given_to_the_constructor(httpserver: HTTPServer) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    directory = make_directory(httpserver, api_key=KEY)
    assert directory.configured()
    assert len(directory.officials_at(EUREKA, ALL)) == 4


@pytest.mark.parametrize("status", [401, 403])
def test_rejected_key_is_a_clear_error_without_the_key(
    httpserver: HTTPServer, keyed: str, status: int
) -> None:
    httpserver.expect_request("/people.geo").respond_with_json(
        {"detail": f"invalid key {KEY}"}, status=status
    )
    with pytest.raises(UsageError) as caught:
        make_directory(httpserver).officials_at(EUREKA, ALL)
    assert str(caught.value) == (
        f"Open States refused the request for /people.geo (HTTP {status}); check that "
        "OPENSTATES_API_KEY holds a valid key"
    )
    assert KEY not in str(caught.value)


def test_key_travels_only_in_the_header_and_never_reaches_the_cache(
    httpserver: HTTPServer, keyed: str, isolated_env: Path
) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    make_directory(httpserver).officials_at(EUREKA, ALL)
    request, _ = httpserver.log[0]
    assert KEY not in request.url
    assert request.headers["X-API-KEY"] == KEY
    stored = cache_text(isolated_env / "civickit-cache")
    assert "Mike McGuire" in stored
    assert KEY not in stored


def test_answers_are_cached(httpserver: HTTPServer, keyed: str) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    first = make_directory(httpserver).officials_at(EUREKA, ALL)
    second = make_directory(httpserver, offline=True).officials_at(EUREKA, ALL)
    assert second == first
    assert len(httpserver.log) == 1


def test_offline_forbids_requests(httpserver: HTTPServer, keyed: str) -> None:
    with pytest.raises(OfflineError, match=r"offline mode is on; turn it off"):
        OpenStatesDirectory(base_url=httpserver.url_for("/")).officials_at(EUREKA, ALL)
    assert httpserver.log == []


def test_429_then_success_honours_retry_after(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_oneshot_request("/people.geo").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    started = time.monotonic()
    people = make_directory(httpserver).officials_at(EUREKA, ALL)
    assert time.monotonic() - started >= 0.9
    assert len(people) == 4
    assert [response.status_code for _, response in httpserver.log] == [429, 200]


def test_5xx_retried_then_error_names_no_key(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_request("/people.geo").respond_with_data("oops", status=502)
    with pytest.raises(NetworkError) as caught:
        make_directory(httpserver, session=fast_session(retries=2)).officials_at(EUREKA, ALL)
    assert str(caught.value) == "Open States answered HTTP 502 for /people.geo; try again later"
    assert len(httpserver.log) == 3


def test_timeout_is_a_clear_error(keyed: str) -> None:
    with own_server() as server:
        server.expect_request("/people.geo").respond_with_handler(slow_handler(0.4))
        directory = make_directory(server, session=fast_session(retries=0), timeout=(1.0, 0.1))
        with pytest.raises(NetworkError) as caught:
            directory.officials_at(EUREKA, ALL)
        host = f"{server.host}:{server.port}"
    assert str(caught.value) == (
        f"Open States: {host} did not answer in time; try again later or use --offline "
        "with synced data"
    )


def test_answer_without_results_is_an_error(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_request("/people.geo").respond_with_json({"detail": "odd"})
    with pytest.raises(NetworkError) as caught:
        make_directory(httpserver).officials_at(EUREKA, ALL)
    assert str(caught.value) == (
        "Open States answered /people.geo without a 'results' list; check "
        "CIVICKIT_OPENSTATES_URL points at the service, or try again later"
    )


def test_pages_are_followed(httpserver: HTTPServer, keyed: str) -> None:
    body = fixture_json("openstates", "people_geo_eureka_excerpt.json")
    first = {"results": body["results"][:2], "pagination": {"page": 1, "max_page": 2}}
    second = {"results": body["results"][2:], "pagination": {"page": 2, "max_page": 2}}
    httpserver.expect_request("/people.geo", query_string=_query(page="1")).respond_with_json(first)
    httpserver.expect_request("/people.geo", query_string=_query(page="2")).respond_with_json(
        second
    )
    people = make_directory(httpserver).officials_at(EUREKA, ALL)
    assert len(people) == 4


def _query(page: str) -> str:
    return f"lat=40.803593&lng=-124.168205&include=offices&include=links&page={page}"


def test_officials_by_state_district(httpserver: HTTPServer, keyed: str) -> None:
    body = fixture_json("openstates", "people_geo_eureka_excerpt.json")
    mcguire = {"results": [r for r in body["results"] if r["name"] == "Mike McGuire"]}
    asked: list[dict[str, Any]] = []

    def people(request: Any) -> Any:
        args = request.args.to_dict(flat=False)
        asked.append(args)
        wanted = args.get("org_classification") == ["upper"] and args.get("district") == ["2"]
        return Response(json.dumps(mcguire if wanted else {"results": []}))

    httpserver.expect_request("/people").respond_with_handler(people)
    directory = make_directory(httpserver)
    found = directory.officials(
        [District("CA", "cd", "2"), District("CA", "sldu", "2"), District("CA", "sldl", "2")],
        STATE,
    )
    assert [(o.name, o.seat_label, o.vacant) for o in found] == [
        ("Mike McGuire", "CA-SD-2", False),
        ("", "CA-AD-2", True),
    ]
    assert found[1].title == "Assemblymember"
    assert asked[0] == {
        "jurisdiction": ["ocd-jurisdiction/country:us/state:ca/government"],
        "org_classification": ["upper"],
        "district": ["2"],
        "include": ["offices", "links"],
        "page": ["1"],
    }
    assert len(asked) == 2  # no request for the congressional district


def test_debug_logs_carry_no_key(
    httpserver: HTTPServer, keyed: str, caplog: pytest.LogCaptureFixture
) -> None:
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    with caplog.at_level(logging.DEBUG):
        make_directory(httpserver).officials_at(EUREKA, ALL)
    assert "people.geo" in caplog.text
    assert KEY not in caplog.text


@pytest.mark.parametrize(
    ("text", "lines", "city", "zip_code"),
    [
        (
            "331 Hart Senate Office Building, Washington, DC 20510",
            ("331 Hart Senate Office Building",),
            "Washington",
            "20510",
        ),
        ("1036 5th St., Suite D, Eureka, CA 95501", ("1036 5th St.", "Suite D"), "Eureka", "95501"),
        ("PO Box 1, Albany, NY 12247-0001", ("PO Box 1",), "Albany", "12247-0001"),
    ],
)
def test_parse_office_addresses(
    text: str, lines: tuple[str, ...], city: str, zip_code: str
) -> None:
    address = parse_office({"name": "District Office", "address": text, "voice": "1"})
    assert (address.lines, address.city, address.zip) == (lines, city, zip_code)


def test_unparsable_address_is_kept_whole() -> None:
    address = parse_office({"address": "Room 12, State House", "classification": "capitol"})
    assert address.lines == ("Room 12, State House",)
    assert address.city == ""
    assert address.label == "Office"


def test_unknown_roles_are_skipped() -> None:
    body = {
        "results": [
            {
                "name": "Mayor",
                "current_role": {
                    "org_classification": "executive",
                    "division_id": "ocd-division/country:us/state:ca",
                },
                "jurisdiction": {"classification": "municipality"},
            },
            {"name": "No role"},
            "junk",
        ]
    }
    assert parse_people(body) == []


def test_full_reconstructed_response(shared_data: Path, httpserver: HTTPServer, keyed: str) -> None:
    body = json.loads(
        (shared_data / "openstates/people.geo.reconstructed.ca-eureka.json").read_text("utf-8")
    )
    serve_geo(httpserver, body)
    people = make_directory(httpserver).officials_at(EUREKA, ALL)
    assert [(p.office, p.name, p.title) for p in people] == [
        ("us-senate", "Adam Schiff", "Senator"),
        ("us-senate", "Alex Padilla", "Senator"),
        ("us-house", "Jared Huffman", "Representative"),
        ("state-upper", "Mike McGuire", "Senator"),
        ("state-lower", "Chris Rogers", "Assemblymember"),
    ]
    huffman = people[2]
    assert huffman.district == District("CA", "cd", "2")
    assert huffman.contact_form == "https://huffman.house.gov/contact/email-me"
    assert len(huffman.district_offices) == 5
    assert all(o.zip for o in huffman.district_offices)


def test_validation_error_detail_is_shown(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_request("/people.geo").respond_with_json(
        {"detail": [{"loc": ["query", "lat"], "msg": "value is not a valid float"}]}, status=422
    )
    with pytest.raises(UsageError) as caught:
        make_directory(httpserver).officials_at(EUREKA, ALL)
    assert str(caught.value) == (
        "Open States refused the request for /people.geo (HTTP 422: value is not a valid float); "
        "check the address, point or district given"
    )


def test_base_url_and_key_from_settings(
    httpserver: HTTPServer, make_settings: MakeSettings
) -> None:
    environ = {"CIVICKIT_OPENSTATES_URL": httpserver.url_for("/"), "OPENSTATES_API_KEY": KEY}
    serve_geo(httpserver, fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    directory = OpenStatesDirectory(session=fast_session(), offline=False)
    directory.bind(AdapterContext(DataStore(settings=make_settings(environ))))
    assert directory.configured()
    assert len(directory.officials_at(EUREKA, ALL)) == 4


def test_a_multi_member_district_by_api_reports_its_empty_seats(
    httpserver: HTTPServer, keyed: str
) -> None:
    body = fixture_json("openstates", "people_geo_eureka_excerpt.json")
    (person,) = [r for r in body["results"] if r["name"] == "Chris Rogers"]
    role = {
        **person["current_role"],
        "district": "Belknap 2",
        "division_id": "ocd-division/country:us/state:nh/sldl:belknap_2",
    }
    answer = {"results": [{**person, "name": "Matt Coker", "current_role": role}]}
    httpserver.expect_request("/people").respond_with_json(answer)
    found = make_directory(httpserver).officials([District("NH", "sldl", "Belknap 2")], STATE)
    assert [(o.name, o.title, o.vacant) for o in found] == [
        ("Matt Coker", "Representative", False),
        ("", "Representative", True),
    ]
    assert dict(found[1].ids) == {"seats": "2", "filled": "1"}
    request, _ = httpserver.log[0]
    assert request.args["district"] == "Belknap 2"


def test_nebraska_is_asked_for_as_its_legislature(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_request("/people").respond_with_json({"results": []})
    (seat,) = make_directory(httpserver).officials([District("NE", "sldu", "13")], STATE)
    assert (seat.vacant, seat.title, seat.seat_label) == (True, "Senator", "NE-LD-13")
    request, _ = httpserver.log[0]
    assert request.args["org_classification"] == "legislature"
