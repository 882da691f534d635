"""How alike the letters to each office are: Jaccard similarity of word 3-shingles.

Staff set identical form letters aside, so a batch measures how alike the letters to one office
are. A letter's body (the campaign's statement and the writer's own message) becomes its set of
word 3-shingles (three consecutive words, case-folded); two letters' similarity is the Jaccard
index of their sets: 1.0 for the same words, 0.0 for no three words in common.

To stay fast and flat in memory for any batch size, each office keeps a sample of at most
``SAMPLE`` letters (the ones whose row id hashes lowest: a fixed, order-independent choice) and
each sampled letter only a bottom-``SKETCH`` sketch of its shingle hashes (the ``SKETCH`` lowest
BLAKE2b hashes), from which the Jaccard index of two letters is estimated (exactly when the
two have at most ``SKETCH`` shingles between them). Identical bodies are counted exactly among
the sample. At most ``PAIR_BUDGET`` pairs are compared in all.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from civickit.core.plurals import counted
from civickit.outreach.records import ManifestRecord

SHINGLE_WORDS = 3
SAMPLE = 24  # letters per office whose pairs are compared: 276 pairs
SKETCH = 64  # shingle hashes kept per sampled letter
PAIR_BUDGET = 250_000  # pairs compared in all; offices beyond ~900 compare fewer letters each
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word ``size``-shingles of ``text``, case-folded (one shingle for shorter texts)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """The Jaccard index of two sets (1.0 for two empty ones)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Sketch:
    """The lowest ``SKETCH`` shingle hashes of one letter, and a digest of its whole body."""

    hashes: frozenset[int]
    digest: bytes

    @classmethod
    def of(cls, body: str) -> Sketch:
        """The sketch of ``body``."""
        lowest = heapq.nsmallest(SKETCH, {_hash(s) for s in shingles(body)})
        digest = hashlib.blake2b(" ".join(body.split()).encode("utf-8"), digest_size=16).digest()
        return cls(frozenset(lowest), digest)

    def similarity(self, other: Sketch) -> float:
        """The estimated Jaccard index of the two letters' shingle sets."""
        if self.digest == other.digest:
            return 1.0
        union = sorted(self.hashes | other.hashes)[:SKETCH]
        if not union:
            return 1.0
        both = self.hashes & other.hashes
        return sum(1 for h in union if h in both) / len(union)


@dataclass
class OfficeSimilarity:
    """How alike the sampled letters to one office are."""

    letters: int = 0
    sampled: int = 0
    median: float = 0.0
    mean: float = 0.0
    max: float = 0.0
    identical_pairs: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "letters": self.letters,
            "sampled": self.sampled,
            "median": round(self.median, 3),
            "mean": round(self.mean, 3),
            "max": round(self.max, 3),
            "identical_pairs": self.identical_pairs,
        }


@dataclass
class SimilarityMeter:
    """Feeds on ``(office, row id, body)`` and reports how alike each office's letters are."""

    sample: int = SAMPLE
    counts: dict[str, int] = field(default_factory=dict)
    storyless: dict[str, int] = field(default_factory=dict)  # letters with no writer's message
    # Per office a max-heap (negated keys) of the sampled letters with the lowest keys.
    _samples: dict[str, list[tuple[int, str, Sketch]]] = field(default_factory=dict)

    def add(self, office: str, row_id: str, body: str) -> None:
        """Count one letter to ``office``; sample it when its row id hashes low enough."""
        self.counts[office] = self.counts.get(office, 0) + 1
        key = _hash(f"{office}\x1f{row_id}")
        heap = self._samples.setdefault(office, [])
        if len(heap) < self.sample:
            heapq.heappush(heap, (-key, row_id, Sketch.of(body)))
        elif -heap[0][0] > key:
            heapq.heapreplace(heap, (-key, row_id, Sketch.of(body)))

    def add_record(self, record: ManifestRecord) -> None:
        """Count the letters of one manifest line (its recipients' statements and message)."""
        for recipient in record.recipients:
            if recipient.statement:
                body = f"{recipient.constituent_message}\n\n{recipient.statement}"
                self.add(recipient.label, record.id, body)
                if not recipient.constituent_message:
                    label = recipient.label
                    self.storyless[label] = self.storyless.get(label, 0) + 1

    def offices(self) -> dict[str, OfficeSimilarity]:
        """Every office with at least two letters, by office. Within ``PAIR_BUDGET`` pairs in
        all, each office compares as many of its sampled letters as it can (at least 3)."""
        result = {}
        crowded = sum(1 for heap in self._samples.values() if len(heap) > 1)
        per_office = max(3, math.isqrt(2 * PAIR_BUDGET // max(crowded, 1)) + 1)
        for office, heap in sorted(self._samples.items()):
            sketches = [sketch for _, _, sketch in sorted(heap, reverse=True)][:per_office]
            if len(sketches) < 2:
                continue
            values = [a.similarity(b) for i, a in enumerate(sketches) for b in sketches[i + 1 :]]
            identical = sum(
                1 for i, a in enumerate(sketches) for b in sketches[i + 1 :] if a.digest == b.digest
            )
            result[office] = OfficeSimilarity(
                letters=self.counts[office],
                sampled=len(sketches),
                median=statistics.median(values),
                mean=statistics.fmean(values),
                max=max(values),
                identical_pairs=identical,
            )
        return result


@dataclass(frozen=True)
class SimilarityReport:
    """What ``summary.json`` says of how alike letters are, with warnings to show."""

    offices: dict[str, OfficeSimilarity]
    warnings: tuple[str, ...] = ()

    @property
    def median(self) -> float | None:
        """The median of the offices' medians (``None`` when no office has two letters)."""
        medians = [o.median for o in self.offices.values()]
        return statistics.median(medians) if medians else None

    @property
    def max(self) -> float | None:
        """The highest similarity of any two sampled letters to one office."""
        return max((o.max for o in self.offices.values()), default=None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "measure": f"Jaccard index of word {SHINGLE_WORDS}-shingles",
            "median": None if self.median is None else round(self.median, 3),
            "max": None if self.max is None else round(self.max, 3),
            "offices": {office: o.to_dict() for office, o in self.offices.items()},
        }


def similarity_report(meter: SimilarityMeter, variants: dict[str, int]) -> SimilarityReport:
    """The report of ``meter``, warning of offices that get more letters without a story than
    the campaign has variants for (``variants``: office to about how many different statements
    it can get) and of identical letters among those sampled."""
    offices = meter.offices()
    warnings = []
    for office, count in sorted(meter.storyless.items()):
        possible = variants.get(office)
        if possible is not None and count > possible:
            warnings.append(
                f"{counted(count, 'letter')} to {office} but the campaign has only about "
                f"{counted(possible, 'different letter')} for it: add openings, closings or "
                "ask phrasings (campaigns.md, [letter])"
            )
    for office, found in offices.items():
        if found.identical_pairs:
            warnings.append(
                f"{counted(found.identical_pairs, 'pair')} of identical letters to {office} "
                f"among {found.sampled} sampled: add variants to the campaign"
            )
    return SimilarityReport(offices, tuple(warnings))
