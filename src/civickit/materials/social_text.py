"""Social posts as plain text for reading and copying (``civickit social``, a batch's kit)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from civickit.materials.textcount import platforms

if TYPE_CHECKING:
    from civickit.materials.social import Post


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
