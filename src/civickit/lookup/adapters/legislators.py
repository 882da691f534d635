"""``congress-legislators``: US senators and representatives from the unitedstates project's
current-members, district-offices and social-media files in the data store."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from civickit.core.addressing import title_for
from civickit.core.districts import AT_LARGE, HOUSE_SEATS, District
from civickit.core.officials import Address, OfficeKind, Official, Provenance, gender_from
from civickit.core.states import NON_STATES
from civickit.core.terms import Term
from civickit.lookup.adapters.base import Directory
from civickit.lookup.datasets import dataset_named

Record = dict[str, Any]
MEMBERS, OFFICES, SOCIAL = "congress-legislators", "district-offices", "social-media"
SOCIAL_KEYS = ("twitter", "facebook", "instagram", "youtube", "mastodon")
ID_KEYS = ("bioguide", "govtrack", "opensecrets", "votesmart", "wikidata", "icpsr")
_DC_ADDRESS = re.compile(r"^(?P<street>.*?)\s+Washington,?\s+DC\s+(?P<zip>\d{5}(?:-\d{4})?)\s*$")


class CongressLegislators(Directory):
    """Directory of the current Congress; offline once the files are in the data store."""

    name: ClassVar[str] = "congress-legislators"
    description: ClassVar[str] = (
        "US senators, representatives, delegates and the resident commissioner "
        "(unitedstates/congress-legislators, from the data store)"
    )
    offices: ClassVar[frozenset[OfficeKind]] = frozenset({"us-senate", "us-house"})
    datasets: ClassVar[tuple[str, ...]] = (MEMBERS, OFFICES, SOCIAL)

    def __init__(self) -> None:
        self._index: dict[str, Any] | None = None
        self._provenance: Provenance | None = None

    def load(self) -> dict[str, Any]:
        """The compact index (``house``: ``ST:n`` -> record, ``senate``: ``ST`` -> records)."""
        if self._index is None:
            store = self.require_context().datastore
            needed = [dataset_named(name) for name in self.datasets]
            self._index = store.load_index("congress-legislators-3", needed, build_index)
            record = store.record(dataset_named(MEMBERS))
            self._provenance = Provenance(self.name, MEMBERS, record.version if record else None)
        return self._index

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """Senators of every state among ``districts`` and the member of each congressional one;
        a seat with no member comes back vacant."""
        index = self.load()
        found: list[Official] = []
        if "us-senate" in offices:
            for state in dict.fromkeys(d.state for d in districts):
                found += self._senators(index, state)
        if "us-house" in offices:
            for district in dict.fromkeys(d for d in districts if d.kind == "cd"):
                record = index["house"].get(f"{district.state}:{district.number}")
                found.append(
                    self._official(record)
                    if record
                    else self.vacant_seat("us-house", district.state, district, self._provenance)
                )
        return found

    def _senators(self, index: dict[str, Any], state: str) -> list[Official]:
        if state in NON_STATES:
            return []
        senators = [self._official(record) for record in index["senate"].get(state, [])]
        missing = range(2 - len(senators))
        senators += [self.vacant_seat("us-senate", state, None, self._provenance) for _ in missing]
        return senators

    def _official(self, record: Record) -> Official:
        state = record["state"]
        number = record["district"]
        return Official(
            name=record["name"],
            office=record["office"],
            title=title_for(record["office"], state),
            state=state,
            district=District(state, "cd", number) if number is not None else None,
            party=record["party"],
            family_name=record["family_name"],
            capitol_office=Address(**record["capitol"]) if record["capitol"] else None,
            district_offices=tuple(Address(**office) for office in record["district_offices"]),
            phones=record["phones"],
            contact_form=record["contact_form"],
            website=record["website"],
            social=record["social"],
            ids=record["ids"],
            senate_class=record.get("senate_class"),
            gender=gender_from(record.get("gender")),
            provenance=self._provenance,
            term=Term.from_iso(*record["term"]),
        )


def build_index(paths: Mapping[str, Path]) -> dict[str, Any]:
    """Compact records from the three JSON files, keyed for constant-time seat lookups."""
    members, offices_file, social_file = (
        json.loads(paths[name].read_text(encoding="utf-8")) for name in (MEMBERS, OFFICES, SOCIAL)
    )
    offices = {item["id"]["bioguide"]: item.get("offices", []) for item in offices_file}
    social = {item["id"]["bioguide"]: item.get("social", {}) for item in social_file}
    house: dict[str, Record] = {}
    senate: dict[str, list[Record]] = {}
    # Senior senators first, as a state's delegation is usually listed.
    ranked = sorted(members, key=lambda m: m["terms"][-1].get("state_rank") != "senior")
    for member in ranked:
        record = _record(member, offices, social)
        if record["office"] == "us-senate":
            senate.setdefault(record["state"], []).append(record)
        else:
            house[f"{record['state']}:{record['district']}"] = record
    return {"house": house, "senate": senate}


def _record(
    member: dict[str, Any], offices: dict[str, list[Any]], social: dict[str, dict[str, Any]]
) -> Record:
    term = member["terms"][-1]
    ids = {key: str(member["id"][key]) for key in ID_KEYS if member["id"].get(key)}
    name = member["name"]
    state = term["state"]
    office: OfficeKind = "us-senate" if term["type"] == "sen" else "us-house"
    number = None
    if office == "us-house":
        seat = int(term.get("district") or 0)
        number = AT_LARGE if HOUSE_SEATS.get(state) == 1 else str(seat)
    capitol = _washington_office(term)
    local = [_district_office(item) for item in offices.get(ids["bioguide"], [])]
    phones = [p for p in [term.get("phone"), *(o["phone"] for o in local)] if p]
    accounts = social.get(ids["bioguide"], {})
    return {
        "name": name.get("official_full") or f"{name['first']} {name['last']}",
        "family_name": name["last"],
        "office": office,
        "state": state,
        "district": number,
        "party": term.get("party"),
        "capitol": capitol,
        "district_offices": tuple(local),
        "phones": tuple(dict.fromkeys(phones)),
        "contact_form": term.get("contact_form"),
        "website": term.get("url"),
        "social": {key: str(accounts[key]) for key in SOCIAL_KEYS if accounts.get(key)},
        "ids": ids,
        "term": (term.get("start"), term.get("end")),
        "senate_class": term.get("class") if office == "us-senate" else None,
        "gender": (member.get("bio") or {}).get("gender"),
    }


def _washington_office(term: dict[str, Any]) -> dict[str, Any] | None:
    address = term.get("address") or ""
    match = _DC_ADDRESS.match(address)
    street = term.get("office") or (match["street"] if match else address)
    if not street:
        return None
    return {
        "label": "Washington Office",
        "lines": (street,),
        "city": "Washington",
        "state": "DC",
        "zip": match["zip"] if match else "",
        "phone": term.get("phone"),
        "fax": term.get("fax"),
    }


def _district_office(item: dict[str, Any]) -> dict[str, Any]:
    suite = str(item.get("suite") or "")
    if suite and suite[0].isdigit():
        suite = f"Suite {suite}"
    street = ", ".join(part for part in (item.get("address"), suite) if part)
    lines = tuple(part for part in (item.get("building"), street) if part)
    return {
        "label": "District Office",
        "lines": lines,
        "city": item.get("city") or "",
        "state": item.get("state") or "",
        "zip": str(item.get("zip") or ""),
        "phone": item.get("phone"),
        "fax": item.get("fax"),
        "latitude": item.get("latitude"),
        "longitude": item.get("longitude"),
    }
