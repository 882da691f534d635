"""One-page fact sheets: key facts, a timeline, a pull quote and the asks, every fact cited.

:func:`build_factsheet` chooses and numbers what goes on the page; :func:`render_factsheet` turns
it into HTML, PDF (the same HTML through WeasyPrint) or Markdown. HTML and PDF are fitted to one
page by :mod:`civickit.materials.pagefit`: the largest type size that WeasyPrint lays out on a
single page of the chosen paper, with a little room to spare for browsers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from civickit.campaign import Ask, Campaign, Fact, Quote, Source, is_http_url
from civickit.core.dates import FuzzyDate, Precision
from civickit.errors import UsageError
from civickit.materials import pagefit, render
from civickit.materials.filters import (
    capitalise_first,
    fact_sentence,
    fact_when,
    source_numbers,
)
from civickit.materials.pagefit import Layout
from civickit.materials.pdf import PdfUnavailableError

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

Paper = Literal["letter", "a4"]
Format = Literal["html", "pdf", "md"]
PAPERS: tuple[Paper, ...] = ("letter", "a4")
FORMATS: tuple[Format, ...] = ("html", "pdf", "md")

KEY_TAG = "key"
TIMELINE_TAG = "timeline"
# Seven key facts fill a page next to the timeline, quote and asks at a comfortable size; eight
# still fit at the smaller layouts. More would force type too small to read on a handout.
MAX_FACTS = 8
MAX_TIMELINE = 6
MAX_ORG_CHARS = 1000
MAX_URL_CHARS = 2000

AUDIENCE_LEADS: dict[str, str] = {
    "federal": "Ask Congress to",
    "state": "Ask your state legislators to",
    "local": "Ask your city council and county board to",
    "companies": "Tell technology companies to",
}


# --------------------------------------------------------------------------- the data


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
        """The fact as a writer would cite it, attribution included."""
        return fact_sentence(self.fact)

    @property
    def date_label(self) -> str:
        """``June 8, 2020`` or ``Reported June 11, 2020``, never finer than the source."""
        return capitalise_first(fact_when(self.fact))

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
        """``Jun 8, 2020`` / ``Week of Jun 1, 2020``."""
        return capitalise_first(self.fact.date.short())

    @property
    def sentence(self) -> str:
        """What happened: the fact's headline, or the whole fact when it has none."""
        return self.fact.headline or fact_sentence(self.fact)

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

    @property
    def attribution(self) -> str:
        """``Matt Cagle, Technology and civil liberties attorney, ACLU of …, June 11, 2020``."""
        return f"{self.quote.attribution()}, {self.quote.date.text()}"

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
            "citation": self.citation,
        }


@dataclass(frozen=True)
class SheetAsk:
    """One line of "What you can do": who to ask, and what."""

    ask: Ask
    citation: int | None

    @property
    def lead(self) -> str:
        """``Ask Congress to``."""
        return AUDIENCE_LEADS.get(self.ask.audience, f"Ask {self.ask.audience} to")

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

    @property
    def timeline_title(self) -> str:
        """``June 2020 timeline`` when every entry falls in one month, else ``Timeline``."""
        return _timeline_title([entry.date for entry in self.timeline])

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


# --------------------------------------------------------------------------- building


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
) -> FactSheet:
    """Choose, order and number what goes on the sheet.

    Key facts are those tagged ``key`` (or any of ``tags``), at most :data:`MAX_FACTS` with
    ``key`` facts kept first; the timeline is the facts tagged ``timeline`` by date; the pull
    quote is the first quote tagged ``key``. ``action_url`` defaults to the campaign's; pass
    ``""`` for none. Sources are numbered by first use in page order: quote, facts, timeline,
    asks.
    """
    chosen_paper = _check_paper(paper)
    url = _check_action_url(campaign.action_url if action_url is None else action_url)
    org_name = _check_org(org)
    selected, left_out = _select_facts(campaign, tuple(tags))
    citations = _Citations(campaign)  # numbered in page order: quote, facts, timeline, asks
    quote = _pull_quote(campaign, citations)
    facts = tuple(SheetFact(fact, citations.number(fact.source)) for fact in selected)
    timeline = tuple(
        TimelineEntry(fact, citations.number(fact.source)) for fact in _timeline_facts(campaign)
    )
    asks = tuple(
        SheetAsk(ask, citations.number(ask.source) if ask.source else None)
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
    )


def _select_facts(campaign: Campaign, tags: tuple[str, ...]) -> tuple[list[Fact], tuple[str, ...]]:
    chosen = campaign.facts_tagged(tags or (KEY_TAG,))
    if not chosen:
        wanted = ", ".join(tags or (KEY_TAG,))
        raise UsageError(
            f"no facts tagged {wanted} in campaign {campaign.id!r}; "
            "pick other tags with --tag (see 'civickit facts')"
        )
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


def _pull_quote(campaign: Campaign, citations: _Citations) -> PullQuote | None:
    for quote in campaign.quotes:
        if KEY_TAG in quote.tags:
            return PullQuote(quote, citations.number(quote.source))
    return None


