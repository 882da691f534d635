"""The Jinja2 filters letters use: dates at precision, relative dates, citations, wrapping."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.campaign import load_campaign
from civickit.core.dates import FuzzyDate
from civickit.materials.filters import (
    FILTERS,
    citation_marker,
    date_phrase,
    date_text,
    dated_fact,
    fact_when,
    markdown_escape,
    relative_date,
    source_numbers,
    wrap_text,
)
from civickit.materials.render import make_environment

AS_OF = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("value", "phrase", "text"),
    [
        ("2020-06-11", "on June 11, 2020", "June 11, 2020"),
        ("2020-W23", "in the week of June 1, 2020", "the week of June 1, 2020"),
        ("2020-03", "in March 2020", "March 2020"),
        ("2019", "in 2019", "2019"),
        (dt.date(2026, 11, 26), "on November 26, 2026", "November 26, 2026"),
    ],
)
def test_dates_never_more_precise_than_known(value: str | dt.date, phrase: str, text: str) -> None:
    assert date_phrase(value) == phrase
    assert date_text(value) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-06-11", "six years ago"),
        ("2020-03", "six years ago"),
        ("2026-10", "one month ago"),
        ("2026-11", "this month"),
        ("2026", "this year"),
        ("2026-11-19", "one week ago"),
        ("2026-11-24", "two days ago"),
    ],
)
def test_relative_date_against_as_of(value: str, expected: str) -> None:
    assert relative_date(value, AS_OF) == expected
    assert relative_date(value, "2026-11-26") == expected


def test_citation_markers_per_format() -> None:
    assert citation_marker(3) == "[3]"
    assert citation_marker(3, "md") == "[^3]"
    assert str(citation_marker(3, "html")) == '<sup class="cite"><a href="#src-3">[3]</a></sup>'
    assert str(citation_marker(1, "html", 'a"b')) == (
        '<sup class="cite"><a href="#a&#34;b-1">[1]</a></sup>'
    )


def test_html_marker_is_not_escaped_but_user_text_is(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ text }}{{ 1 | cite('html') }}", encoding="utf-8")
    env = make_environment([tmp_path])
    out = env.get_template("t.html").render(text="<b>")
    assert out == '&lt;b&gt;<sup class="cite"><a href="#src-1">[1]</a></sup>'


def test_wrap_keeps_paragraphs_and_hangs_indents() -> None:
    text = "- " + "word " * 30 + "\n\nsecond paragraph"
    wrapped = wrap_text(text, hanging="  ")
    lines = wrapped.splitlines()
    assert all(len(line) <= 72 for line in lines)
    assert lines[0].startswith("- word") and lines[1].startswith("  word")
    assert wrapped.endswith("\n\nsecond paragraph")


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=90), max_size=40))
def test_wrap_never_loses_words_or_exceeds_width(words: list[str]) -> None:
    wrapped = wrap_text(" ".join(words))
    assert wrapped.split() == words
    for line in wrapped.splitlines():
        assert len(line) <= 72 or " " not in line


def test_dated_fact_at_each_precision_and_basis() -> None:
    campaign = load_campaign()
    assert dated_fact(campaign.fact("ibm-exit")).startswith("In the week of June 8, 2020, IBM said")
    assert dated_fact(campaign.fact("city-bans")).startswith("In 2019, San Francisco")
    assert dated_fact(campaign.fact("ab-2261-failed")).startswith("In the week of June 1, 2020,")
    assert dated_fact(campaign.fact("bias-research")).endswith(
        "their gender (reported on June 11, 2020)."
    )
    assert dated_fact(campaign.fact("microsoft-no-police-sales")).startswith(
        "On June 11, 2020, Microsoft president Brad Smith told The Washington Post that Microsoft"
    )
    assert dated_fact(campaign.fact("microsoft-backed-ab-2261")).endswith(
        "purchase and use facial recognition systems, according to the American Civil Liberties "
        "Union (ACLU)."
    )


def test_dated_fact_of_a_month_precise_fact() -> None:
    fact = load_campaign().fact("microsoft-stops-investing")
    assert fact.date == FuzzyDate.parse("2020-03")
    assert dated_fact(fact).startswith("In March 2020, Microsoft announced")


@given(st.text())
def test_markdown_escape_hides_every_markup_character(text: str) -> None:
    escaped = markdown_escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL) == text
    assert not re.search(r"(?<!\\)<", escaped.replace("\\\\", ""))


def test_filters_are_registered() -> None:
    for name in ("date_phrase", "date_text", "relative_date", "cite", "wrap", "dated_fact", "md"):
        assert name in FILTERS


def test_one_phrase_for_when_a_fact_is_dated() -> None:
    campaign = load_campaign()
    reported, event = campaign.fact("bias-research"), campaign.fact("ibm-exit")
    assert fact_when(reported) == "reported June 11, 2020"
    assert fact_when(reported, phrase=True) == "reported on June 11, 2020"
    assert fact_when(event) == "the week of June 8, 2020"
    assert fact_when(event, phrase=True) == "in the week of June 8, 2020"


def test_sources_are_numbered_by_first_use() -> None:
    campaign = load_campaign()
    facts = list(campaign.facts)
    numbers = source_numbers(fact.source for fact in facts)
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    assert numbers[facts[0].source.id] == 1
    first_use = list(dict.fromkeys(fact.source.id for fact in facts))
    assert list(numbers) == first_use
