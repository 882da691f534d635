"""An official's gender, read from the datasets' own words, and used only where given."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.officials import Official, gender_from


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("M", "male"),  # congress-legislators bio.gender
        ("F", "female"),
        ("Male", "male"),  # Open States bulk CSV and API
        ("Female", "female"),
        (" female ", "female"),
        ("X", None),
        ("", None),
        (None, None),
        ("Nonbinary", None),
    ],
)
def test_gender_from_dataset_words(text: str | None, gender: str | None) -> None:
    assert gender_from(text) == gender


@given(st.text(max_size=12))
def test_gender_from_any_text_is_male_female_or_unknown(text: str) -> None:
    found = gender_from(text)
    assert found in ("male", "female", None)
    if found is not None:
        assert text.strip().lower() in {"m", "f", "male", "female"}


def test_gender_is_in_the_json_shape() -> None:
    official = Official("Alex Padilla", "us-senate", "Senator", "CA", gender="male")
    assert official.to_dict()["gender"] == "male"
    assert Official("Lee Example", "us-senate", "Senator", "CA").to_dict()["gender"] is None
