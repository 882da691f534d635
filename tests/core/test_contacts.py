"""E-mail addresses and phone numbers as people type them: one check each."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.contacts import parse_email, parse_phone
from civickit.errors import UsageError


@pytest.mark.parametrize(
    "text", ["ada@example.org", " ada@example.org ", "a.b+tag@mail.example.co.uk", "ada@例え.jp"]
)
def test_addresses_people_use_are_accepted(text: str) -> None:
    assert parse_email(text) == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "a@b@c",
        "0@[",  # crashes the e-mail header parser of Python 3.11
        "cy@exa mple.org",
        "Ada <ada@example.org>",
        "bo@example.org Bcc: x@example.org",
        "bo@example.org\nBcc: x@example.org",
        "noat",
        "ada@localhost",
        "@example.org",
        "a..b@example.org",
        "",
    ],
)
def test_anything_else_is_a_clear_error(text: str) -> None:
    with pytest.raises(UsageError, match="is not an e-mail address: give one such as"):
        parse_email(text)


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        ("415-555-0100", "415-555-0100"),
        ("+1 (415) 555-0100", "+1 (415) 555-0100"),
        ("415.555.0100  x12", "415.555.0100 x12"),
        ("555-0100", "555-0100"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_numbers_people_write_are_accepted(text: str, tidied: str) -> None:
    assert parse_phone(text) == tidied


@pytest.mark.parametrize("text", ["abc", "415", "call me", "1234567890123456", "415-555-0100 ;rm"])
def test_other_phone_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(UsageError, match="is not a phone number"):
        parse_phone(text)


@given(st.text(max_size=40))
def test_the_checks_never_raise_anything_but_a_usage_error(text: str) -> None:
    for check in (parse_email, parse_phone):
        try:
            value = check(text)
        except UsageError:
            continue
        assert "\n" not in value and "\r" not in value
