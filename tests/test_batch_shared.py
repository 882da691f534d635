"""Batch behaviour on the real public datasets in ../shared/data (skipped where absent)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from batch_doubles import make_tools, official
from civickit.batch import BatchOptions, run_batch
from civickit.officials import Address, Official
from civickit.supporters import open_supporters

ZIPS = ["10001", "90210", "95501", "02108", "20001"]


def zcta_table(data: Path, wanted: list[str]) -> dict[str, list[str]]:
    """ZIP -> district labels from the real ZCTA-to-district file (at-large as ``AL``)."""
    table: dict[str, list[str]] = {}
    with (data / "zcta-cd" / "zccd.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["zcta"] in wanted:
                number = "AL" if row["cd"] == "0" else row["cd"]
                table.setdefault(row["zcta"], []).append(f"{row['state_abbr']}-{number}")
    return table


def generic_directory(labels: set[str]) -> dict[str, list[Official]]:
    directory: dict[str, list[Official]] = {}
    for label in labels:
        state = label.split("-")[0]
        directory[label] = [
            official(f"Member {label}", "us-house", state, label),
            official(f"Senator A {state}", "us-senate", state),
        ]
    return directory


def test_ambiguous_zips_from_the_real_zcta_table(shared_data: Path, tmp_path: Path) -> None:
    table = zcta_table(shared_data, ZIPS)
    labels = {label for found in table.values() for label in found}
    tools = make_tools(directory=generic_directory(labels), zips=table)
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,zip\n" + "".join(f"P{z},{z}\n" for z in ZIPS), encoding="utf-8")
    options = BatchOptions(out=tmp_path / "out", date=dt.date(2026, 11, 26), packets=False)
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, tools)
    assert summary.statuses == {"ambiguous": 3, "ok": 2}
    records = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").open()]
    outcome = {r["zip"]: (r["status"], [c["district"] for c in r["candidates"]]) for r in records}
    assert outcome == {
        "10001": ("ambiguous", ["NY-10", "NY-12"]),
        "90210": ("ambiguous", ["CA-30", "CA-32", "CA-36"]),
        "95501": ("ok", []),
        "02108": ("ambiguous", ["MA-7", "MA-8"]),
        "20001": ("ok", []),
    }


def test_packet_goes_to_the_real_district_office_nearest_the_writers(
    shared_data: Path, tmp_path: Path
) -> None:
    members = json.loads(
        (shared_data / "congress-legislators" / "legislators-district-offices.json").read_text()
    )
    padilla_offices = next(m for m in members if m["id"]["bioguide"] == "P000145")["offices"]
    offices = [
        Address(
            f"{o['city']} Office", (o["address"],), o["city"], o["state"], o["zip"],
            latitude=o.get("latitude"), longitude=o.get("longitude"),
        )
        for o in padilla_offices
    ]  # fmt: skip
    padilla = official("Alex Padilla", "us-senate", "CA", offices=offices)
    tools = make_tools(directory={"CA-50": [padilla]})
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,zip,district\nAna,92103,CA-50\nBo,92109,CA-50\nCy,94110,CA-50\n", encoding="utf-8"
    )
    options = BatchOptions(
        out=tmp_path / "out", date=dt.date(2026, 11, 26), offices=frozenset({"us-senate"})
    )
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, tools)
    (packet,) = summary.packets
    assert packet.delivery == ["600 B Street", "San Diego, CA 92101"]
    assert packet.method == "zip-prefix"
    assert packet.letters == 3
