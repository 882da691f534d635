"""Names and cities typed in one case are capitalised; mixed case is the writer's own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.names import city_name, name_key, one_case, person_name


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("jane doe", "Jane Doe"),
        ("JANE DOE", "Jane Doe"),
        ("mary mcdonald", "Mary McDonald"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("juan de la cruz", "Juan de la Cruz"),
        ("maría núñez", "María Núñez"),
        ("JOSÉ NÚÑEZ", "José Núñez"),
        ("ludwig van beethoven", "Ludwig van Beethoven"),
        ("jean-luc picard iii", "Jean-Luc Picard III"),
        ("doe, jane", "Jane Doe"),
    ],
)
def test_names_typed_in_one_case_are_capitalised(typed: str, written: str) -> None:
    assert person_name(typed) == written


@pytest.mark.parametrize(
    "name", ["McDonald", "O'Brien", "de la Cruz", "Núñez", "Jane doe", "danah boyd X", "bell hooks"]
)
def test_mixed_case_and_deliberate_spellings_are_kept(name: str) -> None:
    expected = "Bell Hooks" if name == "bell hooks" else name  # all lower: capitalised
    assert person_name(name) == expected


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("san francisco", "San Francisco"),
        ("SAN FRANCISCO", "San Francisco"),
        ("winston-salem", "Winston-Salem"),
        ("o'fallon", "O'Fallon"),
        ("coeur d'alene", "Coeur d'Alene"),
        ("mcallen", "McAllen"),
        ("st. louis", "St. Louis"),
        ("KING OF PRUSSIA", "King of Prussia"),
        ("la cañada flintridge", "La Cañada Flintridge"),
        ("DeKalb", "DeKalb"),
        ("New york", "New york"),
    ],
)
def test_cities_follow_one_rule(typed: str, written: str) -> None:
    assert city_name(typed) == written


def test_duplicate_key_ignores_case_accents_and_spacing() -> None:
    assert name_key("JOSÉ  Núñez") == name_key("jose nunez") == "jose nunez"
    assert name_key("Jane Doe") != name_key("Jane Dow")


# Letters whose capital is one letter (not "ŉ", whose capital is "ʼN").
_LETTER = st.characters(categories=("Ll", "Lu", "Zs"), max_codepoint=0x17F).filter(
    lambda ch: len(ch.upper()) == 1 and len(ch.lower()) == 1
)
_WORDS = st.text(_LETTER, max_size=30)


@given(_WORDS)
def test_capitalising_never_changes_the_letters_only_their_case(text: str) -> None:
    for fix in (person_name, city_name):
        result = fix(text)
        assert sorted(name_key(result).split()) == sorted(name_key(text.replace(",", " ")).split())
        if not one_case(text):
            assert result == text
        assert fix(result) == result or not one_case(result)


def test_a_letter_whose_capital_folds_to_another_letter_is_left_as_typed() -> None:
    # Found by hypothesis: "ı".upper() is "I", whose lower case is "i", another letter.
    assert city_name("ı") == "ı"
    assert person_name("ı") == "ı"
