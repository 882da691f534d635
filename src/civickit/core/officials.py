"""Elected officials and other targets of a letter, as typed records every adapter returns.

Each record owns its JSON shape (``to_dict``), the one every command's JSON uses (docs/json.md):
an official, an office (``Address``) with its phones, a phone, a provenance.
"""

from __future__ import annotations

import re
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
    "Phone",
    "Provenance",
    "gender_from",
]


@dataclass(frozen=True)
class Phone:
    """A phone number and the office it rings (``Washington Office``, ``District Office
    (Fresno)``; ``Office`` when the data does not say)."""

    label: str
    number: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"label": ..., "number": ...}``."""
        return {"label": self.label, "number": self.number}


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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of an office: its address, and its phone as a list of phones."""
        phones = [Phone(self.label, self.phone).to_dict()] if self.phone else []
        return {
            "label": self.label,
            "lines": list(self.lines),
            "city": self.city,
            "state": self.state,
            "zip": self.zip,
            "phones": phones,
            "fax": self.fax,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


@dataclass(frozen=True)
class Provenance:
    """Which adapter and dataset an answer came from."""

    adapter: str
    dataset: str | None = None
    version: str | None = None  # dataset version or retrieval date

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: which adapter answered, from which dataset and version."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> Provenance:
        """A provenance read back from its JSON, or from its ``label`` (older manifests)."""
        if isinstance(data, str):
            adapter, _, rest = data.partition(":")
            dataset, _, version = rest.rpartition("@") if "@" in rest else (rest, "", "")
            unknown = {"", "-"}
            return cls(
                adapter,
                None if dataset in unknown else dataset,
                None if version in unknown else version,
            )
        named, dated = data.get("dataset"), data.get("version")
        return cls(
            str(data["adapter"]),
            None if named is None else str(named),
            None if dated is None else str(dated),
        )

    @property
    def label(self) -> str:
        """``congress-legislators:congress-legislators@2026-11-26`` (``-`` for what is unknown),
        as ``manifest.csv`` shows it."""
        return f"{self.adapter}:{self.dataset or '-'}@{self.version or '-'}"

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.adapter, self.dataset or "", self.version or "")


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
    gender: str | None = None  # "male" or "female" where the data says so (gender_from)

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

    def all_phones(self) -> tuple[Phone, ...]:
        """Every phone number of the official's offices, each once, the Washington or Capitol
        office first, then the district offices, then numbers the data gives without an office."""
        found: list[Phone] = []
        seen: set[str] = set()

        def add(label: str, number: str | None) -> None:
            digits = re.sub(r"\D", "", number or "")
            if digits and digits not in seen:
                seen.add(digits)
                found.append(Phone(label, (number or "").strip()))

        if self.capitol_office is not None:
            add(self.capitol_office.label, self.capitol_office.phone)
        for office in self.district_offices:
            add(f"{office.label} ({office.city})" if office.city else office.label, office.phone)
        for number in self.phones:
            add("Office", number)
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape of an official (``lookup``, ``callscript``, ``letter``, ``targets
        check`` and the manifest's candidates): ``office`` is the office kind, ``district`` the
        district's label, ``phones`` every phone of :meth:`all_phones`."""
        return {
            "name": self.name,
            "office": self.office,
            "title": self.title,
            "state": self.state,
            "district": self.district.label if self.district else None,
            "seat": self.seat_label,
            "party": self.party,
            "family_name": self.family_name,
            "vacant": self.vacant,
            "organisation": self.organisation,
            "phones": [phone.to_dict() for phone in self.all_phones()],
            "capitol_office": self.capitol_office.to_dict() if self.capitol_office else None,
            "district_offices": [office.to_dict() for office in self.district_offices],
            "contact_form": self.contact_form,
            "email": self.email,
            "website": self.website,
            "social": dict(self.social),
            "ids": dict(self.ids),
            "provenance": self.provenance.to_dict() if self.provenance else None,
            "term": _term_dict(self.term),
            "senate_class": self.senate_class,
            "gender": self.gender,
        }


_GENDERS = {"m": "male", "male": "male", "f": "female", "female": "female"}


def gender_from(text: str | None) -> str | None:
    """``male`` or ``female`` from a dataset's gender field (congress-legislators' ``M``/``F``,
    Open States' ``Male``/``Female``, any case); ``None`` for anything else (empty, ``X``), so
    that a gendered form of address is used only where the data gives it."""
    return _GENDERS.get((text or "").strip().lower())


def _term_dict(term: Term | None) -> dict[str, str | None] | None:
    if term is None:
        return None
    return {
        "start": term.start.isoformat() if term.start else None,
        "end": term.end.isoformat() if term.end else None,
    }


_SUFFIXES = {"Jr", "Sr", "II", "III", "IV", "MD", "PhD"}
