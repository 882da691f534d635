"""How much ``CensusGeocoder.geocode_many`` gains from deduplication, concurrency and the cache.

A local server answers each request after a fixed delay (standing in for the Census
Geocoder's latency). The baseline, measured in the same run, is one ``geocode`` call per
query in order with no cache. The rate limit is lifted here (1000/s) to measure the
concurrency itself; the default of 5 requests a second bounds real runs.
Run: ``python benchmarks/geocode_many.py`` (needs the dev extra for pytest-httpserver).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.lookup.adapters.base import GeocodeQuery
from civickit.lookup.adapters.census import CensusGeocoder
from civickit.lookup.cache import AnswerCache
from civickit.lookup.http import build_session

LATENCY = 0.05  # seconds per answer
DISTINCT = 24
REPEATS = 2  # every address appears this many times, as in a batch from one building
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FIXTURE = FIXTURES / "census" / "onelineaddress_eureka-ca.json"


def main() -> None:
    os.environ["CIVICKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="civickit-bench-")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    body = FIXTURE.read_text(encoding="utf-8")
    counter = {"requests": 0}

    def handler(_request: Request) -> Response:
        counter["requests"] += 1
        time.sleep(LATENCY)
        return Response(body, content_type="application/json")

    server = HTTPServer(threaded=True)
    server.start()
    server.expect_request("/geocoder/geographies/onelineaddress").respond_with_handler(handler)
    queries = [GeocodeQuery(address=f"{n} Main St, Eureka, CA") for n in range(DISTINCT)]
    queries *= REPEATS
    try:
        baseline = _timed(lambda: _one_by_one(server, queries))
        baseline_requests, counter["requests"] = counter["requests"], 0
        batch = _timed(lambda: _geocoder(server, AnswerCache(ttl=3600)).geocode_many(queries))
        batch_requests, counter["requests"] = counter["requests"], 0
        warm = _timed(lambda: _geocoder(server, AnswerCache(ttl=3600)).geocode_many(queries))
    finally:
        server.clear()
        server.stop()
    print(f"{len(queries)} queries, {DISTINCT} distinct, {LATENCY * 1000:.0f} ms per answer")
    print(f"baseline  one by one, no cache: {baseline:6.2f} s, {baseline_requests} requests")
    print(f"geocode_many jobs=4 (cold):    {batch:6.2f} s, {batch_requests} requests")
    print(f"geocode_many (warm cache):     {warm:6.3f} s, {counter['requests']} requests")
    print(f"speed-up cold: {baseline / batch:.1f}x; warm: {baseline / warm:.0f}x")


def _geocoder(server: HTTPServer, cache: AnswerCache) -> CensusGeocoder:
    return CensusGeocoder(
        base_url=server.url_for("/geocoder"),
        session=build_session(),
        offline=False,
        cache=cache,
        jobs=4,
        rate=1000.0,
    )


def _one_by_one(server: HTTPServer, queries: list[GeocodeQuery]) -> None:
    geocoder = _geocoder(server, AnswerCache(ttl=0))
    for query in queries:
        geocoder.geocode(query)


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
