"""Reading supporter sheets: dialects, encodings, aliases, --map, ids and per-row problems."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civickit.core.names import person_name
from civickit.errors import UsageError
from civickit.lookup.locate import Location
from civickit.outreach.supporters import (
    SupporterRow,
    make_row,
    open_supporters,
    parse_mapping,
)
from civickit.tabular import clean_cell

FIXTURES = Path(__file__).parents[1] / "fixtures" / "batch"


def read_all(source: str | Path, **kwargs: Any) -> tuple[list[SupporterRow], list[str]]:
    with open_supporters(source, **kwargs) as sheet:
        return list(sheet), sheet.info.warnings


def test_messy_csv_bom_semicolons_crlf_quoted_newlines_and_blank_lines() -> None:
    rows, warnings = read_all(FIXTURES / "messy.csv")
    assert warnings == []
    # Spreadsheet row numbers: header is 1, blank line 3 counts, quoted newline does not.
    assert [r.row for r in rows] == [2, 4, 5, 6, 7, 8, 9, 10, 11]
    ada = rows[0]
    assert ada.name == "Ada Lopez"
    assert ada.fields["email"] == "ada@example.test"
    assert ada.fields["story"] == "I ride BART daily.\nCameras watch every platform."
    # Every piece, most precise first: the ZIP, then the district column.
    assert ada.locations == (Location("zip", "94612"), Location("district", "CA-12"))
    assert ada.location == Location("zip", "94612")
    assert rows[1].location == Location("zip", "10011")
    assert rows[2].name == "=cmd|' /C calc'!A0"
    assert rows[4].problems == ("no name",)
    assert rows[6].name == "Line Break Name"  # newlines in a name are folded to spaces
    assert rows[7].id == ada.id  # the duplicate row hashes to the same id
    assert rows[8].problems == (
        "zip: 'ABCDE' is not a ZIP code: give 5 digits such as 94103 (or ZIP+4 94103-1234)",
    )


def test_jsonl_with_aliases_blank_and_bad_lines() -> None:
    rows, _ = read_all(FIXTURES / "supporters.jsonl")
    assert [r.row for r in rows] == [1, 3, 4, 5]
    assert rows[1].name == "Grace Hopper"
    assert rows[1].location == Location("zip", "95501")
    assert rows[2].problems == ("not valid JSON (Expecting value at column 1)",)
    assert rows[3].id == "17"


def test_cp1252_is_read_with_a_warning() -> None:
    rows, warnings = read_all(FIXTURES / "windows-1252.csv")
    assert [r.name for r in rows] == ["José Niño", "Françoise “Fran” Côté"]
    assert warnings == [
        f"{FIXTURES / 'windows-1252.csv'} is not UTF-8 (byte 18); reading it as Windows-1252. "
        "Save it as UTF-8 (or pass --encoding) to be sure names come out right"
    ]


def test_undecodable_sheet_is_one_clear_error(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes(b"name,zip\r\nA\x81\x8d,94103\r\n")
    with pytest.raises(UsageError) as caught:
        read_all(sheet)
    assert str(caught.value) == (
        f"{sheet} is not UTF-8 (byte 11) nor Windows-1252; save it as UTF-8 "
        "or pass --encoding with the supporter sheet's encoding"
    )


def test_utf16_with_bom(tmp_path: Path) -> None:
    sheet = tmp_path / "excel.csv"
    sheet.write_bytes("name\tdistrict\r\nZoë\tCA-11\r\n".encode("utf-16"))
    rows, _ = read_all(sheet)
    assert rows[0].name == "Zoë"


def test_tsv_with_map_and_leading_zero_zip() -> None:
    rows, _ = read_all(
        FIXTURES / "export.tsv", mapping=parse_mapping(["Supporter=name", "post code=zip"])
    )
    assert [(r.name, r.fields["zip"], r.id) for r in rows] == [
        ("Ada Lopez", "94103", "A-1"),
        ("Ben Okafor", "02108", "A-2"),
    ]


def test_missing_columns_is_one_error_naming_them(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Supporter,Town\nAda,Oakland\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        open_supporters(sheet)
    assert str(caught.value) == (
        f"{sheet}: no column for name (or first and last name) and a location (district, "
        "address, street and ZIP, or ZIP); its columns are Supporter, Town; rename a column "
        "or use --map 'COLUMN=FIELD'"
    )


def test_two_columns_for_one_field_is_an_error(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Name,Full Name,zip\nA,B,94103\n", encoding="utf-8")
    with pytest.raises(UsageError, match="columns 'Name' and 'Full Name' both give name"):
        open_supporters(sheet)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["zip"], "--map 'zip': write it as COLUMN=FIELD, e.g. 'Post Code=zip'"),
        (["Post=postcode"], "--map 'Post=postcode': unknown field 'postcode'; use one of"),
    ],
)
def test_bad_map_items(items: list[str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_mapping(items)
    assert str(caught.value).startswith(message)


def test_map_naming_an_absent_column(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,zip\nA,94103\n", encoding="utf-8")
    with pytest.raises(UsageError, match="has no column matching 'postcode'"):
        open_supporters(sheet, mapping=parse_mapping(["Post Code=zip"]))


def test_first_and_last_name_and_street_address(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "First Name,Last Name,Street Address,City,State,Postal Code\n"
        "Ada,Lopez,1 Main St,San Francisco,ca,94103-1234\n",
        encoding="utf-8",
    )
    rows, _ = read_all(sheet)
    assert rows[0].name == "Ada Lopez"
    assert rows[0].postal_address() == "1 Main St\nSan Francisco, CA 94103-1234"
    assert rows[0].location == Location("address", "1 Main St, San Francisco, CA 94103-1234")


def test_stdin_is_read(tmp_path: Path) -> None:
    data = io.BytesIO(b"name,district\nAda,ca-11\nBo,wy-0\n")
    rows, _ = read_all("-", stdin=data)
    assert [r.fields["district"] for r in rows] == ["CA-11", "WY-AL"]


def test_bad_district_and_no_location() -> None:
    assert make_row(2, {"name": "A", "district": "XX-99"}).problems == (
        "district: unknown state 'XX' in 'XX-99': give a district such as CA-12, WY-AL, DC, "
        "CA-SD-2 or ocd-division/country:us/state:ca/cd:12",
    )
    assert make_row(3, {"name": "A"}).problems == ("no district, address or ZIP",)


def test_empty_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("\n\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is empty; it needs a header row"):
        open_supporters(sheet)


def test_the_row_count_is_the_rows_not_the_lines(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text('name,zip,story\na,1,"two\nlines"\n\nb,2,\n', encoding="utf-8")
    with open_supporters(sheet) as opened:
        assert opened.info.rows == 2


_cell = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(_cell.filter(lambda s: clean_cell(s).strip()), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_any_names_survive_any_dialect(names: list[str], delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow(["Full Name", "District"])
    for name in names:
        writer.writerow([name, "CA-11"])
    rows, _ = read_all("-", stdin=io.BytesIO(buffer.getvalue().encode("utf-8")))
    # Names come back as typed, less control characters and runs of white space, and
    # capitalised when typed in one case (core/names).
    assert [r.name for r in rows] == [person_name(" ".join(clean_cell(n).split())) for n in names]


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "zip", "district", "email", "story"]), _cell))
def test_make_row_never_raises_and_ids_are_stable(fields: dict[str, str]) -> None:
    first = make_row(2, fields)
    again = make_row(99, dict(reversed(list(fields.items()))))
    assert first.id == again.id
    assert first.input_hash == again.input_hash
    assert all(isinstance(p, str) and p for p in first.problems)
    json.dumps(first.fields)


def test_unknown_encoding_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        open_supporters(FIXTURES / "messy.csv", encoding="klingon")
    assert str(caught.value) == "--encoding 'klingon': unknown encoding; try utf-8 or cp1252"


def test_explicit_encoding_is_used() -> None:
    rows, warnings = read_all(FIXTURES / "windows-1252.csv", encoding="cp1252")
    assert rows[0].name == "José Niño"
    assert warnings == []


def test_unused_columns_are_named_in_a_warning(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "Full Name,District,Why I care,Signed up,Volunteer?\nAda,CA-12,Cameras,2026-01-02,yes\n",
        encoding="utf-8",
    )
    rows, warnings = read_all(sheet)
    assert rows[0].fields["story"] == "Cameras"  # "Why I care" is a story alias
    assert warnings == [
        f"{sheet}: not using columns 'Signed up', 'Volunteer?'; to use one, add "
        "--map 'Signed up=FIELD' (FIELD: id, name, first_name, last_name, prefix, email, phone, "
        "address, street, city, state, zip, district, story, language)"
    ]
