"""The one rule that joins a date phrase to a sentence, whatever case the author wrote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.dates import DateJoin, fit_to_date, join_date, sentence_case


@pytest.mark.parametrize(
    ("text", "lead", "label"),
    [
        ("The FBI served a warrant.", "In July 2005, the FBI served a warrant.",
         "July 2005: The FBI served a warrant."),
        ("the FBI served a warrant.", "In July 2005, the FBI served a warrant.",
         "July 2005: The FBI served a warrant."),
        ("IBM said it would quit.", "In July 2005, IBM said it would quit.",
         "July 2005: IBM said it would quit."),
        ("Microsoft denied access.", "In July 2005, Microsoft denied access.",
         "July 2005: Microsoft denied access."),
        ("San Francisco banned it.", "In July 2005, San Francisco banned it.",
         "July 2005: San Francisco banned it."),
        ("A bill failed.", "In July 2005, a bill failed.", "July 2005: A bill failed."),
        ("eBay sold it.", "In July 2005, eBay sold it.", "July 2005: eBay sold it."),
        ("THE END came.", "In July 2005, THE END came.", "July 2005: THE END came."),
    ],
)  # fmt: skip
def test_join_date_in_both_styles(text: str, lead: str, label: str) -> None:
    assert join_date("in July 2005", text) == lead
    assert join_date("July 2005", text, "label") == label


def test_the_date_phrase_itself_starts_the_sentence() -> None:
    assert join_date("the week of June 8, 2020", "IBM quit.", "label").startswith("The week of")
    assert join_date("reported on June 11, 2020", "x", "label") == "Reported on June 11, 2020: X"


@given(st.text(min_size=1, max_size=40))
def test_only_the_first_letter_ever_changes(text: str) -> None:
    joins: tuple[DateJoin, ...] = ("lead", "label")
    for join in joins:
        fitted = fit_to_date(text, join)
        assert len(fitted) == len(text)
        assert fitted.lower() == text.lower() or fitted.casefold() == text.casefold()
        changed = [i for i, (a, b) in enumerate(zip(fitted, text, strict=True)) if a != b]
        assert len(changed) <= 1


@given(st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{1,8}){0,4}\.", fullmatch=True))
def test_label_style_starts_with_a_capital_and_lead_keeps_unknown_words(text: str) -> None:
    assert fit_to_date(text, "label") == text
    assert sentence_case(text) == text
    lowered = fit_to_date(text, "lead")
    assert lowered == text or lowered == text[0].lower() + text[1:]
