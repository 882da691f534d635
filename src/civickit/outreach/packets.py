"""Delivery packets: one bundle per office of all its constituents' letters, with a cover sheet.

The cover sheet names the office, where to deliver the packet, how many constituent letters it
holds, the campaign and the date. The delivery address is the office's district office nearest
the supporters who wrote, else its Capitol (Washington) office.

"Nearest" is measured one of two ways, and the packet says which:

* by distance from each supporter ZIP's centroid to the office's latitude/longitude, when a
  centroid table is given (``centroid``) and the office has coordinates;
* otherwise by ZIP prefix: the distance between two ZIPs is 5 minus the number of leading
  digits they share (ZIPs are assigned outward from regional sorting centres, so a longer
  shared prefix means nearer). Each office's score is the sum over supporters; the lowest wins,
  the first listed office on a tie.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.core.officials import Address, Official
from civickit.core.safety import safe_filename_part
from civickit.outreach.batch_paths import relative_inside
from civickit.outreach.covers import CoverSheet, CoverWords
from civickit.outreach.manifest import (
    STATE_DIR,
    atomic_write,
    open_text_atomic,
)
from civickit.outreach.packet_pdfs import PdfRecord, pdf_source_digest
from civickit.outreach.records import ManifestRecord, OfficeAddress, OfficeRecord

PACKETS_DIR = "packets"
Centroid = Callable[[str], tuple[float, float] | None]
PdfFunction = Callable[[Sequence[str]], bytes]
PAGE_BREAK = "\f\n"


def office_key(official: Official) -> str:
    """A stable, file-name-safe key for the office an official holds, readable as a packet's
    file name: ``us-senate-ca-padilla-p000145``, ``us-house-ca-12-simon-s001231``."""
    ids = official.ids
    person_id = ids.get("bioguide") or next(iter(sorted(ids.values())), "")
    who = official.last_name if official.name and not official.vacant else "vacant"
    parts = [official.office, _seat(official), who, person_id]
    return safe_filename_part("-".join(p for p in parts if p))


def _seat(official: Official) -> str:
    """``CA-12`` for a district seat, ``CA`` for a senator (not ``CA (Senate)``)."""
    return official.state if official.office == "us-senate" else official.seat_label


def office_record(official: Official) -> OfficeRecord:
    """What packets need to know about an office (kept in ``offices.json``)."""
    return OfficeRecord(
        key=office_key(official),
        label=office_label(official),
        office=official.office,
        seat=official.seat_label,
        capitol=_address(official.capitol_office),
        district_offices=[a for a in map(_address, official.district_offices) if a is not None],
    )


def office_label(official: Official) -> str:
    """``Senator Alex Padilla (CA)`` or ``Vacant seat (CA-14)``."""
    if official.vacant or not official.name:
        return f"Vacant seat ({official.seat_label})"
    return f"{official.title} {official.name} ({_seat(official)})"


def _address(address: Address | None) -> OfficeAddress | None:
    if address is None:
        return None
    return OfficeAddress(
        address.label, address.postal_lines(), address.zip, address.latitude, address.longitude
    )


def zip_distance(first: str, second: str) -> int:
    """5 minus the count of leading digits two ZIPs share (0 = same ZIP)."""
    shared = 0
    for a, b in zip(first[:5], second[:5], strict=False):
        if a != b:
            break
        shared += 1
    return 5 - shared


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def nearest_office(
    offices: Sequence[OfficeAddress],
    zip_counts: Mapping[str, int],
    centroid: Centroid | None = None,
) -> tuple[OfficeAddress | None, str]:
    """The district office nearest the supporters' ZIPs, and the method used to pick it."""
    if not offices or not zip_counts:
        return None, "none"
    if centroid is not None:
        points = {z: centroid(z) for z in zip_counts}
        located = [o for o in offices if o.latitude is not None and o.longitude is not None]
        if located and any(points.values()):

            def km(office: OfficeAddress) -> float:
                spot = (float(office.latitude or 0.0), float(office.longitude or 0.0))
                return sum(
                    n * _haversine_km(p, spot)
                    for z, n in zip_counts.items()
                    if (p := points[z]) is not None
                )

            return min(located, key=km), "zip-centroid"
    with_zip = [o for o in offices if o.zip]
    if not with_zip:
        return offices[0], "first-listed"

    def score(office: OfficeAddress) -> int:
        return sum(n * zip_distance(z, str(office.zip)) for z, n in zip_counts.items())

    return min(with_zip, key=score), "zip-prefix"


