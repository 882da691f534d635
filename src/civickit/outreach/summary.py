"""What a batch reports: progress while it runs, the summary at the end, the ``--dry-run`` plan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.core.officials import Provenance
from civickit.errors import ExitCode
from civickit.lookup.locate import Location
from civickit.outreach.batch_paths import supporter_folder
from civickit.outreach.kit import own_files, planned_files
from civickit.outreach.options import STATUSES, BatchOptions
from civickit.outreach.packets import Packet
from civickit.outreach.records import ManifestRecord, OutputFile
from civickit.outreach.similarity import SimilarityReport
from civickit.outreach.supporters import SupporterRow, SupporterSheet

SUMMARY_FILE = "summary.json"


@dataclass(frozen=True)
class Progress:
    """Where a running batch is."""

    done: int
    total: int | None
    elapsed: float
    statuses: Mapping[str, int]
    phase: str = "rows"  # "rows", then "packets" (done/total counted in packets)

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
    channels: dict[str, int] = field(default_factory=dict)  # letters per delivery channel
    resumed: int = 0
    packets: list[Packet] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)  # the datasets the rows used
    stopped_early: bool = False
    warnings: list[str] = field(default_factory=list)
    similarity: SimilarityReport | None = None  # how alike the letters to each office are
    kit: dict[str, int] = field(default_factory=dict)  # kit files per language (``--kit``)

    @property
    def exit_code(self) -> ExitCode:
        """0 when every row is ok, else 3 (``PARTIAL``)."""
        not_ok = sum(n for status, n in self.statuses.items() if status != "ok")
        return ExitCode.PARTIAL if not_ok or self.stopped_early else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "out": str(self.out),
            "rows": self.rows,
            "statuses": {s: self.statuses.get(s, 0) for s in STATUSES},
            "offices": dict(sorted(self.offices.items())),
            "channels": dict(self.channels),
            "resumed": self.resumed,
            "packets": [p.to_dict() for p in self.packets],
            "provenance": [p.to_dict() for p in self.provenance],
            "stopped_early": self.stopped_early,
            "warnings": self.warnings,
            "similarity": self.similarity.to_dict() if self.similarity else None,
            "kit": dict(sorted(self.kit.items())),
        }

    @property
    def alike_text(self) -> str:
        """``letters to one office alike: median 0.41, max 0.62``; "" with no two letters."""
        report = self.similarity
        if report is None or report.median is None or report.max is None:
            return ""
        return f"letters to one office alike: median {report.median:.2f}, max {report.max:.2f}"


class KitTally:
    """Counts the kit files of ok rows per language: each row's own, and each shared file
    (``kit/``) once however many rows link it."""

    def __init__(self) -> None:
        self.own: Counter[str] = Counter()
        self.shared: set[tuple[str, str]] = set()

    def add_record(self, record: ManifestRecord) -> None:
        own = own_files(record.kit)
        if own:
            self.own[record.language] += len(own)
        self.shared.update((record.language, i.path) for i in record.kit if i not in own)

    def counts(self) -> dict[str, int]:
        """Kit files per language code."""
        counts = Counter(self.own)
        counts.update(language for language, _ in self.shared)
        return dict(counts)


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
            "rows": len(self.rows),
            "records": self.rows,  # each a batch row, as manifest.jsonl has them
            "unique_lookups": self.lookups,
            "geocoder_queries": self.geocoder_queries,
            "warnings": self.warnings,
        }


def plan_batch(
    sheet: SupporterSheet, options: BatchOptions, *, language: str = DEFAULT_LANGUAGE
) -> BatchPlan:
    """The ``--dry-run`` plan: rows, lookups, folders and kit files (in each row's language,
    else ``language``), without network or files."""
    plan = BatchPlan(options.out, warnings=list(sheet.info.warnings), packets=options.packets)
    seen: dict[str, int] = {}
    unique: set[Location] = set()
    rows: Iterator[SupporterRow] = iter(sheet)
    if options.limit is not None:
        rows = islice(rows, options.limit)
    for row in rows:
        status, reason, folder, kit = "would-process", "", "", []
        row_language = row.fields.get("language") or language
        if not row.ok:
            status, reason = "error", "; ".join(row.problems)
        elif row.id in seen:
            status, reason = "skipped", f"duplicate of row {seen[row.id]} (id {row.id})"
        else:
            seen[row.id] = row.row
            folder = supporter_folder(row.name, row.id)
            paths = planned_files(options.kit, row_language, options.formats, folder)
            kit = [OutputFile(path, "", path.rsplit(".", 1)[1], "") for path in paths]
            unique.update(row.locations)
        record = ManifestRecord.of_row(row, status, reason, folder=folder, language=row_language)
        record.kit = kit
        plan.rows.append(record.to_dict())
    plan.lookups = dict(Counter(loc.kind for loc in unique))
    plan.geocoder_queries = plan.lookups.get("address", 0)
    return plan
