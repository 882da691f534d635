"""Supporter sign-up sheets: CSV (any dialect), TSV or JSON Lines, read one row at a time.

A sheet is never loaded whole: ``open_supporters`` checks the header (and the encoding of a
file) before any work starts, then yields one ``SupporterRow`` per record. Problems with a
single row (no name, a bad ZIP) are recorded on that row, never raised, so one bad row never
stops a batch. Problems with the sheet itself (no name column, an unknown encoding) raise
``UsageError`` before the first row.

Row numbers are what a spreadsheet shows: in a CSV the header is row 1 and the first supporter
row 2 (blank lines count, a quoted value spanning lines is one row); in JSON Lines the row is
the line number.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Literal

from civickit.errors import UsageError

SheetFormat = Literal["csv", "tsv", "jsonl"]
FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "street",
    "city",
    "state",
    "zip",
    "district",
    "story",
)
LOCATION_FIELDS = ("district", "address", "street", "zip")

# Normalised header (lower case, letters and digits only) -> field.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("id", "supporterid", "memberid", "externalid", "uid", "ref"), "id"),
    **dict.fromkeys(
        ("name", "fullname", "yourname", "supportername", "signername", "contactname"), "name"
    ),
    **dict.fromkeys(("firstname", "givenname", "first", "forename"), "first_name"),
    **dict.fromkeys(("lastname", "familyname", "surname", "last"), "last_name"),
    **dict.fromkeys(("email", "emailaddress", "mail", "youremail"), "email"),
    **dict.fromkeys(
        ("phone", "phonenumber", "telephone", "tel", "mobile", "cell", "cellphone"), "phone"
    ),
    **dict.fromkeys(
        ("address", "fulladdress", "mailingaddress", "homeaddress", "postaladdress"), "address"
    ),
    **dict.fromkeys(
        ("street", "streetaddress", "address1", "addressline1", "street1", "addr1"), "street"
    ),
    **dict.fromkeys(("city", "town", "locality"), "city"),
    **dict.fromkeys(("state", "st", "stateabbr", "statecode", "province"), "state"),
    **dict.fromkeys(
        ("zip", "zipcode", "zip5", "postalcode", "postcode", "postal", "zippostalcode"), "zip"
    ),
    **dict.fromkeys(("district", "congressionaldistrict", "cd", "districtlabel"), "district"),
    **dict.fromkeys(
        (
            "story",
            "personalstory",
            "yourstory",
            "message",
            "personalmessage",
            "yourmessage",
            "why",
            "whyicare",
            "whyyoucare",
            "comment",
            "comments",
        ),
        "story",
    ),
}

_SAMPLE_BYTES = 64 * 1024
_CHUNK = 1 << 20
_ZIP = re.compile(r"(\d{3,5})(?:-?\d{4})?")
_DISTRICT = re.compile(r"([A-Z]{2})-(AL|\d{1,2}|(?:SD|AD|HD)-[A-Z0-9-]+)")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_KIND_LABELS = {"district": "district", "address": "address", "zip": "ZIP"}


@dataclass(frozen=True)
class Location:
    """What a row's districts are looked up from; equal keys are looked up once per batch."""

    kind: Literal["district", "address", "zip"]
    value: str

    def __str__(self) -> str:
        return f"{_KIND_LABELS[self.kind]} {self.value}"