@dataclass(frozen=True)
class Packet:
    """One office's packet as written."""

    office: str
    label: str
    letters: int
    delivery: list[str]
    method: str
    files: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "office": self.office,
            "label": self.label,
            "letters": self.letters,
            "delivery_address": self.delivery,
            "delivery_method": self.method,
            "files": self.files,
        }


class LetterIndex:
    """Letters per office on disk (SQLite), so packets of 100,000 rows need little memory."""

    def __init__(self, out: Path) -> None:
        path = out / STATE_DIR / "packets.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE TABLE letters (office TEXT, sort_name TEXT, row INTEGER, zip TEXT,"
            " format TEXT, path TEXT, language TEXT)"
        )

    def add_record(self, record: ManifestRecord) -> None:
        """Index the letters of one ok manifest record."""
        name = record.name.casefold()
        self.db.executemany(
            "INSERT INTO letters VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (f.recipient, name, record.row, record.zip, f.format, f.path, f.language)
                for f in record.files
                if f.recipient and relative_inside(f.path)  # a tampered path is never read
            ],
        )

    def count(self, fmt: str) -> int:
        """How many letters in ``fmt`` are indexed."""
        row = self.db.execute("SELECT COUNT(*) FROM letters WHERE format = ?", (fmt,)).fetchone()
        return int(row[0])

    def offices(self) -> list[str]:
        """Every office with at least one letter."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT office FROM letters ORDER BY 1")]

    def offices_with(self, fmt: str) -> int:
        """How many offices have at least one letter in ``fmt``."""
        query = "SELECT COUNT(DISTINCT office) FROM letters WHERE format = ?"
        return int(self.db.execute(query, (fmt,)).fetchone()[0])

    def zip_counts(self, office: str) -> dict[str, int]:
        """Supporter ZIP -> number of supporters writing to ``office``."""
        rows = self.db.execute(
            "SELECT zip, COUNT(DISTINCT row) FROM letters WHERE office = ? AND zip != ''"
            " GROUP BY zip",
            (office,),
        )
        return dict(rows)

    def languages(self, office: str) -> dict[str, int]:
        """Language code -> number of supporters whose letters to ``office`` are in it."""
        rows = self.db.execute(
            "SELECT language, COUNT(DISTINCT row) FROM letters WHERE office = ? GROUP BY 1",
            (office,),
        )
        return {code or DEFAULT_LANGUAGE: count for code, count in rows}

    def letters(self, office: str, fmt: str) -> list[str]:
        """Paths of ``office``'s letters in ``fmt``, sorted by supporter name then row."""
        rows = self.db.execute(
            "SELECT path FROM letters WHERE office = ? AND format = ? ORDER BY sort_name, row",
            (office, fmt),
        )
        return [r[0] for r in rows]

    def close(self) -> None:
        """Close and forget the index."""
        self.db.close()


PAGE_SIZE = re.compile(r"@page\s*\{[^}]*?\bsize\s*:\s*([^;}]+)", re.IGNORECASE)


def letter_page_size(html: str) -> str:
    """The page size a letter's HTML asks for in its ``@page`` rule (``letter`` when none, the
    size ``letter_base.html`` sets), so a packet's cover sheet is on the letters' paper."""
    found = PAGE_SIZE.search(html)
    size = found.group(1).strip() if found else ""
    return size if re.fullmatch(r"[\w .-]+", size) else "letter"


def write_packet_pdf(
    pdf: PdfFunction, cover_html: str, letter_paths: Sequence[str], target: str, out: str
) -> str:
    """Render cover plus letters into one PDF at ``target``; runs in a worker process."""
    root = Path(out)
    documents = [cover_html, *((root / p).read_text(encoding="utf-8") for p in letter_paths)]
    return atomic_write(root / target, pdf(documents), root)


