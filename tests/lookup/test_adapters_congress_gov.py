"""The congress-gov directory against a local server; the key must never leak."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from civickit.core.districts import District
from civickit.core.officials import OfficeKind
from civickit.errors import NetworkError, OfflineError, UsageError
from civickit.lookup.adapters.base import AdapterContext
from civickit.lookup.adapters.congress_gov import (
    CongressGovDirectory,
    parse_members,
    split_inverted_name,
)
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

KEY = "cg-secret-key-9876543210"
BOTH: set[OfficeKind] = {"us-senate", "us-house"}


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CONGRESS_GOV_API_KEY", KEY)
    return KEY


def make_directory(httpserver: HTTPServer, **options: Any) -> CongressGovDirectory:
    return make_adapter(CongressGovDirectory, httpserver, "/v3", **options)


def serve(httpserver: HTTPServer, path: str, body: Any, status: int = 200) -> None:
    httpserver.expect_request(f"/v3{path}").respond_with_json(body, status=status)


def test_senators_and_representative(httpserver: HTTPServer, keyed: str) -> None:
    serve(httpserver, "/member/CA", fixture_json("congress_gov", "member_CA.json"))
    serve(httpserver, "/member/CA/2", fixture_json("congress_gov", "member_CA_2.json"))
    found = make_directory(httpserver).officials([District("CA", "cd", "2")], BOTH)
    assert [(o.office, o.name, o.title, o.seat_label) for o in found] == [
        ("us-senate", "Alex Padilla", "Senator", "CA (Senate)"),
        ("us-senate", "Adam B. Schiff", "Senator", "CA (Senate)"),
        ("us-house", "Jared Huffman", "Representative", "CA-2"),
    ]
    huffman = found[2]
    assert huffman.family_name == "Huffman"
    assert huffman.party == "Democratic"
    assert huffman.ids == {"bioguide": "H001068"}
    assert huffman.provenance is not None and huffman.provenance.adapter == "congress-gov"


def test_request_parameters(httpserver: HTTPServer, keyed: str) -> None:
    serve(httpserver, "/member/CA/2", fixture_json("congress_gov", "member_CA_2.json"))
    make_directory(httpserver).officials([District("CA", "cd", "2")], {"us-house"})
    request, _ = httpserver.log[0]
    assert request.path == "/v3/member/CA/2"
    assert request.args.to_dict() == {
        "currentMember": "true",
        "format": "json",
        "limit": "250",
        "api_key": KEY,
    }


def test_at_large_uses_district_0(httpserver: HTTPServer, keyed: str) -> None:
    serve(httpserver, "/member/WY/0", fixture_json("congress_gov", "member_WY_0.json"))
    found = make_directory(httpserver).officials([District("WY", "cd", "0")], {"us-house"})
    assert [(o.name, o.seat_label) for o in found] == [("Harriet M. Hageman", "WY-AL")]


def test_empty_seats_come_back_vacant(httpserver: HTTPServer, keyed: str) -> None:
    serve(httpserver, "/member/VT", fixture_json("congress_gov", "member_VT_one_senator.json"))
    serve(httpserver, "/member/CA/14", {"members": []})
    directory = make_directory(httpserver)
    senators = directory.senators("VT")
    assert [(o.name, o.vacant) for o in senators] == [("Bernard Sanders", False), ("", True)]
    house = directory.representatives(District("CA", "cd", "14"))
    assert [(o.seat_label, o.vacant, o.title) for o in house] == [("CA-14", True, "Representative")]


def test_not_found_reads_as_vacant(httpserver: HTTPServer, keyed: str) -> None:
    serve(httpserver, "/member/CA/99", {"error": "not found"}, status=404)
    house = make_directory(httpserver).representatives(District("CA", "cd", "99"))
    assert house[0].vacant


def test_delegates_and_no_senators_for_dc(httpserver: HTTPServer, keyed: str) -> None:
    body = {
        "members": [
            {
                "bioguideId": "N000147",
                "name": "Norton, Eleanor Holmes",
                "partyName": "Democratic",
                "state": "District of Columbia",
                "district": 0,
                "terms": {"item": [{"chamber": "House of Representatives", "startYear": 1991}]},
            }
        ]
    }
    serve(httpserver, "/member/DC/0", body)
    found = make_directory(httpserver).officials([District("DC", "cd", "0")], BOTH)
    assert [(o.name, o.title, o.seat_label) for o in found] == [
        ("Eleanor Holmes Norton", "Delegate", "DC")
    ]
    assert len(httpserver.log) == 1
    assert make_directory(httpserver).senators("PR") == []


def test_missing_key(httpserver: HTTPServer) -> None:
    with pytest.raises(UsageError) as caught:
        make_directory(httpserver).senators("CA")
    assert str(caught.value) == (
        "no Congress.gov API key: set CONGRESS_GOV_API_KEY (free at "
        "https://api.congress.gov/sign-up/) or choose another adapter"
    )


@pytest.mark.parametrize("status", [401, 403])
def test_rejected_key_message_has_no_key(httpserver: HTTPServer, keyed: str, status: int) -> None:
    serve(httpserver, "/member/CA", {"error": {"code": "API_KEY_INVALID"}}, status=status)
    with pytest.raises(UsageError) as caught:
        make_directory(httpserver).senators("CA")
    assert str(caught.value) == (
        f"Congress.gov refused the request for /member/CA (HTTP {status}); check that "
        "CONGRESS_GOV_API_KEY holds a valid key"
    )


def test_key_never_in_errors_logs_or_cache(
    httpserver: HTTPServer, keyed: str, isolated_env: Path, caplog: pytest.LogCaptureFixture
) -> None:
    serve(httpserver, "/member/CA", fixture_json("congress_gov", "member_CA.json"))
    httpserver.expect_request("/v3/member/CA/2").respond_with_data("bad gateway", status=502)
    directory = make_directory(httpserver, session=fast_session(retries=1))
    with caplog.at_level(logging.DEBUG), pytest.raises(NetworkError) as caught:
        directory.officials([District("CA", "cd", "2")], BOTH)
    assert str(caught.value) == "Congress.gov answered HTTP 502 for /member/CA/2; try again later"
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("urllib3"))
    assert "api_key=***" in ours  # urllib3 logged the request line, redacted
    assert KEY not in ours
    stored = cache_text(isolated_env / "civickit-cache")
    assert "Padilla" in stored
    assert KEY not in stored


def test_connection_error_names_host_only(keyed: str) -> None:
    directory = CongressGovDirectory(
        base_url="http://127.0.0.1:9/v3", session=fast_session(retries=0), offline=False
    )
    with pytest.raises(NetworkError) as caught:
        directory.senators("CA")
    assert str(caught.value) == (
        "Congress.gov: cannot connect to 127.0.0.1:9; check the network, or use --offline "
        "with synced data"
    )


def test_429_then_success_honours_retry_after(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_oneshot_request("/v3/member/CA").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    serve(httpserver, "/member/CA", fixture_json("congress_gov", "member_CA.json"))
    started = time.monotonic()
    senators = make_directory(httpserver).senators("CA")
    assert time.monotonic() - started >= 0.9
    assert len(senators) == 2
    assert [response.status_code for _, response in httpserver.log] == [429, 200]


def test_429_forever_is_a_clear_error(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_request("/v3/member/CA").respond_with_data(
        "", status=429, headers={"Retry-After": "0"}
    )
    with pytest.raises(NetworkError) as caught:
        make_directory(httpserver, session=fast_session(retries=2)).senators("CA")
    assert str(caught.value) == (
        "Congress.gov is still rate limiting after several retries (HTTP 429); wait a few "
        "minutes and try again"
    )
    assert len(httpserver.log) == 3


def test_5xx_retries_then_success(httpserver: HTTPServer, keyed: str) -> None:
    httpserver.expect_oneshot_request("/v3/member/CA").respond_with_data("", status=500)
    serve(httpserver, "/member/CA", fixture_json("congress_gov", "member_CA.json"))
    assert len(make_directory(httpserver).senators("CA")) == 2
    assert [response.status_code for _, response in httpserver.log] == [500, 200]


def test_timeout(keyed: str) -> None:
    with own_server() as server:
        server.expect_request("/v3/member/CA").respond_with_handler(slow_handler(0.4))
        directory = make_directory(server, session=fast_session(retries=0), timeout=(1.0, 0.1))
        with pytest.raises(NetworkError) as caught:
            directory.senators("CA")
    assert "did not answer in time" in str(caught.value)
    assert KEY not in str(caught.value)


def test_offline(httpserver: HTTPServer, keyed: str) -> None:
    directory = CongressGovDirectory(base_url=httpserver.url_for("/v3"))
    with pytest.raises(OfflineError, match="the congress-gov adapter needs the network"):
        directory.senators("CA")


def test_cached_answer_reused(httpserver: HTTPServer, keyed: str) -> None:
    serve(httpserver, "/member/CA", fixture_json("congress_gov", "member_CA.json"))
    make_directory(httpserver).senators("CA")
    assert len(make_directory(httpserver, offline=True).senators("CA")) == 2
    assert len(httpserver.log) == 1


def test_bad_base_url_is_a_usage_error(make_settings: MakeSettings) -> None:
    settings = make_settings({"CIVICKIT_CONGRESS_GOV_URL": "ftp://example.org"})
    with pytest.raises(UsageError) as caught:
        CongressGovDirectory().bind(AdapterContext(DataStore(settings=settings)))
    assert str(caught.value) == (
        "base URL 'ftp://example.org' is not an http(s) URL; fix CIVICKIT_CONGRESS_GOV_URL "
        "or the base_url given"
    )


@pytest.mark.parametrize(
    ("inverted", "name", "family"),
    [
        ("James, John", "John James", "James"),
        ("Butler, Laphonza R.", "Laphonza R. Butler", "Butler"),
        ("Bishop, Sanford D., Jr.", "Sanford D. Bishop Jr.", "Bishop"),
        ("Madonna", "Madonna", None),
    ],
)
def test_split_inverted_name(inverted: str, name: str, family: str | None) -> None:
    assert split_inverted_name(inverted) == (name, family)


def test_member_without_terms_is_skipped() -> None:
    assert parse_members({"members": [{"name": "Nobody, A."}, "junk"]}) == []


@pytest.mark.parametrize("name", ["member_MI_10", "member_congress_118_MI_10", "member_MI"])
def test_official_examples_mi_10(shared_data: Path, name: str) -> None:
    body = json.loads((shared_data / f"congress-gov/{name}.repaired.json").read_text("utf-8"))
    [member] = parse_members(body)
    assert (member.name, member.office, member.seat_label, member.party) == (
        "John James",
        "us-house",
        "MI-10",
        "Republican",
    )


def test_official_example_congress_118(shared_data: Path) -> None:
    body = json.loads(
        (shared_data / "congress-gov/member_congress_118.repaired.json").read_text("utf-8")
    )
    butler, allred = parse_members(body)
    assert (butler.office, butler.district, butler.state) == ("us-senate", None, "CA")
    assert (allred.office, allred.seat_label) == ("us-house", "TX-32")


def test_official_example_served(shared_data: Path, httpserver: HTTPServer, keyed: str) -> None:
    body = json.loads((shared_data / "congress-gov/member_MI_10.repaired.json").read_text("utf-8"))
    serve(httpserver, "/member/MI/10", body)
    found = make_directory(httpserver).representatives(District("MI", "cd", "10"))
    assert [o.name for o in found] == ["John James"]
