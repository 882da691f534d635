"""A bad e-mail address or phone number is that row's error, never the batch's."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import RunCli

SHEET = (
    "name,email,phone,district\n"
    "Ada,a@b@c,415-555-0100,CA-12\n"
    '"Bo","bo@example.org\nBcc: x@example.org",,CA-12\n'
    "Cy,cy@example.org,abc,CA-12\n"
    "Di,di@example.org,+1 (415) 555-0100,CA-12\n"
)


def test_bad_contacts_are_per_row_errors(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["batch", str(sheet), "--out", str(out), "--formats", "txt,eml"], expect=3)
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    by_name = {r["name"]: r for r in records}
    assert by_name["Ada"]["status"] == "error"
    assert by_name["Ada"]["reason"].startswith("email: 'a@b@c' is not an e-mail address")
    assert by_name["Bo"]["status"] == "error"  # a header injection never reaches an .eml
    assert by_name["Cy"]["reason"].startswith("phone: 'abc' is not a phone number")
    assert by_name["Di"]["status"] == "ok"
    assert not list(out.glob("bo-*"))
    assert "row 2: error: email: 'a@b@c' is not an e-mail address" in result.stderr
