"""From what a writer gives (a district, a ZIP or an address) to the officials a letter goes to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from civickit.core.offices import DEFAULT_OFFICES, OfficeKind, office_rank
from civickit.core.officials import Official
from civickit.core.vacancies import vacancy_note
from civickit.errors import UsageError

if TYPE_CHECKING:
    from civickit.lookup.facade import Lookup, LookupResult
    from civickit.settings import Settings


class AmbiguousPlaceError(UsageError):
    """The place given lies in more than one district; civickit never guesses which."""


@dataclass(frozen=True)
class Recipients:
    """The officials found for a place, in a stable order, with notes for the writer."""

    query: str
    officials: tuple[Official, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where the writer lives (exactly one of district, ZIP or address) and whom to write to.

    ``targets`` is a file of the writer's own targets (a city council, company executives),
    written to as well; with it, no place is needed. ``sources`` names directories to ask
    first (e.g. ``congress-gov``).
    """

    district: str | None = None
    zip_code: str | None = None
    address: str | None = None
    offices: frozenset[OfficeKind] = DEFAULT_OFFICES
    targets: str | Path | None = None
    sources: tuple[str, ...] = ()


def find_recipients(
    place: Place,
    lookup: Lookup | None = None,
    *,
    offline: bool | None = None,
    notify: Callable[[str], None] | None = None,
    settings: Settings | None = None,
    stdin: IO[str] | None = None,
) -> Recipients:
    """Resolve ``place`` to its officials for ``place.offices`` (plus its ``targets``).

    Without ``lookup``, one is made with ``settings``, ``offline``, ``notify`` and the place's
    sources and targets (``-`` reads ``stdin``). An ambiguous place (a ZIP spanning districts)
    raises ``AmbiguousPlaceError`` naming the candidate districts; civickit never picks one.
    """
    district, zip_code, address = place.district, place.zip_code, place.address
    given = {"--district": district, "--zip": zip_code, "--address": address}
    chosen = [name for name, value in given.items() if value]
    if len(chosen) > 1 or (not chosen and place.targets is None):
        raise UsageError("give exactly one of --district, --zip or --address (or --targets FILE)")
    if lookup is None:
        from civickit.lookup.facade import Lookup

        lookup = Lookup(
            offline=offline,
            notify=notify,
            sources=place.sources,
            targets=place.targets,
            settings=settings,
            stdin=stdin,
        )
    result = lookup.resolve(
        district=district, zip_code=zip_code, address=address, offices=place.offices
    )
    if result.ambiguous:
        raise AmbiguousPlaceError(_ambiguity_message(chosen[0], given[chosen[0]] or "", result))
    officials = sorted(result.officials, key=lambda o: (office_rank(o.office), o.name))
    # Letters and scripts report each vacant seat themselves ("no letter written").
    vacancies = {vacancy_note(o) for o in officials if o.vacant}
    notes = tuple(note for note in result.notes if note not in vacancies)
    return Recipients(result.query, tuple(officials), notes)


def _ambiguity_message(option: str, value: str, result: LookupResult) -> str:
    labels = [candidate.district.label for candidate in result.candidates] or [
        d.label for d in result.districts
    ]
    listed = ", ".join(labels)
    example = labels[0] if labels else "ST-N"
    other = "a fuller street" if option == "--address" else "--address with your street"
    return (
        f"{option} {value} lies in more than one district ({listed}); "
        f"give --district {example} (or another of them) or {other} address"
    )
