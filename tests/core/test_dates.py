from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.dates import FuzzyDate, Precision, parse_user_date
from civickit.errors import DateError

AS_OF = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "precision", "phrase", "bare"),
    [
        ("2020-06-11", Precision.DAY, "on June 11, 2020", "June 11, 2020"),
        ("2020-03", Precision.MONTH, "in March 2020", "March 2020"),
        ("2019", Precision.YEAR, "in 2019", "2019"),
        ("2020-W23", Precision.WEEK, "in the week of June 1, 2020", "the week of June 1, 2020"),
    ],
)
def test_renders_only_the_known_precision(
    text: str, precision: Precision, phrase: str, bare: str
) -> None:
    date = FuzzyDate.parse(text)
    assert date.precision is precision
    assert date.phrase() == phrase
    assert date.text() == bare
    assert date.iso() == text


def test_week_of_ab_2261_starts_on_monday_june_first() -> None:
    assert FuzzyDate.parse("2020-W23").start == dt.date(2020, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06-11", "six years ago"),
        ("2019", "seven years ago"),
        ("2020-03", "six years ago"),
        ("2026-11", "this month"),
        ("2026-11-19", "one week ago"),
        ("2026-11-24", "two days ago"),
        ("2026", "this year"),
    ],
)
def test_relative_phrase_counts_against_as_of(text: str, expected: str) -> None:
    assert FuzzyDate.parse(text).relative_to(AS_OF) == expected


@pytest.mark.parametrize(
    "bad", ["", "June 2020", "2020-13", "2020-02-30", "2020-W54", "20201", "2020/06"]
)
def test_bad_dates_name_the_input_and_the_forms(bad: str) -> None:
    with pytest.raises(DateError) as info:
        FuzzyDate.parse(bad)
    assert repr(bad) in str(info.value)
    assert "YYYY" in str(info.value)


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 1)),
    st.sampled_from(list(Precision)),
)
def test_canonical_form_round_trips(day: dt.date, precision: Precision) -> None:
    if precision is Precision.DAY:
        text = day.isoformat()
    elif precision is Precision.MONTH:
        text = f"{day.year:04d}-{day.month:02d}"
    elif precision is Precision.YEAR:
        text = f"{day.year:04d}"
    else:
        year, week, _ = day.isocalendar()
        text = f"{year:04d}-W{week:02d}"
    parsed = FuzzyDate.parse(text)
    assert parsed.precision is precision
    assert parsed.iso() == text
    assert FuzzyDate.parse(parsed.iso()) == parsed


@given(st.text(max_size=30))
def test_parse_never_crashes_on_arbitrary_text(text: str) -> None:
    with contextlib.suppress(DateError):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("typed", "dayfirst", "expected"),
    [
        ("today", False, AS_OF),
        ("2026-11-26", False, dt.date(2026, 11, 26)),
        ("Nov 26 2026", False, dt.date(2026, 11, 26)),
        ("26/11/2026", True, dt.date(2026, 11, 26)),
        ("03/04/2026", False, dt.date(2026, 3, 4)),
        ("03/04/2026", True, dt.date(2026, 4, 3)),
    ],
)
def test_user_dates(typed: str, dayfirst: bool, expected: dt.date) -> None:
    assert parse_user_date(typed, dayfirst=dayfirst, today=AS_OF) == expected


def test_unreadable_user_date_is_a_usage_error() -> None:
    with pytest.raises(DateError, match="cannot read the date 'next blursday'"):
        parse_user_date("next blursday")
