"""The one table of chambers: each chamber's full name, short name, district code and the title
of its members, for Congress and every state legislature.

``civickit.core.addressing`` reads it for titles, salutations and inside addresses (letters and
lookups alike) and ``civickit.core.districts`` for district labels (``CA-AD-2``). The lower
house is the Assembly in CA, NJ, NV, NY and WI, the House of Delegates in MD, VA and WV and the
House of Representatives elsewhere; Nebraska has one chamber, the Legislature, whose members are
senators (filed as the upper chamber).
"""

from __future__ import annotations

from dataclasses import dataclass

from civickit.core.offices import OfficeKind
from civickit.core.states import NON_STATES, state_name


@dataclass(frozen=True)
class Chamber:
    """A legislative chamber as letters and lookups name it."""

    name: str  # "New Jersey General Assembly", "United States Senate"
    short: str  # "Assembly", "House of Delegates", "Senate", "U.S. House"
    district_word: str  # in "Assembly District 4", "Legislative District 5"
    code: str  # in district labels: CA-AD-2, TX-HD-5, CA-SD-2
    title: str  # of a member: Senator, Assemblymember, Delegate, Representative


_ASSEMBLIES: dict[str, str] = {
    "CA": "California State Assembly",
    "NJ": "New Jersey General Assembly",
    "NV": "Nevada Assembly",
    "NY": "New York State Assembly",
    "WI": "Wisconsin State Assembly",
}
HOUSE_OF_DELEGATES_STATES = frozenset({"MD", "VA", "WV"})
ASSEMBLY_STATES = frozenset(_ASSEMBLIES)
UNICAMERAL_STATES = frozenset({"NE"})
_US_SENATE = Chamber("United States Senate", "U.S. Senate", "", "", "Senator")


def chamber(office: OfficeKind, state: str) -> Chamber | None:
    """The chamber of ``office`` in ``state`` (USPS code); ``None`` for ``other`` targets."""
    state = state.upper()
    if office == "us-senate":
        return _US_SENATE
    if office == "us-house":
        title = "Representative"
        if state in NON_STATES:
            title = "Resident Commissioner" if state == "PR" else "Delegate"
        return Chamber("United States House of Representatives", "U.S. House", "", "", title)
    name = state_name(state)
    if office == "state-upper":
        if state in UNICAMERAL_STATES:
            return Chamber(f"{name} Legislature", "Legislature", "Legislative", "SD", "Senator")
        return Chamber(f"{name} State Senate", "Senate", "Senate", "SD", "Senator")
    if office == "state-lower":
        if state in ASSEMBLY_STATES:
            return Chamber(_ASSEMBLIES[state], "Assembly", "Assembly", "AD", "Assemblymember")
        if state in HOUSE_OF_DELEGATES_STATES:
            house = "House of Delegates"
            return Chamber(f"{name} {house}", house, house, "HD", "Delegate")
        house = "House of Representatives"
        return Chamber(f"{name} {house}", "House", "House", "HD", "Representative")
    return None
