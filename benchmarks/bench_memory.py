"""Benchmark 3: a 100,000-row sheet is streamed: peak RSS under 200 MB and flat in row count.

Each size runs in a fresh process (district given, txt letters, no packets) that reports its
own peak RSS; the baseline is the same run on 10,000 rows.

    python benchmarks/bench_memory.py [SMALL] [LARGE]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from batch_common import DATE, isolate, real_tools, seeded_lookup, write_sheet

from civickit.outreach.batch import BatchOptions, run_batch
from civickit.outreach.supporters import open_supporters


def child(sheet: str, out: str) -> None:
    options = BatchOptions(out=Path(out), date=DATE, formats=("txt",), packets=False)
    isolate(Path(out).parent / "civickit")
    tools = real_tools(seeded_lookup(Path(out).parent / f"store-{Path(out).name}"))
    with open_supporters(sheet) as rows:
        summary = run_batch(rows, options, tools)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"rows": summary.rows, "ok": summary.statuses.get("ok"), "peak_mb": peak_kb / 1024}
        )
    )


def measure(rows: int, tmp: Path) -> dict[str, float]:
    sheet = write_sheet(tmp / f"s{rows}.csv", rows)
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(sheet), str(tmp / f"out{rows}")],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, float] = json.loads(result.stdout.splitlines()[-1])
    assert data["ok"] == rows, data
    return data


def main() -> None:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    large = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        base = measure(small, Path(tmp))
        big = measure(large, Path(tmp))
    print(f"{small:>7} rows: peak RSS {base['peak_mb']:.1f} MB")
    print(f"{large:>7} rows: peak RSS {big['peak_mb']:.1f} MB (target < 200 MB)")
    print(f"ratio large/small: {big['peak_mb'] / base['peak_mb']:.2f} (flat = close to 1.0)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
