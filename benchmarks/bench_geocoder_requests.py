"""Benchmark 4: 2,000 rows with 500 unique addresses -> exactly 500 geocoder requests.

civickit's real census adapter is pointed (``CIVICKIT_CENSUS_URL``) at a local fake geocoder
that answers every address with a recorded Census Geocoder response and counts the requests.
The baseline is the number of unique addresses in the sheet (one request each). The adapter's
rate limit is raised from 5 to 200 requests/s for the local server so the run takes seconds.

    python benchmarks/bench_geocoder_requests.py [ROWS] [UNIQUE] [JOBS]
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from batch_common import DATE, ROOT, isolate, real_tools, seeded_lookup

from civickit.outreach.batch import BatchOptions, run_batch
from civickit.outreach.supporters import open_supporters

ANSWER = (ROOT / "tests" / "fixtures" / "census" / "onelineaddress_eureka-ca.json").read_bytes()
REQUESTS: list[str] = []
LOCK = threading.Lock()


class FakeCensus(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        address = parse_qs(urlparse(self.path).query)["address"][0]
        with LOCK:
            REQUESTS.append(address)
        time.sleep(0.01)  # a little latency, so concurrency matters
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    def log_message(self, *args: object) -> None:
        pass


def quicker_census() -> None:
    """Let the census adapter go at 200 requests/s (it is 5/s for the real service)."""
    from civickit.lookup.adapters import plugins
    from civickit.lookup.adapters.census import CensusGeocoder

    class LocalCensus(CensusGeocoder):
        def __init__(self, **options: Any) -> None:
            super().__init__(rate=200.0, **options)

    discover = plugins.discover

    def registry(**kwargs: Any) -> plugins.AdapterRegistry:
        found = discover(**kwargs)
        found.classes[("geocoder", "census")] = LocalCensus
        return found

    plugins.discover = registry


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    unique = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCensus)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ["CIVICKIT_CENSUS_URL"] = f"http://127.0.0.1:{server.server_address[1]}/geocoder"
    quicker_census()
    order = [i % unique for i in range(rows)]
    random.Random(4).shuffle(order)
    with tempfile.TemporaryDirectory() as tmp:
        isolate(Path(tmp))
        sheet = Path(tmp) / "supporters.csv"
        with sheet.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "street", "city", "state", "zip"])
            for row, n in enumerate(order):
                writer.writerow([f"Supporter {row}", f"{n} Main St", "Eureka", "CA", "95501"])
        options = BatchOptions(out=Path(tmp) / "out", date=DATE, packets=False)
        tools = real_tools(seeded_lookup(Path(tmp), offline=False), jobs=jobs)
        start = time.perf_counter()
        with open_supporters(sheet) as sheet_rows:
            summary = run_batch(sheet_rows, options, tools)
        elapsed = time.perf_counter() - start
    server.shutdown()
    print(f"rows: {rows}, unique addresses: {unique}, jobs: {jobs}, statuses: {summary.statuses}")
    print(f"geocoder requests: {len(REQUESTS)} (distinct {len(set(REQUESTS))}) in {elapsed:.1f} s")
    print(f"ratio requests/unique addresses: {len(REQUESTS) / unique:.2f} (target exactly 1.00)")


if __name__ == "__main__":
    main()
