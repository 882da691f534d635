"""Sync that cannot be poisoned (issue 12, point 6), against real local servers.

Each finding is a test: wrong types, truncated files, implausible counts, slow and huge bodies,
gzip bombs, credentials in a mirror URL, API keys on a redirect to another host, file modes.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import logging
import socket
import socketserver
import stat
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.core.districts import District
from civickit.errors import NetworkError
from civickit.lookup.adapters.congress_gov import CongressGovDirectory
from civickit.lookup.adapters.openstates_api import OpenStatesDirectory
from civickit.lookup.cache import AnswerCache
from civickit.lookup.datasets import Dataset, dataset_named, openstates_dataset
from civickit.lookup.http import redact
from civickit.lookup.limits import Limits
from civickit.lookup.store import DataStore, SyncOutcome
from lookup_support import serve_mirror
from netsupport import cache_text, fast_session, fixture_json, own_server
from support.cli import RunCli

LEGISLATORS = dataset_named("congress-legislators")
CA = openstates_dataset("CA")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lookup"
QUICK = Limits(seconds=1.5, max_bytes=2_000_000)
NO_CACHE = AnswerCache(ttl=0)  # every question goes to the server

Handler = Callable[[socket.socket], None]


# -- a raw server, for answers no well-behaved HTTP server gives -------------------------------


@contextmanager
def raw_server(handle: Handler) -> Iterator[str]:
    """A threaded TCP server calling ``handle(connection)`` after reading the request head;
    yields its base URL. Written bytes go straight to the socket, trickled if the test wants."""

    class Handle(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            head = b""
            while b"\r\n\r\n" not in head:
                piece = self.request.recv(4096)
                if not piece:
                    return
                head += piece
            with contextlib.suppress(OSError):  # the client hung up: what a refusal does
                handle(self.request)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_store(tmp_path: Path, mirror: str, **options: Any) -> tuple[DataStore, list[str]]:
    messages: list[str] = []
    options.setdefault("floors", False)  # the fixtures are excerpts
    store = DataStore(
        tmp_path / "store", offline=False, mirror=mirror, notify=messages.append, retries=0,
        **options,
    )  # fmt: skip
    return store, messages


def synced_fixture_store(tmp_path: Path, httpserver: HTTPServer, **options: Any) -> DataStore:
    """A store holding the fixtures' legislators and CA file, synced over HTTP."""
    base = serve_mirror(httpserver, FIXTURES, [LEGISLATORS.relative_path, CA.relative_path])
    store, _ = make_store(tmp_path, base, **options)
    assert [o.status for o in store.sync([LEGISLATORS, CA])] == ["downloaded"] * 2
    httpserver.clear()
    return store


def serve_bytes(httpserver: HTTPServer, relative: str, data: bytes) -> None:
    httpserver.expect_request(f"/mirror/{relative}").respond_with_data(data)


# -- schemas: well-formed JSON with wrong types ---------------------------------------------------


@pytest.mark.parametrize(
    ("poison", "field"),
    [
        (lambda m: m[3]["terms"][-1].update(state=12), "record 4 (bioguide {id}): field terms["),
        (lambda m: m[3]["terms"][-1].update(district="3"), "field terms[0].district must be"),
        (lambda m: m[3].update(name=["Ada", "Lovelace"]), "field name must be object"),
        (lambda m: m[3]["id"].update(bioguide=123), "field id.bioguide must be string"),
        (lambda m: m[3].update(terms=[]), "field terms must contain at least 1 items"),
    ],
    ids=["state-number", "district-text", "name-list", "bioguide-number", "no-terms"],
)
def test_wrong_types_are_refused_naming_dataset_record_and_field(
    tmp_path: Path, httpserver: HTTPServer, poison: Callable[[Any], None], field: str
) -> None:
    store = synced_fixture_store(tmp_path, httpserver)
    good = store.path(LEGISLATORS).read_bytes()
    members = json.loads(good)
    bioguide = members[3]["id"]["bioguide"]
    poison(members)
    serve_bytes(httpserver, LEGISLATORS.relative_path, json.dumps(members).encode())
    (outcome,) = store.sync([LEGISLATORS])
    assert outcome.status == "failed"
    assert outcome.message.startswith("congress-legislators: ")
    assert "is not valid: record 4" in outcome.message
    assert field.format(id=bioguide) in outcome.message
    assert outcome.message.endswith("; kept the previous copy")
    assert "\n" not in outcome.message
    assert store.path(LEGISLATORS).read_bytes() == good


