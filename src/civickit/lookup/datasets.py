"""The public datasets civickit downloads, where they come from, and how each is validated.

A validator parses the downloaded bytes, checks the fields civickit relies on, and returns the
record count; anything wrong raises ``ValueError`` with a short reason. The ZCTA relationship file
is parsed here too (``zcta_districts``), once for its validator and once for the ``zcta`` index.

Each dataset also says how the date of its data is known (``data_date_of``), apart from when it
was downloaded: the source's ``Last-Modified``, else the newest date in its records
(congress-legislators), else the date the source published a fixed product (the ZCTA file).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from civickit.core.districts import AT_LARGE, HOUSE_SEATS, NON_STATES, District, validate_district
from civickit.core.plurals import counted
from civickit.core.state_bodies import chamber_kind, state_chamber
from civickit.core.states import code_for_fips
from civickit.errors import UsageError
from civickit.lookup.changes import Changes, legislators_changes, openstates_changes
from civickit.lookup.schemas import check_records, member_label

Validator = Callable[[bytes], int]
DataDater = Callable[[bytes], dt.date | None]
DataDateSource = Literal["last-modified", "records", "published"]

LEGISLATORS_BASE = "https://unitedstates.github.io/congress-legislators"
ZCTA_CD_URL = (
    "https://www2.census.gov/geo/docs/maps-data/data/rel2020/cd-sld/tab20_cd11920_zcta520_natl.txt"
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
# The Census Bureau's 119th Congressional District <-> 2020 ZCTA relationship file, in order.
ZCTA_CD_COLUMNS = (
    "OID_CD119_20",
    "GEOID_CD119_20",
    "NAMELSAD_CD119_20",
    "AREALAND_CD119_20",
    "AREAWATER_CD119_20",
    "MTFCC_CD119_20",
    "FUNCSTAT_CD119_20",
    "OID_ZCTA5_20",
    "GEOID_ZCTA5_20",
    "NAMELSAD_ZCTA5_20",
    "AREALAND_ZCTA5_20",
    "AREAWATER_ZCTA5_20",
    "MTFCC_ZCTA5_20",
    "CLASSFP_ZCTA5_20",
    "FUNCSTAT_ZCTA5_20",
    "AREALAND_PART",
    "AREAWATER_PART",
)
# A ZCTA's land pieces add up to its land; more or less than this means lost or doubled rows.
ZCTA_LAND_TOLERANCE = 0.03
ZCTA_CONGRESS = 119  # the Congress whose districts the ZCTA file (tab20_cd11920) describes
ZctaDistricts = dict[str, tuple[tuple[str, float], ...]]  # "90210" -> (("CA:32", 0.62), ...)


@dataclass(frozen=True)
class Dataset:
    """One downloadable file: ``<folder>/<filename>`` in the data store and in a mirror."""

    name: str
    folder: str
    filename: str
    url: str
    approx_bytes: int
    validate: Validator
    report: Callable[[bytes], str] | None = None  # more for the sync message, e.g. rows skipped
    newest_date: DataDater | None = None  # the newest date in the records, if they carry dates
    published: dt.date | None = None  # the date the source published a fixed product
    stale_after_days: int | None = 30  # None: the data does not age (it describes a Congress)
    congress: int | None = None  # the Congress whose districts the data describes
    changes: Changes | None = None  # what changed between two copies (``data diff``)

    @property
    def relative_path(self) -> str:
        """``congress-legislators/legislators-current.json``: the path under a store or mirror."""
        return f"{self.folder}/{self.filename}"


def _json_list(data: bytes) -> list[Any]:
    parsed = json.loads(data.decode("utf-8"))
    if not isinstance(parsed, list):
        raise ValueError("expected a JSON list")
    return parsed


def validate_legislators(data: bytes) -> int:
    """Current members, each checked against ``schemas.LEGISLATOR``."""
    return check_records("legislator", _json_list(data), member_label)


def newest_legislators_date(data: bytes) -> dt.date | None:
    """The newest start date in the members' records (terms, party affiliations, leadership
    roles): the latest event the file knows of. End dates lie in the future and are skipped."""
    newest: dt.date | None = None
    for member in _json_list(data):
        if not isinstance(member, dict):
            continue
        for key in ("terms", "party_affiliations", "leadership_roles"):
            for item in member.get(key) or ():
                start = item.get("start") if isinstance(item, dict) else None
                try:
                    day = dt.date.fromisoformat(start) if isinstance(start, str) else None
                except ValueError:
                    day = None
                if day is not None and (newest is None or day > newest):
                    newest = day
    return newest


def data_date_of(
    dataset: Dataset, data: bytes, last_modified: str | None, retrieved: dt.date
) -> tuple[dt.date | None, DataDateSource | None]:
    """The date of ``data`` itself and how it is known: the source's ``Last-Modified`` when it
    sent one, else the newest date in the records, else the product's publication date; never
    later than the day it was retrieved. ``(None, None)`` when nothing tells it."""
    found: tuple[dt.date | None, DataDateSource | None] = (None, None)
    header = http_date(last_modified)
    if header is not None:
        found = (header, "last-modified")
    elif dataset.newest_date is not None and (newest := dataset.newest_date(data)) is not None:
        found = (newest, "records")
    elif dataset.published is not None:
        found = (dataset.published, "published")
    day, source = found
    return (min(day, retrieved), source) if day is not None else found


def http_date(value: str | None) -> dt.date | None:
    """The day of an HTTP date (``Mon, 15 Jun 2026 19:27:44 GMT``); ``None`` if unreadable."""
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def validate_district_offices(data: bytes) -> int:
    """District offices: ``id.bioguide`` and a list of ``offices`` per member, with their types."""
    return check_records("district-offices", _json_list(data), member_label)


def validate_social_media(data: bytes) -> int:
    """Social media accounts: ``id.bioguide`` and a ``social`` object of names per member."""
    return check_records("social-media", _json_list(data), member_label)


def _csv_rows(data: bytes, columns: tuple[str, ...], delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a delimited file with a header; each row must have a cell per column."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    header = next(reader, [])
    missing = [c for c in columns if c not in header]
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise ValueError(f"the header lacks {', '.join(missing[:3])}{more}")
    rows = []
    for record in reader:
        if not record:
            continue
        if len(record) != len(header):
            raise ValueError(
                f"line {reader.line_num} has {len(record)} cells where the header has "
                f"{len(header)} (a truncated or damaged file?)"
            )
        rows.append(dict(zip(header, record, strict=True)))
    return rows


_CD_GEOID = re.compile(r"^(\d{2})(\d{2})$")


def _cd_key(geoid: str, number: int) -> str | None:
    """``ST:n`` for a ``GEOID_CD119_20`` (``0612`` -> ``CA:12``; ``00`` at-large and ``98`` a
    delegate -> ``ST:0``); ``None`` for ``ZZ`` or a blank: land in no district."""
    code = geoid.strip()
    if not code or code.endswith("ZZ"):
        return None
    match = _CD_GEOID.match(code)
    state = code_for_fips(match[1]) if match else None
    if match is None or state is None:
        raise ValueError(f"line {number} has an unknown GEOID_CD119_20 {geoid!r}")
    seat = AT_LARGE if match[2] in {"00", "98"} else str(int(match[2]))
    try:
        validate_district(District(state, "cd", seat))
    except UsageError as exc:
        raise ValueError(f"line {number} has GEOID_CD119_20 {geoid!r}: {exc}") from None
    return f"{state}:{seat}"


def zcta_districts(data: bytes) -> ZctaDistricts:
    """ZCTA -> its congressional districts (``ST:n``) with each one's share of the ZCTA's land
    (``AREALAND_PART / AREALAND_ZCTA5_20``), largest share first, from the Census Bureau's
    block-level relationship file (UTF-8 with a BOM, ``|``-separated, CRLF lines).

    A piece with no land (water only) or in no district (``ZZ``) names no district of the ZCTA.
    ``ValueError`` for a wrong header, a row of the wrong width, a bad code or number, or a ZCTA
    whose land pieces do not add up to its land (rows lost or doubled).
    """
    pieces: dict[str, dict[str, int]] = {}
    totals: dict[str, tuple[int, int]] = {}  # ZCTA -> (its land, the land of its pieces)
    rows = _csv_rows(data, ZCTA_CD_COLUMNS, "|")
    check_records("zcta-row", rows, lambda number, _row: f"line {number + 1}")  # codes, numbers
    for number, row in enumerate(rows, start=2):
        zcta = row["GEOID_ZCTA5_20"].strip()
        whole = int(row["AREALAND_ZCTA5_20"].strip() or "0")
        part = int(row["AREALAND_PART"].strip() or "0")
        if part > whole:
            raise ValueError(f"line {number}: AREALAND_PART is larger than AREALAND_ZCTA5_20")
        key = _cd_key(row["GEOID_CD119_20"], number)
        land, seen = totals.get(zcta, (whole, 0))
        if land != whole:
            raise ValueError(f"line {number}: ZCTA {zcta} has another AREALAND_ZCTA5_20 above")
        totals[zcta] = (whole, seen + part)
        if key is not None and part > 0:
            districts = pieces.setdefault(zcta, {})
            districts[key] = districts.get(key, 0) + part
    for zcta, (whole, seen) in totals.items():
        if whole and abs(seen / whole - 1) > ZCTA_LAND_TOLERANCE:
            raise ValueError(
                f"the land pieces of ZCTA {zcta} add up to {seen / whole:.0%} of its land "
                "(rows lost or doubled: a truncated or damaged file?)"
            )
    return {
        zcta: tuple(
            (key, part / totals[zcta][0])
            for key, part in sorted(districts.items(), key=lambda item: _share_order(*item))
        )
        for zcta, districts in sorted(pieces.items())
    }


def _share_order(key: str, part: int) -> tuple[int, str, int]:
    state, seat = key.split(":")
    return -part, state, int(seat)


def validate_zcta_cd(data: bytes) -> int:
    """The ZCTA relationship file (see ``zcta_districts``); the count is of ZCTAs with land in
    a district, so a truncated file that lost most of them is refused by the data store."""
    return len(zcta_districts(data))


def validate_openstates(data: bytes) -> int:
    """Open States people: every row checked against ``schemas.OPENSTATES_ROW`` (an OCD person
    id; text fields), then the count of rows with a name, a current chamber and a district.
    Other rows (members between roles have no current chamber or district) are skipped when
    the file is read, and counted by ``openstates_report``; a file of none is refused."""
    rows = _csv_rows(data, OPENSTATES_COLUMNS)
    check_records("openstates-row", rows, lambda number, _row: f"line {number + 1}")
    usable = sum(1 for row in rows if _current_member(row))
    if rows and not usable:
        raise ValueError("no row has a name, a current chamber and a district")
    return usable


def openstates_report(data: bytes, state: str = "") -> str:
    """What a sync should say beyond the count: ``2 rows skipped (no current chamber or
    district)``, and ``1 row with a district the metadata lacks (99)``: rows of ``state`` that no
    lookup matches, as the openstates-metadata package has no such district; "" when every row
    is usable."""
    rows = _csv_rows(data, OPENSTATES_COLUMNS)
    skipped = sum(1 for row in rows if not _current_member(row))
    unknown = [
        row["current_district"].strip()
        for row in rows
        if _current_member(row) and not _known_district(state, row)
    ]
    parts = []
    if skipped:
        parts.append(f"{counted(skipped, 'row')} skipped (no current chamber or district)")
    if unknown:
        names = ", ".join(sorted(set(unknown))[:3])
        parts.append(f"{counted(len(unknown), 'row')} with a district the metadata lacks ({names})")
    return "; ".join(parts)


def _known_district(state: str, row: dict[str, str]) -> bool:
    kind = chamber_kind(row["current_chamber"])
    body = state_chamber(state, kind) if state and kind else None
    return body is None or body.find(row["current_district"]) is not None


def _current_member(row: dict[str, str]) -> bool:
    kind = chamber_kind(row["current_chamber"])
    return bool(row["name"].strip() and kind and row["current_district"].strip())


NATIONAL: tuple[Dataset, ...] = (
    Dataset(
        "congress-legislators",
        "congress-legislators",
        "legislators-current.json",
        f"{LEGISLATORS_BASE}/legislators-current.json",
        1_500_000,
        validate_legislators,
        newest_date=newest_legislators_date,
        changes=legislators_changes,
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
    Dataset(
        "zcta-cd",
        "zcta-cd",
        "tab20_cd11920_zcta520_natl.txt",
        ZCTA_CD_URL,
        6_200_000,
        validate_zcta_cd,
        published=dt.date(2024, 10, 24),  # the Census Bureau's release of this file
        stale_after_days=None,
        congress=ZCTA_CONGRESS,
    ),
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
        report=functools.partial(openstates_report, state=code),
        changes=openstates_changes,
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


def datasets_for(only: Sequence[str] = (), states: Sequence[str] = ()) -> list[Dataset]:
    """The datasets ``data sync`` works on: the ``only`` names, else the national ones; plus
    the Open States file of each state in ``states``."""
    chosen = [dataset_named(name) for name in only] if only else list(NATIONAL)
    chosen += [openstates_dataset(state) for state in states]
    unique: dict[str, Dataset] = {dataset.name: dataset for dataset in chosen}
    return list(unique.values())
