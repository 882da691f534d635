"""Supporters' names and cities as people write them, and duplicates however they were typed."""

from __future__ import annotations

from civickit.outreach.supporters import make_row


def test_names_and_cities_typed_in_one_case_are_capitalised() -> None:
    row = make_row(2, {"name": "jane doe", "city": "SAN FRANCISCO", "zip": "94103"})
    assert (row.name, row.fields["city"]) == ("Jane Doe", "San Francisco")
    assert row.postal_address() == "San Francisco, 94103"
    split = make_row(3, {"first_name": "MARY", "last_name": "MCDONALD", "zip": "94103"})
    assert split.name == "Mary McDonald"


def test_names_written_in_mixed_case_are_kept() -> None:
    for name in ("Mary McDonald", "Sean O'Brien", "Juan de la Cruz", "José Núñez", "danah Boyd"):
        assert make_row(2, {"name": name, "zip": "94103"}).name == name


def test_duplicates_ignore_case_spacing_and_accents() -> None:
    typed = ["Jane Doe", "JANE DOE", "jane  doe", " Jane Doe "]
    ids = {make_row(n, {"name": name, "zip": "94103"}).id for n, name in enumerate(typed, 2)}
    assert len(ids) == 1
    accents = {
        make_row(2, {"name": "José Núñez", "city": "San José", "zip": "95112"}).id,
        make_row(3, {"name": "JOSE NUNEZ", "city": "san jose", "zip": "95112"}).id,
    }
    assert len(accents) == 1
    other = make_row(4, {"name": "Jane Dow", "zip": "94103"}).id
    assert other not in ids


def test_the_input_hash_still_sees_every_character() -> None:
    first = make_row(2, {"name": "José Núñez", "zip": "95112"})
    second = make_row(3, {"name": "Jose Nunez", "zip": "95112"})
    assert first.id == second.id and first.input_hash != second.input_hash
