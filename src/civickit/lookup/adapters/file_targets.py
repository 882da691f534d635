"""The ``file`` directory: a person's own list of targets (a city council, company executives)
from a CSV or TOML file, for ``--targets FILE``.

Columns (CSV header or TOML keys of each ``[[targets]]`` table) are the ``Official`` fields:
``name`` (required), ``title``, ``office`` ("other" unless given), ``organisation``,
``district`` (anything ``--district`` takes: ``CA-12``, ``ca12``, ``PR``, an OCD id),
``address`` (street lines; in CSV separate lines with "|" or a line break), ``address2``,
``city``, ``state``, ``zip`` (``2134`` from a spreadsheet is read as ``02134``), ``email``,
``phone``, ``website``, ``contact_form``, ``party``, ``family_name``. Every target needs one
way to reach them (postal address, e-mail, phone, website or contact form). The whole file
is checked and every problem reported at once with its line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar, Literal, Self

from civickit.core.addressing import title_for
from civickit.core.districts import District, parse_district
from civickit.core.officials import OFFICE_KINDS, Address, OfficeKind, Official, Provenance
from civickit.core.states import state_code
from civickit.core.zips import parse_zip
from civickit.errors import UsageError, ValidationError
from civickit.lookup.adapters.base import AdapterOptions, Directory

TargetsFormat = Literal["csv", "toml"]
FIELDS = (
    "name",
    "title",
    "office",
    "organisation",
    "district",
    "address",
    "address2",
    "city",
    "state",
    "zip",
    "email",
    "phone",
    "website",
    "contact_form",
    "party",
    "family_name",
)
_ALIASES = {
    "organization": "organisation",
    "org": "organisation",
    "company": "organisation",
    "street": "address",
    "address1": "address",
    "address_1": "address",
    "address_line_1": "address",
    "address_line1": "address",
    "address_2": "address2",
    "address_line_2": "address2",
    "address_line2": "address2",
    "zip_code": "zip",
    "zipcode": "zip",
    "postcode": "zip",
    "postal_code": "zip",
    "e_mail": "email",
    "telephone": "phone",
    "url": "website",
    "contact_url": "contact_form",
    "last_name": "family_name",
}
_CONTACT_FIELDS = ("address", "email", "phone", "website", "contact_form")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_PHONE = re.compile(r"^[0-9+()./\- ]{7,}(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n|\|)\s*")
_TOML_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*targets[ \t]*\]\]", re.MULTILINE)
_SNIFF_DELIMITERS = ",;\t|"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class TargetsError(ValidationError):
    """A targets file failed validation; each problem names the line its record starts on."""


@dataclass(frozen=True)
class _Record:
    """One target's raw fields and where it starts in the file."""

    line: int
    fields: Mapping[str, Any]


def load_targets(
    source: str | Path, fmt: TargetsFormat | None = None, *, stdin: IO[str] | None = None
) -> list[Official]:
    """Targets from a CSV or TOML file (``-`` reads the ``stdin`` stream the caller opened);
    the format follows the suffix (``.toml``, else CSV) unless ``fmt`` is given."""
    if str(source) == "-":
        if stdin is None:
            raise UsageError("targets '-' means standard input, which is not available here")
        text, name = stdin.read(), "<stdin>"
    else:
        path = Path(source)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise UsageError(f"targets file {path} does not exist; check the path") from None
        except UnicodeDecodeError:
            raise UsageError(f"{path} is not UTF-8 text; save it as UTF-8 CSV or TOML") from None
        name = str(path)
        if fmt is None and path.suffix.lower() == ".toml":
            fmt = "toml"
    return parse_targets(text, fmt or _guess_format(text), source=name)


def parse_targets(text: str, fmt: TargetsFormat, *, source: str = "<targets>") -> list[Official]:
    """Validated targets from the text of a CSV or TOML file; raises ``TargetsError`` listing
    every problem."""
    text = text.removeprefix("\ufeff")
    records = list(_toml_records(text, source) if fmt == "toml" else _csv_records(text, source))
    if not records:
        raise TargetsError(source, ["no targets found; add at least one row with a name"])
    problems: list[str] = []
    targets: list[Official] = []
    for record in records:
        target, record_problems = _target(record, source)
        problems.extend(f"line {record.line}: {problem}" for problem in record_problems)
        if target is not None:
            targets.append(target)
    if problems:
        raise TargetsError(source, problems)
    return targets


