"""Which packet PDFs were made from what, so an unchanged packet is not rendered again."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from civickit.outreach.manifest import STATE_DIR, sha256_bytes, sha256_file, write_json


def pdf_source_digest(out: Path, cover_html: str, letters: Sequence[str]) -> str:
    """A hash of everything a packet PDF is made from: its cover and its letters' HTML."""
    parts = [sha256_bytes(cover_html.encode("utf-8"))]
    parts += [f"{path}:{sha256_file(out / path)}" for path in letters]
    return sha256_bytes("\n".join(parts).encode("utf-8"))


class PdfRecord:
    """Which packet PDFs were made from which sources (``.civickit/packet-pdfs.json``), so a
    re-run renders again only the packets whose cover or letters changed: rendering is by far
    the slowest part of a batch."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / STATE_DIR / "packet-pdfs.json"
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.previous: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
        self.current: dict[str, dict[str, str]] = {}

    def unchanged(self, target: str, source: str) -> str | None:
        """The PDF's SHA-256 when it was made from ``source`` and is still intact on disk."""
        entry = self.previous.get(target)
        if not isinstance(entry, dict) or entry.get("source") != source:
            return None
        digest = entry.get("sha256")
        if not isinstance(digest, str) or sha256_file(self.out / target) != digest:
            return None
        self.current[target] = {"source": source, "sha256": digest}
        return digest

    def expect(self, target: str, source: str) -> None:
        """``target`` is being rendered from ``source``."""
        self.current[target] = {"source": source, "sha256": ""}

    def done(self, target: str, digest: str) -> None:
        """``target`` was written with SHA-256 ``digest``."""
        self.current.setdefault(target, {"source": "", "sha256": ""})["sha256"] = digest

    def save(self) -> None:
        """Write the record (only the packets of this run)."""
        write_json(self.path, dict(sorted(self.current.items())), self.out)
