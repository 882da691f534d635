"""Legislative districts: congressional (``cd``) and state upper/lower (``sldu``/``sldl``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DistrictKind = Literal["cd", "sldu", "sldl"]

# States whose lower house is called the Assembly (districts labelled "AD").
ASSEMBLY_STATES = frozenset({"CA", "NY", "NV", "WI", "NJ"})
AT_LARGE = "0"


@dataclass(frozen=True, order=True)
class District:
    """One district. ``number`` is a string: "12", "0" (at-large or a delegate's seat), or a
    name for state legislative districts that have no number (e.g. "Chittenden-1")."""

    state: str  # USPS code, upper case
    kind: DistrictKind
    number: str

    @property
    def at_large(self) -> bool:
        """True for a whole-state congressional seat (and DC/territory delegates)."""
        return self.kind == "cd" and self.number == AT_LARGE

    @property
    def label(self) -> str:
        """``CA-12``, ``WY-AL``, ``CA-SD-2``, ``CA-AD-2``, ``TX-HD-5``."""
        if self.kind == "cd":
            return f"{self.state}-{'AL' if self.at_large else self.number}"
        if self.kind == "sldu":
            return f"{self.state}-SD-{self.number}"
        chamber = "AD" if self.state in ASSEMBLY_STATES else "HD"
        return f"{self.state}-{chamber}-{self.number}"

    @property
    def ocd_id(self) -> str:
        """Open Civic Data division id."""
        base = f"ocd-division/country:us/state:{self.state.lower()}"
        if self.state in {"DC"} and self.kind == "cd":
            return "ocd-division/country:us/district:dc"
        if self.state in {"PR", "GU", "VI", "AS", "MP"} and self.kind == "cd":
            return f"ocd-division/country:us/territory:{self.state.lower()}"
        if self.kind == "cd" and self.at_large:
            return base
        return f"{base}/{self.kind}:{self.number.lower()}"

    def __str__(self) -> str:
        return self.label
