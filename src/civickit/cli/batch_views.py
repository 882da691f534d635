"""Text views of ``civickit batch`` and ``civickit send``: the plan, the summaries, their lines."""

from __future__ import annotations

from collections import Counter

from civickit.core.plurals import counted
from civickit.outreach.delivery import SendReport
from civickit.outreach.kit import own_files
from civickit.outreach.options import STATUSES
from civickit.outreach.records import OutputFile
from civickit.outreach.summary import BatchPlan, BatchSummary


def plan_text(plan: BatchPlan) -> str:
    """The ``text`` format of ``civickit batch --dry-run``."""
    counts = Counter(r["status"] for r in plan.rows)
    folders = counted(counts.get("would-process", 0), "supporter folder")
    lines = [
        f"Would write to {plan.out}: up to {folders} "
        "(none for rows whose lookup fails or is ambiguous), "
        + ("packets/, " if plan.packets else "")
        + "manifest.csv, manifest.jsonl, summary.json",
        "Unique lookups: "
        + (", ".join(f"{n} by {kind}" for kind, n in sorted(plan.lookups.items())) or "none"),
        f"Addresses sent to the geocoder: {plan.geocoder_queries}",
    ]
    kit = [OutputFile.from_dict(item) for r in plan.rows for item in r.get("kit", [])]
    if kit:
        own = own_files(kit)
        shared = sorted({item.path for item in kit if item not in own})
        lines.append(
            f"Kit files (in each supporter's language): {counted(len(own), 'call script file')}"
            " in supporter folders" + "".join(f", {path}" for path in shared)
        )
    lines += [f"row {r['row']}: {r['status']}: {r['reason']}" for r in plan.rows if r["reason"]]
    return "\n".join([*plan.warnings, *lines]) + "\n"


def summary_line(summary: BatchSummary) -> str:
    """The one-line summary ``civickit batch`` prints at the end."""
    counts = ", ".join(f"{n} {s}" for s in STATUSES if (n := summary.statuses.get(s, 0)))
    extra = f" ({summary.resumed} unchanged from an earlier run)" if summary.resumed else ""
    stop = "; stopped at the first problem (--fail-fast)" if summary.stopped_early else ""
    rows = counted(summary.rows, "row")
    alike = f"; {summary.alike_text}" if summary.alike_text else ""
    return f"{rows}: {counts or 'none'}{extra}{stop}{alike}; output in {summary.out}"


def summary_text(summary: BatchSummary) -> str:
    """The ``text`` format of ``civickit batch``: rows per status, letters per office."""
    lines = [f"{status:<10} {count}" for status, count in summary.to_dict()["statuses"].items()]
    lines += [f"{count:>6}  {office}" for office, count in sorted(summary.offices.items())]
    if summary.channels:
        lines.append(
            "letters by channel: "
            + ", ".join(f"{n} {channel}" for channel, n in summary.channels.items())
        )
    return "\n".join(lines) + "\n"


def send_line(report: SendReport) -> str:
    """The one-line summary ``civickit send`` prints at the end."""
    parts = [
        f"{len(report.sent)} sent",
        f"{len(report.already_sent)} already sent earlier",
        f"{len(report.failed)} failed",
        f"{len(report.unknown)} unknown (not resent; see --retry-unknown)",
    ]
    if report.dry_run:
        parts = [f"{len(report.would_send)} would be sent (dry run)", *parts[1:]]
    text = ", ".join(parts)
    if not report.messages:
        text += (
            "; the batch has no .eml letters (run civickit batch with --formats eml; "
            "officials without an e-mail address get none, see the notes in manifest.csv)"
        )
    return f"{text}; stopped: {report.aborted}" if report.aborted else text
