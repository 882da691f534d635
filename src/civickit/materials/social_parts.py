"""The pieces one post is made of: a fact's or quote's lead, date, text and source.

Openings alternate (see :mod:`civickit.materials.social`): ``date_last=False`` leads with the
date ("On June 10, 2020, Amazon said …"), ``date_last=True`` with the fact or the speaker, the
date after ("Amazon said … (June 10, 2020).").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from civickit.campaign import Campaign, Fact, Quote
from civickit.core.dates import DateJoin, fit_to_date, sentence_case
from civickit.materials.filters import capitalise_first, fact_sentence, fact_when
from civickit.materials.social_types import ItemKind
from civickit.materials.social_words import SocialWords
from civickit.materials.textcount import Platform


@dataclass(frozen=True)
class PostParts:
    """The pieces a template lays out for one fact or quote."""

    kind: ItemKind
    item_id: str
    source_id: str
    lead: str  # the date-first lead: "On June 8, 2020," / "Reported on June 11, 2020:"
    speaker_lead: str  # a quote's speaker-first lead: "Brad Smith told The Washington Post:"
    when: str  # "June 8, 2020", "reported June 11, 2020"
    body: str
    source_name: str
    source_url: str | None
    citation: str
    date_last: bool
    join: DateJoin = "lead"  # how a fact's text follows its date-first lead
    ordinary: frozenset[str] | None = None  # the fact's language's ordinary words (None: English)
    note: str = ""  # a quote's translation, marked as one ("Traducción: «…»")

    def statement(self) -> str:
        """The fact or quote with its date, leading with the date or ending with it."""
        text = f"\u201c{self.body}\u201d" if self.kind == "quote" else self.body
        note = f" {self.note}" if self.note else ""
        # A text ending in brackets of its own takes the date first: no "(ACLU) (2020)".
        if not self.date_last or text.rstrip(".").endswith(")"):
            if self.kind == "fact":
                return f"{self.lead} {fit_to_date(text, self.join, self.ordinary)}"
            return f"{self.lead} {text}{note}"
        if self.kind == "quote":
            return f"{self.speaker_lead} {text} ({self.when}){note}"
        if text.endswith("."):
            return f"{text[:-1]} ({self.when})."
        return f"{text} ({self.when})"

    def context(
        self,
        platform: Platform,
        url: str | None,
        hashtags: Sequence[str],
        words: Mapping[str, str],
    ) -> dict[str, Any]:
        """What ``social_post*.txt`` is rendered with on ``platform``."""
        return {
            "platform": platform.name,
            "kind": self.kind,
            "statement": self.statement(),
            "lead": self.lead,
            "body": self.body,
            "when": self.when,
            "source_name": self.source_name,
            "source_url": self.source_url if platform.links else None,
            "citation": self.citation,
            "url": url if platform.links else None,
            "link_in_bio": url is not None and not platform.links,
            "hashtags": list(hashtags),
            "translation": self.note,
            "words": dict(words),
        }


def source_name(campaign: Campaign, source_id: str, words: SocialWords) -> str:
    """The publisher a post credits: ``The Washington Post, via The Verge``."""
    source = campaign.sources[source_id]
    if source.via and source.via in campaign.sources:
        return words.credit(source.publisher, campaign.sources[source.via].publisher)
    return source.publisher


def post_parts(
    campaign: Campaign,
    item: Fact | Quote,
    words: SocialWords,
    *,
    date_last: bool,
    short: bool = False,
    translated: bool = False,
) -> PostParts:
    """The parts of ``item``'s post; ``short`` names a quote's speaker without role.

    ``translated``: the post is in another language than the campaign's own, so a quote's
    role and context (in the campaign's language) give way to ``words``, and its translation
    follows it, marked as one.
    """
    source = item.source
    name = source_name(campaign, source.id, words)
    url, citation = source.url, source.citation()
    if isinstance(item, Fact):
        when = capitalise_first(fact_when(item, phrase=True))
        join: DateJoin = "label" if item.date_basis == "reported" else "lead"
        lead = f"{when}:" if join == "label" else f"{when},"
        body = sentence_case(fact_sentence(item))
        ordinary = item.date.words.ordinary if item.date.words else None
        # "(reported June 11, 2020)", but "(según se informó el 11 de junio de 2020)": another
        # language's "reported" takes the running-text date.
        later = fact_when(item, phrase=item.date_basis == "reported" and ordinary is not None)
        return PostParts(
            "fact", item.id, source.id, lead, "", later, body, name, url, citation,
            date_last, join, ordinary,
        )  # fmt: skip
    if translated:
        given = campaign.translations.get(words.code)
        context = given.quotes.get(item.id, {}).get("context") if given else None
        return _translated_quote(
            item, words, name, date_last=date_last, short=short, context=context
        )
    when = capitalise_first(item.date.phrase())
    # A quote that starts in lower case continues the sentence its context begins.
    colon = "" if item.text[:1].islower() else ":"
    verb = item.context or words.said
    who = ", ".join(dict.fromkeys(p for p in (item.speaker, item.role, item.organisation) if p))
    if short or who == item.speaker:
        who = item.speaker
    else:
        who += ","  # "Brad Smith, President, Microsoft, told …" but "Amazon said …"
    return PostParts(
        "quote", item.id, source.id, f"{when}, {who} {verb}{colon}",
        f"{capitalise_first(who)} {verb}{colon}", item.date.text(), item.text, name, url,
        citation, date_last,
    )  # fmt: skip


def _translated_quote(
    item: Quote,
    words: SocialWords,
    name: str,
    *,
    date_last: bool,
    short: bool,
    context: str | None = None,
) -> PostParts:
    """``El 11 de junio de 2020, Matt Cagle (ACLU …) dijo: “…” Traducción: «…»``; with the
    campaign's translated ``context`` (the reporting words) in place of ``said``: "Brad Smith
    (Microsoft) dijo a The Washington Post: “…”"."""
    date = item.date.in_language(words.dates)
    who = item.speaker
    if not short and item.organisation and item.organisation != item.speaker:
        who = f"{item.speaker} ({item.organisation})"
    # A quote that starts in lower case continues the sentence its context begins.
    verb = f"{context}{'' if item.text[:1].islower() else ':'}" if context else f"{words.said}:"
    lead = f"{capitalise_first(date.phrase())}, {who} {verb}"
    source = item.source
    return PostParts(
        "quote", item.id, source.id, lead, f"{who} {verb}", date.text(), item.text, name,
        source.url, source.citation(), date_last, note=words.translated(item.translation or ""),
    )  # fmt: skip
