"""What ``civickit social`` is asked for and what it gives: options, posts, what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.materials.textcount import Platform

ItemKind = Literal["fact", "quote"]


@dataclass(frozen=True)
class Post:
    """One post ready to publish, or one numbered part of a thread."""

    platform: str
    text: str
    length: int
    limit: int
    unit: str
    thread_position: str | None
    source_id: str
    kind: ItemKind
    item_id: str
    shortened: bool = False
    cut: bool = False  # the fact itself was shortened (at a sentence or clause boundary)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: platform, text, counted length, limit, thread position, ids."""
        return {
            "platform": self.platform,
            "text": self.text,
            "length": self.length,
            "limit": self.limit,
            "unit": self.unit,
            "thread_position": self.thread_position,
            "source_id": self.source_id,
            f"{self.kind}_id": self.item_id,
            "shortened": self.shortened,
            "cut": self.cut,
        }


@dataclass(frozen=True)
class LeftOut:
    """A fact or quote that gets no post on a platform, and why."""

    platform: str
    kind: ItemKind
    item_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "platform": self.platform,
            f"{self.kind}_id": self.item_id,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class SocialPosts:
    """The posts for every chosen platform, and what was left out where."""

    posts: list[Post]
    left_out: list[LeftOut] = field(default_factory=list)


@dataclass(frozen=True)
class SocialOptions:
    """What to generate: which platforms, how many items, threads, URL, hashtags."""

    platforms: tuple[Platform, ...]
    count: int | None = None
    thread: bool = False
    url: str | None = None
    hashtags: bool = True
    template_dir: Path | None = None
    language: str = DEFAULT_LANGUAGE  # a language code (core/languages.language_code)
