"""Warnings for answers dated after the data behind them ran out: a member's term that has ended,
and a ZIP table whose Congress is over.

Every House term and a third of Senate terms in congress-legislators end when the next Congress
convenes (2027-01-03 for the 119th); the Census ZCTA file describes the 119th Congress's
districts, and maps redrawn for the 120th take effect that day. A lookup or letter dated on or
after those days (today, ``--as-of`` or ``--date``) gets these warnings on stderr (and in
``lookup --format json`` as ``date_warnings``); nothing is dropped or guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from civickit.core.addressing import ordinal
from civickit.core.officials import Official, Provenance
from civickit.core.terms import congress_end
from civickit.lookup.answers import official_key
from civickit.lookup.datasets import dataset_named

ZIP_TABLE = dataset_named("zcta-cd")
WarningKind = Literal["term-ended", "congress-ended"]


@dataclass(frozen=True)
class DateWarning:
    """One warning: ``seat`` and ``name`` say whose term it is (empty for the ZIP table)."""

    kind: WarningKind
    message: str
    ended: str  # ISO day the term or the Congress ended
    seat: str = ""
    name: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return asdict(self)


def date_warnings(
    officials: Iterable[Official], provenance: Iterable[Provenance], on: dt.date
) -> tuple[DateWarning, ...]:
    """The warnings for an answer dated ``on``: the ZIP table's Congress first (when the answer
    came through it), then each official whose term has ended, once each."""
    found: list[DateWarning] = []
    if any(p.dataset == ZIP_TABLE.name for p in provenance):
        found += _zip_table_warning(on)
    seen: set[tuple[str, ...]] = set()
    for official in officials:
        term = official.term
        key = official_key(official)
        if term is None or term.end is None or not term.ended(on) or key in seen:
            continue
        seen.add(key)
        version = official.provenance.version if official.provenance else None
        data = f"the data (of {version})" if version else "the data"
        who = f"{official.title} {official.name}, {official.seat_label},"
        found.append(
            DateWarning(
                "term-ended",
                f"warning: the term of {who} ended on {term.end} (as of {on}); {data} may not "
                "name who holds the seat now: run: civickit data sync",
                term.end.isoformat(),
                official.seat_label,
                official.name,
            )
        )
    return tuple(found)


def _zip_table_warning(on: dt.date) -> list[DateWarning]:
    congress = ZIP_TABLE.congress
    if congress is None or on < congress_end(congress):
        return []
    end = congress_end(congress)
    return [
        DateWarning(
            "congress-ended",
            f"warning: the ZIP table describes the districts of the {ordinal(congress)} Congress, "
            f"which ended on {end}; districts redrawn for the {ordinal(congress + 1)} Congress "
            "are not in it: use --address (or --district) for the current district",
            end.isoformat(),
        )
    ]
