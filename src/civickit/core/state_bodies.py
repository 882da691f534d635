"""State legislatures as Open States describes them: chambers, their members' titles, districts
with their official names, seat counts and OCD division ids.

The one source is the ``openstates-metadata`` package (Open States' own metadata, imported
lazily on first use); nothing here is a hand-written table. A district is named as the metadata
names it (``Hillsborough 12``, ``First Middlesex``, ``13``); what people type is matched to that
name through ``district_key`` (case, spacing, hyphens, underscores and leading zeros ignored), or
to the last part of the district's OCD id (``1st_middlesex``). Nebraska's one chamber, the
Legislature, is filed as the upper chamber (``sldu``), as its OCD ids are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from civickit.errors import UsageError

if TYPE_CHECKING:
    from openstates_metadata import Chamber as MetaChamber
    from openstates_metadata import State as MetaState

StateKind = Literal["sldu", "sldl"]
_WORD_SPLIT = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class StateDistrict:
    """One district of a state chamber: its official name, OCD id and number of seats."""

    name: str  # "Hillsborough 12", "First Middlesex", "13"
    division_id: str  # "ocd-division/country:us/state:nh/sldl:hillsborough_12"
    seats: int


@dataclass(frozen=True)
class StateChamber:
    """A chamber of a state legislature, with the fields the metadata gives."""

    state: str  # USPS code
    state_name: str  # "New Jersey"
    kind: StateKind
    name: str  # as the metadata names it: "Assembly", "House", "Senate", "Nebraska Legislature"
    title: str  # of a member: "Assembly Member", "Representative", "Delegate", "Senator"
    seats: int
    legislature: str  # the whole body: "Wisconsin State Legislature", "Nebraska Legislature"
    unicameral: bool
    districts: tuple[StateDistrict, ...]

    @property
    def short(self) -> str:
        """The chamber without its state: ``Assembly``, ``House``, ``Senate``, ``Legislature``."""
        return _without_state(self.name, self.state_name)

    def find(self, text: str) -> StateDistrict | None:
        """The district ``text`` names (``hillsborough-12``, ``1st_middlesex``), if any."""
        return _keys(self.state, self.kind).get(district_key(text))


def chamber_kind(chamber: str) -> StateKind | None:
    """The districts of an Open States chamber word: ``upper`` and ``legislature`` (Nebraska's
    one chamber) are ``sldu``, ``lower`` is ``sldl``; ``None`` for anything else, e.g. the
    empty chamber of a member between roles."""
    kinds: dict[str, StateKind] = {"upper": "sldu", "legislature": "sldu", "lower": "sldl"}
    return kinds.get(chamber.strip().lower())


def district_key(text: str) -> str:
    """What two spellings of one district name share: ``Hillsborough 12``, ``hillsborough_12``
    and ``HILLSBOROUGH-012`` are all ``hillsborough-12``; ``&`` is ``and``."""
    words = _WORD_SPLIT.split(text.lower().replace("&", " and "))
    return "-".join(str(int(w)) if w.isdigit() else w for w in words if w)


def has_metadata(state: str) -> bool:
    """True when Open States describes the legislature of ``state`` (USPS code)."""
    return _state(state) is not None


def state_chamber(state: str, kind: StateKind) -> StateChamber | None:
    """The chamber of ``state`` elected from ``kind`` districts; ``None`` where there is none
    (Nebraska's lower house) or Open States has no metadata for the state."""
    return _chambers(state.upper()).get(kind)


def chamber_or_error(state: str, kind: StateKind, text: str) -> StateChamber:
    """``state_chamber`` or a ``UsageError`` saying the state has no such chamber."""
    found = state_chamber(state, kind)
    if found is not None:
        return found
    other = state_chamber(state, "sldu")
    if other is not None and other.unicameral:
        raise UsageError(
            f"{text.strip()!r}: the {other.name} is unicameral and has no lower house; give a "
            f"legislative district such as {state.upper()}-LD-1"
        )
    raise UsageError(f"{text.strip()!r}: Open States has no state legislature for {state.upper()}")


def find_district(state: str, kind: StateKind, text: str, given: str) -> StateDistrict:
    """The district of ``state``'s ``kind`` chamber that ``text`` names; a ``UsageError`` that
    names the closest districts (or the range of numbers) otherwise."""
    body = chamber_or_error(state, kind, given)
    found = body.find(text)
    if found is not None:
        return found
    names = [d.name for d in body.districts]
    what = f"the {body.state_name} {body.short}"
    if all(name.isdigit() for name in names):
        numbers = sorted(int(name) for name in names)
        raise UsageError(
            f"{what} has districts {numbers[0]}-{numbers[-1]}; {given.strip()!r} is not one of them"
        )
    by_key = {district_key(name): name for name in names}
    close = difflib.get_close_matches(district_key(text), list(by_key), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(by_key[k] for k in close)}?" if close else f"e.g. {names[0]}"
    raise UsageError(f"{what} has no district {given.strip()!r}; {hint}")


def districts_named(text: str) -> list[tuple[str, StateKind, StateDistrict]]:
    """Every state district whose official name ``text`` is (``hillsborough-12``), for a name
    given without its state; numbers alone name no district here."""
    key = district_key(text)
    if not key or key.isdigit():
        return []
    return list(_names_everywhere().get(key, ()))


@cache
def _names_everywhere() -> dict[str, tuple[tuple[str, StateKind, StateDistrict], ...]]:
    from openstates_metadata import STATES_BY_ABBR

    from civickit.core.states import CODES

    found: dict[str, list[tuple[str, StateKind, StateDistrict]]] = {}
    # The metadata also describes Congress (US) and others that hold no state district.
    for abbr in (code for code in STATES_BY_ABBR if code.upper() in CODES):
        for kind, body in _chambers(abbr.upper()).items():
            for district in body.districts:
                if not district.name.isdigit():
                    entry = (body.state, kind, district)
                    found.setdefault(district_key(district.name), []).append(entry)
    return {key: tuple(entries) for key, entries in found.items()}


def district_for_division(division_id: str) -> tuple[str, StateKind, StateDistrict] | None:
    """State, chamber kind and district of an OCD division id (underscores and case as typed
    are forgiven: ``.../sldl:Hillsborough-12``); ``None`` for ids of no state district."""
    match = re.match(r"^ocd-division/country:us/state:([a-z]{2})/(sldu|sldl):(.+)$", division_id)
    if match is None:
        return None
    state, kind_text, tail = match[1].upper(), match[2], match[3]
    kind: StateKind = "sldu" if kind_text == "sldu" else "sldl"
    body = state_chamber(state, kind)
    found = body.find(tail) if body is not None else None
    return (state, kind, found) if found is not None else None


def _without_state(name: str, state_name: str) -> str:
    if name.lower().startswith(state_name.lower() + " "):
        return name[len(state_name) + 1 :]
    return name


@cache
def _keys(state: str, kind: StateKind) -> dict[str, StateDistrict]:
    """Each district under the keys of its name and of its OCD id's last part."""
    body = _chambers(state)[kind]
    keys: dict[str, StateDistrict] = {}
    for district in body.districts:
        tail = district.division_id.rsplit(":", 1)[-1]
        keys.setdefault(district_key(tail), district)
    for district in body.districts:  # official names win over OCD tails
        keys[district_key(district.name)] = district
    return keys


@cache
def _state(state: str) -> MetaState | None:
    from openstates_metadata import STATES_BY_ABBR

    return STATES_BY_ABBR.get(state.upper())


@cache
def _chambers(state: str) -> dict[StateKind, StateChamber]:
    meta = _state(state)
    if meta is None:
        return {}
    found: dict[StateKind, StateChamber] = {}
    if meta.unicameral and meta.legislature is not None:
        found["sldu"] = _chamber(meta, meta.legislature, "sldu")
    if meta.upper is not None:
        found["sldu"] = _chamber(meta, meta.upper, "sldu")
    if meta.lower is not None:
        found["sldl"] = _chamber(meta, meta.lower, "sldl")
    return found


def _chamber(meta: MetaState, chamber: MetaChamber, kind: StateKind) -> StateChamber:
    districts = tuple(
        StateDistrict(d.name, d.division_id or "", int(d.num_seats)) for d in chamber.districts
    )
    return StateChamber(
        state=meta.abbr.upper(),
        state_name=meta.name,
        kind=kind,
        name=chamber.name,
        title=chamber.title,
        seats=int(chamber.num_seats),
        legislature=meta.legislature_name,
        unicameral=bool(meta.unicameral),
        districts=districts,
    )
