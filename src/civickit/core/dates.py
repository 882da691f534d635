"""Dates that keep the precision their source gives: a day, an ISO week, a month or a year.

A source that says "last year" must never become "on January 1, 2019" in print. ``FuzzyDate``
remembers how much is known and renders only that much.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

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


@dataclass(frozen=True)
class DateWords:
    """How one language words a date at each precision, around Babel's own date formats.

    Each pattern holds ``{date}``: Babel's long date for a day and a week (``11 de junio de
    2020``), its year-and-month form for a month (``junio de 2020``) and the year for a year.
    ``text`` patterns give the bare date, ``phrase`` ones the date with its preposition as it
    leads a sentence (``el 11 de junio de 2020``). ``ordinary`` are the words that are
    capitalised only because they start a sentence (see ``fit_to_date``); ``reported`` words a
    fact dated by its report (``reported {when}``).
    """

    language: str
    text: Mapping[str, str]
    phrase: Mapping[str, str]
    ordinary: frozenset[str] = frozenset()
    reported: str = "reported {when}"
    as_reported_by: str = "as reported by"

    def babel_date(self, value: dt.date, precision: Precision) -> str:
        """Babel's form of ``value`` for ``precision`` in this language."""
        from babel.dates import format_date, format_skeleton

        if precision is Precision.YEAR:
            return str(value.year)
        if precision is Precision.MONTH:
            return str(format_skeleton("yMMMM", value, locale=self.language))
        return str(format_date(value, "long", locale=self.language))


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A calendar date known to ``precision``; ``start`` is the first day it may mean.

    ``words`` words it in another language than English (``DateWords``); dates compare and hash
    by ``start`` and ``precision`` alone.
    """

    start: dt.date
    precision: Precision
    words: DateWords | None = field(default=None, compare=False, hash=False, repr=False)

    def in_language(self, words: DateWords | None) -> FuzzyDate:
        """This date worded by ``words`` (``None``: English)."""
        return FuzzyDate(self.start, self.precision, words)

    def _worded(self, patterns: Mapping[str, str]) -> str:
        assert self.words is not None
        date = self.words.babel_date(self.start, self.precision)
        return patterns[self.precision.value].format(date=date)

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
        if self.words is not None:
            return self._worded(self.words.text)
        if self.precision is Precision.DAY:
            return _long_day(self.start)
        if self.precision is Precision.WEEK:
            return f"the week of {_long_day(self.start)}"
        if self.precision is Precision.MONTH:
            return f"{self.start:%B} {self.start.year}"
        return str(self.start.year)

    def phrase(self) -> str:
        """The date with its preposition: ``on June 11, 2020``, ``in March 2020``, ``in 2019``
        (in Spanish ``el 11 de junio de 2020``, ``en marzo de 2020``, ``la semana del …``)."""
        if self.words is not None:
            return self._worded(self.words.phrase)
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


_PERIODS = (
    r"(?:morning|afternoon|evening|night|week|weekend|month|year"
    r"|spring|summer|fall|autumn|winter|quarter|season|decade)"
)
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Words that mean something only against the day they were written: "now", "this week",
# "last year", "recently", "on Wednesday" ... A campaign text carrying one is true only on
# that day, so campaign validation flags it (``relative_time_words``).
_RELATIVE_TIME = re.compile(
    r"\b(?:now|nowadays|today|tonight|yesterday|tomorrow|recently|lately|currently|presently"
    r"|at present|these days|so far|to date|as of late|"
    rf"(?:this|last|next|past|coming|earlier this|later this) {_PERIODS}"
    rf"|this past {_PERIODS}|\w+ (?:days|weeks|months|years) ago|ago"
    rf"|(?:on|last|next|this) {_WEEKDAYS})\b",
    re.IGNORECASE,
)


def relative_time_words(text: str) -> list[str]:
    """The words of ``text`` that mean something only against the day it was written
    (``now``, ``this week``, ``recently``, ``yesterday``, ``on Wednesday`` ...), in order."""
    return [match.group(0) for match in _RELATIVE_TIME.finditer(text)]


def covers(date: FuzzyDate, day: dt.date) -> bool:
    """True when ``day`` falls within ``date`` (that day, ISO week, month or year)."""
    span = {
        Precision.DAY: relativedelta(days=1),
        Precision.WEEK: relativedelta(weeks=1),
        Precision.MONTH: relativedelta(months=1),
        Precision.YEAR: relativedelta(years=1),
    }[date.precision]
    return date.start <= day < date.start + span


#: How a date phrase joins a sentence: ``lead`` ("In July 2005, the FBI served …", for letters,
#: call scripts and posts) or ``label`` ("July 2005: The FBI served …", for lists and timelines).
DateJoin = Literal["lead", "label"]

# Words that are capitalised at the start of a sentence only because they start it: after a
# leading date phrase they continue the sentence in lower case ("In 2019, the city …"). Any
# other word (a name, an acronym, a word with capitals inside) keeps the author's case.
_ORDINARY_TEXT = """
    a an the this that these those its it their they there his her he she our we my your
    you some many most more much several few all each every both either neither no none other
    another such one two three four five six seven eight nine ten first last later earlier
    after before during since until while when where as at by for from in into of on over
    under with within without about against among amid amidst between through throughout
    toward towards despite according and but or nor so yet if because although though
    researchers research lawmakers police officials advocates critics people residents
    companies experts studies reports"""
_ORDINARY_WORDS = frozenset(_ORDINARY_TEXT.split())


def sentence_case(text: str) -> str:
    """``text`` with its first letter upper-cased, as a sentence starts; a word written with
    a lower-case first letter and capitals inside (``eBay``, ``iPhone``) is kept as written."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first[:1].islower() and any(ch.isupper() for ch in first[1:]):
        return text
    upper = text[:1].upper()
    return upper + text[1:] if len(upper) == 1 else text


def fit_to_date(text: str, join: DateJoin, ordinary: frozenset[str] | None = None) -> str:
    """``text`` cased to follow a date phrase in the ``join`` style (see ``join_date``);
    ``ordinary`` are the language's ordinary words (English by default)."""
    if join == "label":
        return sentence_case(text)
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    word = first.strip("\"'“‘(«¿¡").rstrip(",;:")
    words = _ORDINARY_WORDS if ordinary is None else ordinary
    if word[:1].isupper() and word[1:] == word[1:].lower() and word.lower() in words:
        offset = text.index(word[0])
        return text[:offset] + word[0].lower() + text[offset + 1 :]
    return text


def join_date(
    when: str, text: str, join: DateJoin = "lead", ordinary: frozenset[str] | None = None
) -> str:
    """The one rule that puts a date phrase before a sentence, whatever case the author wrote.

    ``lead``: ``In July 2005, the FBI served …`` (the date phrase starts the sentence, an
    ordinary first word of ``text`` is lowered, names and acronyms are kept);
    ``label``: ``July 2005: The FBI served …`` (the text starts a sentence of its own).
    """
    separator = ", " if join == "lead" else ": "
    return f"{sentence_case(when)}{separator}{fit_to_date(text, join, ordinary)}"


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
