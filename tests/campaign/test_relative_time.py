"""A campaign text with a relative time word is flagged unless its own date is the material's."""

from __future__ import annotations

import datetime as dt
import textwrap
import tomllib
from pathlib import Path

import pytest

from civickit.campaign.validation import validate_campaign
from civickit.errors import CampaignError

CAMPAIGN = """\
title = "Test campaign"
summary = "{summary}"

[[sources]]
id = "src"
publisher = "Example Daily"
date = "2020-06-11"

[[facts]]
id = "f1"
text = "{fact}"
date = "{date}"
source = "src"

[asks.federal]
text = "{ask}"
source = "src"
"""


def _problems(
    tmp_path: Path,
    *,
    fact: str = "IBM said it would quit.",
    date: str = "2020-06-11",
    ask: str = "Pass a law.",
    summary: str = "A summary.",
    as_of: dt.date = dt.date(2026, 12, 1),
) -> list[str]:
    text = CAMPAIGN.format(fact=fact, date=date, ask=ask, summary=summary)
    file = tmp_path / "campaign.toml"
    raw = tomllib.loads(textwrap.dedent(text))
    try:
        validate_campaign(file, raw, builtin=False, as_of=as_of)
    except CampaignError as exc:
        return list(exc.problems)
    return []


@pytest.mark.parametrize(
    "word",
    ["now", "this week", "recently", "yesterday", "today", "last week", "currently",
     "earlier this week", "on Wednesday", "two years ago"],
)  # fmt: skip
def test_a_relative_word_in_a_fact_dated_earlier_is_flagged(tmp_path: Path, word: str) -> None:
    problems = _problems(tmp_path, fact=f"IBM {word} said it would quit.")
    assert len(problems) == 1
    assert problems[0].startswith(f"fact 'f1': {word!r} is written June 11, 2020 and untrue")
    assert "say when instead" in problems[0]


def test_a_relative_word_is_fine_in_a_text_dated_the_material_date(tmp_path: Path) -> None:
    assert _problems(tmp_path, fact="IBM now says it will quit.", as_of=dt.date(2020, 6, 11)) == []
    assert _problems(tmp_path, fact="IBM said this week.", date="2020-W24",
                     as_of=dt.date(2020, 6, 12)) == []  # fmt: skip
    assert _problems(tmp_path, fact="IBM said this week.", date="2020-W24",
                     as_of=dt.date(2020, 6, 15)) != []  # fmt: skip


def test_asks_are_checked_against_their_source_date_and_the_summary_always(
    tmp_path: Path,
) -> None:
    (problem,) = _problems(tmp_path, ask="Companies now say they will not sell it.")
    assert problem.startswith("ask 'federal': 'now' is written June 11, 2020")
    (problem,) = _problems(tmp_path, summary="Lawmakers are recently moving.")
    assert problem.startswith("campaign summary: 'recently' is undated")


def test_words_that_only_contain_a_relative_word_are_not_flagged(tmp_path: Path) -> None:
    fact = "Nowhere is snow known; the judge gave a just ruling; they acknowledged it."
    assert _problems(tmp_path, fact=fact) == []


def test_the_builtin_campaign_has_no_relative_word_outside_its_quotes() -> None:
    from civickit.campaign import load_campaign

    campaign = load_campaign()  # validated against today: any such word would be flagged
    assert campaign.ask("federal").text.count("now") == 0


def _quote_problems(tmp_path: Path, context: str) -> list[str]:
    quoted = CAMPAIGN + (
        '\n[[quotes]]\nid = "q1"\ntext = "We do not sell it today."\nspeaker = "Someone"\n'
        'date = "2020-06-11"\nsource = "src"\ncontext = "{context}"\n'
    )
    text = quoted.format(
        fact="IBM quit.", date="2020-06-11", ask="Act.", summary="S", context=context
    )
    try:
        validate_campaign(tmp_path / "c.toml", tomllib.loads(text), builtin=False)
    except CampaignError as exc:
        return list(exc.problems)
    return []


def test_a_quote_is_verbatim_but_its_context_is_checked(tmp_path: Path) -> None:
    assert _quote_problems(tmp_path, "told the paper") == []  # "today" in the quote is fine
    (problem,) = _quote_problems(tmp_path, "told the paper this week")
    assert problem.startswith("quote 'q1' context: 'this week' is written June 11, 2020")
