"""How to address an official: title, salutation, inside address and constituency.

The rules follow US usage: "The Honorable" for elected officials in the inside address, the
office title before the family name in the salutation ("Dear Senator Padilla"), and the title of
a chamber's members as that chamber uses it (``civickit.core.chambers``: Assemblymember in CA,
NJ, NV, NY and WI; Delegate in MD, VA and WV; Representative elsewhere). Lookups and letters
take every title from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from civickit.core.chambers import chamber
from civickit.core.offices import OfficeKind
from civickit.core.officials import Address, Official
from civickit.core.states import place_name

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


def title_for(office: OfficeKind, state: str) -> str:
    """``Senator``, ``Representative``, ``Delegate``, ``Resident Commissioner``,
    ``Assemblymember``...: the title of ``office`` in ``state`` (USPS code); "" for ``other``."""
    seat = chamber(office, state)
    return seat.title if seat is not None else ""


def office_title(official: Official) -> str:
    """The title used before the official's name: Senator, Representative, Delegate, ...; for
    an ``other`` target, the title its file gives."""
    return title_for(official.office, official.state) or official.title.strip()


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
    """The body the official sits in: ``United States Senate``, ``Maryland House of Delegates``,
    ``New Jersey General Assembly``; the organisation of an ``other`` target."""
    seat = chamber(official.office, official.state)
    return seat.name if seat is not None else official.organisation or ""


def chamber_short(office: OfficeKind, state: str) -> str:
    """A short chamber name: ``U.S. Senate``, ``Senate``, ``Assembly``, ``House of Delegates``,
    ``House`` or ``Legislature`` (state chambers without the state)."""
    seat = chamber(office, state)
    return seat.short if seat is not None else ""


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
    state = place_name(official.state)
    district = official.district
    if official.office == "us-senate" or (official.office == "us-house" and district is None):
        return state
    if official.office == "us-house" and district is not None:
        if district.at_large or not district.number.isdigit():
            return state
        return f"{state}'s {ordinal(int(district.number))} congressional district"
    seat = chamber(official.office, official.state)
    if official.office in {"state-upper", "state-lower"} and seat is not None:
        if district is None:
            return state
        return f"{state} {seat.district_word} District {district.number}"
    return official.organisation or state or "your community"


@dataclass(frozen=True)
class AddressWords:
    """How a language other than English greets and names officials (a language file's
    ``[address]`` and ``[titles]``). Each pattern may use ``{title}``, ``{last_name}``,
    ``{name}`` and ``{organisation}``; ``titles`` maps an English title (``office_title``) to
    its masculine and feminine forms."""

    male: str
    female: str
    neutral: str
    body: str
    nobody: str
    titles: Mapping[str, tuple[str, str]]
    person: str = ""  # a person with no public office (a company's head); "" : ``neutral``


def salutation_in(official: Official, words: AddressWords) -> str:
    """The salutation in another language: ``Estimado senador Padilla``, ``Estimada
    representante Pelosi``, or the neutral ``Honorable Alex Padilla`` when the official's
    ``gender`` (``male``, ``female``, from the data only) is not known or the title has no
    translation (``person``, ``Apreciable Satya Nadella``, for someone who holds no public
    office)."""
    if not official.name:
        if official.organisation:
            return words.body.format(organisation=official.organisation)
        return words.nobody
    forms = words.titles.get(office_title(official))
    gender = official.gender
    if forms is not None and gender in ("male", "female"):
        pattern = words.male if gender == "male" else words.female
        title = forms[0] if gender == "male" else forms[1]
        return pattern.format(title=title, last_name=official.last_name, name=official.name)
    public = elected(official) or office_title(official) in _SALUTATION_TITLES
    pattern = words.neutral if public or not words.person else words.person
    return pattern.format(name=official.name, title="", last_name=official.last_name)


def addressee_in(official: Official) -> str:
    """How to name the official in a sentence of another language, with no gendered title:
    the name (``Alex Padilla``), else the organisation."""
    return official.name or official.organisation or ""
