"""How each social platform counts a post's length, and what it allows.

Each platform counts differently, so one number for "characters" is wrong almost everywhere:

- X: twitter-text v3 weighted length (URLs 23, code points outside the light ranges 2, emoji
  sequences 2), computed by ``xcount``, written from twitter-text's configuration and checked
  against every weighted case of its conformance suite.
- Bluesky: grapheme clusters (and at most 3,000 UTF-8 bytes, the post record's own limit).
- Mastodon: grapheme clusters, every http(s) URL counted as 23 and ``@user@server`` as ``@user``.
- Threads: characters, each emoji counted as its UTF-8 byte length (Meta's published rule).
- LinkedIn, Facebook, Instagram: UTF-16 code units, as the browsers' text fields count them.

The table in :func:`platforms` is the one owner of each platform's limits: length, bytes,
hashtags, and whether links in the text are clickable (not in Instagram captions).

See docs/social.md for the sources of each rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from civickit.errors import UsageError
from civickit.materials.xcount import INVALID_CHARACTERS, count_x, find_urls, utf16_length

URL_WEIGHT = 23  # Mastodon's length for any http(s) URL
_GRAPHEME = regex.compile(r"\X")
_EMOJI_CLUSTER = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3]")
_HASHTAG = regex.compile(r"(?<![\w&])[#＃](?!\uFE0F|\u20E3)[\w\p{M}]*\p{L}[\w\p{M}]*")
# Mastodon counts a remote mention "@user@server.example" as its local part "@user".
_REMOTE_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@\w+(?:[.-]+\w+)*", regex.IGNORECASE
)


def graphemes(text: str) -> list[str]:
    """The extended grapheme clusters of ``text`` (what a reader sees as one character)."""
    return [str(cluster) for cluster in _GRAPHEME.findall(text)]


def grapheme_length(text: str) -> int:
    """Number of extended grapheme clusters (Unicode UAX #29) in ``text``."""
    return len(_GRAPHEME.findall(text))


def utf8_size(text: str) -> int:
    """Number of UTF-8 bytes of ``text`` (a stray surrogate, as undecodable input gives, as 3)."""
    return len(text.encode("utf-8", "surrogatepass"))


def hashtags_in(text: str) -> list[str]:
    """The hashtags in ``text``: ``#`` and a word with at least one letter."""
    return [str(tag) for tag in _HASHTAG.findall(text)]


def x_length(text: str) -> int:
    """twitter-text v3 weighted length of ``text`` (the number X shows against 280)."""
    return count_x(text).weighted_length


def mastodon_length(text: str) -> int:
    """Mastodon's count: graphemes, each http(s) URL as 23, remote mentions as the local part."""
    pieces: list[str] = []
    position = 0
    for start, end in find_urls(text, without_protocol=False):
        pieces.extend((text[position:start], "x" * URL_WEIGHT))
        position = end
    pieces.append(text[position:])
    return grapheme_length(_REMOTE_MENTION.sub(r"@\1", "".join(pieces)))


def threads_length(text: str) -> int:
    """Threads' count: characters (as UTF-16 units), each emoji as its UTF-8 byte length."""
    total = 0
    for cluster in graphemes(text):
        if _EMOJI_CLUSTER.search(cluster):
            total += utf8_size(cluster)
        else:
            total += utf16_length(cluster)
    return total


@dataclass(frozen=True)
class Measure:
    """How one platform counts a text, and every reason it would refuse it."""

    platform: str
    label: str
    length: int
    limit: int
    unit: str
    problems: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        """True when the platform would accept the text."""
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "platform": self.platform,
            "length": self.length,
            "limit": self.limit,
            "unit": self.unit,
            "fits": self.fits,
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class Platform:
    """A platform's length rule and limits."""

    name: str
    label: str
    limit: int
    unit: str
    counter: Callable[[str], int] = field(repr=False)
    max_hashtags: int | None = None
    max_bytes: int | None = None
    links: bool = True  # False: a URL in the text is shown but not clickable (Instagram)
    # How many hashtags become tags; the rest stay plain text (Threads: one topic per post).
    tagged_hashtags: int | None = None

    @property
    def hashtags_per_post(self) -> int | None:
        """The most hashtags worth putting in a post: allowed, and each one a working tag."""
        caps = [cap for cap in (self.max_hashtags, self.tagged_hashtags) if cap is not None]
        return min(caps) if caps else None

    def count(self, text: str) -> int:
        """The length of ``text`` as this platform counts it."""
        return self.counter(text)

    def within_limit(self, text: str) -> bool:
        """True when ``text`` is within the length (and byte) limits."""
        if self.max_bytes is not None and utf8_size(text) > self.max_bytes:
            return False
        return self.count(text) <= self.limit

    def measure(self, text: str) -> Measure:
        """Count ``text`` and list every limit it breaks."""
        length = self.count(text)
        problems: list[str] = []
        if length > self.limit:
            problems.append(f"too long by {length - self.limit} {self.unit}")
        if self.max_bytes is not None:
            size = utf8_size(text)
            if size > self.max_bytes:
                problems.append(f"{size} UTF-8 bytes; {self.label} allows {self.max_bytes}")
        if self.max_hashtags is not None:
            tags = len(hashtags_in(text))
            if tags > self.max_hashtags:
                problems.append(f"{tags} hashtags; {self.label} allows {self.max_hashtags}")
        if self.name == "x" and any(ch in text for ch in INVALID_CHARACTERS):
            problems.append("contains U+FEFF, U+FFFE or U+FFFF, which X refuses")
        return Measure(self.name, self.label, length, self.limit, self.unit, tuple(problems))


@cache
def platforms() -> dict[str, Platform]:
    """Every supported platform by name, in display order."""
    table = [
        Platform("x", "X", 280, "weighted characters", x_length),
        Platform("bluesky", "Bluesky", 300, "graphemes", grapheme_length, max_bytes=3000),
        Platform("mastodon", "Mastodon", 500, "characters", mastodon_length),
        Platform("threads", "Threads", 500, "characters", threads_length, tagged_hashtags=1),
        Platform("linkedin", "LinkedIn", 3000, "characters", utf16_length),
        Platform("facebook", "Facebook", 63206, "characters", utf16_length),
        Platform(
            "instagram", "Instagram", 2200, "characters", utf16_length, max_hashtags=5, links=False
        ),
    ]
    return {platform.name: platform for platform in table}


def platform(name: str) -> Platform:
    """The platform called ``name``."""
    return parse_platforms([name])[0]


def parse_platforms(values: str | Iterable[str] | None) -> list[Platform]:
    """Platforms from ``"x,bluesky"``, ``["x", "mastodon"]`` or ``"all"`` (also the default)."""
    known = platforms()
    raw = [values] if isinstance(values, str) else list(values or [])
    names = [part.strip().lower() for value in raw for part in value.split(",") if part.strip()]
    if not names or "all" in names:
        return list(known.values())
    chosen: list[Platform] = []
    for name in names:
        if name not in known:
            choices = ", ".join(known)
            raise UsageError(f"unknown platform {name!r}: use one or more of {choices}, or all")
        if known[name] not in chosen:
            chosen.append(known[name])
    return chosen


def measure_all(text: str, chosen: Iterable[Platform]) -> list[Measure]:
    """Measure ``text`` on each platform; an empty text is a usage error."""
    if not text.strip():
        raise UsageError("the post is empty: give its text, or - to read it from stdin")
    return [item.measure(text) for item in chosen]
