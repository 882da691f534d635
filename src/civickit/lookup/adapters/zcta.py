"""``zcta``: ZIP code to congressional district(s), offline, from the ZCTA table ``zccd.csv``.

A ZCTA approximates a ZIP's area; many cross district lines (and some state lines). Every
district a ZIP touches is returned and the answer is flagged ambiguous: never a silent pick.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from civickit.core.districts import AT_LARGE, HOUSE_SEATS, District
from civickit.core.officials import Provenance
from civickit.core.zips import zip5
from civickit.lookup.adapters.base import GeocodeQuery, Geocoder, GeocodeResult, QueryKind
from civickit.lookup.datasets import dataset_named

DATASET = dataset_named("zcta-cd")
ZipIndex = dict[str, tuple[str, ...]]  # "94103" -> ("CA:11",), "10001" -> ("NY:10", "NY:12")


class ZctaGeocoder(Geocoder):
    """ZIP -> congressional districts from the Census ZCTA relationship table."""

    name: ClassVar[str] = "zcta"
    description: ClassVar[str] = (
        "ZIP -> congressional district(s) from the ZCTA table zcta-cd/zccd.csv (offline); "
        "ambiguous when a ZIP spans districts"
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
        """Every congressional district the ZIP's ZCTA touches."""
        if query.zip is None:
            return super().geocode(query)
        code = zip5(query.zip)
        entries = self.load().get(code, ())
        provenance = self._provenance
        districts = tuple(_district(entry) for entry in entries)
        if not districts:
            note = (
                f"ZIP {code} is not in the ZCTA table (PO-box-only and single-business ZIPs "
                "are missing, as are GU, VI, AS and MP); use --address or --district"
            )
            return GeocodeResult(query, "none", note=note, provenance=provenance)
        if len(districts) == 1:
            return GeocodeResult(query, "exact", districts, provenance=provenance)
        states = sorted({d.state for d in districts})
        labels = ", ".join(d.label for d in districts)
        across = f" in {len(states)} states" if len(states) > 1 else ""
        note = (
            f"ZIP {code} spans {len(districts)} congressional districts{across} ({labels}); "
            "for an exact answer use --address with your street address and ZIP+4, "
            "or --district if you know it"
        )
        return GeocodeResult(query, "ambiguous", districts, note=note, provenance=provenance)


def _district(entry: str) -> District:
    state, number = entry.split(":")
    return District(state, "cd", number)


def build_index(paths: Mapping[str, Path]) -> ZipIndex:
    """ZIP -> ``ST:n`` entries, in file order, at-large seats as district "0"."""
    grouped: dict[str, list[str]] = {}
    with paths[DATASET.name].open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            state = row["state_abbr"]
            number = AT_LARGE if HOUSE_SEATS.get(state) == 1 else str(int(row["cd"]))
            entries = grouped.setdefault(row["zcta"], [])
            entry = f"{state}:{number}"
            if entry not in entries:
                entries.append(entry)
    # Sharing equal tuples lets pickle store each district set once: a faster index to load.
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    index: ZipIndex = {}
    for code, entries in grouped.items():
        ordered = tuple(sorted(entries, key=_order))
        index[code] = shared.setdefault(ordered, ordered)
    return index


def _order(entry: str) -> tuple[str, int]:
    state, number = entry.split(":")
    return state, int(number)
