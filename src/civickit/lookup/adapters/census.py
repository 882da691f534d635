"""The ``census`` geocoder: the US Census Geocoder's ``geographies`` endpoints, no key needed.

The layer names carry a vintage ("119th Congressional Districts", "2024 State Legislative
Districts - Upper") that changes with each Congress and redistricting, so layers are chosen by
pattern. The batch endpoint returns no districts, so many addresses are answered by running
single requests concurrently under a rate limit, after removing duplicates and cache hits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from civickit.core.districts import AT_LARGE, District, DistrictKind
from civickit.core.officials import Provenance
from civickit.core.states import code_for_fips
from civickit.errors import NetworkError, UsageError
from civickit.lookup.adapters.base import (
    Confidence,
    GeocodeQuery,
    Geocoder,
    GeocodeResult,
    NotSupportedError,
)
from civickit.lookup.adapters.remote import RemoteAdapter, TokenBucket
from civickit.lookup.cache import GEOCODER_TTL, normalise_query

CD_LAYER = re.compile(r"^(\d+)(?:th|st|nd|rd) Congressional Districts$")
SLD_LAYERS: dict[DistrictKind, re.Pattern[str]] = {
    "sldu": re.compile(r"^(?:(\d{4}) )?State Legislative Districts - Upper$"),
    "sldl": re.compile(r"^(?:(\d{4}) )?State Legislative Districts - Lower$"),
}
_CD_FIELD = re.compile(r"^CD\d{3}$")  # CD119, CD118, CD116 ...
_NO_DISTRICT_CODES = {"ZZ", "ZZZ"}  # water or areas not assigned to a district
_AT_LARGE_CODES = {"00", "98"}  # whole-state seats and the delegate / resident commissioner
DATASET = "US Census Geocoder"
Place = tuple[str | None, tuple[float, float] | None, Any]  # matched address, point, geographies


@dataclass
class _Found:
    """Districts read from one ``geographies`` object, and what stopped a full answer."""

    districts: list[District] = field(default_factory=list)
    problem: str | None = None  # no congressional district could be read
    warnings: list[str] = field(default_factory=list)  # state layers missing or failed
    transient: bool = False  # a layer query failed: worth asking again, not caching


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
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="census") as pool:
                futures = {key: pool.submit(self.geocode, query) for key, query in pending.items()}
                for key, future in futures.items():
                    try:
                        answers[key] = future.result()
                    except (NetworkError, UsageError) as exc:
                        answers[key] = GeocodeResult(
                            query=pending[key], confidence="none", note=f"lookup failed: {exc}"
                        )
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


def parse_geographies_response(
    body: Any, query: GeocodeQuery, provenance: Provenance | None = None
) -> tuple[GeocodeResult, bool]:
    """A ``GeocodeResult`` from a ``geographies/*`` JSON answer, and whether it may be cached.

    Address answers hold ``result.addressMatches[].geographies``; coordinate answers hold
    ``result.geographies``. Layer errors and missing layers give confidence "none" with a note.
    """
    result = body.get("result") if isinstance(body, Mapping) else None
    if not isinstance(result, Mapping):
        raise NetworkError(
            f"the US Census Geocoder answer for {query} has no 'result'; "
            "check CIVICKIT_CENSUS_URL points at the geocoder, or try again later"
        )
    if "geographies" in result:
        location = _input_point(result)
        places: list[Place] = [(None, location, result.get("geographies"))]
    else:
        matches = result.get("addressMatches") or []
        places = [
            (match.get("matchedAddress"), _match_point(match), match.get("geographies"))
            for match in matches
            if isinstance(match, Mapping)
        ]
    if not places:
        note = (
            f"the US Census Geocoder found no match for {query!s}; check the spelling, add the "
            "city, state and ZIP, or look up by ZIP instead"
        )
        return GeocodeResult(query, "none", note=note, provenance=provenance), True
    return _combine(query, places, provenance)


def _combine(
    query: GeocodeQuery,
    places: list[Place],
    provenance: Provenance | None,
) -> tuple[GeocodeResult, bool]:
    matched_address, point, _ = places[0]
    found = [districts_from_geographies(geographies) for _, _, geographies in places]
    usable = [item for item in found if item.problem is None]
    if not usable:
        first = found[0]
        return (
            GeocodeResult(
                query,
                "none",
                matched_address=matched_address,
                point=point,
                note=first.problem,
                provenance=provenance,
            ),
            not first.transient,
        )
    distinct = {tuple(sorted(item.districts)) for item in usable}
    districts = tuple(sorted({d for item in usable for d in item.districts}))
    warnings = list(dict.fromkeys(w for item in usable for w in item.warnings))
    cd_count = sum(1 for d in districts if d.kind == "cd")
    ambiguous = len(distinct) > 1 or cd_count > 1
    if ambiguous:
        warnings.insert(
            0,
            f"{query!s} matched places in different districts; give the full street address "
            "with city, state and ZIP to get one answer",
        )
    confidence: Confidence = "ambiguous" if ambiguous else "exact"
    result = GeocodeResult(
        query,
        confidence,
        districts=districts,
        matched_address=matched_address,
        point=point,
        note="; ".join(warnings) or None,
        provenance=provenance,
    )
    return result, not any(item.transient for item in found)


def districts_from_geographies(geographies: Any) -> _Found:
    """Read the congressional and state legislative districts out of one ``geographies`` map."""
    found = _Found()
    if not isinstance(geographies, Mapping):
        found.problem = "the US Census Geocoder answer has no geographies for this place"
        return found
    cd_key = _newest_layer(geographies, CD_LAYER)
    if cd_key is None:
        found.problem = (
            "the US Census Geocoder answer has no congressional district layer; "
            "ask it with layers=all"
        )
        found.transient = True
    else:
        _read_layer(geographies[cd_key], cd_key, "cd", found)
        if not found.districts and found.problem is None:
            found.problem = (
                "the place lies in no congressional district (water or outside the districts); "
                "check the address or point"
            )
    if found.problem is not None:
        return found
    for kind, pattern in SLD_LAYERS.items():
        key = _newest_layer(geographies, pattern)
        if key is not None:
            _read_layer(geographies[key], key, kind, found)
    return found


def _newest_layer(geographies: Mapping[str, Any], pattern: re.Pattern[str]) -> str | None:
    keys = [(m.group(1) or "", key) for key in geographies if (m := pattern.match(key))]
    if not keys:
        return None
    return max(keys, key=lambda pair: (len(pair[0]), pair[0]))[1]


def _read_layer(entries: Any, layer: str, kind: DistrictKind, found: _Found) -> None:
    if not isinstance(entries, list):
        entries = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        if "GEOID" not in entry and "status" in entry:
            message = (
                f"the US Census Geocoder could not return the {layer!r} layer "
                f"({entry['status']}); try again later"
            )
            found.transient = True
            if kind == "cd":
                found.problem = message + " or look up by ZIP"
            else:
                found.warnings.append(message)
            return
        district = district_from_entry(entry, kind)
        if district is not None:
            found.districts.append(district)


def district_from_entry(entry: Mapping[str, Any], kind: DistrictKind) -> District | None:
    """A ``District`` from one layer record; None for water/unassigned areas or bad codes.

    Numeric-looking fields may be strings or numbers (both occur in real answers), so codes
    are re-padded: GEOID = 2-digit state FIPS + 2-digit CD or 3-character SLD code.
    """
    width = 2 if kind == "cd" else 3
    geoid = _code(entry.get("GEOID"), width + 2)
    state_fips = _code(entry.get("STATE"), 2) or geoid[:2]
    state = code_for_fips(state_fips)
    if state is None:
        return None
    if kind == "cd":
        cd_field = next((k for k in entry if _CD_FIELD.match(k)), None)
        code = _code(entry.get(cd_field), 2) if cd_field else geoid[2:]
        if code in _AT_LARGE_CODES:
            return District(state, "cd", AT_LARGE)
    else:
        code = _code(entry.get(kind.upper()), 3) or geoid[2:]
    if not code or code.upper() in _NO_DISTRICT_CODES:
        return None
    if code.isdigit():
        return District(state, kind, str(int(code)))
    name = str(entry.get("BASENAME") or code).strip()
    return District(state, kind, name)


def _code(value: Any, width: int) -> str:
    """A code as text; numbers get their leading zeros back."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value).zfill(width)
    text = str(value).strip()
    return text.zfill(width) if text.isdigit() else text


def _input_point(result: Mapping[str, Any]) -> tuple[float, float] | None:
    location = (result.get("input") or {}).get("location")
    return _xy(location)


def _match_point(match: Mapping[str, Any]) -> tuple[float, float] | None:
    return _xy(match.get("coordinates"))


def _xy(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, Mapping):
        return None
    try:
        return (float(value["y"]), float(value["x"]))
    except (KeyError, TypeError, ValueError):
        return None


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
