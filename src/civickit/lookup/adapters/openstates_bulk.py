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

from civickit.core.addressing import title_for
from civickit.core.districts import District
from civickit.core.officials import Address, OfficeKind, Official, Provenance, gender_from
from civickit.core.state_bodies import chamber_kind, district_key
from civickit.core.vacancies import empty_seats
from civickit.core.zips import split_one_line_address
from civickit.lookup.adapters.base import Directory
from civickit.lookup.datasets import openstates_dataset

if TYPE_CHECKING:
    from civickit.lookup.adapters.openstates_api import OpenStatesDirectory

Record = dict[str, Any]
_KIND_OFFICE: dict[str, OfficeKind] = {"sldu": "state-upper", "sldl": "state-lower"}
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
        """The index of one state: ``seats`` (``sldl:hillsborough-12`` -> records) and the
        count of rows ``skipped``."""
        if state not in self._states:
            dataset = openstates_dataset(state)
            store = self.require_context().datastore
            index = store.load_index(f"{dataset.name}-2", [dataset], build_index)
            record = store.record(dataset)
            index["provenance"] = (dataset.name, record.version if record else None)
            self._states[state] = index
        return self._states[state]

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """The legislators of each state legislative district in ``districts``: every member
        of a district with several seats, and a vacant record for each seat no one holds."""
        found: list[Official] = []
        for district in dict.fromkeys(districts):
            office = _KIND_OFFICE.get(district.kind)
            if office is None or office not in offices:
                continue
            index = self.load(district.state)
            provenance = Provenance(self.name, *index["provenance"])
            key = f"{district.kind}:{district_key(district.number)}"
            members = [_official(r, district, provenance) for r in index["seats"].get(key, [])]
            found += members + empty_seats(office, district, provenance, len(members))
        return found


def _official(record: Record, district: District, provenance: Provenance) -> Official:
    office = _KIND_OFFICE[district.kind]
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
        gender=gender_from(record.get("gender")),
    )


def build_index(paths: Mapping[str, Path]) -> dict[str, Any]:
    """Records grouped by ``kind:district key`` (``sldl:hillsborough-12``, ``sldu:13`` for
    Nebraska's Legislature) from one state's file (the one dataset in ``paths``). A row with no
    name, current chamber or district (a member between roles) is skipped and counted; one
    odd row never costs the rest of the file."""
    seats: dict[str, list[Record]] = {}
    skipped = 0
    (path,) = paths.values()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = chamber_kind(row.get("current_chamber") or "")
            number = (row.get("current_district") or "").strip()
            if kind is None or not number or not (row.get("name") or "").strip():
                skipped += 1
                continue
            seats.setdefault(f"{kind}:{district_key(number)}", []).append(_record(row))
    return {"seats": seats, "skipped": skipped}


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
        "gender": row.get("gender", ""),
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