class FileDirectory(Directory):
    """Targets from the user's own file; answers every office, needs no network."""

    name: ClassVar[str] = "file"
    description: ClassVar[str] = (
        "your own targets from a CSV or TOML file (--targets FILE): a city council, "
        "company executives"
    )
    offices = frozenset(OFFICE_KINDS)
    configure_hint: ClassVar[str] = "give --targets FILE"

    supplements: ClassVar[bool] = True

    def __init__(self, path: str | Path | None = None, *, stdin: IO[str] | None = None) -> None:
        self.path = path
        self.stdin = stdin
        self._targets: list[Official] | None = None

    @classmethod
    def create(cls, options: AdapterOptions) -> Self:
        """The directory of the ``--targets`` file, if one was given."""
        return cls(options.targets, stdin=options.stdin)

    def configured(self) -> bool:
        """True once a targets file has been given."""
        return self.path is not None

    def targets(self) -> list[Official]:
        """Every target in the file, read and validated once."""
        if self._targets is None:
            if self.path is None:
                raise UsageError("no targets file given; pass --targets FILE (CSV or TOML)")
            self._targets = load_targets(self.path, stdin=self.stdin)
        return self._targets

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """Targets whose office is in ``offices``; a target with an elected office is kept
        only when its district (if it has one) is among ``districts``, and its state (if any)
        is the state of one of them."""
        states = {d.state for d in districts}
        return [
            target
            for target in self.targets()
            if target.office in offices
            and (
                target.office == "other"
                or not districts
                or (
                    (target.district is None or target.district in districts)
                    and (not target.state or target.state in states)
                )
            )
        ]


def _guess_format(text: str) -> TargetsFormat:
    return "toml" if _TOML_TABLE.search(text) else "csv"


def _csv_records(text: str, source: str) -> Iterator[_Record]:
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    header: list[str] | None = None
    end_of_previous = 0
    for row in reader:
        # A quoted cell may span lines: report the line the record starts on.
        line, end_of_previous = end_of_previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = _header(row, line, source)
            continue
        if len(row) > len(header):
            extra = [cell for cell in row[len(header) :] if cell.strip()]
            if extra:
                yield _Record(line, {"__extra__": len(row) - len(header)})
                continue
        yield _Record(line, dict(zip(header, row, strict=False)))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_SNIFF_DELIMITERS)
    except csv.Error:
        return csv.excel
    dialect.doublequote = True  # the sniffer misreads "" inside quoted cells as escapes
    return dialect


def _header(row: list[str], line: int, source: str) -> list[str]:
    names = [_field_name(cell) for cell in row]
    unknown = [cell.strip() for cell, name in zip(row, names, strict=True) if name is None]
    problems = [
        f"line {line}: unknown column {cell!r}; use the columns {', '.join(FIELDS)}"
        for cell in unknown
        if cell
    ]
    seen = [name for name in names if name]
    duplicated = sorted({name for name in seen if seen.count(name) > 1})
    problems += [f"line {line}: column {name!r} appears twice; keep one" for name in duplicated]
    if "name" not in seen:
        problems.append(f"line {line}: no 'name' column; the first row must be a header with name")
    if problems:
        raise TargetsError(source, problems)
    return [name or "" for name in names]


def _field_name(cell: str) -> str | None:
    key = re.sub(r"[\s\-]+", "_", cell.strip().lower())
    key = _ALIASES.get(key, key)
    return key if key in FIELDS else None


def _toml_records(text: str, source: str) -> Iterator[_Record]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{source}: not valid TOML: {exc}; fix that line") from None
    tables = data.get("targets")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise TargetsError(
            source, ["no [[targets]] tables; write each target as a [[targets]] table"]
        )
    starts = [text.count("\n", 0, match.start()) + 1 for match in _TOML_TABLE.finditer(text)]
    for index, table in enumerate(tables):
        line = starts[index] if index < len(starts) else 0
        fields: dict[str, Any] = {}
        for key, value in table.items():
            name = _field_name(key)
            fields[name or f"?{key}"] = value
        yield _Record(line, fields)