@dataclass(frozen=True)
class SupporterRow:
    """One record of the sheet, normalised, with the problems found in it."""

    row: int
    id: str
    fields: Mapping[str, str]
    problems: tuple[str, ...] = ()
    input_hash: str = ""

    @property
    def name(self) -> str:
        """The supporter's name as given."""
        return self.fields.get("name", "")

    @property
    def ok(self) -> bool:
        """True when the row can be processed."""
        return not self.problems

    def location(self) -> Location | None:
        """District if given, else the address, else the ZIP; ``None`` when none is usable."""
        if self.fields.get("district"):
            return Location("district", self.fields["district"])
        postal = self.postal_address()
        if self.fields.get("address") or (self.fields.get("street") and self.fields.get("zip")):
            lines = (" ".join(line.split()) for line in postal.splitlines())
            one_line = ", ".join(line.strip(" ,") for line in lines if line.strip(" ,"))
            return Location("address", one_line)
        if self.fields.get("zip"):
            return Location("zip", self.fields["zip"])
        return None

    def postal_address(self) -> str:
        """The address as lines: the address column, or street / ``City, ST ZIP``."""
        if self.fields.get("address"):
            return self.fields["address"]
        city_line = " ".join(
            part
            for part in (
                f"{self.fields['city']}," if self.fields.get("city") else "",
                self.fields.get("state", ""),
                self.fields.get("zip", ""),
            )
            if part
        ).strip(" ,")
        return "\n".join(line for line in (self.fields.get("street", ""), city_line) if line)


@dataclass
class SheetInfo:
    """What was found out about the sheet before its rows are read."""

    source: str
    format: SheetFormat
    encoding: str
    delimiter: str | None
    columns: dict[str, str] = field(default_factory=dict)  # original header -> field
    warnings: list[str] = field(default_factory=list)


class SupporterSheet:
    """An open sheet: ``info`` describes it, iterating yields ``SupporterRow``s one by one."""

    def __init__(
        self,
        info: SheetInfo,
        records: Iterator[tuple[int, dict[str, str] | str]],
        stream: IO[str] | None = None,
    ) -> None:
        self.info = info
        self._records = records
        self._stream = stream

    def close(self) -> None:
        """Close the underlying file (stdin is left open)."""
        if self._stream is not None and self.info.source != "stdin":
            self._stream.close()

    def __enter__(self) -> SupporterSheet:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[SupporterRow]:
        for row_number, record in self._records:
            if isinstance(record, str):  # an unreadable record: the string says why
                yield SupporterRow(row_number, f"row-{row_number}", {}, (record,))
            else:
                yield make_row(row_number, record)


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``--map 'Your Column=name'`` items -> {normalised column: field}."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        target = target.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise UsageError(f"--map {item!r}: write it as COLUMN=FIELD, e.g. 'Post Code=zip'")
        if target not in FIELDS:
            raise UsageError(
                f"--map {item!r}: unknown field {target!r}; use one of {', '.join(FIELDS)}"
            )
        mapping[_normalise_header(column)] = target
    return mapping


def open_supporters(
    source: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
) -> SupporterSheet:
    """Open a sheet (``-`` is stdin) and check its header; raises ``UsageError`` for bad sheets."""
    label = "stdin" if str(source) == "-" else str(source)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise UsageError(
                f"--encoding {encoding!r}: unknown encoding; try utf-8 or cp1252"
            ) from exc
    stream = _open_binary(source, stdin)
    try:
        return _open_stream(stream, source, label, mapping or {}, encoding)
    except BaseException:
        if label != "stdin":
            stream.close()
        raise


def _open_stream(
    stream: io.BufferedReader,
    source: str | Path,
    label: str,
    mapping: Mapping[str, str],
    encoding: str | None,
) -> SupporterSheet:
    head = stream.peek(_SAMPLE_BYTES)[:_SAMPLE_BYTES]
    warnings: list[str] = []
    chosen = encoding or _choose_encoding(source, head, label, warnings)
    text = io.TextIOWrapper(stream, encoding=chosen, errors="strict", newline="")
    sheet_format = _guess_format(source, head)
    try:
        if sheet_format == "jsonl":
            return _open_jsonl(text, label, chosen, mapping, warnings)
        return _open_delimited(
            text,
            label=label,
            encoding=chosen,
            sheet_format=sheet_format,
            mapping=mapping,
            warnings=warnings,
        )
    except UnicodeDecodeError as exc:
        raise _decode_error(label, exc) from exc


