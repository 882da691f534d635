"""``civickit factsheet``: formats, files, errors, golden output and the one-page guarantee."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from civickit.campaign import load_campaign
from civickit.materials import pagefit
from civickit.materials.factsheet import build_factsheet, html_renderer
from factsheet_helpers import (
    GENERATED,
    LONG_ORG,
    LONG_URL,
    MINI_CAMPAIGN,
    html_citations,
    html_source_numbers,
    layout_name,
    pdf_pages,
)
from support.cli import invoke
from support.golden import Golden

DATE = ["--date", "2026-11-26"]


def run(*args: str) -> tuple[int, bytes, str]:
    result = invoke(list(args), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


# --------------------------------------------------------------------------- golden files


def test_markdown_matches_golden(golden: Golden) -> None:
    code, out, err = run("factsheet", "--format", "md", *DATE)
    assert (code, err) == (0, "")
    golden.check("factsheet/default.md", out.decode("utf-8"))


def test_markdown_of_a_second_campaign_with_org_matches_golden(golden: Golden) -> None:
    code, out, _ = run(
        "--campaign",
        str(MINI_CAMPAIGN),
        "factsheet",
        "--format",
        "md",
        "--org",
        "Friends *of* X",
        *DATE,
    )
    assert code == 0
    golden.check("factsheet/mini-org.md", out.decode("utf-8"))


@pytest.mark.parametrize(
    ("golden_name", "campaign_ref", "paper", "org"),
    [
        ("default-letter.html", None, "letter", None),
        ("mini-org-a4.html", MINI_CAMPAIGN, "a4", "Friends <of> X & Co"),
    ],
)
def test_html_at_a_fixed_layout_matches_golden(
    golden_name: str, campaign_ref: Path | None, paper: str, org: str | None, golden: Golden
) -> None:
    # The layout the fitter picks depends on the fonts installed, so the golden file is
    # rendered at a fixed one; test_cli_html_is_the_template_at_the_fitted_layout ties the two.
    sheet = build_factsheet(load_campaign(campaign_ref), paper=paper, org=org, generated=GENERATED)
    layout = next(layout for layout in pagefit.LAYOUTS if layout.name == "9.5pt")
    golden.check(f"factsheet/{golden_name}", html_renderer(sheet)(layout, 0.0))


def test_cli_html_is_the_template_at_the_fitted_layout() -> None:
    code, out, err = run("factsheet", *DATE)
    assert (code, err) == (0, "")
    html = out.decode("utf-8")
    sheet = build_factsheet(load_campaign(), generated=GENERATED)
    layout = next(item for item in pagefit.LAYOUTS if item.name == layout_name(html))
    assert html == html_renderer(sheet)(layout, 0.0)
    assert sorted(set(html_citations(html))) == html_source_numbers(html) == [1, 2, 3]


# --------------------------------------------------------------------------- formats and files


def test_json_describes_the_sheet() -> None:
    code, out, _ = run("factsheet", "--format", "json", "--tag", "bias", *DATE)
    assert code == 0
    data = json.loads(out)
    assert [fact["id"] for fact in data["facts"]] == ["bias-research", "warnings-for-years"]
    assert data["timeline_title"] == "June 2020 timeline"
    assert data["generated"] == "2026-11-26"
    cited = {fact["citation"] for fact in data["facts"]} | {data["quote"]["citation"]}
    assert cited <= {source["number"] for source in data["sources"]}


def test_pdf_to_stdout_when_not_a_terminal() -> None:
    code, out, err = run("factsheet", "--format", "pdf", *DATE)
    assert (code, err) == (0, "")
    assert pdf_pages(out) == 1


def test_out_file_is_written_and_never_silently_replaced(tmp_path: Path) -> None:
    target = tmp_path / "sheet.md"
    code, out, err = run("factsheet", "--format", "md", "--out", str(target), *DATE)
    assert code == 0
    assert out == b""
    size = target.stat().st_size
    assert err == f"Wrote {target} (md, letter, {size:,} bytes)\n"
    target.write_text("my notes", encoding="utf-8")
    code, _, err = run("factsheet", "--format", "md", "--out", str(target), *DATE)
    assert code == 2
    assert err == (
        f"Error: {target} already exists; add --force to replace it or choose another --out\n"
    )
    assert target.read_text(encoding="utf-8") == "my notes"
    code, _, _ = run("factsheet", "--format", "md", "--out", str(target), "--force", *DATE)
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Stop police use")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_out_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("factsheet", "--format", "md", "-o", str(tmp_path / "no" / "x.md"))
    assert code == 2
    assert err == f"Error: {tmp_path / 'no'}: no such folder; create it first or fix --out\n"


def test_bad_action_url_is_a_usage_error() -> None:
    code, out, err = run("factsheet", "--action-url", "ftp://example.org/x")
    assert (code, out) == (2, b"")
    assert err == (
        "Error: --action-url 'ftp://example.org/x': give an http(s) URL without spaces, "
        "e.g. https://example.org/act\n"
    )


def test_unknown_tag_is_a_usage_error() -> None:
    code, _, err = run("factsheet", "--tag", "nope", "--format", "md")
    assert code == 2
    assert err.startswith("Error: unknown tag 'nope': use one of amazon, bias, california,")


def test_bad_date_is_a_usage_error() -> None:
    code, _, err = run("factsheet", "--format", "md", "--date", "not a date")
    assert code == 2
    assert err == (
        "Error: --date: cannot read the date 'not a date': use a form like 2026-11-26, "
        "'Nov 26 2026' or 'today'\n"
    )


def test_facts_over_the_cap_are_reported_on_stderr() -> None:
    code, out, err = run("factsheet", "--format", "json", "--tag", "companies", *DATE)
    assert code == 0
    left_out = json.loads(out)["left_out"]
    assert err == (
        f"Left out {len(left_out)} fact(s) to keep to one page: {', '.join(left_out)}; "
        "narrow the selection with --tag\n"
    )


def test_help_shows_examples() -> None:
    code, out, _ = run("factsheet", "--help")
    text = out.decode("utf-8")
    assert code == 0
    assert "civickit factsheet --format pdf --out factsheet.pdf" in text
    assert "--paper [letter|a4]" in text
    assert "factsheet" in run("--help")[1].decode("utf-8")


# --------------------------------------------------------------------------- one page, always

CASES = {
    "default": [],
    "tag-california": ["--tag", "california"],
    "tag-companies-capped": ["--tag", "companies"],
    "long-org": ["--org", LONG_ORG],
    "long-url": ["--action-url", LONG_URL],
    "long-org-url-tag-bias": ["--org", LONG_ORG, "--action-url", LONG_URL, "--tag", "bias"],
}


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("case", list(CASES))
def test_pdf_is_exactly_one_page(paper: str, case: str) -> None:
    assert len(LONG_ORG) == 500
    assert len(LONG_URL) == 600
    code, out, _ = run("factsheet", "--format", "pdf", "--paper", paper, *CASES[case], *DATE)
    assert code == 0
    assert pdf_pages(out) == 1


def test_docs_describe_every_option() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "factsheet.md").read_text("utf-8")
    help_text = run("factsheet", "--help")[1].decode("utf-8")
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options >= {"--format", "--paper", "--action-url", "--org", "--tag", "--out"}
    for option in sorted(options):
        assert f"`{option}" in docs, f"{option} is not described in docs/factsheet.md"


def test_pdf_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "civickit", "factsheet", "--format", "pdf"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert completed.returncode == 2
    assert completed.stderr == b"Error: refusing to write a PDF to the terminal; use --out FILE\n"
