"""The census geocoder against a local server: parsing, caching, concurrency, failures."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.core.districts import District
from civickit.errors import NetworkError, OfflineError, UsageError
from civickit.lookup.adapters.base import AdapterContext, GeocodeQuery, NotSupportedError
from civickit.lookup.adapters.census import CensusGeocoder
from civickit.lookup.adapters.census_parse import district_from_entry, parse_geographies_response
from civickit.lookup.adapters.remote import AdapterOfflineError
from civickit.lookup.cache import AnswerCache
from civickit.lookup.store import DataStore
from netsupport import fast_session, fixture_json, make_adapter, own_server, slow_handler
from settings_support import MakeSettings

EUREKA = "317 Third St, Eureka, CA 95501"


def make_geocoder(httpserver: HTTPServer, **options: Any) -> CensusGeocoder:
    return make_adapter(CensusGeocoder, httpserver, "/geocoder", **options)


def serve(httpserver: HTTPServer, endpoint: str, body: Any) -> None:
    httpserver.expect_request(f"/geocoder/geographies/{endpoint}").respond_with_json(body)


def test_address_gives_congressional_and_state_districts(httpserver: HTTPServer) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    result = make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    assert result.confidence == "exact"
    assert [d.label for d in result.districts] == ["CA-2", "CA-AD-2", "CA-SD-2"]
    assert result.matched_address == "317 3RD ST, EUREKA, CA, 95501"
    assert result.point == (40.8035929, -124.1682054)
    assert result.note is None
    assert result.provenance is not None and result.provenance.adapter == "census"


def test_request_names_benchmark_vintage_layers_and_user_agent(httpserver: HTTPServer) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    request, _ = httpserver.log[0]
    assert request.args["address"] == EUREKA
    assert request.args["benchmark"] == "Public_AR_Current"
    assert request.args["vintage"] == "Current_Current"
    assert request.args["layers"] == "all"
    assert request.args["format"] == "json"
    assert request.headers["User-Agent"].startswith("civickit/")


def test_point_uses_coordinates_and_reads_int_fields(httpserver: HTTPServer) -> None:
    body = fixture_json("census", "coordinates_cheyenne-wy_int-fields.json")
    serve(httpserver, "coordinates", body)
    result = make_geocoder(httpserver).geocode(GeocodeQuery(point=(41.14, -104.8202)))
    request, _ = httpserver.log[0]
    assert (request.args["x"], request.args["y"]) == ("-104.8202", "41.14")
    assert result.confidence == "exact"
    assert result.districts[0] == District("WY", "cd", "0")
    assert [d.label for d in result.districts] == ["WY-AL", "WY-HD-11", "WY-SD-8"]


def test_dc_delegate_district_98_is_district_0(httpserver: HTTPServer) -> None:
    serve(
        httpserver, "onelineaddress", fixture_json("census", "onelineaddress_white-house-dc.json")
    )
    result = make_geocoder(httpserver).geocode(GeocodeQuery(address="1600 Pennsylvania Ave NW"))
    assert result.confidence == "exact"
    assert result.districts == (District("DC", "cd", "0"),)


def test_matches_in_different_districts_are_ambiguous(httpserver: HTTPServer) -> None:
    serve(
        httpserver, "onelineaddress", fixture_json("census", "onelineaddress_two-matches-ca.json")
    )
    result = make_geocoder(httpserver).geocode(GeocodeQuery(address="100 Main St"))
    assert result.confidence == "ambiguous"
    assert [d.label for d in result.districts if d.kind == "cd"] == ["CA-11", "CA-12"]
    assert result.note is not None and "matched places in different districts" in result.note


def test_no_match_is_none_with_a_note_and_is_cached(
    httpserver: HTTPServer, isolated_env: Path
) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_no-match.json"))
    geocoder = make_geocoder(httpserver)
    query = GeocodeQuery(address="1 Nowhere Lane, Atlantis")
    first = geocoder.geocode(query)
    second = geocoder.geocode(query)
    assert first.confidence == "none"
    assert first.districts == ()
    assert first.note == (
        "the US Census Geocoder found no match for 1 Nowhere Lane, Atlantis; check the "
        "spelling, add the city, state and ZIP, or look up by ZIP instead"
    )
    assert second == first
    assert len(httpserver.log) == 1


def test_answers_are_cached_on_disk_and_survive_a_new_instance(
    httpserver: HTTPServer, isolated_env: Path
) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    first = make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    again = make_geocoder(httpserver).geocode(
        GeocodeQuery(address="  317 THIRD st ,eureka, CA 95501")
    )
    assert len(httpserver.log) == 1
    assert again.districts == first.districts
    assert again.query.address == "  317 THIRD st ,eureka, CA 95501"
    files = list((isolated_env / "civickit-cache" / "answers").glob("*.json"))
    assert len(files) == 1
    assert "Eureka" not in files[0].name


def test_cached_answer_is_served_offline(httpserver: HTTPServer) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    offline = make_geocoder(httpserver, offline=True)
    assert offline.geocode(GeocodeQuery(address=EUREKA)).confidence == "exact"
    with pytest.raises(AdapterOfflineError) as caught:
        offline.geocode(GeocodeQuery(address="1 Other St, Eureka, CA"))
    assert (caught.value.adapter, caught.value.service) == ("census", "the US Census Geocoder")
    assert str(caught.value) == (  # the CLI words it with --offline (tests/cli)
        "the census adapter needs the network to ask the US Census Geocoder, but offline mode "
        "is on; turn it off or use an adapter that works from synced data"
    )
    assert len(httpserver.log) == 1


def test_offline_environment_forbids_requests(httpserver: HTTPServer) -> None:
    geocoder = CensusGeocoder(base_url=httpserver.url_for("/geocoder"))  # CIVICKIT_OFFLINE=1
    with pytest.raises(OfflineError, match="offline mode is on"):
        geocoder.geocode(GeocodeQuery(address=EUREKA))
    assert httpserver.log == []


def test_zip_queries_are_not_supported(httpserver: HTTPServer) -> None:
    with pytest.raises(NotSupportedError, match="cannot answer a zip query"):
        make_geocoder(httpserver).geocode(GeocodeQuery(zip="95501"))


def test_address_in_parts_uses_the_address_endpoint(httpserver: HTTPServer) -> None:
    serve(httpserver, "address", fixture_json("census", "onelineaddress_eureka-ca.json"))
    result = make_geocoder(httpserver).geocode_address(
        "317 Third St", city="Eureka", state="CA", zip_code="95501"
    )
    request, _ = httpserver.log[0]
    assert request.args["street"] == "317 Third St"
    assert request.args["zip"] == "95501"
    assert result.query.address == "317 Third St, Eureka, CA 95501"
    assert result.confidence == "exact"


def test_base_url_from_settings(httpserver: HTTPServer, make_settings: MakeSettings) -> None:
    settings = make_settings({"CIVICKIT_CENSUS_URL": httpserver.url_for("/geocoder")})
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    geocoder = CensusGeocoder(session=fast_session(), offline=False)
    geocoder.bind(AdapterContext(DataStore(settings=settings)))
    assert geocoder.base_url == httpserver.url_for("/geocoder")
    assert geocoder.cache.folder == settings.cache_dir / "answers"
    assert geocoder.geocode(GeocodeQuery(address=EUREKA)).confidence == "exact"


# -- retries, timeouts, failures -------------------------------------------------------------


def test_429_then_success_waits_for_retry_after(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/geocoder/geographies/onelineaddress").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    started = time.monotonic()
    result = make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    assert time.monotonic() - started >= 0.9
    assert result.confidence == "exact"
    assert [status for _, status in _statuses(httpserver)] == [429, 200]


def test_5xx_is_retried(httpserver: HTTPServer) -> None:
    for status in (503, 502):
        httpserver.expect_oneshot_request("/geocoder/geographies/onelineaddress").respond_with_data(
            "busy", status=status
        )
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    result = make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    assert result.confidence == "exact"
    assert [status for _, status in _statuses(httpserver)] == [503, 502, 200]


def test_persistent_5xx_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/geocoder/geographies/onelineaddress").respond_with_data(
        "down", status=500
    )
    with pytest.raises(NetworkError) as caught:
        make_geocoder(httpserver, session=fast_session(retries=2)).geocode(
            GeocodeQuery(address=EUREKA)
        )
    assert str(caught.value) == (
        "the US Census Geocoder answered HTTP 500 for /geographies/onelineaddress; try again later"
    )
    assert len(httpserver.log) == 3


def test_timeout_is_a_clear_error() -> None:
    with own_server() as server:
        path = "/geocoder/geographies/onelineaddress"
        server.expect_request(path).respond_with_handler(slow_handler(0.4))
        geocoder = make_geocoder(server, session=fast_session(retries=0), timeout=(1.0, 0.1))
        with pytest.raises(NetworkError) as caught:
            geocoder.geocode(GeocodeQuery(address=EUREKA))
        host = f"{server.host}:{server.port}"
    assert str(caught.value) == (
        f"the US Census Geocoder: {host} did not answer in time; try again later or use "
        "--offline with synced data"
    )


def test_answer_that_is_not_json_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/geocoder/geographies/onelineaddress").respond_with_data(
        "<html>maintenance</html>", content_type="text/html"
    )
    with pytest.raises(
        NetworkError, match="with something that is not JSON; check CIVICKIT_CENSUS"
    ):
        make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))


# -- many queries ----------------------------------------------------------------------------


def _echo_handler(counter: dict[str, int], lock: threading.Lock) -> Any:
    template = fixture_json("census", "onelineaddress_eureka-ca.json")

    def handler(request: Request) -> Response:
        with lock:
            counter["requests"] += 1
            counter["active"] += 1
            counter["peak"] = max(counter["peak"], counter["active"])
        time.sleep(0.05)
        body = json.loads(json.dumps(template))
        body["result"]["addressMatches"][0]["matchedAddress"] = request.args["address"].upper()
        with lock:
            counter["active"] -= 1
        return Response(json.dumps(body), content_type="application/json")

    return handler


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    with own_server(threaded=True) as server:
        yield server


def test_geocode_many_deduplicates_and_keeps_order(threaded_server: HTTPServer) -> None:
    counter = {"requests": 0, "active": 0, "peak": 0}
    threaded_server.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(
        _echo_handler(counter, threading.Lock())
    )
    addresses = [f"{n} Main St, Eureka, CA" for n in range(6)]
    queries = [GeocodeQuery(address=a) for a in [*addresses, addresses[2], addresses[0].upper()]]
    geocoder = make_geocoder(threaded_server, jobs=3, rate=1000.0)
    results = geocoder.geocode_many(queries)
    assert counter["requests"] == 6
    assert [r.query for r in results] == queries
    assert [r.matched_address for r in results] == [(q.address or "").upper() for q in queries]
    assert 1 < counter["peak"] <= 3


def test_geocode_many_respects_the_rate_limit(threaded_server: HTTPServer) -> None:
    counter = {"requests": 0, "active": 0, "peak": 0}
    threaded_server.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(
        _echo_handler(counter, threading.Lock())
    )
    queries = [GeocodeQuery(address=f"{n} Oak St, Eureka, CA") for n in range(6)]
    started = time.monotonic()
    make_geocoder(threaded_server, jobs=6, rate=10.0).geocode_many(queries)
    elapsed = time.monotonic() - started
    assert counter["requests"] == 6
    assert elapsed >= 0.45  # 6 requests at 10/s with a burst of 1: 5 waits of 0.1 s


def test_geocode_many_uses_the_cache_and_reports_failures_per_query(
    httpserver: HTTPServer,
) -> None:
    good = json.dumps(fixture_json("census", "onelineaddress_eureka-ca.json"))

    def by_address(request: Request) -> Response:
        if request.args["address"] == "broken":
            return Response("down", status=500)
        return Response(good, content_type="application/json")

    httpserver.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(
        by_address
    )
    geocoder = make_geocoder(httpserver, session=fast_session(retries=0))
    geocoder.geocode(GeocodeQuery(address=EUREKA))
    results = geocoder.geocode_many([GeocodeQuery(address=EUREKA), GeocodeQuery(address="broken")])
    assert results[0].confidence == "exact"
    assert results[1].confidence == "none"
    assert results[1].note == (
        "lookup failed: the US Census Geocoder answered HTTP 500 for "
        "/geographies/onelineaddress; try again later"
    )
    assert len(httpserver.log) == 2  # the first address was asked once, then cached


def test_geocode_many_offline_with_everything_cached_needs_no_network(
    httpserver: HTTPServer,
) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    make_geocoder(httpserver).geocode(GeocodeQuery(address=EUREKA))
    offline = make_geocoder(httpserver, offline=True)
    assert offline.geocode_many([GeocodeQuery(address=EUREKA)])[0].confidence == "exact"
    with pytest.raises(OfflineError):
        offline.geocode_many([GeocodeQuery(address=EUREKA), GeocodeQuery(address="2 Elm St")])


def test_cache_ttl_zero_asks_every_time(httpserver: HTTPServer) -> None:
    serve(httpserver, "onelineaddress", fixture_json("census", "onelineaddress_eureka-ca.json"))
    geocoder = make_geocoder(httpserver, cache=AnswerCache(ttl=0))
    geocoder.geocode(GeocodeQuery(address=EUREKA))
    geocoder.geocode(GeocodeQuery(address=EUREKA))
    assert len(httpserver.log) == 2


# -- parsing details -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "kind", "label"),
    [
        ({"GEOID": "0612", "CD119": "12", "STATE": "06"}, "cd", "CA-12"),
        ({"GEOID": 612, "CD119": 12, "STATE": 6}, "cd", "CA-12"),
        ({"GEOID": "5600", "CD119": "00"}, "cd", "WY-AL"),
        ({"GEOID": "1198", "CD119": "98"}, "cd", "DC"),
        ({"GEOID": "7298", "CD118": "98"}, "cd", "PR"),
        ({"GEOID": "3607"}, "cd", "NY-7"),
        ({"GEOID": "06002", "SLDU": "002", "BASENAME": "2"}, "sldu", "CA-SD-2"),
        ({"GEOID": "36065", "SLDL": 65}, "sldl", "NY-AD-65"),
        (
            {"GEOID": "50C-1", "SLDL": "C-1", "BASENAME": "Chittenden-1"},
            "sldl",
            "VT-HD-Chittenden-1",
        ),
    ],
)
def test_district_from_entry(entry: dict[str, Any], kind: Any, label: str) -> None:
    district = district_from_entry(entry, kind)
    assert district is not None and district.label == label


@pytest.mark.parametrize(
    "entry",
    [{"GEOID": "06ZZ", "CD119": "ZZ"}, {"GEOID": "99", "CD119": "01"}, {"NAME": "nothing"}],
)
def test_unassigned_or_unknown_entries_give_no_district(entry: dict[str, Any]) -> None:
    assert district_from_entry(entry, "cd") is None


def test_newest_congress_layer_wins() -> None:
    body = fixture_json("census", "onelineaddress_eureka-ca.json")
    geographies = body["result"]["addressMatches"][0]["geographies"]
    geographies["118th Congressional Districts"] = [{"GEOID": "0601", "CD118": "01"}]
    result, cacheable = parse_geographies_response(body, GeocodeQuery(address=EUREKA))
    assert [d.label for d in result.districts if d.kind == "cd"] == ["CA-2"]
    assert cacheable


def test_state_layer_error_keeps_the_congressional_district_but_is_not_cached() -> None:
    body = fixture_json("census", "onelineaddress_eureka-ca.json")
    geographies = body["result"]["addressMatches"][0]["geographies"]
    geographies["2024 State Legislative Districts - Lower"] = [{"status": "Layer query failed"}]
    result, cacheable = parse_geographies_response(body, GeocodeQuery(address=EUREKA))
    assert result.confidence == "exact"
    assert [d.label for d in result.districts] == ["CA-2", "CA-SD-2"]
    assert result.note == (
        "the US Census Geocoder could not return the '2024 State Legislative Districts - "
        "Lower' layer (Layer query failed); try again later"
    )
    assert not cacheable


def test_answer_without_result_is_an_error() -> None:
    with pytest.raises(NetworkError, match="has no 'result'"):
        parse_geographies_response({"errors": ["bad"]}, GeocodeQuery(address=EUREKA))


def _statuses(httpserver: HTTPServer) -> list[tuple[str, int]]:
    return [(request.path, response.status_code) for request, response in httpserver.log]


# -- real recordings -------------------------------------------------------------------------

RECORDINGS = "census-geocoder/fitnr-censusgeocode-2017"


def test_recorded_layer_error_becomes_none_not_a_crash(
    shared_data: Path, httpserver: HTTPServer
) -> None:
    path = (
        shared_data
        / RECORDINGS
        / "onelineaddress_geographies_layers-all_1600-pennsylvania-ave.json"
    )
    serve(httpserver, "onelineaddress", json.loads(path.read_text(encoding="utf-8")))
    geocoder = make_geocoder(httpserver)
    query = GeocodeQuery(address="1600 Pennsylvania Avenue NW, Washington, DC, 20500")
    result = geocoder.geocode(query)
    assert result.confidence == "none"
    assert result.matched_address == "1600 PENNSYLVANIA AVE NW, WASHINGTON, DC, 20502"
    assert result.note == (
        "the US Census Geocoder could not return the '115th Congressional Districts' layer "
        "(Layer query encountered an error: java.lang.RuntimeException: Failed to return); "
        "try again later or look up by ZIP"
    )
    geocoder.geocode(query)
    assert len(httpserver.log) == 2  # a layer error is not cached


@pytest.mark.parametrize(
    "name",
    [
        "address_geographies_default-layers_1600-pennsylvania-ave.json",
        "address_geographies_Census2020_1600-pennsylvania-ave.json",
        "coordinates_geographies_x-74_y43.json",
    ],
)
def test_recorded_answers_without_district_layers(shared_data: Path, name: str) -> None:
    body = json.loads((shared_data / RECORDINGS / name).read_text(encoding="utf-8"))
    result, cacheable = parse_geographies_response(body, GeocodeQuery(address="x"))
    assert result.confidence == "none"
    assert result.note == (
        "the US Census Geocoder answer has no congressional district layer; ask it with layers=all"
    )
    assert result.point is not None
    assert not cacheable


def test_recorded_2025_layer_names_match_the_patterns(shared_data: Path) -> None:
    from civickit.lookup.adapters.census_parse import CD_LAYER, SLD_LAYERS

    names = json.loads(
        (
            shared_data
            / "census-geocoder/ualib-cookbook-2025/geographies_layers-all_layer_names.json"
        ).read_text(encoding="utf-8")
    )
    assert [n for n in names if CD_LAYER.match(n)] == ["119th Congressional Districts"]
    assert [n for n in names if SLD_LAYERS["sldu"].match(n)] == [
        "2024 State Legislative Districts - Upper"
    ]
    assert [n for n in names if SLD_LAYERS["sldl"].match(n)] == [
        "2024 State Legislative Districts - Lower"
    ]


def test_recorded_2025_string_fields_parse(shared_data: Path) -> None:
    records = json.loads(
        (
            shared_data
            / "census-geocoder/ualib-cookbook-2025"
            / "geographies_layers-all_Counties_layer_425-stadium-dr.json"
        ).read_text(encoding="utf-8")
    )
    cd_like = {**records[0], "GEOID": "0107", "CD119": "07"}
    district = district_from_entry(cd_like, "cd")
    assert district == District("AL", "cd", "7")


def test_zero_rate_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="rate limit 0 must be more than 0 requests a second"):
        CensusGeocoder(rate=0)


def test_rejected_input_shows_the_service_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/geocoder/geographies/onelineaddress").respond_with_json(
        {"errors": ["Street address must be provided\nwith a number"], "status": "400"},
        status=400,
    )
    with pytest.raises(UsageError) as caught:
        make_geocoder(httpserver).geocode(GeocodeQuery(address="Main"))
    assert str(caught.value) == (
        "the US Census Geocoder refused the request for /geographies/onelineaddress (HTTP 400: "
        "Street address must be provided with a number); check the address, point or district "
        "given"
    )


def test_empty_address_is_refused_before_any_request(httpserver: HTTPServer) -> None:
    with pytest.raises(UsageError, match="the address is empty; give a street address"):
        make_geocoder(httpserver).geocode(GeocodeQuery(address="   "))
    assert httpserver.log == []
