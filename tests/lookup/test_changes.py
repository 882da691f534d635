"""What a sync changed: the change report of congress-legislators and Open States files, kept
beside the dataset and shown again by ``civickit data diff``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from civickit.lookup.changes import Change, ChangeReport, legislators_changes, openstates_changes
from civickit.lookup.datasets import dataset_named
from lookup_support import file_responder
from support.cli import RunCli

LEGISLATORS = dataset_named("congress-legislators")


def members(mirror: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((mirror / LEGISLATORS.relative_path).read_text())
    return loaded


def by_bioguide(people: list[dict[str, Any]], bioguide: str) -> dict[str, Any]:
    return next(person for person in people if person["id"]["bioguide"] == bioguide)


def edited(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fixture's members with Nadler (NY-12) gone, a new Senator in Schumer's place, a new
    DC phone for Barrasso and a new Washington office for Gillibrand."""
    changed: list[dict[str, Any]] = json.loads(json.dumps(people))
    changed.remove(by_bioguide(changed, "N000002"))
    schumer = by_bioguide(changed, "S000148")
    schumer["id"]["bioguide"] = "X000001"
    schumer["name"] = {"first": "Nova", "last": "Member", "official_full": "Nova Member"}
    schumer["terms"][-1]["start"] = "2027-01-03"
    by_bioguide(changed, "B001261")["terms"][-1]["phone"] = "202-555-0100"
    by_bioguide(changed, "G000555")["terms"][-1]["office"] = "1 New Senate Building"
    return changed


EXPECTED = [
    "NY (Senate): Charles E. Schumer (S000148) is gone",
    "NY (Senate): Nova Member (X000001) added",
    "NY (Senate): Kirsten E. Gillibrand (G000555)'s office changed from "
    "478 Russell Senate Office Building to 1 New Senate Building",
    "NY-12: Jerrold Nadler (N000002) is gone",
    "NY-12: a seat is now vacant",
    "WY (Senate): John Barrasso (B001261)'s phone changed from 202-224-6441 to 202-555-0100",
]


def test_legislators_changes(lookup_mirror: Path) -> None:
    old = members(lookup_mirror)
    changes = legislators_changes(json.dumps(old).encode(), json.dumps(edited(old)).encode())
    assert [change.text() for change in changes] == EXPECTED
    assert legislators_changes(json.dumps(old).encode(), json.dumps(old).encode()) == ()


def test_a_member_who_changes_seats_moved(lookup_mirror: Path) -> None:
    old = members(lookup_mirror)
    new = json.loads(json.dumps(old))
    term = by_bioguide(new, "N000002")["terms"][-1]
    term.update(type="sen", state="NY", district=None)
    new.remove(by_bioguide(new, "S000148"))
    texts = [
        c.text() for c in legislators_changes(json.dumps(old).encode(), json.dumps(new).encode())
    ]
    assert "Jerrold Nadler (N000002) moved from NY-12 to NY (Senate)" in texts
    assert "NY-12: a seat is now vacant" in texts
    assert "NY (Senate): Charles E. Schumer (S000148) is gone" in texts
    assert not any(text.startswith("NY (Senate): a seat") for text in texts)


