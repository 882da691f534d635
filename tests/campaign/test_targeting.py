"""The campaign format's targeting (``applies``) and variants (phrasings, openings, closings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_campaign import VALID, problems_of, write_campaign

from civickit.campaign import load_campaign
from civickit.campaign.records import Applies, Audience, Condition, names_place

TARGETED = """
[[targeted_asks]]
id = "governor"
applies = {level = ["state"], role = ["governor"]}
text = "Sign the bill."
phrasings = ["Please sign the bill."]

[letter]
openings = ["I live in {{ constituency }}.", {text = "Hi {{ role }}.", applies = {role = ["mayor"]}}]
closings = ["Please reply."]
"""


def test_targeting_and_variants_load(tmp_path: Path) -> None:
    text = VALID.replace('tags = ["federal"]', 'tags = ["federal"]\napplies = {state = ["CA"]}')
    text = text.replace('text = "Do the thing."', 'text = "Do the thing."\nphrasings = ["Do it."]')
    campaign = load_campaign(write_campaign(tmp_path, text + TARGETED))
    assert campaign.facts[0].applies == Applies((Condition(state=frozenset({"CA"})),))
    assert campaign.ask("federal").texts == ("Do the thing.", "Do it.")
    assert [phrase.text for phrase in campaign.openings] == [
        "I live in {{ constituency }}.",
        "Hi {{ role }}.",
    ]
    assert campaign.closings[0].applies is None
    governor = Audience("state", "NY", "governor")
    assert campaign.targeted_asks[0].audience == "state"
    assert campaign.ask_for(governor).id == "governor"
    assert campaign.ask_for(Audience("federal", "NY", "legislator")).text == "Do the thing."
    assert campaign.to_dict()["targeted_asks"][0]["applies"] == [
        {"level": ["state"], "role": ["governor"]}
    ]


@pytest.mark.parametrize(
    ("applies", "problem"),
    [
        ('{colour = ["red"]}', "unknown applies key 'colour'; use level, state, role, place"),
        ('{state = ["California"]}', "applies state 'California': write 'CA'"),
        ('{state = ["XX"]}', "applies state 'XX': use a USPS code such as 'CA'"),
        ('{level = ["city"]}', "applies level 'city'; use federal, state, local, companies"),
        (
            '{role = ["king"]}',
            "applies role 'king'; use legislator, governor, attorney-general, "
            "mayor, executive, body, company",
        ),
        (
            '{level = "state", place = [1]}',
            'applies place must be a list of words such as ["place"]',
        ),
        (
            '"state"',
            'applies must be a table such as applies = {level = ["state"], state = ["CA"]}',
        ),
        ("{}", "empty applies table; give level, state, role, place"),
    ],
)
def test_bad_applies_is_one_line_naming_the_fact(
    tmp_path: Path, applies: str, problem: str
) -> None:
    text = VALID.replace('tags = ["federal"]', f'tags = ["federal"]\napplies = {applies}')
    assert problems_of(tmp_path, text) == [f"fact 'f1': {problem}"]


def test_bad_variants_are_reported_at_once(tmp_path: Path) -> None:
    text = VALID.replace('text = "Do the thing."', 'text = "Do the thing."\nphrasings = "Do it."')
    text += """
[[targeted_asks]]
id = "mayor"
applies = {role = ["mayor"]}
text = "Ban it."

[letter]
openings = ["Hello {{ name", 3]
endings = []
"""
    assert problems_of(tmp_path, text) == [
        "ask 'federal': phrasings must be a list of texts such as [\"Please ...\"]",
        "targeted_ask 'mayor': applies needs a level (one of federal, state, local, companies)",
        "letter: unknown field 'endings'; allowed: closings, openings",
        "letter openings #1: template syntax: unexpected end of template, expected 'end of print "
        "statement'.",
        'letter openings #2: write a text or {text = "...", applies = {level = ["state"], '
        'state = ["CA"]}}',
    ]


def test_every_problem_is_one_line(tmp_path: Path) -> None:
    text = VALID + '\n[letter]\nopenings = [{text = "", applies = {role = ["x"]}}, {txt = "a"}]\n'
    problems = problems_of(tmp_path, text)
    assert problems
    assert all("\n" not in problem for problem in problems)


@pytest.mark.parametrize(
    ("body", "place", "named"),
    [
        ("City of Oakland", "Oakland", True),
        ("Oakland City Council", "Oakland", True),
        ("San Francisco Board of Supervisors", "San Francisco", True),
        ("City and County of San Francisco", "San Francisco", True),
        ("South San Francisco City Council", "San Francisco", False),
        ("West Oakland Neighbors", "Oakland", False),
        ("City of Oaklandia", "Oakland", False),
        ("", "Oakland", False),
    ],
)
def test_a_place_is_named_whole(body: str, place: str, named: bool) -> None:
    assert names_place(body, place) is named


def test_builtin_campaign_is_tagged_by_state_and_gives_variants() -> None:
    campaign = load_campaign()
    california_only = {"ab-2261-failed", "city-bans", "microsoft-backed-ab-2261"}
    for fact_id in california_only:
        applies = campaign.fact(fact_id).applies
        assert applies is not None
        assert not applies.matches(Audience("state", "NY", "legislator"))
        assert applies.matches(Audience("state", "CA", "legislator"))
    assert {ask.id for ask in campaign.targeted_asks} >= {
        "governor",
        "attorney-general",
        "mayor",
        "own-ban-oakland",
        "own-ban-san-francisco",
    }
    for ask in campaign.asks.values():
        assert len(ask.texts) >= 3
        assert all(" now " not in text for text in ask.phrasings)
    assert len(campaign.openings) >= 12
    assert len(campaign.closings) >= 12


@given(st.lists(st.from_regex(r"[A-Za-z]{2,10}", fullmatch=True), min_size=1, max_size=3))
def test_any_place_is_named_by_its_own_bodies_only(words: list[str]) -> None:
    place = " ".join(words)
    assert names_place(f"City of {place}", place)
    assert names_place(f"{place} City Council", place)
    assert names_place(f"the {place.upper()} board", place)
    assert not names_place(f"Greater Southfield {place}", place)


def test_a_phrasing_may_only_use_names_a_letter_has(tmp_path: Path) -> None:
    text = VALID + '\n[letter]\nclosings = ["Dear {{ nickname }}, {{ role }}"]\n'
    assert problems_of(tmp_path, text) == [
        "letter closings #1: unknown name 'nickname'; use ask, chamber, constituency, official, "
        "role, sender, state_name, title"
    ]
