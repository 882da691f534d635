"""The block cache renders the parts letters share once, and every letter stays byte-identical."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickit.campaign import load_campaign
from civickit.errors import TemplateRenderError
from civickit.materials.block_cache import BlockCache
from civickit.materials.catalog import sample_officials
from civickit.materials.letters import LetterRenderer, Sender
from civickit.materials.render import enable_block_cache, make_environment, render_template

DATE = dt.date(2026, 11, 26)
OFFICIALS = [o for o in sample_officials() if not o.vacant]

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
senders = st.builds(
    Sender,
    name=text.filter(str.strip),
    address=st.lists(text.filter(str.strip), min_size=1, max_size=3).map("\n".join),
    email=st.none() | st.just("ada@example.org"),
    phone=st.none() | st.just("+1 415 555 0100"),
    story=st.none() | st.lists(text, max_size=3).map("\n\n".join),
)


@pytest.fixture(scope="module")
def renderers() -> tuple[LetterRenderer, LetterRenderer]:
    """A plain renderer and one with the block cache, for the same campaign."""
    campaign = load_campaign()
    cached = LetterRenderer(campaign, as_of=DATE)
    enable_block_cache(cached.env)
    return LetterRenderer(campaign, as_of=DATE), cached


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(senders, min_size=1, max_size=4), st.sampled_from(["txt", "md", "html"]))
def test_cached_letters_are_identical_to_plain_ones(
    renderers: tuple[LetterRenderer, LetterRenderer], people: list[Sender], fmt: str
) -> None:
    plain, cached = renderers
    for sender in people:
        for official in OFFICIALS:
            expected = plain.render(official, sender, fmt, date=DATE)
            assert cached.render(official, sender, fmt, date=DATE) == expected


def test_the_shared_blocks_are_rendered_once(
    renderers: tuple[LetterRenderer, LetterRenderer],
) -> None:
    _, cached = renderers
    cache = getattr(cached.env, "block_cache", None)
    assert isinstance(cache, BlockCache)
    official = OFFICIALS[0]
    for number in range(30):
        cached.render(official, Sender(f"P{number}", "1 Main St"), "txt", date=DATE)
    names = {
        f.__name__: calls
        for f, calls in cache._calls.items()
        if "base.txt" in str(f.__globals__["name"])
    }
    # Each writer draws their own facts and wording (variants); what depends on the office
    # alone is rendered once and then reused.
    assert names, "some block of the letter is cached"
    assert max(hits for _, hits in names.values()) >= 29, names


def write(folder: Path, name: str, source: str) -> None:
    (folder / name).write_text(source, encoding="utf-8")


def test_a_block_that_reads_a_variable_is_keyed_by_it(tmp_path: Path) -> None:
    write(tmp_path, "t.txt", "{% block a %}[{{ who | upper }}]{% endblock %} {{ n }}")
    env = make_environment([tmp_path])
    enable_block_cache(env)
    out = [render_template(env, "t.txt", {"who": w, "n": i}) for i, w in enumerate("abab")]
    assert out == ["[A] 0", "[B] 1", "[A] 2", "[B] 3"]


@pytest.mark.parametrize(
    "block",
    [
        "{% block a %}{{ super() }}!{% endblock %}",  # a parent's block
        "{% block a %}{% set ns.count = ns.count + 1 %}{{ ns.count }}{{ n }}{% endblock %}",
        "{% block a %}{% include 'part.txt' %}{% endblock %}",  # reads what it includes
        "{% block a %}{% block b %}{{ n }}{% endblock %}{% endblock %}",  # a nested block
    ],
)
def test_blocks_that_cannot_be_keyed_are_rendered_every_time(tmp_path: Path, block: str) -> None:
    write(
        tmp_path, "base.txt", "{% set ns = namespace(count=0) %}{% block a %}{{ n }}{% endblock %}"
    )
    write(tmp_path, "part.txt", "{{ n }}")
    write(tmp_path, "t.txt", '{% extends "base.txt" %}' + block)
    plain, cached = make_environment([tmp_path]), make_environment([tmp_path])
    enable_block_cache(cached)
    for number in range(5):
        context = {"n": number}
        expected = render_template(plain, "t.txt", context)
        assert render_template(cached, "t.txt", context) == expected
        assert str(number) in expected


def test_a_callable_in_the_context_is_never_cached(tmp_path: Path) -> None:
    write(tmp_path, "t.txt", "{% block a %}{{ pick() }}{% endblock %}")
    env = make_environment([tmp_path])
    enable_block_cache(env)
    out = [render_template(env, "t.txt", {"pick": lambda n=n: f"v{n}"}) for n in range(3)]
    assert out == ["v0", "v1", "v2"]


def test_an_error_in_a_cached_block_still_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "t.txt", "line one\n{% block a %}\n{{ 1 // n }}{% endblock %}")
    env = make_environment([tmp_path])
    enable_block_cache(env)
    assert render_template(env, "t.txt", {"n": 1}) == "line one\n1"
    with pytest.raises(TemplateRenderError, match=r"t\.txt:3: ZeroDivisionError"):
        render_template(env, "t.txt", {"n": 0})
