"""Benchmark 1: 10,000 supporters with a district -> txt letters + manifest.

Baseline, measured in the same run: a bare loop that renders the same letters with the same
Jinja2 templates and context and writes each to its file (officials looked up once per
district beforehand; no manifest, no hashing, no atomic rename).
Target: batch rows/s >= 0.5 x the bare loop's (stretch 0.8).

    python benchmarks/bench_batch_txt.py [ROWS] [--fsync-every-row]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from batch_common import DATE, DISTRICTS, isolate, real_tools, seeded_lookup, write_sheet

from civickit.lookup.facade import Lookup
from civickit.materials.letters import LetterRenderer, Sender, letter_filename
from civickit.outreach.batch import BatchOptions, run_batch
from civickit.outreach.supporters import open_supporters


def bare_loop(sheet: Path, out: Path, lookup: Lookup, renderer: LetterRenderer) -> float:
    officials = {d: lookup.resolve(district=d).officials for d in DISTRICTS}
    start = time.perf_counter()
    with open_supporters(sheet) as rows:
        for row in rows:
            folder = out / row.id
            folder.mkdir(parents=True)
            sender = Sender(row.name, row.postal_address(), email=row.fields.get("email"))
            for official in officials[row.fields["district"]]:
                template = renderer.env.get_template(renderer.template_name(official, "txt"))
                context: dict[str, Any] = renderer.context(official, sender, date=DATE)
                text = template.render(context)
                (folder / letter_filename(DATE, official, "txt")).write_text(text)
    return time.perf_counter() - start


def batch(sheet: Path, out: Path, lookup: Lookup, fsync_interval: float) -> float:
    options = BatchOptions(
        out=out, date=DATE, formats=("txt",), packets=False, fsync_interval=fsync_interval
    )
    start = time.perf_counter()
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, real_tools(lookup))
    assert summary.statuses == {"ok": summary.rows}, summary.statuses
    return time.perf_counter() - start


def main() -> None:
    rows = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    fsync_interval = 0.0 if "--fsync-every-row" in sys.argv else 0.2
    # Best of three, interleaved: file-system timings on shared machines are noisy.
    # BENCH_DIR picks the file system (e.g. /dev/shm to leave the disk out).
    base = ours = float("inf")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        isolate(Path(tmp))
        lookup = seeded_lookup(Path(tmp))
        renderer = real_tools(lookup).renderer
        assert isinstance(renderer, LetterRenderer)
        sheet = write_sheet(Path(tmp) / "supporters.csv", rows)
        for attempt in range(3):
            base = min(base, bare_loop(sheet, Path(tmp) / f"bare{attempt}", lookup, renderer))
            ours = min(ours, batch(sheet, Path(tmp) / f"batch{attempt}", lookup, fsync_interval))
    sync = f"every {fsync_interval} s" if fsync_interval else "after every row"
    print(f"rows: {rows}, manifest fsync {sync}")
    print(f"bare Jinja2 loop: {rows / base:8.0f} rows/s ({base:.2f} s)")
    print(f"civickit batch:   {rows / ours:8.0f} rows/s ({ours:.2f} s)")
    print(f"ratio: {base / ours:.2f} (target >= 0.5, stretch 0.8)")


if __name__ == "__main__":
    main()