def test_after_a_refused_poisoned_file_lookups_still_work(
    lookup_data: Path, httpserver: HTTPServer, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = json.loads((FIXTURES / LEGISLATORS.relative_path).read_text(encoding="utf-8"))
    for member in members:
        member["terms"][-1]["district"] = {"number": 1}
    serve_bytes(httpserver, LEGISLATORS.relative_path, json.dumps(members).encode())
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
    result = run_cli(
        [
            "data",
            "sync",
            "--only",
            "congress-legislators",
            "--mirror",
            httpserver.url_for("/mirror"),
        ]
    )
    assert result.exit_code == 1
    assert "field terms[" in result.stdout and "district must be integer" in result.stdout
    monkeypatch.setenv("CIVICKIT_OFFLINE", "1")
    looked_up = run_cli(["lookup", "--district", "DC"], expect=0)
    assert "Delegate Eleanor Holmes Norton (Democrat), DC" in looked_up.stdout


def test_open_states_rows_are_checked_against_their_schema(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    store = synced_fixture_store(tmp_path, httpserver)
    rows = list(csv.DictReader(io.StringIO((FIXTURES / CA.relative_path).read_text("utf-8-sig"))))
    rows[1]["id"] = "12345"  # not an OCD person id (an odd chamber is skipped, not refused)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    serve_bytes(httpserver, CA.relative_path, out.getvalue().encode())
    (outcome,) = store.sync([CA])
    assert outcome.status == "failed"
    assert "openstates-ca: " in outcome.message
    assert "is not valid: line 3: field id must match pattern" in outcome.message


# -- plausible counts -----------------------------------------------------------------------------


def test_a_state_file_that_loses_half_its_members_is_refused_unless_forced(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    store = synced_fixture_store(tmp_path, httpserver)
    lines = (FIXTURES / CA.relative_path).read_bytes().splitlines(keepends=True)
    half = b"".join(lines[: 1 + (len(lines) - 1) // 2])
    serve_bytes(httpserver, CA.relative_path, half)
    (outcome,) = store.sync([CA])
    assert outcome.status == "failed"
    assert "has 3 records where the stored copy has 6 (more than 25% lost" in outcome.message
    assert "run: civickit data sync --force to take it anyway" in outcome.message
    assert store.record(CA) is not None and store.record(CA).records == 6  # type: ignore[union-attr]
    (forced,) = store.sync([CA], force=True)
    assert forced.status == "downloaded"
    assert store.path(CA).read_bytes() == half


def real_store(
    tmp_path: Path, httpserver: HTTPServer, real_file: Path, dataset: Dataset = LEGISLATORS
) -> tuple[DataStore, bytes]:
    """A store holding a real file (synced over HTTP, floors on), and that file's bytes."""
    real = real_file.read_bytes()
    httpserver.expect_request(f"/mirror/{dataset.relative_path}").respond_with_data(real)
    store, _ = make_store(tmp_path, httpserver.url_for("/mirror"), floors=True)
    assert store.sync([dataset])[0].status == "downloaded"
    httpserver.clear()
    return store, real


@pytest.mark.shared
def test_half_of_california_from_the_real_file_is_refused(
    tmp_path: Path, httpserver: HTTPServer, shared_data: Path
) -> None:
    store, real = real_store(tmp_path, httpserver, shared_data / CA.relative_path, CA)
    rows = real.splitlines(keepends=True)
    serve_bytes(httpserver, CA.relative_path, b"".join(rows[:61]))
    (outcome,) = store.sync([CA])
    assert "has 60 records where the stored copy has 120" in outcome.message
    assert store.path(CA).read_bytes() == real


def test_a_file_that_loses_most_of_one_states_members_is_refused(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    store = synced_fixture_store(tmp_path, httpserver)
    members = json.loads(store.path(LEGISLATORS).read_bytes())
    kept = [m for m in members if m["terms"][-1]["state"] != "NY"]  # 22 of 26: the total is fine
    serve_bytes(httpserver, LEGISLATORS.relative_path, json.dumps(kept).encode())
    (outcome,) = store.sync([LEGISLATORS])
    assert outcome.status == "failed"
    assert "has 0 NY members where the stored copy has 4 (more than 50% of them lost" in (
        outcome.message
    )
    assert "--force" in outcome.message
    assert store.sync([LEGISLATORS], force=True)[0].status == "downloaded"


@pytest.mark.shared
def test_most_of_californias_members_gone_from_the_real_file_is_refused(
    tmp_path: Path, httpserver: HTTPServer, shared_data: Path
) -> None:
    store, real = real_store(tmp_path, httpserver, shared_data / LEGISLATORS.relative_path)
    members = json.loads(real)
    california = [m for m in members if m["terms"][-1]["state"] == "CA"]
    kept = [m for m in members if m not in california[14:]]  # 497 of 537: 7% fewer in all
    serve_bytes(httpserver, LEGISLATORS.relative_path, json.dumps(kept).encode())
    (outcome,) = store.sync([LEGISLATORS])
    assert f"has 14 CA members where the stored copy has {len(california)}" in outcome.message
    assert store.path(LEGISLATORS).read_bytes() == real


def test_a_first_download_needs_the_floor_of_a_complete_file(
    tmp_path: Path, httpserver: HTTPServer, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = serve_mirror(httpserver, FIXTURES, [LEGISLATORS.relative_path])
    store, _ = make_store(tmp_path, base, floors=True)
    (outcome,) = store.sync([LEGISLATORS])
    assert outcome.status == "failed"
    assert "has 26 records, fewer than the 500 a complete congress-legislators file" in (
        outcome.message
    )
    assert outcome.message.endswith("--force to take it anyway; no copy is stored yet")
    assert not store.path(LEGISLATORS).exists()
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
    args = ["data", "sync", "--only", "congress-legislators", "--mirror", base]
    assert run_cli(args).exit_code == 1
    forced = run_cli([*args, "--force"], expect=0)
    assert forced.stdout.startswith("downloaded congress-legislators: 26 records")


def test_a_truncated_zcta_file_is_refused_on_first_download(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    zcta = dataset_named("zcta-cd")
    base = serve_mirror(httpserver, FIXTURES, [zcta.relative_path])
    store, _ = make_store(tmp_path, base, floors=True)
    (outcome,) = store.sync([zcta])
    assert "fewer than the 30000 a complete zcta-cd file has" in outcome.message


# -- total time and size limits -------------------------------------------------------------------


def trickle(head: bytes, body: bytes, pause: float) -> Handler:
    def handle(connection: socket.socket) -> None:
        connection.sendall(head)
        for byte in body:
            connection.sendall(bytes([byte]))
            time.sleep(pause)

    return handle


def test_a_slowloris_body_is_cut_off_by_the_total_deadline(tmp_path: Path) -> None:
    body = b"[" + b" " * 10_000 + b"]"
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    with raw_server(trickle(head, body, 0.05)) as base:
        store, _ = make_store(tmp_path, base, limits=QUICK, timeout=(2.0, 2.0))
        started = time.monotonic()
        (outcome,) = store.sync([LEGISLATORS])
        elapsed = time.monotonic() - started
    assert outcome.status == "failed"
    assert "did not finish answering within 1.5 s" in outcome.message
    assert elapsed < 3.0


def test_a_server_trickling_its_headers_is_cut_off_too(tmp_path: Path) -> None:
    head = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000 + b"\r\n\r\n"
    with raw_server(trickle(b"", head, 0.05)) as base:
        store, _ = make_store(tmp_path, base, limits=QUICK, timeout=(2.0, 2.0))
        started = time.monotonic()
        (outcome,) = store.sync([LEGISLATORS])
        assert time.monotonic() - started < 3.0
    assert "did not finish answering within 1.5 s" in outcome.message


def endless(head: bytes, piece: bytes, sent: list[int]) -> Handler:
    def handle(connection: socket.socket) -> None:
        connection.sendall(head)
        for _ in range(20_000):  # 1.3 GB at most; the client hangs up long before
            connection.sendall(piece)
            sent[0] += len(piece)

    return handle


def sync_measuring_memory(store: DataStore) -> tuple[SyncOutcome, int]:
    """The outcome of syncing the legislators, and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        (outcome,) = store.sync([LEGISLATORS])
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_body_is_refused_while_streaming(tmp_path: Path) -> None:
    sent = [0]
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"  # no length: read to EOF
    with raw_server(endless(head, b" " * 65536, sent)) as base:
        store, _ = make_store(tmp_path, base, limits=Limits(seconds=20, max_bytes=2_000_000))
        outcome, peak = sync_measuring_memory(store)
    assert outcome.status == "failed"
    assert "sent more than 2 MB (after decompression)" in outcome.message
    assert peak < 20_000_000
    assert sent[0] < 50_000_000


def test_a_declared_length_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    sent = [0]
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1500000000\r\n\r\n"
    with raw_server(endless(head, b" " * 65536, sent)) as base:
        store, _ = make_store(tmp_path, base, limits=Limits(seconds=20, max_bytes=2_000_000))
        (outcome,) = store.sync([LEGISLATORS])
    assert "sent more than 2 MB" in outcome.message


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_compression_bomb_is_refused_with_bounded_memory(tmp_path: Path, encoding: str) -> None:
    packer = zlib.compressobj(9, wbits=31 if encoding == "gzip" else 15)
    megabyte = b"\0" * 1_000_000
    bomb = b"".join(packer.compress(megabyte) for _ in range(200)) + packer.flush()  # 200 MB
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Encoding: {encoding}\r\nContent-Length: {len(bomb)}\r\n\r\n"
    ).encode()

    def handle(connection: socket.socket) -> None:
        connection.sendall(head + bomb)

    with raw_server(handle) as base:
        store, _ = make_store(tmp_path, base, limits=Limits(seconds=20, max_bytes=5_000_000))
        outcome, peak = sync_measuring_memory(store)
    assert len(bomb) < 300_000
    assert outcome.status == "failed"
    assert "sent more than 5 MB (after decompression)" in outcome.message
    assert peak < 30_000_000


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n[1, 2", "broke off the transfer"),
        (
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nnot gzip!",
            "a gzip body is damaged",
        ),
    ],
    ids=["cut-short", "bad-gzip"],
)
def test_a_broken_body_is_a_one_line_failure(tmp_path: Path, answer: bytes, words: str) -> None:
    def handle(connection: socket.socket) -> None:
        connection.sendall(answer)

    with raw_server(handle) as base:
        store, _ = make_store(tmp_path, base, limits=QUICK)
        (outcome,) = store.sync([LEGISLATORS])
    assert outcome.status == "failed"
    assert words in outcome.message
    assert outcome.message.endswith("; no copy is stored yet")


def test_a_gzipped_dataset_within_the_limit_is_decompressed(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    data = (FIXTURES / LEGISLATORS.relative_path).read_bytes()
    httpserver.expect_request(f"/mirror/{LEGISLATORS.relative_path}").respond_with_data(
        gzip.compress(data), headers={"Content-Encoding": "gzip"}
    )
    store, _ = make_store(tmp_path, httpserver.url_for("/mirror"))
    assert store.sync([LEGISLATORS])[0].status == "downloaded"
    assert store.path(LEGISLATORS).read_bytes() == data
    assert httpserver.log[0][0].headers["Accept-Encoding"] == "gzip, deflate"


def test_an_api_answer_is_bounded_in_time_too(monkeypatch: pytest.MonkeyPatch) -> None:
    body = b'{"results": []}' + b" " * 2000
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    monkeypatch.setenv("OPENSTATES_API_KEY", "os-key")
    with raw_server(trickle(head, body, 0.05)) as base:
        directory = OpenStatesDirectory(
            base_url=base, session=fast_session(0), offline=False, cache=NO_CACHE
        )
        directory.limits = QUICK
        started = time.monotonic()
        with pytest.raises(NetworkError, match=r"^Open States: 127\.0\.0\.1:\d+ did not finish"):
            directory.officials_at((40.0, -124.0), {"state-upper"})
        assert time.monotonic() - started < 3.0


# -- credentials in a mirror URL ------------------------------------------------------------------


def test_mirror_credentials_are_never_printed_stored_or_shown(
    tmp_path: Path,
    httpserver: HTTPServer,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    serve_mirror(httpserver, FIXTURES, [LEGISLATORS.relative_path])
    port = httpserver.port
    mirror = f"http://ada:s3cr3t-pw@127.0.0.1:{port}/mirror"
    caplog.set_level(logging.DEBUG)
    store, messages = make_store(tmp_path, mirror)
    (outcome,) = store.sync([LEGISLATORS])
    assert outcome.status == "downloaded"
    assert httpserver.log[0][0].authorization is not None  # the credentials were used ...
    meta = (store.root / "congress-legislators" / "legislators-current.json.meta.json").read_text()
    shown = [outcome.message, *messages, meta, caplog.text, json.dumps(store.status()[0].to_dict())]
    assert all("s3cr3t-pw" not in text and "ada:" not in text for text in shown)  # ... not shown
    assert f"http://***@127.0.0.1:{port}/mirror/congress-legislators" in meta
    httpserver.clear()  # now every file is missing: the errors must not show them either
    (failed,) = store.sync([LEGISLATORS])
    assert failed.status == "failed" and "s3cr3t-pw" not in failed.message
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
    result = run_cli(["data", "sync", "--only", "district-offices", "--mirror", mirror])
    status = run_cli(["data", "status", "--format", "json"])
    assert "s3cr3t-pw" not in result.output + status.output


_USERINFO_TEXT = st.text(
    st.characters(exclude_characters="/?#@ \t\r\n\x0b\x0c", exclude_categories=["Cs"]),
    min_size=1,
    max_size=20,
)


@given(user=_USERINFO_TEXT, password=_USERINFO_TEXT, path=st.text(max_size=20))
def test_redact_never_shows_the_password_of_a_url(user: str, password: str, path: str) -> None:
    url = f"https://{user}:{password}@mirror.example.org/{path}"
    shown = redact(f"fetching x from {url}")
    assert shown.startswith("fetching x from https://***@mirror.example.org/")
    assert f"{user}:{password}" not in shown


def test_redact_hides_user_and_password_of_any_url() -> None:
    assert redact("see https://u:p@mirror.example/x?api_key=k") == (
        "see https://***@mirror.example/x?api_key=***"
    )
    assert redact("https://token@host/") == "https://***@host/"
    assert redact("https://mirror.example/a@b") == "https://mirror.example/a@b"


# -- API keys and redirects to another host ---------------------------------------------------------


def ask_open_states(directory: Any) -> Any:
    return directory.officials_at((40.8, -124.1), {"state-upper"})


def ask_congress_gov(directory: Any) -> Any:
    return directory.representatives(District("CA", "cd", "2"))


@pytest.mark.parametrize(
    ("directory_class", "variable", "path", "fixture", "ask"),
    [
        (
            OpenStatesDirectory, "OPENSTATES_API_KEY", "/people.geo",
            ("openstates", "people_geo_eureka_excerpt.json"), ask_open_states,
        ),
        (
            CongressGovDirectory, "CONGRESS_GOV_API_KEY", "/member/CA/2",
            ("congress_gov", "member_CA_2.json"), ask_congress_gov,
        ),
    ],
    ids=["open-states-header", "congress-gov-query"],
)  # fmt: skip
def test_an_api_key_is_not_forwarded_to_another_host(
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    directory_class: type[Any],
    variable: str,
    path: str,
    fixture: tuple[str, str],
    ask: Callable[[Any], Any],
) -> None:
    monkeypatch.setenv(variable, "the-secret-key")
    with own_server() as other:
        other.expect_request(path).respond_with_json(fixture_json(*fixture))

        def bounce(request: Request) -> Response:
            # A hostile redirect to another host (another port), echoing the query string.
            location = other.url_for(path) + "?" + request.query_string.decode()
            return Response(status=307, headers={"Location": location})

        httpserver.expect_request(path).respond_with_handler(bounce)
        directory = directory_class(
            base_url=httpserver.url_for("/"), session=fast_session(), offline=False,
            cache=NO_CACHE,
        )  # fmt: skip
        assert ask(directory)  # the redirect was followed ...
        first, _ = httpserver.log[0]
        assert "the-secret-key" in first.headers.get("X-API-KEY", "") + first.query_string.decode()
        (request, _), *_ = other.log
        assert "X-API-KEY" not in request.headers  # ... without the key
        assert "api_key" not in request.args
        assert "the-secret-key" not in str(request.url) + str(dict(request.headers))
        assert request.args  # the rest of the query survived


def test_a_same_host_redirect_keeps_the_key(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENSTATES_API_KEY", "os-secret-key")
    httpserver.expect_request("/people.geo").respond_with_response(
        Response(status=301, headers={"Location": "/v3/people.geo"})
    )
    httpserver.expect_request(
        "/v3/people.geo", headers={"X-API-KEY": "os-secret-key"}
    ).respond_with_json(fixture_json("openstates", "people_geo_eureka_excerpt.json"))
    directory = OpenStatesDirectory(
        base_url=httpserver.url_for("/"), session=fast_session(), offline=False,
        cache=NO_CACHE,
    )  # fmt: skip
    assert directory.officials_at((40.8, -124.1), {"state-upper"})


# -- API answers are checked before they are cached -------------------------------------------------


def test_a_wrong_typed_api_answer_is_refused_and_not_cached(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENSTATES_API_KEY", "os-secret-key")
    body = fixture_json("openstates", "people_geo_eureka_excerpt.json")
    body["results"][1]["current_role"] = "senator"
    httpserver.expect_request("/people.geo").respond_with_json(body)
    cache = AnswerCache(tmp_path / "answers")
    directory = OpenStatesDirectory(
        base_url=httpserver.url_for("/"), session=fast_session(), offline=False, cache=cache
    )
    with pytest.raises(NetworkError) as caught:
        directory.officials_at((40.8, -124.1), {"state-upper"})
    message = str(caught.value)
    assert message.startswith("Open States answered /people.geo with data of the wrong shape")
    assert "results[1]: field current_role must be object or null" in message
    assert "nothing was cached" in message
    assert cache_text(tmp_path / "answers") == ""


# -- file modes -------------------------------------------------------------------------------------


def test_metadata_is_private_and_data_not_world_readable(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    store = synced_fixture_store(tmp_path, httpserver)
    meta = store.path(LEGISLATORS).with_name("legislators-current.json.meta.json")
    assert stat.S_IMODE(meta.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path(LEGISLATORS).stat().st_mode) & 0o007 == 0
    store.path(LEGISLATORS).chmod(0o644)  # as an older civickit left it
    meta.chmod(0o644)
    serve_mirror(httpserver, FIXTURES, [LEGISLATORS.relative_path])
    assert store.sync([LEGISLATORS])[0].status == "unchanged"
    assert stat.S_IMODE(meta.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path(LEGISLATORS).stat().st_mode) & 0o007 == 0
