"""The local data store: downloaded datasets, their provenance, freshness and compact indexes.

Files live at ``<data dir>/<folder>/<file>`` (the layout of a mirror), each with a
``<file>.meta.json`` beside it recording the source URL, retrieval time, the date of the data
itself (``datasets.data_date_of``), ETag, SHA-256 and record count, and, once a sync has replaced
a copy, ``<file>.changes.json`` with what changed (``lookup.changes``). A download is validated
before it atomically replaces the previous copy, so a failed or corrupt download never costs the
good copy already there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from civickit.core.plurals import counted
from civickit.errors import DataError, NetworkError, OfflineError
from civickit.files import store_file
from civickit.lookup.changes import ChangeReport, compare_copies
from civickit.lookup.datasets import (
    NATIONAL,
    Dataset,
    data_date_of,
    http_date,
    openstates_dataset,
)
from civickit.lookup.fetching import Fetcher, Notify, mirror_folder
from civickit.lookup.freshness import is_stale, stale_warning
from civickit.lookup.http import DEFAULT_TIMEOUT, redact
from civickit.lookup.limits import DATASET_LIMITS, Limits
from civickit.lookup.plausible import FORCE_HINT, implausible, implausible_groups
from civickit.settings import Settings, or_default

SyncStatus = Literal["downloaded", "unchanged", "failed"]
T = TypeVar("T")

INDEX_FORMAT = 3  # bump when an index builder changes its output


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class OfflineSyncError(OfflineError):
    """``sync`` was asked to download while offline, with no local mirror folder to copy from."""

    def __init__(self) -> None:
        super().__init__(
            "offline mode forbids downloading; sync with offline mode off, or from a local "
            "mirror folder"
        )


class NotStoredOfflineError(DataError):
    """A dataset is needed that the store lacks, and offline mode forbids downloading it."""

    def __init__(self, dataset: str, root: Path) -> None:
        self.dataset = dataset
        self.root = root
        super().__init__(
            f"{dataset} is not in the data store ({root}) and offline mode forbids downloading "
            "it; sync it with offline mode off, or from a local mirror folder"
        )


@dataclass
class DatasetRecord:
    """What the store knows about its copy of a dataset."""

    name: str
    source_url: str
    retrieved: str  # ISO time the current bytes were downloaded
    checked: str  # ISO time the source last confirmed them (a 304 or an identical copy)
    sha256: str
    records: int
    size: int
    etag: str | None = None
    last_modified: str | None = None
    data_date: str | None = None  # ISO day of the data itself (see ``datasets.data_date_of``)
    data_date_from: str | None = None  # how it is known: last-modified, records or published
    congress: int | None = None  # the Congress whose districts the data describes

    @property
    def data_day(self) -> dt.date | None:
        """The date of the data itself; ``None`` when nothing tells it."""
        if self.data_date:
            try:
                return dt.date.fromisoformat(self.data_date)
            except ValueError:  # a hand-edited record: read as one without a data date
                pass
        return http_date(self.last_modified)  # a record written before data dates were kept

    @property
    def version(self) -> str:
        """The dataset's date in provenance: the date of the data, else the retrieval day."""
        day = self.data_day
        return day.isoformat() if day else self.retrieved[:10]

    def age(self, now: dt.datetime | None = None) -> dt.timedelta:
        """How old the data is: since its own date, else since it was downloaded."""
        day = self.data_day
        since = (
            dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
            if day
            else dt.datetime.fromisoformat(self.retrieved)
        )
        return (now or _now()) - since


@dataclass(frozen=True)
class SyncOutcome:
    """The result of syncing one dataset."""

    name: str
    status: SyncStatus
    message: str
    record: DatasetRecord | None = None
    changes: ChangeReport | None = None  # what a download changed against the replaced copy


@dataclass(frozen=True)
class DatasetStatus:
    """A row of ``civickit data status``."""

    name: str
    present: bool
    path: str
    source_url: str | None = None
    retrieved: str | None = None
    checked: str | None = None
    age_days: float | None = None
    stale: bool = False
    records: int | None = None
    sha256: str | None = None
    etag: str | None = None
    data_date: str | None = None
    data_date_from: str | None = None
    congress: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


