"""Every letter a person's own: seeded variants, the writer's words kept apart and first."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civickit.campaign import load_campaign
from civickit.materials.letters import LetterRenderer, Sender
from civickit.materials.variants import Variation, letter_seed, stable_hash
from letters_officials import LETTER_DATE, OFFICIALS, SENDER

HOUSE = OFFICIALS["us_house"]


@pytest.fixture(scope="module")
def renderer() -> LetterRenderer:
    return LetterRenderer(load_campaign(), as_of=LETTER_DATE)


def test_the_seed_is_a_stable_hash_not_pythons() -> None:
    # Pinned: the same on every machine, Python version and PYTHONHASHSEED.
    assert stable_hash("Ada Lopez", "us-house") == 0xA28C3A8BCCB05A73
    assert stable_hash("a", "b") != stable_hash("a\x1fb")  # parts never run together
    assert Variation("x").pick("opening", range(1000)) == Variation("x").pick(
        "opening", range(1000)
    )


def test_a_rerun_writes_the_same_letter(renderer: LetterRenderer) -> None:
    again = LetterRenderer(load_campaign(), as_of=LETTER_DATE)
    for official in OFFICIALS.values():
        first = renderer.render(official, SENDER, "txt", date=LETTER_DATE)
        assert again.render(official, SENDER, "txt", date=LETTER_DATE) == first


def test_case_and_spacing_of_the_writer_do_not_change_the_letter(renderer: LetterRenderer) -> None:
    shouting = Sender("ADA  LOPEZ", "1 MAIN ST\nSAN FRANCISCO, CA 94103")
    quiet = Sender("ada lopez", "1 Main St\nSan Francisco, CA 94103")
    assert renderer.content(HOUSE, shouting).statement == renderer.content(HOUSE, quiet).statement


def test_fifty_writers_to_one_office_write_fifty_letters(renderer: LetterRenderer) -> None:
    writers = [Sender(f"Writer {n}", f"{n} Main St\nOakland, CA 94612") for n in range(50)]
    statements = {renderer.content(HOUSE, writer).statement for writer in writers}
    assert len(statements) == 50
    openings = {renderer.content(HOUSE, writer).opening for writer in writers}
    assert len(openings) >= 8


def test_the_story_comes_first_and_is_never_edited(renderer: LetterRenderer) -> None:
    story = "My cousin was stopped\nby mistake.\n\nTwice — at 3 a.m.!"
    sender = Sender(SENDER.name, SENDER.address, story=story)
    content = renderer.content(HOUSE, sender)
    assert content.constituent_message == story
    assert "cousin" not in content.statement
    text = renderer.render(HOUSE, sender, "txt", date=LETTER_DATE)
    after_salutation = text.split("Dear Representative Pelosi:\n\n", 1)[1]
    assert after_salutation.startswith("My cousin was stopped by mistake.\n\nTwice — at 3 a.m.!")
    assert after_salutation.index("Twice") < after_salutation.index(content.opening[:30])
    assert renderer.content(HOUSE, SENDER).constituent_message == ""


def test_the_statement_is_what_the_letter_says(renderer: LetterRenderer) -> None:
    content = renderer.content(HOUSE, SENDER)
    text = " ".join(renderer.render(HOUSE, SENDER, "txt", date=LETTER_DATE).split())
    for paragraph in content.statement.split("\n\n"):
        for line in paragraph.split("\n- "):
            assert " ".join(line.removeprefix("- ").split()) in text
    assert "[1]" not in content.statement
    assert content.to_dict()["statement"] == content.statement
    assert content.ask_text in content.ask.texts


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=30), address=st.text(max_size=40))
def test_any_writer_gets_a_letter_with_three_to_five_relevant_facts(
    name: str, address: str
) -> None:
    renderer = _RENDERER
    official = OFFICIALS["state_upper"]
    content = renderer.content(official, Sender(name, address or "1 Main St"))
    assert 3 <= len(content.facts) <= 5
    assert len({item.fact.id for item in content.facts}) == len(content.facts)
    relevant = {fact.id for point in renderer.selection(official).pool for fact in point}
    assert {item.fact.id for item in content.facts} <= relevant
    numbers = [note.number for note in content.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    seed = letter_seed((name, address), official)
    assert seed.pick("opening", ["a", "b", "c"]) == seed.pick("opening", ["a", "b", "c"])


_RENDERER = LetterRenderer(load_campaign(), as_of=dt.date(2026, 11, 26))


def test_the_builtin_campaign_has_many_letters_for_every_office(renderer: LetterRenderer) -> None:
    for official in OFFICIALS.values():
        if not official.vacant:
            assert renderer.variant_count(official) >= 1000, official.name
    assert renderer.variant_count(HOUSE) >= 100_000


def test_every_name_a_phrasing_may_use_is_in_the_letter(renderer: LetterRenderer) -> None:
    from civickit.campaign.targeting import PHRASE_NAMES

    for official in OFFICIALS.values():
        if not official.vacant:
            context = renderer.context(official, SENDER, date=LETTER_DATE)
            assert context.keys() >= PHRASE_NAMES
