"""Vacant seats: the one record every directory returns for a seat with no member, and the one
note that reports it (lookups, letters, call scripts and batches).

In a district with several seats (New Hampshire's ``Hillsborough 12`` has 2), each empty seat
is one vacant record, and its ``ids`` carry the district's ``seats`` and how many are
``filled``, so the note says "2 seats, 1 filled" wherever it is written.
"""

from __future__ import annotations

from civickit.core.addressing import title_for
from civickit.core.districts import District
from civickit.core.offices import OfficeKind
from civickit.core.officials import Official, Provenance
from civickit.core.plurals import counted
from civickit.core.state_bodies import StateKind, find_district, has_metadata


def vacant_seat(
    office: OfficeKind,
    state: str,
    district: District | None,
    provenance: Provenance,
    *,
    seats: int = 1,
    filled: int = 0,
) -> Official:
    """The answer for a seat with no current member: an ``Official`` with ``vacant=True``, no
    name, and the title the seat's holder would have; ``seats`` and ``filled`` count the seats
    of a district that has more than one."""
    return Official(
        name="",
        office=office,
        title=title_for(office, state),
        state=state.upper(),
        district=district,
        ids={"seats": str(seats), "filled": str(filled)} if seats > 1 else {},
        provenance=provenance,
        vacant=True,
    )


def seat_count(district: District) -> int:
    """How many members ``district`` elects: from the Open States metadata for a state district
    (``NH-HD-Belknap 6``: 4), else 1. A ``UsageError`` names the closest districts when the
    state has no such district."""
    if district.kind == "cd" or not has_metadata(district.state):
        return 1
    kind: StateKind = "sldu" if district.kind == "sldu" else "sldl"
    return find_district(district.state, kind, district.number, district.label).seats


def empty_seats(
    office: OfficeKind, district: District, provenance: Provenance, members: int
) -> list[Official]:
    """One vacant record for each seat of ``district`` that its ``members`` leave empty."""
    seats = seat_count(district)
    return [
        vacant_seat(office, district.state, district, provenance, seats=seats, filled=members)
        for _ in range(seats - members)
    ]


def vacancy_note(official: Official, outcome: str = "") -> str:
    """``CA-14 is vacant: no current Representative``, or for a district with several seats
    ``NH-HD-Hillsborough 12 has 2 seats, 1 filled: no current Representative for the other``;
    then ``; {outcome}`` when given (``no letter written``)."""
    seats, filled = official.ids.get("seats", ""), official.ids.get("filled", "")
    title = official.title or "member"
    if seats.isdigit() and filled.isdigit() and int(seats) > 1:
        empty = int(seats) - int(filled)
        rest = "the other" if empty == 1 else f"the other {empty}"
        if not int(filled):
            rest = "any of them"
        note = (
            f"{official.seat_label} has {counted(int(seats), 'seat')}, {filled} filled: "
            f"no current {title} for {rest}"
        )
    else:
        note = f"{official.seat_label} is vacant: no current {title}"
    return f"{note}; {outcome}" if outcome else note
