from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.safety import check_header_value, neutralise_csv_cell, safe_filename_part
from civickit.errors import UsageError


@given(st.text())
def test_safe_filename_part_never_escapes_a_folder(text: str) -> None:
    part = safe_filename_part(text)
    assert part
    assert "/" not in part and "\\" not in part
    assert not part.startswith(".")
    assert len(part) <= 80
    base = Path("/tmp/out")
    assert (base / part).resolve().parent == base.resolve()


def test_traversal_names_are_flattened() -> None:
    assert safe_filename_part("../../etc/x") == "etc-x"
    assert safe_filename_part("Nancy Pelosi") == "nancy-pelosi"
    assert safe_filename_part("José Hernández") == "jose-hernandez"
    assert safe_filename_part("...") == "unnamed"


@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\tx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise_csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ada Lopez", "", 42, None])
def test_ordinary_cells_pass_through(cell: str | int | None) -> None:
    assert neutralise_csv_cell(cell) == cell


@pytest.mark.parametrize("value", ["Name\nBcc: x@y", "a\rb", "a\u2028b"])
def test_header_values_with_line_breaks_are_refused(value: str) -> None:
    with pytest.raises(UsageError, match="contains a line break"):
        check_header_value("sender name", value)


def test_plain_header_value_is_returned() -> None:
    assert check_header_value("subject", "Stop police use") == "Stop police use"
