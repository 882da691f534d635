"""New Jersey and Wisconsin Assembly members: the title and chamber ``lookup`` shows are the
ones their letters use, from the real Open States rows (tests/fixtures/lookup/openstates)."""

from __future__ import annotations

from pathlib import Path

import pytest

from civickit.campaign import load_campaign
from civickit.core.offices import parse_offices
from civickit.lookup.facade import Lookup
from civickit.materials.letters import LetterRenderer
from letters_officials import AS_OF, LETTER_DATE, SENDER
from support.cli import invoke
from support.golden import Golden

SEATS = [
    ("NJ-AD-35", "nj", "New Jersey General Assembly", "Al Abdelaziz"),
    ("WI-AD-1", "wi", "Wisconsin State Assembly", "Joel Kitchens"),
]


@pytest.fixture
def assembly_data(isolated_env: Path, lookup_mirror: Path) -> Path:
    """A data store with the NJ and WI Open States fixtures, through ``data sync``."""
    result = invoke(["data", "sync", "--mirror", str(lookup_mirror), "--state", "NJ,WI"])
    assert result.exit_code == 0, result.output
    return isolated_env


@pytest.mark.parametrize(("district", "state", "chamber", "name"), SEATS)
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_golden_assembly_letter(
    assembly_data: Path,
    golden: Golden,
    district: str,
    state: str,
    chamber: str,
    name: str,
    fmt: str,
) -> None:
    result = Lookup().resolve(district=district, offices=parse_offices("state-lower"))
    member = result.officials[0]
    assert (member.name, member.title) == (name, "Assemblymember")
    text = LetterRenderer(load_campaign(), as_of=AS_OF).render(
        member, SENDER, fmt, date=LETTER_DATE
    )
    golden.check(f"letters/state_lower_assembly_{state}.{fmt}", text)
    if fmt == "txt":
        assert f"\nThe Honorable {name}\n{chamber}\n" in text
        assert f"\nDear Assemblymember {name.rsplit(maxsplit=1)[-1]}:\n" in text
        assert "Representative" not in text and "House of Representatives" not in text


@pytest.mark.parametrize(("district", "state", "chamber", "name"), SEATS)
def test_lookup_and_letter_give_the_same_titles(
    assembly_data: Path, district: str, state: str, chamber: str, name: str
) -> None:
    found = invoke(["lookup", "--district", district, "--level", "state-lower", "--format", "json"])
    assert found.exit_code == 0, found.output
    officials = found.json()["officials"]
    assert [o["title"] for o in officials] == ["Assemblymember"] * len(officials)
    letters = invoke(["letter", "--district", district, "--to", "state-lower", "--name", "Ada Lopez",
         "--from-address", "1 Main St; Trenton, NJ 08608"],
    )  # fmt: skip
    assert letters.exit_code == 0, letters.output
    for official in officials:
        assert f"Dear {official['title']} {official['family_name']}:" in letters.stdout
    assert letters.stdout.count(f"\n{chamber}\n") == len(officials)
