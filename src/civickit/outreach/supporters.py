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

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import IO

from civickit.core.contacts import parse_email, parse_phone
from civickit.core.districts import parse_district
from civickit.core.languages import language_code
from civickit.core.names import city_name, name_key, person_name
from civickit.core.plurals import noun_for
from civickit.core.states import state_code
from civickit.core.zips import parse_zip
from civickit.errors import UsageError
from civickit.lookup.locate import Location
from civickit.tabular import Limits, Table, TableFormat, open_table

SheetFormat = TableFormat
FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "first_name",
    "last_name",
    "prefix",
    "email",
    "phone",
    "address",
    "street",
    "city",
    "state",
    "zip",
    "district",
    "story",
    "language",
)
LOCATION_FIELDS = ("district", "address", "street", "zip")

# Normalised header (lower case, letters and digits only) -> field.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("id", "supporterid", "memberid", "externalid", "uid", "ref"), "id"),
    **dict.fromkeys(
        ("name", "fullname", "yourname", "supportername", "signername", "contactname"), "name"
    ),
    **dict.fromkeys(("prefix", "nameprefix", "honorific", "salutation", "courtesytitle"), "prefix"),
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
    **dict.fromkeys(
        ("language", "lang", "idioma", "preferredlanguage", "languagepreference"), "language"
    ),
}

_SAMPLE_BYTES = 64 * 1024
_CHUNK = 1 << 20
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True)
class SupporterRow:
    """One record of the sheet, normalised, with the problems found in it."""

    row: int
    id: str
    fields: Mapping[str, str]
    problems: tuple[str, ...] = ()
    input_hash: str = ""
    #: Every piece of where the row is, worked out once when the row is made, most precise
    #: first: the address, the ZIP, the district (``civickit.lookup.locate`` decides).
    locations: tuple[Location, ...] = field(init=False, compare=False)
    #: The most precise of them; ``None`` when the row has none.
    location: Location | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        locations = self._find_locations()
        object.__setattr__(self, "locations", locations)
        object.__setattr__(self, "location", locations[0] if locations else None)

    @property
    def name(self) -> str:
        """The supporter's name as given."""
        return self.fields.get("name", "")

    @property
    def ok(self) -> bool:
        """True when the row can be processed."""
        return not self.problems

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

    def _find_locations(self) -> tuple[Location, ...]:
        found: list[Location] = []
        if self.fields.get("address") or (self.fields.get("street") and self.fields.get("zip")):
            lines = (" ".join(line.split()) for line in self.postal_address().splitlines())
            one_line = ", ".join(line.strip(" ,") for line in lines if line.strip(" ,"))
            found.append(Location("address", one_line))
        if self.fields.get("zip"):
            # ZIP+4 (kept for the address) is looked up as its five digits, once per batch.
            found.append(Location("zip", self.fields["zip"].partition("-")[0]))
        if self.fields.get("district"):
            found.append(Location("district", self.fields["district"]))
        return tuple(found)


@dataclass
class SheetInfo:
    """What was found out about the sheet before its rows are read."""

    source: str
    format: SheetFormat
    encoding: str
    delimiter: str | None
    columns: dict[str, str] = field(default_factory=dict)  # original header -> field
    warnings: list[str] = field(default_factory=list)
    rows: int = 0  # supporter rows in the sheet (blank lines not counted)


