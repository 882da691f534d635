"""The one rule for where a writer is, from every piece of location they gave.

A sign-up row or a ``letter`` command may give an address, a ZIP and a district at once.
``locate`` takes each piece's lookup answer (or the error it failed with) and decides: the most
precise piece with an exact answer wins (address, then ZIP, then district), every other answered
piece is cross-checked against it, and the notes say why a more precise piece was not used. A
contradiction (a ZIP none of whose districts is the district given) is a ``problem``: the row is
reported, never sent. A ZIP that only partly lies in the district is fine, and noted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from civickit.lookup.answers import LookupResult

LocationKind = Literal["address", "zip", "district"]

#: Most precise first: the order in which pieces are tried.
PRECISION: tuple[LocationKind, ...] = ("address", "zip", "district")
_KIND_LABELS = {"district": "district", "address": "address", "zip": "ZIP"}
_KIND_WORDS = {"cd": "congressional", "sldu": "state upper", "sldl": "state lower"}


@dataclass(frozen=True)
class Location:
    """One piece of where a writer is; equal pieces are looked up once per batch."""

    kind: LocationKind
    value: str

    def __str__(self) -> str:
        return f"{_KIND_LABELS[self.kind]} {self.value}"


@dataclass(frozen=True)
class Located:
    """What ``locate`` decided.

    ``location`` and ``result`` are the deciding piece and its answer (``None`` when no piece
    was answered). ``problem`` is set when the pieces contradict each other or several could
    not be looked up; ``error`` is the most precise piece's failure when every piece failed.
    """

    location: Location | None
    result: LookupResult | None
    notes: tuple[str, ...] = ()
    problem: str = ""
    error: Exception | None = None


def locate(
    answers: Mapping[Location, LookupResult | Exception], *, district_given: str = "the sheet says"
) -> Located:
    """Decide a place from each piece's answer; see the module docstring.

    ``district_given`` words where a district piece came from in a contradiction
    (``ZIP 94103 is in CA-11, the sheet says CA-12``).
    """
    ordered = sorted(answers.items(), key=lambda item: PRECISION.index(item[0].kind))
    found = [(loc, answer) for loc, answer in ordered if not isinstance(answer, Exception)]
    failed = [(loc, answer) for loc, answer in ordered if isinstance(answer, Exception)]
    if not found:
        if not failed:
            return Located(None, None, problem="no district, address or ZIP")
        problem = "; ".join(_failure(loc, exc) for loc, exc in failed) if failed[1:] else ""
        return Located(None, None, problem=problem, error=failed[0][1])
    decider, result = next(((loc, r) for loc, r in found if not r.ambiguous), found[0])
    notes: list[str] = []
    # A district of a kind the decider does not give (CA-SD-2 beside a ZIP) is what the
    # writer's seat needs: it decides, as it did before any piece was cross-checked.
    seat = next((p for p in found if p[0].kind == "district" and not p[1].ambiguous), None)
    if seat is not None and seat[0] != decider and not _by_kind(seat[1]).keys() & _by_kind(result):
        kinds = " or ".join(_KIND_WORDS.get(kind, kind) for kind in sorted(_by_kind(seat[1])))
        notes.append(f"{decider} gives no {kinds} district; used {seat[0]}")
        decider, result = seat
    rank = PRECISION.index(decider.kind)
    notes += [
        f"{_failure(loc, exc)}; used {decider}"
        for loc, exc in failed
        if PRECISION.index(loc.kind) < rank
    ]
    notes += [f"{_failure(loc, exc)}" for loc, exc in failed if PRECISION.index(loc.kind) > rank]
    problems: list[str] = []
    for other, answer in found:
        if other == decider:
            continue
        conflict, partial = _compare(decider, result, other, answer, district_given)
        if conflict:
            problems.append(conflict)
        notes += partial
    return Located(decider, result, tuple(dict.fromkeys(notes)), "; ".join(problems))


def _failure(location: Location, exc: Exception) -> str:
    """``address not geocoded: <why>``: the reason, without the error's own advice."""
    why = str(exc).removeprefix("lookup failed: ").split("; ")[0]
    if location.kind == "address":
        return f"address not geocoded: {why}"
    return f"{location} not used: {why}"


def _compare(
    decider: Location,
    result: LookupResult,
    other: Location,
    answer: LookupResult,
    district_given: str,
) -> tuple[str, list[str]]:
    """A contradiction between two answered pieces (or ``""``), and notes on partial ZIPs.

    Districts of each kind both answers name (congressional, state upper, state lower) are
    compared: none in common is a contradiction; the decider's one among several is partial.
    """
    notes: list[str] = []
    mine, theirs = _by_kind(result), _by_kind(answer)
    if not mine.keys() & theirs.keys():
        # No district of one kind to compare (a ZIP beside CA-SD-2): the states must agree.
        ours, others = _states(result), _states(answer)
        if ours and others and not ours & others:
            return _contradiction(decider, ours, other, others, district_given), notes
    for kind in mine.keys() & theirs.keys():
        ours, others = mine[kind], theirs[kind]
        if not ours & others:
            return _contradiction(decider, ours, other, others, district_given), notes
        if len(others) > 1 and len(ours) == 1:
            (label,) = ours
            rest = ", ".join(sorted(others - ours))
            notes.append(f"{other} is partly in {label} (also in {rest})")
        elif len(ours) > 1 and len(others) == 1:
            (label,) = others
            notes.append(f"{decider} is partly in {label}")
    return "", notes


def _contradiction(
    first: Location, first_labels: set[str], second: Location, second_labels: set[str], given: str
) -> str:
    if first.kind == "district":  # name the district piece last
        first, first_labels, second, second_labels = second, second_labels, first, first_labels
    where = " or ".join(sorted(first_labels))
    if second.kind == "district":
        said = f"{given} {second.value}"
    else:
        said = f"{second} is in {' or '.join(sorted(second_labels))}"
    return f"{first} is in {where}, {said}; correct one of them"


def _states(result: LookupResult) -> set[str]:
    return {district.state for district in result.districts}


def _by_kind(result: LookupResult) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for district in result.districts:
        kinds.setdefault(district.kind, set()).add(district.label)
    return kinds
