"""Text views of ``civickit data sync``, ``data status`` and ``data diff``, and the sync verdict."""

from __future__ import annotations

from collections.abc import Sequence

from civickit.core.addressing import ordinal
from civickit.core.plurals import noun_for
from civickit.errors import DataError
from civickit.lookup.changes import ChangeReport
from civickit.lookup.store import DatasetStatus, SyncOutcome

# How the date of a dataset's data is known, as ``data status`` says it.
DATE_SOURCES = {
    "last-modified": "the source's Last-Modified",
    "records": "the newest date in its records",
    "published": "the source's publication date",
}


def sync_text(outcomes: Sequence[SyncOutcome]) -> str:
    """The ``text`` format of ``civickit data sync``: one line per dataset, then what changed
    in each dataset a download replaced."""
    lines = [f"{o.status:<10} {o.message}\n" for o in outcomes]
    for outcome in outcomes:
        if outcome.changes is not None:
            lines.append(changes_text(outcome.changes))
    return "".join(lines)


def sync_rows(outcomes: Sequence[SyncOutcome]) -> list[dict[str, object]]:
    """The ``json`` format of ``civickit data sync``."""
    return [
        {
            "name": o.name,
            "status": o.status,
            "message": o.message,
            "data_date": o.record.data_date if o.record else None,
            "changes": o.changes.to_dict() if o.changes else None,
        }
        for o in outcomes
    ]


def changes_text(report: ChangeReport) -> str:
    """A change report: its summary line, then one indented line per change."""
    lines = [f"{report.summary()}, synced {report.synced}\n"]
    lines += [f"  {change.text()}\n" for change in report.changes]
    return "".join(lines)


def diff_text(reports: Sequence[ChangeReport]) -> str:
    """The ``text`` format of ``civickit data diff``."""
    if not reports:
        return "no change reports yet: a sync that replaces a stored copy makes one\n"
    return "".join(changes_text(report) for report in reports)


def check_synced(outcomes: Sequence[SyncOutcome]) -> None:
    """Raise ``DataError`` when any dataset failed to sync (each failure is in its outcome)."""
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        names = ", ".join(o.name for o in failed)
        raise DataError(
            f"{len(failed)} of {len(outcomes)} datasets failed to sync ({names}); "
            "stored copies were kept. Try again later or use --mirror"
        )


def status_text(rows: Sequence[DatasetStatus]) -> str:
    """The ``text`` format of ``civickit data status``: the date of each dataset's data and its
    age, then when and where it was retrieved."""
    lines = []
    for row in rows:
        if not row.present:
            lines.append(f"{row.name:<22} missing   (civickit data sync --only {row.name})")
            continue
        stale = "  STALE: run civickit data sync" if row.stale else ""
        records = row.records or 0
        noun = noun_for(records, "record")
        if row.data_date:
            how = DATE_SOURCES.get(row.data_date_from or "", "the source")
            dated = f"data of {row.data_date} ({how}), {row.age_days} days old"
        else:
            dated = f"data of unknown date, downloaded {row.age_days} days ago"
        lines.append(f"{row.name:<22} {records:>7} {noun:<7}  {dated}{stale}")
        if row.congress:
            lines.append(f"{'':<22} districts of the {ordinal(row.congress)} Congress")
        lines.append(f"{'':<22} retrieved {row.retrieved} from {row.source_url}")
    return "\n".join(lines) + "\n"
