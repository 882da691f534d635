"""Dates that keep the precision their source gives: a day, an ISO week, a month or a year.

A source that says "last year" must never become "on January 1, 2019" in print. ``FuzzyDate``
remembers how much is known and renders only that much.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from civickit.core.plurals import noun_for
from civickit.errors import DateError


class Precision(StrEnum):
    """How much of a date is known, from most to least precise."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


_PATTERNS: dict[Precision, re.Pattern[str]] = {
    Precision.DAY: re.compile(r"\d{4}-\d{2}-\d{2}"),
    Precision.WEEK: re.compile(r"\d{4}-W\d{2}"),
    Precision.MONTH: re.compile(r"\d{4}-\d{2}"),
    Precision.YEAR: re.compile(r"\d{4}"),
}

_SMALL_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A calendar date known to ``precision``; ``start`` is the first day it may mean."""

    start: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse ``2020-06-11``, ``2020-W23``, ``2020-06`` or ``2020`` keeping its precision."""
        cleaned = text.strip() if isinstance(text, str) else ""
        for precision, pattern in _PATTERNS.items():
            if pattern.fullmatch(cleaned):
                try:
                    parsed = dateutil_parser.isoparse(cleaned).date()
                except ValueError as exc:
                    raise DateError(
                        f"bad date {text!r}: {exc}; use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY"
                    ) from exc
                return cls(parsed, precision)
        raise DateError(
            f"bad date {text!r}: use YYYY-MM-DD (a day), YYYY-Www (an ISO week), "
            "YYYY-MM (a month) or YYYY (a year)"
        )

    @classmethod
    def from_date(cls, value: dt.date) -> FuzzyDate:
        """A date known to the day."""
        return cls(value, Precision.DAY)

    def iso(self) -> str:
        """The canonical string this date was (or would be) written as in a campaign file."""
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.precision is Precision.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return str(self.start.year)

    def text(self) -> str:
        """The bare date in words: ``June 11, 2020``, ``the week of June 1, 2020``, ``2019``."""
        if self.precision is Precision.DAY:
            return _long_day(self.start)
        if self.precision is Precision.WEEK:
            return f"the week of {_long_day(self.start)}"
        if self.precision is Precision.MONTH:
            return f"{self.start:%B} {self.start.year}"
        return str(self.start.year)

    def phrase(self) -> str:
        """The date with its preposition: ``on June 11, 2020``, ``in March 2020``, ``in 2019``."""
        if self.precision is Precision.DAY:
            return f"on {self.text()}"
        return f"in {self.text()}"

    def short(self) -> str:
        """A compact form for tables and timelines: ``Jun 11, 2020``, ``Mar 2020``, ``2019``."""
        if self.precision is Precision.DAY:
            return f"{self.start:%b} {self.start.day}, {self.start.year}"
        if self.precision is Precision.WEEK:
            return f"week of {self.start:%b} {self.start.day}, {self.start.year}"
        if self.precision is Precision.MONTH:
            return f"{self.start:%b} {self.start.year}"
        return str(self.start.year)

    def relative_to(self, as_of: dt.date) -> str:
        """How long before ``as_of`` this was, no finer than the precision: ``six years ago``."""
        delta = relativedelta(as_of, self.start)
        if self.precision is Precision.YEAR:
            years = as_of.year - self.start.year
            return _ago(years, "year") if years > 0 else "this year"
        if delta.years > 0:
            return _ago(delta.years, "year")
        if self.precision is Precision.MONTH:
            months = (as_of.year - self.start.year) * 12 + as_of.month - self.start.month
            return _ago(months, "month") if months > 0 else "this month"
        if delta.months > 0:
            return _ago(delta.months, "month")
        days = (as_of - self.start).days
        if self.precision is Precision.WEEK or days >= 7:
            weeks = days // 7
            return _ago(weeks, "week") if weeks > 0 else "this week"
        if days > 0:
            return _ago(days, "day")
        return "today" if days == 0 else f"on {self.text()}"


def _long_day(value: dt.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def _ago(count: int, unit: str) -> str:
    number = _SMALL_NUMBERS[count] if count < len(_SMALL_NUMBERS) else str(count)
    return f"{number} {noun_for(count, unit)} ago"


def parse_user_date(text: str, *, dayfirst: bool = False, today: dt.date | None = None) -> dt.date:
    """Parse a date a person typed: ``today``, ``2026-11-26``, ``Nov 26 2026``, ``26/11/2026``."""
    cleaned = text.strip()
    base = today or dt.date.today()
    keywords = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if cleaned.lower() in keywords:
        return base + dt.timedelta(days=keywords[cleaned.lower()])
    if not cleaned:
        raise DateError("empty date: give a date such as 2026-11-26 or 'today'")
    try:
        return dateutil_parser.parse(cleaned, dayfirst=dayfirst, default=_midnight(base)).date()
    except (ValueError, OverflowError) as exc:
        raise DateError(
            f"cannot read the date {text!r}: use a form like 2026-11-26, 'Nov 26 2026' or 'today'"
        ) from exc


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)
