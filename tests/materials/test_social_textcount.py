"""Platform length counters, checked against each platform's published rule and examples."""

from __future__ import annotations

import pytest

from civickit.errors import UsageError
from civickit.materials.textcount import (
    grapheme_length,
    hashtags_in,
    mastodon_length,
    measure_all,
    parse_platforms,
    platform,
    platforms,
    threads_length,
    x_length,
)
from civickit.materials.xcount import utf16_length

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
# The conformance suite's weighted-length cases run in test_xcount.py.


def test_x_counts_urls_as_23_and_cjk_as_2() -> None:
    assert x_length("see https://www.congress.gov/members/find-your-member") == 4 + 23
    assert x_length("see congress.gov") == 4 + 23
    assert x_length("日本語") == 6
    assert x_length(FAMILY) == 2
    assert platform("x").measure("x" * 256 + " t.co").fits
    assert platform("x").measure("x" * 256 + " t.co.").problems == (
        "too long by 1 weighted characters",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc", 3),
        (FAMILY, 1),  # a ZWJ sequence is one grapheme
        ("e\u0301", 1),  # e + combining acute
        ("\U0001f1fa\U0001f1f8", 1),  # a flag: two regional indicators
        ("👍🏽", 1),  # emoji + skin tone modifier
        ("日本語", 3),
        ("\r\n", 1),
    ],
)
def test_bluesky_counts_graphemes(text: str, expected: int) -> None:
    assert grapheme_length(text) == expected
    assert platform("bluesky").count(text) == expected


def test_bluesky_limit_is_300_graphemes_and_3000_bytes() -> None:
    bluesky = platform("bluesky")
    assert bluesky.measure("a" * 300).fits
    assert bluesky.measure("a" * 301).problems == ("too long by 1 graphemes",)
    heavy = "a" + "\u0301" * 9  # one grapheme, 1 + 9 * 2 = 19 bytes
    measured = bluesky.measure(heavy * 200)
    assert measured.length == 200
    assert measured.problems == ("3800 UTF-8 bytes; Bluesky allows 3000",)


def test_mastodon_counts_each_url_as_23() -> None:
    url = "https://www.congress.gov/members/find-your-member"
    assert mastodon_length(url) == 23
    assert mastodon_length(f"Act: {url} and http://example.org/a") == 5 + 23 + 5 + 23
    # Without a scheme Mastodon does not treat it as a link: counted as typed.
    assert mastodon_length("example.org") == 11
    assert mastodon_length("x" * 476 + " " + url) == 500
    assert not platform("mastodon").measure("x" * 477 + " " + url).fits


def test_mastodon_counts_remote_mentions_by_local_part() -> None:
    assert mastodon_length("hi @Gargron@mastodon.social") == len("hi @Gargron")
    assert mastodon_length("mail a@b.org") == len("mail a@b.org")
    assert mastodon_length(FAMILY) == 1


def test_threads_counts_emoji_as_utf8_bytes() -> None:
    assert threads_length("hello") == 5
    assert threads_length("😀") == 4
    assert threads_length(FAMILY) == len(FAMILY.encode("utf-8")) == 25
    assert threads_length("1\ufe0f\u20e3") == 7  # keycap sequence
    assert platform("threads").measure("a" * 500).fits
    assert not platform("threads").measure("a" * 496 + "😀😀").fits


def test_linkedin_and_instagram_count_utf16_units() -> None:
    assert utf16_length("😀a") == 3
    assert platform("linkedin").measure("a" * 3000).fits
    assert platform("linkedin").measure("a" * 2999 + "😀").problems == ("too long by 1 characters",)
    assert platform("instagram").measure("a" * 2200).fits
    assert not platform("instagram").measure("a" * 2201).fits


def test_instagram_allows_at_most_5_hashtags_and_no_links() -> None:
    instagram = platform("instagram")
    five = " ".join(f"#tag{n}" for n in range(5))
    assert instagram.measure(five).fits
    assert instagram.measure(five + " #one_more").problems == ("6 hashtags; Instagram allows 5",)
    assert not instagram.links
    assert all(p.links for p in platforms().values() if p.name != "instagram")


def test_facebook_counts_utf16_units_up_to_63206() -> None:
    facebook = platform("facebook")
    assert facebook.measure("a" * 63206).fits
    assert facebook.measure("a" * 63205 + "😀").problems == ("too long by 1 characters",)


def test_hashtags_need_a_letter() -> None:
    assert hashtags_in("#a #1 x#y #FacialRecognition ＃日本 #1\ufe0f\u20e3") == [
        "#a",
        "#FacialRecognition",
        "＃日本",
    ]


def test_x_refuses_noncharacters_even_when_short() -> None:
    measured = platform("x").measure("ok\uffff")
    assert measured.problems == ("contains U+FEFF, U+FFFE or U+FFFF, which X refuses",)


def test_parse_platforms_accepts_lists_all_and_repeats() -> None:
    assert [p.name for p in parse_platforms("x, Bluesky,x")] == ["x", "bluesky"]
    assert [p.name for p in parse_platforms(["mastodon", "threads"])] == ["mastodon", "threads"]
    everything = ["x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram"]
    assert [p.name for p in parse_platforms("all")] == everything
    assert [p.name for p in parse_platforms(None)] == everything


def test_parse_platforms_names_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        parse_platforms("x,twitter")
    assert str(caught.value) == (
        "unknown platform 'twitter': use one or more of x, bluesky, mastodon, threads, "
        "linkedin, facebook, instagram, or all"
    )


def test_measure_all_refuses_an_empty_draft() -> None:
    with pytest.raises(UsageError, match="the post is empty"):
        measure_all(" \n", parse_platforms("x"))


def test_every_counter_takes_undecodable_input() -> None:
    text = b"ab\xffcd".decode("utf-8", "surrogateescape")  # what argv holds for such bytes
    assert [m.length for m in measure_all(text, parse_platforms("all"))] == [6, 5, 5, 5, 5, 5, 5]
