"""``openstates``: state legislators by district from the Open States per-state bulk CSV, and
by point through Open States API v3 ``/people.geo`` when ``OPENSTATES_API_KEY`` is set.

The user sees one ``openstates`` adapter: district lookups read the bulk CSV (no key); point
lookups are delegated to ``OpenStatesDirectory`` (``openstates_api.py``), created on first use.

The published CSVs leave ``capitol_address``, ``capitol_voice`` and ``capitol_fax`` empty (a known
upstream bug, openstates/issues#1392), and keep only the last district office; empty columns are
read as "not published", never as an empty address.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from civickit.core.addressing import chamber_short, title_for
from civickit.core.districts import District
from civickit.core.officials import Address, OfficeKind, Official, Provenance
from civickit.core.states import state_name
from civickit.core.zips import split_one_line_address
from civickit.errors import UsageError
from civickit.lookup.adapters.base import Directory
from civickit.lookup.datasets import openstates_dataset

if TYPE_CHECKING:
    from civickit.lookup.adapters.openstates_api import OpenStatesDirectory

Record = dict[str, Any]
_CHAMBER_OFFICE: dict[str, OfficeKind] = {
    "upper": "state-upper",
    "lower": "state-lower",
}
_KIND_CHAMBER = {"sldu": "upper", "sldl": "lower"}
SOCIAL_COLUMNS = ("twitter", "youtube", "instagram", "facebook")


class OpenStatesBulk(Directory):
    """State senators and representatives: by district from ``openstates/<state>.csv`` (no
    key needed), by point through API v3 ``/people.geo`` when ``OPENSTATES_API_KEY`` is set."""

    name: ClassVar[str] = "openstates"
    # Its datasets are per state (openstates-<st>), fetched on first use of each state.
    capitol_office_gap: ClassVar[str] = (
        "the Open States bulk CSV leaves Capitol offices empty, openstates/issues#1392"
    )
    description: ClassVar[str] = (
        "state legislators by district from the Open States bulk CSV of each state "
        "(no key; downloaded per state on demand), and by point through API v3 /people.geo "
        "when OPENSTATES_API_KEY is set (network)"
    )
    offices: ClassVar[frozenset[OfficeKind]] = frozenset({"state-upper", "state-lower"})
    key_env: ClassVar[str | None] = "OPENSTATES_API_KEY"  # optional: only point lookups need it

    def __init__(self) -> None:
        self._states: dict[str, dict[str, Any]] = {}
        self._api: OpenStatesDirectory | None = None

    def api(self) -> OpenStatesDirectory:
        """The API v3 half, sharing this adapter's context (offline switch, notices)."""
        if self._api is None:
            from civickit.lookup.adapters.openstates_api import OpenStatesDirectory

            self._api = OpenStatesDirectory()
            self._api.bind(self.require_context())
        return self._api

    def answers_points(self) -> bool:
        """True when ``OPENSTATES_API_KEY`` is set (the API half needs the network)."""
        return self.secret() is not None

    def officials_at(
        self, point: tuple[float, float], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """State legislators whose districts contain ``point``, from ``/people.geo``."""
        return self.api().officials_at(point, offices)

    def load(self, state: str) -> dict[str, Any]:
        """The index of one state: ``seats`` (``upper:2`` -> records) and the highest numbers."""
        if state not in self._states:
            dataset = openstates_dataset(state)
            store = self.require_context().datastore
            index = store.load_index(dataset.name, [dataset], build_index)
            record = store.record(dataset)
            index["provenance"] = (dataset.name, record.version if record else None)
            self._states[state] = index
        return self._states[state]

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """The legislators of each state legislative district in ``districts``."""
        found: list[Official] = []
        for district in dict.fromkeys(districts):
            chamber = _KIND_CHAMBER.get(district.kind)
            if chamber is None or _CHAMBER_OFFICE[chamber] not in offices:
                continue
            index = self.load(district.state)
            provenance = Provenance(self.name, *index["provenance"])
            records = index["seats"].get(f"{chamber}:{district.number}", [])
            if records:
                found += [_official(r, district, provenance) for r in records]
            else:
                _check_seat_exists(district, chamber, index)
                found.append(
                    self.vacant_seat(_CHAMBER_OFFICE[chamber], district.state, district, provenance)
                )
        return found


def _check_seat_exists(district: District, chamber: str, index: dict[str, Any]) -> None:
    """A seat missing from the data is vacant only if its number is in the chamber's range."""
    highest = index["highest"].get(chamber, 0)
    if not district.number.isdigit() or not 1 <= int(district.number) <= highest:
        body = chamber_short(_CHAMBER_OFFICE[chamber], district.state)
        raise UsageError(
            f"{state_name(district.state)} has no {body} district {district.number} in the "
            f"Open States data (1-{highest}); check the number, e.g. "
            f"{District(district.state, district.kind, '1').label}"
        )


def _official(record: Record, district: District, provenance: Provenance) -> Official:
    office = _CHAMBER_OFFICE["upper" if district.kind == "sldu" else "lower"]
    return Official(
        name=record["name"],
        office=office,
        title=title_for(office, district.state),
        state=district.state,
        district=district,
        party=record["party"] or None,
        family_name=record["family_name"] or None,
        capitol_office=Address(**record["capitol"]) if record["capitol"] else None,
        district_offices=(Address(**record["local"]),) if record["local"] else (),
        phones=record["phones"],
        email=record["email"] or None,
        website=record["website"],
        social=record["social"],
        ids=record["ids"],
        provenance=provenance,
    )


def build_index(paths: Mapping[str, Path]) -> dict[str, Any]:
    """Records grouped by ``chamber:district`` from one state's file (the one dataset in
    ``paths``), and the highest numbered district per chamber."""
    seats: dict[str, list[Record]] = {}
    highest: dict[str, int] = {}
    (path,) = paths.values()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            # Nebraska's single chamber ("legislature") is looked up as its upper house.
            chamber = "upper" if row["current_chamber"] == "legislature" else row["current_chamber"]
            number = row["current_district"].strip()
            number = str(int(number)) if number.isdigit() else number.lower()
            if number.isdigit():
                highest[chamber] = max(highest.get(chamber, 0), int(number))
            seats.setdefault(f"{chamber}:{number}", []).append(_record(row))
    return {"seats": seats, "highest": highest}


def _record(row: dict[str, str]) -> Record:
    capitol = _address("Capitol Office", row, "capitol")
    local = _address("District Office", row, "district")
    phones = [row.get("capitol_voice") or "", row.get("district_voice") or ""]
    links = [link for link in (row.get("links") or "").split(";") if link]
    ids = {"openstates": row["id"]}
    if row.get("wikidata"):
        ids["wikidata"] = row["wikidata"]
    return {
        "name": row["name"],
        "family_name": row.get("family_name", ""),
        "party": row.get("current_party", ""),
        "email": row.get("email", ""),
        "capitol": capitol,
        "local": local,
        "phones": tuple(dict.fromkeys(phone for phone in phones if phone)),
        "website": links[0] if links else None,
        "social": {key: row[key] for key in SOCIAL_COLUMNS if row.get(key)},
        "ids": ids,
    }


def _address(label: str, row: dict[str, str], prefix: str) -> dict[str, Any] | None:
    """An office from ``<prefix>_address/_voice/_fax``; ``None`` when the address is empty."""
    text = (row.get(f"{prefix}_address") or "").strip()
    if not text:
        return None
    found = split_one_line_address(text)
    parts: dict[str, Any] = (
        {"lines": (found.street,), "city": found.city, "state": found.state, "zip": found.zip}
        if found
        else {"lines": (text,)}
    )
    return {
        "label": label,
        **parts,
        "phone": row.get(f"{prefix}_voice") or None,
        "fax": row.get(f"{prefix}_fax") or None,
    }
