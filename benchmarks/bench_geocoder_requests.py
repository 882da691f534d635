"""Benchmark 4: 2,000 rows with 500 unique addresses -> exactly 500 geocoder requests.

A local fake geocoder counts the requests it gets; the baseline is the number of unique
addresses in the sheet (one request each).

    python benchmarks/bench_geocoder_requests.py [ROWS] [UNIQUE]
"""

from __future__ import annotations

import csv
import json
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from batch_common import DATE, DISTRICTS, doubles

from civickit.batch import BatchOptions, run_batch
from civickit.supporters import open_supporters

REQUESTS: list[str] = []
LOCK = threading.Lock()


class FakeGeocoder(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        address = parse_qs(urlparse(self.path).query)["address"][0]
        with LOCK:
            REQUESTS.append(address)
        time.sleep(0.002)  # a little latency, so concurrency matters
        number = int(address.split()[0])
        body = json.dumps({"district": DISTRICTS[number % 4]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    unique = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGeocoder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/geocode"
    order = [i % unique for i in range(rows)]
    random.Random(4).shuffle(order)
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "supporters.csv"
        with sheet.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "street", "city", "state", "zip"])
            for row, n in enumerate(order):
                writer.writerow([f"Supporter {row}", f"{n} Main St", "Springfield", "IL", "62701"])
        options = BatchOptions(out=Path(tmp) / "out", date=DATE, packets=False)
        tools = doubles().make_tools(geocoder_url=url, jobs=8)
        start = time.perf_counter()
        with open_supporters(sheet) as sheet_rows:
            summary = run_batch(sheet_rows, options, tools)
        elapsed = time.perf_counter() - start
    server.shutdown()
    print(f"rows: {rows}, unique addresses: {unique}, statuses: {summary.statuses}")
    print(f"geocoder requests: {len(REQUESTS)} (distinct {len(set(REQUESTS))}) in {elapsed:.1f} s")
    print(f"ratio requests/unique addresses: {len(REQUESTS) / unique:.2f} (target exactly 1.00)")


if __name__ == "__main__":
    main()
