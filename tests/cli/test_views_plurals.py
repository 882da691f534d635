"""The CLI's one-line summaries count in words: ``1 row``, not ``1 rows``."""

from __future__ import annotations

from pathlib import Path

from civickit.cli.batch_views import plan_text, summary_line
from civickit.cli.data_views import status_text
from civickit.core.plurals import counted
from civickit.lookup.store import DatasetStatus
from civickit.outreach.summary import BatchPlan, BatchSummary


def test_counted_picks_the_singular_only_for_one() -> None:
    assert [counted(n, "row") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(3, "entry", "entries") == "3 entries"


def test_batch_summary_line_says_1_row(tmp_path: Path) -> None:
    summary = BatchSummary(tmp_path, rows=1, statuses={"ok": 1})
    assert summary_line(summary) == f"1 row: 1 ok; output in {tmp_path}"
    summary = BatchSummary(tmp_path, rows=2, statuses={"ok": 1, "error": 1}, stopped_early=True)
    assert summary_line(summary) == (
        f"2 rows: 1 ok, 1 error; stopped at the first problem (--fail-fast); output in {tmp_path}"
    )


def test_dry_run_plan_says_1_supporter_folder(tmp_path: Path) -> None:
    row = {"row": 2, "id": "a", "status": "would-process", "reason": "", "lookup": "", "folder": ""}
    plan = BatchPlan(tmp_path, rows=[row], lookups={"zip": 1})
    assert plan_text(plan).splitlines()[0] == (
        f"Would write to {tmp_path}: up to 1 supporter folder (none for rows whose lookup fails "
        "or is ambiguous), manifest.csv, manifest.jsonl, summary.json"
    )


def test_data_status_says_1_record_and_keeps_columns() -> None:
    rows = [
        DatasetStatus("a", True, "/a", "u", "2026-01-01T00:00:00", records=1, age_days=1.0),
        DatasetStatus("b", True, "/b", "u", "2026-01-01T00:00:00", records=20, age_days=1.0),
    ]
    first, _, second, _ = status_text(rows).splitlines()
    assert "      1 record   data of" in first
    assert "     20 records  data of" in second
    assert first.index("data of") == second.index("data of")
