"""The typed records a batch writes: one manifest line per row, with its recipients and files.

Each record turns into the exact JSON-ready dict of the manifest (``to_dict``, keys in the order
``manifest.jsonl`` and ``manifest.csv`` have always had) and is read back with ``from_dict``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from civickit.core.officials import Provenance
from civickit.lookup.answers import Candidate, rounded_share
from civickit.outreach.supporters import SupporterRow


@dataclass
class OutputFile:
    """A file a row wrote: where (relative to the batch folder), its SHA-256, format, office."""

    path: str
    sha256: str
    format: str
    recipient: str  # the office key
    language: str = ""  # the letter's language code; "" (and no key in the manifest): English

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "recipient": self.recipient,
            **({"language": self.language} if self.language else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutputFile:
        """The record of a manifest line's ``files`` entry."""
        return cls(
            str(data["path"]),
            str(data["sha256"]),
            str(data["format"]),
            str(data["recipient"]),
            str(data.get("language", "")),
        )


#: How a letter reaches its office, most direct first (``docs/delivery.md``).
CHANNELS = ("cwc", "email", "web-form", "paper")


@dataclass
class Recipient:
    """An office a row's letters are for (a vacant seat gets none), and the channel its letter
    goes by: ``cwc`` (a CWC document was made: ``civickit deliver``), ``email`` (an ``.eml``:
    ``civickit send``), ``web-form`` (``contact_form``, the letter ready to paste) or
    ``paper`` (the office's packet)."""

    key: str  # the office key, as in offices.json and each file's ``recipient``
    label: str  # "Senator Alex Padilla (CA)"
    vacant: bool = False
    office: str = ""  # the office kind ("us-senate"); "" in manifests from before 0.2
    statement: str = ""  # the campaign's text of the letter (``LetterContent.statement``)
    constituent_message: str = ""  # the writer's own words, as given
    channel: str = ""
    contact_form: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``key`` the office key, ``office`` the office kind (as in every
        JSON of civickit, docs/json.md)."""
        return {
            "key": self.key,
            "office": self.office,
            "label": self.label,
            "vacant": self.vacant,
            "statement": self.statement,
            "constituent_message": self.constituent_message,
            "channel": self.channel,
            "contact_form": self.contact_form,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recipient:
        """The record of a manifest line's ``recipients`` entry; manifests written before 0.2
        had the office key in ``office`` and no kind."""
        old = "key" not in data
        return cls(
            str(data["office"] if old else data["key"]),
            str(data["label"]),
            bool(data.get("vacant")),
            "" if old else str(data.get("office") or ""),
            str(data.get("statement", "")),
            str(data.get("constituent_message", "")),
            str(data.get("channel") or ""),
            str(data.get("contact_form") or ""),
        )


@dataclass
class CandidateDistrict:
    """One district an ambiguous row may lie in, with the officials of that district (each in
    the JSON shape of an official, ``Official.to_dict``) and its share of the row's place (of a
    ZIP's land, a fraction such as 0.64) where known: the candidate of ``civickit lookup``."""

    district: str
    officials: list[dict[str, Any] | str] = field(default_factory=list)  # str: before 0.2
    share: float | None = None

    @classmethod
    def of(cls, candidate: Candidate) -> CandidateDistrict:
        """The manifest's record of a lookup's candidate: the same JSON (``Candidate.to_dict``)."""
        return cls.from_dict(candidate.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        share = rounded_share(self.share)
        return {"district": self.district, "share": share, "officials": list(self.officials)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CandidateDistrict:
        """The record of a manifest line's ``candidates`` entry (older ones have no share, and
        their officials are display strings, kept as they are)."""
        share = data.get("share")
        officials: list[dict[str, Any] | str] = [
            dict(o) if isinstance(o, Mapping) else str(o) for o in data.get("officials", [])
        ]
        return cls(str(data["district"]), officials, None if share is None else float(share))


@dataclass
class ManifestRecord:
    """One manifest line: what became of one row of the sheet."""

    row: int
    id: str
    status: str
    reason: str = ""
    name: str = ""
    zip: str = ""
    location: str = ""
    #: Which piece of the row's location decided (``address``, ``zip``, ``district``).
    located_by: str = ""
    #: Why a more precise piece was not used, and how the pieces agree ("; "-joined).
    location_note: str = ""
    folder: str = ""
    #: The supporter's language: the row's ``language`` cell, else ``batch --lang``.
    language: str = ""
    districts: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    candidates: list[CandidateDistrict] = field(default_factory=list)
    files: list[OutputFile] = field(default_factory=list)
    #: The supporter's own materials (``batch --kit``), in ``language``.
    kit: list[OutputFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The datasets that answered the row's lookup (``datasets`` strings in older manifests).
    provenance: list[Provenance] = field(default_factory=list)
    input_hash: str = ""

    @classmethod
    def of_row(
        cls,
        row: SupporterRow,
        status: str,
        reason: str = "",
        *,
        folder: str = "",
        input_hash: str = "",
        language: str = "",
    ) -> ManifestRecord:
        """The record of a sheet's ``row`` before any lookup (``batch --dry-run`` shows these)."""
        return cls(
            row=row.row,
            id=row.id,
            status=status,
            reason=reason,
            name=row.name,
            zip=row.fields.get("zip", ""),
            location=str(row.location) if row.location else "",
            folder=folder,
            language=language,
            input_hash=input_hash,
        )

    def to_dict(self) -> dict[str, Any]:
        """The manifest line, JSON-ready."""
        return {
            "row": self.row,
            "id": self.id,
            "status": self.status,
            "reason": self.reason,
            "name": self.name,
            "zip": self.zip,
            "location": self.location,
            "located_by": self.located_by,
            "location_note": self.location_note,
            "folder": self.folder,
            "language": self.language,
            "districts": list(self.districts),
            "recipients": [r.to_dict() for r in self.recipients],
            "candidates": [c.to_dict() for c in self.candidates],
            "files": [f.to_dict() for f in self.files],
            "kit": [f.to_dict() for f in self.kit],
            "notes": list(self.notes),
            "provenance": [p.to_dict() for p in self.provenance],
            "input_hash": self.input_hash,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ManifestRecord:
        """A manifest line read back (missing fields take their defaults)."""
        return cls(
            row=int(data.get("row", 0)),
            id=str(data.get("id", "")),
            status=str(data.get("status", "")),
            reason=str(data.get("reason", "")),
            name=str(data.get("name", "")),
            zip=str(data.get("zip", "")),
            location=str(data.get("location", "")),
            located_by=str(data.get("located_by", "")),
            location_note=str(data.get("location_note", "")),
            folder=str(data.get("folder", "")),
            language=str(data.get("language", "")),
            districts=[str(d) for d in data.get("districts", [])],
            recipients=[Recipient.from_dict(r) for r in data.get("recipients", [])],
            candidates=[CandidateDistrict.from_dict(c) for c in data.get("candidates", [])],
            files=[OutputFile.from_dict(f) for f in data.get("files", [])],
            kit=[OutputFile.from_dict(f) for f in data.get("kit", [])],
            notes=[str(n) for n in data.get("notes", [])],
            provenance=[
                Provenance.from_dict(p) for p in data.get("provenance", data.get("datasets", []))
            ],
            input_hash=str(data.get("input_hash", "")),
        )


@dataclass
class OfficeAddress:
    """A postal address of an office, as packets need it (``offices.json``)."""

    label: str | None
    lines: list[str]
    zip: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "label": self.label,
            "lines": list(self.lines),
            "zip": self.zip,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OfficeAddress:
        """An address read back from ``offices.json``."""
        return cls(
            data.get("label"),
            [str(line) for line in data.get("lines", [])],
            data.get("zip"),
            data.get("latitude"),
            data.get("longitude"),
        )


@dataclass
class OfficeRecord:
    """What packets need to know about an office letters went to (one entry of
    ``offices.json``)."""

    key: str
    label: str
    office: str
    seat: str
    capitol: OfficeAddress | None = None
    district_offices: list[OfficeAddress] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "key": self.key,
            "label": self.label,
            "office": self.office,
            "seat": self.seat,
            "capitol": self.capitol.to_dict() if self.capitol else None,
            "district_offices": [a.to_dict() for a in self.district_offices],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OfficeRecord:
        """An office read back from ``offices.json``."""
        capitol = data.get("capitol")
        return cls(
            key=str(data["key"]),
            label=str(data["label"]),
            office=str(data.get("office", "")),
            seat=str(data.get("seat", "")),
            capitol=OfficeAddress.from_dict(capitol) if capitol else None,
            district_offices=[OfficeAddress.from_dict(a) for a in data.get("district_offices", [])],
        )
