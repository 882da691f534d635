"""How to address an official: title, salutation, inside address and constituency.

The rules follow US usage: "The Honorable" for elected officials in the inside address, the
office title before the family name in the salutation ("Dear Senator Padilla"), and the title of a
state's lower-house members as that state uses it (Assemblymember in CA, NY and NV; Delegate in
MD, VA and WV; Representative elsewhere).
"""

from __future__ import annotations

from functools import cache

from civickit.core.officials import Address, Official

DELEGATE_TERRITORIES = frozenset({"DC", "GU", "VI", "AS", "MP"})
RESIDENT_COMMISSIONER_TERRITORIES = frozenset({"PR"})
ASSEMBLYMEMBER_STATES = frozenset({"CA", "NY", "NV"})
DELEGATE_STATES = frozenset({"MD", "VA", "WV"})
_HOUSE_TITLES = frozenset({"Representative", "Delegate", "Resident Commissioner"})
# Titles that go before a name in a salutation ("Dear Mayor Breed"); any other title of an
# "other" target (Chief Executive Officer, ...) is not used that way: "Dear Satya Nadella".
_SALUTATION_TITLES = frozenset(
    {
        "Mayor",
        "Council Member",
        "Councilmember",
        "Councilor",
        "Councillor",
        "Supervisor",
        "Commissioner",
        "Alderman",
        "Alderperson",
        "Alderwoman",
        "Governor",
        "Lieutenant Governor",
        "Attorney General",
        "Secretary",
        "Judge",
        "Sheriff",
        "Chief",
    }
)
_CHAMBER_NAMES = {
    "us-senate": "United States Senate",
    "us-house": "United States House of Representatives",
}


@cache
def state_name(code: str) -> str:
    """``California`` for ``CA``; the code itself when ``us`` does not know it."""
    import us

    found = us.states.lookup(code) if code else None
    return str(found.name) if found is not None else code


def office_title(official: Official) -> str:
    """The title used before the official's name: Senator, Representative, Delegate, ..."""
    if official.office in {"us-senate", "state-upper"}:
        return "Senator"
    if official.office == "us-house":
        if official.title in _HOUSE_TITLES:
            return official.title
        if official.state in DELEGATE_TERRITORIES:
            return "Delegate"
        if official.state in RESIDENT_COMMISSIONER_TERRITORIES:
            return "Resident Commissioner"
        return "Representative"
    if official.office == "state-lower":
        return state_lower_title(official.state)
    return official.title.strip()


def _lower_house(state: str) -> tuple[str, str, str]:
    """(member title, chamber as in a district name, chamber's full name) of a lower house."""
    name = state_name(state)
    if state in ASSEMBLYMEMBER_STATES:
        return "Assemblymember", "Assembly", f"{name} State Assembly"
    if state in DELEGATE_STATES:
        return "Delegate", "House of Delegates", f"{name} House of Delegates"
    return "Representative", "House", f"{name} House of Representatives"


def state_lower_title(state: str) -> str:
    """The title of a member of ``state``'s lower house."""
    return _lower_house(state)[0]


def elected(official: Official) -> bool:
    """True for members of Congress and state legislatures (addressed as The Honorable)."""
    return official.office != "other"


def addressee(official: Official) -> str:
    """How to name the official in a sentence: ``Senator Padilla``, ``Satya Nadella``,
    ``the San Francisco Board of Supervisors``."""
    title = office_title(official)
    if not official.name:
        return f"the {official.organisation}" if official.organisation else "the office"
    if elected(official) or title in _SALUTATION_TITLES:
        return f"{title} {official.last_name}"
    return official.name


def salutation(official: Official) -> str:
    """``Dear Senator Padilla``, ``Dear Mayor Breed``, ``Dear Satya Nadella``."""
    if not official.name:
        body = (
            f"Members of the {official.organisation}" if official.organisation else "Sir or Madam"
        )
        return f"Dear {body}"
    return f"Dear {addressee(official)}"


def chamber_name(official: Official) -> str:
    """The body the official sits in: ``United States Senate``, ``Maryland House of Delegates``."""
    if official.office in _CHAMBER_NAMES:
        return _CHAMBER_NAMES[official.office]
    state = state_name(official.state)
    if official.office == "state-upper":
        return "Nebraska Legislature" if official.state == "NE" else f"{state} State Senate"
    if official.office == "state-lower":
        return _lower_house(official.state)[2]
    return official.organisation or ""


def mailing_address(official: Official) -> Address | None:
    """The office a letter goes to: the Washington or Capitol office, else a district office."""
    if official.capitol_office is not None:
        return official.capitol_office
    return official.district_offices[0] if official.district_offices else None


def inside_address(official: Official) -> list[str]:
    """The recipient block of a letter, one line per item."""
    lines: list[str] = []
    if elected(official):
        lines.append(f"The Honorable {official.name}")
        lines.append(chamber_name(official))
    else:
        title = office_title(official)
        if official.name:
            lines.append(official.name)
        if title and official.name:
            lines.append(title)
        if official.organisation:
            lines.append(official.organisation)
    address = mailing_address(official)
    if address is not None:
        lines.extend(line for line in address.postal_lines() if line not in lines)
    return lines


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``12th``, ``23rd``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def constituency(official: Official) -> str:
    """Where the writer lives, as the official's seat describes it.

    ``California``, ``California's 12th congressional district``, ``Senate District 2``,
    ``Assembly District 4``, or the organisation of an "other" target.
    """
    state = state_name(official.state)
    district = official.district
    if official.office == "us-senate" or (official.office == "us-house" and district is None):
        return state
    if official.office == "us-house" and district is not None:
        if district.at_large or not district.number.isdigit():
            return state
        return f"{state}'s {ordinal(int(district.number))} congressional district"
    if official.office in {"state-upper", "state-lower"}:
        if district is None:
            return state
        chamber = {"state-upper": "Senate", "state-lower": _lower_house(official.state)[1]}
        return f"{state} {chamber[official.office]} District {district.number}"
    return official.organisation or state or "your community"
