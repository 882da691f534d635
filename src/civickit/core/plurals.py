"""Counts in words: ``1 row``, ``2 rows``; the one place a message picks singular or plural."""

from __future__ import annotations


def noun_for(number: int, noun: str, plural: str | None = None) -> str:
    """``noun`` when ``number`` is 1, else its plural (``plural``, or ``noun + "s"``)."""
    return noun if number == 1 else plural or f"{noun}s"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun`` in agreement: ``1 row``, ``0 rows``, ``3 entries``."""
    return f"{number} {noun_for(number, noun, plural)}"
