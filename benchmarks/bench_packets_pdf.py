"""Benchmark 2: 1,000 letters -> one PDF packet per office, rendered across all cores.

Baseline, measured in the same run: WeasyPrint rendering the same 1,000 letters as one
document in one process. Compared per core: (packet pages/s / cores used) against the
baseline's pages/s. Target >= 0.8. On a machine shared with other work the wall-clock figure
understates what the cores did, so pages per CPU-second (this process and its workers) is
printed too.

    python benchmarks/bench_packets_pdf.py [LETTERS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from batch_common import DATE, isolate, real_tools, seeded_lookup, write_sheet

from civickit.materials.pdf import html_to_pdf
from civickit.outreach.batch import BatchOptions, run_batch
from civickit.outreach.engine import available_cores
from civickit.outreach.supporters import open_supporters


def main() -> None:
    import pypdf

    letters = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    cores = available_cores()  # run under `taskset -c 0` to measure one core on a busy machine
    with tempfile.TemporaryDirectory() as tmp:
        isolate(Path(tmp))
        tools = real_tools(seeded_lookup(Path(tmp)))
        # House only: each supporter writes one letter; four districts -> four packets.
        sheet = write_sheet(Path(tmp) / "supporters.csv", letters)
        out = Path(tmp) / "batch"
        options = BatchOptions(
            out=out,
            date=DATE,
            formats=("txt",),
            offices=frozenset({"us-house"}),
            packet_pdfs=True,  # PDF packets of txt letters (the default follows the formats)
        )
        start, cpu_start = time.perf_counter(), _cpu()
        with open_supporters(sheet) as rows:
            summary = run_batch(rows, options, tools, total=letters)
        ours, ours_cpu = time.perf_counter() - start, _cpu() - cpu_start
        pdfs = [
            out / f["path"] for p in summary.packets for f in p.files if f["path"].endswith(".pdf")
        ]
        pages = sum(len(pypdf.PdfReader(path).pages) for path in pdfs)
        used = min(cores, len(pdfs))

        html = sorted(out.glob("*/*.html"))
        documents = [path.read_text(encoding="utf-8") for path in html]
        start, cpu_start = time.perf_counter(), _cpu()
        baseline_pages = len(
            pypdf.PdfReader(_write(Path(tmp) / "one.pdf", html_to_pdf(documents))).pages
        )
        base, base_cpu = time.perf_counter() - start, _cpu() - cpu_start

    ours_rate = pages / ours / used
    base_rate = baseline_pages / base
    print(f"letters: {len(html)}, packets: {len(pdfs)}, cores used: {used} of {cores}")
    print(
        f"one WeasyPrint document: {baseline_pages} pages in {base:.1f} s = {base_rate:.1f} pages/s"
    )
    print(
        f"civickit batch + packets: {pages} pages (covers included) in {ours:.1f} s "
        f"= {pages / ours:.1f} pages/s, {ours_rate:.1f} per core"
    )
    print(f"ratio per core: {ours_rate / base_rate:.2f} (target >= 0.8)")
    base_cpu_rate, ours_cpu_rate = baseline_pages / base_cpu, pages / ours_cpu
    print(
        f"pages per CPU-second: baseline {base_cpu_rate:.1f}, civickit {ours_cpu_rate:.1f}, "
        f"ratio {ours_cpu_rate / base_cpu_rate:.2f}"
    )


def _cpu() -> float:
    """CPU seconds of this process and its finished child processes."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


if __name__ == "__main__":
    main()