def _target(record: _Record, source: str) -> tuple[Official | None, list[str]]:
    fields = record.fields
    if "__extra__" in fields:
        return None, [
            f"{fields['__extra__']} more cells than the header has columns; quote cells "
            "that contain the delimiter"
        ]
    problems = [
        f"unknown field {key[1:]!r}; use {', '.join(FIELDS)}"
        for key in fields
        if key.startswith("?")
    ]
    values: dict[str, str] = {}
    address_lines: list[str] = []
    for key, value in fields.items():
        if key.startswith("?"):
            continue
        if key in ("address", "address2"):
            lines, problem = _address_lines(key, value)
            address_lines.extend(lines)
            problems.extend([problem] if problem else [])
        elif isinstance(value, str):
            values[key] = " ".join(value.split())
            if _CONTROL.search(values[key]):
                problems.append(f"{key} contains control characters; remove them")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[key] = str(value)
        else:
            problems.append(f"{key} must be text, not {type(value).__name__}")
    problems += _check_values(values, address_lines)
    if problems:
        return None, problems
    return _official(values, tuple(address_lines), source), []


def _address_lines(key: str, value: Any) -> tuple[list[str], str | None]:
    if isinstance(value, str):
        lines = [" ".join(line.split()) for line in _LINE_BREAKS.split(value.strip())]
    elif isinstance(value, list) and all(isinstance(line, str) for line in value):
        lines = [" ".join(line.split()) for line in value]
    else:
        return [], f"{key} must be text or a list of lines"
    if any(_CONTROL.search(line) for line in lines):
        return [], f"{key} contains control characters; remove them"
    return [line for line in lines if line], None


def _check_values(values: dict[str, str], address_lines: list[str]) -> list[str]:
    problems: list[str] = []
    if not values.get("name"):
        problems.append("name is empty; give the person's or office's name")
    office = values.get("office") or "other"
    if office not in OFFICE_KINDS:
        problems.append(f"office {office!r} is not one of {', '.join(OFFICE_KINDS)}")
    state = values.get("state", "")
    if state:
        normalised = state_code(state)
        if normalised is None:
            problems.append(f"state {state!r} is not a US state or territory; use e.g. CA")
        else:
            values["state"] = normalised
    problems += _check_district_and_zip(values)
    checks = (
        ("email", _EMAIL, "an e-mail address like clerk@example.gov"),
        ("website", _URL, "an http(s):// URL"),
        ("contact_form", _URL, "an http(s):// URL"),
        ("phone", _PHONE, "a phone number like 510-238-3141"),
    )
    for key, pattern, wanted in checks:
        value = values.get(key, "")
        if value and not pattern.match(value):
            problems.append(f"{key} {value!r} is not {wanted}")
    if not address_lines and (values.get("city") or values.get("zip")):
        problems.append("city/zip given without a street address; add the address column")
    if not address_lines and not any(values.get(key) for key in _CONTACT_FIELDS):
        problems.append(
            "no way to reach this target; give an address, email, phone, website or contact_form"
        )
    return problems


def _check_district_and_zip(values: dict[str, str]) -> list[str]:
    """Normalise ``district`` (to its label) and ``zip`` with the parsers ``--district`` and
    ``--zip`` use, and report what they reject in their words."""
    problems: list[str] = []
    for key, parse in (("district", lambda text: parse_district(text).label), ("zip", _zip)):
        if values.get(key):
            try:
                values[key] = parse(values[key])
            except UsageError as exc:
                problems.append(f"{key}: {exc}")
    if values.get("district") and not problems:
        district_state = parse_district(values["district"]).state
        if values.get("state") and values["state"] != district_state:
            problems.append(
                f"district {values['district']} is not in state {values['state']}; fix one of them"
            )
        values["state"] = values.get("state") or district_state
    return problems


def _zip(text: str) -> str:
    return str(parse_zip(text))


def _official(values: dict[str, str], lines: tuple[str, ...], source: str) -> Official:
    phone = values.get("phone") or None
    office: OfficeKind = next((k for k in OFFICE_KINDS if k == values.get("office")), "other")
    organisation = values.get("organisation") or None
    postal = (
        Address(
            label=organisation or "Office",
            lines=lines,
            city=values.get("city", ""),
            state=values.get("state", ""),
            zip=values.get("zip", ""),
            phone=phone,
        )
        if lines
        else None
    )
    return Official(
        name=values["name"],
        office=office,
        # An elected office's title is the one its letters use (Assemblymember in NJ, ...).
        title=title_for(office, values.get("state", "")) or values.get("title", ""),
        state=values.get("state", ""),
        district=parse_district(values["district"]) if values.get("district") else None,
        party=values.get("party") or None,
        family_name=values.get("family_name") or None,
        capitol_office=postal,
        phones=(phone,) if phone else (),
        contact_form=values.get("contact_form") or None,
        email=values.get("email") or None,
        website=values.get("website") or None,
        organisation=organisation,
        provenance=Provenance("file", source),
    )
