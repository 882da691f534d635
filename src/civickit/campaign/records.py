"""The campaign records: sources, facts, quotes, asks and the campaign that holds them.

Build a :class:`Campaign` with :func:`civickit.campaign.load_campaign`; these records are what
every material renders from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from civickit.campaign.delivery import DeliveryInfo
from civickit.core.dates import FuzzyDate
from civickit.errors import UsageError

CAMPAIGN_FILE = "campaign.toml"
AUDIENCES = ("federal", "state", "local", "companies")
# What a recipient does: legislators (and councils) vote, executives act, companies sell.
ROLES = ("legislator", "governor", "attorney-general", "mayor", "executive", "body", "company")
APPLIES_KEYS = ("level", "state", "role", "place")
DateBasis = Literal["event", "reported"]
_PLACE_LEAD_INS = frozenset({"of", "the"})


@dataclass(frozen=True)
class Audience:
    """Who a letter is to, as the campaign's ``applies`` tables see it.

    ``level`` is one of ``AUDIENCES``, ``state`` a USPS code (or ""), ``role`` one of ``ROLES``
    and ``place`` the body or city named on the letter ("City of Oakland"), if any.
    """

    level: str
    state: str = ""
    role: str = ""
    place: str = ""


@dataclass(frozen=True)
class Condition:
    """One table of an ``applies`` value: every key given must match (an empty key is any)."""

    level: frozenset[str] = frozenset()
    state: frozenset[str] = frozenset()
    role: frozenset[str] = frozenset()
    place: tuple[str, ...] = ()

    def matches(self, audience: Audience) -> bool:
        """True when the audience has a listed level, state, role and place (for those given)."""
        return (
            (not self.level or audience.level in self.level)
            and (not self.state or audience.state in self.state)
            and (not self.role or audience.role in self.role)
            and (not self.place or any(names_place(audience.place, p) for p in self.place))
        )

    @property
    def specificity(self) -> int:
        """How narrowly this targets: a place counts most, then a state, role and level."""
        return 8 * bool(self.place) + 4 * bool(self.state) + 2 * bool(self.role) + bool(self.level)

    def to_dict(self) -> dict[str, list[str]]:
        """JSON-ready form, keys given only."""
        values = {
            "level": sorted(self.level),
            "state": sorted(self.state),
            "role": sorted(self.role),
            "place": list(self.place),
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class Applies:
    """Where a fact, ask or phrasing applies: any of its conditions (a list of tables in TOML)."""

    conditions: tuple[Condition, ...]

    def matches(self, audience: Audience) -> bool:
        """True when any condition matches ``audience``."""
        return any(condition.matches(audience) for condition in self.conditions)

    def specificity(self, audience: Audience) -> int:
        """The specificity of the narrowest condition that matches ``audience`` (0 if none)."""
        return max((c.specificity for c in self.conditions if c.matches(audience)), default=0)

    def to_dict(self) -> list[dict[str, list[str]]]:
        """JSON-ready form: one dict per condition."""
        return [condition.to_dict() for condition in self.conditions]


def applies_to(applies: Applies | None, audience: Audience) -> bool:
    """Whether a record with ``applies`` (``None``: anywhere) is for ``audience``."""
    return applies is None or applies.matches(audience)


def names_place(body: str, place: str) -> bool:
    """True when ``body`` ("City of Oakland", "Oakland City Council") names the place ``place``
    ("Oakland") as a whole name: not "West Oakland" or "South San Francisco"."""
    words = re.findall(r"[\w'’-]+", body.casefold())
    wanted = re.findall(r"[\w'’-]+", place.casefold())
    if not wanted:
        return False
    for start in range(len(words) - len(wanted) + 1):
        lead_in = start == 0 or words[start - 1] in _PLACE_LEAD_INS
        if lead_in and words[start : start + len(wanted)] == wanted:
            return True
    return False


@dataclass(frozen=True)
class Phrase:
    """One phrasing of a letter's opening or closing: a short Jinja2 text, where it applies."""

    text: str
    applies: Applies | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"text": self.text, "applies": self.applies.to_dict() if self.applies else None}


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
    description: str | None = None  # what it is, when it has no title: "statement of Matt Cagle"
    reported_by: Source | None = None  # the ``via`` source itself, set when the campaign loads

    def citation(self) -> str:
        """One-line citation: publisher, title in quotes (or description), author, date, then
        ``as reported by`` the source relaying it, and the URL, each where known."""
        parts = [self.publisher]
        if self.title:
            parts.append(f"\u201c{self.title}\u201d")
        elif self.description:
            parts.append(self.description)
        if self.author:
            parts.append(self.author)
        parts.append(self.date.text())
        if self.reported_by is not None:
            via = self.date.words.as_reported_by if self.date.words else "as reported by"
            parts.append(f"{via} {self.reported_by.citation()}")
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
            "description": self.description,
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
    applies: Applies | None = None  # where letters cite it (None: by its audience tags)
    point: str | None = None  # facts sharing a point are alternatives; a letter cites one

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
            "applies": self.applies.to_dict() if self.applies else None,
            "point": self.point,
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
    translation: str | None = None  # the words in the material's language, marked as such

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
            "translation": self.translation,
        }


