"""The Census Bureau's block-level ZCTA <-> congressional district file: its parser, its
validation before it replaces a good copy, and every ZCTA of the real file through ``Lookup``."""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.districts import AT_LARGE, District
from civickit.core.states import code_for_fips
from civickit.lookup.answers import share_phrase
from civickit.lookup.datasets import (
    ZCTA_CD_COLUMNS,
    dataset_named,
    datasets_for,
    validate_zcta_cd,
    zcta_districts,
)
from civickit.lookup.facade import Lookup
from civickit.lookup.store import DataStore
from conftest import SHARED_DATA
from support.cli import RunCli

DATASET = dataset_named("zcta-cd")
HEADER = "\ufeff" + "|".join(ZCTA_CD_COLUMNS)


def row(geoid: str, zcta: str, land: int, part: int, water_part: int = 0) -> str:
    """One line in the layout of ``tab20_cd11920_zcta520_natl.txt``."""
    name = "Congressional District (at Large)" if geoid.endswith("00") else "District"
    return (
        f"2000001|{geoid}|{name}|||G5200|N|3000001|{zcta}|ZCTA5 {zcta}|{land}|0|G6350|B5|S|"
        f"{part}|{water_part}"
    )


def file_bytes(*rows: str) -> bytes:
    return "\r\n".join([HEADER, *rows, ""]).encode("utf-8")


def test_the_real_layout_bom_pipes_crlf() -> None:
    data = file_bytes(
        row("3612", "10011", 1000, 640),
        row("3610", "10011", 1000, 360),
        row("5600", "82001", 500, 500),
        row("1198", "20001", 300, 300),
        row("7298", "00601", 200, 200),
    )
    assert data.startswith(b"\xef\xbb\xbfOID_CD119_20|GEOID_CD119_20|")
    assert zcta_districts(data) == {
        "00601": (("PR:0", 1.0),),  # 98: the delegate district
        "10011": (("NY:12", 0.64), ("NY:10", 0.36)),
        "20001": (("DC:0", 1.0),),
        "82001": (("WY:0", 1.0),),  # 00: at large
    }


def test_a_piece_without_land_or_in_no_district_is_not_a_district_of_the_zip() -> None:
    data = file_bytes(
        row("0611", "94103", 1000, 1000),
        row("0612", "94103", 1000, 0, water_part=5000),  # water only
        row("06ZZ", "94103", 1000, 0, water_part=9000),  # in no district
    )
    assert zcta_districts(data) == {"94103": (("CA:11", 1.0),)}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"state_fips,state_abbr,zcta,cd\r\n06,CA,94103,11\r\n", "the header lacks OID_CD119_20"),
        (
            file_bytes(row("0611", "94103", 1000, 1000))[:-30],
            "line 2 has 10 cells where the header has 17 (a truncated or damaged file?)",
        ),
        (file_bytes(row("0699", "94103", 10, 10)), "line 2 has GEOID_CD119_20 '0699': California"),
        (file_bytes(row("0011", "94103", 10, 10)), "unknown GEOID_CD119_20 '0011'"),
        (file_bytes(row("0611", "9410", 10, 10)), "line 2: field GEOID_ZCTA5_20 must match"),
        (
            file_bytes(row("0611", "94103", 10, 10).replace("|10|0|G6350", "|1e3|0|G6350")),
            "line 2: field AREALAND_ZCTA5_20 must match",
        ),
        (file_bytes(row("0611", "94103", 10, 20)), "AREALAND_PART is larger than"),
        (
            file_bytes(row("3612", "10011", 1000, 640)),  # NY-10's piece was lost
            "the land pieces of ZCTA 10011 add up to 64% of its land",
        ),
    ],
)
def test_a_damaged_file_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_zcta_cd(data)
    assert reason in str(caught.value)


SEATS = ["0611", "0612", "0602", "3610", "3612", "3202", "0603", "5600", "1198", "7298", "0804"]


@given(
    st.dictionaries(
        st.from_regex(r"\A[0-9]{5}\Z"),
        st.lists(
            st.tuples(st.sampled_from(SEATS), st.integers(1, 10**9)),
            min_size=1,
            max_size=4,
            unique_by=lambda piece: piece[0],
        ),
        min_size=1,
        max_size=8,
    ),
    st.randoms(use_true_random=False),
)
def test_parser_on_generated_rows(
    zctas: dict[str, list[tuple[str, int]]], shuffle: random.Random
) -> None:
    lines = []
    for zcta, pieces in zctas.items():
        land = sum(part for _, part in pieces)
        lines += [row(geoid, zcta, land, part) for geoid, part in pieces]
        lines.append(row("06ZZ", zcta, land, 0, water_part=7))
    shuffle.shuffle(lines)
    parsed = zcta_districts(file_bytes(*lines))
    assert sorted(parsed) == sorted(zctas)
    for zcta, pieces in zctas.items():
        land = sum(part for _, part in pieces)
        expected = {key(geoid): part / land for geoid, part in pieces}
        assert dict(parsed[zcta]) == pytest.approx(expected)
        shares = [share for _, share in parsed[zcta]]
        assert shares == sorted(shares, reverse=True)
        assert sum(shares) == pytest.approx(1.0)


