"""The ``census`` geocoder: the US Census Geocoder's ``geographies`` endpoints, no key needed.

Answers are read by :mod:`civickit.lookup.adapters.census_parse`. The batch endpoint returns no
districts, so many addresses are answered by running single requests concurrently under a rate
limit, after removing duplicates and cache hits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, ClassVar

from civickit.core.districts import District
from civickit.core.officials import Provenance
from civickit.errors import NetworkError, UsageError
from civickit.lookup.adapters.base import (
    GeocodeQuery,
    Geocoder,
    GeocodeResult,
    NotSupportedError,
)
from civickit.lookup.adapters.census_parse import parse_geographies_response
from civickit.lookup.adapters.remote import RemoteAdapter, TokenBucket
from civickit.lookup.cache import GEOCODER_TTL, normalise_query

DATASET = "US Census Geocoder"


class CensusGeocoder(RemoteAdapter, Geocoder):
    """Congressional and state legislative districts of an address or point."""

    name: ClassVar[str] = "census"
    description: ClassVar[str] = (
        "US Census Geocoder: congressional and state legislative districts of an address or "
        "point (network, no key)"
    )
    supports = frozenset({"address", "point"})
    service: ClassVar[str] = "the US Census Geocoder"
    default_url: ClassVar[str] = "https://geocoding.geo.census.gov/geocoder"
    url_env: ClassVar[str] = "CIVICKIT_CENSUS_URL"
    default_ttl: ClassVar[int] = GEOCODER_TTL

    def __init__(
        self,
        *,
        jobs: int = 4,
        rate: float = 5.0,
        benchmark: str = "Public_AR_Current",
        vintage: str = "Current_Current",
        layers: str = "all",
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.jobs = max(1, jobs)
        self.rate = rate
        self._bucket = TokenBucket(rate)  # shared by every request of this geocoder
        self.benchmark = benchmark
        self.vintage = vintage
        self.layers = layers

    def geocode(self, query: GeocodeQuery) -> GeocodeResult:
        """Districts of an address (one line) or a point; ZIP codes are not supported."""
        cache_query = self._cache_query(query)
        if query.point is not None:
            latitude, longitude = query.point
            endpoint, params = "coordinates", {"x": f"{longitude}", "y": f"{latitude}"}
        else:
            endpoint, params = "onelineaddress", {"address": query.address or ""}
        return self._cached(query, cache_query, lambda: self._fetch(endpoint, params, query))

    def geocode_address(
        self, street: str, *, city: str = "", state: str = "", zip_code: str = ""
    ) -> GeocodeResult:
        """Districts of an address given in parts (the ``geographies/address`` endpoint)."""
        one_line = ", ".join(part for part in (street, city, f"{state} {zip_code}".strip()) if part)
        params = {"street": street, "city": city, "state": state, "zip": zip_code}
        query = GeocodeQuery(address=one_line)
        cache_query = self._cache_query(query, prefix="parts")
        return self._cached(query, cache_query, lambda: self._fetch("address", params, query))

    def geocode_many(
        self, queries: Sequence[GeocodeQuery], *, jobs: int | None = None
    ) -> list[GeocodeResult]:
        """Answer many queries, each distinct one once, ``jobs`` at a time under ``rate``.

        A query whose request fails comes back as confidence "none" with the failure as its
        note, so one bad row does not stop a batch; offline mode and bad input still raise.
        """
        keys = [self._cache_query(query) for query in queries]
        answers: dict[str, GeocodeResult] = {}
        pending: dict[str, GeocodeQuery] = {}
        for key, query in zip(keys, queries, strict=True):
            if key in answers or key in pending:
                continue
            hit = self._from_cache(query, key)
            if hit is not None:
                answers[key] = hit
            else:
                pending[key] = query
        if pending:
            self._require_online()
            workers = min(jobs or self.jobs, len(pending))
            pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="census")
            try:
                futures = {key: pool.submit(self.geocode, query) for key, query in pending.items()}
                for key, future in futures.items():
                    try:
                        answers[key] = future.result()
                    except (NetworkError, UsageError) as exc:
                        answers[key] = GeocodeResult(
                            query=pending[key], confidence="none", note=f"lookup failed: {exc}"
                        )
            except BaseException:  # Ctrl-C: drop the queued lookups instead of waiting for them
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown()
        return [
            replace(answers[key], query=query) for key, query in zip(keys, queries, strict=True)
        ]

    # -- internals -------------------------------------------------------------------------

    def _cache_query(self, query: GeocodeQuery, prefix: str | None = None) -> str:
        if query.kind not in self.supports:
            raise NotSupportedError(
                f"the census geocoder cannot answer a {query.kind} query ({query}); give a "
                "street address or a latitude,longitude point, or use the zcta adapter for ZIPs"
            )
        if query.kind == "address" and not (query.address or "").strip():
            raise UsageError("the address is empty; give a street address with city and state")
        if query.point is not None:
            latitude, longitude = query.point
            text = f"point:{latitude:.6f},{longitude:.6f}"
        else:
            text = f"{prefix or 'address'}:{normalise_query(query.address or '')}"
        return f"{self.benchmark}|{self.vintage}|{self.layers}|{text}"

    def _cached(
        self,
        query: GeocodeQuery,
        cache_query: str,
        fetch: Callable[[], tuple[GeocodeResult, bool]],
    ) -> GeocodeResult:
        hit = self._from_cache(query, cache_query)
        if hit is not None:
            return hit
        result, cacheable = fetch()
        if cacheable:
            self.cache.put(self.name, cache_query, result_to_json(result))
        return result

    def _from_cache(self, query: GeocodeQuery, cache_query: str) -> GeocodeResult | None:
        entry = self.cache.get(self.name, cache_query)
        if entry is None:
            return None
        try:
            return result_from_json(entry.value, query)
        except (KeyError, TypeError, ValueError):
            return None  # an entry from an older layout: ask again

    def _fetch(
        self, endpoint: str, params: Mapping[str, str], query: GeocodeQuery
    ) -> tuple[GeocodeResult, bool]:
        full = {
            **params,
            "benchmark": self.benchmark,
            "vintage": self.vintage,
            "layers": self.layers,
            "format": "json",
        }
        self._require_online()  # before waiting for the rate limit
        self._bucket.acquire()
        body = self._get_json(f"/geographies/{endpoint}", full)
        provenance = Provenance(self.name, DATASET, dt.date.today().isoformat())
        return parse_geographies_response(body, query, provenance)


def result_to_json(result: GeocodeResult) -> dict[str, Any]:
    """A cacheable form of a result (the query is left out: the caller knows it)."""
    provenance = result.provenance
    return {
        "confidence": result.confidence,
        "districts": [[d.state, d.kind, d.number] for d in result.districts],
        "matched_address": result.matched_address,
        "point": list(result.point) if result.point else None,
        "note": result.note,
        "provenance": [provenance.adapter, provenance.dataset, provenance.version]
        if provenance
        else None,
    }


def result_from_json(data: Mapping[str, Any], query: GeocodeQuery) -> GeocodeResult:
    """The inverse of ``result_to_json``; raises KeyError/TypeError/ValueError on bad data."""
    confidence = data["confidence"]
    if confidence not in ("exact", "ambiguous", "none"):
        raise ValueError(confidence)
    districts = tuple(District(str(s), k, str(n)) for s, k, n in data["districts"])
    if any(d.kind not in ("cd", "sldu", "sldl") for d in districts):
        raise ValueError("district kind")
    point = data["point"]
    provenance = data["provenance"]
    return GeocodeResult(
        query=query,
        confidence=confidence,
        districts=districts,
        matched_address=data["matched_address"],
        point=(float(point[0]), float(point[1])) if point else None,
        note=data["note"],
        provenance=Provenance(*provenance) if provenance else None,
    )
