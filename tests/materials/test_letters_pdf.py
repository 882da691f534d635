"""PDF letters: WeasyPrint from the same HTML, one letter per page, escaped user data."""

from __future__ import annotations

import builtins
import io
import sys
from pathlib import Path
from typing import Any

import pytest

from civickit.campaign import load_campaign
from civickit.materials.letter_files import compose_letters, save_letters, stream_bytes
from civickit.materials.letters import LetterRenderer, Sender
from civickit.materials.pdf import PdfUnavailableError, html_to_pdf
from letters_officials import AS_OF, LETTER_DATE, OFFICIALS, SENDER


@pytest.fixture(scope="module")
def weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot be imported here: {exc}")
    return weasyprint


@pytest.fixture(scope="module")
def renderer() -> LetterRenderer:
    return LetterRenderer(load_campaign(), as_of=AS_OF)


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_one_page_per_letter_for_every_office_type(
    weasyprint: Any, renderer: LetterRenderer
) -> None:
    officials = list(OFFICIALS.values())
    letters = compose_letters(renderer, officials, SENDER, "pdf", date=LETTER_DATE)
    pages = _pages(stream_bytes(renderer, letters))
    assert len(pages) == len(officials)
    for page, official in zip(pages, officials, strict=True):
        assert (official.name or official.organisation or "") in page
        assert "Sincerely" in page


def test_letter_with_a_story_still_starts_each_letter_on_a_new_page(
    weasyprint: Any, renderer: LetterRenderer
) -> None:
    long_story = "\n\n".join(["A long paragraph of my own story. " * 40] * 4)
    sender = Sender(**{**SENDER.__dict__, "story": long_story})
    documents = [
        renderer.render(OFFICIALS[case], sender, "html", date=LETTER_DATE)
        for case in ("us_senate", "us_house")
    ]
    pages = _pages(renderer.render_pdf(documents))
    assert len(pages) >= 3
    starts = [i for i, text in enumerate(pages) if text.lstrip().startswith("Ada Lopez")]
    assert len(starts) == 2 and starts[0] == 0


def test_sender_markup_is_printed_as_text_in_the_pdf(
    weasyprint: Any, renderer: LetterRenderer
) -> None:
    sender = Sender(name="<script>alert(1)</script>", address="1 Main St\nTown, CA 90000")
    html = renderer.render(OFFICIALS["us_senate"], sender, "html", date=LETTER_DATE)
    text = _pages(renderer.render_pdf([html]))[0]
    assert "<script>alert(1)</script>" in text


def test_missing_weasyprint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfUnavailableError, match=r"pip install weasyprint"):
        html_to_pdf(["<p>x</p>"])


def test_missing_pango_names_the_system_library(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(PdfUnavailableError) as caught:
        html_to_pdf(["<p>x</p>"])
    assert "needs the Pango system library" in str(caught.value)
    assert "libpango-1.0-0" in str(caught.value)
    assert "apt install libpango-1.0-0" in str(caught.value)


def test_pdf_files_in_a_folder_hold_one_letter_each(
    weasyprint: Any, renderer: LetterRenderer, tmp_path: Path
) -> None:
    officials = [OFFICIALS["us_senate"], OFFICIALS["state_lower_delegate"]]
    letters = compose_letters(renderer, officials, SENDER, "pdf", date=LETTER_DATE)
    paths = save_letters(renderer, letters, tmp_path)
    assert [p.name for p in paths] == [
        "2026-11-26_us-senate_CA_padilla.pdf",
        "2026-11-26_state-lower_MD-HD-3A_avery.pdf",
    ]
    pages = [_pages(path.read_bytes()) for path in paths]
    assert [len(p) for p in pages] == [1, 1]
    assert "Dear Delegate Avery:" in pages[1][0]