def key(geoid: str) -> str:
    """``ST:n`` written independently of the parser: 00 and 98 are the seat "0"."""
    state = code_for_fips(geoid[:2])
    assert state is not None
    return f"{state}:{AT_LARGE if geoid[2:] in {'00', '98'} else int(geoid[2:])}"


@pytest.mark.parametrize(
    ("share", "phrase"),
    [(0.64, "about 64%"), (0.002, "under 1%"), (0.998, "over 99%"), (1.0, "about 100%")],
)
def test_share_phrase(share: float, phrase: str) -> None:
    assert share_phrase(share) == phrase


def test_a_sliver_is_listed_and_named(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["lookup", "--zip", "90210"], expect=0)
    assert "If you are in CA-30 (under 1% of the ZIP's land):" in result.stdout.splitlines()
    assert "(CA-32 about 62%, CA-36 about 38%, CA-30 under 1% of its land)" in result.stdout


# -- data sync: validated before it replaces the good copy ------------------------------------


def good_copy(tmp_path: Path, lookup_mirror: Path) -> tuple[Path, Path, bytes]:
    """A mirror folder to damage, and the good copy the data store has from the fixtures."""
    mirror = tmp_path / "mirror"
    shutil.copytree(lookup_mirror, mirror)
    stored = DataStore(offline=True).path(DATASET)
    return mirror / DATASET.relative_path, stored, stored.read_bytes()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data.replace(b"|", b","), "is not valid: the header lacks OID_CD119_20"),
        (lambda data: data[: len(data) // 2], "(a truncated or damaged file?)"),
        (
            lambda data: b"\r\n".join(data.split(b"\r\n")[:4]) + b"\r\n",
            "has 3 records where the stored copy has 12 (more than 25% lost",
        ),
    ],
    ids=["wrong-columns", "cut-mid-line", "far-fewer-zctas"],
)
def test_sync_refuses_a_bad_file_and_keeps_the_good_copy(
    tmp_path: Path,
    lookup_data: Path,
    lookup_mirror: Path,
    run_cli: RunCli,
    damage: Callable[[bytes], bytes],
    reason: str,
) -> None:
    source, stored, good = good_copy(tmp_path, lookup_mirror)
    source.write_bytes(damage(source.read_bytes()))
    result = run_cli(["data", "sync", "--only", "zcta-cd", "--mirror", str(tmp_path / "mirror")])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"failed     zcta-cd: {source} ")
    assert reason in result.stdout
    assert result.stdout.endswith("; kept the previous copy\n")
    assert stored.read_bytes() == good
    assert run_cli(["lookup", "--zip", "10011"], expect=0).stdout.startswith(
        "ZIP 10011: NY-12, NY-10\n"
    )


# -- every ZCTA of the shared block-level file through the real lookup --------------------------


def expected_from_file(path: Path) -> dict[str, dict[str, float]]:
    """ZCTA -> district label -> share, read from the file with nothing of civickit's parser."""
    land: dict[str, int] = {}
    parts: dict[str, dict[str, int]] = defaultdict(dict)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    header = lines[0].split("|")
    for line in filter(None, lines[1:]):
        cells = dict(zip(header, line.split("|"), strict=True))
        zcta, geoid = cells["GEOID_ZCTA5_20"], cells["GEOID_CD119_20"]
        land[zcta] = int(cells["AREALAND_ZCTA5_20"])
        if int(cells["AREALAND_PART"]) > 0 and not geoid.endswith("ZZ"):
            state, seat = key(geoid).split(":")
            label = District(state, "cd", seat).label
            parts[zcta][label] = int(cells["AREALAND_PART"])
    return {
        zcta: {label: part / land[zcta] for label, part in pieces.items()}
        for zcta, pieces in parts.items()
    }


@pytest.mark.shared
def test_every_zcta_of_the_block_level_file(tmp_path: Path) -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data (the full public datasets), absent here")
    store = DataStore(tmp_path / "store", offline=True, mirror=str(SHARED_DATA))
    assert {o.status for o in store.sync(datasets_for())} == {"downloaded"}
    expected = expected_from_file(SHARED_DATA / DATASET.relative_path)
    assert len(expected) == 33_791
    finder = Lookup(offline=True, datastore=store)
    across_states = 0
    for zcta, shares in expected.items():
        result = finder.resolve(zip_code=zcta, offices={"us-senate", "us-house"})
        if len(shares) == 1:
            assert not result.ambiguous, zcta
            assert [d.label for d in result.districts] == list(shares), zcta
            continue
        assert result.ambiguous, zcta
        found = {c.district.label: c.share for c in result.candidates}
        assert found == pytest.approx(shares), zcta
        assert [d.label for d in result.districts] == list(found), zcta
        states = {c.district.state for c in result.candidates}
        if len(states) > 1:
            across_states += 1
            assert not [o for o in result.officials if o.office == "us-senate"], zcta
            for candidate in result.candidates:
                senators = {o.state for o in candidate.officials if o.office == "us-senate"}
                assert senators <= {candidate.district.state}, zcta
    assert across_states == 137
