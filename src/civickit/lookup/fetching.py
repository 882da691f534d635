"""Where a dataset's bytes come from: a mirror folder, or an HTTP source asked conditionally.

The data store (``lookup.store``) decides what to fetch and keeps what it gets; this module only
gets the bytes, saying so through ``notify`` when a download is worth announcing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from civickit.errors import DataError, NetworkError
from civickit.lookup.datasets import Dataset
from civickit.lookup.http import describe_request_error, redact
from civickit.lookup.limits import DATASET_LIMITS, Limits, bounded_get

if TYPE_CHECKING:
    import requests

Notify = Callable[[str], None]


class Validators(Protocol):
    """What a previous copy tells the source so it can answer "not modified"."""

    source_url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Fetched:
    """Bytes from a source; ``data`` is ``None`` when the source says our copy is current."""

    data: bytes | None
    url: str
    etag: str | None = None
    last_modified: str | None = None


def megabytes(size: int) -> str:
    """A download size as people read it: ``12.3 MB`` or ``45 kB``."""
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(size, 1) // 1000} kB"


def mirror_folder(mirror: str | None) -> Path | None:
    """The local folder ``mirror`` names (a path or a ``file://`` URL); ``None`` for a web URL."""
    if not mirror:
        return None
    if mirror.startswith("file://"):
        return Path(mirror.removeprefix("file://"))
    if "://" in mirror:
        return None
    return Path(mirror).expanduser()


class Fetcher:
    """Gets datasets' bytes from ``mirror`` (a base URL or a local folder) or their own URLs."""

    def __init__(
        self,
        mirror: str | None,
        notify: Notify,
        *,
        timeout: float | tuple[float, float],
        retries: int,
        backoff: float,
        limits: Limits = DATASET_LIMITS,
    ) -> None:
        self.mirror = mirror
        self.limits = limits
        self.notify = notify
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._session: requests.Session | None = None

    def fetch(self, dataset: Dataset, previous: Validators | None, *, first_use: bool) -> Fetched:
        """The current bytes of ``dataset``; raises ``DataError``/``NetworkError``/``OSError``."""
        folder = mirror_folder(self.mirror)
        if folder is not None:
            source = folder / dataset.folder / dataset.filename
            if not source.is_file():
                raise DataError(f"the mirror folder has no {dataset.relative_path}")
            size = source.stat().st_size
            if size > self.limits.max_bytes:
                raise DataError(
                    f"{source} is {megabytes(size)}, more than the "
                    f"{megabytes(self.limits.max_bytes)} any dataset may be; refused"
                )
            if first_use:
                self.notify(f"copying {dataset.name} ({megabytes(size)}) from {source}")
            return Fetched(source.read_bytes(), str(source))
        return self._download(self._source_url(dataset), dataset, previous, first_use=first_use)

    def _source_url(self, dataset: Dataset) -> str:
        if self.mirror and "://" in self.mirror and not self.mirror.startswith("file://"):
            return f"{self.mirror.rstrip('/')}/{dataset.relative_path}"
        return dataset.url

    def _download(
        self, url: str, dataset: Dataset, previous: Validators | None, *, first_use: bool
    ) -> Fetched:
        import requests

        from civickit.lookup.http import build_session

        shown = redact(url)  # what messages and metadata say: no password, no key
        headers: dict[str, str] = {}
        if previous is not None and previous.source_url == shown:
            if previous.etag:
                headers["If-None-Match"] = previous.etag
            if previous.last_modified:
                headers["If-Modified-Since"] = previous.last_modified
        if self._session is None:
            self._session = build_session(retries=self.retries, backoff=self.backoff)

        def announce(resp: requests.Response) -> None:
            if resp.status_code == 200:
                declared = resp.headers.get("Content-Length", "")
                size = int(declared) if declared.isdigit() else dataset.approx_bytes
                verb = "downloading" if first_use else "fetching"
                self.notify(f"{verb} {dataset.name} ({megabytes(size)}) from {shown}")

        try:
            resp = bounded_get(
                self._session, url, headers=headers, timeout=self.timeout, limits=self.limits,
                on_response=announce,
            )  # fmt: skip
        except requests.RequestException as exc:
            raise NetworkError(describe_request_error(exc)) from None
        if resp.status_code == 304 and previous is not None:
            return Fetched(None, shown)
        if resp.status_code != 200:
            raise NetworkError(f"{shown} answered HTTP {resp.status_code}")
        return Fetched(
            resp.content, shown, resp.headers.get("ETag"), resp.headers.get("Last-Modified")
        )
