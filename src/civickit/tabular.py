"""The one reader of tables people hand us: CSV in any dialect, TSV, or JSON Lines.

Supporter sheets (``outreach.supporters``) and targets files (``lookup.adapters.file_targets``)
both come through here, so both get the same rules:

- Encoding: UTF-8 (with or without a BOM), UTF-16 by its BOM, else Windows-1252 with a warning.
- Strict structure, checked in a first pass *before* any row is handed out: an unclosed quote, or a
  row with more or fewer cells than the header, is an error naming the line; so is a cell or a
  file over the size limits. Standard input is spooled to a temporary file first so that it gets
  the same check (and a true row count).
- Only regular files: ``/dev/zero``, FIFOs and folders are refused, never read for ever.
- Control characters (NUL, ESC, the C1 range, DEL) are removed from every cell, so none reaches a
  mail header, a file name or a terminal; tabs and line breaks are kept for the caller to judge.

Row numbers are what a spreadsheet shows: in a CSV the header is row 1 and the first record row 2
(blank lines count, a quoted value spanning lines is one row); in JSON Lines the row is the line.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from civickit.errors import UsageError
from civickit.table_source import (
    SAMPLE_BYTES,
    Limits,
    TableFormat,
    choose_encoding,
    decode_sample,
    guess_format,
    open_bytes,
    sniff_dialect,
)

__all__ = [
    "Limits",
    "Record",
    "Table",
    "TableFormat",
    "TableInfo",
    "clean_cell",
    "open_table",
    "read_text",
    "read_whole",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class TableInfo:
    """What was found out about a table before its rows are read."""

    source: str
    format: TableFormat
    encoding: str
    delimiter: str | None
    header: tuple[str, ...]
    rows: int  # records after the header, blank ones not counted
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """One row: its cells by header name, or why it could not be read (a JSON Lines line)."""

    row: int
    cells: dict[str, str]
    problem: str | None = None


class Table:
    """An open table: ``info`` describes it; iterating yields its ``Record``s one by one."""

    def __init__(self, info: TableInfo, handle: IO[bytes], records: Iterator[Record]) -> None:
        self.info = info
        self._handle = handle
        self._records = records

    def __iter__(self) -> Iterator[Record]:
        return self._records

    def close(self) -> None:
        """Close the file (or the spooled copy of standard input)."""
        self._handle.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def clean_cell(value: str) -> str:
    """``value`` without control characters other than tab and line breaks."""
    return _CONTROL.sub("", value)


def open_table(
    source: str | Path,
    *,
    stdin: IO[bytes] | None = None,
    encoding: str | None = None,
    what: str = "table",
    limits: Limits | None = None,
    table_format: TableFormat | None = None,
) -> Table:
    """Open ``source`` (``-`` reads ``stdin``), check it whole, and return its records lazily.

    ``what`` names the table in messages ("supporter sheet", "targets file"). Raises
    ``UsageError`` naming the file, the line and the fix for anything that makes the table
    unreadable as a whole.
    """
    limits = limits or Limits()
    label = "stdin" if str(source) == "-" else str(source)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise UsageError(
                f"--encoding {encoding!r}: unknown encoding; try utf-8 or cp1252"
            ) from exc
    handle = open_bytes(source, stdin, label, what, limits)
    try:
        head = handle.read(SAMPLE_BYTES)
        handle.seek(0)
        warnings: list[str] = []
        chosen = encoding or choose_encoding(handle, head, label, what, warnings)
        fmt = table_format or guess_format(source, head)
        scan = _Scan(label, chosen, what, limits, tuple(warnings))
        if fmt == "jsonl":
            info = _check_jsonl(handle, scan)
            return Table(info, handle, _jsonl_records(handle, info, limits))
        dialect = sniff_dialect(decode_sample(head, chosen), fmt)
        info = _check_delimited(handle, scan, fmt, dialect)
        return Table(info, handle, _delimited_records(handle, info, dialect))
    except UnicodeDecodeError as exc:
        handle.close()
        raise UsageError(
            f"{label}: cannot decode byte {exc.start} as {exc.encoding}; save it as UTF-8 "
            "or pass --encoding"
        ) from exc
    except BaseException:
        handle.close()
        raise


def read_whole(
    source: str | Path,
    *,
    stdin: IO[bytes] | None = None,
    what: str = "table",
    limits: Limits | None = None,
    kind: str = "CSV, TSV or JSON Lines file",
) -> bytes:
    """The bytes of ``source`` (``-`` reads ``stdin``) under ``open_table``'s rules: regular files
    only, within the size limit; for files read whole in another format (a TOML targets file).
    ``kind`` is what a folder given instead should have been."""
    limits = limits or Limits()
    label = "stdin" if str(source) == "-" else str(source)
    with open_bytes(source, stdin, label, what, limits, kind=kind) as handle:
        return handle.read()


#: Limits of a text file read whole (``--story @FILE``): a letter's paragraph, not a book.
TEXT_LIMITS = Limits(max_bytes=1024 * 1024)


def read_text(
    source: str | Path,
    *,
    stdin: IO[bytes] | None = None,
    what: str = "text file",
    limits: Limits = TEXT_LIMITS,
) -> str:
    """The UTF-8 text of a file the user named (``-`` reads ``stdin``), under ``read_whole``'s
    rules (regular files only, size limit), with a byte-order mark dropped; a file that is not
    UTF-8 is a ``UsageError`` naming it, never a ``UnicodeDecodeError``."""
    data = read_whole(source, stdin=stdin, what=what, limits=limits, kind="UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        label = "stdin" if str(source) == "-" else str(source)
        raise UsageError(
            f"{label}: byte {exc.start} is not UTF-8; save the {what} as UTF-8 text"
        ) from exc


def _text(handle: IO[bytes], encoding: str) -> io.TextIOWrapper:
    handle.seek(0)
    return io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")


@dataclass(frozen=True)
class _Scan:
    """What the first pass over a table needs to know to check and describe it."""

    label: str
    encoding: str
    what: str
    limits: Limits
    warnings: tuple[str, ...]


def _check_delimited(
    handle: IO[bytes],
    scan: _Scan,
    fmt: TableFormat,
    dialect: type[csv.Dialect],
) -> TableInfo:
    label, limits = scan.label, scan.limits
    _allow_cells(limits)
    text = _text(handle, scan.encoding)
    reader = csv.reader(text, dialect)
    header: list[str] = []
    rows = 0
    line = 1
    try:
        while True:
            line = reader.line_num + 1  # where the record about to be read starts
            record = next(reader, None)
            if record is None:
                break
            if not header:
                if any(cell.strip() for cell in record):
                    header = [clean_cell(cell).removeprefix("\ufeff").strip() for cell in record]
                continue
            if not any(cell.strip() for cell in record):
                continue
            rows += 1
            _check_record(record, header, label, line, limits)
    except csv.Error as exc:
        raise UsageError(
            f"{label} line {line}: {exc} (the record starting there runs to line "
            f"{reader.line_num}); close the quote or remove the stray quote character"
        ) from exc
    finally:
        text.detach()
    if not header:
        raise UsageError(
            f"{label} is empty; it needs a header row and one row per record ({scan.what})"
        )
    delimiter = getattr(dialect, "delimiter", ",")
    return TableInfo(label, fmt, scan.encoding, delimiter, tuple(header), rows, scan.warnings)


def _check_record(
    record: list[str], header: list[str], label: str, line: int, limits: Limits
) -> None:
    too_long = next((cell for cell in record if len(cell) > limits.max_cell_chars), None)
    if too_long is not None:
        raise UsageError(
            f"{label} line {line}: a cell is {len(too_long):,} characters, over the limit of "
            f"{limits.max_cell_chars:,}; shorten it"
        )
    extra = record[len(header) :]
    if len(record) < len(header) or any(cell.strip() for cell in extra):
        raise UsageError(
            f"{label} line {line}: {len(record)} cells where the header has {len(header)}; "
            "check for a missing or extra delimiter or an unclosed quote on or above this line"
        )


def _allow_cells(limits: Limits) -> None:
    # The csv module's own limit (128 KiB) would stop a read half way; ours is checked per cell.
    if csv.field_size_limit() < limits.max_cell_chars + 1:
        csv.field_size_limit(limits.max_cell_chars + 1)


def _delimited_records(
    handle: IO[bytes], info: TableInfo, dialect: type[csv.Dialect]
) -> Iterator[Record]:
    text = _text(handle, info.encoding)
    reader = csv.reader(text, dialect)
    seen_header = False
    for row, record in enumerate(reader, start=1):  # blank records count as rows
        if not seen_header:
            seen_header = any(cell.strip() for cell in record)
            continue
        if not any(cell.strip() for cell in record):
            continue
        cells = {
            column: clean_cell(cell) for column, cell in zip(info.header, record, strict=False)
        }
        yield Record(row, cells)
    text.detach()


def _check_jsonl(handle: IO[bytes], scan: _Scan) -> TableInfo:
    label, limits = scan.label, scan.limits
    text = _text(handle, scan.encoding)
    header: tuple[str, ...] = ()
    rows = 0
    try:
        for number, line in enumerate(text, start=1):
            if len(line) > limits.max_cell_chars * 4:
                raise UsageError(
                    f"{label} line {number}: {len(line):,} characters, over the limit of "
                    f"{limits.max_cell_chars * 4:,}; shorten it"
                )
            if not line.strip():
                continue
            rows += 1
            if not header:
                parsed = _json_object(line.removeprefix("\ufeff"))
                if isinstance(parsed, str):
                    raise UsageError(
                        f"{label} line {number}: {parsed}; each line must be one object"
                    )
                header = tuple(clean_cell(key) for key in parsed)
    finally:
        text.detach()
    if not header:
        raise UsageError(f"{label} is empty; it needs one JSON object per record ({scan.what})")
    return TableInfo(label, "jsonl", scan.encoding, None, header, rows, scan.warnings)


def _jsonl_records(handle: IO[bytes], info: TableInfo, limits: Limits) -> Iterator[Record]:
    text = _text(handle, info.encoding)
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        parsed = _json_object(line.removeprefix("\ufeff"))
        if isinstance(parsed, str):
            yield Record(number, {}, parsed)
            continue
        cells: dict[str, str] = {}
        problem = None
        for key, value in parsed.items():
            if value is None:
                continue
            cell = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if len(cell) > limits.max_cell_chars:
                problem = f"field {key!r} is over {limits.max_cell_chars:,} characters"
            cells[clean_cell(key)] = clean_cell(cell)
        yield Record(number, {} if problem else cells, problem)
    text.detach()


def _json_object(line: str) -> dict[str, object] | str:
    try:
        parsed = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(parsed, dict):
        return "not a JSON object"
    return parsed
