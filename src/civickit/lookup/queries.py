"""What a lookup is asked: offices, points, and the checked query of a place."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from civickit.core.officials import OFFICE_KINDS, OfficeKind
from civickit.errors import UsageError

if TYPE_CHECKING:
    from civickit.lookup.adapters.base import GeocodeQuery


def check_offices(offices: Collection[OfficeKind]) -> frozenset[OfficeKind]:
    unknown = [o for o in offices if o not in OFFICE_KINDS]
    if unknown or not offices:
        what = f"unknown office {unknown[0]!r}" if unknown else "no office asked for"
        raise UsageError(f"{what}: choose from {', '.join(OFFICE_KINDS)}")
    return frozenset(offices)


def make_query(
    zip_code: str | None, address: str | None, point: tuple[float, float] | None
) -> GeocodeQuery:
    from civickit.lookup.adapters.base import GeocodeQuery

    if zip_code is not None:
        from civickit.core.zips import parse_zip

        # A typo is a usage error before any geocoder is asked; 2134 is asked as 02134.
        return GeocodeQuery(zip=str(parse_zip(zip_code)))
    if address is not None:
        if not address.strip():
            raise UsageError("empty address: give a street address such as '1 Main St, Eureka, CA'")
        return GeocodeQuery(address=address.strip())
    if point is None:
        raise UsageError("empty query: give a ZIP, an address or a LAT,LNG point")
    latitude, longitude = point
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise UsageError(
            f"{latitude},{longitude} is not a point: give LAT,LNG such as 40.80,-124.16"
        )
    return GeocodeQuery(point=(latitude, longitude))


def parse_point(text: str) -> tuple[float, float]:
    """``(lat, lng)`` from ``"40.80,-124.16"``; ``UsageError`` with an example otherwise."""
    parts = text.replace(" ", "").split(",")
    try:
        latitude, longitude = (float(part) for part in parts)
    except ValueError:
        raise UsageError(
            f"{text!r} is not LAT,LNG: give two numbers such as 40.8036,-124.1682"
        ) from None
    return latitude, longitude