class SupporterSheet:
    """An open sheet: ``info`` describes it, iterating yields ``SupporterRow``s one by one."""

    def __init__(
        self,
        info: SheetInfo,
        records: Iterator[tuple[int, dict[str, str] | str]],
        table: Table | None = None,
    ) -> None:
        self.info = info
        self._records = records
        self._table = table

    def close(self) -> None:
        """Close the underlying file (or the spooled copy of stdin)."""
        if self._table is not None:
            self._table.close()

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
    limits: Limits | None = None,
) -> SupporterSheet:
    """Open a sheet (``-`` is ``stdin``) and check it whole (see :mod:`civickit.tabular`) and its
    header; raises ``UsageError`` for bad sheets before any row is handed out."""
    table = open_table(
        source, stdin=stdin, encoding=encoding, what="supporter sheet", limits=limits
    )
    try:
        label = table.info.source
        columns = _match_columns(table.info.header, mapping or {}, label)
        warnings = [*table.info.warnings, *_unused_columns(table.info.header, columns, label)]
        info = SheetInfo(
            label,
            table.info.format,
            table.info.encoding,
            table.info.delimiter,
            columns,
            warnings,
            table.info.rows,
        )
    except BaseException:
        table.close()
        raise
    return SupporterSheet(info, _records(table, columns), table)


def _records(
    table: Table, columns: Mapping[str, str]
) -> Iterator[tuple[int, dict[str, str] | str]]:
    for record in table:
        if record.problem is not None:
            yield record.row, record.problem
            continue
        values: dict[str, str] = {}
        for key, cell in record.cells.items():
            target = columns.get(key) or ALIASES.get(_normalise_header(key))
            if target is not None and target not in values:
                values[target] = cell
        yield record.row, values


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
        f"{label}: not using {noun_for(len(unused), 'column')} {names}; to use one, add "
        f"--map '{unused[0]}=FIELD' (FIELD: {', '.join(FIELDS)})"
    ]


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
    # Typed all lower or all upper case, names and cities are capitalised (core/names).
    if fields.get("name"):
        fields["name"] = person_name(fields["name"])
    if fields.get("city"):
        fields["city"] = city_name(fields["city"])
    problems: list[str] = []
    # The same parsers as --zip and --district: what they accept a sheet accepts, and a
    # district or ZIP they reject is reported here, before any lookup, in their words.
    checks = (
        ("zip", _normalise_zip),
        ("district", _normalise_district),
        ("email", parse_email),
        ("phone", parse_phone),
        ("language", language_code),  # es, spa, Spanish, español: es
    )
    for key, fix in checks:
        if fields.get(key):
            try:
                fields[key] = fix(fields[key])
            except UsageError as exc:
                problems.append(f"{key}: {exc}")
    if fields.get("state"):
        fields["state"] = state_code(fields["state"]) or fields["state"].upper()
    if not fields.get("name"):
        problems.insert(0, "no name")
    kept = {key: value for key, value in fields.items() if value}
    digest = _digest({k: v for k, v in kept.items() if k != "id"})
    # The id, which finds duplicate rows, ignores case, accents and spacing: "JOSÉ NÚÑEZ" and
    # "jose  nunez" at one address are one supporter. The input hash keeps every character.
    key = _digest({k: name_key(v) for k, v in kept.items() if k != "id"})
    supporter_id = kept.get("id") or f"h{key[:16]}"
    row = SupporterRow(row_number, supporter_id, kept, tuple(problems), digest)
    if row.location is None and not problems:
        return replace(row, problems=("no district, address or ZIP",))
    return row


def _digest(fields: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def offline_notice(info: SheetInfo) -> str | None:
    """What an ``--offline`` batch says up front when its sheet has addresses."""
    if not {"address", "street"} & set(info.columns.values()):
        return None
    return (
        "--offline: addresses will not be geocoded; each row uses its ZIP or district instead "
        "(rows with only an address are errors)"
    )


def _clean(value: str, *, multiline: bool) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if multiline:
        return "\n".join(line.strip() for line in value.split("\n") if line.strip())
    return " ".join(value.split())


@lru_cache(maxsize=8192)  # sheets repeat ZIPs and districts: parse each once
def _normalise_zip(value: str) -> str:
    """``02134`` for ``2134`` (spreadsheets drop leading zeros); ZIP+4 is kept."""
    return str(parse_zip(value))


@lru_cache(maxsize=8192)
def _normalise_district(value: str) -> str:
    """The district's label (``CA-12``, ``PR``, ``CA-SD-2``) for anything ``--district`` takes."""
    return parse_district(value).label
