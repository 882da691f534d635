"""Text, Markdown and CSV views of a campaign and its facts (``facts``, ``campaign show``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from civickit.core.dates import fit_to_date
from civickit.materials.filters import (
    capitalise_first,
    fact_sentence,
    fact_when,
    source_numbers,
    wrap_text,
)

if TYPE_CHECKING:
    from civickit.campaign import Campaign, Fact


def facts_text(facts: Sequence[Fact]) -> str:
    """Numbered facts, wrapped at 72 columns, each with date and citation."""
    blocks = []
    for number, fact in enumerate(facts, start=1):
        body = wrap_text(fit_to_date(fact_sentence(fact), "label"), indent="    ")
        blocks.append(
            f"{number:>2}. [{fact.id}] {fact_when(fact)}\n{body}\n"
            f"    Source: {fact.source.citation()}"
        )
    return "\n\n".join(blocks) + "\n"


def facts_markdown(campaign: Campaign, facts: Sequence[Fact]) -> str:
    """Facts as a Markdown list with footnote citations, one footnote per source."""
    numbers = source_numbers(fact.source for fact in facts)
    lines = [f"# {campaign.title}: facts", ""]
    for fact in facts:
        when, sentence = capitalise_first(fact_when(fact)), fact_sentence(fact)
        lines.append(f"- **{when}:** {fit_to_date(sentence, 'label')}[^{numbers[fact.source.id]}]")
    lines.append("")
    for source_id, number in numbers.items():
        lines.append(f"[^{number}]: {campaign.sources[source_id].citation()}")
    return "\n".join(lines) + "\n"


def fact_row(fact: Fact) -> dict[str, Any]:
    """A flat record for CSV output."""
    return {
        "id": fact.id,
        "date": fact.date.iso(),
        "precision": fact.date.precision.value,
        "date_basis": fact.date_basis,
        "text": fact.text,
        "attribution": fact.attribution or "",
        "tags": ";".join(fact.tags),
        "source_id": fact.source.id,
        "source_publisher": fact.source.publisher,
        "source_date": fact.source.date.iso(),
        "citation": fact.source.citation(),
    }


def campaign_text(campaign: Campaign) -> str:
    """A readable overview of a campaign."""
    from civickit.campaign.translations import languages_line

    lines = [
        campaign.title,
        "=" * len(campaign.title),
        "",
        wrap_text(campaign.summary),
        "",
        f"Campaign:  {campaign.id}{' (built-in)' if campaign.builtin else ''}",
        f"Folder:    {campaign.path}",
        f"Sources:   {len(campaign.sources)}",
        f"Facts:     {len(campaign.facts)}",
        f"Quotes:    {len(campaign.quotes)}",
        f"Hashtags:  {' '.join(campaign.hashtags) or '-'}",
        f"Action:    {campaign.action_url or '-'}",
        f"Languages: {languages_line(campaign)}",
        "",
        "Asks:",
    ]
    for audience, ask in campaign.asks.items():
        lines.append(f"  {audience}:")
        lines.append(wrap_text(ask.text, indent="    "))
    lines += ["", "Tags:"]
    lines += [f"  {name:<14} {description}" for name, description in campaign.tags.items()]
    lines += ["", "Sources:"]
    lines += [f"  [{source.id}] {source.citation()}" for source in campaign.sources.values()]
    return "\n".join(lines) + "\n"
