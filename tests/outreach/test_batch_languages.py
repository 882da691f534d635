"""A mixed-language batch: each row's letters in its supporter's language (``language``
column, any spelling), a batch default for rows without one, and ``--letter-lang`` to keep
letters to offices in one language."""

from __future__ import annotations

from pathlib import Path

import pytest

from batch_support import manifest, write_csv
from civickit.outreach.supporters import make_row
from support.cli import invoke

ROWS = [
    ["name", "district", "Idioma"],
    ["Ada Lopez", "CA-12", "Spanish"],
    ["Ben Chen", "CA-12", "en"],
    ["Carla Ruiz", "CA-12", "ESPAÑOL"],
    ["Dev Patel", "CA-12", ""],
]


def letters(out: Path) -> dict[str, str]:
    """Each supporter's one txt letter, by name."""
    found = {}
    for record in manifest(out):
        (path,) = [f["path"] for f in record["files"] if f["path"].endswith(".txt")]
        found[record["name"]] = (out / path).read_text(encoding="utf-8")
    return found


def run(tmp_path: Path, *extra: str) -> dict[str, str]:
    sheet = write_csv(tmp_path / "sheet.csv", ROWS)
    out = tmp_path / "out"
    options = ["--out", str(out), "--to", "house", "--formats", "txt", "--no-packets", "-q"]
    invoke(["--as-of", "2026-11-26", "batch", str(sheet), *options, *extra], expect=0)
    return letters(out)


def spanish(letter: str) -> bool:
    return "Atentamente," in letter and "26 de noviembre de 2026" in letter


def test_each_row_gets_its_own_language(lookup_data: Path, tmp_path: Path) -> None:
    made = run(tmp_path)
    assert spanish(made["Ada Lopez"]) and spanish(made["Carla Ruiz"])
    assert "Sincerely," in made["Ben Chen"] and "Sincerely," in made["Dev Patel"]


def test_batch_default_language_for_rows_without_one(lookup_data: Path, tmp_path: Path) -> None:
    made = run(tmp_path, "--lang", "spa")
    assert spanish(made["Dev Patel"])
    assert "Sincerely," in made["Ben Chen"]  # the row's own language wins


def test_letter_lang_keeps_letters_to_offices_in_english(lookup_data: Path, tmp_path: Path) -> None:
    made = run(tmp_path, "--letter-lang", "en")
    assert all("Sincerely," in letter for letter in made.values())


@pytest.mark.parametrize("given", ["es", "ES", "spa", "Spanish", "español", "Español", "es-MX"])
def test_language_column_spellings(given: str) -> None:
    row = make_row(2, {"name": "Ada", "district": "CA-12", "language": given})
    assert row.ok and row.fields["language"] == "es"


def test_unknown_language_is_a_row_problem() -> None:
    row = make_row(2, {"name": "Ada", "district": "CA-12", "language": "Klingonish"})
    assert not row.ok
    assert row.problems[0].startswith("language: unknown language 'Klingonish'")
