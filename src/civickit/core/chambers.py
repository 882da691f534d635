"""The one place chambers are named: each chamber's full name, short name, district code and
the title of its members, for Congress and every state legislature.

Congress is written here; every state chamber comes from the Open States metadata
(``civickit.core.state_bodies``), with the letter form derived by the one rule in
``_from_metadata``. ``civickit.core.addressing`` reads it for titles, salutations and inside
addresses (letters and lookups alike) and ``civickit.core.districts`` for district labels
(``CA-AD-2``, ``NH-HD-Hillsborough 12``, ``NE-LD-13``). Nebraska has one chamber, the
Legislature, whose members are senators (filed as the upper chamber).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from civickit.core.offices import OfficeKind
from civickit.core.state_bodies import StateChamber, StateKind, state_chamber
from civickit.core.states import NON_STATES


@dataclass(frozen=True)
class Chamber:
    """A legislative chamber as letters and lookups name it."""

    name: str  # "Wisconsin State Assembly", "Nebraska Legislature", "United States Senate"
    short: str  # "Assembly", "House", "Senate", "Legislature", "U.S. House"
    district_word: str  # in "Assembly District 4", "Legislative District 5"
    code: str  # in district labels: CA-AD-2, TX-HD-5, CA-SD-2
    title: str  # of a member: Senator, Assembly Member, Delegate, Representative


_US_SENATE = Chamber("United States Senate", "U.S. Senate", "", "", "Senator")
_KINDS: dict[str, StateKind] = {"state-upper": "sldu", "state-lower": "sldl"}


def chamber(office: OfficeKind, state: str) -> Chamber | None:
    """The chamber of ``office`` in ``state`` (USPS code); ``None`` for ``other`` targets and
    for a state chamber that does not exist (Nebraska's lower house)."""
    state = state.upper()
    if office == "us-senate":
        return _US_SENATE
    if office == "us-house":
        title = "Representative"
        if state in NON_STATES:
            title = "Resident Commissioner" if state == "PR" else "Delegate"
        return Chamber("United States House of Representatives", "U.S. House", "", "", title)
    kind = _KINDS.get(office)
    body = state_chamber(state, kind) if kind is not None else None
    return _from_metadata(body) if body is not None else None


def is_unicameral(state: str) -> bool:
    """True for a state whose legislature has one chamber (Nebraska)."""
    body = state_chamber(state, "sldu")
    return body is not None and body.unicameral


@cache
def _from_metadata(body: StateChamber) -> Chamber:
    """A state chamber as letters name it, derived from the Open States metadata by one rule:

    - the short name is the metadata's chamber name without the state (``Assembly``, ``House``,
      ``Senate``, ``Legislature``) and names the chamber's districts (``House District 5``),
      except that a unicameral chamber's districts are ``Legislative`` districts;
    - the district code is the short name's initial and ``D`` (``SD``, ``AD``, ``HD``), ``LD``
      for a unicameral chamber;
    - the title is the metadata's, in the singular (some territories' is ``Legislators``);
    - the full name is the legislature's name with ``Legislature`` replaced by the chamber
      (``Wisconsin State Legislature`` -> ``Wisconsin State Assembly``), or the state's name and
      the chamber where the legislature has another name (``Massachusetts General Court`` ->
      ``Massachusetts Senate``); in it a ``House`` is the House of its members' title in the
      plural (``House of Representatives``, ``House of Delegates``); a unicameral chamber
      keeps its own name (``Nebraska Legislature``), after the state's name if it lacks it.
    """
    short = body.short
    title = (
        body.title[:-1]
        if body.title.endswith("s") and not body.title.endswith("ss")
        else body.title
    )
    if body.unicameral:
        name = body.name if body.state_name in body.name else f"{body.state_name} {body.name}"
        return Chamber(name, short, "Legislative", "LD", title)
    full = f"House of {title}s" if short == "House" else short
    legislature = body.legislature
    if legislature.lower().startswith(body.state_name.lower()):
        legislature = body.state_name + legislature[len(body.state_name) :]
    if legislature.endswith(" Legislature"):
        name = legislature.removesuffix("Legislature") + full
    else:
        name = f"{body.state_name} {full}"
    return Chamber(name, short, short, f"{short[0]}D", title)
