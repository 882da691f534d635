"""Every batch row uses the best location it has and says which (issue 17): offline, and with
the real census adapter against a local server that is down, rate limiting or finds no match."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from netsupport import fixture_json, own_server, use_quick_census
from support.cli import RunCli

DATE = "2026-11-26"
OFFLINE_NOTE = (
    "Note: --offline: addresses will not be geocoded; each row uses its ZIP or district "
    "instead (rows with only an address are errors)"
)
OFFLINE_WHY = (
    "the geocoders that answer addresses (census) need the network, which --offline forbids"
)
SPLIT_91711 = ["CA-28", "CA-35"]  # largest share first, as the block-level file gives them


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def manifest(out: Path) -> list[dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


# The example, tried as a new user would: a 10-row sign-up sheet, offline.
TEN_ROWS = [
    ["name", "address", "zip", "district"],
    ["Ann", "1 Main St, Eureka, CA", "95501", ""],  # ZIP 95501: one district -> ok by ZIP
    ["Bea", "5 F St, Eureka, CA", "95501", ""],
    ["Cy", "3 College Ave, Claremont, CA", "91711", ""],  # split ZIP -> ambiguous
    ["Di", "9 Elm St, Eureka, CA", "", ""],  # address only -> error with the reason
    ["Ed", "", "95501", "CA-12"],  # ZIP contradicts the district column -> reported
    ["Flo", "", "91711", "CA-28"],  # ZIP partly in the district -> ok by district
    ["Gus", "2 Oak St, Eureka, CA", "95501", "CA-2"],  # all agree -> ok by ZIP
    ["Hal", "", "", "NY-12"],
    ["Ida", "", "10011", ""],  # split ZIP alone -> ambiguous
    ["Jo", "7 W 30th St, New York, NY", "10011", "NY-10"],
]


def test_ten_row_offline_sheet_uses_each_rows_best_location(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    sheet = write_csv(tmp_path / "signups.csv", TEN_ROWS)
    result = run_cli(
        ["--offline", "--as-of", DATE, "batch", str(sheet), "--out", str(out), "--no-packets"],
        expect=3,
    )
    lines = result.stderr.splitlines()
    assert lines[0] == OFFLINE_NOTE  # once, up front
    assert result.stderr.count("addresses will not be geocoded") == 1
    records = manifest(out)
    assert [(r["name"], r["status"], r["located_by"]) for r in records] == [
        ("Ann", "ok", "zip"),
        ("Bea", "ok", "zip"),
        ("Cy", "ambiguous", "zip"),
        ("Di", "error", ""),
        ("Ed", "error", "zip"),
        ("Flo", "ok", "district"),
        ("Gus", "ok", "zip"),
        ("Hal", "ok", "district"),
        ("Ida", "ambiguous", "zip"),
        ("Jo", "ok", "district"),
    ]
    ann, _, cy, di, ed, flo, gus, _, _, jo = records
    assert ann["location"] == "ZIP 95501"
    assert ann["location_note"] == f"address not geocoded: {OFFLINE_WHY}; used ZIP 95501"
    assert ann["districts"] == ["CA-2"] and len(ann["files"]) == 3
    assert [c["district"] for c in cy["candidates"]] == SPLIT_91711
    assert cy["reason"].startswith("ZIP 91711 may be in any of CA-28, CA-35")
    assert cy["location_note"] == f"address not geocoded: {OFFLINE_WHY}; used ZIP 91711"
    assert di["reason"] == f"{OFFLINE_WHY}; use --district or --zip"
    assert ed["reason"] == "ZIP 95501 is in CA-2, the sheet says CA-12; correct one of them"
    assert ed["files"] == [] and ed["folder"] == ""
    assert flo["districts"] == ["CA-28"]
    assert flo["location_note"] == ("ZIP 91711 is partly in CA-28 (also in CA-35)")
    assert gus["districts"] == ["CA-2"]
    assert gus["location_note"] == f"address not geocoded: {OFFLINE_WHY}; used ZIP 95501"
    assert jo["districts"] == ["NY-10"]
    assert "ZIP 10011 is partly in NY-10 (also in NY-12)" in jo["location_note"]
    assert lines[-1].startswith("10 rows: 6 ok, 2 ambiguous, 2 error")


def test_no_offline_note_without_addresses(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["name", "zip"], ["Ann", "95501"]])
    result = run_cli(
        ["--offline", "--as-of", DATE, "batch", str(sheet), "--out", str(tmp_path / "o")],
        expect=0,
    )
    assert "geocoded" not in result.stderr


@pytest.fixture
def census(lookup_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    """The real census adapter, online, pointed at a local server the test programs, with one
    quick retry so failures come back fast."""
    use_quick_census(monkeypatch, read_timeout=1.0)
    with own_server() as server:
        monkeypatch.setenv("CIVICKIT_CENSUS_URL", server.url_for("/geocoder"))
        monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
        yield server


def answering(status: int, body: Any) -> Any:
    def handler(request: Request) -> Response:
        return Response(json.dumps(body), status=status, content_type="application/json")

    return handler


NO_MATCH = fixture_json("census", "onelineaddress_no-match.json")


@pytest.mark.parametrize(
    ("status", "body", "why"),
    [
        (500, {"error": "down"}, "the US Census Geocoder"),
        (429, {"error": "slow down"}, "HTTP 429"),
        (200, NO_MATCH, "no match"),
    ],
    ids=["down", "rate-limited", "no-match"],
)
def test_a_failing_geocoder_falls_back_per_row(
    census: HTTPServer,
    run_cli: RunCli,
    tmp_path: Path,
    status: int,
    body: Any,
    why: str,
) -> None:
    census.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(
        answering(status, body)
    )
    sheet = write_csv(
        tmp_path / "s.csv",
        [
            ["name", "address", "zip", "district"],
            ["Ann", "1 Main St, Eureka, CA", "95501", ""],
            ["Cy", "3 College Ave, Claremont, CA", "91711", ""],
            ["Di", "9 Elm St, Eureka, CA", "", ""],
            ["Flo", "4 Vine St, Claremont, CA", "91711", "CA-28"],
        ],
    )
    out = tmp_path / "out"
    result = run_cli(["--as-of", DATE, "batch", str(sheet), "--out", str(out), "--no-packets"])
    assert result.exit_code == 3, result.describe()
    assert "will not be geocoded" not in result.stderr  # online: no offline note
    ann, cy, di, flo = manifest(out)
    assert (ann["status"], ann["located_by"], ann["districts"]) == ("ok", "zip", ["CA-2"])
    assert ann["location_note"].startswith("address not geocoded: ")
    assert why.lower() in ann["location_note"].lower()
    assert ann["location_note"].endswith("; used ZIP 95501")
    assert cy["status"] == "ambiguous"
    assert [c["district"] for c in cy["candidates"]] == SPLIT_91711
    assert di["status"] == "error" and why.lower() in di["reason"].lower()
    assert (flo["status"], flo["located_by"], flo["districts"]) == ("ok", "district", ["CA-28"])


def test_a_geocoded_address_decides_and_is_cross_checked(
    census: HTTPServer, run_cli: RunCli, tmp_path: Path
) -> None:
    census.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(
        answering(200, fixture_json("census", "onelineaddress_eureka-ca.json"))
    )
    sheet = write_csv(
        tmp_path / "s.csv",
        [
            ["name", "address", "zip", "district"],
            ["Ann", "1 Main St, Eureka, CA", "95501", "CA-2"],
            ["Bo", "1 Main St, Eureka, CA", "", "CA-12"],
        ],
    )
    out = tmp_path / "out"
    run_cli(["--as-of", DATE, "batch", str(sheet), "--out", str(out), "--no-packets"], expect=3)
    ann, bo = manifest(out)
    assert (ann["status"], ann["located_by"], ann["location_note"]) == ("ok", "address", "")
    assert ann["location"] == "address 1 Main St, Eureka, CA"
    assert bo["status"] == "error"
    assert bo["reason"] == (
        "address 1 Main St, Eureka, CA is in CA-2, the sheet says CA-12; correct one of them"
    )
