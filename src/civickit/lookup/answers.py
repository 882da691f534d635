"""What a lookup answers: the result, its ambiguous candidates, and the notes on its gaps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from civickit.core.districts import District
from civickit.core.officials import STATE_OFFICES, OfficeKind, Official, Provenance
from civickit.core.vacancies import vacancy_note

if TYPE_CHECKING:
    from civickit.lookup.adapters.base import Directory, GeocodeResult


@dataclass(frozen=True)
class Candidate:
    """One district a place may lie in, with the officials of that district, and the district's
    share of the place (of a ZIP's land) where the geocoder knows it."""

    district: District
    officials: tuple[Official, ...]
    share: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; ``share`` is a fraction (0.64), ``null`` when unknown."""
        return {
            "district": self.district.label,
            "share": rounded_share(self.share),
            "officials": [o.to_dict() for o in self.officials],
        }


def rounded_share(share: float | None) -> float | None:
    """A share as JSON and CSV carry it: a fraction to four places (0.6384)."""
    return None if share is None else round(share, 4)


def share_phrase(share: float) -> str:
    """``about 64%``, ``under 1%`` or ``over 99%``: a share of a place, as people read it."""
    if share < 0.01:
        return "under 1%"
    if 0.99 < share < 1:
        return "over 99%"
    return f"about {round(share * 100)}%"


@dataclass(frozen=True)
class LookupResult:
    """The answer to one lookup.

    When ``ambiguous`` is false, ``officials`` are the place's officials for the offices asked
    (vacant seats included, with ``vacant=True``). When it is true, ``officials`` holds only those
    common to every candidate (e.g. the state's senators) and ``candidates`` lists each possible
    district with its officials; ``notes`` says how to get an exact answer.
    """

    query: str
    districts: tuple[District, ...]
    officials: tuple[Official, ...]
    ambiguous: bool = False
    candidates: tuple[Candidate, ...] = ()
    notes: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "query": self.query,
            "ambiguous": self.ambiguous,
            "districts": [d.label for d in self.districts],
            "officials": [o.to_dict() for o in self.officials],
            "candidates": [c.to_dict() for c in self.candidates],
            "notes": list(self.notes),
            "provenance": [p.to_dict() for p in self.provenance],
        }


def split_candidates(
    districts: Sequence[District],
) -> tuple[tuple[District, ...], tuple[District, ...]]:
    """The districts an ambiguous place may lie in, and those it surely lies in.

    The candidates are the districts of the first kind (congressional, then state upper, then
    lower) with more than one entry. Kinds with a single district are settled; other ambiguous
    kinds are dropped, as which of them goes with which candidate is unknown.
    """
    counts = {kind: sum(1 for d in districts if d.kind == kind) for kind in ("cd", "sldu", "sldl")}
    split = next((kind for kind, count in counts.items() if count > 1), None)
    if split is None:
        return tuple(districts), ()
    options = tuple(d for d in districts if d.kind == split)
    settled = tuple(d for d in districts if counts.get(d.kind, 0) == 1)
    return options, settled


def coverage_notes(districts: Sequence[District], offices: frozenset[OfficeKind]) -> list[str]:
    notes = []
    kinds = {d.kind for d in districts}
    if offices & STATE_OFFICES and not kinds & {"sldu", "sldl"}:
        notes.append(
            "state legislators need a state legislative district (e.g. CA-SD-2 or CA-AD-2) or "
            "an address; a congressional district or ZIP does not determine them"
        )
    if "us-house" in offices and "cd" not in kinds:
        notes.append(
            "the US House member needs a congressional district (e.g. CA-12), a ZIP or an address"
        )
    return notes


def gap_notes(officials: Sequence[Official], directories: Mapping[str, Directory]) -> list[str]:
    notes = []
    for official in officials:
        source = directories.get(official.provenance.adapter) if official.provenance else None
        if official.vacant:
            notes.append(vacancy_note(official))
        elif official.capitol_office is None and not (source and source.supplements):
            why = f" ({source.capitol_office_gap})" if source and source.capitol_office_gap else ""
            notes.append(
                f"no Washington or Capitol office address is published for {official.name} "
                f"({official.seat_label}){why}; use a district office or the contact details"
            )
    return notes


def official_key(official: Official) -> tuple[str, ...]:
    """What makes two answers the same seat holder (for officials common to candidates)."""
    district = official.district.label if official.district else ""
    return (official.office, official.state, district, official.name)


def labelled(directory: Directory, officials: Sequence[Official]) -> list[Official]:
    """``officials`` as ``directory`` answered them, each naming it in its provenance where the
    adapter left that out, so merged answers of several directories say who answered."""
    return [
        o if o.provenance else replace(o, provenance=Provenance(directory.name)) for o in officials
    ]


def provenance_of(
    officials: Sequence[Official], geocoded: GeocodeResult | None
) -> tuple[Provenance, ...]:
    found = [o.provenance for o in officials if o.provenance is not None]
    if geocoded is not None and geocoded.provenance is not None:
        found.insert(0, geocoded.provenance)
    return tuple(dict.fromkeys(found))
