"""Offices a letter can go to, and the words people use for them (``--to``, ``--level``).

One owner for the office vocabulary: the office kinds every adapter answers for, their display
order, the default, and the words ``letter``, ``callscript``, ``batch`` and ``lookup`` accept.
"""

from __future__ import annotations

from typing import Literal

from civickit.errors import UsageError

OfficeKind = Literal["us-senate", "us-house", "state-upper", "state-lower", "other"]
# Display order: the order officials are listed and letters made in.
OFFICE_KINDS: tuple[OfficeKind, ...] = (
    "us-senate",
    "us-house",
    "state-upper",
    "state-lower",
    "other",
)
FEDERAL_OFFICES: frozenset[OfficeKind] = frozenset({"us-senate", "us-house"})
STATE_OFFICES: frozenset[OfficeKind] = frozenset({"state-upper", "state-lower"})
ELECTED_OFFICES: frozenset[OfficeKind] = FEDERAL_OFFICES | STATE_OFFICES
# Offices no built-in directory answers: plugin directories (docs/adapters.md) and targets
# files declare them. ``all`` includes them, so a plugin's officials come with everyone else's.
ADAPTER_OFFICES: frozenset[OfficeKind] = frozenset(OFFICE_KINDS) - ELECTED_OFFICES

# The words of --to and --level, and the offices each means. Each office kind's own name
# (``us-house``, ``other``: the kinds adapters and targets files declare) is accepted too.
OFFICE_WORDS: dict[str, frozenset[OfficeKind]] = {
    "house": frozenset({"us-house"}),
    "senate": frozenset({"us-senate"}),
    "state-upper": frozenset({"state-upper"}),
    "state-lower": frozenset({"state-lower"}),
    "state": STATE_OFFICES,
    "federal": FEDERAL_OFFICES,
    "all": frozenset(OFFICE_KINDS),
    **{kind: frozenset({kind}) for kind in OFFICE_KINDS if kind not in STATE_OFFICES},
}
DEFAULT_TO = "house,senate"
DEFAULT_OFFICES: frozenset[OfficeKind] = FEDERAL_OFFICES
WORDS_HELP = "house, senate, state-upper, state-lower, state, federal, other, all"


def parse_offices(text: str, option: str = "--to") -> frozenset[OfficeKind]:
    """``house,senate`` -> ``{"us-house", "us-senate"}``. Words may be separated by commas or
    spaces, in any case; an unknown or missing word is a ``UsageError`` naming ``option``."""
    words = [word.lower() for word in text.replace(",", " ").split()]
    unknown = [word for word in words if word not in OFFICE_WORDS]
    if unknown or not words:
        what = f"unknown office {unknown[0]!r}" if unknown else "no office named"
        raise UsageError(f"{option} {text.strip()!r}: {what}; use a comma list of {WORDS_HELP}")
    offices: set[OfficeKind] = set()
    for word in words:
        offices.update(OFFICE_WORDS[word])
    return frozenset(offices)


def office_rank(office: OfficeKind) -> int:
    """Where ``office`` comes in the display order (senators first, other targets last)."""
    return OFFICE_KINDS.index(office)
