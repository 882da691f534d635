"""Batch outreach: every supporter's letters made, grouped per office, tracked and re-runnable.

``run_batch`` streams a sheet (``civickit.outreach.supporters``) in chunks. For each chunk it
looks up each *unique* location once (through the injected ``Resolver``, which runs network lookups
concurrently), renders each supporter's letters (through the injected ``LetterRendering``),
writes them atomically into one folder per supporter and appends one manifest line per row
(``civickit.outreach.manifest``). PDFs are rendered in a process pool across all cores. At the
end it
writes delivery packets per office (``civickit.outreach.packets``) and ``summary.json``.

Re-runs: with ``resume`` a row is skipped when its manifest line is ``ok``, its input hash (its
fields plus the run's settings and campaign) is unchanged and every output file still has the
recorded SHA-256; every other row is redone. The manifest is then rewritten with exactly one
line per input row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from email.message import EmailMessage
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from civickit.core.officials import OfficeKind, Official
from civickit.core.safety import safe_filename_part
from civickit.errors import CivickitError, ExitCode, UsageError
from civickit.lookup.facade import Lookup, LookupResult
from civickit.materials.pdf import html_to_pdf
from civickit.outreach.manifest import (
    MANIFEST_JSONL,
    STATE_DIR,
    ManifestJournal,
    RunIndex,
    atomic_write,
    clear_temp,
    read_journal,
    read_record,
    rewrite_manifest,
    sha256_file,
    write_json,
)
from civickit.outreach.packets import (
    Centroid,
    LetterIndex,
    Packet,
    PdfFunction,
    build_packets,
    office_key,
    office_label,
    office_record,
)
from civickit.outreach.supporters import Location, SupporterRow, SupporterSheet

if TYPE_CHECKING:
    from civickit.campaign.model import Campaign
    from civickit.settings import Settings

Status = Literal["ok", "ambiguous", "error", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "ambiguous", "error", "skipped")
FORMATS = ("txt", "md", "html", "pdf", "eml")
OFFICE_CHOICES: dict[str, OfficeKind] = {
    "house": "us-house",
    "senate": "us-senate",
    "state-upper": "state-upper",
    "state-lower": "state-lower",
}
DEFAULT_OFFICES: frozenset[OfficeKind] = frozenset({"us-house", "us-senate"})
CHUNK_ROWS = 256
POOL_MIN_PAGES = 40
LOOKUP_CACHE_SIZE = 50_000
SUMMARY_FILE = "summary.json"
OFFICES_FILE = "offices.json"

ResolveOutcome = LookupResult | Exception


class Resolver(Protocol):
    """Looks up many locations; each distinct location is asked about once."""

    def resolve_many(
        self, locations: Sequence[Location], offices: Collection[OfficeKind]
    ) -> Mapping[Location, ResolveOutcome]:
        """A result (or the exception it failed with) for every location given."""
        ...


class LetterRendering(Protocol):
    """The part of ``civickit.materials.letters.LetterRenderer`` a batch uses."""

    def render(self, official: Official, sender: Any, fmt: str, *, date: dt.date) -> str:
        """One letter as txt, md or html."""
        ...

    def render_email(self, official: Official, sender: Any, *, date: dt.date) -> EmailMessage:
        """One letter as an e-mail."""
        ...


@dataclass
class BatchTools:
    """What a batch is made with: injected so tests and other front ends can swap them."""

    resolver: Resolver
    renderer: LetterRendering
    make_sender: Callable[[SupporterRow], Any]
    letter_filename: Callable[[dt.date, Official, str], str]
    campaign: str  # the campaign's title, for cover sheets
    fingerprint: str  # changes when the campaign or its templates change
    pdf: PdfFunction = html_to_pdf  # must be picklable: it runs in worker processes
    centroid: Centroid | None = None  # ZIP -> (lat, lon), for packets' nearest office


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (the CLI options)."""

    out: Path
    date: dt.date
    formats: tuple[str, ...] = ("txt",)
    offices: frozenset[OfficeKind] = DEFAULT_OFFICES
    packets: bool = True
    resume: bool = False
    limit: int | None = None
    fail_fast: bool = False
    workers: int | None = None  # processes for PDF rendering; default: every core
    fsync_interval: float = 0.2  # seconds between fsyncs of the manifest; 0 = every row

    @property
    def written_formats(self) -> tuple[str, ...]:
        """Formats written per letter. A PDF is made from the HTML, and packets are made from
        the txt and HTML letters, so those are kept too."""
        extra = ["html"] if "pdf" in self.formats else []
        if self.packets:
            extra += ["txt", "html"]
        return tuple(dict.fromkeys([*self.formats, *extra]))

    def fingerprint(self, tools_fingerprint: str) -> str:
        """What, besides a row's own fields, decides its output."""
        settings = [tools_fingerprint, sorted(self.formats), sorted(self.offices)]
        return _digest(json.dumps([*settings, self.date.isoformat()]))


