"""Benchmark 1: 10,000 supporters with a district -> txt letters, manifest and packets.

civickit is timed as a whole process: ``civickit batch SHEET --out DIR --formats txt`` from
start-up to exit, with its default txt packets. Baseline, measured in the same run: a bare loop
that renders the same letters with the same Jinja2 templates and context and writes each to its
file (officials looked up once per district beforehand, and timed without its start-up; no
manifest, no hashing, no atomic rename, no packets).
Target: batch rows/s >= 0.8 x the bare loop's.

    python benchmarks/bench_batch_txt.py [ROWS] [--fsync-every-row] [--in-process]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from batch_common import (
    DATE,
    DISTRICTS,
    MIRROR,
    isolate,
    real_tools,
    seeded_lookup,
    write_sheet,
)

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


def batch_process(sheet: Path, out: Path, fsync_interval: float) -> float:
    """``civickit batch`` as a user runs it, timed from start-up to exit."""
    command = [sys.executable, "-m", "civickit", "--offline", "--as-of", DATE.isoformat()]
    args = ["batch", str(sheet), "--out", str(out), "--formats", "txt", "--quiet"]
    start = time.perf_counter()
    subprocess.run(
        [*command, *args, "--fsync-interval", str(fsync_interval)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    rows = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    fsync_interval = 0.0 if "--fsync-every-row" in sys.argv else 0.2
    in_process = "--in-process" in sys.argv
    # Best of three, interleaved: file-system timings on shared machines are noisy.
    # BENCH_DIR picks the file system (e.g. /dev/shm to leave the disk out).
    base = ours = float("inf")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        isolate(Path(tmp))
        lookup = seeded_lookup(Path(tmp))
        sync = [sys.executable, "-m", "civickit", "--offline", "data", "sync", "--state", "CA"]
        subprocess.run([*sync, "--mirror", str(MIRROR)], check=True, capture_output=True)
        renderer = real_tools(lookup).renderer
        assert isinstance(renderer, LetterRenderer)
        sheet = write_sheet(Path(tmp) / "supporters.csv", rows)
        for attempt in range(3):
            base = min(base, bare_loop(sheet, Path(tmp) / f"bare{attempt}", lookup, renderer))
            out = Path(tmp) / f"batch{attempt}"
            if in_process:
                ours = min(ours, batch(sheet, out, lookup, fsync_interval))
            else:
                ours = min(ours, batch_process(sheet, out, fsync_interval))
    fsync = f"every {fsync_interval} s" if fsync_interval else "after every row"
    how = "in process, no packets" if in_process else "whole process, with txt packets"
    print(f"rows: {rows}, manifest fsync {fsync}, civickit {how}")
    print(f"bare Jinja2 loop: {rows / base:8.0f} rows/s ({base:.2f} s)")
    print(f"civickit batch:   {rows / ours:8.0f} rows/s ({ours:.2f} s)")
    print(f"ratio: {base / ours:.2f} (target >= 0.8)")


if __name__ == "__main__":
    main()
