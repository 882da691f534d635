from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from civickit.campaign import builtin_campaign_names, load_campaign
from civickit.core.dates import Precision
from civickit.errors import CampaignError, ExitCode, UsageError

VALID = """\
title = "Test campaign"
summary = "A summary."

[tags]
federal = "Congress"

[[sources]]
id = "src"
publisher = "Example Daily"
title = "An article"
date = "2024-05"

[[facts]]
id = "f1"
text = "Something happened."
date = "2024-05"
source = "src"
tags = ["federal"]

[[quotes]]
id = "q1"
text = "Words."
speaker = "Someone"
date = "2024"
source = "src"

[asks.federal]
text = "Do the thing."
"""


def write_campaign(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "camp"
    folder.mkdir(exist_ok=True)
    (folder / "campaign.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(CampaignError) as info:
        load_campaign(write_campaign(tmp_path, text))
    assert info.value.exit_code == ExitCode.USAGE
    return info.value.problems


def test_builtin_campaign_validates() -> None:
    campaign = load_campaign()
    assert campaign.id == "facial-recognition"
    assert campaign.builtin
    assert "facial-recognition" in builtin_campaign_names()
    assert len(campaign.facts) >= 15
    assert set(campaign.asks) == {"federal", "state", "local", "companies"}


def test_every_quote_is_verbatim_in_the_seed_article(seed_article: str) -> None:
    for quote in load_campaign().quotes:
        assert quote.text in seed_article, quote.id


def test_aclu_statement_is_stored_paragraph_by_paragraph(seed_article: str) -> None:
    campaign = load_campaign()
    paragraphs = [q for q in campaign.quotes if q.id.startswith("aclu-statement")]
    statement = seed_article.split("regarding Microsoft’s decision:", 1)[1].strip()
    assert [q.text for q in paragraphs] == [p.strip() for p in statement.split("\n\n") if p.strip()]
    assert all(q.speaker == "Matt Cagle" for q in paragraphs)
    assert all(q.organisation == "ACLU of Northern California" for q in paragraphs)


def test_relative_dates_of_the_article_are_resolved_at_their_precision() -> None:
    campaign = load_campaign()
    expected = {
        # "earlier this week" in an article of Thursday 2020-06-11: that week, no day.
        "ibm-exit": ("2020-W24", Precision.WEEK),
        "amazon-pause": ("2020-06-10", Precision.DAY),
        "microsoft-no-police-sales": ("2020-06-11", Precision.DAY),
        "ab-2261-failed": ("2020-W23", Precision.WEEK),
        "microsoft-california-denial": ("2019", Precision.YEAR),
        "microsoft-ten-million-faces": ("2019", Precision.YEAR),
        "city-bans": ("2019", Precision.YEAR),
        "microsoft-stops-investing": ("2020-03", Precision.MONTH),
        # "since at least 2018" is a span up to the article: dated by when it was reported.
        "smith-concerns-since-2018": ("2020-06-11", Precision.DAY),
    }
    for fact_id, (iso, precision) in expected.items():
        fact = campaign.fact(fact_id)
        assert (fact.date.iso(), fact.date.precision) == (iso, precision), fact_id


def test_facts_attribute_claims_as_the_article_does() -> None:
    campaign = load_campaign()
    assert "according to the American Civil Liberties Union" in (
        campaign.fact("microsoft-backed-ab-2261").attribution or ""
    )
    assert "told The Washington Post" in (
        campaign.fact("microsoft-no-police-sales").attribution or ""
    )


def test_minimal_campaign_loads(tmp_path: Path) -> None:
    campaign = load_campaign(write_campaign(tmp_path, VALID))
    assert campaign.title == "Test campaign"
    assert campaign.facts[0].source.publisher == "Example Daily"
    assert campaign.subject == "Test campaign"


def test_unknown_source_is_named_with_the_known_ones(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, VALID.replace('source = "src"\ntags', 'source = "nope"\ntags'))
    assert problems == ["fact 'f1': unknown source 'nope' (known: src)"]


def test_duplicate_id(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, VALID.replace('id = "q1"', 'id = "f1"'))
    assert problems == [
        "quote 'f1': duplicate id (also used by a fact); give each entry its own id"
    ]


def test_missing_field(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, VALID.replace('text = "Something happened."\n', ""))
    assert problems == ["fact 'f1': missing field 'text'"]


def test_bad_date(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, VALID.replace('date = "2024"', 'date = "2024-13"'))
    assert len(problems) == 1
    assert problems[0].startswith("quote 'q1': bad date '2024-13'")


def test_unknown_tag(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, VALID.replace('tags = ["federal"]', 'tags = ["fedral"]'))
    assert problems == ["fact 'f1': unknown tag 'fedral'; declare it in the [tags] section"]


def test_unknown_section(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, VALID + "\n[[factz]]\nid = 'x'\n")
    assert len(problems) == 1
    assert problems[0].startswith("unknown section 'factz'")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    broken = (
        VALID.replace('source = "src"\ntags', 'source = "nope"\ntags')
        .replace('date = "2024"', 'date = "yesterday"')
        .replace('publisher = "Example Daily"\n', "")
    )
    problems = problems_of(tmp_path, broken)
    assert len(problems) == 3
    assert any("unknown source 'nope'" in p for p in problems)
    assert any("bad date 'yesterday'" in p for p in problems)
    assert any("source 'src': missing field 'publisher'" in p for p in problems)


def test_invalid_toml_says_fix_the_syntax(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "title = \n")
    assert "not valid TOML" in problems[0]


def test_missing_campaign_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no campaign 'nowhere'"):
        load_campaign("nowhere")
    with pytest.raises(UsageError, match=r"no campaign\.toml there"):
        load_campaign(tmp_path)


def test_unknown_tag_filter_lists_the_known_tags() -> None:
    with pytest.raises(UsageError, match=r"unknown tag .nope.: use one of"):
        load_campaign().facts_tagged(["nope"])
