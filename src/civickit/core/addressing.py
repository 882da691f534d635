"""How to address an official: title, salutation, inside address and constituency.

The rules follow US usage: "The Honorable" for elected officials in the inside address, the
office title before the family name in the salutation ("Dear Senator Padilla"), and the title of
a chamber's members as that chamber uses it (``civickit.core.chambers``: Assemblymember in CA,
NJ, NV, NY and WI; Delegate in MD, VA and WV; Representative elsewhere). Lookups and letters
take every title from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from civickit.core.chambers import chamber
from civickit.core.offices import OfficeKind
from civickit.core.officials import Address, Official
from civickit.core.states import place_name, state_name

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
    either: str = "{masculine}/{feminine}"  # a title when the data gives no gender


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


@dataclass(frozen=True)
class PlaceWords:
    """How a language other than English names places, chambers and roles (a language file's
    ``[places]``, ``[chambers]`` and ``[roles]``; see ``docs/campaigns.md``).

    ``states`` maps a USPS code to the language's name of the place where it differs from the
    English one; ``chambers`` maps a chamber's English words (its name without the state,
    ``House of Delegates``, else its short name, ``Senate``) to its name with its article,
    ``{state}`` the state's name; ``default_chamber`` names one not listed (``{name}``, the
    official English name); ``district`` and ``chamber_district`` name a congressional and a
    state legislative district (``{number}``, ``{state}``, ``{chamber}``); ``roles`` maps an
    office kind to its masculine, feminine and neutral role phrases (``{title}``, ``{chamber}``,
    ``{organisation}``)."""

    states: Mapping[str, str]
    chambers: Mapping[str, str]
    default_chamber: str
    district: str
    chamber_district: str
    community: str
    roles: Mapping[str, tuple[str, str, str]]
    contractions: Mapping[str, str] = field(default_factory=dict)  # "de el " -> "del "

    def contract(self, text: str) -> str:
        """``text`` with the language's contractions (``de el Senado`` -> ``del Senado``)."""
        for words, contracted in self.contractions.items():
            text = text.replace(words, contracted)
        return text


def state_name_in(code: str, words: PlaceWords) -> str:
    """The state's name in the language of ``words``: ``Nueva York``, ``California``."""
    return words.states.get(code.upper()) or state_name(code)


def chamber_name_in(official: Official, words: PlaceWords) -> str:
    """The official's chamber in the language of ``words``, with its article: ``el Senado de
    Texas``, ``la Cámara de Delegados de Maryland``; the organisation of an ``other`` target."""
    named = office_chamber_in(official.office, official.state, words)
    return official.organisation or "" if named is None else named


def office_chamber_in(office: OfficeKind, state: str, words: PlaceWords) -> str | None:
    """The chamber of ``office`` in ``state`` in the language of ``words``, with its article
    (``el Senado de Texas``); ``None`` for an office of no chamber (an ``other`` target, or
    Nebraska's lower house)."""
    seat = chamber(office, state)
    if seat is None:
        return None
    english_state = state_name(state)
    own_words = seat.name.removeprefix(f"{english_state} ")
    pattern = words.chambers.get(own_words) or words.chambers.get(seat.short)
    if pattern is None:
        return words.default_chamber.format(name=seat.name)
    return pattern.format(state=state_name_in(state, words))


def constituency_in(official: Official, words: PlaceWords) -> str:
    """Where the writer lives in the language of ``words``: ``California``, ``el distrito 12
    de California``, ``el distrito 5 de la Cámara de Representantes de Texas``, or the
    organisation of an "other" target."""
    state = state_name_in(official.state, words) if official.state else ""
    district = official.district
    if official.office in {"us-senate", "us-house"}:
        if district is None or district.at_large or not district.number.isdigit():
            return state
        return words.district.format(number=int(district.number), state=state)
    if official.office in {"state-upper", "state-lower"} and official.state:
        if district is None:
            return state
        return words.contract(
            words.chamber_district.format(
                number=district.number, state=state, chamber=chamber_name_in(official, words)
            )
        )
    return official.organisation or state or words.community


def role_in(official: Official, address: AddressWords, words: PlaceWords) -> str:
    """What the writer asks the official as, in the language of ``words``: ``uno de mis dos
    senadores``, ``mi asambleísta en la Asamblea de California``; the neutral form when the
    data gives no gender; "" when the language gives none for the office."""
    forms = words.roles.get(official.office)
    if forms is None:
        return ""
    titles = address.titles.get(office_title(official))
    gender = official.gender
    index = {"male": 0, "female": 1}.get(gender or "", 2)
    if titles is None and index < 2 and "{title}" in forms[index]:
        return ""  # no translation of the title: no role rather than an English word
    title = titles[min(index, 1)] if titles else ""
    return words.contract(
        forms[index].format(
            title=title,
            chamber=chamber_name_in(official, words),
            organisation=official.organisation or "",
        )
    )


def title_in(official: Official, words: AddressWords) -> str:
    """The official's title in another language: by the data's gender, the shared form when
    both forms are one (``representante``), else ``either`` (``senador o senadora``); the English
    title when the language has no translation of it."""
    english = office_title(official)
    forms = words.titles.get(english)
    if forms is None:
        return english
    if official.gender in ("male", "female"):
        return forms[0] if official.gender == "male" else forms[1]
    if forms[0] == forms[1]:
        return forms[0]
    return words.either.format(masculine=forms[0], feminine=forms[1])
