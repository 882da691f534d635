"""Relevant content per recipient: facts and asks chosen by level, state, role and place."""

from __future__ import annotations

import datetime as dt

import pytest

from civickit.campaign import load_campaign
from civickit.campaign.records import Audience
from civickit.core.districts import District
from civickit.core.officials import Official
from civickit.materials.letter_facts import audience_of
from civickit.materials.letters import LetterRenderer, Sender

DATE = dt.date(2026, 12, 1)
NY_SENATOR = Official(
    name="Liz Krueger",
    office="state-upper",
    title="Senator",
    state="NY",
    district=District("NY", "sldu", "28"),
)
CA_SENATOR = Official(
    name="Scott Wiener",
    office="state-upper",
    title="Senator",
    state="CA",
    district=District("CA", "sldu", "11"),
)
OAKLAND_MAYOR = Official(
    name="Barbara Lee", office="other", title="Mayor", state="CA", organisation="City of Oakland"
)
AUSTIN_MAYOR = Official(
    name="Kirk Watson", office="other", title="Mayor", state="TX", organisation="City of Austin"
)
ATTORNEY_GENERAL = Official(
    name="Letitia James",
    office="other",
    title="Attorney General",
    state="NY",
    organisation="Office of the New York State Attorney General",
)
GOVERNOR = Official(
    name="Kathy Hochul",
    office="other",
    title="Governor",
    state="NY",
    organisation="State of New York",
)


def writers(count: int) -> list[Sender]:
    return [Sender(f"Writer {n}", f"{n} Main St\nAlbany, NY 12207") for n in range(count)]


@pytest.fixture(scope="module")
def renderer() -> LetterRenderer:
    return LetterRenderer(load_campaign(), as_of=DATE)


def test_recipients_are_seen_by_level_state_role_and_place() -> None:
    assert audience_of(NY_SENATOR) == Audience("state", "NY", "legislator")
    assert audience_of(OAKLAND_MAYOR) == Audience("local", "CA", "mayor", "City of Oakland")
    assert audience_of(ATTORNEY_GENERAL).role == "attorney-general"
    assert audience_of(ATTORNEY_GENERAL).level == "state"
    assert audience_of(GOVERNOR) == Audience("state", "NY", "governor", "State of New York")
    lieutenant = Official(name="A B", office="other", title="Lieutenant Governor", state="NY")
    assert audience_of(lieutenant).role == "executive"


def test_a_new_york_state_senator_never_gets_californias_facts(renderer: LetterRenderer) -> None:
    pool = [fact.id for point in renderer.selection(NY_SENATOR).pool for fact in point]
    assert "ab-2261-failed" not in pool
    assert "city-bans" not in pool
    for sender in writers(40):
        text = renderer.render(NY_SENATOR, sender, "txt", date=DATE)
        body = text.split("Sources")[0]
        assert "California" not in " ".join(body.split()).replace("ACLU of Northern California", "")
        assert "AB 2261" not in body
        assert "San Francisco" not in body


def test_a_california_state_senator_gets_its_own_states_facts(renderer: LetterRenderer) -> None:
    pool = [fact.id for point in renderer.selection(CA_SENATOR).pool for fact in point]
    assert pool[:2] == ["ab-2261-failed", "city-bans"]
    leads = {renderer.content(CA_SENATOR, s).facts[0].fact.id for s in writers(20)}
    assert leads == {"ab-2261-failed", "city-bans"}


def test_oakland_is_asked_to_keep_its_own_ban(renderer: LetterRenderer) -> None:
    for sender in writers(10):
        text = " ".join(renderer.render(OAKLAND_MAYOR, sender, "txt", date=DATE).split())
        assert "as Mayor of the City of Oakland" in text
        assert "as Mayor of City of Oakland" not in text
        assert "as San Francisco and Oakland did" not in text
        assert "Oakland's" in text
    assert renderer.content(OAKLAND_MAYOR, writers(1)[0]).ask.id == "own-ban-oakland"


def test_another_citys_mayor_is_asked_to_propose_a_ban(renderer: LetterRenderer) -> None:
    content = renderer.content(AUSTIN_MAYOR, writers(1)[0])
    assert content.ask.id == "mayor"
    assert "ordinance" in content.ask.short


@pytest.mark.parametrize(
    ("official", "ask_id"), [(ATTORNEY_GENERAL, "attorney-general"), (GOVERNOR, "governor")]
)
def test_executives_get_an_ask_for_their_role(
    renderer: LetterRenderer, official: Official, ask_id: str
) -> None:
    companies = renderer.campaign.ask("companies")
    for sender in writers(10):
        content = renderer.content(official, sender)
        assert content.ask.id == ask_id
        assert "stop selling facial recognition" not in content.statement
        assert content.ask_text not in companies.texts
        assert "such legislation in the" not in content.closing


def test_call_scripts_ask_where_the_member_stands_and_rotate_points(
    renderer: LetterRenderer,
) -> None:
    from civickit.materials.filters import dated_fact

    callers = writers(30)
    scripts = [renderer.callscript(NY_SENATOR, caller) for caller in callers]
    assert all("Where does Senator Krueger stand on this?" in s.script for s in scripts)
    assert all(dated_fact(s.fact) in s.script for s in scripts)
    assert len({s.fact.id for s in scripts}) >= 2
    assert renderer.callscript(NY_SENATOR, callers[0]).script == scripts[0].script
    assert all("California" not in s.script for s in scripts)
