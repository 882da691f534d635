"""Call scripts: every office's numbers, a 30-second message with a dated fact, voicemail."""

from __future__ import annotations

import pytest

from civickit.campaign import load_campaign
from civickit.errors import UsageError
from civickit.materials.callscripts import talking_points
from civickit.materials.filters import dated_fact
from civickit.materials.letter_files import compose_callscripts
from civickit.materials.letters import LetterRenderer, Sender
from letters_officials import AS_OF, OFFICIALS, SENDER, VACANT
from support.golden import Golden


@pytest.fixture(scope="module")
def renderer() -> LetterRenderer:
    return LetterRenderer(load_campaign(), as_of=AS_OF)


def test_script_says_name_place_ask_and_one_dated_fact(renderer: LetterRenderer) -> None:
    script = renderer.callscript(OFFICIALS["us_house"], SENDER)
    assert script.script.startswith(
        "Hello, my name is Ada Lopez and I live in San Francisco, CA 94103. "
        "I am calling to ask Representative Pelosi to pass a national law"
    )
    assert script.fact in talking_points(renderer.selection(OFFICIALS["us_house"]))
    assert dated_fact(script.fact) in script.script
    assert script.script.endswith(
        "Where does Representative Pelosi stand on this? Thank you for your time."
    )
    assert "this week" not in script.script


@pytest.mark.parametrize("case", list(OFFICIALS))
def test_scripts_take_about_thirty_seconds(renderer: LetterRenderer, case: str) -> None:
    script = renderer.callscript(OFFICIALS[case], SENDER)
    assert 20 <= script.seconds <= 40
    assert script.seconds == round(script.words / 2.5)


def test_phones_from_every_office_without_repeats(renderer: LetterRenderer) -> None:
    script = renderer.callscript(OFFICIALS["us_house"], SENDER)
    assert [(p.label, p.number) for p in script.phones] == [
        ("Washington Office", "202-225-4965"),
        ("District Office (San Francisco)", "415-556-4862"),
    ]


def test_no_phone_gives_a_note_with_the_contact_form(renderer: LetterRenderer) -> None:
    senator = OFFICIALS["us_senate"]
    bare = type(senator)(**{**senator.__dict__, "capitol_office": None})
    script = renderer.callscript(bare, SENDER)
    assert script.phones == ()
    assert script.notes == (
        "no phone number for Alex Padilla in the data: "
        "use the contact form at https://www.padilla.senate.gov/contact/",
    )


def test_placeholders_when_the_caller_gives_no_name(renderer: LetterRenderer) -> None:
    script = renderer.callscript(OFFICIALS["state_upper"], Sender("", ""))
    assert "my name is [your name] and I live in [your city and ZIP code]" in script.script


@pytest.mark.parametrize(
    ("language", "address", "said"),
    [
        ("en", "94612", "I live in ZIP code 94612."),
        ("en", "94612-1234", "I live in ZIP code 94612-1234."),
        ("es", "94612", "vivo en el código postal 94612."),
        ("en", "Oakland, CA 94612", "I live in Oakland, CA 94612."),
        ("es", "Oakland, CA 94612", "vivo en Oakland, CA 94612."),
    ],
)
def test_a_caller_with_only_a_zip_says_it_is_a_zip(language: str, address: str, said: str) -> None:
    renderer = LetterRenderer(load_campaign(), as_of=AS_OF, language=language)
    assert said in renderer.callscript(OFFICIALS["us_house"], Sender("Ada", address)).script


def test_vacant_seat_gets_a_note_not_a_script(renderer: LetterRenderer) -> None:
    scripts, notes = compose_callscripts(renderer, [VACANT, OFFICIALS["us_senate"]], SENDER)
    assert [s.official for s in scripts] == [OFFICIALS["us_senate"]]
    assert notes == ["CA-20 is vacant: no current Representative; no script"]
    with pytest.raises(UsageError):
        renderer.callscript(VACANT, SENDER)


def test_to_dict_is_json_ready(renderer: LetterRenderer) -> None:
    data = renderer.callscript(OFFICIALS["other_city"], SENDER).to_dict()
    assert data["addressee"] == "the San Francisco Board of Supervisors"
    assert data["phones"] == [{"label": "City Hall", "number": "415-554-5184"}]
    assert data["fact"]["citation"].startswith("The Verge, ")
    assert data["ask"]["audience"] == "local"


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_golden_callscripts(renderer: LetterRenderer, fmt: str, golden: Golden) -> None:
    officials = [
        OFFICIALS[c] for c in ("us_senate", "us_house", "state_lower_representative", "other_city")
    ]
    scripts, _ = compose_callscripts(renderer, officials, SENDER)
    text = renderer.render_callscripts(scripts, fmt)
    golden.check(f"letters/callscript.{fmt}", text)
    if fmt == "txt":
        assert max(len(line) for line in text.splitlines()) <= 72