def _open_binary(source: str | Path, stdin: IO[bytes] | None) -> io.BufferedReader:
    if str(source) == "-":
        if stdin is None:
            raise UsageError("sheet '-' means standard input, which is not available here")
        raw = stdin
        # A large buffer so the sample used to sniff the sheet can be peeked, not consumed.
        return io.BufferedReader(raw, buffer_size=2 * _SAMPLE_BYTES)  # type: ignore[arg-type]
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give the CSV, TSV or JSON Lines file of supporters")
    try:
        return io.BufferedReader(io.FileIO(path, "rb"), buffer_size=2 * _SAMPLE_BYTES)
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no such file; check the path to the supporter sheet") from exc


def _choose_encoding(source: str | Path, head: bytes, label: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252 with a warning."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    bad_at = _first_invalid_utf8(source, head)
    if bad_at is None:
        return "utf-8-sig"
    if _cp1252_readable(source, head):
        warnings.append(
            f"{label} is not UTF-8 (byte {bad_at}); reading it as Windows-1252. "
            "Save it as UTF-8 (or pass --encoding) to be sure names come out right"
        )
        return "cp1252"
    raise UsageError(
        f"{label} is not UTF-8 (byte {bad_at}) nor Windows-1252; save it as UTF-8 "
        "or pass --encoding with the sheet's encoding"
    )


def _chunks(source: str | Path, head: bytes) -> Iterator[bytes]:
    """The whole file in chunks for a path; only the sample for stdin (it cannot be reread)."""
    if str(source) == "-":
        yield head
        return
    with Path(source).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


def _first_invalid_utf8(source: str | Path, head: bytes) -> int | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    for chunk in _chunks(source, head):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            return offset + exc.start
        offset += len(chunk)
    if str(source) != "-":
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def _cp1252_readable(source: str | Path, head: bytes) -> bool:
    return all(not _CP1252_UNDEFINED.intersection(chunk) for chunk in _chunks(source, head))


def _decode_error(label: str, exc: UnicodeDecodeError) -> UsageError:
    return UsageError(
        f"{label}: cannot decode byte {exc.start} as {exc.encoding}; save the sheet as UTF-8 "
        "or pass --encoding"
    )


def _guess_format(source: str | Path, head: bytes) -> SheetFormat:
    suffix = Path(str(source)).suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix in {".tsv", ".tab"}:
        return "tsv"
    if suffix == ".csv":
        return "csv"
    first = head.lstrip(codecs.BOM_UTF8).lstrip()
    return "jsonl" if first.startswith(b"{") else "csv"


def _sniff_dialect(sample: str, sheet_format: SheetFormat) -> type[csv.Dialect] | csv.Dialect:
    if sheet_format == "tsv":
        return csv.excel_tab
    header_line = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        if dialect.delimiter in header_line:
            dialect.doublequote = True
            return dialect
    except csv.Error:
        pass
    # The sniffer guesses from the whole sample; the header alone is a safer tie-breaker.
    counts = {sep: header_line.count(sep) for sep in ",;\t|"}
    best = max(counts, key=lambda sep: counts[sep])

    class Guessed(csv.excel):
        delimiter = best if counts[best] else ","

    return Guessed


def _open_delimited(
    text: io.TextIOWrapper,
    *,
    label: str,
    encoding: str,
    sheet_format: SheetFormat,
    mapping: Mapping[str, str],
    warnings: list[str],
) -> SupporterSheet:
    sample = _peek_text(text)
    dialect = _sniff_dialect(sample, sheet_format)
    reader = csv.reader(text, dialect)
    header: list[str] = []
    header_row = 0
    for header_row, record in enumerate(reader, start=1):  # noqa: B007 - used after the loop
        if any(cell.strip() for cell in record):
            header = record
            break
    if not header:
        raise UsageError(f"{label} is empty; it needs a header row and one row per supporter")
    columns = _match_columns(header, mapping, label)
    warnings += _unused_columns(header, columns, label)
    info = SheetInfo(label, sheet_format, encoding, dialect.delimiter, columns, warnings)

    def records() -> Iterator[tuple[int, dict[str, str] | str]]:
        row_number = header_row
        try:
            for record in reader:
                row_number += 1
                if not any(cell.strip() for cell in record):
                    continue
                yield row_number, _record_fields(header, record, columns)
        except UnicodeDecodeError as exc:
            raise _decode_error(label, exc) from exc
        except csv.Error as exc:
            raise UsageError(f"{label} row {row_number + 1}: {exc}; fix the quoting") from exc

    return SupporterSheet(info, records(), text)


def _peek_text(text: io.TextIOWrapper) -> str:
    buffer = text.buffer
    raw: bytes = buffer.peek(_SAMPLE_BYTES)[:_SAMPLE_BYTES]  # type: ignore[attr-defined]
    decoded = raw.decode(text.encoding, errors="ignore")
    return decoded.removeprefix("\ufeff")


def _open_jsonl(
    text: io.TextIOWrapper,
    label: str,
    encoding: str,
    mapping: Mapping[str, str],
    warnings: list[str],
) -> SupporterSheet:
    lines = enumerate(text, start=1)
    first: tuple[int, dict[str, object]] | None = None
    for number, line in lines:
        if line.strip():
            parsed = _json_object(line.removeprefix("\ufeff"))
            if isinstance(parsed, str):
                raise UsageError(f"{label} line {number}: {parsed}; each line must be one object")
            first = (number, parsed)
            break
    if first is None:
        raise UsageError(f"{label} is empty; it needs one JSON object per supporter")
    header = list(first[1])
    columns = _match_columns(header, mapping, label)
    warnings += _unused_columns(header, columns, label)
    info = SheetInfo(label, "jsonl", encoding, None, columns, warnings)

    def records() -> Iterator[tuple[int, dict[str, str] | str]]:
        assert first is not None
        yield first[0], _object_fields(first[1], columns)
        for number, line in lines:
            if not line.strip():
                continue
            parsed = _json_object(line)
            yield number, parsed if isinstance(parsed, str) else _object_fields(parsed, columns)

    return SupporterSheet(info, records(), text)


def _json_object(line: str) -> dict[str, object] | str:
    try:
        parsed = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(parsed, dict):
        return "not a JSON object"
    return parsed


def _normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.removeprefix("\ufeff").lower())


