"""``civickit batch`` and the engine under it, with the real ``Lookup`` and ``LetterRenderer``
over a data store seeded offline from tests/fixtures/lookup (``lookup_data``)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from batch_support import manifest, write_csv
from civickit.campaign import load_campaign
from civickit.lookup.facade import Lookup
from civickit.outreach import batch as engine
from civickit.outreach import engine as run_loop
from civickit.outreach.batch import BatchOptions, BatchTools, default_tools, run_batch
from civickit.outreach.manifest import sha256_file
from civickit.outreach.packets import nearest_office, zip_distance
from civickit.outreach.records import OfficeAddress
from civickit.outreach.supporters import open_supporters
from netsupport import fixture_json, own_server, use_quick_census
from support.cli import CliResult, RunCli, invoke
from support.golden import Golden

FIXTURES = Path(__file__).parents[1] / "fixtures" / "batch"


def tag(supporter_id: str) -> str:
    """The collision guard a supporter folder ends with: 8 hex of SHA-256 of the exact id."""
    return hashlib.sha256(supporter_id.encode()).hexdigest()[:8]


DATE = "2026-11-26"


@pytest.fixture
def lookups(lookup_data: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data store is seeded; every district the real ``Lookup`` is asked for is recorded."""
    asked: list[str] = []
    resolve = Lookup.resolve

    def spy(self: Lookup, **query: Any) -> Any:
        asked.append(str(query.get("district")))
        return resolve(self, **query)

    monkeypatch.setattr(Lookup, "resolve", spy)
    return asked


def real_tools() -> BatchTools:
    return default_tools(load_campaign(), as_of=dt.date(2026, 11, 26))


ALIKE = "letters to one office alike: median 0.NN, max 0.NN"


def alike(text: str) -> str:
    """``text`` with the similarity figures of a summary line (pinned in test_batch_variants)
    made ``0.NN``."""
    return re.sub(r"alike: median \d\.\d\d, max \d\.\d\d", "alike: median 0.NN, max 0.NN", text)


def run(*args: str, stdin: bytes | None = None) -> CliResult:
    return invoke(["--as-of", DATE, "batch", *args], input=stdin)


def test_messy_sheet_end_to_end(lookups: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(FIXTURES / "messy.csv"), "--out", str(out), "--format", "json")
    assert result.exit_code == 3
    records = manifest(out)
    duplicate_id = records[0]["id"]
    assert alike(result.stderr).splitlines() == [
        "row 4: ambiguous: ZIP 10011 may be in any of NY-12, NY-10; add the street address "
        "or a district column",
        "row 7: error: no name",
        f"row 10: skipped: duplicate of row 2 (id {duplicate_id})",
        "row 11: error: zip: 'ABCDE' is not a ZIP code: give 5 digits such as 94103 "
        "(or ZIP+4 94103-1234)",
        f"9 rows: 5 ok, 1 ambiguous, 2 error, 1 skipped; {ALIKE}; output in {out}",
    ]
    summary = result.json()
    assert summary["statuses"] == {"ok": 5, "ambiguous": 1, "error": 2, "skipped": 1}
    assert summary["offices"]["Senator Alex Padilla (CA)"] == 4
    assert summary == json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [r["row"] for r in records] == [2, 4, 5, 6, 7, 8, 9, 10, 11]
    ambiguous = records[1]
    assert [(c["district"], c["share"]) for c in ambiguous["candidates"]] == [
        ("NY-12", 0.64),
        ("NY-10", 0.36),
    ]
    assert ambiguous["files"] == []
    # Every output file is where the manifest says, with that hash, inside out/.
    for record in records:
        for item in record["files"]:
            path = (out / item["path"]).resolve()
            assert path.is_relative_to(out.resolve())
            assert sha256_file(path) == item["sha256"]
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == sorted(
        [
            ".civickit",
            "packets",
            f"ada-lopez-{duplicate_id}-{tag(duplicate_id)}",
            f"cmd-c-calc-a0-{records[2]['id']}-{tag(records[2]['id'])}",
            f"etc-passwd-{records[3]['id']}-{tag(records[3]['id'])}",
            f"vic-vacant-{records[5]['id']}-{tag(records[5]['id'])}",
            f"line-break-name-{records[6]['id']}-{tag(records[6]['id'])}",
        ]
    )
    # No temp files left; only the options the batch was made with (for --resume), the record
    # of which sources the packet PDFs were made from, and the (released) lock of the folder.
    state = sorted(p.name for p in (out / ".civickit").iterdir())
    assert state == ["lock", "options.json", "packet-pdfs.json"]


