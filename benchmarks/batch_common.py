"""Shared helpers of the batch benchmarks: sheets and the lookup/letter doubles.

The doubles live in ``tests/batch_doubles.py`` until the real ``Lookup`` and
``LetterRenderer`` are merged; then ``make_tools`` should return ``batch.default_tools(...)``.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

DATE = dt.date(2026, 11, 26)
DISTRICTS = ["CA-11", "CA-2", "NY-10", "NY-12"]


def doubles() -> Any:
    """The ``batch_doubles`` module."""
    import batch_doubles

    return batch_doubles


def write_sheet(path: Path, rows: int) -> Path:
    """``rows`` supporters with a district column (no geocoding)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "district"])
        for i in range(rows):
            writer.writerow([f"s{i}", f"Supporter {i}", f"s{i}@example.test", DISTRICTS[i % 4]])
    return path
