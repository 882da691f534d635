"""Elected officials and other targets of a letter, as typed records every adapter returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from civickit.core.districts import District
from civickit.core.offices import FEDERAL_OFFICES, OFFICE_KINDS, STATE_OFFICES, OfficeKind
from civickit.core.terms import Term

__all__ = [
    "FEDERAL_OFFICES",
    "OFFICE_KINDS",
    "STATE_OFFICES",
    "Address",
    "OfficeKind",
    "Official",
    "Provenance",
]


@dataclass(frozen=True)
class Address:
    """A postal address of an office, with its phone numbers where known."""

    label: str  # "Washington Office", "Capitol Office", "District Office"
    lines: tuple[str, ...]  # street lines, e.g. ("331 Hart Senate Office Building",)
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str | None = None
    fax: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def postal_lines(self) -> list[str]:
        """Lines for an envelope or inside address: street lines, then ``City, ST ZIP``."""
        last = " ".join(
            part for part in (f"{self.city}," if self.city else "", self.state, self.zip) if part
        )
        return [*self.lines, last.strip(" ,")] if last.strip(" ,") else list(self.lines)


@dataclass(frozen=True)
class Provenance:
    """Which adapter and dataset an answer came from."""

    adapter: str
    dataset: str | None = None
    version: str | None = None  # dataset version or retrieval date


@dataclass(frozen=True)
class Official:
    """A person (or a vacant seat) a letter can be addressed to."""

    name: str  # full name as published; "" for a vacant seat
    office: OfficeKind
    title: str  # Senator, Representative, Delegate, Resident Commissioner, Assemblymember, ...
    state: str  # USPS code, "" for targets with no state
    district: District | None = None  # None for statewide seats and "other" targets
    party: str | None = None
    family_name: str | None = None  # for salutations; derived from name when missing
    capitol_office: Address | None = None  # Washington office (federal) or state Capitol office
    district_offices: tuple[Address, ...] = ()
    phones: tuple[str, ...] = ()
    contact_form: str | None = None
    email: str | None = None
    website: str | None = None
    social: Mapping[str, str] = field(default_factory=dict)
    ids: Mapping[str, str] = field(default_factory=dict)  # bioguide, openstates, ...
    provenance: Provenance | None = None
    vacant: bool = False
    organisation: str | None = None  # for "other" targets: city council, company
    term: Term | None = None  # the current term's dates, where the source gives them
    senate_class: int | None = None  # 1, 2 or 3 for U.S. senators

    @property
    def last_name(self) -> str:
        """The name used in a salutation ("Dear Senator Padilla"): the family name as the
        published ``name`` writes it, so salutation and inside address name one person.

        The data's family name may be longer than the name the official publishes (Spanish
        double surnames: ``Hernández Rivera`` for ``Pablo José Hernández``); then the words of
        the family name that end the published name are used (``Hernández``). A family name
        the published name does not show at all is used as the data gives it.
        """
        parts = [p for p in self.name.replace(",", " ").split() if p.rstrip(".") not in _SUFFIXES]
        if not self.family_name:
            return parts[-1] if parts else self.name
        family = self.family_name.split()
        for size in range(len(family), 0, -1):
            if parts[-size:] == family[:size] or parts[-size:] == family[-size:]:
                return " ".join(parts[-size:])
        return self.family_name

    @property
    def seat_label(self) -> str:
        """``CA-12``, ``California (Senate)``, ``CA-SD-2``, or the organisation."""
        if self.district is not None:
            return self.district.label
        if self.office == "us-senate":
            return f"{self.state} (Senate)"
        return self.organisation or self.state or self.office

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["district"] = self.district.label if self.district else None
        data["social"] = dict(self.social)
        data["ids"] = dict(self.ids)
        return data


_SUFFIXES = {"Jr", "Sr", "II", "III", "IV", "MD", "PhD"}