@dataclass(frozen=True)
class Progress:
    """Where a running batch is."""

    done: int
    total: int | None
    elapsed: float
    statuses: Mapping[str, int]

    @property
    def rate(self) -> float:
        """Rows per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, when the total is known."""
        if self.total is None or self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate


@dataclass
class BatchSummary:
    """The outcome of a run, as written to ``summary.json``."""

    out: Path
    rows: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    offices: dict[str, int] = field(default_factory=dict)
    resumed: int = 0
    packets: list[Packet] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    stopped_early: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        """0 when every row is ok, else 3 (``PARTIAL``)."""
        not_ok = sum(n for status, n in self.statuses.items() if status != "ok")
        return ExitCode.PARTIAL if not_ok or self.stopped_early else ExitCode.OK

    def line(self) -> str:
        """The one-line summary printed at the end."""
        counts = ", ".join(f"{n} {s}" for s in STATUSES if (n := self.statuses.get(s, 0)))
        extra = f" ({self.resumed} unchanged from an earlier run)" if self.resumed else ""
        stop = "; stopped at the first problem (--fail-fast)" if self.stopped_early else ""
        return f"{self.rows} rows: {counts or 'none'}{extra}{stop}; output in {self.out}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "out": str(self.out),
            "rows": self.rows,
            "statuses": {s: self.statuses.get(s, 0) for s in STATUSES},
            "offices": dict(sorted(self.offices.items())),
            "resumed": self.resumed,
            "packets": [p.to_dict() for p in self.packets],
            "datasets": self.datasets,
            "stopped_early": self.stopped_early,
            "warnings": self.warnings,
        }


def parse_formats(text: str) -> tuple[str, ...]:
    """``txt,pdf`` -> ("txt", "pdf"); raises ``UsageError`` naming an unknown format."""
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"--formats {text!r}: unknown format {', '.join(unknown) or '(none)'}; "
            f"use some of {','.join(FORMATS)}"
        )
    return chosen


def parse_offices(text: str) -> frozenset[OfficeKind]:
    """``house,senate`` -> the office kinds; raises ``UsageError`` for unknown ones."""
    chosen = [p.strip().lower() for p in text.split(",") if p.strip()]
    unknown = [o for o in chosen if o not in OFFICE_CHOICES]
    if unknown or not chosen:
        raise UsageError(
            f"--to {text!r}: unknown office {', '.join(unknown) or '(none)'}; "
            f"use some of {','.join(OFFICE_CHOICES)}"
        )
    return frozenset(OFFICE_CHOICES[o] for o in chosen)