def test_manifest_csv_neutralises_formulas(lookups: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(str(FIXTURES / "messy.csv"), "--out", str(out), "--no-packets")
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[2]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[2]["status"] == "ok"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_html_letters_escape_hostile_names(lookups: list[str], tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "s.csv",
        [["name", "district", "story"], ["<script>alert(1)</script>", "CA-12", "<b>hi</b>"]],
    )
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), "--formats", "html", "--no-packets")
    assert result.exit_code == 0, result.stderr
    (record,) = manifest(out)
    html = (out / record["files"][0]["path"]).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html
    assert "<script>" not in html
    assert record["folder"] == f"script-alert-1-script-{record['id']}-{tag(record['id'])}"


def test_vacant_seat_gets_no_letter_but_a_note(lookups: list[str], tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["name", "district"], ["Vic", "CA-14"]])
    out = tmp_path / "out"
    assert run(str(sheet), "--out", str(out), "--no-packets").exit_code == 0
    (record,) = manifest(out)
    assert record["notes"] == ["CA-14 is vacant: no current Representative; no letter written"]
    assert [(r["label"], r["vacant"]) for r in record["recipients"]] == [
        ("Senator Alex Padilla (CA)", False),
        ("Senator Adam B. Schiff (CA)", False),
        ("Vacant seat (CA-14)", True),
    ]
    assert {f["recipient"] for f in record["files"]} == {
        "us-senate-ca-padilla-p000145",
        "us-senate-ca-schiff-s001150",
    }
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert row["notes"] == "CA-14 is vacant: no current Representative; no letter written"


def test_lookups_are_deduplicated_across_rows(lookups: list[str], tmp_path: Path) -> None:
    rows = [["name", "district"]] + [
        [f"P{i}", ["CA-12", "CA-2", "NY-12"][i % 3]] for i in range(600)
    ]
    out = tmp_path / "out"
    result = run(str(write_csv(tmp_path / "s.csv", rows)), "--out", str(out), "--no-packets")
    assert result.exit_code == 0
    assert sorted(lookups) == ["CA-12", "CA-2", "NY-12"]
    assert len(manifest(out)) == 600


