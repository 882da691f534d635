"""``letter`` and ``batch`` make the same letter files: the same date, names and e-mail rules."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from support.cli import CliResult
from support.cli import invoke as run_cli

SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]
ROW = {
    "name": "Ada Lopez",
    "street": "1 Main St",
    "city": "Oakland",
    "state": "CA",
    "zip": "94612",
    "district": "CA-12",
    "email": "ada@example.test",
}


def invoke(*args: str) -> CliResult:
    return run_cli(args)


def sheet(folder: Path) -> Path:
    path = folder / "signups.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROW))
        writer.writeheader()
        writer.writerow(ROW)
    return path


def letter_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def batch_files(out: Path, ext: str) -> dict[str, bytes]:
    (folder,) = [p for p in out.iterdir() if p.is_dir() and p.name.startswith("ada-lopez")]
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == f".{ext}"}


def test_as_of_dates_letter_and_batch_alike(lookup_data: Path, tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    made = invoke("--as-of", "2020-01-15", "letter", "--district", "CA-12", *SENDER,
                  "--email", "ada@example.test", "--out", str(letters))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    out = tmp_path / "batch"
    batch = invoke("--as-of", "2020-01-15", "batch", str(sheet(tmp_path)), "--out", str(out),
                   "--no-packets", "-q")  # fmt: skip
    assert batch.exit_code == 0, batch.stderr
    single, many = letter_files(letters), batch_files(out, "txt")
    assert len(single) == 3
    assert all(name.startswith("2020-01-15_") for name in single)
    assert single == many  # the same names and the same bytes
    assert "January 15, 2020" in single["2020-01-15_us-house_CA-12_simon.txt"].decode()


def test_date_beats_as_of_in_letter_and_batch(lookup_data: Path, tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    made = invoke("--as-of", "2020-01-15", "letter", "--district", "CA-12", "--to", "house",
                  *SENDER, "--email", "ada@example.test", "--date", "03/02/2021", "--dayfirst",
                  "--out", str(letters))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    out = tmp_path / "batch"
    batch = invoke("--as-of", "2020-01-15", "batch", str(sheet(tmp_path)), "--out", str(out),
                   "--to", "house", "--date", "03/02/2021", "--dayfirst", "--no-packets",
                   "-q")  # fmt: skip
    assert batch.exit_code == 0, batch.stderr
    assert list(letter_files(letters)) == ["2021-02-03_us-house_CA-12_simon.txt"]
    assert letter_files(letters) == batch_files(out, "txt")


def _without_message_id(data: bytes) -> tuple[bytes, bytes]:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    ids = [line for line in lines if line.startswith(b"Message-ID: ")]
    assert len(ids) == 1
    return b"\r\n".join(line for line in lines if line not in ids) + b"\r\n\r\n" + body, ids[0]


def test_the_eml_rule_is_the_same_for_letter_and_batch(lookup_data: Path, tmp_path: Path) -> None:
    # CA-SD-10's senator has an e-mail address in the data; California's US senators do not.
    args = ["--district", "CA-SD-10", "--to", "state-upper,senate"]
    letters = tmp_path / "letters"
    made = invoke("--as-of", "2026-11-26", "letter", *args, *SENDER, "--email", ROW["email"],
                  "--format", "eml", "--out", str(letters))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    ROW["district"] = "CA-SD-10"
    try:
        path = sheet(tmp_path)
    finally:
        ROW["district"] = "CA-12"
    out = tmp_path / "batch"
    batch = invoke("--as-of", "2026-11-26", "batch", str(path), "--out", str(out),
                   "--to", "state-upper,senate", "--formats", "eml", "--no-packets",
                   "--format", "json")  # fmt: skip
    assert batch.exit_code == 0, batch.stderr
    single, many = letter_files(letters), batch_files(out, "eml")
    assert list(single) == list(many) == ["2026-11-26_state-upper_CA-SD-10_wahab.eml"]
    (name,) = single
    letter_eml, letter_id = _without_message_id(single[name])
    batch_eml, batch_id = _without_message_id(many[name])
    assert letter_eml == batch_eml
    assert b"To: Aisha Wahab <senator.wahab@senate.ca.gov>\r\n" in letter_eml
    assert letter_id.endswith(b"@example.test>") and batch_id.endswith(b"@example.test>")
    # The offices without an address get the same note from both, and no file.
    notes = [line.removeprefix("Note: ") for line in made.stderr.splitlines()]
    (record,) = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    skipped = [n for n in notes if "no .eml is written" in n]
    assert len(skipped) == 2
    assert sorted(skipped) == sorted(n for n in record["notes"] if "no .eml is written" in n)


def test_letter_message_id_is_stable_across_runs(lookup_data: Path, tmp_path: Path) -> None:
    ids = []
    for folder in ("one", "two"):
        made = invoke("letter", "--district", "CA-SD-10", "--to", "state-upper", *SENDER,
                      "--email", ROW["email"], "--date", "2026-11-26", "--format", "eml",
                      "--out", str(tmp_path / folder))  # fmt: skip
        assert made.exit_code == 0, made.stderr
        (data,) = letter_files(tmp_path / folder).values()
        ids.append(_without_message_id(data)[1])
    assert ids[0] == ids[1]


def test_batch_formats_speak_the_vocabulary(lookup_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "batch"
    batch = invoke("batch", str(sheet(tmp_path)), "--out", str(out), "--to", "house",
                   "--formats", "TEXT,md", "--date", "2026-11-26", "--no-packets",
                   "-q")  # fmt: skip
    assert batch.exit_code == 0, batch.stderr
    assert sorted(batch_files(out, "txt")) == ["2026-11-26_us-house_CA-12_simon.txt"]
    assert sorted(batch_files(out, "md")) == ["2026-11-26_us-house_CA-12_simon.md"]
    wrong = invoke("batch", str(sheet(tmp_path)), "--out", str(tmp_path / "x"),
                   "--formats", "text,docx")  # fmt: skip
    assert wrong.exit_code == 2
    assert "unknown format docx" in wrong.stderr