def describe_failure(exc: BaseException) -> str:
    """A one-line reason for a row's failed lookup or rendering (lookups and adapters already
    phrase theirs without secrets)."""
    if isinstance(exc, CivickitError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Letter:
    path: str
    fmt: str
    recipient: str
    data: bytes | None = None
    pdf_source: str | None = None  # HTML to render into ``data`` in a worker


@dataclass
class _RowWork:
    row: SupporterRow
    record: dict[str, Any]
    letters: list[_Letter] = field(default_factory=list)
    pdf_jobs: list[tuple[_Letter, Future[bytes] | bytes]] = field(default_factory=list)


def check_out_dir(out: Path, *, resume: bool) -> None:
    """Refuse to write into a folder holding something else; never overwrite user data."""
    if not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder for the batch output")
    has_manifest = (out / MANIFEST_JSONL).exists()
    if resume and not has_manifest and any(out.iterdir()):
        raise UsageError(
            f"--out {out} holds files but no {MANIFEST_JSONL}; it is not a batch folder, "
            "choose an empty or new folder"
        )
    if not resume and any(out.iterdir()):
        hint = "add --resume to continue that batch" if has_manifest else "choose a new folder"
        raise UsageError(f"--out {out} is not empty; {hint}")


class _Run:
    """State of one batch run."""

    def __init__(
        self,
        options: BatchOptions,
        tools: BatchTools,
        on_progress: Callable[[Progress], None] | None,
        on_problem: Callable[[Mapping[str, Any]], None] | None,
        total: int | None,
    ) -> None:
        self.options = options
        self.tools = tools
        self.out = options.out
        self.on_progress = on_progress
        self.on_problem = on_problem
        self.total = total
        self.fingerprint = options.fingerprint(tools.fingerprint)
        self.cache: OrderedDict[Location, ResolveOutcome] = OrderedDict()
        self.index: RunIndex | None = None  # opened in prepare()
        self.offices: dict[str, dict[str, Any]] = {}
        self.offices_dirty = False
        self.statuses: Counter[str] = Counter()
        self.done = 0
        self.resumed = 0
        self.started = time.monotonic()
        self.executor: Executor | None = None
        self.stopped = False
        self.packet_pdfs = options.packets and pdf_available(tools.pdf)
        self.office_keys: dict[tuple[Any, ...], str] = {}
        self.made: set[Path] = set()  # folders known to exist; bounded by the rows in a chunk

    # -- set-up -----------------------------------------------------------------------------

    def prepare(self) -> ManifestJournal:
        self.out.mkdir(parents=True, exist_ok=True)
        clear_temp(self.out)
        self.index = RunIndex(self.out)
        if self.options.resume:
            for offset, record in read_journal(self.out / MANIFEST_JSONL):
                if record.get("status") != "skipped" and isinstance(record.get("id"), str):
                    self.run_index.set_previous(record["id"], offset)
            offices_path = self.out / OFFICES_FILE
            if offices_path.exists():
                self.offices = json.loads(offices_path.read_text(encoding="utf-8"))
        return ManifestJournal(self.out, fsync_interval=self.options.fsync_interval)

    @property
    def run_index(self) -> RunIndex:
        assert self.index is not None, "prepare() opens the index"
        return self.index

    def pool(self) -> Executor:
        if self.executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            workers = self.options.workers or os.cpu_count() or 1
            # spawn: the parent runs lookup threads, and forking a threaded process is unsafe.
            context = multiprocessing.get_context("spawn")
            self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        return self.executor

    def office_key(self, official: Official) -> str:
        """``packets.office_key``, remembered: thousands of rows share a few offices."""
        ids = tuple(sorted(official.ids.items()))
        memo = (official.office, official.seat_label, official.name, ids)
        key = self.office_keys.get(memo)
        if key is None:
            key = self.office_keys[memo] = office_key(official)
        return key

    def worth_a_pool(self, pages: int) -> bool:
        """Start worker processes only for enough pages to repay their start-up (~1 s)."""
        workers = self.options.workers or os.cpu_count() or 1
        return workers > 1 and pages >= POOL_MIN_PAGES

    # -- rows -------------------------------------------------------------------------------

    def input_hash(self, row: SupporterRow) -> str:
        return _digest(row.input_hash + self.fingerprint)

    def base_record(self, row: SupporterRow, status: Status, reason: str = "") -> dict[str, Any]:
        location = row.location()
        return {
            "row": row.row,
            "id": row.id,
            "status": status,
            "reason": reason,
            "name": row.name,
            "zip": row.fields.get("zip", ""),
            "location": str(location) if location else "",
            "folder": "",
            "districts": [],
            "recipients": [],
            "candidates": [],
            "files": [],
            "notes": [],
            "datasets": [],
            "input_hash": self.input_hash(row),
        }

    def unchanged_offset(self, row: SupporterRow) -> int | None:
        """The manifest offset of this row's earlier result, if it can be kept as it is."""
        offset = self.run_index.previous(row.id)
        if offset is None:
            return None
        record = read_record(self.out / MANIFEST_JSONL, offset)
        if record.get("status") != "ok" or record.get("input_hash") != self.input_hash(row):
            return None
        for item in record.get("files", []):
            if sha256_file(self.out / item["path"]) != item["sha256"]:
                return None
        return offset

    def triage(self, row: SupporterRow) -> dict[str, Any] | int | SupporterRow:
        """A finished record, the offset of a kept one, or the row itself when work is due."""
        if not row.ok:
            return self.base_record(row, "error", "; ".join(row.problems))
        first = self.run_index.claim(row.id, row.row)
        if first is not None:
            return self.base_record(row, "skipped", f"duplicate of row {first} (id {row.id})")
        if self.options.resume and (offset := self.unchanged_offset(row)) is not None:
            return offset
        return row

    def resolve(self, rows: Sequence[SupporterRow]) -> None:
        wanted = list(dict.fromkeys(loc for r in rows if (loc := r.location()) is not None))
        missing = [loc for loc in wanted if loc not in self.cache]
        for loc in wanted:
            if loc in self.cache:
                self.cache.move_to_end(loc)
        if missing:
            answers = self.tools.resolver.resolve_many(missing, self.options.offices)
            for loc in missing:
                self.cache[loc] = answers.get(loc) or UsageError(f"no answer for {loc}")
        while len(self.cache) > LOOKUP_CACHE_SIZE:
            self.cache.popitem(last=False)

    def render(self, row: SupporterRow) -> _RowWork:
        location = row.location()
        assert location is not None  # rows without one were triaged as errors
        outcome = self.cache[location]
        record = self.base_record(row, "ok")
        work = _RowWork(row, record)
        if isinstance(outcome, Exception):
            record.update(status="error", reason=describe_failure(outcome))
            return work
        record["datasets"] = sorted(
            {f"{p.adapter}:{p.dataset or '-'}@{p.version or '-'}" for p in outcome.provenance}
        )
        record["districts"] = [d.label for d in outcome.districts]
        if outcome.ambiguous:
            record["candidates"] = [
                {"district": c.district.label, "officials": [office_label(o) for o in c.officials]}
                for c in outcome.candidates
            ]
            labels = ", ".join(c["district"] for c in record["candidates"])
            record.update(
                status="ambiguous",
                reason=f"{location} may be in any of {labels}; add the street address "
                "or a district column",
            )
            return work
        try:
            self.render_letters(work, outcome)
        except (CivickitError, ValueError) as exc:  # ValueError: e.g. a header e-mail refuses
            record.update(status="error", reason=describe_failure(exc), files=[])
            work.letters.clear()
        return work

    def render_letters(self, work: _RowWork, outcome: LookupResult) -> None:
        row, record = work.row, work.record
        officials = [o for o in outcome.officials if o.office in self.options.offices]
        if not officials:
            record.update(status="error", reason=f"no officials found for {row.location()}")
            return
        folder = f"{safe_filename_part(row.name, 'supporter')}-{safe_filename_part(row.id, 'id')}"
        record["folder"] = folder
        sender = self.tools.make_sender(row)
        used: set[str] = set()
        for official in officials:
            key = self.office_key(official)
            record["recipients"].append(
                {"office": key, "label": office_label(official), "vacant": official.vacant}
            )
            if official.vacant:
                record["notes"].append(f"{official.seat_label} is vacant; no letter written")
                continue
            if key not in self.offices:
                self.offices[key] = office_record(official)
                self.offices_dirty = True
            for fmt in self.options.written_formats:
                self.add_letter(work, official, sender, fmt, folder=folder, key=key, used=used)

    def add_letter(
        self,
        work: _RowWork,
        official: Official,
        sender: Any,
        fmt: str,
        *,
        folder: str,
        key: str,
        used: set[str],
    ) -> None:
        date = self.options.date
        name = self.tools.letter_filename(date, official, fmt)
        stem, dot, ext = name.rpartition(".")
        while name in used:
            stem += "-2"
            name = f"{stem}{dot}{ext}"
        used.add(name)
        letter = _Letter(f"{folder}/{name}", fmt, key)
        if fmt == "pdf":
            letter.pdf_source = self.tools.renderer.render(official, sender, "html", date=date)
        elif fmt == "eml":
            if not getattr(sender, "email", None):
                note = "no e-mail address for the supporter; no .eml written"
                if note not in work.record["notes"]:
                    work.record["notes"].append(note)
                return
            message = self.tools.renderer.render_email(official, sender, date=date)
            if not message.get("To"):
                hint = f": use the contact form at {official.contact_form}"
                form = hint if official.contact_form else ""
                work.record["notes"].append(f"{office_label(official)} has no e-mail address{form}")
                return
            # The same row and office always give the same Message-ID, so a re-made message
            # is recognised by ``civickit send`` as the one already sent.
            del message["Message-ID"]
            digest = _digest(work.record["input_hash"] + key)[:32]
            domain = str(sender.email).rpartition("@")[2] or "civickit.invalid"
            message["Message-ID"] = f"<{digest}@{domain}>"
            from email import policy

            letter.data = message.as_bytes(policy=policy.SMTP)
        else:
            letter.data = self.tools.renderer.render(official, sender, fmt, date=date).encode()
        work.letters.append(letter)

    def start_pdfs(self, works: Sequence[_RowWork]) -> None:
        jobs = [(w, letter) for w in works for letter in w.letters if letter.pdf_source]
        if not jobs:
            return
        use_pool = self.worth_a_pool(len(jobs))
        for work, letter in jobs:
            source = [letter.pdf_source or ""]
            if use_pool:
                work.pdf_jobs.append((letter, self.pool().submit(self.tools.pdf, source)))
            else:
                work.pdf_jobs.append((letter, self.tools.pdf(source)))

    def finish(self, work: _RowWork, journal: ManifestJournal) -> None:
        record = work.record
        try:
            for letter, job in work.pdf_jobs:
                letter.data = job if isinstance(job, bytes) else job.result()
        except Exception as exc:  # a PDF engine failure is this row's problem
            record.update(status="error", reason=f"PDF rendering failed: {describe_failure(exc)}")
            work.letters.clear()
        for letter in work.letters:
            assert letter.data is not None
            digest = atomic_write(self.out / letter.path, letter.data, self.out, made=self.made)
            record["files"].append(
                {
                    "path": letter.path,
                    "sha256": digest,
                    "format": letter.fmt,
                    "recipient": letter.recipient,
                }
            )
        self.append(record, journal)

    def append(self, record: dict[str, Any], journal: ManifestJournal) -> None:
        offset = journal.append(record)
        if self.options.resume:
            self.run_index.add_final(record["row"], offset)
        self.count(record["status"])
        if record["status"] != "ok":
            if self.on_problem is not None:
                self.on_problem(record)
            if self.options.fail_fast:
                self.stopped = True

    def keep(self, row: SupporterRow, offset: int) -> None:
        self.run_index.add_final(row.row, offset)
        self.resumed += 1
        self.count("ok")

    def count(self, status: str) -> None:
        self.statuses[status] += 1
        self.done += 1
        if self.on_progress is not None:
            elapsed = time.monotonic() - self.started
            self.on_progress(Progress(self.done, self.total, elapsed, dict(self.statuses)))

    # -- chunks -----------------------------------------------------------------------------

    def process(self, chunk: Sequence[SupporterRow], journal: ManifestJournal) -> None:
        self.made.clear()
        entries = [(row, self.triage(row)) for row in chunk]
        pending = [e for _, e in entries if isinstance(e, SupporterRow)]
        self.resolve(pending)
        works: dict[int, _RowWork] = {}
        if "pdf" in self.options.formats:
            # Render the whole chunk first so its PDFs run in parallel across the pool.
            works = {work.row.row: work for work in map(self.render, pending)}
            self.save_offices()
            self.start_pdfs(list(works.values()))
        for row, entry in entries:
            if self.stopped:
                return
            if isinstance(entry, SupporterRow):
                work = works.get(row.row) or self.render(row)
                self.save_offices()
                self.finish(work, journal)
            elif isinstance(entry, int):
                self.keep(row, entry)
            else:
                self.append(entry, journal)

    def save_offices(self) -> None:
        """Write ``offices.json`` before any manifest line refers to a new office."""
        if self.offices_dirty:
            write_json(self.out / OFFICES_FILE, self.offices, self.out)
            self.offices_dirty = False

    def run(self, rows: Iterator[SupporterRow]) -> BatchSummary:
        journal = self.prepare()
        if self.packet_pdfs and self.worth_a_pool(self.total or 0):
            # Start the PDF workers now, so their start-up overlaps the rows' work.
            workers = self.options.workers or os.cpu_count() or 1
            for _ in range(workers):
                self.pool().submit(warm_up)
        try:
            while not self.stopped and (chunk := list(islice(rows, CHUNK_ROWS))):
                self.process(chunk, journal)
            journal.close()
            if self.options.resume and not self.stopped:
                rewrite_manifest(self.out, self.run_index.final_offsets())
        finally:
            journal.close()
            self.run_index.close()
        summary = self.summarise()
        if self.executor is not None:
            self.executor.shutdown()
        return summary

    def summarise(self) -> BatchSummary:
        summary = BatchSummary(
            self.out,
            rows=self.done,
            statuses=dict(self.statuses),
            resumed=self.resumed,
            stopped_early=self.stopped,
        )
        by_office: Counter[str] = Counter()
        datasets: set[str] = set()
        index = LetterIndex(self.out) if self.options.packets and not self.stopped else None
        for _, record in read_journal(self.out / MANIFEST_JSONL):
            datasets.update(record.get("datasets", []))
            if record.get("status") == "ok":
                by_office.update(
                    self.offices.get(r["office"], {}).get("label", r["label"])
                    for r in record.get("recipients", [])
                    if not r.get("vacant")
                )
                if index is not None:
                    index.add_record(record)
        summary.offices = dict(by_office)
        summary.datasets = sorted(datasets)
        if index is not None:
            pdf = self.tools.pdf if self.packet_pdfs else None
            summary.packets = build_packets(
                self.out,
                index,
                self.offices,
                campaign=self.tools.campaign,
                date=self.options.date,
                pdf=pdf,
                executor=self.pool() if pdf and self.worth_a_pool(index.count("html")) else None,
                centroid=self.tools.centroid,
            )
            index.close()
            (self.out / STATE_DIR / "packets.sqlite").unlink(missing_ok=True)
        write_json(self.out / SUMMARY_FILE, summary.to_dict(), self.out)
        clear_temp(self.out)
        return summary


def warm_up() -> None:
    """Import WeasyPrint in a worker process ahead of its first PDF."""
    import importlib.util

    if importlib.util.find_spec("weasyprint") is not None:
        import weasyprint  # noqa: F401


def pdf_available(pdf: PdfFunction) -> bool:
    """False when ``pdf`` is WeasyPrint (``materials.pdf.html_to_pdf``) and that is missing."""
    import importlib.util

    return pdf is not html_to_pdf or importlib.util.find_spec("weasyprint") is not None


NO_WEASYPRINT = "WeasyPrint is not installed; install it with: pip install weasyprint"


def run_batch(
    sheet: SupporterSheet,
    options: BatchOptions,
    tools: BatchTools,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    on_problem: Callable[[Mapping[str, Any]], None] | None = None,
    total: int | None = None,
) -> BatchSummary:
    """Make every supporter's letters under ``options.out``; see the module docstring."""
    check_out_dir(options.out, resume=options.resume)
    if "pdf" in options.formats and not pdf_available(tools.pdf):
        raise UsageError(f"--formats pdf: {NO_WEASYPRINT}")
    rows: Iterator[SupporterRow] = iter(sheet)
    if options.limit is not None:
        rows = islice(rows, options.limit)
        total = min(total, options.limit) if total is not None else options.limit
    run = _Run(options, tools, on_progress, on_problem, total)
    summary = run.run(rows)
    summary.warnings = list(sheet.info.warnings)
    if options.packets and not run.packet_pdfs:
        summary.warnings.append(f"packets are txt only: {NO_WEASYPRINT}")
    if summary.warnings:
        write_json(options.out / SUMMARY_FILE, summary.to_dict(), options.out)
    return summary


@dataclass
class BatchPlan:
    """What a batch would do (``--dry-run``): nothing is looked up or written."""

    out: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    lookups: dict[str, int] = field(default_factory=dict)
    geocoder_queries: int = 0
    warnings: list[str] = field(default_factory=list)
    packets: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "out": str(self.out),
            "rows": self.rows,
            "unique_lookups": self.lookups,
            "geocoder_queries": self.geocoder_queries,
            "warnings": self.warnings,
        }

    def text(self) -> str:
        """A human-readable plan."""
        counts = Counter(r["status"] for r in self.rows)
        lines = [
            f"Would write to {self.out}: up to {counts.get('would-process', 0)} supporter "
            "folders (none for rows whose lookup fails or is ambiguous), "
            + ("packets/, " if self.packets else "")
            + "manifest.csv, manifest.jsonl, summary.json",
            "Unique lookups: "
            + (", ".join(f"{n} by {kind}" for kind, n in sorted(self.lookups.items())) or "none"),
            f"Addresses sent to the geocoder: {self.geocoder_queries}",
        ]
        lines += [f"row {r['row']}: {r['status']}: {r['reason']}" for r in self.rows if r["reason"]]
        return "\n".join([*self.warnings, *lines]) + "\n"


