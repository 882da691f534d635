"""Helpers the batch tests share: a sheet written as CSV, a batch folder's manifest read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """``rows`` (the header first) written to ``path`` as CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def manifest(out: Path) -> list[dict[str, Any]]:
    """The lines of ``out/manifest.jsonl``."""
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]