def _timeline_title(dates: Sequence[FuzzyDate]) -> str:
    spans = {_month_span(date) for date in dates}
    if len(spans) == 1:
        (span,) = spans
        if span is not None:
            year, month = span
            return f"{dt.date(year, month, 1):%B} {year} timeline"
    return "Timeline"


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


# --------------------------------------------------------------------------- rendering


def _length_scale(text: str | None, steps: Sequence[tuple[int, float]]) -> float:
    """A font-size factor that shrinks long user text (an org name, a URL) in steps."""
    length = len(text or "")
    for limit, factor in steps:
        if length <= limit:
            return factor
    return steps[-1][1]


ORG_SCALE = ((60, 1.0), (140, 0.85), (320, 0.72), (10**9, 0.62))
URL_SCALE = ((60, 1.0), (160, 0.85), (400, 0.72), (10**9, 0.62))


def render_factsheet(
    sheet: FactSheet, fmt: str, *, template_dir: Path | None = None
) -> str | bytes:
    """Render ``sheet`` as ``html`` (str), ``pdf`` (bytes) or ``md`` (str).

    HTML and PDF are fitted to one page (see :mod:`civickit.materials.pagefit`); the PDF is the very
    HTML returned for ``html``, laid out by WeasyPrint. A sheet that does not fit even at the
    smallest type is refused with a message saying what to cut.
    """
    chosen = fmt.lower()
    if chosen not in FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    if chosen == "md":
        env = _environment(sheet, template_dir)
        return render.render_template(env, "factsheet.md", _context(sheet))
    html_for = html_renderer(sheet, template_dir=template_dir)
    if chosen == "html":
        try:
            return pagefit.fit_one_page(html_for).html
        except PdfUnavailableError:
            return html_for(pagefit.FALLBACK_LAYOUT, 0.0)
    return pagefit.fit_one_page(html_for).pdf()


def html_renderer(
    sheet: FactSheet, *, template_dir: Path | None = None
) -> Callable[[Layout, float], str]:
    """A function rendering the sheet's HTML at a given layout, without fitting it.

    Its second argument is extra bottom margin in inches (the fitter's measuring reserve).
    """
    env = _environment(sheet, template_dir)
    qr = make_qr(sheet.action_url) if sheet.action_url else None

    def html_for(layout: Layout, reserve_in: float = 0.0) -> str:
        context = _context(sheet, layout=layout, reserve_in=reserve_in, qr=qr)
        return render.render_template(env, "factsheet.html", context)

    return html_for


def _environment(sheet: FactSheet, template_dir: Path | None) -> jinja2.Environment:
    search_path = render.template_search_path(template_dir, sheet.campaign_templates)
    return render.make_environment(search_path)


@dataclass(frozen=True)
class QrCode:
    """An inline SVG QR code and the printed size at which phones read it reliably."""

    svg: Markup
    size_in: float


# A printed module (one black square) of 0.35 mm or more scans reliably on phone cameras.
QR_MODULE_IN = 0.35 / 25.4
QR_MIN_SIZE_IN = 0.85
QR_BORDER = 3


def make_qr(url: str) -> QrCode:
    """The QR code of ``url`` as inline SVG with alt text, sized so its modules stay scannable."""
    import segno
    from markupsafe import Markup, escape

    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError as exc:
        raise UsageError(
            f"--action-url is too long for a QR code ({len(url)} characters); use a shorter link"
        ) from exc
    label = f"QR code linking to {url}"
    svg = code.svg_inline(
        scale=1, border=QR_BORDER, omitsize=True, svgclass="qr-code", lineclass=None, light="#fff"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    svg = svg.replace(">", f"><title>{escape(label)}</title>", 1)
    modules, _ = code.symbol_size(border=QR_BORDER)
    size = max(QR_MIN_SIZE_IN, round(modules * QR_MODULE_IN, 2))
    return QrCode(Markup(svg), size)  # noqa: S704 - segno's own markup; the label is escaped


def _context(
    sheet: FactSheet,
    *,
    layout: Layout = pagefit.LAYOUTS[0],
    reserve_in: float = 0.0,
    qr: QrCode | None = None,
) -> dict[str, Any]:
    return {
        "sheet": sheet,
        "layout": layout,
        "reserve_in": reserve_in,
        "qr": qr,
        "action_url_html": _display_url(sheet.action_url) if sheet.action_url else None,
        "org_scale": _length_scale(sheet.org, ORG_SCALE),
        "url_scale": _length_scale(sheet.action_url, URL_SCALE),
        "page_size": "A4" if sheet.paper == "a4" else "letter",
    }


def _display_url(url: str) -> Markup:
    """The URL as printed: no ``https://`` (people type it without), escaped, with a line-break
    hint after each ``/``, ``?``, ``&`` and ``=`` so browsers do not break it mid-word."""
    from markupsafe import Markup, escape

    pieces = re.split(r"(?<=[/?&=])", re.sub(r"^https?://", "", url))
    return Markup("<wbr>").join(escape(piece) for piece in pieces if piece)
