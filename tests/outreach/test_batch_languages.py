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


def packets(
    tmp_path: Path, rows: list[list[str]], *extra: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Each supporter's txt letter by name, and each office's text packet by office key."""
    sheet = write_csv(tmp_path / "sheet.csv", rows)
    out = tmp_path / "out"
    options = ["--out", str(out), "--to", "house", "--formats", "txt", "--packets", "txt", "-q"]
    invoke(["--as-of", "2026-11-26", "batch", str(sheet), *options, *extra], expect=0)
    found = {p.stem: p.read_text(encoding="utf-8") for p in (out / "packets").glob("*.txt")}
    return letters(out), found


def test_mixed_packet_has_an_english_cover_counting_languages(
    lookup_data: Path, tmp_path: Path
) -> None:
    made, by_office = packets(tmp_path, ROWS, "--letter-lang", "supporter")
    assert [
        spanish(made[name]) for name in ("Ada Lopez", "Ben Chen", "Carla Ruiz", "Dev Patel")
    ] == [
        True,
        False,
        True,
        False,
    ]
    languages = {
        r["name"]: {f.get("language") for f in r["files"]} for r in manifest(tmp_path / "out")
    }
    assert languages == {
        "Ada Lopez": {"es"},
        "Ben Chen": {None},
        "Carla Ruiz": {"es"},
        "Dev Patel": {None},
    }
    (packet,) = by_office.values()
    assert packet.startswith("DELIVERY PACKET\n")
    assert "Constituent letters: 4 (2 in English, 2 in Spanish)" in packet
    assert packet.count("Atentamente,") == 2 and packet.count("Sincerely,") == 2


def test_letter_lang_en_packet_is_english_without_a_count(
    lookup_data: Path, tmp_path: Path
) -> None:
    made, by_office = packets(tmp_path, ROWS, "--letter-lang", "en")
    assert not any(spanish(letter) for letter in made.values())
    (packet,) = by_office.values()
    assert "Constituent letters: 4\n" in packet
    assert "Atentamente," not in packet


def test_all_spanish_packet_has_a_spanish_cover(lookup_data: Path, tmp_path: Path) -> None:
    rows = [row[:2] for row in ROWS]  # no language column: the batch default, es
    made, by_office = packets(tmp_path, rows, "--lang", "es")
    assert all(spanish(letter) for letter in made.values())
    (packet,) = by_office.values()
    assert packet.startswith("PAQUETE DE ENTREGA\n")
    assert "Cartas de sus representados: 4\n" in packet
    assert "Fecha: 26 de noviembre de 2026" in packet
    assert "Campaña: Que la policía deje de usar el reconocimiento facial" in packet
