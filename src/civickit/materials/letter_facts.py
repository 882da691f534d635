"""Which facts, ask and notes a letter cites, chosen once per audience.

Audience by office: members of Congress get the ``federal`` facts and ask, state legislators the
``state`` ones. An ``other`` target (a company, a city body) gets ``local`` when its organisation
names a city or county body (see ``LOCAL_BODY_WORDS``) and ``companies`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from civickit.campaign import Ask, Campaign, Fact, Source
from civickit.core.officials import FEDERAL_OFFICES, STATE_OFFICES, Official
from civickit.materials.filters import dated_fact, source_numbers

MIN_FACTS, MAX_FACTS = 3, 5
LOCAL_BODY_WORDS = frozenset(
    {"city", "county", "council", "supervisors", "town", "village", "borough", "municipal"}
)
_AUDIENCE_TAGS = ("federal", "state", "local", "companies")


@dataclass(frozen=True)
class Note:
    """A numbered citation at the end of a letter."""

    number: int
    source: Source

    @property
    def citation(self) -> str:
        """The one-line citation of the source."""
        return self.source.citation()


@dataclass(frozen=True)
class CitedFact:
    """A fact in a letter with the number of the note that cites its source."""

    fact: Fact
    note: int

    @cached_property
    def sentence(self) -> str:
        """The fact as the letter says it, with its date."""
        return dated_fact(self.fact)


@dataclass(frozen=True)
class FactSelection:
    """What letters to one audience cite: facts, the ask and the notes for their sources."""

    audience: str
    facts: tuple[CitedFact, ...]
    ask: Ask
    ask_note: int | None
    notes: tuple[Note, ...]


def audience_for(official: Official) -> str:
    """``federal``, ``state``, ``local`` or ``companies``: whose facts and ask a letter uses."""
    if official.office in FEDERAL_OFFICES:
        return "federal"
    if official.office in STATE_OFFICES:
        return "state"
    words = set(re.findall(r"[a-z]+", (official.organisation or "").lower()))
    return "local" if words & LOCAL_BODY_WORDS else "companies"


def select_facts(campaign: Campaign, audience: str) -> FactSelection:
    """Choose 3 to 5 facts for ``audience`` and number the sources they cite.

    Facts tagged with the audience come first, ``key`` facts before the rest, and among those
    the facts most specific to the audience (fewest other audience tags) lead, so a federal
    letter opens with the call for a national law and a state letter with state and local
    action. File order breaks ties. When fewer than three facts carry the tag, key facts fill in.
    """
    ask = campaign.ask(audience)
    ranked = sorted(
        (fact for fact in campaign.facts if audience in fact.tags),
        key=lambda fact: ("key" not in fact.tags, _other_audiences(fact, audience)),
    )
    chosen = ranked[:MAX_FACTS]
    for fact in [f for f in campaign.facts if "key" in f.tags] + list(campaign.facts):
        if len(chosen) >= MIN_FACTS:
            break
        if fact not in chosen:
            chosen.append(fact)
    cited = [fact.source for fact in chosen] + ([ask.source] if ask.source else [])
    number = source_numbers(cited)
    by_id = {source.id: source for source in cited}
    return FactSelection(
        audience=audience,
        facts=tuple(CitedFact(fact, number[fact.source.id]) for fact in chosen),
        ask=ask,
        ask_note=number[ask.source.id] if ask.source else None,
        notes=tuple(Note(index, by_id[source_id]) for source_id, index in number.items()),
    )


def _other_audiences(fact: Fact, audience: str) -> int:
    return sum(1 for tag in _AUDIENCE_TAGS if tag != audience and tag in fact.tags)
