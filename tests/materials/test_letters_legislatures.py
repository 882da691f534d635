"""Letters to state legislators name each chamber and title as the Open States metadata does:
a New Jersey and a Wisconsin Assembly member, a Nebraska senator and a New Hampshire district
with two seats, from real Open States rows (tests/fixtures/lookup/openstates)."""

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

Seat = tuple[str, str, str, str, str, list[str]]
# district, --to word, golden key, chamber in the inside address, title, names
SEATS: list[Seat] = [
    ("NJ-AD-35", "state-lower", "nj_assembly", "New Jersey Assembly", "Assembly Member",
     ["Al Abdelaziz", "Kenyatta Stewart"]),
    ("WI-AD-1", "state-lower", "wi_assembly", "Wisconsin State Assembly", "Representative",
     ["Joel Kitchens"]),
    ("NE-LD-13", "state-upper", "ne_legislature", "Nebraska Legislature", "Senator",
     ["Ashlei Spivey"]),
    ("NH-HD-Carroll 2", "state-lower", "nh_carroll_2", "New Hampshire House of Representatives",
     "Representative", ["Anita Burroughs", "Chris McAleer"]),
]  # fmt: skip
IDS = [seat[2] for seat in SEATS]


@pytest.fixture
def legislature_data(isolated_env: Path, lookup_mirror: Path) -> Path:
    """A data store with the NJ, WI, NE and NH Open States fixtures, through ``data sync``."""
    result = invoke(["data", "sync", "--mirror", str(lookup_mirror), "--state", "NJ,WI,NE,NH"])
    assert result.exit_code == 0, result.output
    assert "openstates-nh: 3 records" in result.output
    assert "1 row skipped (no current chamber or district)" in result.output
    return isolated_env


@pytest.mark.parametrize("seat", SEATS, ids=IDS)
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_golden_legislature_letter(
    legislature_data: Path, golden: Golden, seat: Seat, fmt: str
) -> None:
    district, to, key, chamber, title, names = seat
    result = Lookup().resolve(district=district, offices=parse_offices(to))
    assert sorted(o.name for o in result.officials) == names
    assert {o.title for o in result.officials} == {title}
    member = min(result.officials, key=lambda o: o.name)
    text = LetterRenderer(load_campaign(), as_of=AS_OF).render(
        member, SENDER, fmt, date=LETTER_DATE
    )
    golden.check(f"letters/legislature_{key}.{fmt}", text)
    if fmt == "txt":
        assert f"\nThe Honorable {member.name}\n{chamber}\n" in text
        assert f"\nDear {title} {member.last_name}:\n" in text
        # The opening varies per writer; whatever it says, it names no other chamber's title.
        others = {"Assemblymember", "Assembly Member", "Representative", "Senator", "Delegate"}
        opening = text.split(f"Dear {title} {member.last_name}:", 1)[1].split("\n\n")[1]
        assert not {word for word in others - {title} if word in opening}, opening


@pytest.mark.parametrize("seat", SEATS, ids=IDS)
def test_lookup_and_letters_give_every_member_the_same_title_and_chamber(
    legislature_data: Path, seat: Seat
) -> None:
    district, to, _, chamber, title, names = seat
    found = invoke(["lookup", "--district", district, "--level", to, "--format", "json"])
    assert found.exit_code == 0, found.output
    officials = found.json()["officials"]
    assert sorted(o["name"] for o in officials) == names
    assert [o["title"] for o in officials] == [title] * len(names)
    letters = invoke(["letter", "--district", district, "--to", to, "--name", "Ada Lopez",
         "--from-address", "1 Main St; Concord, NH 03301"],
    )  # fmt: skip
    assert letters.exit_code == 0, letters.output
    for official in officials:
        assert f"Dear {title} {official['family_name']}:" in letters.stdout
    assert letters.stdout.count(f"\n{chamber}\n") == len(names)


def test_a_half_filled_district_lists_its_member_and_its_vacant_seat(
    legislature_data: Path,
) -> None:
    found = invoke(["lookup", "--district", "nh-hd-belknap-2", "--level", "state", "--format",
                    "json"])  # fmt: skip
    assert found.exit_code == 0, found.output
    body = found.json()
    assert [(o["name"], o["vacant"]) for o in body["officials"]] == [
        ("Matt Coker", False),
        ("", True),
    ]
    assert (
        "NH-HD-Belknap 2 has 2 seats, 1 filled: no current Representative for the other"
        in body["notes"]
    )
    letters = invoke(["letter", "--district", "NH-HD-Belknap 2", "--to", "state-lower",
                      "--name", "Ada Lopez", "--from-address", "1 Main St; Laconia, NH 03246"])  # fmt: skip
    assert letters.exit_code == 0, letters.output
    assert letters.stdout.count("Dear Representative Coker:") == 1
    assert "2 seats, 1 filled" in letters.stderr


def test_nebraska_has_no_lower_house_to_write_to(legislature_data: Path) -> None:
    result = invoke(["lookup", "--district", "NE-HD-13"])
    assert result.exit_code == 2
    assert "the Nebraska Legislature is unicameral and has no lower house" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("seat", SEATS, ids=IDS)
def test_call_scripts_use_the_same_titles(legislature_data: Path, seat: Seat) -> None:
    district, to, _, _, title, names = seat
    result = invoke(["callscript", "--district", district, "--to", to])
    assert result.exit_code == 0, result.output
    for name in names:
        assert f"{title} {name.split()[-1]} (" in result.stdout
