"""Data sync against a real local HTTP server and a mirror folder; status; first use; offline."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.errors import DataError, UsageError
from civickit.lookup import store as store_module
from civickit.lookup.datasets import (
    NATIONAL,
    Dataset,
    dataset_named,
    datasets_for,
    openstates_dataset,
)
from civickit.lookup.store import DatasetRecord, DataStore, NotStoredOfflineError
from lookup_support import file_responder, serve_mirror
from support.cli import RunCli

NATIONAL_PATHS = [dataset.relative_path for dataset in NATIONAL]
LEGISLATORS = dataset_named("congress-legislators")


def stored(store: DataStore, dataset: Dataset) -> DatasetRecord:
    """The record of a dataset the test synced; fails the test when none is stored."""
    record = store.record(dataset)
    assert record is not None, f"{dataset.name} is not stored"
    return record


def make_store(tmp_path: Path, mirror: str | None, **kwargs: Any) -> tuple[DataStore, list[str]]:
    messages: list[str] = []
    # The fixtures are excerpts, smaller than the floors a first download of a full file meets.
    kwargs.setdefault("floors", False)
    store = DataStore(
        tmp_path / "store", offline=False, mirror=mirror, notify=messages.append, **kwargs
    )
    return store, messages


def test_sync_from_http_mirror_records_provenance(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, messages = make_store(tmp_path, base)
    outcomes = store.sync(NATIONAL)
    assert [o.status for o in outcomes] == ["downloaded"] * 4
    record = store.record(LEGISLATORS)
    assert record is not None
    assert record.records == 26
    assert record.source_url == f"{base}/congress-legislators/legislators-current.json"
    assert record.etag and record.etag.startswith('"')
    assert record.last_modified == "Mon, 15 Jun 2026 19:27:44 GMT"
    data = store.path(LEGISLATORS).read_bytes()
    assert record.sha256 == __import__("hashlib").sha256(data).hexdigest()
    assert data == (lookup_mirror / LEGISLATORS.relative_path).read_bytes()
    assert messages[0].startswith("fetching congress-legislators (")
    assert messages[0].endswith(f"from {base}/congress-legislators/legislators-current.json")


def test_second_sync_uses_etag_and_gets_304(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, _ = make_store(tmp_path, base)
    store.sync([LEGISLATORS])
    first = stored(store, LEGISLATORS)
    outcomes = store.sync([LEGISLATORS])
    assert outcomes[0].status == "unchanged"
    assert outcomes[0].message == "congress-legislators: up to date"
    last_request = httpserver.log[-1][0]
    assert last_request.headers["If-None-Match"] == first.etag
    assert httpserver.log[-1][1].status_code == 304
    again = stored(store, LEGISLATORS)
    assert again.retrieved == first.retrieved
    assert again.sha256 == first.sha256


def test_corrupt_download_keeps_previous_copy(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, _ = make_store(tmp_path, base)
    store.sync([LEGISLATORS])
    good = store.path(LEGISLATORS).read_bytes()
    httpserver.clear()
    httpserver.expect_request(
        "/mirror/congress-legislators/legislators-current.json"
    ).respond_with_data('[{"id": {"bioguide": "X"}, "name"')
    outcome = store.sync([LEGISLATORS])[0]
    assert outcome.status == "failed"
    assert outcome.message.startswith(
        f"congress-legislators: {base}/congress-legislators/legislators-current.json is not valid:"
    )
    assert outcome.message.endswith("; kept the previous copy")
    assert store.path(LEGISLATORS).read_bytes() == good
    assert not list(store.path(LEGISLATORS).parent.glob(".*.tmp"))


def test_truncated_but_valid_download_is_implausible(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, _ = make_store(tmp_path, base)
    store.sync([LEGISLATORS])
    members = json.loads((lookup_mirror / LEGISLATORS.relative_path).read_text())
    httpserver.clear()
    httpserver.expect_request(
        "/mirror/congress-legislators/legislators-current.json"
    ).respond_with_json(members[:3])
    outcome = store.sync([LEGISLATORS])[0]
    assert outcome.status == "failed"
    assert (
        "has 3 records where the stored copy has 26 (more than 25% lost: a truncated or damaged "
        "file?); run: civickit data sync --force to take it anyway; kept the previous copy"
        in outcome.message
    )
    assert stored(store, LEGISLATORS).records == 26


def test_429_then_success(tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path) -> None:
    uri = "/mirror/zcta-cd/tab20_cd11920_zcta520_natl.txt"
    httpserver.expect_oneshot_request(uri).respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "0"})
    )
    httpserver.expect_request(uri).respond_with_handler(
        file_responder(lookup_mirror / "zcta-cd" / "tab20_cd11920_zcta520_natl.txt")
    )
    store, _ = make_store(tmp_path, httpserver.url_for("/mirror"), retries=2, backoff=0)
    outcome = store.sync([dataset_named("zcta-cd")])[0]
    assert outcome.status == "downloaded"
    assert [entry[1].status_code for entry in httpserver.log] == [429, 200]


def test_timeout_is_a_clear_failure(tmp_path: Path, httpserver: HTTPServer) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response("[]")

    httpserver.expect_request(
        "/mirror/zcta-cd/tab20_cd11920_zcta520_natl.txt"
    ).respond_with_handler(slow)
    store, _ = make_store(tmp_path, httpserver.url_for("/mirror"), timeout=0.2, retries=0)
    outcome = store.sync([dataset_named("zcta-cd")])[0]
    assert outcome.status == "failed"
    assert outcome.message == (
        f"zcta-cd: {httpserver.host}:{httpserver.port} did not answer in time; try again later "
        "or use --offline with synced data; no copy is stored yet"
    )
    assert not store.path(dataset_named("zcta-cd")).exists()


def test_http_error_keeps_nothing_and_says_so(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/mirror/openstates/ca.csv").respond_with_data("", status=404)
    store, _ = make_store(tmp_path, httpserver.url_for("/mirror"), retries=0)
    outcome = store.sync([openstates_dataset("ca")])[0]
    assert outcome.message == (
        f"openstates-ca: {httpserver.url_for('/mirror/openstates/ca.csv')} answered HTTP 404; "
        "no copy is stored yet"
    )


def test_first_use_downloads_and_says_so(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, messages = make_store(tmp_path, base)
    path = store.ensure(LEGISLATORS)
    assert path.is_file()
    size = (lookup_mirror / LEGISLATORS.relative_path).stat().st_size
    assert messages == [
        f"downloading congress-legislators ({size // 1000} kB) from "
        f"{base}/congress-legislators/legislators-current.json"
    ]
    store.ensure(LEGISLATORS)
    assert len(httpserver.log) == 1  # a stored copy is used as it is


def test_offline_missing_dataset_names_the_sync(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store", offline=True, mirror=None)
    with pytest.raises(NotStoredOfflineError) as caught:
        store.ensure(LEGISLATORS)
    assert isinstance(caught.value, DataError)
    assert (caught.value.dataset, caught.value.root) == ("congress-legislators", tmp_path / "store")
    # The library names no CLI flag; the CLI words it with --offline (see test_lookup.py).
    assert str(caught.value) == (
        f"congress-legislators is not in the data store ({tmp_path / 'store'}) and offline mode "
        "forbids downloading it; sync it with offline mode off, or from a local mirror folder"
    )
    assert "--" not in str(caught.value)


def test_offline_sync_from_a_url_is_refused(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store", offline=True, mirror="https://mirror.example.org")
    with pytest.raises(UsageError, match="forbids downloading"):
        store.sync(NATIONAL)


def test_stale_dataset_warns_once(
    tmp_path: Path, lookup_mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, messages = make_store(tmp_path, str(lookup_mirror))
    store.sync([LEGISLATORS])
    # The newest date in the fixture's records is 2026-06-10: 45 days before 2026-07-25.
    monkeypatch.setattr(store_module, "_now", lambda: dt.datetime(2026, 7, 25, 12, tzinfo=dt.UTC))
    store.ensure(LEGISLATORS)
    store.ensure(LEGISLATORS)
    assert messages == [
        "warning: congress-legislators holds data of 2026-06-10 (45 days old); "
        "run: civickit data sync"
    ]


def test_a_june_snapshot_downloaded_today_is_as_old_as_june(
    tmp_path: Path, lookup_mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    monkeypatch.setattr(store_module, "_now", lambda: today)
    store, messages = make_store(tmp_path, str(lookup_mirror))
    store.sync(NATIONAL)
    record = stored(store, LEGISLATORS)
    assert record.retrieved.startswith("2026-12-01")
    assert (record.data_date, record.data_date_from) == ("2026-06-10", "records")
    assert record.version == "2026-06-10"
    rows = {row.name: row for row in store.status()}
    assert rows["congress-legislators"].age_days == 174.4
    assert rows["congress-legislators"].stale is True
    # No dates in these records and no Last-Modified from a folder: aged from the download.
    assert rows["district-offices"].data_date is None
    assert rows["district-offices"].stale is False
    # The ZCTA file is the Census Bureau's release of 2024-10-24; it does not age.
    zcta = rows["zcta-cd"]
    assert (zcta.data_date, zcta.data_date_from, zcta.congress) == ("2024-10-24", "published", 119)
    assert zcta.stale is False
    store.ensure(LEGISLATORS)
    store.ensure(dataset_named("zcta-cd"))
    assert messages[-1] == (
        "warning: congress-legislators holds data of 2026-06-10 (174 days old); "
        "run: civickit data sync"
    )
    assert not any("zcta-cd" in line for line in messages if line.startswith("warning"))


def test_last_modified_is_the_data_date_over_http(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, _ = make_store(tmp_path, base)
    store.sync(NATIONAL)
    for dataset in NATIONAL:
        record = stored(store, dataset)
        assert (record.data_date, record.data_date_from) == ("2026-06-15", "last-modified")


def test_a_data_date_is_never_after_the_download(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    path = lookup_mirror / LEGISLATORS.relative_path
    future = "Tue, 05 Jan 2027 10:00:00 GMT"  # a clock-skewed server
    httpserver.expect_request(f"/mirror/{LEGISLATORS.relative_path}").respond_with_handler(
        file_responder(path, last_modified=future)
    )
    store, _ = make_store(tmp_path, httpserver.url_for("/mirror"))
    store.sync([LEGISLATORS])
    assert stored(store, LEGISLATORS).data_date == "2026-06-20"


def test_a_record_written_before_data_dates_uses_last_modified(
    tmp_path: Path, lookup_mirror: Path
) -> None:
    store, _ = make_store(tmp_path, str(lookup_mirror))
    store.sync([LEGISLATORS])
    meta = store.path(LEGISLATORS).with_name("legislators-current.json.meta.json")
    record = json.loads(meta.read_text())
    for key in ("data_date", "data_date_from", "congress"):
        del record[key]
    record["last_modified"] = "Mon, 15 Jun 2026 19:27:44 GMT"
    meta.write_text(json.dumps(record))
    assert stored(store, LEGISLATORS).version == "2026-06-15"
    record["last_modified"] = None
    meta.write_text(json.dumps(record))
    assert stored(store, LEGISLATORS).version == "2026-06-20"  # the download day
    record["data_date"] = "June"  # hand-edited: read as if absent
    meta.write_text(json.dumps(record))
    assert stored(store, LEGISLATORS).version == "2026-06-20"


def test_mirror_folder_identical_copy_is_unchanged(tmp_path: Path, lookup_mirror: Path) -> None:
    store, _ = make_store(tmp_path, str(lookup_mirror))
    assert store.sync([LEGISLATORS])[0].status == "downloaded"
    assert store.sync([LEGISLATORS])[0].status == "unchanged"


def test_mirror_folder_missing_file(tmp_path: Path) -> None:
    store, _ = make_store(tmp_path, str(tmp_path / "empty"))
    outcome = store.sync([LEGISLATORS])[0]
    assert outcome.message == (
        "congress-legislators: the mirror folder has no "
        "congress-legislators/legislators-current.json; no copy is stored yet"
    )


def test_datasets_for_selection() -> None:
    assert [d.name for d in datasets_for()] == [d.name for d in NATIONAL]
    assert [d.name for d in datasets_for(["zcta-cd"], ["ny"])] == ["zcta-cd", "openstates-ny"]
    with pytest.raises(UsageError, match="unknown dataset 'nope': choose from"):
        datasets_for(["nope"])


def test_damaged_index_is_rebuilt(tmp_path: Path, lookup_mirror: Path) -> None:
    store, _ = make_store(tmp_path, str(lookup_mirror))
    calls: list[int] = []

    def build(paths: Mapping[str, Path]) -> dict[str, int]:
        calls.append(1)
        return {"size": paths["congress-legislators"].stat().st_size}

    first = store.load_index("probe", [LEGISLATORS], build)
    assert store.load_index("probe", [LEGISLATORS], build) == first
    assert len(calls) == 1
    (index,) = (tmp_path / "store" / "index").glob("probe-*.pickle")
    index.write_bytes(b"\x80\x04c__builtin__\neval\n.")  # refers to code: refused, rebuilt
    assert store.load_index("probe", [LEGISLATORS], build) == first
    assert len(calls) == 2


# -- the command line ---------------------------------------------------------------------------


def test_cli_sync_and_status(lookup_mirror: Path, run_cli: RunCli) -> None:
    result = run_cli(["data", "sync", "--mirror", str(lookup_mirror), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = result.json()
    assert [(r["name"], r["status"]) for r in rows] == [
        ("congress-legislators", "downloaded"),
        ("district-offices", "downloaded"),
        ("social-media", "downloaded"),
        ("zcta-cd", "downloaded"),
    ]
    status = run_cli(["data", "status", "--format", "json"])
    assert status.exit_code == 0
    by_name = {row["name"]: row for row in status.json()}
    assert by_name["zcta-cd"]["records"] == 12  # ZCTAs
    assert by_name["zcta-cd"]["present"] is True
    assert by_name["zcta-cd"]["stale"] is False
    assert by_name["zcta-cd"]["data_date"] == "2024-10-24"  # the data's date, not the download's
    assert by_name["zcta-cd"]["age_days"] == 604.5
    assert by_name["congress-legislators"]["age_days"] == 10.5


def test_cli_status_when_empty(run_cli: RunCli) -> None:
    result = run_cli(["data", "status"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "congress-legislators   missing   (civickit data sync --only congress-legislators)"
    )


def test_cli_sync_failure_exits_1(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(["data", "sync", "--only", "zcta-cd", "--mirror", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == (
        "failed     zcta-cd: the mirror folder has no zcta-cd/tab20_cd11920_zcta520_natl.txt; no copy is stored yet\n"
    )
    assert result.stderr == (
        "Error: 1 of 1 datasets failed to sync (zcta-cd); stored copies were kept. "
        "Try again later or use --mirror\n"
    )


def test_cli_offline_sync_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli(["--offline", "data", "sync"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --offline (CIVICKIT_OFFLINE) forbids downloading; run civickit data sync "
        "without --offline, or give --mirror a local folder\n"
    )


def test_full_sync_from_shared_data_over_http(
    tmp_path: Path, httpserver: HTTPServer, shared_data: Path
) -> None:
    paths = [*NATIONAL_PATHS, "openstates/ca.csv", "openstates/ny.csv"]
    base = serve_mirror(httpserver, shared_data, paths)
    store, _ = make_store(tmp_path, base)
    outcomes = store.sync(datasets_for(states=["CA", "NY"]))
    assert {o.name: o.record.records if o.record else None for o in outcomes} == {
        "congress-legislators": 537,
        "district-offices": 536,
        "social-media": 519,
        "zcta-cd": 33791,
        "openstates-ca": 120,
        "openstates-ny": 213,
    }


def test_cli_sync_states_comma_separated(lookup_mirror: Path, run_cli: RunCli) -> None:
    result = run_cli(
        ["data", "sync", "--only", "zcta-cd", "--state", "ca,NY", "--mirror", str(lookup_mirror)],
    )
    assert result.exit_code == 1  # the fixture mirror has no ny.csv
    assert result.stdout.splitlines() == [
        "downloaded zcta-cd: 12 records from "
        + str(lookup_mirror / "zcta-cd" / "tab20_cd11920_zcta520_natl.txt"),
        "downloaded openstates-ca: 6 records from " + str(lookup_mirror / "openstates" / "ca.csv"),
        "failed     openstates-ny: the mirror folder has no openstates/ny.csv; "
        "no copy is stored yet",
    ]


def test_provenance_version_is_the_source_date(
    tmp_path: Path, httpserver: HTTPServer, lookup_mirror: Path
) -> None:
    base = serve_mirror(httpserver, lookup_mirror, NATIONAL_PATHS)
    store, _ = make_store(tmp_path, base)
    store.sync([LEGISLATORS])
    assert stored(store, LEGISLATORS).version == "2026-06-15"  # from Last-Modified
    folder_store, _ = make_store(tmp_path / "other", str(lookup_mirror))
    folder_store.sync([LEGISLATORS])
    record = stored(folder_store, LEGISLATORS)
    assert record.version == "2026-06-10"  # no Last-Modified: the newest date in the records
    assert record.retrieved.startswith("2026-06-20")
