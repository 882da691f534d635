"""Benchmark 1: 10,000 supporters with a district -> txt letters + manifest.

Baseline, measured in the same run: a bare loop that renders the same letters with the same
Jinja2 templates and writes each to its file (no manifest, no hashing, no atomic rename).
Target: batch rows/s >= 0.5 x the bare loop's (stretch 0.8).

    python benchmarks/bench_batch_txt.py [ROWS] [--fsync-every-row]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from batch_common import DATE, doubles, write_sheet

from civickit.batch import BatchOptions, run_batch
from civickit.supporters import open_supporters


def bare_loop(sheet: Path, out: Path) -> float:
    d = doubles()
    tools = d.make_tools()
    directory = d.sample_directory()
    start = time.perf_counter()
    with open_supporters(sheet) as rows:
        for row in rows:
            folder = out / row.id
            folder.mkdir(parents=True)
            sender = d.make_sender(row)
            for official in directory[row.fields["district"]]:
                text = tools.renderer.render(official, sender, "txt", date=DATE)
                (folder / d.letter_filename(DATE, official, "txt")).write_text(text)
    return time.perf_counter() - start


def batch(sheet: Path, out: Path, fsync_interval: float) -> float:
    options = BatchOptions(
        out=out, date=DATE, formats=("txt",), packets=False, fsync_interval=fsync_interval
    )
    tools = doubles().make_tools()
    start = time.perf_counter()
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, tools)
    assert summary.statuses == {"ok": summary.rows}, summary.statuses
    return time.perf_counter() - start


def main() -> None:
    rows = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    fsync_interval = 0.0 if "--fsync-every-row" in sys.argv else 0.2
    # Best of three, interleaved: file-system timings on shared machines are noisy.
    # BENCH_DIR picks the file system (e.g. /dev/shm to leave the disk out).
    base = ours = float("inf")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        sheet = write_sheet(Path(tmp) / "supporters.csv", rows)
        for attempt in range(3):
            base = min(base, bare_loop(sheet, Path(tmp) / f"bare{attempt}"))
            ours = min(ours, batch(sheet, Path(tmp) / f"batch{attempt}", fsync_interval))
    sync = f"every {fsync_interval} s" if fsync_interval else "after every row"
    print(f"rows: {rows}, manifest fsync {sync}")
    print(f"bare Jinja2 loop: {rows / base:8.0f} rows/s ({base:.2f} s)")
    print(f"civickit batch:   {rows / ours:8.0f} rows/s ({ours:.2f} s)")
    print(f"ratio: {base / ours:.2f} (target >= 0.5, stretch 0.8)")


if __name__ == "__main__":
    main()
