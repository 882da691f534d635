"""Letters to every current Member of Congress in the public congress-legislators data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from civickit.campaign import load_campaign
from civickit.core.districts import District
from civickit.core.officials import Address, Official
from civickit.core.states import NON_STATES
from civickit.materials.letters import LetterRenderer, letter_filename
from letters_officials import AS_OF, LETTER_DATE, SENDER


def _official(member: dict[str, Any]) -> Official:
    term = member["terms"][-1]
    name = member["name"]
    senate = term["type"] == "sen"
    street, _, rest = str(term.get("address", "")).partition(" Washington DC ")
    return Official(
        name=name.get("official_full") or f"{name['first']} {name['last']}",
        family_name=name["last"],
        office="us-senate" if senate else "us-house",
        title="",  # left to civickit's rules, which know Delegates and the Resident Commissioner
        state=term["state"],
        district=None if senate else District(term["state"], "cd", str(term["district"])),
        capitol_office=Address(
            "Washington Office", (street,), "Washington", "DC", rest, phone=term.get("phone")
        ),
    )


@pytest.fixture
def members(shared_data: Path) -> list[Official]:
    path = shared_data / "congress-legislators" / "legislators-current.json"
    return [_official(member) for member in json.loads(path.read_text(encoding="utf-8"))]


def test_a_letter_for_every_member_with_the_right_salutation(members: list[Official]) -> None:
    renderer = LetterRenderer(load_campaign(), as_of=AS_OF)
    names: set[str] = set()
    for official in members:
        text = renderer.render(official, SENDER, "txt", date=LETTER_DATE)
        if official.office == "us-senate":
            title = "Senator"
        elif official.state == "PR":
            title = "Resident Commissioner"
        elif official.state in NON_STATES:
            title = "Delegate"
        else:
            title = "Representative"
        # one name per official: the salutation's surname is the one the inside address shows
        assert official.last_name in official.name
        assert f"\nDear {title} {official.last_name}:\n" in text
        assert f"\nThe Honorable {official.name}\n" in text
        assert max(len(line) for line in text.splitlines()) <= 72
        names.add(letter_filename(LETTER_DATE, official, "txt"))
    assert len(members) == 537
    assert len(names) == len(members)  # every member gets a distinct file name
