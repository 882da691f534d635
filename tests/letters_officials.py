"""Officials of every office type, built by hand for the letter tests (not from a dataset).

Names, offices and phone numbers follow the public congress-legislators and Open States data;
the state-legislator addresses of MD and TX are made up.
"""

from __future__ import annotations

import datetime as dt

from civickit.core.districts import District
from civickit.core.officials import Address, Official
from civickit.materials.letters import Sender

LETTER_DATE = dt.date(2026, 11, 26)
AS_OF = dt.date(2026, 11, 26)

SENDER = Sender(
    name="Ada Lopez",
    address="1 Main St\nSan Francisco, CA 94103",
    email="ada@example.org",
    phone="415-555-0100",
)


def _washington(street: str, zip_code: str, phone: str) -> Address:
    return Address("Washington Office", (street,), "Washington", "DC", zip_code, phone=phone)


OFFICIALS: dict[str, Official] = {
    "us_senate": Official(
        name="Alex Padilla",
        office="us-senate",
        title="Senator",
        state="CA",
        capitol_office=_washington("331 Hart Senate Office Building", "20510", "202-224-3553"),
        contact_form="https://www.padilla.senate.gov/contact/",
        gender="male",
    ),
    "us_house": Official(
        name="Nancy Pelosi",
        office="us-house",
        title="Representative",
        state="CA",
        district=District("CA", "cd", "11"),
        gender="female",
        capitol_office=_washington(
            "1236 Longworth House Office Building", "20515-0511", "202-225-4965"
        ),
        district_offices=(
            Address(
                "District Office",
                ("90 7th Street", "Suite 2-800"),
                "San Francisco",
                "CA",
                "94103",
                phone="415-556-4862",
            ),
        ),
    ),
    "us_house_delegate": Official(
        name="Eleanor Holmes Norton",
        office="us-house",
        title="Delegate",
        state="DC",
        district=District("DC", "cd", "0"),
        capitol_office=_washington(
            "2136 Rayburn House Office Building", "20515-5101", "202-225-8050"
        ),
    ),
    "us_house_resident_commissioner": Official(
        name="Pablo José Hernández",
        family_name="Hernández",
        office="us-house",
        title="Resident Commissioner",
        state="PR",
        district=District("PR", "cd", "0"),
        capitol_office=_washington(
            "1419 Longworth House Office Building", "20515-5401", "202-225-2615"
        ),
    ),
    "state_upper": Official(
        name="Mike McGuire",
        office="state-upper",
        title="Senator",
        state="CA",
        district=District("CA", "sldu", "2"),
        email="senator.mcguire@senate.ca.gov",
        capitol_office=Address(
            "Capitol Office",
            ("1021 O Street, Suite 8518",),
            "Sacramento",
            "CA",
            "95814",
            phone="916-651-4002",
        ),
    ),
    "state_lower_assembly": Official(
        name="Buffy Wicks",
        office="state-lower",
        title="Assemblymember",
        state="CA",
        district=District("CA", "sldl", "14"),
        email="assemblymember.wicks@assembly.ca.gov",
        capitol_office=Address(
            "Capitol Office",
            ("1021 O Street, Suite 8220",),
            "Sacramento",
            "CA",
            "95814",
            phone="916-319-2014",
        ),
    ),
    "state_lower_delegate": Official(
        name="Jordan Avery",
        office="state-lower",
        title="",
        state="MD",
        district=District("MD", "sldl", "3A"),
        capitol_office=Address("Capitol Office", ("6 Bladen Street",), "Annapolis", "MD", "21401"),
    ),
    "state_lower_representative": Official(
        name="Casey Morgan Jr.",
        office="state-lower",
        title="",
        state="TX",
        district=District("TX", "sldl", "5"),
        phones=("512-555-0105",),
    ),
    "other_company": Official(
        name="Satya Nadella",
        office="other",
        title="Chief Executive Officer",
        state="",
        organisation="Microsoft Corporation",
        capitol_office=Address("Headquarters", ("One Microsoft Way",), "Redmond", "WA", "98052"),
    ),
    "other_city": Official(
        name="",
        office="other",
        title="",
        state="CA",
        organisation="San Francisco Board of Supervisors",
        capitol_office=Address(
            "City Hall",
            ("1 Dr. Carlton B. Goodlett Place, Room 244",),
            "San Francisco",
            "CA",
            "94102",
            phone="415-554-5184",
        ),
    ),
}

VACANT = Official(
    name="",
    office="us-house",
    title="Representative",
    state="CA",
    district=District("CA", "cd", "20"),
    vacant=True,
)
