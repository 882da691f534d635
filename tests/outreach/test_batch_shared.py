"""Batch runs over the full public datasets in ../shared/data (skipped where absent), through
the real ``Lookup`` and ``LetterRenderer``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from civickit.campaign import load_campaign
from civickit.lookup.datasets import datasets_for
from civickit.lookup.facade import Lookup
from civickit.lookup.store import DataStore
from civickit.outreach.batch import BatchOptions, BatchTools, default_tools, run_batch
from civickit.outreach.supporters import open_supporters
from conftest import SHARED_DATA

pytestmark = pytest.mark.shared
DATE = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def full_lookup(tmp_path_factory: pytest.TempPathFactory) -> Lookup:
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data (the full public datasets), absent here")
    store = DataStore(tmp_path_factory.mktemp("full-store"), offline=True, mirror=str(SHARED_DATA))
    store.sync(datasets_for(states=["CA"]))
    return Lookup(offline=True, datastore=store)


def tools(lookup: Lookup) -> BatchTools:
    return default_tools(load_campaign(), as_of=DATE, lookup=lookup)


def records(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").open(encoding="utf-8")]


def test_ambiguous_zips_from_the_real_zcta_table(full_lookup: Lookup, tmp_path: Path) -> None:
    zips = ["10001", "10011", "90210", "95501", "02108", "20001", "89439"]
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,zip\n" + "".join(f"P{z},{z}\n" for z in zips), encoding="utf-8")
    options = BatchOptions(out=tmp_path / "out", date=DATE, packets=False)
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, tools(full_lookup))
    assert summary.statuses == {"ambiguous": 3, "ok": 4}
    outcome = {
        r["zip"]: (r["status"], [(c["district"], c["share"]) for c in r["candidates"]])
        for r in records(tmp_path / "out")
    }
    # The block-level file: 10001 and 02108 lie wholly in one district (NY-12, MA-8).
    assert outcome == {
        "10001": ("ok", []),
        "10011": ("ambiguous", [("NY-12", 0.64), ("NY-10", 0.36)]),
        "90210": ("ambiguous", [("CA-32", 0.62), ("CA-36", 0.38), ("CA-30", 0.002)]),
        "95501": ("ok", []),
        "02108": ("ok", []),
        "20001": ("ok", []),
        "89439": ("ambiguous", [("NV-2", 0.74), ("CA-3", 0.26)]),
    }


def test_vacant_ca_14_and_packets_to_the_nearest_real_district_office(
    full_lookup: Lookup, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,zip,district\nAna,92103,CA-50\nBo,92109,CA-50\nCy,94538,CA-14\n", encoding="utf-8"
    )
    options = BatchOptions(out=tmp_path / "out", date=DATE, packet_pdfs=False)
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, tools(full_lookup))
    assert summary.statuses == {"ok": 3}
    cy = records(tmp_path / "out")[2]
    assert "CA-14 is vacant: no current Representative; no letter written" in cy["notes"]
    padilla = next(p for p in summary.packets if p.office.startswith("us-senate-ca-padilla"))
    assert padilla.letters == 3
    assert padilla.delivery == ["600 B Street, Suite 2240", "San Diego, CA 92101"]
    assert padilla.method == "zip-prefix"
    assert not any("ca-14" in p.office for p in summary.packets)
    packets = tmp_path / "out" / "packets"
    assert list(packets.glob("*.txt")), "txt packets are written"
    assert not list(packets.glob("*.pdf")), "packet_pdfs=False renders none"
    assert summary.warnings == []  # not the "WeasyPrint is missing" warning
