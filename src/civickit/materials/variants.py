"""Seeded choices: the same writer and office always choose the same variants.

A :class:`Variation` is built from a seed (the writer and the office, see ``letter_seed``);
every choice hashes the seed with the name of the slot it fills (``"opening"``, ``"ask"`` ...)
with BLAKE2b, so a choice is stable across runs, machines and Python versions (unlike
``hash()``), and the choices of one slot are independent of those of another.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from civickit.core.officials import Official

T = TypeVar("T")
_SEP = "\x1f"


def normalised(text: str) -> str:
    """``text`` as a seed sees it: NFKC, case-folded, whitespace squeezed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def stable_hash(*parts: str) -> int:
    """A 64-bit hash of ``parts`` that is the same everywhere and always."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:  # each part length-prefixed, so ("a", "b") is not ("a\x1fb",)
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(4, "big") + data)
    return int.from_bytes(digest.digest(), "big")


class Variation:
    """Deterministic choices for one seed."""

    def __init__(self, seed: str) -> None:
        self.seed = seed

    def number(self, slot: str, *more: str) -> int:
        """The seed's 64-bit number for ``slot``."""
        return stable_hash(self.seed, slot, *more)

    def pick(self, slot: str, options: Sequence[T]) -> T:
        """One of ``options`` (not empty) for ``slot``."""
        if not options:
            raise ValueError(f"no options to choose the {slot} from")
        return options[self.number(slot) % len(options)]

    def shuffled(self, slot: str, options: Sequence[T]) -> list[T]:
        """``options`` in the seed's order for ``slot``."""
        order = sorted(range(len(options)), key=lambda i: self.number(slot, str(i)))
        return [options[i] for i in order]

    def sample(self, slot: str, options: Sequence[T], k: int) -> list[T]:
        """``k`` of ``options`` (all when there are fewer), kept in their given order."""
        if k >= len(options):
            return list(options)
        keep = set(sorted(range(len(options)), key=lambda i: self.number(slot, str(i)))[:k])
        return [option for i, option in enumerate(options) if i in keep]


def letter_seed(writer: Sequence[str], official: Official) -> Variation:
    """The variation of one writer's letter to one office.

    ``writer`` is what identifies the person (name and postal address); case, accents'
    composition and spacing do not change the seed, so ``JANE DOE`` and ``Jane Doe`` at the
    same address write the same letter.
    """
    office = (
        official.office,
        official.state,
        official.seat_label,
        official.name,
        official.organisation or "",
    )
    return Variation(_SEP.join(normalised(part) for part in (*writer, *office)))
