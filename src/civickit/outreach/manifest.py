"""Crash-safe files for batch runs: atomic writes and an append-only row journal.

Every output file is written to a temporary file in ``<out>/.civickit/tmp`` and renamed into
place, so a reader (or a run killed with ``kill -9``) never sees a half-written file. The
manifest (``manifest.jsonl``) gets one line per row, written after the row's files, flushed and
fsynced; a row without a complete line is redone on ``--resume``. ``manifest.csv`` mirrors it
for spreadsheets, with formula-looking cells neutralised.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from civickit.core.officials import Provenance
from civickit.core.safety import neutralise_csv_cell
from civickit.files import atomic_file, write_atomically
from civickit.outreach.batch_paths import UnsafePathError, batch_file

STATE_DIR = ".civickit"
MANIFEST_JSONL = "manifest.jsonl"
MANIFEST_CSV = "manifest.csv"
CSV_BOM = "\ufeff"  # manifest.csv starts with one, for spreadsheets
CSV_COLUMNS = (
    "row",
    "id",
    "status",
    "reason",
    "name",
    "location",
    "located_by",
    "location_note",
    "folder",
    "districts",
    "recipients",
    "notes",
    "files",
    "datasets",
    "language",
    "kit",
)


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """Hex SHA-256 of a file, or ``None`` when it does not exist."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def temp_dir(out: Path) -> Path:
    """Where temporary files of ``out`` live (same file system, so rename is atomic)."""
    return _temp_dir(out)


@functools.lru_cache(maxsize=64)
def _temp_dir(out: Path) -> Path:
    return out / STATE_DIR / "tmp"


def clear_temp(out: Path) -> int:
    """Remove temporary files a killed run left behind; returns how many there were."""
    folder = temp_dir(out)
    if not folder.is_dir():
        return 0
    leftovers = list(folder.iterdir())
    shutil.rmtree(folder)
    return len(leftovers)


def atomic_write(
    path: Path, data: bytes, out: Path, *, durable: bool = False, made: set[Path] | None = None
) -> str:
    """Write ``data`` to ``path`` through a temp file and a rename; returns its SHA-256.

    ``durable`` also fsyncs the file (for files whose loss after a power cut matters and that
    a resumed run cannot check by hash). ``made`` remembers folders already created, so a
    batch writing many files does not ask the file system again for each.
    """
    folder = temp_dir(out)
    for needed in (folder, path.parent):
        if made is None or needed not in made:
            needed.mkdir(parents=True, exist_ok=True)
            if made is not None:
                made.add(needed)
    write_atomically(path, data, durable=durable, temp_dir=folder)
    return sha256_bytes(data)


