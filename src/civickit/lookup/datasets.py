"""The public datasets civickit downloads, where they come from, and how each is validated.

A validator parses the downloaded bytes, checks the fields civickit relies on, and returns the
record count; anything wrong raises ``ValueError`` with a short reason.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from civickit.core.districts import HOUSE_SEATS, NON_STATES
from civickit.errors import UsageError

Validator = Callable[[bytes], int]

LEGISLATORS_BASE = "https://unitedstates.github.io/congress-legislators"
ZCCD_URL = (
    "https://raw.githubusercontent.com/OpenSourceActivismTech/us-zipcodes-congress/master/zccd.csv"
)
OPENSTATES_BASE = "https://data.openstates.org/people/current"
OPENSTATES_PREFIX = "openstates-"
OPENSTATES_COLUMNS = (
    "id",
    "name",
    "current_party",
    "current_district",
    "current_chamber",
    "given_name",
    "family_name",
    "email",
    "capitol_address",
    "capitol_voice",
    "district_address",
    "district_voice",
)
ZCCD_COLUMNS = ("state_fips", "state_abbr", "zcta", "cd")


@dataclass(frozen=True)
class Dataset:
    """One downloadable file: ``<folder>/<filename>`` in the data store and in a mirror."""

    name: str
    folder: str
    filename: str
    url: str
    approx_bytes: int
    validate: Validator

    @property
    def relative_path(self) -> str:
        """``congress-legislators/legislators-current.json``: the path under a store or mirror."""
        return f"{self.folder}/{self.filename}"


def _json_list(data: bytes) -> list[Any]:
    parsed = json.loads(data.decode("utf-8"))
    if not isinstance(parsed, list):
        raise ValueError("expected a JSON list")
    return parsed


def _bioguide(item: Any) -> str:
    if not isinstance(item, dict) or not isinstance(item.get("id"), dict):
        raise ValueError("a record has no 'id' object")
    bioguide = item["id"].get("bioguide")
    if not isinstance(bioguide, str) or not bioguide:
        raise ValueError("a record has no id.bioguide")
    return bioguide


def validate_legislators(data: bytes) -> int:
    """Current members: ``id.bioguide``, ``name`` and a last term with type and state."""
    members = _json_list(data)
    for item in members:
        bioguide = _bioguide(item)
        terms = item.get("terms")
        if not isinstance(item.get("name"), dict) or not isinstance(terms, list) or not terms:
            raise ValueError(f"member {bioguide} has no name or terms")
        last = terms[-1]
        if last.get("type") not in {"sen", "rep"} or last.get("state") not in HOUSE_SEATS:
            raise ValueError(f"member {bioguide} has a current term without type or state")
    return len(members)


def _validate_members_with(data: bytes, key: str, kind: type) -> int:
    members = _json_list(data)
    for item in members:
        bioguide = _bioguide(item)
        if not isinstance(item.get(key), kind):
            raise ValueError(f"member {bioguide} has no {key} {kind.__name__}")
    return len(members)


def validate_district_offices(data: bytes) -> int:
    """District offices: ``id.bioguide`` and a list of ``offices`` per member."""
    return _validate_members_with(data, "offices", list)


def validate_social_media(data: bytes) -> int:
    """Social media accounts: ``id.bioguide`` and a ``social`` object per member."""
    return _validate_members_with(data, "social", dict)


def _csv_rows(data: bytes, columns: tuple[str, ...]) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"the CSV header lacks {', '.join(missing)}")
    return list(reader)


_ZCTA = re.compile(r"^\d{5}$")


def validate_zccd(data: bytes) -> int:
    """ZCTA to congressional district rows: a 5-digit ZCTA, a known state, a district number."""
    rows = _csv_rows(data, ZCCD_COLUMNS)
    for number, row in enumerate(rows, start=2):
        if not _ZCTA.match(row["zcta"] or "") or not (row["cd"] or "").isdigit():
            raise ValueError(f"line {number} has a bad zcta or cd")
        if row["state_abbr"] not in HOUSE_SEATS:
            raise ValueError(f"line {number} has an unknown state {row['state_abbr']!r}")
    return len(rows)


def validate_openstates(data: bytes) -> int:
    """Open States people: a name, a chamber and a district in every row."""
    rows = _csv_rows(data, OPENSTATES_COLUMNS)
    for number, row in enumerate(rows, start=2):
        if not row["name"] or row["current_chamber"] not in {"upper", "lower", "legislature"}:
            raise ValueError(f"line {number} has no name or an unknown chamber")
        if not row["current_district"]:
            raise ValueError(f"line {number} has no district")
    return len(rows)


NATIONAL: tuple[Dataset, ...] = (
    Dataset(
        "congress-legislators",
        "congress-legislators",
        "legislators-current.json",
        f"{LEGISLATORS_BASE}/legislators-current.json",
        1_500_000,
        validate_legislators,
    ),
    Dataset(
        "district-offices",
        "congress-legislators",
        "legislators-district-offices.json",
        f"{LEGISLATORS_BASE}/legislators-district-offices.json",
        480_000,
        validate_district_offices,
    ),
    Dataset(
        "social-media",
        "congress-legislators",
        "legislators-social-media.json",
        f"{LEGISLATORS_BASE}/legislators-social-media.json",
        145_000,
        validate_social_media,
    ),
    Dataset("zcta-cd", "zcta-cd", "zccd.csv", ZCCD_URL, 640_000, validate_zccd),
)
_BY_NAME = {dataset.name: dataset for dataset in NATIONAL}


def openstates_dataset(state: str) -> Dataset:
    """The Open States bulk CSV of one state (``openstates-ca``)."""
    code = state.strip().upper()
    if code not in HOUSE_SEATS or code in NON_STATES - {"DC", "PR"}:
        raise UsageError(f"no Open States data for {state!r}: give a state code such as CA or NY")
    lower = code.lower()
    return Dataset(
        f"{OPENSTATES_PREFIX}{lower}",
        "openstates",
        f"{lower}.csv",
        f"{OPENSTATES_BASE}/{lower}.csv",
        150_000,
        validate_openstates,
    )


def dataset_named(name: str) -> Dataset:
    """The dataset called ``name``; ``UsageError`` listing the known names otherwise."""
    key = name.strip().lower()
    if key in _BY_NAME:
        return _BY_NAME[key]
    if key.startswith(OPENSTATES_PREFIX):
        return openstates_dataset(key.removeprefix(OPENSTATES_PREFIX))
    known = ", ".join([*_BY_NAME, "openstates-<state>"])
    raise UsageError(f"unknown dataset {name!r}: choose from {known}")
