"""Terms of office and the Congresses they belong to.

A member's ``Term`` carries the start and end dates its source gives (congress-legislators has
both for every term; Open States' bulk files give none). A Congress runs two years from noon on
3 January of an odd year (the 20th Amendment, since the 74th in 1935): the 119th from 2025-01-03,
the 120th from 2027-01-03. A letter dated on or after the day a term ends may be addressed to a
member who no longer holds the seat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The 74th Congress was the first to meet on 3 January (1935); each lasts two years.
_FIRST_JANUARY_CONGRESS = 74
_FIRST_JANUARY_YEAR = 1935


@dataclass(frozen=True)
class Term:
    """The dates of a member's current term, as far as the source gives them."""

    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def from_iso(cls, start: str | None, end: str | None) -> Term | None:
        """A term from ``YYYY-MM-DD`` strings (``None`` when neither is given or readable)."""
        term = cls(_day(start), _day(end))
        return term if term.start or term.end else None

    def ended(self, on: dt.date) -> bool:
        """Whether the term is over on ``on`` (a term ending 2027-01-03 is over that day)."""
        return self.end is not None and on >= self.end


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def congress_start(number: int) -> dt.date:
    """The day the ``number``-th Congress convenes: ``congress_start(120)`` is 2027-01-03."""
    if number < _FIRST_JANUARY_CONGRESS:
        raise ValueError(f"Congress number {number} did not begin on 3 January")
    return dt.date(_FIRST_JANUARY_YEAR + 2 * (number - _FIRST_JANUARY_CONGRESS), 1, 3)


def congress_end(number: int) -> dt.date:
    """The day the ``number``-th Congress ends (when the next one convenes)."""
    return congress_start(number + 1)


def congress_on(day: dt.date) -> int:
    """The Congress sitting on ``day`` (from 1935): ``congress_on(2026-12-01)`` is 119."""
    number = _FIRST_JANUARY_CONGRESS + (day.year - _FIRST_JANUARY_YEAR) // 2
    return number - 1 if day < congress_start(number) else number