def csv_row(record: Mapping[str, Any]) -> list[str]:
    """A manifest record as CSV cells, nested values flattened, formulas neutralised."""
    cells = {
        **record,
        "districts": "; ".join(record.get("districts", [])),
        "recipients": "; ".join(r.get("label", "") for r in record.get("recipients", [])),
        "notes": "; ".join(record.get("notes", [])),
        "files": "; ".join(f"{f['path']} sha256:{f['sha256']}" for f in record.get("files", [])),
        "datasets": "; ".join(Provenance.from_dict(p).label for p in record.get("provenance", [])),
        "kit": "; ".join(f"{f['path']} sha256:{f['sha256']}" for f in record.get("kit", [])),
    }
    return [str(neutralise_csv_cell(_text(cells.get(column)))) for column in CSV_COLUMNS]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class ManifestJournal:
    """Appends one JSON line (and one CSV row) per finished row.

    Each line is flushed to the operating system before the next row starts, so killing the
    process (even with SIGKILL) loses nothing that was appended. ``fsync_interval`` is how
    often the journal is also forced to disk (0: after every row). A power cut can lose at most
    that much of the journal's tail; ``--resume`` then redoes those rows, whose files it checks
    by hash anyway.
    """

    def __init__(self, out: Path, *, fsync_interval: float = 0.0) -> None:
        self.out = out
        self.fsync_interval = fsync_interval
        self._synced_at = time.monotonic()
        self.jsonl_path = out / MANIFEST_JSONL
        self.csv_path = out / MANIFEST_CSV
        drop_partial_tail(self.jsonl_path)
        self._jsonl = self.jsonl_path.open("ab")
        new_csv = not self.csv_path.exists() or self.csv_path.stat().st_size == 0
        self._csv_file = self.csv_path.open("a", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        if new_csv:
            # A byte-order mark, so Excel on Windows reads the names as UTF-8 (not "RenÃ©e").
            self._csv_file.write(CSV_BOM)
            self._csv.writerow(CSV_COLUMNS)
            self._csv_file.flush()

    def append(self, record: Mapping[str, Any]) -> int:
        """Append ``record``; returns the byte offset of its JSON line."""
        offset = self._jsonl.tell()
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        self._jsonl.write(line.encode("utf-8"))
        self._jsonl.flush()
        now = time.monotonic()
        if now - self._synced_at >= self.fsync_interval:
            os.fsync(self._jsonl.fileno())
            self._synced_at = now
        self._csv.writerow(csv_row(record))
        self._csv_file.flush()
        return offset

    def close(self) -> None:
        """Force both files to disk and close them (again: nothing)."""
        if self._jsonl.closed:
            return
        os.fsync(self._jsonl.fileno())
        self._jsonl.close()
        self._csv_file.flush()
        os.fsync(self._csv_file.fileno())
        self._csv_file.close()


def drop_partial_tail(path: Path) -> None:
    """Cut a last line that a killed run left without its newline, so appends stay parseable."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as handle:
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) == b"\n":
            return
        size = handle.seek(0, os.SEEK_END)
        position = size
        while position > 0:
            step = min(65536, position)
            position -= step
            handle.seek(position)
            block = handle.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                handle.truncate(position + cut + 1)
                return
        handle.truncate(0)


def read_journal(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(offset, record) for every complete, parseable line of a journal."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        offset = 0
        for line in handle:
            start, offset = offset, offset + len(line)
            if not line.endswith(b"\n"):
                return  # a line cut short by a killed run
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield start, record


def read_record(path: Path, offset: int) -> dict[str, Any]:
    """The record whose line starts at ``offset``."""
    with path.open("rb") as handle:
        handle.seek(offset)
        parsed: dict[str, Any] = json.loads(handle.readline())
        return parsed


def rewrite_manifest(out: Path, offsets: Iterable[int]) -> None:
    """Rewrite ``manifest.jsonl`` and ``manifest.csv`` with only the lines at ``offsets``."""
    source = out / MANIFEST_JSONL
    jsonl = io.BytesIO()
    text = io.StringIO()
    text.write(CSV_BOM)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    with source.open("rb") as handle:
        for offset in offsets:
            handle.seek(offset)
            line = handle.readline()
            jsonl.write(line)
            writer.writerow(csv_row(json.loads(line)))
    atomic_write(source, jsonl.getvalue(), out, durable=True)
    atomic_write(out / MANIFEST_CSV, text.getvalue().encode("utf-8"), out, durable=True)


def write_json(path: Path, data: Any, out: Path) -> str:
    """Pretty JSON written atomically."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return atomic_write(path, text.encode("utf-8"), out, durable=True)


def open_text_atomic(path: Path, out: Path) -> AtomicText:
    """A text file written line by line that appears at ``path`` only when closed cleanly."""
    return AtomicText(path, out)


class AtomicText:
    """Context manager behind ``open_text_atomic``: streams to a temp file, renames on exit."""

    def __init__(self, path: Path, out: Path) -> None:
        self.path = path
        folder = temp_dir(out)
        folder.mkdir(parents=True, exist_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._stack = ExitStack()
        binary = self._stack.enter_context(atomic_file(path, temp_dir=folder))
        self.file = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        self._digest = hashlib.sha256()

    def write(self, text: str) -> None:
        """Append ``text``."""
        self._digest.update(text.encode("utf-8"))
        self.file.write(text)

    @property
    def sha256(self) -> str:
        """SHA-256 of what was written."""
        return self._digest.hexdigest()

    def __enter__(self) -> AtomicText:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: Any) -> None:
        self.file.flush()
        self.file.detach()  # the binary stream is closed (and renamed) by ``atomic_file``
        self._stack.__exit__(exc_type, *rest)


class RunIndex:
    """Per-run lookups that grow with the row count, kept on disk (SQLite) so memory stays flat
    however long the sheet: ids seen (duplicates), the previous run's manifest line per id
    (``--resume``) and the manifest line that ends up final for each row."""

    def __init__(self, out: Path) -> None:
        import sqlite3

        self.path = out / STATE_DIR / "run.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE seen (id TEXT PRIMARY KEY, row INTEGER) WITHOUT ROWID;"
            "CREATE TABLE previous (id TEXT PRIMARY KEY, offset INTEGER) WITHOUT ROWID;"
            "CREATE TABLE final (row INTEGER, offset INTEGER);"
            "CREATE TABLE old_files (path TEXT PRIMARY KEY) WITHOUT ROWID;"
        )

    def claim(self, supporter_id: str, row: int) -> int | None:
        """Record ``supporter_id`` at ``row``; the row that had it first, if any."""
        cursor = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (supporter_id, row))
        if cursor.rowcount:
            return None
        found = self.db.execute("SELECT row FROM seen WHERE id = ?", (supporter_id,)).fetchone()
        return int(found[0])

    def set_previous(self, supporter_id: str, offset: int) -> None:
        """The previous run's manifest line for ``supporter_id`` starts at ``offset``."""
        self.db.execute("INSERT OR REPLACE INTO previous VALUES (?, ?)", (supporter_id, offset))

    def previous(self, supporter_id: str) -> int | None:
        """Offset of the previous run's manifest line for ``supporter_id``."""
        found = self.db.execute(
            "SELECT offset FROM previous WHERE id = ?", (supporter_id,)
        ).fetchone()
        return None if found is None else int(found[0])

    def add_final(self, row: int, offset: int) -> None:
        """The manifest line at ``offset`` is the final one for input ``row``."""
        self.db.execute("INSERT INTO final VALUES (?, ?)", (row, offset))

    def final_offsets(self) -> Iterator[int]:
        """Offsets of the final lines, in input row order."""
        for (offset,) in self.db.execute("SELECT offset FROM final ORDER BY row, rowid"):
            yield int(offset)

    def add_old_files(self, record: Mapping[str, Any]) -> None:
        """Remember the files a previous run's manifest line lists."""
        listed = [*record.get("files", []), *record.get("kit", [])]
        paths = [f["path"] for f in listed if isinstance(f.get("path"), str)]
        self.db.executemany("INSERT OR IGNORE INTO old_files VALUES (?)", [(p,) for p in paths])

    def remove_old_files(self, out: Path) -> int:
        """Delete the previous runs' files that no line of the (rewritten) manifest lists any
        more: letters of supporters removed from the sheet, or of rows remade differently.
        Emptied supporter folders go too. Returns how many files were removed."""
        for _, record in read_journal(out / MANIFEST_JSONL):
            listed = [*record.get("files", []), *record.get("kit", [])]
            paths = [(f["path"],) for f in listed if "path" in f]
            self.db.executemany("DELETE FROM old_files WHERE path = ?", paths)
        removed = 0
        root = out.resolve()
        for (path,) in self.db.execute("SELECT path FROM old_files ORDER BY path").fetchall():
            try:
                target = batch_file(out, path).resolve()
            except UnsafePathError:
                continue  # only our own files, inside the batch folder
            if not target.is_file():
                continue
            target.unlink()
            removed += 1
            if target.parent != root and not any(target.parent.iterdir()):
                target.parent.rmdir()
        return removed

    def close(self) -> None:
        """Close and delete the index."""
        self.db.close()
        self.path.unlink(missing_ok=True)