def plan_batch(sheet: SupporterSheet, options: BatchOptions) -> BatchPlan:
    """The ``--dry-run`` plan: rows, lookups and folders, without network or files."""
    plan = BatchPlan(options.out, warnings=list(sheet.info.warnings), packets=options.packets)
    seen: dict[str, int] = {}
    unique: set[Location] = set()
    rows: Iterator[SupporterRow] = iter(sheet)
    if options.limit is not None:
        rows = islice(rows, options.limit)
    for row in rows:
        status, reason, folder = "would-process", "", ""
        location = row.location()
        if not row.ok:
            status, reason = "error", "; ".join(row.problems)
        elif row.id in seen:
            status, reason = "skipped", f"duplicate of row {seen[row.id]} (id {row.id})"
        else:
            seen[row.id] = row.row
            folder = f"{safe_filename_part(row.name, 'supporter')}-{safe_filename_part(row.id)}"
            if location is not None:
                unique.add(location)
        plan.rows.append(
            {
                "row": row.row,
                "id": row.id,
                "status": status,
                "reason": reason,
                "lookup": str(location) if location else "",
                "folder": folder,
            }
        )
    plan.lookups = dict(Counter(loc.kind for loc in unique))
    plan.geocoder_queries = plan.lookups.get("address", 0)
    return plan


