"""Legislative districts: congressional (``cd``) and state upper/lower (``sldu``/``sldl``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from civickit.core.chambers import chamber, is_unicameral
from civickit.core.state_bodies import (
    district_for_division,
    districts_named,
    find_district,
    has_metadata,
)
from civickit.core.states import NON_STATES, state_code, state_name
from civickit.errors import UsageError

DistrictKind = Literal["cd", "sldu", "sldl"]
AT_LARGE = "0"
__all__ = [
    "AT_LARGE",
    "EXAMPLES",
    "HOUSE_SEATS",
    "NON_STATES",
    "District",
    "DistrictKind",
    "parse_district",
    "validate_district",
]


@dataclass(frozen=True, order=True)
class District:
    """One district. ``number`` is a string: "12", "0" (at-large or a delegate's seat), or the
    official name of a state legislative district as Open States gives it ("Hillsborough 12",
    "First Middlesex"); ``parse_district`` and ``validate_district`` make it that name."""

    state: str  # USPS code, upper case
    kind: DistrictKind
    number: str

    @property
    def at_large(self) -> bool:
        """True for a whole-state congressional seat (and DC/territory delegates)."""
        return self.kind == "cd" and self.number == AT_LARGE

    @property
    def label(self) -> str:
        """``CA-12``, ``WY-AL``, ``DC``, ``CA-SD-2``, ``CA-AD-2``, ``TX-HD-5``, ``NE-LD-13``,
        ``NH-HD-Hillsborough 12``."""
        if self.kind == "cd":
            if self.state in NON_STATES:
                return self.state
            return f"{self.state}-{'AL' if self.at_large else self.number}"
        body = chamber("state-upper" if self.kind == "sldu" else "state-lower", self.state)
        code = body.code if body else "SD" if self.kind == "sldu" else "HD"
        return f"{self.state}-{code}-{self.number}"

    @property
    def ocd_id(self) -> str:
        """Open Civic Data division id."""
        base = f"ocd-division/country:us/state:{self.state.lower()}"
        if self.state in {"DC"} and self.kind == "cd":
            return "ocd-division/country:us/district:dc"
        if self.state in NON_STATES and self.kind == "cd":
            return f"ocd-division/country:us/territory:{self.state.lower()}"
        if self.kind == "cd" and self.at_large:
            return base
        if self.kind != "cd":
            found = district_for_division(f"{base}/{self.kind}:{self.number}")
            if found is not None:
                return found[2].division_id
        return f"{base}/{self.kind}:{self.number.lower().replace(' ', '_')}"

    def __str__(self) -> str:
        return self.label


# Congressional seats per state from the 2020 apportionment (118th Congress onwards); DC and the
# five territories send one non-voting member each, who sits for district "0".
HOUSE_SEATS: dict[str, int] = {
    "AL": 7, "AK": 1, "AZ": 9, "AR": 4, "CA": 52, "CO": 8, "CT": 5, "DE": 1, "FL": 28, "GA": 14,
    "HI": 2, "ID": 2, "IL": 17, "IN": 9, "IA": 4, "KS": 4, "KY": 6, "LA": 6, "ME": 2, "MD": 8,
    "MA": 9, "MI": 13, "MN": 8, "MS": 4, "MO": 8, "MT": 2, "NE": 3, "NV": 4, "NH": 2, "NJ": 12,
    "NM": 3, "NY": 26, "NC": 14, "ND": 1, "OH": 15, "OK": 5, "OR": 6, "PA": 17, "RI": 2, "SC": 7,
    "SD": 1, "TN": 9, "TX": 38, "UT": 4, "VT": 1, "VA": 11, "WA": 10, "WV": 2, "WI": 8, "WY": 1,
    "DC": 1, "PR": 1, "GU": 1, "VI": 1, "AS": 1, "MP": 1,
}  # fmt: skip
EXAMPLES = "CA-12, WY-AL, DC, CA-SD-2 or ocd-division/country:us/state:ca/cd:12"

_SEPARATORS = re.compile(r"[\s_\-.,/:]+")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_OCD = re.compile(
    r"^ocd-division/country:us/(?:(?:state|district|territory):(?P<state>[a-z]{2}))"
    r"(?:/(?P<kind>cd|sldu|sldl):(?P<number>[a-z0-9~_.' \-]+))?$"
)
_CHAMBERS: dict[str, DistrictKind] = {"SD": "sldu", "HD": "sldl", "AD": "sldl", "LD": "sldl"}
_AT_LARGE_WORDS = frozenset({"AL", "0", "00", "98", "AT-LARGE", "ATLARGE"})


def parse_district(text: str) -> District:
    """A validated ``District`` from what people type.

    Accepts ``CA-12``, ``ca12``, ``CA 12``, ``California 12``, ``WY-AL``, ``WY-0``, ``DC``, ``PR``,
    ``CA-SD-2``, ``CA-AD-2``, ``TX-HD-5``, ``NE-LD-13``, state districts by their official names
    as people type them (``NH-HD-Hillsborough 12``, ``nh-hd-hillsborough-12``,
    ``MA-SD-First Middlesex``, or a name alone when only one state has it) and OCD division ids
    (``.../sldl:hillsborough_12``). Raises ``UsageError`` naming the input and an example for
    anything else, and for seats the state does not have (with the closest names or the range).
    """
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(f"empty district: give one such as {EXAMPLES}")
    if cleaned.lower().startswith("ocd-division/"):
        district = _parse_ocd(cleaned)
    else:
        district = _parse_plain(cleaned)
    return validate_district(district, text)


def validate_district(district: District, text: str | None = None) -> District:
    """``district`` when its seat exists; ``UsageError`` naming the valid range otherwise."""
    if district.kind != "cd":
        if district.number in {"", "0"}:
            raise UsageError(f"{text or district.label!r}: give the district number, e.g. CA-SD-2")
        if not has_metadata(district.state):
            return district
        given = text if text is not None else district.label
        found = find_district(district.state, district.kind, district.number, given)
        return District(district.state, district.kind, found.name)
    seats = HOUSE_SEATS[district.state]
    if seats == 1 and not district.at_large:
        seat = "one delegate seat" if district.state in NON_STATES else "one at-large district"
        use = district.state if district.state in NON_STATES else f"{district.state}-AL"
        raise UsageError(f"{state_name(district.state)} has {seat}: use {use}")
    if seats > 1 and (district.at_large or not 1 <= int(district.number) <= seats):
        raise UsageError(
            f"{state_name(district.state)} has {seats} congressional districts (1-{seats}); "
            f"{text.strip() if text else district.label} is not one of them"
        )
    return district


def _parse_ocd(text: str) -> District:
    match = _OCD.match(text.lower())
    if match is None:
        raise UsageError(f"cannot read the OCD id {text!r}: give one such as {EXAMPLES}")
    state = _known_state(match["state"], text)
    kind = match["kind"]
    if kind is None:
        return _whole_state(state, text)
    number = match["number"]
    if kind == "cd":
        return District(state, "cd", _seat_number(number, text))
    return District(state, "sldu" if kind == "sldu" else "sldl", number)


def _parse_plain(text: str) -> District:
    tokens = [t for t in _SEPARATORS.split(text.upper()) if t]
    if len(tokens) == 1 and (split := re.fullmatch(r"([A-Z]{2})(\d+|AL)", tokens[0])):
        tokens = [split[1], split[2]]
    if _state_prefix(tokens) is None:
        named = districts_named(text)
        if len(named) == 1:
            state, kind, found = named[0]
            return District(state, kind, found.name)
    state_tokens, rest = _split_state(tokens, text)
    state = _known_state(" ".join(state_tokens), text)
    if not rest:
        return _whole_state(state, text)
    if rest[0] in _CHAMBERS and len(rest) >= 2:
        unicameral = is_unicameral(state) and rest[0] in {"SD", "LD"}
        chamber_kind: DistrictKind = "sldu" if unicameral else _CHAMBERS[rest[0]]
        return District(state, chamber_kind, _leg_number("-".join(rest[1:])))
    if rest in (["AT", "LARGE"], ["ATLARGE"]) or (len(rest) == 1 and rest[0] in _AT_LARGE_WORDS):
        return District(state, "cd", AT_LARGE)
    if len(rest) == 1:
        return District(state, "cd", _seat_number(rest[0], text))
    raise UsageError(f"cannot read the district {text!r}: give one such as {EXAMPLES}")


def _state_prefix(tokens: list[str]) -> int | None:
    """How many leading words name a state (``NEW YORK``: 2), if any do."""
    for size in range(min(len(tokens), 4), 0, -1):
        if state_code(" ".join(tokens[:size])) is not None:
            return size
    return None


def _split_state(tokens: list[str], text: str) -> tuple[list[str], list[str]]:
    """The leading words naming a state (``NEW YORK``) and the rest."""
    size = _state_prefix(tokens)
    if size is not None:
        return tokens[:size], tokens[size:]
    first = tokens[0] if tokens else text
    raise UsageError(
        f"unknown state {first!r} in {text.strip()!r}: give a district such as {EXAMPLES}"
    )


def _known_state(candidate: str, text: str) -> str:
    code = state_code(candidate)
    if code is None:
        raise UsageError(
            f"unknown state {candidate!r} in {text.strip()!r}: give a district such as {EXAMPLES}"
        )
    return code


def _whole_state(state: str, text: str) -> District:
    if HOUSE_SEATS[state] == 1:
        return District(state, "cd", AT_LARGE)
    raise UsageError(
        f"{text.strip()!r} is a whole state; give one of its {HOUSE_SEATS[state]} districts, "
        f"e.g. {state}-1"
    )


def _seat_number(token: str, text: str) -> str:
    upper = token.upper()
    if upper in _AT_LARGE_WORDS:
        return AT_LARGE
    ordinal = _ORDINAL.match(token.lower())
    digits = ordinal[1] if ordinal else token
    if not digits.isdigit() or len(digits) > 3:
        raise UsageError(f"cannot read the district {text.strip()!r}: give one such as {EXAMPLES}")
    return str(int(digits))


def _leg_number(token: str) -> str:
    """State legislative district as typed: numbers lose leading zeros; a name is matched to
    the official one by ``validate_district``."""
    return str(int(token)) if token.isdigit() else token
