"""An on-disk cache of answers from geocoders and API directories.

Each answer is one JSON file under ``answers/`` in ``Settings.cache_dir``. The file name is the
SHA-256 of the adapter name and the normalised query, so neither the query nor any API key
appears in it; callers must never pass a key as part of the query. Writes are atomic (a
temporary file renamed into place); unreadable, corrupt or expired entries read as missing.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civickit.files import write_atomically

if TYPE_CHECKING:
    from civickit.settings import Settings

GEOCODER_TTL = 30 * 24 * 3600  # district boundaries change once a decade, addresses rarely
DIRECTORY_TTL = 24 * 3600  # seats change hands through resignations and special elections
_FORMAT_VERSION = 1
_SPACES = re.compile(r"\s+")


def normalise_query(text: str) -> str:
    """Case-folded text with runs of white space made one space and spaces around commas tidied,
    so ``"1 Main St ,  Springfield"`` and ``"1 MAIN ST, springfield"`` share an entry."""
    collapsed = _SPACES.sub(" ", text).strip().casefold()
    return re.sub(r"\s*,\s*", ", ", collapsed)


@dataclass(frozen=True)
class CacheEntry:
    """A stored answer and when it was stored (seconds since the epoch)."""

    value: Any
    stored_at: float


@dataclass(frozen=True)
class CacheStats:
    """What ``cache info`` reports."""

    folder: str
    entries: int
    bytes: int


class AnswerCache:
    """JSON answers keyed by adapter name and normalised query, fresh for ``ttl`` seconds.

    A ``ttl`` of 0 turns the cache off: nothing is read or written. Without ``folder`` the
    entries live in ``answers/`` under the cache dir of ``settings``.
    """

    def __init__(
        self,
        folder: Path | None = None,
        *,
        ttl: int = GEOCODER_TTL,
        clock: Callable[[], float] = time.time,
        settings: Settings | None = None,
    ) -> None:
        self._folder = folder
        self._settings = settings
        self.ttl = ttl
        self._clock = clock

    @classmethod
    def for_settings(cls, settings: Settings, default_ttl: int) -> AnswerCache:
        """The cache ``settings`` describe: their cache dir, and ``CIVICKIT_CACHE_TTL`` when set,
        else ``default_ttl``."""
        return cls(ttl=settings.ttl(default_ttl), settings=settings)

    @property
    def folder(self) -> Path:
        """Where entries live; computed when first needed."""
        if self._folder is None:
            from civickit.settings import or_default

            self._folder = or_default(self._settings).cache_dir / "answers"
        return self._folder

    @staticmethod
    def key(adapter: str, query: str) -> str:
        """The entry name: SHA-256 of the adapter name and the normalised query."""
        material = f"{adapter}\n{normalise_query(query)}".encode()
        return hashlib.sha256(material).hexdigest()

    def _path(self, adapter: str, query: str) -> Path:
        return self.folder / f"{self.key(adapter, query)}.json"

    def get(self, adapter: str, query: str) -> CacheEntry | None:
        """The fresh entry for this query, or None when missing, expired or unreadable."""
        if self.ttl <= 0:
            return None
        try:
            data = json.loads(self._path(adapter, query).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not _valid_record(data, adapter):
            return None
        stored_at = float(data["stored_at"])
        if not 0 <= self._clock() - stored_at < self.ttl:
            return None
        return CacheEntry(value=data["value"], stored_at=stored_at)

    def put(self, adapter: str, query: str, value: Any) -> None:
        """Store ``value`` (JSON-ready) atomically; a failure to write is not an error."""
        if self.ttl <= 0:
            return
        record = {
            "format": _FORMAT_VERSION,
            "adapter": adapter,
            "stored_at": self._clock(),
            "value": value,
        }
        try:
            # Answers hold the addresses people looked up: keep them to their owner.
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(
                self._path(adapter, query),
                json.dumps(record, ensure_ascii=False).encode("utf-8"),
                mode=0o600,  # the answers hold the addresses people looked up
            )
        except OSError:
            # A read-only or full cache folder must not break a lookup that already succeeded.
            return

    def stats(self) -> CacheStats:
        """How many entries there are and how much space they take."""
        files = list(self.folder.glob("*.json")) if self.folder.is_dir() else []
        size = sum(path.stat().st_size for path in files)
        return CacheStats(folder=str(self.folder), entries=len(files), bytes=size)

    def clear(self) -> int:
        """Delete every entry; returns how many were removed."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("*.json"):
            path.unlink(missing_ok=True)
            removed += 1
        return removed


def _valid_record(data: Any, adapter: str) -> bool:
    return (
        isinstance(data, dict)
        and data.get("format") == _FORMAT_VERSION
        and data.get("adapter") == adapter
        and isinstance(data.get("stored_at"), (int, float))
        and "value" in data
    )
