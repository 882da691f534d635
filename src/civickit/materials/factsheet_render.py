"""Fact sheets on the page: HTML and PDF fitted to one page, or Markdown.

HTML and PDF are fitted by :mod:`civickit.materials.pagefit`: the largest type size that
WeasyPrint lays out on a single page of the chosen paper, with a little room to spare for
browsers. The PDF is the same HTML through WeasyPrint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from civickit.errors import UsageError
from civickit.materials import pagefit, render
from civickit.materials.factsheet_content import FactSheet
from civickit.materials.filters import citation_marker
from civickit.materials.pagefit import Layout
from civickit.materials.pdf import PdfUnavailableError
from civickit.materials.qr import QrCode, make_qr

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

Format = Literal["html", "pdf", "md"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "md")


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
    return render.make_environment(search_path, sheet.language, sheet.dates)


def _context(
    sheet: FactSheet,
    *,
    layout: Layout = pagefit.LAYOUTS[0],
    reserve_in: float = 0.0,
    qr: QrCode | None = None,
) -> dict[str, Any]:
    return {
        "sheet": sheet,
        "words": sheet.words,
        "layout": layout,
        "reserve_in": reserve_in,
        "qr": qr,
        "action_url_html": _display_url(sheet.action_url) if sheet.action_url else None,
        "org_scale": _length_scale(sheet.org, ORG_SCALE),
        "url_scale": _length_scale(sheet.action_url, URL_SCALE),
        "page_size": "A4" if sheet.paper == "a4" else "letter",
        "cited": cited,
    }


WORD_JOINER = "\u2060"  # no line break on either side


def cited(text: str, number: int | None) -> Markup:
    """``text`` and its citation marker, joined so the marker never starts a line of its own.

    A word joiner (U+2060) between them forbids the break WeasyPrint and browsers would
    otherwise allow between a full stop and the marker. (A ``white-space: nowrap`` span around
    the last word made WeasyPrint break the line before it early.)
    """
    from markupsafe import Markup

    if number is None:
        return Markup("{}").format(text)
    return Markup("{}{}{}").format(text.rstrip(), WORD_JOINER, citation_marker(number, "html"))


def _display_url(url: str) -> Markup:
    """The URL as printed: no ``https://`` (people type it without), escaped, with a line-break
    hint after each ``/``, ``?``, ``&`` and ``=`` so browsers do not break it mid-word."""
    from markupsafe import Markup, escape

    pieces = re.split(r"(?<=[/?&=])", re.sub(r"^https?://", "", url))
    return Markup("<wbr>").join(escape(piece) for piece in pieces if piece)
