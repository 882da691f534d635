"""What changed between the stored copy of a dataset and the one a sync replaces it with.

``civickit data sync`` compares the members of the two copies (congress-legislators, and an
Open States state): members added or gone, seats that became vacant, members who changed
seats, and changed Washington (or Capitol) phone numbers and office addresses. The report is
kept beside the dataset (``<file>.changes.json``) so ``civickit data diff`` can show it again.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from civickit.core.districts import AT_LARGE, HOUSE_SEATS, District
from civickit.core.officials import Official

ChangeKind = Literal["added", "gone", "vacant", "moved", "phone", "office"]
_KIND_ORDER: dict[str, int] = {
    kind: rank for rank, kind in enumerate(("gone", "vacant", "added", "moved", "phone", "office"))
}


@dataclass(frozen=True)
class Change:
    """One difference: ``seat`` is where it happened (``CA-12``, ``CA (Senate)``)."""

    kind: ChangeKind
    seat: str
    member: str = ""  # "Lateefah Simon (S001231)"; "" for a vacancy
    before: str = ""
    after: str = ""

    def text(self) -> str:
        """One line of the change report."""
        if self.kind == "vacant":
            return f"{self.seat}: a seat is now vacant"
        if self.kind == "added":
            return f"{self.seat}: {self.member} added"
        if self.kind == "gone":
            return f"{self.seat}: {self.member} is gone"
        if self.kind == "moved":
            return f"{self.member} moved from {self.before} to {self.after}"
        what = "phone" if self.kind == "phone" else "office"
        return (
            f"{self.seat}: {self.member}'s {what} changed from {self.before or '(none)'} "
            f"to {self.after or '(none)'}"
        )


Changes = Callable[[bytes, bytes], tuple[Change, ...]]


@dataclass(frozen=True)
class ChangeReport:
    """What one sync changed in one dataset, and the dates of the data it compared."""

    dataset: str
    synced: str  # ISO time of the sync that replaced the copy
    before: str | None  # the date of the data replaced
    after: str | None  # the date of the data now stored
    changes: tuple[Change, ...] = ()

    def summary(self) -> str:
        """``congress-legislators: 3 changes (data of 2026-06-10 -> 2027-01-05)``."""
        from civickit.core.plurals import counted

        dates = f" (data of {self.before or 'unknown date'} -> {self.after or 'unknown date'})"
        if not self.changes:
            return f"{self.dataset}: no member changes{dates}"
        return f"{self.dataset}: {counted(len(self.changes), 'change')}{dates}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored beside the dataset."""
        data = asdict(self)
        data["changes"] = [asdict(change) for change in self.changes]
        return data

    def json_bytes(self) -> bytes:
        """The report as stored beside its dataset (``<file>.changes.json``)."""
        return (json.dumps(self.to_dict(), indent=2) + "\n").encode("utf-8")

    @classmethod
    def load(cls, path: Path) -> ChangeReport | None:
        """The report stored at ``path``; ``None`` when there is none or it is damaged."""
        if not path.is_file():
            return None
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, KeyError):
            return None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChangeReport:
        """The report ``to_dict`` wrote; ``ValueError``/``TypeError``/``KeyError`` if damaged."""
        changes = tuple(Change(**item) for item in data["changes"])
        return cls(data["dataset"], data["synced"], data["before"], data["after"], changes)


def compare_copies(
    compare: Changes, stored: Path, new: bytes, *, labels: tuple[str, str, str | None, str | None]
) -> ChangeReport | None:
    """The report of what ``new`` changes against the ``stored`` copy, labelled (dataset, sync
    time, data date before, data date after); ``None`` when the stored copy cannot be read or
    compared (it is about to be replaced)."""
    try:
        found = compare(stored.read_bytes(), new)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return ChangeReport(*labels, changes=found)


@dataclass(frozen=True)
class _Holder:
    """A member as the comparison sees them."""

    key: str
    name: str
    seat: str
    phone: str
    office: str


def legislators_changes(old: bytes, new: bytes) -> tuple[Change, ...]:
    """Changes between two ``legislators-current.json`` files (by bioguide id)."""
    return _diff(_legislators(old), _legislators(new))


def openstates_changes(old: bytes, new: bytes) -> tuple[Change, ...]:
    """Changes between two Open States bulk CSVs of one state (by Open States person id)."""
    return _diff(_openstates(old), _openstates(new))


def _legislators(data: bytes) -> list[_Holder]:
    members = json.loads(data.decode("utf-8"))
    if not isinstance(members, list):
        raise ValueError("expected a JSON list")
    holders = []
    for member in members:
        bioguide = str(member["id"]["bioguide"])
        term = member["terms"][-1]
        name = member.get("name") or {}
        full = name.get("official_full") or f"{name.get('first', '')} {name.get('last', '')}"
        holders.append(
            _Holder(
                key=bioguide,
                name=f"{full.strip()} ({bioguide})",
                seat=_federal_seat(term),
                phone=str(term.get("phone") or ""),
                office=str(term.get("office") or term.get("address") or ""),
            )
        )
    return holders


def _federal_seat(term: Mapping[str, Any]) -> str:
    state = str(term.get("state") or "")
    if term.get("type") == "sen":
        return Official(name="", office="us-senate", title="", state=state).seat_label
    seats = HOUSE_SEATS.get(state)
    number = AT_LARGE if seats == 1 else str(int(term.get("district") or 0))
    return District(state, "cd", number).label


def _openstates(data: bytes) -> list[_Holder]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return [
        _Holder(
            key=row.get("id") or "",
            name=f"{row.get('name') or ''} ({row.get('id') or ''})",
            seat=f"{row.get('current_chamber') or ''} {row.get('current_district') or ''}".strip(),
            phone=row.get("capitol_voice") or "",
            office=row.get("capitol_address") or "",
        )
        for row in reader
        if row.get("id")
    ]


def _diff(old: Iterable[_Holder], new: Iterable[_Holder]) -> tuple[Change, ...]:
    before = {holder.key: holder for holder in old}
    after = {holder.key: holder for holder in new}
    found: list[Change] = []
    for key in before.keys() - after.keys():
        found.append(Change("gone", before[key].seat, before[key].name))
    for key in after.keys() - before.keys():
        found.append(Change("added", after[key].seat, after[key].name))
    for key in before.keys() & after.keys():
        was, now = before[key], after[key]
        if was.seat != now.seat:
            found.append(Change("moved", now.seat, now.name, was.seat, now.seat))
        if was.phone != now.phone:
            found.append(Change("phone", now.seat, now.name, was.phone, now.phone))
        if was.office != now.office:
            found.append(Change("office", now.seat, now.name, was.office, now.office))
    held_before = Counter(holder.seat for holder in before.values())
    held_after = Counter(holder.seat for holder in after.values())
    for seat, count in held_before.items():
        found += [Change("vacant", seat)] * max(0, count - held_after[seat])
    return tuple(sorted(found, key=lambda c: (c.seat, _KIND_ORDER[c.kind], c.member)))
