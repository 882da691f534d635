"""Helpers shared by the fact-sheet tests."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from pypdf import PdfReader

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "factsheet"
MINI_CAMPAIGN = FIXTURES / "mini"
GENERATED = dt.date(2026, 11, 26)
LONG_ORG = ("Coalition for Community Control over Police Surveillance and Civil Liberties " * 8)[
    :500
]
LONG_URL = ("https://example.org/act?" + "&".join(f"p{i}=value{i:03d}" for i in range(60)))[:600]

_CITE = re.compile(r'<sup class="cite"><a href="#src-(\d+)">\[(\d+)\]</a></sup>')
_SOURCE_ID = re.compile(r'<li id="src-(\d+)">')


def pdf_pages(data: bytes) -> int:
    """Pages in a PDF, counted by pypdf."""
    assert data.startswith(b"%PDF-"), data[:20]
    return len(PdfReader(io.BytesIO(data)).pages)


def html_citations(html: str) -> list[int]:
    """Every citation number in the HTML, checking each marker links to its own number."""
    numbers = []
    for target, shown in _CITE.findall(html):
        assert target == shown
        numbers.append(int(shown))
    return numbers


def html_source_numbers(html: str) -> list[int]:
    """The numbers of the Sources section's entries, in order."""
    return [int(number) for number in _SOURCE_ID.findall(html)]


def layout_name(html: str) -> str:
    """The layout the fitter chose, from the body's data attribute."""
    found = re.search(r'data-layout="([^"]+)"', html)
    assert found, "no data-layout attribute"
    return found.group(1)
