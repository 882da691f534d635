"""Property tests: no generated, shortened or split post ever exceeds its platform's limit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickit.campaign import Campaign, Fact, Quote, Source
from civickit.core.dates import FuzzyDate, Precision
from civickit.materials.social import SocialOptions, generate_posts, shorten, split_thread
from civickit.materials.textcount import (
    Platform,
    grapheme_length,
    measure_all,
    parse_platforms,
    platform,
)
from civickit.materials.xcount import utf16_length

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
PIECES = [
    "word", "facial", "recognition", "Congress.", "police!", "Why?", "…", "—", "“", "”",
    "故人西辞黄鹤楼", "あいうえお", "한국어", "مرحبا", "Ελληνικά",
    FAMILY, "👍🏽", "🏳️‍🌈", "\U0001f1fa\U0001f1f8", "1\ufe0f\u20e3", "😷",
    "e\u0301\u0302\u0303", "a" + "\u0300" * 12, "\u200d", "\u2066", "\t", "\n", "\n\n",
    "https://www.congress.gov/members/find-your-member", "http://example.org/a?b=c",
    "example.com", "t.co/abc", "@someone@mastodon.social", "#Hashtag", "＃タグ",
]  # fmt: skip
token = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
gap = st.sampled_from([" ", " ", " ", ". ", ", ", "\n", "", "  "])
# Lengths drawn explicitly: left to itself hypothesis keeps lists short, and short texts
# never reach the limits this is about.
texts = st.integers(min_value=1, max_value=150).flatmap(
    lambda size: st.lists(st.tuples(token, gap), min_size=size, max_size=size).map(
        lambda pairs: "".join(t + g for t, g in pairs)
    )
)

# Real counters; small limits for the platforms whose real limits need very long texts to reach.
PLATFORMS = [
    platform("x"),
    platform("bluesky"),
    dataclasses.replace(platform("mastodon"), limit=120),
    dataclasses.replace(platform("threads"), limit=90),
    dataclasses.replace(platform("linkedin"), limit=150),
    dataclasses.replace(platform("instagram"), limit=110),
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=texts, chosen=st.sampled_from(PLATFORMS))
def test_shorten_never_exceeds_the_limit(text: str, chosen: Platform) -> None:
    short = shorten(text, chosen)
    assert chosen.within_limit(short)
    if not chosen.within_limit(text.strip()):
        assert short.endswith("\u2026")


@SETTINGS
@given(text=texts, chosen=st.sampled_from(PLATFORMS))
def test_split_thread_posts_each_fit_and_are_numbered(text: str, chosen: Platform) -> None:
    posts = split_thread(text, chosen)
    for post in posts:
        assert chosen.within_limit(post), (chosen.name, chosen.count(post))
    if len(posts) > 1:
        total = len(posts)
        for number, post in enumerate(posts, start=1):
            assert post.endswith(f" {number}/{total}")
    # Nothing but whitespace is lost: every non-space character survives in order.
    visible = re.sub(r"\s+", "", text)
    kept = re.sub(r"\s+", "", "".join(re.sub(r" \d+/\d+$", "", p) for p in posts))
    assert _is_subsequence(visible, kept)


def _is_subsequence(needle: str, haystack: str) -> bool:
    characters = iter(haystack)
    return all(ch in characters for ch in needle)


def _campaign(text: str, quote: str, speaker: str, publisher: str, tags: list[str]) -> Campaign:
    source = Source(
        "src", publisher or "P", "Title", FuzzyDate(dt.date(2020, 6, 11), Precision.DAY)
    )
    fact = Fact("f1", text or "x", FuzzyDate(dt.date(2019, 1, 1), Precision.YEAR), source)
    said = Quote("q1", quote or "y", speaker or "S", source.date, source, role=speaker or None)
    return Campaign(
        path=Path("/nonexistent-campaign"),
        id="prop",
        title="t",
        summary="s",
        subject="s",
        hashtags=tuple(tags),
        action_url="https://example.org/" + "a" * 40,
        tags={},
        sources={"src": source},
        facts=(fact,),
        quotes=(said,),
        asks={},
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    quote=texts,
    speaker=st.text(max_size=40),
    publisher=st.text(max_size=60),
    tags=st.lists(st.sampled_from(["#A", "#Privacy", "#日本語", "#" + "x" * 30]), max_size=40),
    thread=st.booleans(),
)
def test_generated_posts_never_exceed_the_limit(
    text: str, quote: str, speaker: str, publisher: str, tags: list[str], thread: bool
) -> None:
    campaign = _campaign(text, quote, speaker, publisher, tags)
    posts = generate_posts(campaign, SocialOptions(platforms=tuple(PLATFORMS), thread=thread))
    by_name = {p.name: p for p in PLATFORMS}
    for post in posts:
        assert by_name[post.platform].within_limit(post.text)
        assert post.length <= post.limit


@settings(max_examples=80, deadline=None)
@given(text=st.one_of(texts, st.text(min_size=1, max_size=300)))
def test_counters_accept_any_input(text: str) -> None:
    if not text.strip():
        return
    for measured in measure_all(text, parse_platforms("all")):
        assert measured.length >= 0
        assert measured.fits == (not measured.problems)
    assert grapheme_length(text) <= len(text) <= utf16_length(text)


def test_a_thread_keeps_a_leading_ellipsis_of_the_text_itself() -> None:
    # Found by hypothesis: a text opening with its own "…" lost it when split into a thread.
    text = "… " + "word " * 24
    posts = split_thread(text, dataclasses.replace(platform("mastodon"), limit=120))
    assert len(posts) > 1
    assert posts[0].startswith("…")
    kept = "".join(re.sub(r" \d+/\d+$", "", post) for post in posts).replace(" ", "")
    assert kept.replace("…", "").count("word") == 24
