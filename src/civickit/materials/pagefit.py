"""Fitting printable HTML to exactly one page, and turning it into PDF with WeasyPrint.

A template reads the numbers of a :class:`Layout` (type size, spacing, leading). The fitter
renders it at the roomiest layout WeasyPrint lays out on one page, measuring with
``reserve_in`` inches of extra bottom margin so that browsers, whose line boxes differ by a
hair, print the final HTML (rendered without the reserve) on one page too.

WeasyPrint is imported only here and only when needed; a missing Pango library is reported
as a :class:`civickit.materials.pdf.PdfUnavailableError` naming the system package to install.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from civickit.errors import CivickitError, UsageError

# Extra bottom margin while measuring, in inches: about two lines of body text.
FIT_RESERVE_IN = 0.3


@dataclass(frozen=True)
class Layout:
    """Type sizes for one attempt at fitting the page; templates read these numbers."""

    name: str
    font_pt: float  # body text
    gap_em: float  # vertical space between blocks
    line_height: float


def make_layouts(
    largest: float = 11.0, smallest: float = 7.0, step: float = 0.25
) -> tuple[Layout, ...]:
    """Layouts from roomy to tight: type shrinks in quarter points, spacing and leading with it."""
    count = round((largest - smallest) / step) + 1
    layouts = []
    for index in range(count):
        share = index / (count - 1)  # 0 at the roomiest, 1 at the tightest
        font = largest - index * step
        layouts.append(
            Layout(
                name=f"{font:g}pt",
                font_pt=font,
                gap_em=round(1.2 - 0.75 * share, 3),
                line_height=round(1.38 - 0.23 * share, 3),
            )
        )
    return tuple(layouts)


LAYOUTS: tuple[Layout, ...] = make_layouts()
# Without WeasyPrint there is nothing to measure with; 8.5 pt fits every sheet in the tests.
FALLBACK_LAYOUT = next(layout for layout in LAYOUTS if layout.font_pt == 8.5)

# Where the search starts: the size most sheets of the built-in campaign fit at.
DEFAULT_START = next(index for index, layout in enumerate(LAYOUTS) if layout.font_pt == 9.5)

HtmlForLayout = Callable[[Layout, float], str]


@dataclass(frozen=True)
class Fitted:
    """The chosen layout and the final HTML, rendered without the measuring reserve."""

    layout: Layout
    html: str

    def pdf(self) -> bytes:
        """The PDF of exactly this HTML; refused if it is not one page."""
        document = layout_document(self.html)
        if len(document.pages) != 1:  # cannot happen: it fitted with less room
            raise CivickitError(
                f"the page laid out on {len(document.pages)} pages; please report this as a bug"
            )
        return bytes(document.write_pdf())


def fit_one_page(
    html_for: HtmlForLayout,
    layouts: Sequence[Layout] = LAYOUTS,
    reserve_in: float = FIT_RESERVE_IN,
    start: int | None = None,
) -> Fitted:
    """The roomiest of ``layouts`` whose HTML WeasyPrint lays out on one page.

    ``html_for(layout, reserve_in)`` renders the page. Smaller type never needs more pages, so
    the search gallops from ``start`` (a typical fit) to bracket the answer, then bisects: two to
    four WeasyPrint renders for a usual sheet instead of one per layout.
    """
    verdicts: dict[int, bool] = {}

    def fits(index: int) -> bool:
        if index not in verdicts:
            verdicts[index] = page_count(html_for(layouts[index], reserve_in)) == 1
        return verdicts[index]

    found = first_fit(fits, len(layouts), DEFAULT_START if start is None else start)
    if found is None:
        raise UsageError(
            "the sheet does not fit on one page even at the smallest type; "
            "choose fewer facts with --tag, or shorten --org or the campaign's texts"
        )
    return Fitted(layouts[found], html_for(layouts[found], 0.0))


def first_fit(fits: Callable[[int], bool], count: int, start: int = 0) -> int | None:
    """The smallest index in ``range(count)`` for which the monotone ``fits`` holds, or None.

    Gallops from ``start`` to bracket the answer, then bisects.
    """
    if count <= 0:
        return None
    bad, good = _bracket(fits, min(max(start, 0), count - 1), count)
    while good - bad > 1:
        middle = (bad + good) // 2
        if fits(middle):
            good = middle
        else:
            bad = middle
    return good if good < count else None


def _bracket(fits: Callable[[int], bool], start: int, count: int) -> tuple[int, int]:
    """Indices ``(bad, good)`` with the answer in ``(bad, good]``; -1 and ``count`` stand for
    "roomier than any" and "none fits"."""
    step = 1
    if fits(start):
        good = start
        while good - step >= 0 and fits(good - step):
            good -= step
            step *= 2
        return max(good - step, -1), good
    bad = start
    while bad + step < count and not fits(bad + step):
        bad += step
        step *= 2
    return bad, min(bad + step, count)


def page_count(html: str) -> int:
    """How many pages WeasyPrint lays ``html`` out on."""
    return len(layout_document(html).pages)


def html_to_pdf(html: str) -> bytes:
    """``html`` as PDF, fetching nothing from the network or disk."""
    return bytes(layout_document(html).write_pdf())


def layout_document(html: str) -> Any:
    """``html`` laid out by WeasyPrint, fetching nothing; ``.pages`` lists its pages."""
    from civickit.materials.pdf import load_weasyprint, no_fetching

    weasyprint = load_weasyprint()
    return weasyprint.HTML(string=html, url_fetcher=no_fetching()).render()
