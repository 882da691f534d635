"""Reading the US Census Geocoder's ``geographies`` answers into districts.

The layer names carry a vintage ("119th Congressional Districts", "2024 State Legislative
Districts - Upper") that changes with each Congress and redistricting, so layers are chosen by
pattern, the newest vintage first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from civickit.core.districts import AT_LARGE, District, DistrictKind
from civickit.core.officials import Provenance
from civickit.core.states import code_for_fips
from civickit.errors import NetworkError
from civickit.lookup.adapters.base import Confidence, GeocodeQuery, GeocodeResult

CD_LAYER = re.compile(r"^(\d+)(?:th|st|nd|rd) Congressional Districts$")
SLD_LAYERS: dict[DistrictKind, re.Pattern[str]] = {
    "sldu": re.compile(r"^(?:(\d{4}) )?State Legislative Districts - Upper$"),
    "sldl": re.compile(r"^(?:(\d{4}) )?State Legislative Districts - Lower$"),
}
_CD_FIELD = re.compile(r"^CD\d{3}$")  # CD119, CD118, CD116 ...
_NO_DISTRICT_CODES = {"ZZ", "ZZZ"}  # water or areas not assigned to a district
_AT_LARGE_CODES = {"00", "98"}  # whole-state seats and the delegate / resident commissioner
Place = tuple[str | None, tuple[float, float] | None, Any]  # matched address, point, geographies


@dataclass
class _Found:
    """Districts read from one ``geographies`` object, and what stopped a full answer."""

    districts: list[District] = field(default_factory=list)
    problem: str | None = None  # no congressional district could be read
    warnings: list[str] = field(default_factory=list)  # state layers missing or failed
    transient: bool = False  # a layer query failed: worth asking again, not caching


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
