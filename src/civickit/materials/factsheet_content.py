"""What a fact sheet prints, chosen and numbered: the records :func:`build_factsheet` returns.

Templates read these records; ``to_dict`` gives the JSON form of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from civickit.campaign import Ask, Fact, Quote, Source
from civickit.core.dates import DateWords, FuzzyDate, Precision, fit_to_date
from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.materials.factsheet_words import ENGLISH_SHEET, SheetWords
from civickit.materials.filters import capitalise_first, fact_sentence, fact_when

Paper = Literal["letter", "a4"]
PAPERS: tuple[Paper, ...] = ("letter", "a4")


def when_label(fact: Fact) -> str:
    """``June 8, 2020`` or ``Reported June 11, 2020``, never finer than the source; a
    translated fact dated by its report reads ``Según se informó el 11 de junio de 2020``
    (its language's running-text date after the participle)."""
    translated_report = fact.date_basis == "reported" and fact.date.words is not None
    return capitalise_first(fact_when(fact, phrase=translated_report))


@dataclass(frozen=True)
class SheetSource:
    """A source in the Sources section, with the number its citations use."""

    number: int
    source: Source
    via: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "number": self.number,
            **self.source.to_dict(),
            "date_text": self.source.date.text(),
            "via_publisher": self.via.publisher if self.via else None,
        }


@dataclass(frozen=True)
class SheetFact:
    """A fact as printed: the sentence with its attribution, its date and citation number."""

    fact: Fact
    citation: int

    @property
    def sentence(self) -> str:
        """The fact as a writer would cite it, attribution included, after its date label."""
        return fit_to_date(fact_sentence(self.fact), "label")

    @property
    def date_label(self) -> str:
        """``June 8, 2020`` or ``Reported June 11, 2020``, never finer than the source."""
        return when_label(self.fact)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.fact.id,
            "text": self.sentence,
            "date": self.fact.date.iso(),
            "precision": self.fact.date.precision.value,
            "date_label": self.date_label,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class TimelineEntry:
    """One dated step of the timeline."""

    fact: Fact
    citation: int

    @property
    def date(self) -> FuzzyDate:
        """When it happened, at the precision the source gives."""
        return self.fact.date

    @property
    def label(self) -> str:
        """``June 8, 2020`` / ``The week of June 1, 2020``: the key facts' date style."""
        return when_label(self.fact)

    @property
    def sentence(self) -> str:
        """What happened: the fact's headline, or the whole fact when it has none."""
        return fit_to_date(self.fact.headline or fact_sentence(self.fact), "label")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.fact.id,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "label": self.label,
            "text": self.sentence,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class PullQuote:
    """The quote set large on the page, verbatim, with full attribution."""

    quote: Quote
    citation: int
    dates: DateWords | None = field(default=None, compare=False, repr=False)  # the sheet's

    @property
    def attribution(self) -> str:
        """``Matt Cagle, Technology and civil liberties attorney, ACLU of …, June 11, 2020``."""
        return f"{self.quote.attribution()}, {self.quote.date.in_language(self.dates).text()}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.quote.id,
            "text": self.quote.text,
            "speaker": self.quote.speaker,
            "role": self.quote.role,
            "organisation": self.quote.organisation,
            "date": self.quote.date.iso(),
            "attribution": self.attribution,
            "translation": self.quote.translation,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class SheetAsk:
    """One line of "What you can do": who to ask, and what."""

    ask: Ask
    citation: int | None
    words: SheetWords = field(default=ENGLISH_SHEET, compare=False, repr=False)

    @property
    def lead(self) -> str:
        """``Ask Congress to``, in the sheet's language."""
        return self.words.lead(self.ask.audience)

    @property
    def action(self) -> str:
        """The campaign's one-sentence ask, ending in a full stop."""
        return self.ask.short.strip().rstrip(".") + "."

    @property
    def sentence(self) -> str:
        """``Ask Congress to pass a national law ….``."""
        return f"{self.lead} {self.action}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"audience": self.ask.audience, "text": self.sentence, "citation": self.citation}


@dataclass(frozen=True)
class FactSheet:
    """Everything printed on one fact sheet, chosen and numbered. Build with build_factsheet."""

    campaign_id: str
    title: str
    lead: str
    paper: Paper
    generated: dt.date
    as_of: dt.date
    facts: tuple[SheetFact, ...]
    timeline: tuple[TimelineEntry, ...]
    quote: PullQuote | None
    asks: tuple[SheetAsk, ...]
    sources: tuple[SheetSource, ...]
    org: str | None = None
    action_url: str | None = None
    left_out: tuple[str, ...] = ()  # ids of selected facts beyond MAX_FACTS
    campaign_templates: Path | None = field(default=None, repr=False)
    language: str = DEFAULT_LANGUAGE
    words: SheetWords = field(default=ENGLISH_SHEET, repr=False)
    dates: DateWords | None = field(default=None, repr=False)  # None: English dates

    @property
    def timeline_title(self) -> str:
        """``June 2020 timeline`` when every entry falls in one month, else ``Timeline``."""
        month = _one_month([entry.date for entry in self.timeline])
        return self.words.timeline_title(month, self.dates)

    @property
    def citation_numbers(self) -> list[int]:
        """Every citation number used on the sheet, in page order."""
        numbers = [self.quote.citation] if self.quote is not None else []
        numbers.extend(item.citation for item in self.facts)
        numbers.extend(entry.citation for entry in self.timeline)
        numbers.extend(ask.citation for ask in self.asks if ask.citation is not None)
        return numbers

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "campaign": self.campaign_id,
            "language": self.language,
            "title": self.title,
            "lead": self.lead,
            "org": self.org,
            "action_url": self.action_url,
            "paper": self.paper,
            "generated": self.generated.isoformat(),
            "as_of": self.as_of.isoformat(),
            "facts": [item.to_dict() for item in self.facts],
            "timeline_title": self.timeline_title,
            "timeline": [entry.to_dict() for entry in self.timeline],
            "quote": self.quote.to_dict() if self.quote else None,
            "asks": [ask.to_dict() for ask in self.asks],
            "sources": [source.to_dict() for source in self.sources],
            "left_out": list(self.left_out),
        }


def _one_month(dates: Sequence[FuzzyDate]) -> tuple[int, int] | None:
    """The (year, month) every date lies in wholly, or None."""
    spans = {_month_span(date) for date in dates}
    return spans.pop() if len(spans) == 1 else None


def _month_span(date: FuzzyDate) -> tuple[int, int] | None:
    """The (year, month) a date lies in wholly, or None when it may span several months."""
    last = {
        Precision.DAY: date.start,
        Precision.WEEK: date.start + dt.timedelta(days=6),
        Precision.MONTH: date.start,
    }.get(date.precision)
    if last is None or (last.year, last.month) != (date.start.year, date.start.month):
        return None
    return date.start.year, date.start.month