# -- default wiring ---------------------------------------------------------------------------


class LookupResolver:
    """A ``Resolver`` over ``civickit.lookup.facade.Lookup``.

    Districts are answered from the local data; ZIPs and addresses go through
    ``Lookup.resolve_many``, which geocodes each distinct one once, ``jobs`` at a time under
    the geocoder's rate limit.
    """

    def __init__(self, lookup: Lookup, jobs: int = 4) -> None:
        self.lookup = lookup
        self.jobs = max(1, jobs)

    def resolve_many(
        self, locations: Sequence[Location], offices: Collection[OfficeKind]
    ) -> dict[Location, ResolveOutcome]:
        """Each location looked up once; failures come back as their exceptions."""
        from civickit.lookup.adapters.base import GeocodeQuery

        answers: dict[Location, ResolveOutcome] = {}
        queries: dict[Location, GeocodeQuery] = {}
        for location in locations:
            if location.kind == "district":
                try:
                    answers[location] = self.lookup.resolve(
                        district=location.value, offices=offices
                    )
                except CivickitError as exc:
                    answers[location] = exc
            elif location.kind == "zip":
                queries[location] = GeocodeQuery(zip=location.value)
            else:
                queries[location] = GeocodeQuery(address=location.value)
        if queries:
            found = self.lookup.resolve_many(queries.values(), offices=offices, jobs=self.jobs)
            answers.update({location: found[query] for location, query in queries.items()})
        return {location: answers[location] for location in locations}