class _PlainUnpickler(pickle.Unpickler):
    """Loads only builtin containers and scalars: an index can never name code to run."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"index refers to {module}.{name}")


class DataStore:
    """Downloads, validates and serves the datasets in the data directory.

    ``root``, ``offline`` and ``mirror`` default to those of ``settings`` (the data dir,
    ``--offline``, ``CIVICKIT_DATA_MIRROR``); ``mirror`` is a base URL or a local folder laid out
    as ``<folder>/<file>``; ``notify`` receives progress and warnings (the CLI writes them to
    stderr). Each stale dataset is warned about once per store. ``floors=False`` lets a first
    download hold fewer records than a complete file (small excerpts served over HTTP);
    ``limits`` bounds each download's time and size.
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        offline: bool | None = None,
        mirror: str | None = None,
        notify: Notify | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        retries: int = 3,
        backoff: float = 0.5,
        settings: Settings | None = None,
        floors: bool = True,
        limits: Limits = DATASET_LIMITS,
    ) -> None:
        self.settings = or_default(settings)
        self.root = root if root is not None else self.settings.data_dir
        self.offline = self.settings.offline if offline is None else offline
        self.mirror = mirror if mirror is not None else self.settings.data_mirror
        self._warned_stale: set[str] = set()  # one staleness warning per dataset
        self.floors = floors  # first downloads need their dataset's floor of records
        self.notify: Notify = notify or (lambda _message: None)
        self._fetcher = Fetcher(
            self.mirror, self.notify, timeout=timeout, retries=retries, backoff=backoff,
            limits=limits,
        )  # fmt: skip

    # -- paths and records -------------------------------------------------------------------

    def path(self, dataset: Dataset) -> Path:
        """Where ``dataset`` lives in the store."""
        return self.root / dataset.folder / dataset.filename

    def _meta_path(self, dataset: Dataset) -> Path:
        return self.root / dataset.folder / f"{dataset.filename}.meta.json"

    def changes_path(self, dataset: Dataset) -> Path:
        """Where the change report of the last sync that replaced ``dataset`` is kept."""
        return self.root / dataset.folder / f"{dataset.filename}.changes.json"

    def changes(self, dataset: Dataset) -> ChangeReport | None:
        """The change report of the last sync that replaced ``dataset``; ``None`` if none."""
        return ChangeReport.load(self.changes_path(dataset))

    def record(self, dataset: Dataset) -> DatasetRecord | None:
        """The stored record of ``dataset``; ``None`` when absent or unreadable."""
        meta = self._meta_path(dataset)
        if not meta.is_file() or not self.path(dataset).is_file():
            return None
        try:
            return DatasetRecord(**json.loads(meta.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            return None

    # -- sync ----------------------------------------------------------------------------------

    def sync(
        self,
        datasets: Iterable[Dataset],
        *,
        force: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> list[SyncOutcome]:
        """Bring each dataset up to date; a failure is reported in its outcome, not raised.

        ``force`` takes a valid download even when its record count is implausible;
        ``on_progress(done, total)`` is called before each dataset and after the last."""
        if not self._may_download():
            raise OfflineSyncError()
        wanted = list(datasets)
        outcomes: list[SyncOutcome] = []
        for dataset in wanted:
            if on_progress is not None:
                on_progress(len(outcomes), len(wanted))
            outcomes.append(self._sync_one(dataset, force=force))
        if on_progress is not None:
            on_progress(len(outcomes), len(wanted))
        return outcomes

    def ensure(self, dataset: Dataset) -> Path:
        """The path of ``dataset``, downloading it first if the store does not have it yet.

        Warns once per store (through ``notify``) when its data is older than the dataset allows
        (30 days; the ZCTA file describes a Congress and does not age).
        """
        record = self.record(dataset)
        if record is None:
            if not self._may_download():
                raise NotStoredOfflineError(dataset.name, self.root)
            outcome = self._sync_one(dataset, first_use=True)
            if outcome.status == "failed":
                raise DataError(
                    f"{outcome.message}; when the source can be reached run: civickit data sync "
                    "(or set CIVICKIT_DATA_MIRROR to a mirror)"
                )
            return self.path(dataset)
        if is_stale(dataset, record, _now()) and dataset.name not in self._warned_stale:
            self._warned_stale.add(dataset.name)
            self.notify(stale_warning(dataset, record, _now()))
        return self.path(dataset)

    def _may_download(self) -> bool:
        return not self.offline or mirror_folder(self.mirror) is not None

    def _sync_one(
        self, dataset: Dataset, *, first_use: bool = False, force: bool = False
    ) -> SyncOutcome:
        previous = self.record(dataset)
        try:
            fetched = self._fetcher.fetch(dataset, previous, first_use=first_use)
        except (DataError, NetworkError, OSError) as exc:
            return self._failed(dataset, previous, str(exc))
        now = _now().isoformat(timespec="seconds")
        if fetched.data is None or (
            previous is not None and hashlib.sha256(fetched.data).hexdigest() == previous.sha256
        ):
            assert previous is not None
            previous.checked = now
            self._write_meta(dataset, previous)
            self.path(dataset).chmod(0o640)  # a copy stored by an older civickit: 0644
            return SyncOutcome(dataset.name, "unchanged", f"{dataset.name}: up to date", previous)
        try:
            count = dataset.validate(fetched.data)
        except (ValueError, UnicodeDecodeError) as exc:
            return self._failed(dataset, previous, f"{fetched.url} is not valid: {exc}")
        # A mirror folder on this machine is the operator's own: its first copy has no floor.
        first_floor = self.floors and mirror_folder(self.mirror) is None
        stored = previous.records if previous is not None else None
        problem = implausible(dataset.name, count, stored, first_floor=first_floor)
        if previous is not None and not problem and not force:
            problem = implausible_groups(
                dataset.name, fetched.data, self.path(dataset).read_bytes()
            )
        if problem and not force:
            return self._failed(dataset, previous, f"{fetched.url} {problem}", FORCE_HINT)
        day, how = data_date_of(dataset, fetched.data, fetched.last_modified, _now().date())
        record = DatasetRecord(
            name=dataset.name,
            source_url=fetched.url,
            retrieved=now,
            checked=now,
            sha256=hashlib.sha256(fetched.data).hexdigest(),
            records=count,
            size=len(fetched.data),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            data_date=day.isoformat() if day else None,
            data_date_from=how,
            congress=dataset.congress,
        )
        report = None
        if dataset.changes is not None and previous is not None:
            before = previous.data_day.isoformat() if previous.data_day else None
            report = compare_copies(
                dataset.changes, self.path(dataset), fetched.data,
                labels=(dataset.name, now, before, record.data_date),
            )  # fmt: skip
        if report is not None:  # kept beside the dataset for ``data diff``
            store_file(self.changes_path(dataset), report.json_bytes())
        store_file(self.path(dataset), fetched.data)
        self._write_meta(dataset, record)
        message = f"{dataset.name}: {counted(count, 'record')} from {fetched.url}"
        extra = dataset.report(fetched.data) if dataset.report else ""
        message += f"; {extra}" if extra else ""
        return SyncOutcome(dataset.name, "downloaded", message, record, report)

    def _failed(
        self, dataset: Dataset, previous: DatasetRecord | None, reason: str, hint: str = ""
    ) -> SyncOutcome:
        kept = "kept the previous copy" if previous else "no copy is stored yet"
        message = f"{dataset.name}: {redact(reason)}" + (f"; {hint}" if hint else "") + f"; {kept}"
        return SyncOutcome(dataset.name, "failed", message, previous)

    def _write_meta(self, dataset: Dataset, record: DatasetRecord) -> None:
        text = json.dumps(asdict(record), indent=2) + "\n"
        store_file(self._meta_path(dataset), text.encode("utf-8"), mode=0o600)

    # -- status ----------------------------------------------------------------------------------

    def status(self, datasets: Sequence[Dataset] | None = None) -> list[DatasetStatus]:
        """What is stored: one row for each national dataset and each stored Open States file."""
        now = _now()
        rows = []
        for dataset in datasets if datasets is not None else self.known_datasets():
            record = self.record(dataset)
            if record is None:
                rows.append(DatasetStatus(dataset.name, False, str(self.path(dataset))))
                continue
            age = record.age(now)
            rows.append(
                DatasetStatus(
                    name=dataset.name,
                    present=True,
                    path=str(self.path(dataset)),
                    source_url=redact(record.source_url),
                    retrieved=record.retrieved,
                    checked=record.checked,
                    age_days=round(age.total_seconds() / 86400, 1),
                    stale=is_stale(dataset, record, now),
                    records=record.records,
                    sha256=record.sha256,
                    etag=record.etag,
                    data_date=record.data_day.isoformat() if record.data_day else None,
                    data_date_from=record.data_date_from,
                    congress=record.congress or dataset.congress,
                )
            )
        return rows

    def known_datasets(self) -> list[Dataset]:
        """The national datasets plus every Open States state already stored."""
        found = sorted(
            path.name.removesuffix(".csv.meta.json")
            for path in (self.root / "openstates").glob("*.csv.meta.json")
        )
        return [*NATIONAL, *(openstates_dataset(state) for state in found)]

    # -- compact indexes -------------------------------------------------------------------------

    def load_index(
        self, key: str, datasets: Sequence[Dataset], build: Callable[[Mapping[str, Path]], T]
    ) -> T:
        """``build(paths)`` of ``datasets`` (``paths`` maps each dataset's name to its file),
        cached on disk until any of their SHA-256 changes.

        The index must be made of builtin types only (dicts, lists, tuples, strings, numbers).
        """
        paths = {dataset.name: self.ensure(dataset) for dataset in datasets}
        digests = []
        for dataset in datasets:
            record = self.record(dataset)
            digests.append(record.sha256 if record else "")
        stamp = hashlib.sha256(f"{INDEX_FORMAT}:{key}:{':'.join(digests)}".encode()).hexdigest()
        folder = self.root / "index"
        target = folder / f"{key}-{stamp[:16]}.pickle"
        if target.is_file():
            try:
                with target.open("rb") as handle:
                    loaded: T = _PlainUnpickler(handle).load()
                return loaded
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
                pass  # a damaged index is rebuilt below
        index = build(paths)
        for old in folder.glob(f"{key}-*.pickle"):
            old.unlink(missing_ok=True)
        store_file(target, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        return index
