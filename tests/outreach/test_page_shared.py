"""``civickit page`` over the full public datasets in ../shared/data (skipped where absent): the
size budget, and every ZIP of the table found in the page as ``civickit lookup --zip`` finds it.

Measured on 2026-12-01 (the shared data, every state's House seats and senators, 33,791 ZIPs,
the built-in campaign in English and Spanish): index.html is 8.7 MB (410 KB gzipped); with the
legislators of the 7 states Open States data is shared for (CA, MA, NE, NH, NJ, NY, WI) it is
27.5 MB (874 KB gzipped). English alone was 4.7 MB (278 KB) and 13.8 MB (519 KB).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

from civickit.campaign import load_campaign
from civickit.core.districts import District
from civickit.lookup.adapters.zcta import DATASET, build_index
from civickit.lookup.datasets import datasets_for
from civickit.lookup.facade import Lookup
from civickit.lookup.store import DataStore
from civickit.outreach.page_data import build_page
from conftest import SHARED_DATA

pytestmark = pytest.mark.shared
DATE = dt.date(2026, 11, 26)
STATES = ["CA", "MA", "NE", "NH", "NJ", "NY", "WI"]
#: The page's budget: what a visitor's phone downloads, compressed as web hosts serve it.
GZIP_BUDGET = 1_500_000


@pytest.fixture(scope="module")
def full_lookup(tmp_path_factory: pytest.TempPathFactory) -> Lookup:
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data (the full public datasets), absent here")
    store = DataStore(tmp_path_factory.mktemp("full-store"), offline=True, mirror=str(SHARED_DATA))
    store.sync(datasets_for(states=STATES))
    return Lookup(offline=True, datastore=store)


@pytest.fixture(scope="module")
def files(full_lookup: Lookup) -> dict[str, bytes]:
    return build_page(load_campaign(), full_lookup, date=DATE)


def embedded(files: dict[str, bytes]) -> dict[str, Any]:
    html = files["index.html"].decode("utf-8")
    found = re.search(r'<script type="application/json" id="civickit-data">(.*?)</script>', html)
    assert found is not None
    data: dict[str, Any] = json.loads(found[1])
    return data


def zcta_label(key: str) -> str:
    """``CA-12`` of the ZIP index's ``CA:12`` (``WY-AL`` of ``WY:0``)."""
    state, number = key.split(":")
    return District(state, "cd", number).label


def test_the_page_of_every_zip_and_seven_states_keeps_its_budget(
    files: dict[str, bytes], tmp_path: Path
) -> None:
    size = len(gzip.compress(files["index.html"], 9))
    assert size < GZIP_BUDGET, f"index.html is {size} bytes gzipped"
    assert len(gzip.compress(files["districts.html"], 9)) < GZIP_BUDGET
    assert len(gzip.compress(files["districts.es.html"], 9)) < GZIP_BUDGET


def test_every_zip_resolves_in_the_page_as_lookup_does(
    files: dict[str, bytes], full_lookup: Lookup
) -> None:
    data = embedded(files)
    index = full_lookup.datastore.load_index("zcta-cd", [DATASET], build_index)
    assert len(index) > 33_000
    assert set(data["zips"]) == set(index)
    labels = [district["label"] for district in data["districts"]]
    for code, entries in index.items():
        rows = data["zips"][code]
        expected = [[zcta_label(key), round(share * 1000)] for key, share in entries]
        assert [[labels[i], s] for i, s in rows] == expected, code
    for code in ("10011", "89439", "90210", "94612", "00601", "20001", "82001"):
        result = full_lookup.resolve(zip_code=code)
        assert [labels[i] for i, _ in data["zips"][code]] == [d.label for d in result.districts]


def test_every_seat_has_its_officials_or_is_vacant(files: dict[str, bytes]) -> None:
    data = embedded(files)
    house = [d for d in data["districts"] if d["kind"] == "cd"]
    assert len(house) == 441  # 435 seats, DC and five territories' delegates
    officials = data["officials"]
    for district in house:
        offices = [officials[i]["office"] for i in district["officials"]]
        assert offices.count("us-house") == 1, district["label"]
    assert data["state_data"] == STATES
    filled = [o for o in officials if not o["vacant"]]
    assert all(o["letters"] and o["scripts"] for o in filled)