def _match_columns(header: Sequence[str], mapping: Mapping[str, str], label: str) -> dict[str, str]:
    """Original column -> field; raises when no name or location column is found."""
    columns: dict[str, str] = {}
    seen: dict[str, str] = {}
    normalised = {_normalise_header(column): column for column in header}
    for key in mapping:
        if key not in normalised:
            raise UsageError(
                f"--map: {label} has no column matching {key!r}; its columns are "
                f"{', '.join(header)}"
            )
    for column in header:
        key = _normalise_header(column)
        target = mapping.get(key) or ALIASES.get(key)
        if target is None:
            continue
        if target in seen:
            raise UsageError(
                f"{label}: columns {seen[target]!r} and {column!r} both give {target}; "
                f"use --map '{column}=...' to say which is which"
            )
        seen[target] = column
        columns[column] = target
    found = set(columns.values())
    missing = []
    if "name" not in found and not {"first_name", "last_name"} <= found:
        missing.append("name (or first and last name)")
    if not found.intersection(LOCATION_FIELDS):
        missing.append("a location (district, address, street and ZIP, or ZIP)")
    if missing:
        raise UsageError(
            f"{label}: no column for {' and '.join(missing)}; its columns are "
            f"{', '.join(header) or 'none'}; rename a column or use --map 'COLUMN=FIELD'"
        )
    return columns


