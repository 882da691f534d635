"""When a stored dataset is too old to trust, and the warning that says so.

Age is counted from the date of the data itself (``DatasetRecord.data_day``: the source's
``Last-Modified``, the newest date in the records, or a product's publication date), not from
when it was downloaded, so a June snapshot downloaded today is as old as June. A dataset whose
data date is unknown is aged from its download. The ZCTA relationship file does not age: it
describes the districts of one Congress (``lookup.terms`` warns when that Congress is over).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from civickit.core.plurals import counted
from civickit.lookup.datasets import Dataset


class DatasetRecord(Protocol):
    """What freshness needs of a stored dataset's record (``store.DatasetRecord``)."""

    @property
    def data_day(self) -> dt.date | None: ...

    def age(self, now: dt.datetime | None = None) -> dt.timedelta: ...


def is_stale(dataset: Dataset, record: DatasetRecord, now: dt.datetime) -> bool:
    """Whether the data is older than ``dataset`` allows (30 days unless it says otherwise)."""
    if dataset.stale_after_days is None:
        return False
    return record.age(now) > dt.timedelta(days=dataset.stale_after_days)


def stale_warning(dataset: Dataset, record: DatasetRecord, now: dt.datetime) -> str:
    """``warning: congress-legislators holds data of 2026-06-10 (174 days old); run: ...``."""
    days = counted(record.age(now).days, "day")
    day = record.data_day
    if day is None:
        return (
            f"warning: {dataset.name} was downloaded {days} ago and the date of its data is "
            "unknown; run: civickit data sync"
        )
    return f"warning: {dataset.name} holds data of {day} ({days} old); run: civickit data sync"
