"""Shared helpers of the batch benchmarks: sheets and the real batch tools.

The tools are ``civickit.outreach.batch.default_tools``: the real ``Lookup`` over a data
store seeded offline from the small dataset excerpts in ``tests/fixtures/lookup`` (the same files
``civickit data sync --mirror`` reads), and the real ``LetterRenderer``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

from civickit.campaign import load_campaign
from civickit.lookup.facade import Lookup
from civickit.outreach.batch import BatchTools, default_tools

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "tests" / "fixtures" / "lookup"

DATE = dt.date(2026, 11, 26)
DISTRICTS = ["CA-12", "CA-2", "NY-10", "NY-12"]


def isolate(tmp: Path) -> None:
    """Point civickit's data, cache and config folders into ``tmp`` (no user data touched)."""
    for name in ("DATA", "CACHE", "CONFIG"):
        os.environ[f"CIVICKIT_{name}_DIR"] = str(tmp / name.lower())
    os.environ["CIVICKIT_NO_PLUGINS"] = "1"


def seeded_lookup(tmp: Path, *, offline: bool = True) -> Lookup:
    """A ``Lookup`` over a data store in ``tmp`` filled from the fixture mirror; with
    ``offline=False`` it may also ask network geocoders (for addresses)."""
    from civickit.lookup.datasets import datasets_for
    from civickit.lookup.store import DataStore

    store = DataStore(tmp / "store", offline=True, mirror=str(MIRROR))
    store.sync(datasets_for(states=["CA"]))
    return Lookup(offline=offline, datastore=store)


def real_tools(lookup: Lookup, jobs: int = 4) -> BatchTools:
    """What ``civickit batch`` uses, over ``lookup``."""
    return default_tools(load_campaign(), jobs=jobs, as_of=DATE, lookup=lookup)


def write_sheet(path: Path, rows: int) -> Path:
    """``rows`` supporters with a district column (no geocoding)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "district"])
        for i in range(rows):
            writer.writerow([f"s{i}", f"Supporter {i}", f"s{i}@example.test", DISTRICTS[i % 4]])
    return path
