"""Which facts, ask and notes a letter cites, chosen once per audience.

Audience by office: members of Congress get the ``federal`` facts and ask, state legislators the
``state`` ones. An ``other`` target gets ``state`` when its title is a statewide executive's
(governor, attorney general), ``local`` when it is a mayor's or its organisation names a city or
county body (see ``LOCAL_BODY_WORDS``) and ``companies`` otherwise. ``audience_of`` adds the
recipient's state, role and place, which the campaign's ``applies`` tables match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from civickit.campaign import Ask, Campaign, Fact, Source
from civickit.campaign.records import Audience, applies_to
from civickit.core.officials import FEDERAL_OFFICES, STATE_OFFICES, Official
from civickit.materials.filters import dated_fact, source_numbers

MIN_FACTS, MAX_FACTS = 3, 5
LOCAL_BODY_WORDS = frozenset(
    {"city", "county", "council", "supervisors", "town", "village", "borough", "municipal"}
)
_AUDIENCE_TAGS = ("federal", "state", "local", "companies")
# Executive titles, longest first ("lieutenant governor" is not "governor"): (role, level).
EXECUTIVE_TITLES = (
    ("lieutenant governor", "executive", "state"),
    ("attorney general", "attorney-general", "state"),
    ("secretary of state", "executive", "state"),
    ("governor", "governor", "state"),
    ("county executive", "executive", "local"),
    ("mayor", "mayor", "local"),
)


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
    # Every relevant fact, most relevant point first; each point's alternatives (``point``).
    pool: tuple[tuple[Fact, ...], ...] = ()


def audience_for(official: Official) -> str:
    """``federal``, ``state``, ``local`` or ``companies``: whose facts and ask a letter uses."""
    return audience_of(official).level


def audience_of(official: Official) -> Audience:
    """The recipient as the campaign's ``applies`` tables see it: level, state, role, place."""
    state = official.state or ""
    if official.office in FEDERAL_OFFICES:
        return Audience("federal", state, "legislator")
    if official.office in STATE_OFFICES:
        return Audience("state", state, "legislator")
    place = official.organisation or ""
    title = " ".join(re.findall(r"[a-z]+", official.title.lower()))
    for words, role, level in EXECUTIVE_TITLES:
        if re.search(rf"\b{words}\b", title):
            return Audience(level, state, role, place)
    if set(re.findall(r"[a-z]+", place.lower())) & LOCAL_BODY_WORDS:
        return Audience("local", state, "body", place)
    return Audience("companies", state, "company", place)


def select_facts(campaign: Campaign, audience: str | Audience) -> FactSelection:
    """Choose 3 to 5 facts for ``audience`` and number the sources they cite.

    A fact with ``applies`` is relevant where that matches; one without, where it carries the
    audience's level as a tag. ``key`` facts come first, then the ones aimed most narrowly at
    the recipient (a place, then a state), then those most specific to the level (fewest other
    audience tags), so a federal letter opens with the call for a national law and a state
    letter with its own state's action. File order breaks ties. Facts sharing a ``point`` are
    one point, of which the most narrowly aimed alternatives stay. When fewer than three points
    are relevant, relevant key facts fill in; never a fact another state's ``applies`` names.
    """
    who = audience if isinstance(audience, Audience) else Audience(audience)
    ask = campaign.ask_for(who)
    pool = _points(campaign, who)
    chosen = [alternatives[0] for alternatives in pool[:MAX_FACTS]]
    for fact in [f for f in campaign.facts if "key" in f.tags] + list(campaign.facts):
        if len(chosen) >= MIN_FACTS:
            break
        if fact not in chosen and applies_to(fact.applies, who):
            chosen.append(fact)
    return numbered(who.level, chosen, ask, pool)


def numbered(
    audience: str, chosen: list[Fact], ask: Ask, pool: tuple[tuple[Fact, ...], ...] = ()
) -> FactSelection:
    """The selection of ``chosen`` facts and ``ask``, their sources numbered in order."""
    cited = [fact.source for fact in chosen] + ([ask.source] if ask.source else [])
    number = source_numbers(cited)
    by_id = {source.id: source for source in cited}
    return FactSelection(
        audience=audience,
        facts=tuple(CitedFact(fact, number[fact.source.id]) for fact in chosen),
        ask=ask,
        ask_note=number[ask.source.id] if ask.source else None,
        notes=tuple(Note(index, by_id[source_id]) for source_id, index in number.items()),
        pool=pool,
    )


def _points(campaign: Campaign, who: Audience) -> tuple[tuple[Fact, ...], ...]:
    def aim(fact: Fact) -> int:  # how narrowly aimed: at a place (2), a state (1), or not (0)
        return fact.applies.specificity(who) // 4 if fact.applies else 0

    relevant = [
        fact
        for fact in campaign.facts
        if (fact.applies.matches(who) if fact.applies else who.level in fact.tags)
    ]
    ranked = sorted(
        relevant,
        key=lambda f: ("key" not in f.tags, -aim(f), _other_audiences(f, who.level)),
    )
    points: dict[str, list[Fact]] = {}
    for fact in ranked:
        points.setdefault(fact.point or f"\0{fact.id}", []).append(fact)
    return tuple(
        tuple(f for f in facts if aim(f) == max(aim(g) for g in facts)) for facts in points.values()
    )


def _other_audiences(fact: Fact, audience: str) -> int:
    return sum(1 for tag in _AUDIENCE_TAGS if tag != audience and tag in fact.tags)
