"""The one table reader: strict structure checked before any row, limits, hostile bytes."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civickit.errors import UsageError
from civickit.tabular import Limits, clean_cell, open_table


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(path: Path | str, **kwargs: object) -> list[dict[str, str]]:
    with open_table(path, **kwargs) as table:  # type: ignore[arg-type]
        return [record.cells for record in table]


def test_an_unclosed_quote_is_an_error_naming_its_line_before_any_row(tmp_path: Path) -> None:
    sheet = write(
        tmp_path,
        'id,name,email,story\n1,Ada,ada@example.org,"My story\n2,Bob,bob@example.org,hi\n',
    )
    with pytest.raises(UsageError) as caught:
        open_table(sheet)
    message = str(caught.value)
    assert message.startswith(f"{sheet} line 2: unexpected end of data")
    assert "close the quote" in message
    assert "\n" not in message


def test_a_quote_that_swallows_rows_shows_as_a_wrong_cell_count(tmp_path: Path) -> None:
    sheet = write(
        tmp_path,
        'id,name,story\n1,Ada,"Mine\n2,Bob,hi\n3,"Cy",fine\n',
    )
    with pytest.raises(UsageError, match=rf"^{sheet} line 2: "):
        open_table(sheet)


@pytest.mark.parametrize("row", ["3,Cy", "3,Cy,x,y"])
def test_a_row_with_the_wrong_number_of_cells_is_an_error(tmp_path: Path, row: str) -> None:
    sheet = write(tmp_path, f"id,name,zip\n1,Ada,94103\n\n{row}\n")
    with pytest.raises(UsageError) as caught:
        open_table(sheet)
    cells = len(row.split(","))
    assert str(caught.value) == (
        f"{sheet} line 4: {cells} cells where the header has 3; check for a missing or extra "
        "delimiter or an unclosed quote on or above this line"
    )


def test_trailing_empty_cells_are_fine(tmp_path: Path) -> None:
    assert rows_of(write(tmp_path, "a,b\n1,2,,\n")) == [{"a": "1", "b": "2"}]


def test_a_cell_over_the_limit_is_refused_up_front(tmp_path: Path) -> None:
    sheet = write(tmp_path, "name,story\nAda," + "x" * 200 + "\n")
    with pytest.raises(UsageError, match="line 2: a cell is 200 characters, over the limit of 100"):
        open_table(sheet, limits=Limits(max_cell_chars=100))


def test_cells_bigger_than_the_csv_module_default_are_read(tmp_path: Path) -> None:
    story = "word " * 40_000  # 200,000 characters: over csv's own 131,072
    rows = rows_of(write(tmp_path, f'name,story\nAda,"{story}"\n'))
    assert rows[0]["story"] == story


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    sheet = write(tmp_path, "name\n" + "Ada\n" * 100)
    with pytest.raises(UsageError, match="is larger than 0 MiB; split the table"):
        open_table(sheet, limits=Limits(max_bytes=100))


def test_stdin_over_the_size_limit_is_refused() -> None:
    with pytest.raises(UsageError, match=r"^stdin is larger than"):
        open_table("-", stdin=io.BytesIO(b"name\n" + b"Ada\n" * 100), limits=Limits(max_bytes=50))


def test_dev_zero_is_refused_at_once() -> None:
    with pytest.raises(UsageError, match="is not a regular file"):
        open_table("/dev/zero")


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="is not a regular file"):
        open_table(fifo)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        open_table(tmp_path)


def test_a_missing_file_names_what_it_is(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file; check the path to the targets file"):
        open_table(tmp_path / "nope.csv", what="targets file")


def test_stdin_gets_the_same_checks_and_a_true_row_count() -> None:
    data = b'name,story\nAda,"two\nlines"\n\nBob,x\n'
    with open_table("-", stdin=io.BytesIO(data)) as table:
        assert table.info.rows == 2
        assert [record.row for record in table] == [2, 4]


def test_control_characters_never_come_through(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"name,email\nA\x00d\x1ba\x7f,ada\x1b[31m@example.org\n")
    assert rows_of(path) == [{"name": "Ada", "email": "ada[31m@example.org"}]


def test_json_lines_bad_lines_are_per_row_problems(tmp_path: Path) -> None:
    path = write(tmp_path, '{"name": "Ada"}\nnot json\n[1]\n{"name": "Bob", "n": 3}\n', "t.jsonl")
    with open_table(path) as table:
        records = list(table)
    assert table.info.header == ("name",)
    assert [(r.row, r.problem) for r in records] == [
        (1, None),
        (2, "not valid JSON (Expecting value at column 1)"),
        (3, "not a JSON object"),
        (4, None),
    ]
    assert records[3].cells == {"name": "Bob", "n": "3"}


def test_json_lines_must_start_with_an_object(tmp_path: Path) -> None:
    path = write(tmp_path, "[1, 2]\n", "t.jsonl")
    with pytest.raises(UsageError, match="line 1: not a JSON object; each line must be one object"):
        open_table(path)


_cell = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(st.lists(_cell, min_size=3, max_size=3), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    quoting=st.sampled_from([csv.QUOTE_ALL, csv.QUOTE_MINIMAL]),
    name=st.sampled_from(["O'Brien", "Ada"]),
)
def test_any_table_a_csv_writer_makes_reads_back(
    rows: list[list[str]], delimiter: str, quoting: Literal[0, 1], name: str
) -> None:
    rows = [[name, "x", "y"], *rows]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting)
    writer.writerow(["alpha", "beta", "gamma"])
    writer.writerows(rows)
    with open_table("-", stdin=io.BytesIO(buffer.getvalue().encode("utf-8"))) as table:
        got = [record.cells for record in table]
    kept = [row for row in rows if any(cell.strip() for cell in row)]
    names = ("alpha", "beta", "gamma")
    assert got == [
        {name: clean_cell(cell) for name, cell in zip(names, row, strict=True)} for row in kept
    ]
