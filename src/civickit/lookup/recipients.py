"""From what a writer gives (a district, a ZIP or an address) to the officials a letter goes to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from civickit.core.offices import DEFAULT_OFFICES, OfficeKind, office_rank
from civickit.core.officials import Official, Provenance
from civickit.core.vacancies import vacancy_note
from civickit.errors import CivickitError, UsageError
from civickit.lookup.locate import PRECISION, Location, locate

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
    provenance: tuple[Provenance, ...] = ()  # the datasets the answer came from


@dataclass(frozen=True)
class Place:
    """Where the writer lives (a district, a ZIP, an address, or several) and whom to write to.

    With several, ``civickit.lookup.locate`` decides: the most precise that works, the others
    cross-checked against it.

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
    given = _given(place)
    if not given and place.targets is None:
        raise UsageError("give --district, --zip or --address (or several, or --targets FILE)")
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
    if not given:
        result = lookup.resolve(offices=place.offices)
        located_notes: tuple[str, ...] = ()
    else:
        result, located_notes = _locate(lookup, given, place.offices)
    officials = sorted(result.officials, key=lambda o: (office_rank(o.office), o.name))
    # Letters and scripts report each vacant seat themselves ("no letter written").
    vacancies = {vacancy_note(o) for o in officials if o.vacant}
    notes = tuple(note for note in result.notes if note not in vacancies)
    return Recipients(result.query, tuple(officials), (*located_notes, *notes), result.provenance)


_OPTIONS = {"address": "--address", "zip": "--zip", "district": "--district"}


def _given(place: Place) -> list[Location]:
    """The pieces of the place given, most precise first."""
    values = {"address": place.address, "zip": place.zip_code, "district": place.district}
    return [Location(kind, (values[kind] or "").strip()) for kind in PRECISION if values[kind]]


def _locate(
    lookup: Lookup, given: list[Location], offices: frozenset[OfficeKind]
) -> tuple[LookupResult, tuple[str, ...]]:
    """Each piece looked up, then ``locate`` decides; a lone piece's failure is raised as is."""
    answers: dict[Location, LookupResult | Exception] = {}
    for piece in given:
        try:
            answers[piece] = lookup.resolve(
                district=piece.value if piece.kind == "district" else None,
                zip_code=piece.value if piece.kind == "zip" else None,
                address=piece.value if piece.kind == "address" else None,
                offices=offices,
            )
        except CivickitError as exc:
            if len(given) == 1:
                raise
            answers[piece] = exc
    located = locate(answers, district_given="--district says")
    if located.problem:
        raise UsageError(located.problem)
    if located.result is None or located.location is None:
        assert located.error is not None  # nothing answered: the most precise failure
        raise located.error
    where, result = located.location, located.result
    if result.ambiguous:
        raise AmbiguousPlaceError(_ambiguity_message(_OPTIONS[where.kind], where.value, result))
    return result, located.notes


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
