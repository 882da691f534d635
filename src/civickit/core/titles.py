"""Titles of officials by office and state, for lookups, salutations and letters."""

from __future__ import annotations

from civickit.core.officials import OfficeKind

# The lower house is the Assembly in these states, the House of Delegates in MD, VA and WV, and
# the House of Representatives elsewhere (NE has a single chamber, filed as "upper").
STATE_LOWER_TITLES: dict[str, str] = {
    "CA": "Assemblymember",
    "NY": "Assemblymember",
    "NV": "Assemblymember",
    "NJ": "Assemblymember",
    "WI": "Assemblymember",
    "MD": "Delegate",
    "VA": "Delegate",
    "WV": "Delegate",
}
STATE_LOWER_DEFAULT = "Representative"
DELEGATE_AREAS = frozenset({"DC", "GU", "VI", "AS", "MP"})


def title_for(office: OfficeKind, state: str) -> str:
    """``Senator``, ``Representative``, ``Delegate``, ``Resident Commissioner``,
    ``Assemblymember``...: the title of ``office`` in ``state`` (USPS code)."""
    state = state.upper()
    if office in ("us-senate", "state-upper"):
        return "Senator"
    if office == "us-house":
        if state == "PR":
            return "Resident Commissioner"
        return "Delegate" if state in DELEGATE_AREAS else "Representative"
    if office == "state-lower":
        return STATE_LOWER_TITLES.get(state, STATE_LOWER_DEFAULT)
    return ""


def chamber_name(office: OfficeKind, state: str) -> str:
    """A short chamber name: ``U.S. Senate``, ``U.S. House``, ``Senate``, ``Assembly``,
    ``House of Delegates`` or ``House`` (state chambers without the state)."""
    if office == "us-senate":
        return "U.S. Senate"
    if office == "us-house":
        return "U.S. House"
    if office == "state-upper":
        return "Senate"
    if office == "state-lower":
        lower = STATE_LOWER_TITLES.get(state.upper(), "")
        return {"Assemblymember": "Assembly", "Delegate": "House of Delegates"}.get(lower, "House")
    return ""
