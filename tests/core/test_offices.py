"""One owner of the office words (civickit.core.offices) for --to and --level."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.offices import (
    DEFAULT_OFFICES,
    DEFAULT_TO,
    ELECTED_OFFICES,
    OFFICE_KINDS,
    OFFICE_WORDS,
    office_rank,
    parse_offices,
)
from civickit.core.officials import OfficeKind
from civickit.errors import UsageError


def test_office_words() -> None:
    assert parse_offices("house,senate") == {"us-house", "us-senate"}
    assert parse_offices(" Senate , state ") == {"us-senate", "state-upper", "state-lower"}
    assert parse_offices("all") == set(OFFICE_KINDS)  # plugins' "other" offices too
    assert parse_offices("federal") == {"us-house", "us-senate"}
    assert parse_offices("state-lower") == {"state-lower"}
    assert parse_offices("us-house other") == {"us-house", "other"}  # office kinds themselves
    assert parse_offices(DEFAULT_TO) == DEFAULT_OFFICES


def test_unknown_or_missing_words_name_the_option() -> None:
    with pytest.raises(UsageError) as caught:
        parse_offices("house,mayor")
    assert str(caught.value) == (
        "--to 'house,mayor': unknown office 'mayor'; use a comma list of house, senate, "
        "state-upper, state-lower, state, federal, other, all"
    )
    with pytest.raises(UsageError, match=r"^--level ',': no office named"):
        parse_offices(" , ", "--level")


def test_display_order_is_senate_house_upper_lower_other() -> None:
    kinds: list[OfficeKind] = ["other", "state-lower", "us-house", "us-senate"]
    assert sorted(kinds, key=office_rank) == [
        "us-senate",
        "us-house",
        "state-lower",
        "other",
    ]
    assert OFFICE_KINDS == ("us-senate", "us-house", "state-upper", "state-lower", "other")
    assert set(OFFICE_KINDS) - {"other"} == ELECTED_OFFICES


@given(st.lists(st.sampled_from(list(OFFICE_WORDS)), min_size=1).map(",".join))
def test_every_list_of_known_words_parses(text: str) -> None:
    offices = parse_offices(text)
    assert offices == set().union(*(OFFICE_WORDS[word] for word in text.split(",")))


@given(st.text())
def test_any_to_text_parses_or_is_a_usage_error(text: str) -> None:
    try:
        offices = parse_offices(text)
    except UsageError as exc:
        assert str(exc).startswith("--to ")
    else:
        assert offices and offices <= set(OFFICE_KINDS)