@pytest.fixture
def census(lookup_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    """A local census geocoder: ``2 ...`` addresses are rate limited, ``3 ...`` ones too slow,
    the rest are in CA-2. civickit's real census adapter is pointed at it, online, with a
    short read timeout and one retry so the test stays fast."""
    answer_json = json.dumps(fixture_json("census", "onelineaddress_eureka-ca.json"))
    in_flight = [0, 0]  # now, most at once
    lock = threading.Lock()

    def answer(request: Request) -> Response:
        address = request.args["address"]
        if address.startswith("2 "):
            return Response("slow down", status=429, headers={"Retry-After": "0"})
        if address.startswith("3 "):
            time.sleep(0.6)
        if address.startswith("4"):  # takes a while, to see how many are asked at once
            with lock:
                in_flight[0] += 1
                in_flight[1] = max(in_flight)
            time.sleep(0.3)
            with lock:
                in_flight[0] -= 1
        return Response(answer_json, content_type="application/json")

    use_quick_census(monkeypatch, read_timeout=0.35)
    with own_server(threaded=True) as server:
        server.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(answer)
        monkeypatch.setenv("CIVICKIT_CENSUS_URL", server.url_for("/geocoder"))
        monkeypatch.setenv("CIVICKIT_OFFLINE", "0")
        server.most_at_once = in_flight  # type: ignore[attr-defined]  # the test's own counter
        yield server


def addresses(server: HTTPServer) -> list[str]:
    return [request.args["address"] for request, _ in server.log]


def test_geocoder_429_and_timeouts_fall_back_to_the_zip(census: HTTPServer, tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "s.csv",
        [
            ["name", "street", "city", "state", "zip"],
            ["Ann", "1 Main St", "Eureka", "CA", "95501"],
            ["Bea", "2 Busy St", "Eureka", "CA", "95501"],
            ["Cy", "3 Slow St", "Eureka", "CA", "95501"],
            ["Di", "1 Main St", "Eureka", "CA", "95501"],
        ],
    )
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), "--no-packets", "--jobs", "3")
    assert result.exit_code == 0, result.stderr
    host = f"{census.host}:{census.port}"
    records = manifest(out)
    # The rows whose address the geocoder refused or timed out on are made from their ZIP.
    assert [r["status"] for r in records] == ["ok", "ok", "ok", "ok"]
    assert [r["located_by"] for r in records] == ["address", "zip", "zip", "address"]
    assert [r["location_note"] for r in records[1:3]] == [
        "address not geocoded: the US Census Geocoder is still rate limiting after several "
        "retries (HTTP 429); used ZIP 95501",
        f"address not geocoded: the US Census Geocoder: {host} did not answer in time; "
        "used ZIP 95501",
    ]
    assert records[0]["districts"][0] == "CA-2"
    assert any(p["adapter"] == "census" for p in records[0]["provenance"])
    # "1 Main St" is asked once for both rows that give it; the others once plus one retry.
    asked = addresses(census)
    assert asked.count("1 Main St, Eureka, CA 95501") == 1
    assert asked.count("2 Busy St, Eureka, CA 95501") == 2


@pytest.mark.parametrize(("jobs", "most"), [("1", 1), ("3", 2)])
def test_jobs_is_how_many_addresses_are_geocoded_at_once(
    census: HTTPServer, tmp_path: Path, jobs: str, most: int
) -> None:
    rows = [["name", "street", "city", "state", "zip"]]
    rows += [[f"P{i}", f"4{i} Oak St", "Eureka", "CA", "95501"] for i in range(3)]
    out = tmp_path / "out"
    result = run(str(write_csv(tmp_path / "s.csv", rows)), "--out", str(out), "--no-packets",
                 "--jobs", jobs)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # The census adapter's 5 requests/s spaces the starts 0.2 s apart; each takes 0.3 s, so
    # with 3 jobs two overlap, and with 1 job none do.
    assert census.most_at_once[1] == most  # type: ignore[attr-defined]  # set by the fixture


def test_resume_skips_unchanged_rows_and_redoes_the_rest(
    lookups: list[str], tmp_path: Path
) -> None:
    rows = [["id", "name", "district", "story"]] + [
        [f"s{i}", f"Person {i}", "CA-12", "first"] for i in range(6)
    ]
    sheet = write_csv(tmp_path / "s.csv", rows)
    out = tmp_path / "out"
    assert run(str(sheet), "--out", str(out), "--no-packets").exit_code == 0
    first = {r["id"]: r for r in manifest(out)}

    rows[2][3] = "changed story"  # s1: input changed
    write_csv(sheet, rows)
    tampered = out / first["s3"]["files"][0]["path"]
    tampered.write_text("truncated", encoding="utf-8")  # s3: output changed
    (out / first["s4"]["files"][1]["path"]).unlink()  # s4: output missing

    result = run(str(sheet), "--out", str(out), "--resume", "--no-packets", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["resumed"] == 3
    assert alike(result.stderr.splitlines()[-1]) == (
        f"6 rows: 6 ok (3 unchanged from an earlier run); {ALIKE}; output in {out}"
    )
    second = manifest(out)
    assert [r["id"] for r in second] == [f"s{i}" for i in range(6)]
    # s3 and s4 were redone from the same input, so their records and files are as before.
    assert {r["id"] for r in second if r != first[r["id"]]} == {"s1"}
    assert tampered.read_text(encoding="utf-8") != "truncated"
    assert (out / first["s4"]["files"][1]["path"]).exists()
    for record in second:
        for item in record["files"]:
            assert sha256_file(out / item["path"]) == item["sha256"]
    assert "changed story" in (out / second[1]["files"][0]["path"]).read_text(encoding="utf-8")
    with (out / "manifest.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == 6


def test_refuses_a_non_empty_out_without_resume(lookups: list[str], tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["name", "district"], ["A", "CA-12"]])
    out = tmp_path / "out"
    assert run(str(sheet), "--out", str(out), "--no-packets").exit_code == 0
    again = run(str(sheet), "--out", str(out))
    assert again.exit_code == 2
    assert again.stderr == f"Error: --out {out} is not empty; add --resume to continue that batch\n"
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me", encoding="utf-8")
    refused = run(str(sheet), "--out", str(other), "--resume")
    assert refused.exit_code == 2
    assert "holds files but no manifest.jsonl" in refused.stderr
    assert (other / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_missing_column_fails_before_any_work(lookups: list[str], tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["email"], ["a@example.test"]])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {sheet}: no column for name (or first and last name) and a location "
        "(district, address, street and ZIP, or ZIP); its columns are email; rename a column "
        "or use --map 'COLUMN=FIELD'\n"
    )
    assert not out.exists()
    assert lookups == []


