"""Whether a valid download has a plausible number of records, before it replaces a copy.

A file that parses and matches its schema can still be cut short (a truncated transfer, a
half-written mirror): it is refused when it loses more than ``MAX_LOSS`` of the records of the
copy it would replace, or, with no copy yet, when it has fewer than its dataset's floor. Either
refusal is lifted by ``civickit data sync --force``.
"""

from __future__ import annotations

from civickit.core.plurals import counted
from civickit.lookup.datasets import OPENSTATES_PREFIX

MAX_LOSS = 0.25  # more than a quarter of the records gone is a damaged file, not the news
# The fewest records a first download may have; the real files hold 537 members, 536 and 519
# members with offices and accounts, 33,791 ZCTAs, and 49 (NE) to 415 (NH) state legislators.
FLOORS = {
    "congress-legislators": 500,
    "district-offices": 400,
    "social-media": 400,
    "zcta-cd": 30_000,
}
OPENSTATES_FLOOR = 10
FORCE_HINT = "run: civickit data sync --force to take it anyway"


def floor(dataset: str) -> int:
    """The fewest records a first download of ``dataset`` may have."""
    if dataset.startswith(OPENSTATES_PREFIX):
        return OPENSTATES_FLOOR
    return FLOORS.get(dataset, 1)


def implausible(dataset: str, count: int, previous: int | None, *, first_floor: bool) -> str | None:
    """Why ``count`` records cannot replace a copy of ``previous`` records (``None`` when there
    is no copy yet: then the dataset's floor applies if ``first_floor``); ``None`` when
    plausible. The reason says the counts; ``FORCE_HINT`` names the flag that overrides it."""
    if count == 0:
        return "has no records"
    if previous is not None:
        if count < previous * (1 - MAX_LOSS):
            return (
                f"has {counted(count, 'record')} where the stored copy has {previous} (more "
                f"than {MAX_LOSS:.0%} lost: a truncated or damaged file?)"
            )
        return None
    least = floor(dataset)
    if first_floor and count < least:
        return (
            f"has {counted(count, 'record')}, fewer than the {least} a complete {dataset} file "
            "has (a truncated or damaged file?)"
        )
    return None