def test_openstates_changes_count_seats_of_multi_member_districts(lookup_mirror: Path) -> None:
    data = (lookup_mirror / "openstates" / "nj.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[0]["current_district"] == rows[1]["current_district"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerow({**rows[0], "capitol_voice": "609-555-0100"})
    changes = openstates_changes(data, out.getvalue().encode())
    assert [change.kind for change in changes] == ["gone", "vacant", "phone"]
    assert changes[1] == Change("vacant", "lower 35")
    assert changes[2].after == "609-555-0100"


def test_a_report_survives_its_json_form() -> None:
    report = ChangeReport(
        "x", "2027-01-05T10:00:00+00:00", "2026-06-10", None, (Change("vacant", "CA-14"),)
    )
    assert ChangeReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    assert report.summary() == "x: 1 change (data of 2026-06-10 -> unknown date)"


@pytest.fixture
def served_legislators(httpserver: HTTPServer, tmp_path: Path, lookup_mirror: Path) -> Path:
    """A copy of the fixture's members file served at /mirror/...; edit it to change the source."""
    path = tmp_path / "served" / LEGISLATORS.relative_path
    path.parent.mkdir(parents=True)
    path.write_bytes((lookup_mirror / LEGISLATORS.relative_path).read_bytes())
    httpserver.expect_request(f"/mirror/{LEGISLATORS.relative_path}").respond_with_handler(
        file_responder(path)
    )
    return path


def test_sync_of_a_changed_file_reports_and_diff_repeats_it(
    served_legislators: Path,
    httpserver: HTTPServer,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
    sync = [
        "data",
        "sync",
        "--only",
        "congress-legislators",
        "--mirror",
        httpserver.url_for("/mirror"),
        "--force",  # a 26-member excerpt is below the first download's floor of 500
    ]
    first = run_cli(sync, expect=0)
    assert first.stdout.startswith("downloaded congress-legislators: 26 records")
    assert "change" not in first.stdout  # nothing to compare with yet
    assert run_cli(["data", "diff"], expect=0).stdout == (
        "no change reports yet: a sync that replaces a stored copy makes one\n"
    )
    served_legislators.write_text(json.dumps(edited(json.loads(served_legislators.read_text()))))
    second = run_cli(sync, expect=0)
    lines = second.stdout.splitlines()
    assert lines[0].startswith("downloaded congress-legislators: 25 records")
    # The data dates: the served Last-Modified (2026-06-15) both times.
    assert lines[1].startswith(
        "congress-legislators: 6 changes (data of 2026-06-15 -> 2026-06-15), synced 2026-06-20"
    )
    assert [line.strip() for line in lines[2:]] == EXPECTED
    again = run_cli(["data", "diff", "congress-legislators"], expect=0)
    assert again.stdout.splitlines() == lines[1:]
    report = run_cli(["data", "diff", "--format", "json"], expect=0).json()
    assert [r["dataset"] for r in report] == ["congress-legislators"]
    assert report[0]["changes"][4] == {
        "kind": "vacant", "seat": "NY-12", "member": "", "before": "", "after": "",
    }  # fmt: skip
    as_json = run_cli([*sync, "--format", "json"], expect=0).json()
    assert as_json[0]["status"] == "unchanged" and as_json[0]["changes"] is None
    # An unchanged source keeps the last report.
    assert run_cli(["data", "diff"], expect=0).stdout.splitlines() == lines[1:]


def test_diff_of_an_unknown_dataset_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli(["data", "diff", "nope"], expect=2)
    assert "unknown dataset 'nope': choose from" in result.stderr


def test_a_damaged_report_is_not_shown(
    lookup_mirror: Path, run_cli: RunCli, lookup_data: Path
) -> None:
    report = lookup_data / "congress-legislators" / "legislators-current.json.changes.json"
    report.write_text("{not json")
    assert run_cli(["data", "diff"], expect=0).stdout.startswith("no change reports yet")


def test_an_open_states_sync_reports_a_member_gone(
    tmp_path: Path, lookup_mirror: Path, run_cli: RunCli
) -> None:
    mirror = tmp_path / "mirror"
    served = mirror / "openstates" / "nj.csv"
    served.parent.mkdir(parents=True)
    data = (lookup_mirror / "openstates" / "nj.csv").read_bytes()
    served.write_bytes(data)
    sync = ["data", "sync", "--only", "openstates-nj", "--mirror", str(mirror)]
    run_cli(sync, expect=0)
    header, first, _second = data.decode("utf-8").splitlines(keepends=True)
    served.write_text(header + first, encoding="utf-8")
    lines = run_cli([*sync, "--force"], expect=0).stdout.splitlines()  # half the members go
    assert lines[0] == f"downloaded openstates-nj: 1 record from {served}"
    assert lines[1].startswith("openstates-nj: 2 changes (data of unknown date -> unknown date)")
    assert lines[2].startswith("  lower 35: ") and lines[2].endswith(" is gone")
    assert lines[3] == "  lower 35: a seat is now vacant"
    assert run_cli(["data", "diff", "openstates-nj"], expect=0).stdout.splitlines() == lines[1:]
