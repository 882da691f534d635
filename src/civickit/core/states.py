"""The 50 states, DC and the five inhabited territories: USPS codes, names and FIPS codes.

The one table is the ``us`` package, limited to the places that send someone to Congress (its
obsolete entries, such as Dakota Territory, are not places a letter goes to).
"""

from __future__ import annotations

from functools import lru_cache

import us

# DC and the territories: one non-voting House seat each, no senators.
NON_STATES: frozenset[str] = frozenset({"DC", *(t.abbr for t in us.states.TERRITORIES)})
CODES: frozenset[str] = frozenset({*(s.abbr for s in us.states.STATES), *NON_STATES})
_DC_NAMES = frozenset({"WASHINGTONDC", "DISTOFCOLUMBIA", "WASHINGTONDISTRICTOFCOLUMBIA"})


@lru_cache(maxsize=4096)
def state_code(text: str) -> str | None:
    """The USPS code for a state's or territory's code or name (``ca``, ``California``,
    ``Washington, D.C.``); ``None`` when unknown. Bare numbers are never read as FIPS codes
    here: in typed input they are district numbers (use ``code_for_fips``)."""
    cleaned = " ".join(text.replace(".", " ").replace(",", " ").split())
    upper = cleaned.upper()
    if upper in CODES:
        return upper
    squeezed = upper.replace(" ", "")
    if squeezed in {"DC", *_DC_NAMES}:
        return "DC"
    if not squeezed.isalpha():
        return None
    found = us.states.lookup(cleaned)
    code = str(found.abbr) if found is not None else None
    return code if code in CODES else None


def state_name(code: str) -> str:
    """``California`` for ``CA``; the code itself when it names no state or territory."""
    found = us.states.lookup(code) if code.upper() in CODES else None
    return str(found.name) if found is not None else code


# Places whose name takes "the" in running text ("I live in the District of Columbia"), as
# written there: the one table of such names. Every other state and territory takes none.
_NAMES_IN_TEXT: dict[str, str] = {
    "DC": "the District of Columbia",
    "VI": "the U.S. Virgin Islands",
    "MP": "the Northern Mariana Islands",
}


def place_name(code: str) -> str:
    """The name as a sentence writes it, with its article where it takes one: ``California``,
    ``the District of Columbia``, ``the U.S. Virgin Islands``, ``the Northern Mariana Islands``
    (``civickit.core.dates.sentence_case`` capitalises it at the start of a sentence)."""
    return _NAMES_IN_TEXT.get(code.upper(), state_name(code))


def code_for_fips(fips: str) -> str | None:
    """The USPS code for a two-digit FIPS state code (``06`` -> ``CA``); ``None`` when unknown."""
    digits = fips.strip()
    found = us.states.lookup(digits.zfill(2), field="fips") if digits.isdigit() else None
    code = str(found.abbr) if found is not None else None
    return code if code in CODES else None
