"""One district parser: what ``--district`` accepts, a sheet's district column and a targets
file's district column accept too, as the same district; what it rejects, they reject up front
with its message."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from civickit.core.districts import HOUSE_SEATS, District, parse_district
from civickit.core.states import state_name
from civickit.errors import UsageError
from civickit.lookup.locate import Location
from civickit.outreach.supporters import SupporterRow, open_supporters
from civickit.tabular import clean_cell
from lookup_support import read_targets
from support.cli import invoke

_OFFICE = {"cd": "us-house", "sldu": "state-upper", "sldl": "state-lower"}


@st.composite
def district_spellings(draw: st.DrawFn) -> str:
    """District text as people type it: codes or names in any case, any separator, ordinals,
    zero padding, at-large words, chamber codes and OCD ids."""
    state = draw(st.sampled_from(sorted(HOUSE_SEATS)))
    seats = HOUSE_SEATS[state]
    name = draw(
        st.sampled_from([state, state.lower(), state_name(state), state_name(state).upper()])
    )
    sep = draw(st.sampled_from(["-", " ", "_", " - ", "", "."]))
    if draw(st.integers(0, 5)) == 0:
        number = draw(st.integers(1, max(seats, 1)))
        if seats == 1:
            return f"ocd-division/country:us/state:{state.lower()}"
        return f"ocd-division/country:us/state:{state.lower()}/cd:{number}"
    form = draw(st.sampled_from(["cd", "sldu", "sldl"]))
    if form != "cd":
        chamber = draw(st.sampled_from(["SD"] if form == "sldu" else ["HD", "AD", "LD"]))
        label = str(draw(st.integers(1, 120))).zfill(draw(st.integers(1, 3)))
        return f"{name}{sep or '-'}{draw(st.sampled_from([chamber, chamber.lower()]))}-{label}"
    if seats == 1:
        seat = draw(st.sampled_from(["", "AL", "al", "0", "00", "at-large", "At Large"]))
    else:
        seat = str(draw(st.integers(1, seats)))
        seat = draw(st.sampled_from([seat, seat.zfill(2), f"{seat}th" if seat == "12" else seat]))
    return f"{name}{sep}{seat}" if seat else name


def _sheet_row(district_text: str) -> SupporterRow:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Full Name", "District"], ["Ada Lopez", district_text]])
    with open_supporters("-", stdin=io.BytesIO(buffer.getvalue().encode("utf-8"))) as sheet:
        (row,) = list(sheet)
    return row


def _target_district(district_text: str, office: str) -> District | None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [["name", "office", "district", "email"], ["Ann Example", office, district_text, "a@b.gov"]]
    )
    (target,) = read_targets(buffer.getvalue())
    return target.district


@settings(max_examples=300, deadline=None)
@given(district_spellings())
def test_what_the_parser_accepts_sheets_and_targets_files_accept_as_the_same_district(
    text: str,
) -> None:
    try:
        district = parse_district(text)
    except UsageError:
        assume(False)
        raise
    row = _sheet_row(text)
    assert row.ok, row.problems
    location = row.location
    assert location is not None and location.kind == "district"
    assert parse_district(location.value) == district  # what the batch looks up
    assert _target_district(text, _OFFICE[district.kind]) == district


@settings(max_examples=200, deadline=None)
@given(st.one_of(district_spellings(), st.text(max_size=16)))
def test_what_the_parser_rejects_a_sheet_rejects_with_its_message(text: str) -> None:
    try:
        parse_district(text)
    except UsageError as exc:
        message = str(exc)
    else:
        return
    cleaned = " ".join(clean_cell(text).split())
    assume(cleaned)
    row = _sheet_row(text)
    if cleaned != text.strip():
        return  # the sheet removed control characters or folded white space: another string
    assert row.problems == (f"district: {message}",)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("PR", "PR"),
        ("DC", "DC"),
        ("ca12", "CA-12"),
        ("CA 12", "CA-12"),
        ("California 12", "CA-12"),
        ("ocd-division/country:us/state:ca/cd:12", "CA-12"),
        ("ocd-division/country:us/territory:pr", "PR"),
        ("wy-0", "WY-AL"),
        ("CA-SD-2", "CA-SD-2"),
    ],
)
def test_sheet_district_column_takes_what_district_takes(text: str, label: str) -> None:
    row = _sheet_row(text)
    assert row.problems == ()
    assert row.location == Location("district", label)


def test_impossible_district_is_rejected_at_the_sheet_check_with_the_lookup_message(
    lookup_data: Path, tmp_path: Path
) -> None:
    looked_up = invoke(["lookup", "--district", "CA-99"])
    assert looked_up.exit_code == 2
    message = "California has 52 congressional districts (1-52); CA-99 is not one of them"
    assert looked_up.stderr == f"Error: {message}\n"
    assert _sheet_row("CA-99").problems == (f"district: {message}",)
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,district\nAda,CA-99\nBo,PR\n", encoding="utf-8")
    plan = invoke(["batch", str(sheet), "--out", str(tmp_path / "o"), "--dry-run"])
    assert plan.exit_code == 0, plan.output
    assert f"district: {message}" in plan.stdout


def test_targets_file_district_column() -> None:
    text = "name,office,district,state,email\nAnn,us-house,California 12,,a@b.gov\n"
    (target,) = read_targets(text)
    assert (target.district, target.state) == (District("CA", "cd", "12"), "CA")
    bad = (
        "name,office,district,state,email\nAnn,us-house,CA-99,,a@b.gov\nBo,us-house,PR,NY,b@c.gov\n"
    )
    with pytest.raises(UsageError) as caught:
        read_targets(bad)
    assert caught.value.problems == [  # type: ignore[attr-defined]
        "row 2: district: California has 52 congressional districts (1-52); CA-99 is not one "
        "of them",
        "row 3: district PR is not in state NY; fix one of them",
    ]


def test_an_elected_target_gets_the_title_its_letter_uses() -> None:
    text = "name,office,title,district,email\nPat Example,state-lower,Representative,NJ-AD-35,p@x.gov\n"
    (target,) = read_targets(text)
    assert (target.title, target.state, target.seat_label) == ("Assembly Member", "NJ", "NJ-AD-35")
