"""The HTML fact sheet prints on one page in a real browser too (headless Chromium)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from factsheet_helpers import LONG_ORG, LONG_URL, pdf_pages
from support.cli import RunCli

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs headless Chromium on PATH (Debian: apt-get install chromium)",
)


def print_with_chromium(html_file: Path, tmp_path: Path) -> bytes:
    assert CHROMIUM is not None
    pdf = tmp_path / "x.pdf"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        html_file.as_uri(),
    ]
    completed = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-2000:]
    return pdf.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize(
    "extra",
    [
        ["--tag", "key"],
        ["--org", LONG_ORG, "--action-url", LONG_URL, "--tag", "bias"],
        ["--lang", "es"],
    ],
    ids=["default", "long-org-and-url-tag-bias", "spanish"],
)
def test_chromium_prints_the_html_on_one_page(
    paper: str, extra: list[str], tmp_path: Path, run_cli: RunCli
) -> None:
    html_file = tmp_path / "sheet.html"
    result = run_cli(
        ["factsheet", "--paper", paper, "--date", "2026-11-26", "-o", str(html_file), *extra],
    )
    assert result.exit_code == 0, result.stderr
    pdf = print_with_chromium(html_file, tmp_path)
    assert pdf_pages(pdf) == 1
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox  # the size comes from the CSS @page rule
    expected = {"letter": (612, 792), "a4": (595.3, 841.9)}[paper]
    assert float(box.width) == pytest.approx(expected[0], abs=1)
    assert float(box.height) == pytest.approx(expected[1], abs=1)
