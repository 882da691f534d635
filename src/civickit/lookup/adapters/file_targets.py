"""The ``file`` directory: a person's own list of targets (a city council, company executives)
from a CSV, TSV, JSON Lines or TOML file, for ``--targets FILE``.

Columns (CSV/TSV header, JSON Lines keys, or TOML keys of each ``[[targets]]`` table) are the
``Official`` fields: ``name`` (required), ``title``, ``office`` ("other" unless given),
``organisation``, ``district`` (anything ``--district`` takes: ``CA-12``, ``ca12``, ``PR``, an OCD
id), ``address`` (street lines; in a table separate lines with "|" or a line break), ``address2``,
``city``, ``state``, ``zip`` (``2134`` from a spreadsheet is read as ``02134``), ``email``,
``phone``, ``website``, ``contact_form``, ``party``, ``family_name``. Every target needs one
way to reach them (postal address, e-mail, phone, website or contact form).

Tables are read by :func:`civickit.tabular.open_table`, the reader of supporter sheets, so they
get its rules (encodings, strict structure, size limits, control characters removed, regular
files only); TOML is read whole under the same file rules. The whole file is checked and every
problem reported at once with its row (tables) or line (TOML).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, ClassVar, Literal, Self

from civickit.core.districts import District
from civickit.core.officials import OFFICE_KINDS, OfficeKind, Official
from civickit.errors import UsageError, ValidationError
from civickit.lookup.adapters.base import AdapterOptions, Directory
from civickit.lookup.adapters.target_fields import FIELDS, TargetRecord, field_name, target_from
from civickit.tabular import Limits, Table, TableFormat, open_table, read_whole

TargetsFormat = Literal["csv", "tsv", "jsonl", "toml"]
TARGETS_FORMATS: tuple[TargetsFormat, ...] = ("csv", "tsv", "jsonl", "toml")
_TOML_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*targets[ \t]*\]\]", re.MULTILINE)
_TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json"})
_WHAT = "targets file"
LIMITS = Limits(max_bytes=16 * 1024 * 1024)
"""Targets files are short lists; a bigger one is a mistake (a supporter sheet given here)."""


class TargetsError(ValidationError):
    """A targets file failed validation; each problem names the row (or line) of its record."""


def load_targets(
    source: str | Path,
    fmt: TargetsFormat | None = None,
    *,
    stdin: IO[bytes] | IO[str] | None = None,
    notify: Callable[[str], None] | None = None,
) -> list[Official]:
    """Validated targets from a CSV, TSV, JSON Lines or TOML file (``-`` reads the ``stdin``
    stream the caller opened); raises ``TargetsError`` listing every problem.

    The format follows ``fmt``, else the suffix, else the content (``[[targets]]`` tables are
    TOML, anything else a table). ``notify`` receives the reader's warnings (an encoding guess).
    """
    stream = _byte_stream(stdin)
    label = "stdin" if str(source) == "-" else str(source)
    suffix = "" if label == "stdin" else Path(source).suffix.lower()
    if fmt is None and suffix == ".toml":
        fmt = "toml"
    if fmt == "toml" or (fmt is None and suffix not in _TABLE_SUFFIXES):
        data = read_whole(source, stdin=stream, what=_WHAT, limits=LIMITS)
        if fmt == "toml" or _TOML_TABLE.search(data.decode("utf-8", errors="ignore")):
            return _targets(_toml_records(_utf8(data, label), label), label)
        stream = io.BytesIO(data) if label == "stdin" else stream
    table_format: TableFormat | None = None if fmt in (None, "toml") else fmt
    with open_table(
        source, stdin=stream, what=_WHAT, limits=LIMITS, table_format=table_format
    ) as table:
        for warning in table.info.warnings:
            (notify or _ignore)(warning)
        return _targets(_table_records(table), table.info.source)


def _ignore(_message: str) -> None:
    """Warnings nobody asked to hear."""


def _byte_stream(stdin: IO[bytes] | IO[str] | None) -> IO[bytes] | None:
    """``stdin`` as bytes: a text stream's own byte buffer when it has one, else its UTF-8."""
    if stdin is None or not isinstance(stdin, io.TextIOBase):
        return stdin  # type: ignore[return-value]
    buffer = getattr(stdin, "buffer", None)
    if isinstance(buffer, io.BufferedIOBase | io.RawIOBase):
        return buffer  # type: ignore[return-value]
    return io.BytesIO(stdin.read().encode("utf-8"))


def _utf8(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{label} is not UTF-8 text; save it as UTF-8 TOML") from None


def _targets(records: Iterable[TargetRecord], source: str) -> list[Official]:
    found = list(records)
    if not found:
        raise TargetsError(source, ["no targets found; add at least one row with a name"])
    problems: list[str] = []
    targets: list[Official] = []
    for record in found:
        target, record_problems = target_from(record, source)
        problems.extend(f"{record.place}: {problem}" for problem in record_problems)
        if target is not None:
            targets.append(target)
    if problems:
        raise TargetsError(source, problems)
    return targets


class FileDirectory(Directory):
    """Targets from the user's own file; answers every office, needs no network."""

    name: ClassVar[str] = "file"
    description: ClassVar[str] = (
        "your own targets from a CSV, TSV, JSON Lines or TOML file (--targets FILE): a city "
        "council, company executives"
    )
    offices = frozenset(OFFICE_KINDS)
    configure_hint: ClassVar[str] = "give --targets FILE"

    supplements: ClassVar[bool] = True

    def __init__(
        self, path: str | Path | None = None, *, stdin: IO[bytes] | IO[str] | None = None
    ) -> None:
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
                raise UsageError(
                    "no targets file given; give a CSV, TSV, JSON Lines or TOML file of targets"
                )
            notify = self.context.notify if self.context is not None else None
            self._targets = load_targets(self.path, stdin=self.stdin, notify=notify)
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


def _table_records(table: Table) -> Iterator[TargetRecord]:
    """The records of a CSV/TSV table (its header checked first) or of JSON Lines."""
    if table.info.format == "jsonl":
        for record in table:
            yield TargetRecord(f"row {record.row}", _fields(record.cells), record.problem)
        return
    columns = _header(table.info.header, table.info.source)
    for record in table:
        cells = {name: record.cells.get(raw, "") for raw, name in columns.items()}
        yield TargetRecord(f"row {record.row}", cells)


def _header(header: Sequence[str], source: str) -> dict[str, str]:
    """Each named column of ``header`` and its field; raises ``TargetsError`` for a bad header."""
    names = [field_name(cell) for cell in header]
    problems = [
        f"row 1: unknown column {cell!r}; use the columns {', '.join(FIELDS)}"
        for cell, name in zip(header, names, strict=True)
        if name is None and cell
    ]
    seen = [name for name in names if name]
    duplicated = sorted({name for name in seen if seen.count(name) > 1})
    problems += [f"row 1: column {name!r} appears twice; keep one" for name in duplicated]
    if "name" not in seen:
        problems.append("row 1: no 'name' column; the first row must be a header with name")
    if problems:
        raise TargetsError(source, problems)
    return {cell: name for cell, name in zip(header, names, strict=True) if name}


def _fields(items: Mapping[str, Any]) -> dict[str, Any]:
    """Keys made field names; an unknown key is kept as ``?key`` to be reported."""
    return {field_name(key) or f"?{key}": value for key, value in items.items()}


def _toml_records(text: str, source: str) -> Iterator[TargetRecord]:
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
        yield TargetRecord(f"line {line}", _fields(table))
