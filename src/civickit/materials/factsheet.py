"""One-page fact sheets: key facts, a timeline, a pull quote and the asks, every fact cited.

:func:`build_factsheet` chooses and numbers what goes on the page (the records are in
:mod:`civickit.materials.factsheet_content`); :func:`render_factsheet` turns it into HTML, PDF or
Markdown (:mod:`civickit.materials.factsheet_render`), with the action link as a QR code
(:mod:`civickit.materials.qr`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from civickit.campaign import Campaign, Fact, Source, is_http_url
from civickit.campaign.translations import in_language
from civickit.core.dates import DateWords
from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.errors import UsageError
from civickit.materials.factsheet_content import (
    PAPERS,
    FactSheet,
    Paper,
    PullQuote,
    SheetAsk,
    SheetFact,
    SheetSource,
    TimelineEntry,
)
from civickit.materials.factsheet_render import html_renderer, render_factsheet
from civickit.materials.factsheet_words import sheet_words
from civickit.materials.filters import source_numbers
from civickit.materials.languages import language_words
from civickit.materials.render import template_search_path

__all__ = [
    "MAX_FACTS",
    "FactSheet",
    "build_factsheet",
    "html_renderer",
    "render_factsheet",
]

KEY_TAG = "key"
TIMELINE_TAG = "timeline"
# Eight key facts still fit next to the timeline, quote and asks; more would force type too
# small to read on a handout.
MAX_FACTS = 8
MAX_TIMELINE = 6
MAX_ORG_CHARS = 1000
MAX_URL_CHARS = 2000


class _Citations:
    """Numbers sources by first use, one number per source."""

    def __init__(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self._order: dict[str, Source] = {}

    def number(self, source: Source) -> int:
        self._order.setdefault(source.id, source)
        return source_numbers(self._order.values())[source.id]

    def sources(self) -> tuple[SheetSource, ...]:
        numbers = source_numbers(self._order.values())
        return tuple(
            SheetSource(numbers[source.id], source, self._campaign.sources.get(source.via or ""))
            for source in self._order.values()
        )


def build_factsheet(
    campaign: Campaign,
    *,
    tags: Iterable[str] = (),
    action_url: str | None = None,
    org: str | None = None,
    paper: str = "letter",
    generated: dt.date,
    as_of: dt.date | None = None,
    language: str = DEFAULT_LANGUAGE,
    template_dir: Path | None = None,
) -> FactSheet:
    """Choose, order and number what goes on the sheet.

    Key facts are those tagged ``key`` (or any of ``tags``), at most :data:`MAX_FACTS` with
    ``key`` facts kept first; the timeline is the facts tagged ``timeline`` by date; no fact is
    printed twice: one on the timeline is not repeated among the key facts (unless that would
    leave no key facts, when the timeline gives it up instead). The pull quote is the first
    quote tagged ``key``. ``action_url`` defaults to the campaign's; pass
    ``""`` for none. Sources are numbered by first use in page order: quote, facts, timeline,
    asks.

    ``language`` (a code such as ``es``) prints the campaign's translation (English where it
    has none, see :mod:`civickit.campaign.translations`), its dates in that language at each
    fact's precision and civickit's own words from the ``[factsheet]`` table of
    ``<code>/language.toml``, looked up in ``template_dir``, the campaign's templates and the
    built-in ones.
    """
    words = language_words(language, template_search_path(template_dir, campaign.templates_dir))
    on_sheet = sheet_words(words)
    campaign = in_language(campaign, language, words.dates)
    chosen_paper = _check_paper(paper)
    url = _check_action_url(campaign.action_url if action_url is None else action_url)
    org_name = _check_org(org)
    on_timeline = _timeline_facts(campaign)
    selected, left_out = _select_facts(campaign, tuple(tags), {fact.id for fact in on_timeline})
    shown = {fact.id for fact in selected}
    on_timeline = [fact for fact in on_timeline if fact.id not in shown]
    citations = _Citations(campaign)  # numbered in page order: quote, facts, timeline, asks
    quote = _pull_quote(campaign, citations, words.dates)
    facts = tuple(SheetFact(fact, citations.number(fact.source)) for fact in selected)
    timeline = tuple(TimelineEntry(fact, citations.number(fact.source)) for fact in on_timeline)
    asks = tuple(
        SheetAsk(ask, citations.number(ask.source) if ask.source else None, on_sheet)
        for ask in campaign.asks.values()
    )
    return FactSheet(
        campaign_id=campaign.id,
        title=campaign.title,
        lead=campaign.summary,
        paper=chosen_paper,
        generated=generated,
        as_of=as_of or generated,
        facts=facts,
        timeline=timeline,
        quote=quote,
        asks=asks,
        sources=citations.sources(),
        org=org_name,
        action_url=url,
        left_out=left_out,
        campaign_templates=campaign.templates_dir,
        language=words.code,
        words=on_sheet,
        dates=words.dates,
    )


def _select_facts(
    campaign: Campaign, tags: tuple[str, ...], on_timeline: set[str]
) -> tuple[list[Fact], tuple[str, ...]]:
    chosen = campaign.facts_tagged(tags or (KEY_TAG,))
    if not chosen:
        wanted = ", ".join(tags or (KEY_TAG,))
        raise UsageError(
            f"no facts tagged {wanted} in campaign {campaign.id!r}; "
            "pick other tags with --tag (see 'civickit facts')"
        )
    # A fact the timeline prints is not repeated here, unless every chosen fact is on it.
    chosen = [fact for fact in chosen if fact.id not in on_timeline] or chosen
    # Over the cap, facts tagged `key` win; the rest keep the campaign file's order.
    ranked = sorted(chosen, key=lambda fact: KEY_TAG not in fact.tags)
    kept = {fact.id for fact in ranked[:MAX_FACTS]}
    return (
        [fact for fact in chosen if fact.id in kept],
        tuple(fact.id for fact in chosen if fact.id not in kept),
    )


def _timeline_facts(campaign: Campaign) -> list[Fact]:
    tagged = [fact for fact in campaign.facts if TIMELINE_TAG in fact.tags]
    return sorted(tagged, key=lambda fact: fact.date)[:MAX_TIMELINE]


def _pull_quote(
    campaign: Campaign, citations: _Citations, dates: DateWords | None
) -> PullQuote | None:
    for quote in campaign.quotes:
        if KEY_TAG in quote.tags:
            return PullQuote(quote, citations.number(quote.source), dates)
    return None


def _check_paper(paper: str) -> Paper:
    lowered = paper.lower()
    for name in PAPERS:
        if name == lowered:
            return name
    raise UsageError(f"--paper {paper!r}: use one of {', '.join(PAPERS)}")


def _check_action_url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    cleaned = url.strip()
    if not is_http_url(cleaned):
        raise UsageError(
            f"--action-url {_clip(cleaned)!r}: give an http(s) URL without spaces, "
            "e.g. https://example.org/act"
        )
    if len(cleaned) > MAX_URL_CHARS:
        raise UsageError(
            f"--action-url is {len(cleaned)} characters long; a QR code holds at most "
            f"{MAX_URL_CHARS}: use a shorter link"
        )
    return cleaned


def _check_org(org: str | None) -> str | None:
    if org is None:
        return None
    printable = "".join(ch if ch.isprintable() else " " for ch in org)
    cleaned = " ".join(printable.split())
    if len(cleaned) > MAX_ORG_CHARS:
        raise UsageError(
            f"--org is {len(cleaned)} characters long; give at most {MAX_ORG_CHARS} "
            "(a short name prints best)"
        )
    return cleaned or None


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
