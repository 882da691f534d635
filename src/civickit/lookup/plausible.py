"""Whether a valid download has a plausible number of records, before it replaces a copy.

A file that parses and matches its schema can still be cut short (a truncated transfer, a
half-written mirror): it is refused when it loses more than ``MAX_LOSS`` of the records of the
copy it would replace, or when one group of them (a state's members of Congress, a chamber of a
state legislature, a state's ZCTA pieces) loses more than half, or, with no copy yet, when it
has fewer than its dataset's floor. Each refusal is lifted by ``civickit data sync --force``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from civickit.core.plurals import counted
from civickit.core.states import code_for_fips
from civickit.lookup.datasets import (
    OPENSTATES_COLUMNS,
    OPENSTATES_PREFIX,
    ZCTA_CD_COLUMNS,
    _csv_rows,
    _json_list,
)

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


# -- per group: a state's members, a chamber's legislators, a state's ZCTAs ---------------------

GROUP_LOSS = 0.5  # a group that loses more than half of its records is a damaged file
GROUP_MINIMUM = 4  # smaller groups vary too much to judge (one at-large member, one delegate)
Groups = Callable[[bytes], Counter[str]]


def _members_by_state(data: bytes) -> Counter[str]:
    return Counter(f"{m['terms'][-1]['state']} members" for m in _json_list(data))


def _legislators_by_chamber(data: bytes) -> Counter[str]:
    rows = _csv_rows(data, OPENSTATES_COLUMNS)
    return Counter(f"{row['current_chamber']}-chamber legislators" for row in rows)


def _zcta_rows_by_state(data: bytes) -> Counter[str]:
    rows = _csv_rows(data, ZCTA_CD_COLUMNS, "|")
    states = (code_for_fips(row["GEOID_CD119_20"].strip()[:2]) for row in rows)
    return Counter(f"{state} ZCTA pieces" for state in states if state)


def _groups_of(dataset: str) -> Groups | None:
    if dataset.startswith(OPENSTATES_PREFIX):
        return _legislators_by_chamber
    return {"congress-legislators": _members_by_state, "zcta-cd": _zcta_rows_by_state}.get(dataset)


def implausible_groups(dataset: str, data: bytes, stored: bytes) -> str | None:
    """Why ``data`` cannot replace ``stored`` although its total is plausible: one group of its
    records (a state's members, a chamber, a state's ZCTA pieces) lost more than half of what
    the stored copy has; ``None`` when every group is plausible, or the stored copy cannot be
    read (an older file: the total check alone applies)."""
    groups = _groups_of(dataset)
    if groups is None:
        return None
    try:
        before = groups(stored)
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    after = groups(data)  # already validated: its schema guarantees what groups() reads
    for name, count in sorted(before.items()):
        if count >= GROUP_MINIMUM and after[name] < count * (1 - GROUP_LOSS):
            return (
                f"has {after[name]} {name} where the stored copy has {count} (more than "
                f"{GROUP_LOSS:.0%} of them lost: a truncated or damaged file?)"
            )
    return None
