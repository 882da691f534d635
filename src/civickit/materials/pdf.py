"""PDF from HTML with WeasyPrint, imported only when a PDF is asked for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from civickit.errors import CivickitError


class PdfUnavailableError(CivickitError):
    """WeasyPrint or one of the system libraries it loads (Pango) is missing."""


def load_weasyprint() -> Any:
    """The ``weasyprint`` module, or a ``PdfUnavailableError`` saying what to install."""
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfUnavailableError(
            "PDF output needs WeasyPrint: install it with 'pip install weasyprint', "
            "or use --format html and print that"
        ) from exc
    except OSError as exc:  # WeasyPrint loads Pango through cffi when it is imported
        raise PdfUnavailableError(
            f"PDF output needs the Pango system library, which WeasyPrint could not load ({exc}); "
            "install it (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0), "
            "or use --format html and print that"
        ) from exc
    return weasyprint


def html_to_pdf(html_documents: Sequence[str], base_url: str | None = None) -> bytes:
    """One PDF holding every document in order, each starting on a new page."""
    if not html_documents:
        raise CivickitError("no documents to put in the PDF")
    weasyprint = load_weasyprint()
    fetcher = no_fetching()
    rendered = [
        weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        for html in html_documents
    ]
    pages = [page for document in rendered for page in document.pages]
    pdf: bytes = rendered[0].copy(pages).write_pdf()
    return pdf


def no_fetching() -> Any:
    """A URL fetcher that loads nothing but ``data:`` URLs: printed pages stay self-contained
    and a user's template cannot make the PDF renderer reach the network or local files."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before the URLFetcher class takes a plain function

        def refuse(url: str, **_options: Any) -> Any:
            raise ValueError(f"printed pages load no external resources ({url})")

        return refuse
    return URLFetcher(allowed_protocols=("data",))
