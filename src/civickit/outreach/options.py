"""How a batch runs: its options (formats, offices, dates, packets) and their parsing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from civickit.core.offices import DEFAULT_OFFICES, OFFICE_KINDS, OfficeKind
from civickit.errors import UsageError
from civickit.materials.letters import LETTER_FORMATS
from civickit.outreach.kit import kit_word, parse_kit
from civickit.outreach.manifest import STATE_DIR, write_json

Status = Literal["ok", "ambiguous", "error", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "ambiguous", "error", "skipped")
FORMATS = LETTER_FORMATS
PacketsChoice = Literal["pdf", "txt", "none"]
PACKET_CHOICES: tuple[PacketsChoice, ...] = ("pdf", "txt", "none")
OPTIONS_FILE = "options.json"  # under <out>/.civickit/: what the batch was made with


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (the CLI options)."""

    out: Path
    date: dt.date
    formats: tuple[str, ...] = ("txt",)
    offices: frozenset[OfficeKind] = DEFAULT_OFFICES
    packets: bool = True
    packet_pdfs: bool | None = None  # None: PDF packets only when PDF letters are made
    resume: bool = False
    limit: int | None = None
    fail_fast: bool = False
    workers: int | None = None  # processes for PDF rendering; default: every core
    fsync_interval: float = 0.2  # seconds between fsyncs of the manifest; 0 = every row
    kit: tuple[str, ...] = ()  # the supporter's own materials (``--kit``): outreach/kit.py

    @property
    def pdf_packets(self) -> bool:
        """Whether packets are also rendered as PDF."""
        if not self.packets:
            return False
        return "pdf" in self.formats if self.packet_pdfs is None else self.packet_pdfs

    @property
    def packets_choice(self) -> PacketsChoice:
        """``--packets`` as a word: pdf, txt or none."""
        return "pdf" if self.pdf_packets else "txt" if self.packets else "none"

    @property
    def written_formats(self) -> tuple[str, ...]:
        """Formats written per letter. A PDF is made from the HTML, text packets from the txt
        letters and PDF packets from the HTML ones, so those are kept too."""
        extra = ["html"] if "pdf" in self.formats else []
        if self.packets:
            extra.append("txt")
        if self.pdf_packets:
            extra.append("html")
        return tuple(dict.fromkeys([*self.formats, *extra]))

    def fingerprint(self, tools_fingerprint: str) -> str:
        """What, besides a row's own fields, decides its output."""
        settings = [tools_fingerprint, sorted(self.formats), sorted(self.offices)]
        kit = [list(self.kit)] if self.kit else []  # batches without a kit hash as before
        return digest(json.dumps([*settings, self.date.isoformat(), *kit]))


def settle_options(
    out: Path,
    *,
    resume: bool,
    default_date: dt.date,
    formats: tuple[str, ...] | None = None,
    offices: frozenset[OfficeKind] | None = None,
    date: dt.date | None = None,
    packets: PacketsChoice | None = None,
    limit: int | None = None,
    fail_fast: bool = False,
    fsync_interval: float = 0.2,
    workers: int | None = None,
    kit: tuple[str, ...] | None = None,
) -> BatchOptions:
    """The options a run uses: those given (``None``: not given), else, on ``resume``, those
    the batch was first made with, else the defaults. A given option that differs from the
    batch's own raises ``UsageError`` naming both values: one folder, one set of letters."""
    saved = read_saved_options(out) if resume else {}
    given: dict[str, Any] = {
        "formats": formats,
        "to": offices,
        "date": date,
        "packets": packets,
        "kit": kit,
    }
    for flag, value in given.items():
        before = saved.get(flag)
        if value is not None and before is not None and not _same(flag, value, before):
            raise UsageError(
                f"--{flag} {_word(flag, value)} conflicts with {before}, which {out} was made "
                f"with; drop --{flag} to resume it as it is, or choose a new --out"
            )
    chosen_formats = formats or _saved_formats(saved) or ("txt",)
    before = next((c for c in PACKET_CHOICES if c == saved.get("packets")), None)
    chosen_packets = packets or before or ("pdf" if "pdf" in chosen_formats else "txt")
    return BatchOptions(
        out=out,
        date=date or _saved_date(saved) or default_date,
        formats=chosen_formats,
        offices=offices or _saved_offices(saved) or DEFAULT_OFFICES,
        packets=chosen_packets != "none",
        packet_pdfs=chosen_packets == "pdf",
        resume=resume,
        limit=limit,
        fail_fast=fail_fast,
        workers=workers,
        fsync_interval=fsync_interval,
        kit=kit if kit is not None else _saved_kit(saved),
    )


def _word(flag: str, value: Any) -> str:
    """An option's value as it is saved and shown: ``txt,eml``, ``house,senate``, ``2026-12-01``."""
    if flag in {"formats", "to"}:
        return ",".join(value if flag == "formats" else sorted(value))
    if flag == "kit":
        return kit_word(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _same(flag: str, value: Any, before: Any) -> bool:
    if flag in {"formats", "to", "kit"}:
        return set(_word(flag, value).split(",")) == set(str(before).split(","))
    return _word(flag, value) == str(before)


def _saved_formats(saved: dict[str, Any]) -> tuple[str, ...] | None:
    text = saved.get("formats")
    return parse_formats(text) if isinstance(text, str) else None


def _saved_kit(saved: dict[str, Any]) -> tuple[str, ...]:
    text = saved.get("kit")
    try:
        return parse_kit(text) if isinstance(text, str) else ()
    except UsageError:
        return ()


def _saved_offices(saved: dict[str, Any]) -> frozenset[OfficeKind] | None:
    text = saved.get("to")
    kinds = text.split(",") if isinstance(text, str) else []
    return frozenset(k for k in OFFICE_KINDS if k in kinds) or None


def _saved_date(saved: dict[str, Any]) -> dt.date | None:
    text = saved.get("date")
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def read_saved_options(out: Path) -> dict[str, Any]:
    """What ``save_options`` wrote for the batch in ``out`` (empty when nothing was)."""
    try:
        loaded = json.loads((out / STATE_DIR / OPTIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def save_options(options: BatchOptions, *, campaign: str, templates: str) -> None:
    """Remember what the batch in ``options.out`` is made with, for ``--resume``; a resume with
    another campaign than the batch's is refused (``UsageError``)."""
    made_with = read_saved_options(options.out).get("campaign") if options.resume else None
    if made_with is not None and made_with != campaign:
        raise UsageError(
            f"--campaign: {options.out} was made with campaign {made_with!r}, not "
            f"{campaign!r}; resume it with that campaign, or choose a new --out"
        )
    options.out.mkdir(parents=True, exist_ok=True)
    saved = {
        "formats": _word("formats", options.formats),
        "to": _word("to", options.offices),
        "date": options.date.isoformat(),
        "packets": options.packets_choice,
        "kit": kit_word(options.kit),
        "campaign": campaign,
        "templates": templates,
    }
    write_json(options.out / STATE_DIR / OPTIONS_FILE, saved, options.out)


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
