"""The ``openstates`` directory: Open States API v3, state legislators (and members of Congress)
for a point through ``/people.geo``, or for a district through ``/people``.

Needs ``OPENSTATES_API_KEY``, sent in the ``X-API-KEY`` header (never in the URL).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from civickit.core.addressing import title_for
from civickit.core.chambers import is_unicameral
from civickit.core.districts import AT_LARGE, District, DistrictKind
from civickit.core.officials import (
    OFFICE_KINDS,
    Address,
    OfficeKind,
    Official,
    Provenance,
    gender_from,
)
from civickit.core.vacancies import empty_seats
from civickit.core.zips import split_one_line_address
from civickit.lookup.adapters.base import Directory
from civickit.lookup.adapters.remote import RemoteAdapter

DATASET = "Open States API v3"
MAX_PAGES = 5  # people.geo rarely has more than 10 people; /people for one seat has 1-3
_STATE_IN_DIVISION = re.compile(r"/state:([a-z]{2})(?:/|$)")
_CD_IN_DIVISION = re.compile(r"/cd:(\d+)$")
_CHAMBERS: dict[tuple[bool, str], OfficeKind] = {
    (True, "upper"): "us-senate",
    (True, "lower"): "us-house",
    (False, "upper"): "state-upper",
    (False, "legislature"): "state-upper",  # Nebraska's unicameral legislature: senators
    (False, "lower"): "state-lower",
}


class OpenStatesDirectory(RemoteAdapter, Directory):
    """State legislators from Open States API v3, by point or by district."""

    name: ClassVar[str] = "openstates"
    description: ClassVar[str] = (
        "Open States API v3: state legislators (and Congress) for a point or a state district "
        "(network, OPENSTATES_API_KEY)"
    )
    needs_key: ClassVar[bool] = True
    key_env: ClassVar[str | None] = "OPENSTATES_API_KEY"
    key_help: ClassVar[str] = " (free at https://open.pluralpolicy.com/accounts/profile/)"
    offices = frozenset({"state-upper", "state-lower"})
    service: ClassVar[str] = "Open States"
    default_url: ClassVar[str] = "https://v3.openstates.org"
    url_env: ClassVar[str] = "CIVICKIT_OPENSTATES_URL"
    key_header: ClassVar[str | None] = "X-API-KEY"

    def officials_at(
        self, point: tuple[float, float], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """Everyone whose district contains ``point`` (latitude, longitude), limited to
        ``offices``; federal members are included when their offices are asked for."""
        latitude, longitude = point
        params = {"lat": f"{latitude:.6f}", "lng": f"{longitude:.6f}"}
        return self._people("/people.geo", params, offices)

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """State legislators of the state ``districts`` (``sldu``/``sldl``) given."""
        wanted: dict[str, OfficeKind] = {"sldu": "state-upper", "sldl": "state-lower"}
        found: list[Official] = []
        for district in districts:
            office = wanted.get(district.kind)
            if office is None or office not in offices:
                continue
            params = {
                "jurisdiction": f"ocd-jurisdiction/country:us/state:{district.state.lower()}"
                "/government",
                "org_classification": _classification(district),
                "district": district.number,
            }
            people = self._people("/people", params, offices)
            found += people + empty_seats(office, district, _provenance_today(), len(people))
        return found

    def _people(
        self, path: str, params: Mapping[str, str], offices: Collection[OfficeKind]
    ) -> list[Official]:
        people: list[Official] = []
        for body, stored_at in self._pages(path, params):
            version = dt.datetime.fromtimestamp(stored_at, dt.UTC).date().isoformat()
            provenance = Provenance(self.name, DATASET, version)
            people.extend(parse_people(body, provenance))
        chosen = [person for person in people if person.office in offices]
        return sorted(chosen, key=lambda o: (OFFICE_KINDS.index(o.office), o.name))

    def _pages(self, path: str, params: Mapping[str, str]) -> Iterator[tuple[Any, float]]:
        page = 1
        while True:
            query: dict[str, str | list[str]] = {
                **params,
                "include": ["offices", "links"],
                "page": str(page),
            }
            body, stored_at = self._cached_json(path, query, items="results")
            yield body, stored_at
            pagination = body.get("pagination") if isinstance(body, Mapping) else None
            max_page = pagination.get("max_page", 1) if isinstance(pagination, Mapping) else 1
            if not isinstance(max_page, int) or page >= min(max_page, MAX_PAGES):
                return
            page += 1


def parse_people(body: Any, provenance: Provenance | None = None) -> list[Official]:
    """Officials from an API v3 ``/people`` or ``/people.geo`` answer; unknown roles skipped."""
    results = body.get("results") if isinstance(body, Mapping) else None
    people = [_person(item, provenance) for item in results or [] if isinstance(item, Mapping)]
    return [person for person in people if person is not None]


def _person(item: Mapping[str, Any], provenance: Provenance | None) -> Official | None:
    role = item.get("current_role")
    jurisdiction = item.get("jurisdiction")
    if not isinstance(role, Mapping) or not isinstance(jurisdiction, Mapping):
        return None
    federal = jurisdiction.get("classification") == "country"
    office = _CHAMBERS.get((federal, str(role.get("org_classification") or "")))
    division = str(role.get("division_id") or "")
    state_match = _STATE_IN_DIVISION.search(division)
    if office is None or state_match is None:
        return None
    state = state_match.group(1).upper()
    capitol, district_offices, phones = _offices(item.get("offices"))
    website, contact_form = _links(item.get("links"))
    email = str(item.get("email") or "").strip() or None
    if email and email.startswith(("http://", "https://")):
        contact_form, email = contact_form or email, None  # US members publish a form URL here
    return Official(
        name=str(item.get("name") or "").strip(),
        office=office,
        title=title_for(office, state),
        state=state,
        district=_district(office, state, division, str(role.get("district") or "")),
        party=str(item.get("party") or "").strip() or None,
        family_name=str(item.get("family_name") or "").strip() or None,
        capitol_office=capitol,
        district_offices=district_offices,
        phones=phones,
        contact_form=contact_form,
        email=email,
        website=website,
        ids={"openstates": str(item["id"])} if item.get("id") else {},
        provenance=provenance,
        gender=gender_from(str(item.get("gender") or "")),
    )


def _district(office: OfficeKind, state: str, division: str, label: str) -> District | None:
    if office == "us-senate":
        return None
    if office == "us-house":
        cd = _CD_IN_DIVISION.search(division)
        return District(state, "cd", str(int(cd.group(1))) if cd else AT_LARGE)
    kind: DistrictKind = "sldu" if office == "state-upper" else "sldl"
    number = label.strip()
    return District(state, kind, str(int(number)) if number.isdigit() else number)


def _offices(raw: Any) -> tuple[Address | None, tuple[Address, ...], tuple[str, ...]]:
    capitol: Address | None = None
    others: list[Address] = []
    phones: list[str] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, Mapping):
            continue
        address = parse_office(entry)
        if address.phone:
            phones.append(address.phone)
        if entry.get("classification") == "capitol" and capitol is None:
            capitol = address
        elif address.lines:
            others.append(address)
    return capitol, tuple(others), tuple(dict.fromkeys(phones))


def parse_office(entry: Mapping[str, Any]) -> Address:
    """An ``Address`` from an Open States office (one-line address, voice, fax)."""
    label = str(entry.get("name") or "").strip() or "Office"
    text = " ".join(str(entry.get("address") or "").split())
    phone = str(entry.get("voice") or "").strip() or None
    fax = str(entry.get("fax") or "").strip() or None
    parts = split_one_line_address(text)
    if parts is None:
        return Address(label, (text,) if text else (), phone=phone, fax=fax)
    lines = tuple(part.strip() for part in parts.street.split(",") if part.strip())
    return Address(
        label,
        lines,
        city=parts.city,
        state=parts.state,
        zip=parts.zip,
        phone=phone,
        fax=fax,
    )


def _links(raw: Any) -> tuple[str | None, str | None]:
    website: str | None = None
    contact_form: str | None = None
    first: str | None = None
    for link in raw if isinstance(raw, list) else []:
        if not isinstance(link, Mapping) or not link.get("url"):
            continue
        url, note = str(link["url"]), str(link.get("note") or "").lower()
        first = first or url
        if note == "website" and website is None:
            website = url
        elif note == "contact form" and contact_form is None:
            contact_form = url
    return website or first, contact_form


def _classification(district: District) -> str:
    """The Open States chamber of a state district: ``upper``, ``lower``, or ``legislature``
    for Nebraska's one chamber."""
    if district.kind == "sldl":
        return "lower"
    return "legislature" if is_unicameral(district.state) else "upper"


def _provenance_today() -> Provenance:
    return Provenance("openstates", DATASET, dt.date.today().isoformat())