def test_dry_run_looks_up_and_writes_nothing(lookups: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(FIXTURES / "messy.csv"), "--out", str(out), "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.stderr
    plan = result.json()
    assert plan["unique_lookups"] == {"district": 4, "zip": 3}
    assert plan["geocoder_queries"] == 0
    assert plan["rows"] == len(plan["records"]) == 9
    assert [r["status"] for r in plan["records"]].count("would-process") == 6
    assert not out.exists()
    assert lookups == []
    text = run(str(FIXTURES / "messy.csv"), "--out", str(out), "--dry-run", "--no-packets")
    assert text.stdout.splitlines()[:3] == [
        f"Would write to {out}: up to 6 supporter folders (none for rows whose lookup fails or "
        "is ambiguous), manifest.csv, manifest.jsonl, summary.json",
        "Unique lookups: 4 by district, 3 by zip",
        "Addresses sent to the geocoder: 0",
    ]
    assert not out.exists()


def test_fail_fast_stops_at_the_first_bad_row(lookups: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(FIXTURES / "messy.csv"), "--out", str(out), "--fail-fast", "--no-packets")
    assert result.exit_code == 3
    assert [r["row"] for r in manifest(out)] == [2, 4]
    assert result.stderr.splitlines()[-1] == (
        f"2 rows: 1 ok, 1 ambiguous; stopped at the first problem (--fail-fast); output in {out}"
    )


def test_jsonl_from_stdin_with_limit_and_quiet(lookups: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    data = (FIXTURES / "supporters.jsonl").read_bytes()
    result = run("-", "--out", str(out), "--limit", "3", "--quiet", "--no-packets", stdin=data)
    assert result.exit_code == 3
    assert alike(result.stderr) == f"3 rows: 2 ok, 1 error; {ALIKE}; output in {out}\n"
    assert [r["status"] for r in manifest(out)] == ["ok", "ok", "error"]


def test_bad_formats_and_offices_are_usage_errors(lookups: list[str], tmp_path: Path) -> None:
    sheet = str(FIXTURES / "messy.csv")
    bad = run(sheet, "--out", str(tmp_path / "o"), "--formats", "txt,docx")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "Error: --formats 'txt,docx': unknown format docx; use some of txt,md,html,pdf,eml,cwc\n",
    )
    bad = run(sheet, "--out", str(tmp_path / "o"), "--to", "mayor")
    assert bad.stderr == (
        "Error: --to 'mayor': unknown office 'mayor'; use a comma list of house, senate, "
        "state-upper, state-lower, state, federal, other, all\n"
    )


def test_packet_cover_sheet_and_order_golden(
    lookups: list[str], tmp_path: Path, golden: Golden
) -> None:
    sheet = write_csv(
        tmp_path / "s.csv",
        [
            ["name", "zip", "district"],
            ["Zoe Young", "94110", "CA-12"],
            ["Ada Lopez", "94612", "CA-12"],
            ["mia Chen", "94117", "CA-2"],
        ],
    )
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    packets = {p["office"]: p for p in result.json()["packets"]}
    padilla = packets["us-senate-ca-padilla-p000145"]
    assert padilla["letters"] == 3
    assert padilla["delivery_address"] == [
        "333 Bush Street, Suite 3225",
        "San Francisco, CA 94104",
    ]
    assert padilla["delivery_method"] == "zip-prefix"
    # txt letters: a txt packet only, no PDF rendered (and no HTML letters written for one)
    assert [f["path"] for f in padilla["files"]] == ["packets/us-senate-ca-padilla-p000145.txt"]
    assert not list(out.rglob("*.html"))
    text = (out / "packets" / "us-senate-ca-padilla-p000145.txt").read_text(encoding="utf-8")
    sections = text.split("\f\n")
    assert [s.split("Sincerely,\n\n")[1].split("\n")[0] for s in sections[1:]] == [
        "Ada Lopez",
        "mia Chen",
        "Zoe Young",
    ]
    golden.check("batch/packet-padilla.txt", text)


def test_nearest_office_methods() -> None:
    assert zip_distance("94103", "94104") == 1
    assert zip_distance("94103", "10001") == 5
    offices = [
        OfficeAddress("Fresno", ["F"], "93721", 36.73, -119.78),
        OfficeAddress("SF", ["S"], "94104", 37.79, -122.40),
    ]
    chosen, method = nearest_office(offices, {"93720": 3, "94110": 1})
    assert (chosen and chosen.label, method) == ("Fresno", "zip-prefix")
    centroids = {"93720": (36.8, -119.8), "94110": (37.75, -122.41)}
    chosen, method = nearest_office(offices, {"93720": 1, "94110": 5}, centroids.get)
    assert (chosen and chosen.label, method) == ("SF", "zip-centroid")
    assert nearest_office([OfficeAddress("X", ["X"])], {"94110": 1}) == (
        OfficeAddress("X", ["X"]),
        "first-listed",
    )
    assert nearest_office([], {"94110": 1}) == (None, "none")


def test_eml_letters_carry_stable_message_ids(lookups: list[str], tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "s.csv", [["name", "email", "district"], ["Ada", "a@x.test", "CA-SD-10"]]
    )
    out = tmp_path / "out"
    args = ["--formats", "eml", "--to", "state-upper", "--no-packets"]
    assert run(str(sheet), "--out", str(out), *args).exit_code == 0
    (record,) = manifest(out)
    assert record["notes"] == []
    assert [f["format"] for f in record["files"]] == ["eml"]
    message = (out / record["files"][0]["path"]).read_bytes()
    assert b"To: Aisha Wahab <senator.wahab@senate.ca.gov>\r\n" in message
    assert b"From: Ada <a@x.test>\r\n" in message
    assert b"Message-ID: <" in message
    again = tmp_path / "again"
    assert run(str(sheet), "--out", str(again), *args).exit_code == 0
    assert (again / record["files"][0]["path"]).read_bytes() == message


def test_officials_without_email_are_noted(lookups: list[str], tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "s.csv",
        [["name", "email", "district"], ["Ann", "ann@x.test", "NY-12"], ["Bo", "", "NY-12"]],
    )
    out = tmp_path / "out"
    args = ["--formats", "txt,eml", "--no-packets"]
    assert run(str(sheet), "--out", str(out), *args).exit_code == 0
    ann, bo = manifest(out)
    assert ann["notes"] == [
        "no e-mail address for Charles E. Schumer in the data, so no .eml is written: use the "
        "contact form at https://www.schumer.senate.gov/contact/email-chuck",
        "no e-mail address for Kirsten E. Gillibrand in the data, so no .eml is written: use "
        "the contact form at https://www.gillibrand.senate.gov/contact/email-me",
        "no e-mail address for Jerrold Nadler in the data, so no .eml is written",
    ]
    assert {f["format"] for f in ann["files"]} == {"txt"}
    assert bo["notes"] == ["no e-mail address for the supporter; no .eml written"]
    assert bo["status"] == "ok"


def test_pdf_letters_and_packets_in_worker_processes(
    lookup_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_loop, "POOL_MIN_PAGES", 2)  # use the pool even for a few pages
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")
    sheet = write_csv(
        tmp_path / "s.csv", [["name", "district"], ["Ada", "CA-12"], ["Ben", "CA-12"]]
    )
    out = tmp_path / "out"
    options = BatchOptions(out=out, date=dt.date(2026, 11, 26), formats=("pdf",), workers=2)
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, real_tools())
    assert summary.exit_code == 0
    record = manifest(out)[0]
    assert sorted({f["format"] for f in record["files"]}) == ["html", "pdf", "txt"]
    packet = next(p for p in summary.packets if p.office == "us-house-ca-12-simon-s001231")
    assert [f["path"] for f in packet.files] == [
        "packets/us-house-ca-12-simon-s001231.txt",
        "packets/us-house-ca-12-simon-s001231.pdf",
    ]
    reader = pypdf.PdfReader(out / packet.files[1]["path"])
    assert len(reader.pages) == 3  # cover sheet + two letters
    assert "Constituent letters: 2" in reader.pages[0].extract_text()


