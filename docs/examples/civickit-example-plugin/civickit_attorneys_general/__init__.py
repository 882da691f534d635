"""State attorneys general as a civickit directory (office kind "other")."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from civickit.core.districts import District
from civickit.core.officials import Address, OfficeKind, Official, Provenance
from civickit.lookup.adapters import Directory, hookimpl

ATTORNEYS_GENERAL = {
    "CA": (
        "Rob Bonta",
        Address(
            "Office of the Attorney General",
            ("1300 I Street",),
            "Sacramento",
            "CA",
            "95814",
            phone="916-445-9555",
        ),
    ),
}


class AttorneysGeneral(Directory):
    """Each state's attorney general, from a table shipped with the package."""

    name = "attorneys-general"
    description = "state attorneys general (office kind 'other')"
    offices = frozenset({"other"})
    needs_key = False

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        found = []
        for state in dict.fromkeys(d.state for d in districts):
            if "other" in offices and state in ATTORNEYS_GENERAL:
                name, office = ATTORNEYS_GENERAL[state]
                found.append(
                    Official(
                        name=name,
                        office="other",
                        title="Attorney General",
                        state=state,
                        capitol_office=office,
                        organisation=f"{state} Department of Justice",
                        provenance=Provenance(self.name, "attorneys-general", "2026"),
                    )
                )
        return found


@hookimpl
def register_adapters(register):
    """Register this package's adapters."""
    register(AttorneysGeneral)