def _unused_columns(header: Sequence[str], columns: Mapping[str, str], label: str) -> list[str]:
    """A warning naming the columns no field reads, so a story column is not lost silently."""
    unused = [column for column in header if column.strip() and column not in columns]
    if not unused:
        return []
    names = ", ".join(repr(column) for column in unused)
    return [
        f"{label}: not using column{'s' if len(unused) > 1 else ''} {names}; to use one, add "
        f"--map '{unused[0]}=FIELD' (FIELD: {', '.join(FIELDS)})"
    ]


def _record_fields(
    header: Sequence[str], record: Sequence[str], columns: Mapping[str, str]
) -> dict[str, str]:
    values: dict[str, str] = {}
    for column, cell in zip(header, record, strict=False):
        target = columns.get(column)
        if target is not None:
            values[target] = cell
    return values


def _object_fields(obj: Mapping[str, object], columns: Mapping[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in obj.items():
        target = columns.get(key) or ALIASES.get(_normalise_header(key))
        if target is not None and value is not None:
            values[target] = value if isinstance(value, str) else json.dumps(value)
    return values


def make_row(row_number: int, raw: Mapping[str, str]) -> SupporterRow:
    """Normalise one record's fields, find its problems, give it a stable id and input hash."""
    fields = {
        key: _clean(value, multiline=key in {"story", "address"}) for key, value in raw.items()
    }
    if not fields.get("name"):
        fields["name"] = " ".join(
            part for part in (fields.get("first_name", ""), fields.get("last_name", "")) if part
        )
    fields.pop("first_name", None)
    fields.pop("last_name", None)
    problems: list[str] = []
    for key, fix in (("zip", _normalise_zip), ("district", _normalise_district)):
        if fields.get(key):
            fixed = fix(fields[key])
            if fixed is None:
                problems.append(f"{key} {fields[key]!r} is not valid")
            else:
                fields[key] = fixed
    if fields.get("state"):
        fields["state"] = fields["state"].upper()
    if not fields.get("name"):
        problems.insert(0, "no name")
    kept = {key: value for key, value in fields.items() if value}
    digest = hashlib.sha256(
        json.dumps({k: v for k, v in kept.items() if k != "id"}, sort_keys=True).encode()
    ).hexdigest()
    supporter_id = kept.get("id") or f"h{digest[:16]}"
    row = SupporterRow(row_number, supporter_id, kept, (), digest)
    if row.location() is None and not problems:
        problems.append("no district, address or ZIP")
    return SupporterRow(row_number, supporter_id, kept, tuple(problems), digest)


def _clean(value: str, *, multiline: bool) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if multiline:
        return "\n".join(line.strip() for line in value.split("\n") if line.strip())
    return " ".join(value.split())


def _normalise_zip(value: str) -> str | None:
    match = _ZIP.fullmatch(value.strip())
    if match is None:
        return None
    # Spreadsheets drop leading zeros: 2108 is Boston's 02108.
    return match.group(1).zfill(5)


@cache
def _known_state(code: str) -> bool:
    import us

    return code == "DC" or us.states.lookup(code) is not None


def _normalise_district(value: str) -> str | None:
    cleaned = re.sub(r"\s+", "", value.upper()).replace("–", "-")
    match = _DISTRICT.fullmatch(cleaned)
    if match is None:
        return None
    if not _known_state(match.group(1)):
        return None
    number = match.group(2)
    if number.isdigit():
        number = str(int(number)) if int(number) else "AL"
    return f"{match.group(1)}-{number}"


def estimate_rows(source: str | Path) -> int | None:
    """About how many rows a sheet file has (its line count less the header); ``None`` for
    stdin. Quoted values spanning lines make this an over-estimate; it only feeds the ETA."""
    if str(source) == "-":
        return None
    try:
        with Path(source).open("rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(_CHUNK), b""))
    except OSError:
        return None
    return (
        max(lines - 1, 0)
        if Path(str(source)).suffix.lower() not in {".jsonl", ".ndjson"}
        else lines
    )
