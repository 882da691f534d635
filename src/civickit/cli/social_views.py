"""Text views of social posts and of draft measurements (``social``, ``social check``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from civickit.materials.social_text import posts_text

if TYPE_CHECKING:
    from civickit.materials.textcount import Measure

__all__ = ["POST_CSV_COLUMNS", "measures_text", "posts_text"]

# ``social --format csv``: one row per post, the JSON's keys (a post cites a fact or a quote).
POST_CSV_COLUMNS = (
    "platform",
    "text",
    "length",
    "limit",
    "unit",
    "thread_position",
    "source_id",
    "fact_id",
    "quote_id",
    "shortened",
)


def measures_text(measures: Iterable[Measure]) -> str:
    """One line per platform: name, length against limit, and whether the text fits."""
    lines = []
    for item in measures:
        verdict = "fits" if item.fits else "; ".join(item.problems)
        count = f"{item.length}/{item.limit} {item.unit}"
        lines.append(f"{item.label:<10} {count:<28} {verdict}")
    return "\n".join(lines) + "\n"
