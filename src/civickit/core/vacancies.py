"""Vacant seats: the one record every directory returns for a seat with no member, and the one
note that reports it (lookups, letters, call scripts and batches)."""

from __future__ import annotations

from civickit.core.addressing import title_for
from civickit.core.districts import District
from civickit.core.offices import OfficeKind
from civickit.core.officials import Official, Provenance


def vacant_seat(
    office: OfficeKind, state: str, district: District | None, provenance: Provenance
) -> Official:
    """The answer for a seat with no current member: an ``Official`` with ``vacant=True``, no
    name, and the title the seat's holder would have."""
    return Official(
        name="",
        office=office,
        title=title_for(office, state),
        state=state.upper(),
        district=district,
        provenance=provenance,
        vacant=True,
    )


def vacancy_note(official: Official, outcome: str = "") -> str:
    """``CA-14 is vacant: no current Representative``, then ``; {outcome}`` when given
    (``no letter written``)."""
    note = f"{official.seat_label} is vacant: no current {official.title or 'member'}"
    return f"{note}; {outcome}" if outcome else note
