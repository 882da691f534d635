"""Spanish text counted as each platform counts it: accents, ü, ñ, ¿ and ¡, composed (NFC) or
decomposed (NFD, as some keyboards and copy-paste give them).

X counts after NFC normalisation (twitter-text), Bluesky and Mastodon count grapheme clusters, so
a decomposed "é" costs one there as a composed one does; Threads, LinkedIn, Facebook and
Instagram count UTF-16 units, where a decomposed "é" is two, which is why civickit's posts are
NFC before they are counted and fitted.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from civickit.campaign import load_campaign
from civickit.materials.social import SocialOptions, compose_posts, split_thread
from civickit.materials.textcount import (
    grapheme_length,
    mastodon_length,
    parse_platforms,
    platform,
    threads_length,
    x_length,
)
from civickit.materials.xcount import utf16_length
from support.languages import MINI

SPANISH_LETTERS = "áéíóúüñÁÉÍÓÚÜÑ¿¡«»"
# No "." or ":": "0.AC" or "a:b" may read as a link, which X and Mastodon count as 23.
ALPHABET = SPANISH_LETTERS + "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ,;?!0123456789\n"
spanish = st.text(alphabet=ALPHABET, min_size=1, max_size=400)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_spanish_letters_cost_one_everywhere_when_composed() -> None:
    text = "¿Sabías que el niño pidió más información? ¡Sí! Pingüino, acción."
    assert len(text) == 65
    for count in (x_length, grapheme_length, mastodon_length, threads_length, utf16_length):
        assert count(text) == 65, count.__name__


def test_decomposed_accents_count_once_on_x_bluesky_and_mastodon_twice_in_utf16() -> None:
    text = _nfd("Señal: acción ¿ya?")
    assert len(text) == 20  # ñ and ó are two code points each
    assert x_length(text) == 18  # X normalises to NFC first
    assert grapheme_length(text) == 18
    assert mastodon_length(text) == 18
    assert utf16_length(text) == 20
    assert platform("linkedin").count(text) == 20


@settings(max_examples=300, deadline=None)
@given(text=spanish)
def test_nfc_and_nfd_count_alike_where_the_platform_normalises_or_counts_graphemes(
    text: str,
) -> None:
    composed, decomposed = _nfc(text), _nfd(text)
    assert x_length(decomposed) == x_length(composed) == len(composed)
    assert grapheme_length(decomposed) == grapheme_length(composed) == len(composed)
    assert mastodon_length(decomposed) == mastodon_length(composed) == len(composed)
    assert threads_length(composed) == utf16_length(composed) == len(composed)
    accented = sum(1 for ch in composed if unicodedata.decomposition(ch))
    assert utf16_length(decomposed) == len(composed) + accented


@settings(max_examples=40, deadline=None)
@given(text=spanish.map(_nfd), name=st.sampled_from(["x", "bluesky", "linkedin", "threads"]))
def test_a_decomposed_spanish_thread_fits_and_keeps_its_letters(text: str, name: str) -> None:
    chosen = platform(name)
    posts = split_thread(text, chosen)
    assert all(chosen.within_limit(post) for post in posts)
    letters = [ch for ch in _nfc(text) if ch in SPANISH_LETTERS]
    assert [ch for ch in _nfc("".join(posts)) if ch in SPANISH_LETTERS] == letters


_DECOMPOSED = """
[translations.es]
title = "Que la policía deje de usar el reconocimiento facial"
hashtags = ["#Privacidad"]
[translations.es.facts.ibm]
text = "{text}"
"""


def test_posts_are_nfc_so_a_decomposed_translation_costs_no_more(tmp_path: Path) -> None:
    sentence = "IBM anunció que abandonaría el reconocimiento facial. ¿Y los demás? ¡Añádanse!"
    folder = tmp_path / "nfd"
    folder.mkdir()
    toml = MINI + _DECOMPOSED.replace("{text}", _nfd(sentence))
    (folder / "campaign.toml").write_text(toml, encoding="utf-8")
    options = SocialOptions(platforms=tuple(parse_platforms("all")), language="es")
    posts = compose_posts(load_campaign(folder), options).posts
    assert {post.platform for post in posts} == {
        "x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram",
    }  # fmt: skip
    for post in posts:
        assert unicodedata.is_normalized("NFC", post.text)
        assert "anunció" in post.text and "¡Añádanse!" in post.text
        assert post.length == platform(post.platform).count(post.text) <= post.limit
    linkedin = next(post for post in posts if post.platform == "linkedin")
    assert linkedin.length == len(linkedin.text)  # every letter one UTF-16 unit once composed
