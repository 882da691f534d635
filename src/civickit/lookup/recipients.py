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


class NotConstituentError(UsageError):
    """The writer's own ZIP lies outside the district a letter says they live in."""


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
    first (e.g. ``congress-gov``). ``sender_zip`` is the ZIP of the writer's own postal
    address: the place is checked against it (``NotConstituentError`` when they disagree), since
    a letter says "I live in …"; it never chooses the officials.
    """

    district: str | None = None
    zip_code: str | None = None
    address: str | None = None
    offices: frozenset[OfficeKind] = DEFAULT_OFFICES
    targets: str | Path | None = None
    sources: tuple[str, ...] = ()
    sender_zip: str | None = None


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
        located_notes += _check_sender(lookup, place, given, result)
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


def _check_sender(
    lookup: Lookup, place: Place, given: list[Location], result: LookupResult
) -> tuple[str, ...]:
    """Notes from checking the place against the writer's own ZIP (``Place.sender_zip``);
    ``NotConstituentError`` naming the ZIP's districts when none of them is the place's."""
    piece = Location("zip", (place.sender_zip or "").strip())
    if not piece.value or piece in given:
        return ()
    try:
        answer = lookup.resolve(zip_code=piece.value, offices=place.offices)
    except CivickitError as exc:
        return (f"your {piece} was not checked against the district: {exc}",)
    decided = next((p for p in given if p.kind == "district"), given[0])
    located = locate({decided: result, piece: answer}, district_given="--district says")
    if located.problem:
        conflict = located.problem.removesuffix("; correct one of them")
        raise NotConstituentError(
            f"{conflict.replace(str(piece), f'your {piece} (--from-address)')}: a letter that "
            "says you live there must go to your own district; give your own --district, --zip "
            "or --address, or add --not-constituent to write without saying you live there"
        )
    partial = (note for note in located.notes if " partly in " in note)
    return tuple(note.replace(str(piece), f"your {piece}") for note in partial)


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
