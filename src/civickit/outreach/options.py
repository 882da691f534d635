"""How a batch runs: its options (formats, offices, dates, packets) and their parsing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from civickit.core.offices import DEFAULT_OFFICES, OfficeKind
from civickit.errors import UsageError
from civickit.materials.letters import LETTER_FORMATS

Status = Literal["ok", "ambiguous", "error", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "ambiguous", "error", "skipped")
FORMATS = LETTER_FORMATS


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (the CLI options)."""

    out: Path
    date: dt.date
    formats: tuple[str, ...] = ("txt",)
    offices: frozenset[OfficeKind] = DEFAULT_OFFICES
    packets: bool = True
    packet_pdfs: bool = True  # False: packets as txt only, never rendered (quick runs, tests)
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
        return digest(json.dumps([*settings, self.date.isoformat()]))


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


def digest(text: str) -> str:
    """SHA-256 of ``text`` (UTF-8), in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
