"""The crash-safe journal: partial tails, formula-safe CSV mirror, atomic writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from civickit.outreach.manifest import (
    CSV_COLUMNS,
    ManifestJournal,
    RunIndex,
    atomic_write,
    clear_temp,
    csv_row,
    read_journal,
    rewrite_manifest,
)


def test_a_line_cut_by_a_kill_is_dropped_before_appending(tmp_path: Path) -> None:
    journal = ManifestJournal(tmp_path)
    journal.append({"row": 2, "id": "a"})
    journal.close()
    with (tmp_path / "manifest.jsonl").open("ab") as handle:
        handle.write(b'{"row": 3, "id": "b", "sta')  # what SIGKILL mid-write leaves
    assert [r["id"] for _, r in read_journal(tmp_path / "manifest.jsonl")] == ["a"]
    again = ManifestJournal(tmp_path)
    again.append({"row": 3, "id": "b"})
    again.close()
    lines = (tmp_path / "manifest.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]


def test_rewrite_keeps_the_chosen_lines_in_order(tmp_path: Path) -> None:
    journal = ManifestJournal(tmp_path)
    offsets = [journal.append({"row": row, "id": f"r{row}"}) for row in (3, 2, 3)]
    journal.close()
    index = RunIndex(tmp_path)
    index.add_final(3, offsets[2])
    index.add_final(2, offsets[1])
    rewrite_manifest(tmp_path, index.final_offsets())
    index.close()
    assert [r["row"] for _, r in read_journal(tmp_path / "manifest.jsonl")] == [2, 3]
    with (tmp_path / "manifest.csv").open(encoding="utf-8-sig") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == ["r2", "r3"]
    assert not (tmp_path / ".civickit" / "run.sqlite").exists()


def test_run_index_reports_the_first_row_of_a_duplicate_id(tmp_path: Path) -> None:
    index = RunIndex(tmp_path)
    assert index.claim("x", 2) is None
    assert index.claim("x", 9) == 2
    index.set_previous("x", 120)
    assert (index.previous("x"), index.previous("y")) == (120, None)
    index.close()


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    digest = atomic_write(target, b"hello", tmp_path)
    assert target.read_bytes() == b"hello"
    assert digest == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    assert list((tmp_path / ".civickit" / "tmp").iterdir()) == []
    assert clear_temp(tmp_path) == 0


_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)


@settings(max_examples=150, deadline=None)
@given(name=_text, reason=_text, folder=_text, districts=st.lists(_text, max_size=3))
def test_csv_cells_never_start_a_formula(
    name: str, reason: str, folder: str, districts: list[str]
) -> None:
    record = {"row": 2, "id": name, "status": "ok", "reason": reason, "name": name,
              "folder": folder, "districts": districts}  # fmt: skip
    cells = csv_row(record)
    assert len(cells) == len(CSV_COLUMNS)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == cells


def test_typed_records_read_back_every_golden_manifest_line_unchanged() -> None:
    from civickit.outreach.records import ManifestRecord

    golden = Path(__file__).parents[1] / "golden" / "batch" / "manifest.jsonl"
    lines = [json.loads(line) for line in golden.read_text(encoding="utf-8").splitlines()]
    assert {line["status"] for line in lines} == {"ok", "ambiguous", "error", "skipped"}
    for line in lines:
        record = ManifestRecord.from_dict(line)
        assert record.to_dict() == line
        assert list(record.to_dict()) == list(line)  # the same key order


def test_manifest_csv_starts_with_one_byte_order_mark_for_spreadsheets(tmp_path: Path) -> None:
    journal = ManifestJournal(tmp_path)
    offsets = [journal.append({"row": 2, "id": "r2", "name": "Renée"})]
    journal.close()
    appended = (tmp_path / "manifest.csv").read_bytes()
    assert appended.startswith(b"\xef\xbb\xbfrow,") and appended.count(b"\xef\xbb\xbf") == 1
    assert "Renée".encode() in appended
    index = RunIndex(tmp_path)
    index.add_final(2, offsets[0])
    rewrite_manifest(tmp_path, index.final_offsets())
    index.close()
    rewritten = (tmp_path / "manifest.csv").read_bytes()
    assert rewritten.startswith(b"\xef\xbb\xbfrow,") and rewritten.count(b"\xef\xbb\xbf") == 1
