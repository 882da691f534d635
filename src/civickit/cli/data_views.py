"""Text views of ``civickit data sync`` and ``civickit data status``, and the sync verdict."""

from __future__ import annotations

from collections.abc import Sequence

from civickit.core.plurals import noun_for
from civickit.errors import DataError
from civickit.lookup.store import DatasetStatus, SyncOutcome


def sync_text(outcomes: Sequence[SyncOutcome]) -> str:
    """The ``text`` format of ``civickit data sync``: one line per dataset."""
    return "".join(f"{o.status:<10} {o.message}\n" for o in outcomes)


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
    """The ``text`` format of ``civickit data status``."""
    lines = []
    for row in rows:
        if not row.present:
            lines.append(f"{row.name:<22} missing   (civickit data sync --only {row.name})")
            continue
        stale = "  STALE: run civickit data sync" if row.stale else ""
        records = row.records or 0
        noun = noun_for(records, "record")
        lines.append(
            f"{row.name:<22} {records:>7} {noun:<7}  retrieved {row.retrieved}  "
            f"{row.age_days} days old{stale}"
        )
        lines.append(f"{'':<22} from {row.source_url}")
    return "\n".join(lines) + "\n"
