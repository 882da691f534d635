"""``zcta``: ZIP code to congressional district(s), offline, from the Census Bureau's block-level
ZCTA relationship file ``tab20_cd11920_zcta520_natl.txt``.

A ZCTA approximates a ZIP's area; many cross district lines (and some state lines). Every
district with land of the ZIP is returned with its share of the ZIP's land, and a ZIP in more
than one district is flagged ambiguous: never a silent pick.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from civickit.core.addressing import ordinal
from civickit.core.districts import District
from civickit.core.officials import Provenance
from civickit.core.zips import zip5
from civickit.lookup.adapters.base import GeocodeQuery, Geocoder, GeocodeResult, QueryKind
from civickit.lookup.answers import share_phrase
from civickit.lookup.datasets import ZCTA_CONGRESS, ZctaDistricts, dataset_named, zcta_districts

DATASET = dataset_named("zcta-cd")
ZipIndex = ZctaDistricts  # "94103" -> (("CA:11", 1.0),), "10011" -> (("NY:12", 0.64), ...)


class ZctaGeocoder(Geocoder):
    """ZIP -> congressional districts, with land shares, from the Census ZCTA relationship file."""

    name: ClassVar[str] = "zcta"
    description: ClassVar[str] = (
        f"ZIP -> congressional district(s) of the {ordinal(ZCTA_CONGRESS)} Congress with each "
        f"one's share of the ZIP's land, from the Census ZCTA file {DATASET.relative_path} "
        "(offline); ambiguous when a ZIP spans districts"
    )
    supports: ClassVar[frozenset[QueryKind]] = frozenset({"zip"})
    datasets: ClassVar[tuple[str, ...]] = (DATASET.name,)

    def __init__(self) -> None:
        self._index: ZipIndex | None = None
        self._provenance = Provenance(self.name, DATASET.name)

    def load(self) -> ZipIndex:
        """The ZIP index, built once per data-store version."""
        if self._index is None:
            store = self.require_context().datastore
            self._index = store.load_index("zcta-cd", [DATASET], build_index)
            record = store.record(DATASET)
            version = record.version if record else None
            self._provenance = Provenance(self.name, DATASET.name, version)
        return self._index

    def geocode(self, query: GeocodeQuery) -> GeocodeResult:
        """Every congressional district with land of the ZIP's ZCTA, and its share."""
        if query.zip is None:
            return super().geocode(query)
        code = zip5(query.zip)
        entries = self.load().get(code, ())
        provenance = self._provenance
        shares = {_district(key): share for key, share in entries}
        districts = tuple(shares)
        if not districts:
            note = (
                f"ZIP {code} is not in the ZCTA table (PO-box-only and single-business ZIPs "
                "are missing, as are GU, VI, AS and MP); use --address or --district"
            )
            return GeocodeResult(query, "none", note=note, provenance=provenance)
        if len(districts) == 1:
            return GeocodeResult(query, "exact", districts, provenance=provenance, shares=shares)
        states = sorted({d.state for d in districts})
        labels = ", ".join(f"{d.label} {share_phrase(shares[d])}" for d in districts)
        across = f" in {len(states)} states ({', '.join(states)})" if len(states) > 1 else ""
        note = (
            f"ZIP {code} spans {len(districts)} congressional districts{across} ({labels} of its "
            "land); for an exact answer use --address with your street address and ZIP+4, "
            "or --district if you know it"
        )
        return GeocodeResult(
            query, "ambiguous", districts, note=note, provenance=provenance, shares=shares
        )


def _district(key: str) -> District:
    state, number = key.split(":")
    return District(state, "cd", number)


def build_index(paths: Mapping[str, Path]) -> ZipIndex:
    """ZIP -> ``(ST:n, share)`` pairs, largest share first, at-large seats as district "0"."""
    return zcta_districts(paths[DATASET.name].read_bytes())
