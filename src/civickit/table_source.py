"""Opening a table's bytes safely and deciding how to read them, for :mod:`civickit.tabular`.

Regular files only (never ``/dev/zero`` or a FIFO), size limits, standard input spooled to a
temporary file, the encoding (UTF-8 with or without a BOM, UTF-16 by its BOM, else Windows-1252
with a warning), the format (CSV, TSV or JSON Lines) and the CSV delimiter.
"""

from __future__ import annotations

import codecs
import csv
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from civickit.errors import UsageError

TableFormat = Literal["csv", "tsv", "jsonl"]

SAMPLE_BYTES = 64 * 1024
_CHUNK = 1 << 20
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True)
class Limits:
    """Size limits for one table; the defaults are generous for real sign-up sheets."""

    max_bytes: int = 512 * 1024 * 1024
    max_cell_chars: int = 256 * 1024


def open_bytes(
    source: str | Path,
    stdin: IO[bytes] | None,
    label: str,
    what: str,
    limits: Limits,
    *,
    kind: str = "CSV, TSV or JSON Lines file",
) -> IO[bytes]:
    if str(source) == "-":
        if stdin is None:
            raise UsageError(f"{what} '-' means standard input, and none was given")
        spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Table.close
        copied = 0
        while chunk := stdin.read(_CHUNK):
            copied += len(chunk)
            if copied > limits.max_bytes:
                spool.close()
                raise UsageError(_too_big(label, what, limits))
            spool.write(chunk)
        spool.seek(0)
        return spool
    path = Path(source)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no such file; check the path to the {what}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder; give the {kind} ({what})")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"{path} is not a regular file (a device or pipe); save the {what} to a file, "
            "or pipe it in as '-'"
        )
    if info.st_size > limits.max_bytes:
        raise UsageError(_too_big(label, what, limits))
    try:
        return path.open("rb")
    except PermissionError as exc:
        raise UsageError(f"{path}: not readable (permission denied); check the {what}") from exc


def _too_big(label: str, what: str, limits: Limits) -> str:
    return (
        f"{label} is larger than {limits.max_bytes // (1024 * 1024)} MiB; "
        f"split the {what} into smaller files"
    )


def choose_encoding(
    handle: IO[bytes], head: bytes, label: str, what: str, warnings: list[str]
) -> str:
    """UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252 with a warning."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    bad_at: int | None = None
    cp1252_ok = True
    for chunk in _chunks(handle):
        cp1252_ok = cp1252_ok and not _CP1252_UNDEFINED.intersection(chunk)
        if bad_at is None:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad_at = offset + exc.start
        offset += len(chunk)
    if bad_at is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            bad_at = offset
    handle.seek(0)
    if bad_at is None:
        return "utf-8-sig"
    if cp1252_ok:
        warnings.append(
            f"{label} is not UTF-8 (byte {bad_at}); reading it as Windows-1252. "
            "Save it as UTF-8 (or pass --encoding) to be sure names come out right"
        )
        return "cp1252"
    raise UsageError(
        f"{label} is not UTF-8 (byte {bad_at}) nor Windows-1252; save it as UTF-8 "
        f"or pass --encoding with the {what}'s encoding"
    )


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    handle.seek(0)
    while chunk := handle.read(_CHUNK):
        yield chunk


def guess_format(source: str | Path, head: bytes) -> TableFormat:
    suffix = Path(str(source)).suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix in {".tsv", ".tab"}:
        return "tsv"
    if suffix == ".csv":
        return "csv"
    first = head.lstrip(codecs.BOM_UTF8).lstrip()
    return "jsonl" if first.startswith(b"{") else "csv"


def decode_sample(head: bytes, encoding: str) -> str:
    return head.decode(encoding, errors="ignore").removeprefix("\ufeff")


def sniff_dialect(sample: str, fmt: TableFormat) -> type[csv.Dialect]:
    """The delimiter is guessed; quoting is always the spreadsheet standard (``"``, doubled).

    The sniffer's other guesses are not trusted: a sample with ``O'Brien`` in it can make it
    take ``'`` for the quote character and misread every row.
    """
    if fmt == "tsv":
        delimiter = "\t"
    else:
        header_line = next((line for line in sample.splitlines() if line.strip()), "")
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ""
        if delimiter not in header_line or not delimiter:
            # The sniffer guesses from the whole sample; the header alone is a safer tie-breaker.
            counts = {sep: header_line.count(sep) for sep in ",;\t|"}
            best = max(counts, key=lambda sep: counts[sep])
            delimiter = best if counts[best] else ","

    class Sheet(csv.excel):
        strict = True

    Sheet.delimiter = delimiter
    return Sheet
