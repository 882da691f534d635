"""The campaign records: sources, facts, quotes, asks and the campaign that holds them.

Build a :class:`Campaign` with :func:`civickit.campaign.load_campaign`; these records are what
every material renders from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from civickit.campaign.delivery import DeliveryInfo
from civickit.core.dates import FuzzyDate
from civickit.errors import UsageError

CAMPAIGN_FILE = "campaign.toml"
AUDIENCES = ("federal", "state", "local", "companies")
DateBasis = Literal["event", "reported"]


@dataclass(frozen=True)
class Source:
    """Where a fact or quote comes from."""

    id: str
    publisher: str
    title: str
    date: FuzzyDate
    author: str | None = None
    url: str | None = None
    via: str | None = None  # id of the source that relays this one (a quote reported by a paper)

    def citation(self) -> str:
        """One-line citation: publisher, title in quotes, author, date, URL where known."""
        parts = [self.publisher, f"\u201c{self.title}\u201d"]
        if self.author:
            parts.append(self.author)
        parts.append(self.date.text())
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "publisher": self.publisher,
            "title": self.title,
            "author": self.author,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "url": self.url,
            "via": self.via,
        }


@dataclass(frozen=True)
class Fact:
    """A claim an advocate can cite, with its source and the date it refers to."""

    id: str
    text: str
    date: FuzzyDate
    source: Source
    tags: tuple[str, ...] = ()
    attribution: str | None = None  # "according to the ACLU"
    date_basis: DateBasis = "event"  # "reported": the date is when the source reported it
    headline: str | None = None  # a few words for timelines: "IBM quits facial recognition"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "text": self.text,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "date_text": self.date.text(),
            "date_basis": self.date_basis,
            "attribution": self.attribution,
            "headline": self.headline,
            "tags": list(self.tags),
            "source": self.source.to_dict(),
            "citation": self.source.citation(),
        }


@dataclass(frozen=True)
class Quote:
    """Words someone said or wrote, verbatim, with who said them and where it was reported."""

    id: str
    text: str
    speaker: str
    date: FuzzyDate
    source: Source
    role: str | None = None
    organisation: str | None = None
    context: str | None = None
    tags: tuple[str, ...] = ()

    def attribution(self) -> str:
        """``Matt Cagle, technology and civil liberties attorney, ACLU of Northern California``."""
        return ", ".join(part for part in (self.speaker, self.role, self.organisation) if part)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "role": self.role,
            "organisation": self.organisation,
            "context": self.context,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "tags": list(self.tags),
            "source": self.source.to_dict(),
            "citation": self.source.citation(),
        }


@dataclass(frozen=True)
class Ask:
    """What the reader of a letter is asked to do, for one audience."""

    audience: str
    text: str
    short: str  # one sentence for call scripts and social posts
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "audience": self.audience,
            "text": self.text,
            "short": self.short,
            "source": self.source.id if self.source else None,
        }


@dataclass(frozen=True)
class Campaign:
    """A validated campaign. Build one with :func:`load_campaign`."""

    path: Path
    id: str
    title: str
    summary: str
    subject: str
    hashtags: tuple[str, ...]
    action_url: str | None
    tags: Mapping[str, str]
    sources: Mapping[str, Source]
    facts: tuple[Fact, ...]
    quotes: tuple[Quote, ...]
    asks: Mapping[str, Ask]
    builtin: bool = False
    delivery: DeliveryInfo = field(default_factory=DeliveryInfo)

    @property
    def templates_dir(self) -> Path:
        """The folder of this campaign's template overrides (it may not exist)."""
        return self.path / "templates"

    def facts_tagged(self, tags: Iterable[str] = ()) -> list[Fact]:
        """Facts carrying any of ``tags`` (all facts when ``tags`` is empty), in file order."""
        wanted = set(tags)
        unknown = wanted - set(self.tags)
        if unknown:
            known = ", ".join(sorted(self.tags))
            raise UsageError(f"unknown tag {sorted(unknown)[0]!r}: use one of {known}")
        if not wanted:
            return list(self.facts)
        return [fact for fact in self.facts if wanted.intersection(fact.tags)]

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id."""
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise UsageError(f"no fact {fact_id!r} in campaign {self.id!r}")

    def quote(self, quote_id: str) -> Quote:
        """The quote with this id."""
        for quote in self.quotes:
            if quote.id == quote_id:
                return quote
        raise UsageError(f"no quote {quote_id!r} in campaign {self.id!r}")

    def ask(self, audience: str) -> Ask:
        """The ask for ``audience``; a clear error when the campaign has none."""
        try:
            return self.asks[audience]
        except KeyError:
            have = ", ".join(self.asks) or "none"
            raise UsageError(
                f"campaign {self.id!r} has no ask for {audience!r} (it has: {have}); "
                f"add [asks.{audience}] to {self.path / CAMPAIGN_FILE}"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of the whole campaign."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "subject": self.subject,
            "hashtags": list(self.hashtags),
            "action_url": self.action_url,
            "path": str(self.path),
            "builtin": self.builtin,
            "tags": dict(self.tags),
            "sources": [source.to_dict() for source in self.sources.values()],
            "facts": [fact.to_dict() for fact in self.facts],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "asks": {name: ask.to_dict() for name, ask in self.asks.items()},
            "delivery": self.delivery.to_dict(),
        }
