"""The ``congress-gov`` directory: current Members of Congress from the Congress.gov API v3.

A second federal source next to the congress-legislators dataset. Needs
``CONGRESS_GOV_API_KEY`` (an api.data.gov key), which the API takes as the ``api_key`` query
parameter; it is added to the request only and redacted from every message and log line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any, ClassVar

from civickit.core.addressing import title_for
from civickit.core.districts import AT_LARGE, District
from civickit.core.officials import OfficeKind, Official, Provenance
from civickit.core.states import NON_STATES, state_code
from civickit.core.vacancies import vacant_seat
from civickit.lookup.adapters.base import Directory
from civickit.lookup.adapters.remote import RemoteAdapter

DATASET = "Congress.gov API v3"
SENATE = "Senate"
_SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV", "V"}


class CongressGovDirectory(RemoteAdapter, Directory):
    """US senators and representatives from Congress.gov, by state and district."""

    name: ClassVar[str] = "congress-gov"
    description: ClassVar[str] = (
        "Congress.gov API v3: current US senators and representatives by state and district "
        "(network, CONGRESS_GOV_API_KEY)"
    )
    needs_key: ClassVar[bool] = True
    key_env: ClassVar[str | None] = "CONGRESS_GOV_API_KEY"
    key_help: ClassVar[str] = " (free at https://api.congress.gov/sign-up/)"
    key_param: ClassVar[str | None] = "api_key"
    offices = frozenset({"us-senate", "us-house"})
    service: ClassVar[str] = "Congress.gov"
    default_url: ClassVar[str] = "https://api.congress.gov/v3"
    url_env: ClassVar[str] = "CIVICKIT_CONGRESS_GOV_URL"

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """Representatives of the congressional ``districts`` and senators of their states.

        A seat with nobody in it comes back with ``vacant=True``.
        """
        found: list[Official] = []
        if "us-senate" in offices:
            for state in dict.fromkeys(d.state for d in districts):
                found.extend(self.senators(state))
        if "us-house" in offices:
            for district in dict.fromkeys(d for d in districts if d.kind == "cd"):
                found.extend(self.representatives(district))
        return found

    def senators(self, state: str) -> list[Official]:
        """The two senators of ``state`` (USPS code); missing seats come back vacant. DC and
        the territories have no senators (an empty list, and no request)."""
        if state.upper() in NON_STATES:
            return []
        members = self._members(f"/member/{state.upper()}", state)
        senators = [m for m in members if m.office == "us-senate"][:2]
        vacant = _vacant_seat("us-senate", state.upper(), None)
        return senators + [vacant] * (2 - len(senators))

    def representatives(self, district: District) -> list[Official]:
        """The member for one congressional ``district``, or a vacant seat."""
        number = "0" if district.at_large else district.number
        path = f"/member/{district.state.upper()}/{number}"
        members = [m for m in self._members(path, district.state) if m.office == "us-house"]
        return members or [_vacant_seat("us-house", district.state.upper(), district)]

    def _members(self, path: str, state: str) -> list[Official]:
        params = {"currentMember": "true", "format": "json", "limit": "250"}
        body, stored_at = self._cached_json(path, params, items="members", not_found_ok=True)
        version = dt.datetime.fromtimestamp(stored_at, dt.UTC).date().isoformat()
        return parse_members(body, Provenance(self.name, DATASET, version), state=state)


def parse_members(
    body: Any, provenance: Provenance | None = None, *, state: str | None = None
) -> list[Official]:
    """Officials from a Congress.gov ``/member`` list answer.

    Senators have ``district`` null or missing; at-large seats and delegates have 0. ``state``
    (USPS) is used when the answer's state name is not recognised.
    """
    members = body.get("members") if isinstance(body, Mapping) else None
    found = [
        _member(item, provenance, state) for item in members or [] if isinstance(item, Mapping)
    ]
    return [official for official in found if official is not None]


def _member(
    item: Mapping[str, Any], provenance: Provenance | None, fallback_state: str | None
) -> Official | None:
    chamber = _latest_chamber(item.get("terms"))
    if chamber is None:
        return None
    state = _usps(item.get("state")) or (fallback_state or "").upper()
    name, family = split_inverted_name(str(item.get("name") or ""))
    bioguide = str(item.get("bioguideId") or "").strip()
    common: dict[str, Any] = {
        "name": name,
        "state": state,
        "party": str(item.get("partyName") or "").strip() or None,
        "family_name": family,
        "ids": {"bioguide": bioguide} if bioguide else {},
        "provenance": provenance,
    }
    if chamber == SENATE:
        return Official(
            office="us-senate", title=title_for("us-senate", state), district=None, **common
        )
    district = District(state, "cd", _district_number(item.get("district")))
    return Official(
        office="us-house", title=title_for("us-house", state), district=district, **common
    )


def _latest_chamber(terms: Any) -> str | None:
    items = terms.get("item") if isinstance(terms, Mapping) else terms
    if not isinstance(items, list) or not items:
        return None
    dated = [t for t in items if isinstance(t, Mapping)]
    if not dated:
        return None
    latest = max(dated, key=lambda t: _year(t.get("startYear", t.get("start"))))
    chamber = str(latest.get("chamber") or "")
    return SENATE if chamber == SENATE else "House" if "House" in chamber else None


def _year(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _district_number(value: Any) -> str:
    number = _year(value)
    return str(number) if number > 0 else AT_LARGE


def split_inverted_name(inverted: str) -> tuple[str, str | None]:
    """``"Butler, Laphonza R."`` -> (``"Laphonza R. Butler"``, ``"Butler"``); a trailing
    suffix stays at the end (``"Bishop, Sanford D., Jr."`` -> ``"Sanford D. Bishop Jr."``)."""
    parts = [part.strip() for part in inverted.split(",") if part.strip()]
    if len(parts) < 2:
        text = inverted.strip()
        return text, None
    family, given, *rest = parts
    suffix = " ".join(p for p in rest if p in _SUFFIXES)
    return " ".join(p for p in (given, family, suffix) if p), family


def _usps(name: Any) -> str | None:
    return state_code(name) if isinstance(name, str) else None


def _vacant_seat(office: OfficeKind, state: str, district: District | None) -> Official:
    provenance = Provenance("congress-gov", DATASET, dt.date.today().isoformat())
    return vacant_seat(office, state, district, provenance)
