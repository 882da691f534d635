"""Fact sheet polish (issue 11): one date style, markers kept with their words, balanced
columns for any tag subset, and body type of at least 9.5 pt on Letter and A4."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from civickit.campaign import Campaign, load_campaign
from civickit.materials import pagefit
from civickit.materials.factsheet import build_factsheet, html_renderer, render_factsheet
from civickit.materials.factsheet_render import WORD_JOINER, cited
from civickit.materials.filters import capitalise_first, fact_when
from civickit.materials.pdf import load_weasyprint

GENERATED = dt.date(2026, 12, 1)
TAG_SETS = [(), ("california",), ("state",), ("local",), ("bias",), ("timeline",), ("companies",)]
_SHORT_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d")
_PAPER_POINTS = {"letter": (612, 792), "a4": (595, 842)}


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign()


def _pdf(campaign: Campaign, tags: tuple[str, ...] = (), paper: str = "letter") -> bytes:
    sheet = build_factsheet(campaign, tags=tags, paper=paper, generated=GENERATED)
    pdf = render_factsheet(sheet, "pdf")
    assert isinstance(pdf, bytes)
    return pdf


def _placed_text(pdf: bytes) -> tuple[list[tuple[float, float, str]], float]:
    """Every text run of the one page with its position (points, y upwards), and page width."""
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    runs: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return runs, float(page.mediabox.width)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_builtin_body_text_is_at_least_9_5_pt_on_one_page(campaign: Campaign, paper: str) -> None:
    sheet = build_factsheet(campaign, paper=paper, generated=GENERATED)
    fitted = pagefit.fit_one_page(html_renderer(sheet))
    assert fitted.layout.font_pt >= 9.5  # was 9 pt on Letter with the key facts repeated
    assert f"html {{ font-size: {fitted.layout.font_pt}pt; }}" in fitted.html
    reader = PdfReader(io.BytesIO(fitted.pdf()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == _PAPER_POINTS[paper]


@pytest.mark.parametrize("tags", TAG_SETS)
def test_one_date_style_throughout(campaign: Campaign, tags: tuple[str, ...]) -> None:
    sheet = build_factsheet(campaign, tags=tags, generated=GENERATED)
    for entry in sheet.timeline:
        assert entry.label == capitalise_first(fact_when(entry.fact))
    for item in sheet.facts:
        assert item.date_label == capitalise_first(fact_when(item.fact))
    markdown = str(render_factsheet(sheet, "md"))
    html = html_renderer(sheet)(pagefit.FALLBACK_LAYOUT, 0.0)
    for text in (markdown, re.sub(r"<[^>]+>", "", html)):
        assert not _SHORT_MONTH.search(text), _SHORT_MONTH.search(text)
    assert "The week of June 1, 2020" in markdown  # as the key facts would say it


def test_every_marker_in_the_html_is_joined_to_its_word(campaign: Campaign) -> None:
    sheet = build_factsheet(campaign, tags=["california"], generated=GENERATED)
    html = html_renderer(sheet)(pagefit.FALLBACK_LAYOUT, 0.0)
    markers = [match.start() for match in re.finditer(r'<sup class="cite">', html)]
    assert len(markers) == len(sheet.citation_numbers)
    for start in markers:
        assert html[start - 1] == WORD_JOINER
        assert not html[start - 2].isspace()


def test_a_marker_never_starts_a_line_at_any_width() -> None:
    weasyprint = load_weasyprint()
    alone: list[int] = []
    for width in range(60, 240, 3):
        body = cited("facial recognition by police and governments.", 2)
        html = f'<p style="width:{width}px;font-size:10pt">{body}</p>'
        pdf = weasyprint.HTML(string=html).write_pdf()
        lines = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()
        alone.extend(width for line in lines if re.fullmatch(r"\W*\[2\]", line.strip()))
    assert alone == []
    assert cited("No source", None) == "No source"


@pytest.mark.parametrize("tags", TAG_SETS)
def test_no_marker_sits_alone_on_a_printed_line(campaign: Campaign, tags: tuple[str, ...]) -> None:
    runs, _ = _placed_text(_pdf(campaign, tags))
    sources = next(y for _, y, text in runs if text.startswith("SOURCES"))  # numbered list
    markers = [(x, y) for x, y, text in runs if re.fullmatch(r"\[\d+\]", text) and y > sources]
    assert markers
    # A superscript sits a few points above its line; some words must precede it there.
    alone = [
        (x, y) for x, y in markers if not any(rx < x and abs(ry - y) <= 7 for rx, ry, _ in runs)
    ]
    assert alone == []


@pytest.mark.parametrize("tags", TAG_SETS)
def test_tag_subsets_leave_no_hole_in_either_column(
    campaign: Campaign, tags: tuple[str, ...]
) -> None:
    runs, width = _placed_text(_pdf(campaign, tags))
    top = next(y for _, y, text in runs if text.startswith("KEY FACTS"))
    bottom = next(y for _, y, text in runs if text.startswith("SOURCES"))
    inside = [(x, y) for x, y, _ in runs if bottom < y <= top]
    left = min(y for x, y in inside if x < width / 2)
    right = min(y for x, y in inside if x >= width / 2)
    # Balanced columns end within a few lines of each other (before: ~250 pt apart).
    assert abs(left - right) <= min(60.0, 0.2 * (top - bottom)), (left, right)
