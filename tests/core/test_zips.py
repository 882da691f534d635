"""One ZIP parser (civickit.core.zips) for sheets, --zip, targets files and adapters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.zips import OneLineAddress, Zip, parse_zip, split_one_line_address, zip5
from civickit.errors import UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("94103", Zip("94103")),
        (" 94103-1234 ", Zip("94103", "1234")),
        ("94103 1234", Zip("94103", "1234")),
        ("941031234", Zip("94103", "1234")),
        ("2134", Zip("02134")),  # Excel dropped the leading zero of Boston's 02134
        ("501", Zip("00501")),
        ("2134-1234", Zip("02134", "1234")),
        ("21341234", Zip("02134", "1234")),  # ZIP+4 typed as one number
    ],
)
def test_zip_forms_people_and_spreadsheets_write(text: str, expected: Zip) -> None:
    assert parse_zip(text) == expected


def test_zip_text_form() -> None:
    assert str(parse_zip("2134")) == "02134"
    assert str(parse_zip("941031234")) == "94103-1234"
    assert zip5("94103-1234") == "94103"


@pytest.mark.parametrize("bad", ["", "12", "123456", "ABCDE", "9410-31234", "94103-12"])
def test_not_a_zip_names_the_input_and_the_fix(bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_zip(bad)
    assert str(caught.value) == (
        f"{bad.strip()!r} is not a ZIP code: give 5 digits such as 94103 (or ZIP+4 94103-1234)"
    )


@given(st.text(max_size=20))
def test_zip_parsing_never_crashes(text: str) -> None:
    try:
        code = parse_zip(text)
    except UsageError as exc:
        assert "is not a ZIP code" in str(exc)
    else:
        assert len(code.five) == 5 and code.five.isdigit()
        assert parse_zip(str(code)) == code  # the canonical form reads back the same


@given(st.from_regex(r"\d{5}([- ]?\d{4})?", fullmatch=True))
def test_zip_plus_four_keeps_the_five_digits(text: str) -> None:
    assert zip5(text) == text[:5]


@given(st.from_regex(r"[1-9]\d{2,3}", fullmatch=True))
def test_dropped_leading_zeros_come_back(text: str) -> None:
    assert zip5(text) == text.zfill(5)


def test_one_line_addresses_are_split_by_one_rule() -> None:
    parts = split_one_line_address("Room 1, State Capitol, Sacramento ca 95814-4900")
    assert parts == OneLineAddress("Room 1, State Capitol", "Sacramento", "CA", "95814-4900")
    assert split_one_line_address("680 Broadway Suite 207, Paterson, NJ 07514") == (
        OneLineAddress("680 Broadway Suite 207", "Paterson", "NJ", "07514")
    )
    assert split_one_line_address("State Capitol, Trenton") is None