def build_packets(
    out: Path,
    index: LetterIndex,
    offices: Mapping[str, OfficeRecord],
    *,
    campaign: str,
    date: dt.date,
    pdf: PdfFunction | None,
    executor: Executor | None,
    centroid: Centroid | None = None,
    on_packet: Callable[[int, int], None] | None = None,
    cover_words: Callable[[str], tuple[CoverWords, str] | None] | None = None,
) -> list[Packet]:
    """Write ``packets/<office>.txt`` (and ``.pdf`` when ``pdf`` is given) for every office.

    ``on_packet(done, total)`` is called after each packet file is written (text ones first).
    ``cover_words(code)`` gives a language's cover words and campaign title (``None``: the
    English cover), so a packet all in that language has its cover in it."""
    covers: dict[str, CoverWords] = {}
    titles: dict[str, str] = {}
    packets: list[Packet] = []
    pending: list[tuple[int, Any]] = []
    keys = index.offices()
    total = len(keys) + (index.offices_with("html") if pdf is not None else 0)
    done = 0
    if on_packet is not None:
        on_packet(0, total)

    def written() -> None:
        nonlocal done
        done += 1
        if on_packet is not None:
            on_packet(done, total)

    for key in keys:
        info = offices.get(key) or OfficeRecord(key, key, "", "")
        chosen, method = nearest_office(info.district_offices, index.zip_counts(key), centroid)
        if chosen is None:
            chosen, method = info.capitol, "capitol-office"
        txt_letters = index.letters(key, "txt")
        html_letters = index.letters(key, "html")
        count = max(len(txt_letters), len(html_letters))
        cover = CoverSheet(
            info.label,
            list(chosen.lines) if chosen else [],
            method,
            count,
            campaign,
            date,
            letter_page_size((out / html_letters[0]).read_text(encoding="utf-8"))
            if pdf is not None and html_letters
            else "letter",
            _cover_languages(index.languages(key), cover_words, covers, titles),
            covers,
            titles,
        )
        files = []
        if txt_letters:
            files.append(_write_packet_text(out, key, cover, txt_letters))
        written()
        packet = Packet(key, cover.office, count, cover.delivery, method, files)
        packets.append(packet)
        if pdf is not None and html_letters:
            target = f"{PACKETS_DIR}/{key}.pdf"
            pending.append((len(packets) - 1, (target, cover.html(), html_letters)))
    # Largest packets first, so the last worker to finish is not left with a big one.
    pending.sort(key=lambda item: -len(item[1][2]))
    made = PdfRecord(out)
    jobs: list[tuple[int, tuple[str, Any]]] = []
    for position, (target, cover_html, letters) in pending:
        assert pdf is not None  # only PDF jobs are pending
        source = pdf_source_digest(out, cover_html, letters)
        kept = made.unchanged(target, source)
        if kept is not None:
            jobs.append((position, (target, kept)))
            continue
        made.expect(target, source)
        args = (pdf, cover_html, letters, target, str(out))
        job = executor.submit(write_packet_pdf, *args) if executor else write_packet_pdf(*args)
        jobs.append((position, (target, job)))
    for position, (target, job) in jobs:  # largest first, as they were started
        digest = job if isinstance(job, str) else job.result()
        made.done(target, digest)
        packets[position].files.append({"path": target, "sha256": digest})
        written()
    made.save()
    return packets


def _cover_languages(
    languages: dict[str, int],
    cover_words: Callable[[str], tuple[CoverWords, str] | None] | None,
    covers: dict[str, CoverWords],
    titles: dict[str, str],
) -> dict[str, int]:
    """``languages``, after adding the cover words and campaign title of each one not yet
    in ``covers`` (those ``cover_words`` gives) to ``covers`` and ``titles``."""
    for code in languages.keys() - covers.keys() - {DEFAULT_LANGUAGE}:
        found = cover_words(code) if cover_words is not None else None
        if found is not None:
            covers[code], titles[code] = found
    return languages


def remove_old_packets(out: Path, packets: Iterable[Packet]) -> None:
    """Delete packet files an earlier run wrote for offices that have no letters now."""
    folder = out / PACKETS_DIR
    if not folder.is_dir():
        return
    kept = {Path(f["path"]).name for packet in packets for f in packet.files}
    for entry in folder.iterdir():
        if entry.is_file() and entry.suffix in {".txt", ".pdf"} and entry.name not in kept:
            entry.unlink()


def _write_packet_text(
    out: Path, key: str, cover: CoverSheet, letters: Iterable[str]
) -> dict[str, str]:
    target = f"{PACKETS_DIR}/{key}.txt"
    with open_text_atomic(out / target, out) as packet:
        packet.write(cover.text())
        for path in letters:
            packet.write(PAGE_BREAK)
            packet.write((out / path).read_text(encoding="utf-8"))
    return {"path": target, "sha256": packet.sha256}
