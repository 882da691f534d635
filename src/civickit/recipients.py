"""From what a writer gives (a district, a ZIP or an address) to the officials a letter goes to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from civickit.errors import CivickitError, UsageError
from civickit.officials import OfficeKind, Official

if TYPE_CHECKING:
    from civickit.lookup import Lookup, LookupResult

# What --to accepts, and the offices each word means.
OFFICE_CHOICES: dict[str, tuple[OfficeKind, ...]] = {
    "house": ("us-house",),
    "senate": ("us-senate",),
    "state-upper": ("state-upper",),
    "state-lower": ("state-lower",),
    "state": ("state-upper", "state-lower"),
    "all": ("us-house", "us-senate", "state-upper", "state-lower"),
}
DEFAULT_TO = "house,senate"


def parse_offices(text: str) -> frozenset[OfficeKind]:
    """``house,senate`` -> ``{"us-house", "us-senate"}``; unknown words are a usage error."""
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    if not words:
        raise UsageError(f"--to {text!r}: name at least one of {', '.join(OFFICE_CHOICES)}")
    offices: set[OfficeKind] = set()
    for word in words:
        if word not in OFFICE_CHOICES:
            raise UsageError(
                f"--to {word!r}: use a comma-separated list of {', '.join(OFFICE_CHOICES)}"
            )
        offices.update(OFFICE_CHOICES[word])
    return frozenset(offices)


class AmbiguousPlaceError(UsageError):
    """The place given lies in more than one district; civickit never guesses which."""


@dataclass(frozen=True)
class Recipients:
    """The officials found for a place, in a stable order, with notes for the writer."""

    query: str
    officials: tuple[Official, ...]
    notes: tuple[str, ...] = ()


_OFFICE_ORDER = {"us-senate": 0, "us-house": 1, "state-upper": 2, "state-lower": 3, "other": 4}


@dataclass(frozen=True)
class Place:
    """Where the writer lives (exactly one of district, ZIP or address) and whom to write to."""

    district: str | None = None
    zip_code: str | None = None
    address: str | None = None
    offices: frozenset[OfficeKind] = frozenset({"us-house", "us-senate"})


def find_recipients(place: Place, lookup: Lookup | None = None) -> Recipients:
    """Resolve ``place`` to its officials for ``place.offices``.

    An ambiguous place (a ZIP spanning districts) raises ``AmbiguousPlaceError`` naming the
    candidate districts; civickit never picks one.
    """
    district, zip_code, address = place.district, place.zip_code, place.address
    given = {"--district": district, "--zip": zip_code, "--address": address}
    chosen = [name for name, value in given.items() if value]
    if len(chosen) != 1:
        raise UsageError("give exactly one of --district, --zip or --address")
    if lookup is None:
        from civickit.lookup import Lookup

        lookup = Lookup()
    try:
        result = lookup.resolve(
            district=district, zip_code=zip_code, address=address, offices=place.offices
        )
    except NotImplementedError as exc:
        raise CivickitError(
            f"representative lookup is not available in this build ({exc}); "
            "update civickit or use the library with your own officials"
        ) from exc
    if result.ambiguous:
        raise AmbiguousPlaceError(_ambiguity_message(chosen[0], result))
    officials = sorted(result.officials, key=lambda o: (_OFFICE_ORDER[o.office], o.name))
    return Recipients(result.query, tuple(officials), tuple(result.notes))


def _ambiguity_message(option: str, result: LookupResult) -> str:
    labels = [candidate.district.label for candidate in result.candidates] or [
        d.label for d in result.districts
    ]
    listed = ", ".join(labels)
    example = labels[0] if labels else "ST-N"
    other = "a fuller street" if option == "--address" else "--address with your street"
    return (
        f"{option} {result.query} lies in more than one district ({listed}); "
        f"give --district {example} (or another of them) or {other} address"
    )