def test_progress_callback_reports_rate(lookup_data: Path, tmp_path: Path) -> None:
    seen: list[engine.Progress] = []
    sheet = write_csv(tmp_path / "s.csv", [["name", "district"], ["A", "CA-12"], ["B", "CA-2"]])
    options = BatchOptions(out=tmp_path / "out", date=dt.date(2026, 11, 26), packets=False)
    with open_supporters(sheet) as rows:
        run_batch(rows, options, real_tools(), on_progress=seen.append, total=2)
    assert [p.done for p in seen] == [1, 2]
    assert seen[-1].eta == 0
    assert seen[-1].statuses == {"ok": 2}


@pytest.mark.parametrize("command", ["batch", "send"])
def test_help_has_examples(command: str, run_cli: RunCli) -> None:
    result = run_cli([command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"civickit {command} " in result.stdout


def test_resume_renders_again_only_the_packet_pdfs_that_changed(
    lookups: list[str], tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint")
    rows = [["id", "name", "district"], ["a", "Ada", "CA-12"], ["b", "Ben", "NY-12"]]
    sheet = write_csv(tmp_path / "s.csv", rows)
    out = tmp_path / "out"
    only_house = ("--to", "house")
    assert run(str(sheet), "--out", str(out), *only_house, "--packets", "pdf").exit_code == 0
    simon, nadler = (out / "packets" / f"{key}.pdf" for key in ("us-house-ca-12-simon-s001231",
                                                                 "us-house-ny-12-nadler-n000002"))  # fmt: skip
    before = {path: path.stat().st_mtime_ns for path in (simon, nadler)}

    write_csv(sheet, [*rows, ["c", "Cy", "CA-12"]])  # Simon's packet gains a letter
    result = run(str(sheet), "--out", str(out), *only_house, "--resume", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert nadler.stat().st_mtime_ns == before[nadler]  # unchanged: not rendered again
    assert simon.stat().st_mtime_ns != before[simon]
    packets = {p["office"]: p for p in result.json()["packets"]}
    assert packets["us-house-ca-12-simon-s001231"]["letters"] == 2
    for packet in packets.values():
        for item in packet["files"]:
            assert sha256_file(out / item["path"]) == item["sha256"]

    nadler.write_bytes(b"%PDF-1.7 truncated")  # a damaged packet is made again
    assert run(str(sheet), "--out", str(out), *only_house, "--resume").exit_code == 0
    assert nadler.read_bytes().startswith(b"%PDF-") and nadler.stat().st_size > 1000


def test_manifest_json_and_csv_are_byte_identical_to_golden(
    lookups: list[str], tmp_path: Path, golden: Golden
) -> None:
    """The typed records write exactly the manifest lines (and offices) the dict records wrote:
    ok, ambiguous (candidates), error, skipped and vacant rows, e-mail notes, every file."""
    out = tmp_path / "out"
    args = ["--formats", "txt,eml", "--no-packets"]
    assert run(str(FIXTURES / "messy.csv"), "--out", str(out), *args).exit_code == 3
    for name in ("manifest.jsonl", "manifest.csv", "offices.json"):
        golden.check_bytes(f"batch/{name}", (out / name).read_bytes())
