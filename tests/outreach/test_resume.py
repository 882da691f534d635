"""``batch --resume`` resumes the batch as it was made (its options in ``.civickit/options.json``),
edited sheets are matched by id, and packets follow the formats asked for."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from batch_support import manifest, write_csv
from civickit.outreach.covers import CoverSheet
from civickit.outreach.packets import letter_page_size
from clock_support import Day
from support.cli import CliResult, invoke


def batch(*args: str) -> CliResult:
    return invoke(["batch", *args])


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of the batch but its summary (which counts the rows resumed)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "summary.json"
    }


SHEET = [
    ["id", "name", "email", "district"],
    ["a", "Ada", "ada@example.test", "CA-12"],
    ["b", "Bo", "bo@example.test", "NY-12"],
    ["c", "Cy", "cy@example.test", "CA-12"],
]


def test_resume_the_next_day_keeps_every_file_and_the_first_runs_options(
    lookup_data: Path, tmp_path: Path, today: type[Day]
) -> None:
    sheet = write_csv(tmp_path / "s.csv", SHEET)
    out = tmp_path / "out"
    first = batch(str(sheet), "--out", str(out), "--formats", "txt,md,eml", "--to", "house")
    assert first.exit_code == 0, first.stderr
    before = snapshot(out)
    saved = json.loads((out / ".civickit" / "options.json").read_text(encoding="utf-8"))
    assert {k: saved[k] for k in ("formats", "to", "date", "packets")} == {
        "formats": "txt,md,eml",
        "to": "us-house",
        "date": "2026-11-26",
        "packets": "txt",
    }

    today.current = dt.date(2026, 11, 27)
    again = batch(str(sheet), "--out", str(out), "--resume", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert again.json()["resumed"] == 3
    assert snapshot(out) == before  # same letters (md kept), date, Message-IDs, packets


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--formats", "txt", "--formats txt conflicts with txt,md,eml"),
        ("--to", "house,senate", "--to us-house,us-senate conflicts with us-house"),
        ("--date", "2026-11-27", "--date 2026-11-27 conflicts with 2026-11-26"),
        ("--packets", "pdf", "--packets pdf conflicts with txt"),
        ("--no-packets", "", "--packets none conflicts with txt"),
    ],
)
def test_resume_refuses_an_option_the_batch_was_not_made_with(
    lookup_data: Path, tmp_path: Path, today: type[Day], flag: str, value: str, words: str
) -> None:
    sheet = write_csv(tmp_path / "s.csv", SHEET[:2])
    out = tmp_path / "out"
    args = ["--formats", "txt,md,eml", "--to", "house"]
    assert batch(str(sheet), "--out", str(out), *args).exit_code == 0
    before = snapshot(out)
    given = [flag, value] if value else [flag]
    refused = batch(str(sheet), "--out", str(out), "--resume", *given)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: {words}, which {out} was made with; drop {words.split(maxsplit=1)[0]} to resume it as "
        "it is, or choose a new --out\n"
    )
    assert snapshot(out) == before
    # The same values again (in another order) are no conflict.
    same = batch(str(sheet), "--out", str(out), "--resume", "--formats", "eml,txt,md")
    assert same.exit_code == 0, same.stderr


def test_resume_with_an_edited_sheet_drops_removed_supporters(
    lookup_data: Path, tmp_path: Path, today: type[Day]
) -> None:
    sheet = write_csv(tmp_path / "s.csv", SHEET)
    out = tmp_path / "out"
    assert batch(str(sheet), "--out", str(out), "--to", "house").exit_code == 0
    (ada,) = [r for r in manifest(out) if r["id"] == "a"]
    ada_folder = out / ada["folder"]
    assert ada_folder.is_dir()
    simon = out / "packets" / "us-house-ca-12-simon-s001231.txt"
    assert simon.read_text(encoding="utf-8").count("Sincerely,") == 2  # Ada and Cy

    # Ada leaves, Di joins at the end: Bo and Cy move up a row.
    write_csv(sheet, [SHEET[0], SHEET[2], SHEET[3], ["d", "Di", "di@example.test", "NY-12"]])
    result = batch(str(sheet), "--out", str(out), "--resume", "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = manifest(out)
    assert [(r["row"], r["id"]) for r in records] == [(2, "b"), (3, "c"), (4, "d")]
    assert not ada_folder.exists()
    packet = simon.read_text(encoding="utf-8")
    assert "Ada" not in packet and packet.count("Sincerely,") == 1
    assert "Constituent letters: 1" in packet
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row["row"] for row in csv.DictReader(handle)] == ["2", "3", "4"]
    listed = {f["path"] for r in records for f in r["files"]}
    letters = {str(p.relative_to(out)) for p in out.glob("*/*.txt") if p.parent.name != "packets"}
    assert letters == listed

    # Everyone writing to Simon leaves: his packet goes too.
    write_csv(sheet, [SHEET[0], SHEET[2]])
    assert batch(str(sheet), "--out", str(out), "--resume").exit_code == 0
    assert not simon.exists()
    assert sorted(p.name for p in (out / "packets").iterdir()) == [
        "us-house-ny-12-nadler-n000002.txt"
    ]


def test_packets_follow_the_formats(lookup_data: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", SHEET[:2])
    quick = tmp_path / "quick"
    assert batch(str(sheet), "--out", str(quick), "--formats", "txt,eml").exit_code == 0
    assert not list(quick.rglob("*.pdf")) and not list(quick.rglob("*.html"))
    assert len(list((quick / "packets").glob("*.txt"))) == 3

    for args in (["--no-packets"], ["--packets", "none"]):
        out = tmp_path / args[-1]
        assert batch(str(sheet), "--out", str(out), *args).exit_code == 0
        assert not (out / "packets").exists()
    both = batch(str(sheet), "--out", str(tmp_path / "x"), "--no-packets", "--packets", "pdf")
    assert both.exit_code == 2
    assert both.stderr == "Error: --no-packets conflicts with --packets pdf; give one\n"


def test_pdf_packets_when_asked_with_covers_on_the_letters_paper(
    lookup_data: Path, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    sheet = write_csv(tmp_path / "s.csv", SHEET[:2])
    out = tmp_path / "out"
    result = batch(str(sheet), "--out", str(out), "--packets", "pdf", "--to", "senate")
    assert result.exit_code == 0, result.stderr
    pdfs = sorted(p.name for p in (out / "packets").glob("*.pdf"))
    assert pdfs == ["us-senate-ca-padilla-p000145.pdf", "us-senate-ca-schiff-s001150.pdf"]
    pages = PdfReader(out / "packets" / pdfs[0]).pages
    # US Letter is 612 x 792 points (A4 would be 595 x 842); every page, the cover's too.
    assert [(round(p.mediabox.width), round(p.mediabox.height)) for p in pages] == [(612, 792)] * 2
    cover = pages[0].extract_text()
    assert "331 Hart Senate Office Building\nWashington, DC 20510" in cover  # street, city, ZIP


def test_cover_sheet_page_size_and_full_address() -> None:
    assert letter_page_size("<style>@page { size: letter; margin: 1in }</style>") == "letter"
    assert letter_page_size("<style>@page{margin:1cm;size:A4 portrait}</style>") == "A4 portrait"
    assert letter_page_size("<p>no page rule</p>") == "letter"
    assert letter_page_size("<style>@page{size:</style><script>x}") == "letter"
    address = ["333 Bush Street, Suite 3225", "San Francisco, CA 94104"]
    cover = CoverSheet("Senator Alex Padilla (CA)", address, "zip-prefix", 2, "C", dt.date.today())
    assert "@page{size:letter}" in CoverSheet.html(cover)
    a4 = CoverSheet("Senator Alex Padilla (CA)", address, "zip-prefix", 2, "C", cover.date, "A4")
    assert "@page{size:A4}" in a4.html()
    assert "333 Bush Street, Suite 3225<br>San Francisco, CA 94104" in cover.html()
    assert "  333 Bush Street, Suite 3225\n  San Francisco, CA 94104\n" in cover.text()


def test_resume_refuses_another_campaign(lookup_data: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", SHEET[:2])
    out = tmp_path / "out"
    assert batch(str(sheet), "--out", str(out)).exit_code == 0
    other = tmp_path / "other"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "social" / "campaign", other)
    toml = other / "campaign.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('title = "Stop police', 'title = "Stop city', 1), encoding="utf-8")
    refused = invoke(["--campaign", str(other), "batch", str(sheet), "--out", str(out), "--resume"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"Error: --campaign: {out} was made with campaign 'Stop ")
    assert refused.stderr.endswith("resume it with that campaign, or choose a new --out\n")
    assert len(refused.stderr.splitlines()) == 1