def templates_fingerprint(campaign: Campaign, template_dir: Path | None) -> str:
    """A hash of the campaign file and every template a letter may use."""
    from civickit.materials.render import template_search_path

    digest = hashlib.sha256()
    digest.update((campaign.path / "campaign.toml").read_bytes())
    for folder in template_search_path(template_dir, campaign.templates_dir):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def default_tools(
    campaign: Campaign,
    *,
    jobs: int = 4,
    template_dir: Path | None = None,
    as_of: dt.date | None = None,
    lookup: Lookup | None = None,
    notify: Callable[[str], None] | None = None,
    offline: bool | None = None,
    settings: Settings | None = None,
) -> BatchTools:
    """The real wiring: ``Lookup`` for districts and officials, ``LetterRenderer`` for letters.

    ``notify`` receives the lookup's progress and warnings (data loading, plugin problems);
    ``settings`` (default: the environment's) reach the lookup; ``offline`` overrides theirs.
    """
    from civickit.materials import letters

    renderer = letters.LetterRenderer(campaign, template_dir=template_dir, as_of=as_of)

    def make_sender(row: SupporterRow) -> letters.Sender:
        fields = row.fields
        return letters.Sender(
            name=row.name,
            address=row.postal_address(),
            email=fields.get("email") or None,
            phone=fields.get("phone") or None,
            story=fields.get("story") or None,
        )

    return BatchTools(
        resolver=LookupResolver(
            lookup or Lookup(offline=offline, notify=notify, settings=settings), jobs
        ),
        renderer=renderer,
        make_sender=make_sender,
        letter_filename=letters.letter_filename,
        campaign=campaign.title,
        fingerprint=templates_fingerprint(campaign, template_dir),
    )
