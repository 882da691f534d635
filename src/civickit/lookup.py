"""Who represents a place: from a district, ZIP, address or point to officials.

``Lookup`` holds the configured adapters and loaded datasets, so one instance answers many
questions (a batch) while loading each dataset once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from civickit.districts import District
from civickit.officials import OfficeKind, Official, Provenance

DEFAULT_OFFICES: frozenset[OfficeKind] = frozenset({"us-house", "us-senate"})


@dataclass(frozen=True)
class Candidate:
    """One district a place may lie in, with the officials of that district."""

    district: District
    officials: tuple[Official, ...]


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
            "candidates": [
                {"district": c.district.label, "officials": [o.to_dict() for o in c.officials]}
                for c in self.candidates
            ],
            "notes": list(self.notes),
        }


class Lookup:
    """Resolve places to officials through the configured adapters."""

    def __init__(self, *, offline: bool | None = None) -> None:
        self.offline = offline

    def resolve(
        self,
        *,
        district: str | None = None,
        zip_code: str | None = None,
        address: str | None = None,
        point: tuple[float, float] | None = None,
        offices: Collection[OfficeKind] = DEFAULT_OFFICES,
    ) -> LookupResult:
        """Officials for exactly one of ``district``, ``zip_code``, ``address`` or ``point``."""
        raise NotImplementedError("representative lookup is being built (issue 3)")