@dataclass(frozen=True)
class Ask:
    """What the reader of a letter is asked to do, for one audience."""

    audience: str
    text: str
    short: str  # one sentence for call scripts and social posts
    source: Source | None = None
    phrasings: tuple[str, ...] = ()  # other wordings of ``text``; a letter uses one of them all
    applies: Applies | None = None  # for targeted asks: who it is for
    id: str = ""  # a targeted ask's id ("" for the audience asks)

    @property
    def texts(self) -> tuple[str, ...]:
        """``text`` and its other phrasings, the ones a letter chooses from."""
        return (self.text, *self.phrasings)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "audience": self.audience,
            "text": self.text,
            "short": self.short,
            "source": self.source.id if self.source else None,
            "phrasings": list(self.phrasings),
            "applies": self.applies.to_dict() if self.applies else None,
            "id": self.id or None,
        }


@dataclass(frozen=True)
class Translation:
    """One language's texts of a campaign, by record id (``campaign/translations.py``)."""

    language: str
    fields: Mapping[str, str]  # title, summary, subject
    facts: Mapping[str, Mapping[str, str]]
    quotes: Mapping[str, Mapping[str, str]]  # quote id -> translation, role, context
    asks: Mapping[str, Mapping[str, Any]]  # audience or targeted ask id -> text, short, phrasings
    openings: tuple[Phrase, ...] = ()
    closings: tuple[Phrase, ...] = ()
    hashtags: tuple[str, ...] = ()


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
    targeted_asks: tuple[Ask, ...] = ()  # asks for some recipients only, by ``applies``
    openings: tuple[Phrase, ...] = ()  # a letter's first sentence, several phrasings
    closings: tuple[Phrase, ...] = ()  # its last request before "Sincerely"
    delivery: DeliveryInfo = field(default_factory=DeliveryInfo)
    language: str = "en"  # the language of its texts (see campaign/translations.py)
    translations: Mapping[str, Translation] = field(default_factory=dict)

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

    def ask_for(self, audience: Audience) -> Ask:
        """The most specific targeted ask for ``audience`` (file order breaks ties), else the
        ask of its level."""
        fitting = [ask for ask in self.targeted_asks if applies_to(ask.applies, audience)]
        if fitting:
            return max(
                fitting, key=lambda ask: ask.applies.specificity(audience) if ask.applies else 0
            )
        return self.ask(audience.level)

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
            "targeted_asks": [ask.to_dict() for ask in self.targeted_asks],
            "letter": {
                "openings": [phrase.to_dict() for phrase in self.openings],
                "closings": [phrase.to_dict() for phrase in self.closings],
            },
            "delivery": self.delivery.to_dict(),
        }
