"""Packet covers in the letters' language: one language, its cover; several, an English cover
that counts the letters per language (Babel's names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from civickit.materials.languages import language_words
from civickit.materials.render import TEMPLATES_DIR
from civickit.outreach.covers import ENGLISH_COVER, CoverSheet, CoverWords
from support.golden import Golden

SPANISH = CoverWords.of(language_words("es", [TEMPLATES_DIR]))
ADDRESS = ["The Honorable Alex Padilla", "331 Hart Senate Office Building", "Washington, DC 20510"]
TITLES = {"es": "Que la policía deje de usar el reconocimiento facial"}


def cover(languages: dict[str, int]) -> CoverSheet:
    assert SPANISH is not None
    return CoverSheet(
        "Senator Alex Padilla (CA)",
        ADDRESS,
        "capitol-office",
        sum(languages.values()),
        "Stop police use of facial recognition",
        dt.date(2026, 11, 26),
        "letter",
        languages,
        {"es": SPANISH},
        TITLES,
    )


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_golden_spanish_cover(fmt: str, golden: Golden) -> None:
    sheet = cover({"es": 4})
    text = sheet.text() if fmt == "txt" else sheet.html()
    golden.check(f"batch/cover_es.{fmt}", text)
    assert "26 de noviembre de 2026" in text  # Babel's Spanish date
    assert TITLES["es"] in text
    assert not any(word in text for word in ("Delivery", "Deliver to", "Campaign", "Date:"))


def test_mixed_cover_is_english_and_counts_letters_per_language() -> None:
    sheet = cover({"en": 8, "es": 4})
    text = sheet.text()
    assert text.startswith("DELIVERY PACKET\n")
    assert "Constituent letters: 12 (8 in English, 4 in Spanish)" in text
    assert "Campaign: Stop police use of facial recognition" in text
    assert "Date: November 26, 2026" in text
    assert "12 (8 in English, 4 in Spanish)" in sheet.html()
    assert '<html lang="en">' in sheet.html()


def test_english_cover_has_no_language_count() -> None:
    text = cover({"en": 3}).text()
    assert "Constituent letters: 3\n" in text
    assert cover({}).words is ENGLISH_COVER


def test_language_without_cover_words_gets_the_english_cover() -> None:
    sheet = CoverSheet("Office", [], "capitol-office", 2, "C", dt.date(2026, 11, 26))
    french = replace(sheet, languages={"fr": 2})
    assert french.words is ENGLISH_COVER
    assert "Constituent letters: 2\n" in french.text()
    assert "(no address on record)" in french.text()


def test_cover_words_of_a_file_without_cover_table() -> None:
    spanish = language_words("es", [TEMPLATES_DIR])
    assert CoverWords.of(replace(spanish, cover=None)) is None
    partial = CoverWords.of(replace(spanish, cover={"title": "Paquet de livraison"}))
    assert partial is not None and partial.office == "Office"  # missing keys: English
