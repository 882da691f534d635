"""Text views of social posts and of draft measurements (``social``, ``social check``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from civickit.materials.textcount import platforms

if TYPE_CHECKING:
    from civickit.materials.social import Post
    from civickit.materials.textcount import Measure

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


def posts_text(posts: Sequence[Post]) -> str:
    """Posts for reading and copying: a header line per post, then its text."""
    blocks = []
    for post in posts:
        label = platforms()[post.platform].label
        details = [label, f"{post.kind} {post.item_id}"]
        if post.thread_position:
            details.append(post.thread_position)
        details.append(f"{post.length}/{post.limit} {post.unit}")
        if post.shortened:
            details.append("shortened")
        blocks.append(f"── {' · '.join(details)} ──\n{post.text}\n")
    return "\n".join(blocks)


def measures_text(measures: Iterable[Measure]) -> str:
    """One line per platform: name, length against limit, and whether the text fits."""
    lines = []
    for item in measures:
        verdict = "fits" if item.fits else "; ".join(item.problems)
        count = f"{item.length}/{item.limit} {item.unit}"
        lines.append(f"{item.label:<10} {count:<28} {verdict}")
    return "\n".join(lines) + "\n"
