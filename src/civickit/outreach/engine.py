"""The batch run loop: chunks of rows looked up, made, written and journalled; then packets.

``run_batch`` streams a sheet in chunks. For each chunk it looks up each *unique* location once
(through the injected ``Resolver``), has ``RowMaker`` make each row's record and letters, writes
the letters atomically and appends one manifest line per row. PDFs are rendered in a process
pool. At the end it writes delivery packets per office and ``summary.json``.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from itertools import islice
from pathlib import Path

from civickit.core.officials import Provenance
from civickit.errors import UsageError
from civickit.files import folder_lock
from civickit.lookup.locate import Location
from civickit.materials.pdf import html_to_pdf
from civickit.outreach.batch_paths import relative_inside
from civickit.outreach.kit import own_files
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
from civickit.outreach.options import BatchOptions, save_options
from civickit.outreach.out_folder import check_out_dir
from civickit.outreach.packets import LetterIndex, PdfFunction, build_packets, remove_old_packets
from civickit.outreach.records import CHANNELS, ManifestRecord, OfficeRecord, OutputFile
from civickit.outreach.rows import RowMaker, RowWork, describe_failure
from civickit.outreach.similarity import SimilarityMeter, similarity_report
from civickit.outreach.summary import SUMMARY_FILE, BatchSummary, KitTally, Progress
from civickit.outreach.supporters import SupporterRow, SupporterSheet
from civickit.outreach.tools import BatchTools, ResolveOutcome
from civickit.outreach.workers import WorkerPool, warm_up

CHUNK_ROWS = 256
POOL_MIN_PAGES = 40
LOOKUP_CACHE_SIZE = 50_000
OFFICES_FILE = "offices.json"


class _Run:
    """State of one batch run."""

    def __init__(
        self,
        options: BatchOptions,
        tools: BatchTools,
        on_progress: Callable[[Progress], None] | None,
        on_problem: Callable[[ManifestRecord], None] | None,
        total: int | None,
    ) -> None:
        self.options = options
        self.tools = tools
        self.out = options.out
        self.on_progress = on_progress
        self.on_problem = on_problem
        self.total = total
        self.rows = RowMaker(options, tools, {})
        self.cache: OrderedDict[Location, ResolveOutcome] = OrderedDict()
        self.index: RunIndex | None = None  # opened in prepare()
        self.statuses: Counter[str] = Counter()
        self.done = 0
        self.resumed = 0
        self.started = time.monotonic()
        self.workers = WorkerPool(options.workers or available_cores())
        self.stopped = False
        self.packet_pdfs = options.pdf_packets and pdf_available(tools.pdf)
        self.made: set[Path] = set()  # folders known to exist; bounded by the rows in a chunk

    def prepare(self) -> ManifestJournal:
        self.out.mkdir(parents=True, exist_ok=True)
        clear_temp(self.out)
        self.index = RunIndex(self.out)
        self.rows.kit.load_state()
        if self.options.resume:
            for offset, record in read_journal(self.out / MANIFEST_JSONL):
                check_record(self.out / MANIFEST_JSONL, offset, record)
                if record.get("status") != "skipped" and isinstance(record.get("id"), str):
                    self.run_index.set_previous(record["id"], offset)
                self.run_index.add_old_files(record)
            offices_path = self.out / OFFICES_FILE
            if offices_path.exists():
                saved = json.loads(offices_path.read_text(encoding="utf-8"))
                self.rows.offices.update({k: OfficeRecord.from_dict(v) for k, v in saved.items()})
        return ManifestJournal(self.out, fsync_interval=self.options.fsync_interval)

    @property
    def run_index(self) -> RunIndex:
        assert self.index is not None, "prepare() opens the index"
        return self.index

    def pool(self) -> Executor:
        return self.workers.executor

    def worth_a_pool(self, pages: int) -> bool:
        """Start worker processes only for enough pages to repay their start-up (~1 s)."""
        return self.workers.workers > 1 and pages >= POOL_MIN_PAGES

    # -- rows -------------------------------------------------------------------------------

    def unchanged_offset(self, row: SupporterRow) -> int | None:
        """The manifest offset of this row's earlier result, if it can be kept as it is."""
        offset = self.run_index.previous(row.id)
        if offset is None:
            return None
        record = ManifestRecord.from_dict(read_record(self.out / MANIFEST_JSONL, offset))
        if record.status != "ok" or record.input_hash != self.rows.input_hash(row):
            return None
        for item in [*record.files, *own_files(record.kit)]:  # shared kit files: keep()
            if not relative_inside(item.path):
                return None  # a tampered line: the row is made again, its path never read
            if sha256_file(self.out / item.path) != item.sha256:
                return None
        return offset

    def triage(self, row: SupporterRow) -> ManifestRecord | int | SupporterRow:
        """A finished record, the offset of a kept one, or the row itself when work is due."""
        if not row.ok:
            return self.rows.base_record(row, "error", "; ".join(row.problems))
        first = self.run_index.claim(row.id, row.row)
        if first is not None:
            reason = f"duplicate of row {first} (id {row.id})"
            return self.rows.base_record(row, "skipped", reason)
        if self.options.resume and (offset := self.unchanged_offset(row)) is not None:
            return offset
        return row

    def resolve(self, rows: Sequence[SupporterRow]) -> None:
        wanted = list(dict.fromkeys(loc for r in rows for loc in r.locations))
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

    def render(self, row: SupporterRow) -> RowWork:
        return self.rows.render(row, {loc: self.cache[loc] for loc in row.locations})

    def start_pdfs(self, works: Sequence[RowWork]) -> None:
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

    def finish(self, work: RowWork, journal: ManifestJournal) -> None:
        record = work.record
        try:
            for letter, job in work.pdf_jobs:
                letter.data = job if isinstance(job, bytes) else job.result()
        except Exception as exc:  # a PDF engine failure is this row's problem
            record.status = "error"
            record.reason = f"PDF rendering failed: {describe_failure(exc)}"
            work.drop_files()
        for letter in work.letters:
            assert letter.data is not None
            digest = atomic_write(self.out / letter.path, letter.data, self.out, made=self.made)
            record.files.append(
                OutputFile(letter.path, digest, letter.fmt, letter.recipient, letter.language)
            )
        for item in work.kit:
            digest = atomic_write(self.out / item.path, item.data, self.out, made=self.made)
            record.kit.append(OutputFile(item.path, digest, item.fmt, ""))
        record.kit.extend(work.kit_links)
        self.append(record, journal)

    def append(self, record: ManifestRecord, journal: ManifestJournal) -> None:
        offset = journal.append(record.to_dict())
        if self.options.resume:
            self.run_index.add_final(record.row, offset)
        self.count(record.status)
        if record.status != "ok":
            if self.on_problem is not None:
                self.on_problem(record)
            if self.options.fail_fast:
                self.stopped = True

    def keep(self, row: SupporterRow, offset: int, journal: ManifestJournal) -> None:
        """Keep an unchanged row's line; renumbered when the edited sheet moved the row."""
        line = read_record(self.out / MANIFEST_JSONL, offset)
        if self.rows.kit.enabled:  # its language's fact sheet and posts: made again if gone
            self.rows.kit.shared_files(str(line.get("language") or ""))
        if line.get("row") != row.row:
            offset = journal.append({**line, "row": row.row})
        self.run_index.add_final(row.row, offset)
        self.resumed += 1
        self.count("ok")

    def packet_done(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            if done == 0:
                self.started = time.monotonic()  # the packets' rate is their own
            elapsed = time.monotonic() - self.started
            statuses = dict(self.statuses)
            self.on_progress(Progress(done, total, elapsed, statuses, phase="packets"))

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
        works: dict[int, RowWork] = {}
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
                self.keep(row, entry, journal)
            else:
                self.append(entry, journal)

    def save_offices(self) -> None:
        """Write ``offices.json`` before any manifest line refers to a new office."""
        if self.rows.offices_dirty:
            offices = {key: office.to_dict() for key, office in self.rows.offices.items()}
            write_json(self.out / OFFICES_FILE, offices, self.out)
            self.rows.offices_dirty = False

    def run(self, rows: Iterator[SupporterRow]) -> BatchSummary:
        try:
            summary = self.run_phases(rows)
        except BaseException:  # Ctrl-C or a failure: stop the workers now, not after their queue
            self.workers.terminate()
            raise
        self.workers.close()
        return summary

    def run_phases(self, rows: Iterator[SupporterRow]) -> BatchSummary:
        journal = self.prepare()
        if self.packet_pdfs and self.worth_a_pool(self.total or 0):
            # Start the PDF workers now, so their start-up overlaps the rows' work.
            for _ in range(self.workers.workers):
                self.pool().submit(warm_up)
        try:
            while not self.stopped and (chunk := list(islice(rows, CHUNK_ROWS))):
                self.process(chunk, journal)
            journal.close()
            if self.options.resume and not self.stopped:
                rewrite_manifest(self.out, self.run_index.final_offsets())
                if self.options.limit is None:  # every row was seen: the rest are gone
                    self.run_index.remove_old_files(self.out)
        finally:
            journal.close()
            self.run_index.close()
        return self.summarise()

    def summarise(self) -> BatchSummary:
        summary = BatchSummary(
            self.out,
            rows=self.done,
            statuses=dict(self.statuses),
            resumed=self.resumed,
            stopped_early=self.stopped,
        )
        by_office: Counter[str] = Counter()
        by_channel: Counter[str] = Counter()
        provenance: set[Provenance] = set()
        alike = SimilarityMeter()
        kit = KitTally()
        index = LetterIndex(self.out) if self.options.packets and not self.stopped else None
        for _, line in read_journal(self.out / MANIFEST_JSONL):
            record = ManifestRecord.from_dict(line)
            provenance.update(record.provenance)
            if record.status == "ok":
                by_office.update(
                    office.label if (office := self.rows.offices.get(r.key)) else r.label
                    for r in record.recipients
                    if not r.vacant
                )
                by_channel.update(r.channel for r in record.recipients if r.channel)
                if index is not None:
                    index.add_record(record)
                alike.add_record(record)
                kit.add_record(record)
        summary.offices, summary.kit = dict(by_office), kit.counts()
        summary.similarity = similarity_report(alike, self.rows.variants)
        summary.warnings = list(summary.similarity.warnings)
        summary.channels = {c: by_channel[c] for c in CHANNELS if by_channel[c]}
        summary.provenance = sorted(provenance, key=lambda p: p.sort_key)
        if index is not None:
            pdf = self.tools.pdf if self.packet_pdfs else None
            summary.packets = build_packets(
                self.out,
                index,
                self.rows.offices,
                campaign=self.tools.campaign,
                date=self.options.date,
                pdf=pdf,
                executor=self.pool() if pdf and self.worth_a_pool(index.count("html")) else None,
                centroid=self.tools.centroid,
                on_packet=self.packet_done,
                cover_words=self.tools.cover_words,
            )
            index.close()
            (self.out / STATE_DIR / "packets.sqlite").unlink(missing_ok=True)
            remove_old_packets(self.out, summary.packets)
        write_json(self.out / SUMMARY_FILE, summary.to_dict(), self.out)
        clear_temp(self.out)
        return summary


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity, as containers and ``taskset`` set
    it), not every core of the machine."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_record(path: Path, offset: int, record: dict[str, object]) -> None:
    """Refuse a manifest line that is not a record a batch wrote (edited by hand, or tampered
    with): ``--resume`` would otherwise trust its row, files and hashes."""
    try:
        ManifestRecord.from_dict(record)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(
            f"{path}: the line at byte {offset} is not a manifest record ({type(exc).__name__}: "
            f"{exc}); restore the file or make the batch again in a new folder"
        ) from exc


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
    on_problem: Callable[[ManifestRecord], None] | None = None,
    total: int | None = None,
) -> BatchSummary:
    """Make every supporter's letters under ``options.out``; see the module docstring.

    One run at a time per folder: a second ``batch`` (or a ``send``) on the same folder while this
    one runs is refused at once (``FolderLockedError``)."""
    check_out_dir(options.out, resume=options.resume)
    if "pdf" in options.formats and not pdf_available(tools.pdf):
        raise UsageError(f"--formats pdf: {NO_WEASYPRINT}")
    with folder_lock(options.out, "batch"):
        check_out_dir(options.out, resume=options.resume)  # again, now that no one else writes
        return _run_locked(
            sheet, options, tools, on_progress=on_progress, on_problem=on_problem, total=total
        )


def _run_locked(
    sheet: SupporterSheet,
    options: BatchOptions,
    tools: BatchTools,
    *,
    on_progress: Callable[[Progress], None] | None,
    on_problem: Callable[[ManifestRecord], None] | None,
    total: int | None,
) -> BatchSummary:
    rows: Iterator[SupporterRow] = iter(sheet)
    if options.limit is not None:
        rows = islice(rows, options.limit)
        total = min(total, options.limit) if total is not None else options.limit
    save_options(options, campaign=tools.campaign, templates=tools.fingerprint)
    run = _Run(options, tools, on_progress, on_problem, total)
    summary = run.run(rows)
    summary.warnings = [*sheet.info.warnings, *run.rows.date_warnings, *summary.warnings]
    if options.pdf_packets and not run.packet_pdfs:
        summary.warnings.append(f"packets are txt only: {NO_WEASYPRINT}")
    if summary.warnings:
        write_json(options.out / SUMMARY_FILE, summary.to_dict(), options.out)
    return summary
