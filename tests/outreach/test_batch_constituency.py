"""Batch rows whose district column and ZIP disagree are reported per row, never sent."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from support.cli import RunCli


def test_rows_whose_zip_contradicts_their_district_are_reported(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "signups.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["name", "zip", "district"],
                ["Ann", "94103", "CA-12"],  # the README's old example: 94103 is CA-11
                ["Bea", "82001", "CA-SD-2"],  # a Cheyenne ZIP beside a California seat
                ["Cy", "94612", "CA-12"],  # agrees
            ]
        )
    out = tmp_path / "out"
    run_cli(["--offline", "batch", str(sheet), "--out", str(out), "--no-packets"], expect=3)
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    records = {r["name"]: r for r in map(json.loads, lines)}
    ann, bea, cy = records["Ann"], records["Bea"], records["Cy"]
    assert ann["status"] == "error" and ann["files"] == []
    assert ann["reason"] == "ZIP 94103 is in CA-11, the sheet says CA-12; correct one of them"
    assert bea["status"] == "error" and bea["files"] == []
    assert bea["reason"] == "ZIP 82001 is in WY, the sheet says CA-SD-2; correct one of them"
    assert cy["status"] == "ok" and len(cy["files"]) == 3
