"""What one letter says: the campaign's statement, varied per writer, and the writer's own words.

The statement is the organisation's text: an opening, the facts, the ask and a closing. Each
comes from the campaign's phrasings that apply to the recipient, chosen by the letter's
:class:`~civickit.materials.variants.Variation` (the writer and the office), so a re-run writes
the same letter and two writers rarely write the same one. The constituent message is the
writer's story exactly as given; it is never edited and letters print it first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from civickit.campaign import Ask, Campaign, Fact
from civickit.campaign.records import Audience, Phrase, applies_to
from civickit.core.officials import Official
from civickit.materials.languages import ENGLISH, LanguageWords
from civickit.materials.letter_facts import (
    MAX_FACTS,
    MIN_FACTS,
    CitedFact,
    FactSelection,
    Note,
    numbered,
)
from civickit.materials.variants import Variation

# Facts a letter picks from: its share of points plus this many more of the most relevant.
SPARE_POINTS = 2
LEAD_POINTS = 2  # a letter leads with one of this many most relevant points
_LEGISLATOR_OPENING = (
    "I live in {{ constituency }}, and I am writing to ask you, as {{ role }}, to {{ ask.short }}."
)
_NAMED_OPENING = (
    "I am writing to ask you{% if role %}, as {{ role }},{% endif %} to {{ ask.short }}."
)
_BODY_OPENING = (
    "I am writing to ask the {{ official.organisation or 'members' }} to {{ ask.short }}."
)
_BILL_CLOSING = (
    "Please tell me whether you will introduce or support such a bill in the {{ chamber }}."
)
_CONGRESS_CLOSING = (
    "Please tell me whether you will introduce or co-sponsor such legislation in the {{ chamber }},"
    " and what you will do until it passes."
)
DEFAULT_CLOSINGS = {
    "us-senate": _CONGRESS_CLOSING,
    "us-house": _CONGRESS_CLOSING.replace("the {{ chamber }}", "the House"),
    "state-upper": _BILL_CLOSING,
    "state-lower": _BILL_CLOSING,
    "other": "Please tell me how you will respond.",
}
# Organisations read with "the" after "of" ("Mayor of the City of Oakland").
_THE_WORDS = frozenset(
    {"city", "county", "town", "village", "borough", "state", "commonwealth", "board", "office"}
)


@dataclass(frozen=True)
class LetterContent:
    """The words of one letter, apart from its addresses and signature."""

    opening: str
    facts: tuple[CitedFact, ...]
    ask: Ask
    ask_text: str  # the phrasing of ``ask.text`` this letter uses
    ask_note: int | None
    notes: tuple[Note, ...]
    closing: str
    constituent_message: str  # the writer's own words, as given, only stripped ("" if none)

    @property
    def statement(self) -> str:
        """The campaign's text of this letter as plain paragraphs, without citation marks."""
        facts = "\n".join(f"- {item.sentence}" for item in self.facts)
        return "\n\n".join(
            part for part in (self.opening, facts, self.ask_text, self.closing) if part
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the two texts a delivery channel asks for, and the choices."""
        return {
            "statement": self.statement,
            "constituent_message": self.constituent_message,
            "facts": [item.fact.id for item in self.facts],
            "ask": self.ask.id or self.ask.audience,
        }


def with_article(organisation: str) -> str:
    """``the City of Oakland`` for ``City of Oakland``; other names as they are."""
    words = organisation.split()
    if words and words[0].casefold() in _THE_WORDS:
        return f"the {organisation}"
    return organisation


def role_phrase(official: Official, title: str, chamber: str) -> str:
    """What the writer asks the recipient as: ``one of my two Senators``, ``Mayor of the City
    of Oakland``; "" for a body or a person with no title."""
    office = official.office
    if office == "us-senate":
        return "one of my two Senators"
    if office == "us-house":
        return f"my {title} in Congress"
    if office == "state-upper":
        return "my state Senator"
    if office == "state-lower":
        return f"my {title} in the {chamber}"
    if title and official.organisation:
        return f"{title} of {with_article(official.organisation)}"
    return title


def default_phrases(
    official: Official, words: LanguageWords = ENGLISH
) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    """The opening and closing for a campaign that gives none (or none for this recipient),
    in the language of ``words``."""
    if not words.english:
        opening = words.opening if official.name else words.body_opening
        return (Phrase(opening),), (Phrase(words.closing),)
    if official.office != "other":
        opening = _LEGISLATOR_OPENING
    else:
        opening = _NAMED_OPENING if official.name else _BODY_OPENING
    return (Phrase(opening),), (Phrase(DEFAULT_CLOSINGS[official.office]),)


def compose(
    campaign: Campaign,
    selection: FactSelection,
    *,
    who: Audience,
    official: Official,
    variation: Variation,
    story: str | None,
    render: Callable[[str, Mapping[str, Any]], str],
    context: Mapping[str, Any],
    words: LanguageWords = ENGLISH,
) -> LetterContent:
    """One letter's words: ``selection``'s facts and ask varied by ``variation``, the opening
    and closing rendered by ``render`` (a Jinja2 text with ``context``)."""
    chosen = choose_facts(selection, variation)
    varied = numbered(selection.audience, chosen, selection.ask, selection.pool)
    ask = varied.ask
    default_openings, default_closings = default_phrases(official, words)
    openings = _fitting(campaign.openings, who) or default_openings
    closings = _fitting(campaign.closings, who) or default_closings
    phrase_context = {**context, "ask": ask}
    return LetterContent(
        opening=render(variation.pick("opening", openings).text, phrase_context),
        facts=varied.facts,
        ask=ask,
        ask_text=variation.pick("ask", ask.texts),
        ask_note=varied.ask_note,
        notes=varied.notes,
        closing=render(variation.pick("closing", closings).text, phrase_context),
        constituent_message=story.strip() if story else "",
    )


def choose_facts(selection: FactSelection, variation: Variation) -> list[Fact]:
    """Up to as many facts as ``selection`` cites (at least ``MIN_FACTS``, as the variation
    draws): one of the two most relevant points first, the others drawn from the next most
    relevant ones in the variation's order, one alternative per point."""
    count = len(selection.facts)
    if not selection.pool or count == 0:
        return [item.fact for item in selection.facts]
    pool = list(selection.pool[: min(count, MAX_FACTS) + SPARE_POINTS])
    count = variation.pick("fact-count", range(min(MIN_FACTS, count), count + 1))
    lead = variation.pick("lead", range(min(LEAD_POINTS, len(pool))))
    rest = pool[:lead] + pool[lead + 1 :]
    points = [
        pool[lead],
        *variation.shuffled("fact-order", variation.sample("facts", rest, count - 1)),
    ]
    chosen = [variation.pick(f"fact-{i}", alternatives) for i, alternatives in enumerate(points)]
    for item in selection.facts:  # fewer points than facts: the selection's own fill-ins
        if len(chosen) >= count:
            break
        if item.fact not in chosen:
            chosen.append(item.fact)
    return chosen


def _fitting(phrases: tuple[Phrase, ...], who: Audience) -> tuple[Phrase, ...]:
    return tuple(phrase for phrase in phrases if applies_to(phrase.applies, who))


def variant_count(selection: FactSelection, campaign: Campaign, who: Audience) -> int:
    """About how many different statements the campaign can write to this recipient (an upper
    bound: every draw of facts, order, opening, ask phrasing and closing)."""
    count = len(selection.facts)
    pool = selection.pool[: min(count, MAX_FACTS) + SPARE_POINTS]
    total = len(selection.ask.texts)
    total *= max(len(_fitting(campaign.openings, who)), 1)
    total *= max(len(_fitting(campaign.closings, who)), 1)
    if pool and count:
        leads, rest = min(LEAD_POINTS, len(pool)), len(pool) - 1
        drawn = {min(k - 1, rest) for k in range(min(MIN_FACTS, count), count + 1)}
        draws = sum(math.comb(rest, k) * math.factorial(k) for k in drawn)
        total *= leads * draws * math.prod(len(alternatives) for alternatives in pool)
    return total
