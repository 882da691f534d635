"""Spanish letters to every office kind with no English of civickit's own left in them: the
constituency, chamber, role and call-script words from es/language.toml, by the data's gender
only, and every state chamber named in Spanish by one rule."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from civickit.campaign import load_campaign
from civickit.core import addressing
from civickit.core.chambers import chamber
from civickit.core.districts import District
from civickit.core.officials import Address, Official
from civickit.core.states import CODES
from civickit.materials.languages import language_words
from civickit.materials.letter_files import compose_callscripts
from civickit.materials.letters import LetterRenderer
from civickit.materials.render import TEMPLATES_DIR
from letters_officials import AS_OF, LETTER_DATE, OFFICIALS, SENDER
from support.golden import Golden

EXTRA: dict[str, Official] = {
    "state_upper_ne": Official(
        name="Danielle Conrad",
        office="state-upper",
        title="Senator",
        state="NE",
        district=District("NE", "sldu", "46"),
        capitol_office=Address("Capitol Office", ("PO Box 94604",), "Lincoln", "NE", "68509"),
    ),
    "other_mayor": Official(
        name="Barbara Lee",
        office="other",
        title="Mayor",
        state="CA",
        organisation="City of Oakland",
        capitol_office=Address(
            "City Hall", ("1 Frank H. Ogawa Plaza",), "Oakland", "CA", "94612", phone="510-444-2489"
        ),
    ),
}
KINDS = {**OFFICIALS, **EXTRA}
CASES = (
    "us_senate",
    "us_house",
    "us_house_delegate",
    "us_house_resident_commissioner",
    "state_upper",
    "state_lower_assembly",
    "state_lower_delegate",
    "state_lower_representative",
    "state_upper_ne",
    "other_mayor",
    "other_city",
    "other_company",
)
# civickit's own English words that must not be left in the words of a Spanish letter.
ENGLISH = re.compile(
    r"\b(Dear|Sincerely|Re|Sources|district|District|Senator|Representative|Assembly|House|"
    r"Senate|Legislature|Delegate|Congress|congressional|I am|I live|please|the)\b"
)
ES = language_words("es", [TEMPLATES_DIR])


@pytest.fixture(scope="module")
def renderer() -> LetterRenderer:
    return LetterRenderer(load_campaign(), as_of=AS_OF, language="es")


def _letter_words(text: str) -> str:
    """The letter from its subject to its signature: what civickit and the campaign word,
    without the inside address (kept as US mail rooms read it) and the sources' titles."""
    start = text.index("Asunto")
    return text[start : text.index("Atentamente", start)]


@pytest.mark.parametrize("case", CASES)
def test_golden_spanish_letter_to_every_office_kind(
    renderer: LetterRenderer, case: str, golden: Golden
) -> None:
    text = renderer.render(KINDS[case], SENDER, "txt", date=LETTER_DATE)
    golden.check(f"letters/es/kinds/{case}.txt", text)
    assert not ENGLISH.search(_letter_words(text).replace("Microsoft Corporation", ""))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("case", CASES)
def test_no_english_words_in_any_format(renderer: LetterRenderer, case: str, fmt: str) -> None:
    text = renderer.render(KINDS[case], SENDER, fmt, date=LETTER_DATE)
    assert not ENGLISH.search(_letter_words(text).replace("Microsoft Corporation", ""))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("case", ["us_senate", "state_lower_representative", "other_mayor"])
def test_golden_spanish_letter_md_and_html(
    renderer: LetterRenderer, case: str, fmt: str, golden: Golden
) -> None:
    text = renderer.render(KINDS[case], SENDER, fmt, date=LETTER_DATE)
    golden.check(f"letters/es/kinds/{case}.{fmt}", text)


def test_spanish_email_body_and_subject(renderer: LetterRenderer) -> None:
    message = renderer.render_email(KINDS["us_senate"], SENDER, date=LETTER_DATE)
    assert message["Subject"] == "Que la policía deje de usar el reconocimiento facial"
    body = message.get_content()
    assert "Atentamente," in body
    assert not ENGLISH.search(_letter_words(body))


@pytest.mark.parametrize(
    ("case", "male", "female", "neutral"),
    [
        ("us_senate", "Estimado senador Padilla", "Estimada senadora Padilla", "Honorable Alex Padilla"),
        ("us_house", "Estimado representante Pelosi", "Estimada representante Pelosi", "Honorable Nancy Pelosi"),
        ("us_house_delegate", "Estimado delegado", "Estimada delegada", "Honorable"),
        ("us_house_resident_commissioner", "Estimado comisionado residente", "Estimada comisionada residente", "Honorable"),
        ("state_upper", "Estimado senador McGuire", "Estimada senadora McGuire", "Honorable Mike McGuire"),
        ("state_lower_assembly", "Estimado asambleísta Wicks", "Estimada asambleísta Wicks", "Honorable Buffy Wicks"),
        ("state_lower_delegate", "Estimado delegado Avery", "Estimada delegada Avery", "Honorable Jordan Avery"),
        ("state_lower_representative", "Estimado representante Morgan", "Estimada representante Morgan", "Honorable Casey Morgan"),
        ("state_upper_ne", "Estimado senador Conrad", "Estimada senadora Conrad", "Honorable Danielle Conrad"),
        ("other_mayor", "Estimado alcalde Lee", "Estimada alcaldesa Lee", "Honorable Barbara Lee"),
        ("other_company", "Apreciable Satya Nadella", "Apreciable Satya Nadella", "Apreciable Satya Nadella"),
        ("other_city", "Estimados miembros de San Francisco Board of Supervisors", "Estimados miembros", "Estimados miembros"),
    ],
)  # fmt: skip
def test_salutation_by_the_data_gender_only(
    renderer: LetterRenderer, case: str, male: str, female: str, neutral: str
) -> None:
    for gender, expected in (("male", male), ("female", female), (None, neutral)):
        official = replace(KINDS[case], gender=gender)
        text = renderer.render(official, SENDER, "txt", date=LETTER_DATE)
        salutation = next(line for line in text.splitlines() if line.endswith(":"))
        assert salutation.startswith(expected), (gender, salutation)
        role = renderer.context(official, SENDER, date=LETTER_DATE)["role"]
        if gender is None:  # no gendered word when the data gives no gender
            assert not re.search(r"\b(senador|senadora|senadores|delegado|alcalde)\b", role)


@pytest.mark.parametrize(
    ("case", "constituency", "chamber", "role"),
    [
        ("us_senate", "California", "el Senado de los Estados Unidos", "mi representante en el Senado de los Estados Unidos"),
        ("us_house", "el distrito 11 de California", "la Cámara de Representantes de los Estados Unidos", "mi representante en el Congreso"),
        ("us_house_delegate", "Washington D. C.", "la Cámara de Representantes de los Estados Unidos", "mi representante en el Congreso"),
        ("us_house_resident_commissioner", "Puerto Rico", "la Cámara de Representantes de los Estados Unidos", "mi representante en el Congreso"),
        ("state_upper", "el distrito 2 del Senado de California", "el Senado de California", "mi representante en el Senado de California"),
        ("state_lower_assembly", "el distrito 14 de la Asamblea de California", "la Asamblea de California", "mi representante en la Asamblea de California"),
        ("state_lower_delegate", "el distrito 3A de la Cámara de Delegados de Maryland", "la Cámara de Delegados de Maryland", "mi representante en la Cámara de Delegados de Maryland"),
        ("state_lower_representative", "el distrito 5 de la Cámara de Representantes de Texas", "la Cámara de Representantes de Texas", "mi representante en la Cámara de Representantes de Texas"),
        ("state_upper_ne", "el distrito 46 de la Legislatura de Nebraska", "la Legislatura de Nebraska", "mi representante en la Legislatura de Nebraska"),
        ("other_mayor", "City of Oakland", "City of Oakland", ""),
    ],
)  # fmt: skip
def test_constituency_chamber_and_role_in_spanish(
    renderer: LetterRenderer, case: str, constituency: str, chamber: str, role: str
) -> None:
    official = replace(KINDS[case], gender=None)
    context = renderer.context(official, SENDER, date=LETTER_DATE)
    assert (context["constituency"], context["chamber"], context["role"]) == (
        constituency,
        chamber,
        role,
    )


def test_gendered_roles_and_titles() -> None:
    assert ES.places is not None and ES.address is not None
    senator = replace(OFFICIALS["us_senate"], gender="female")
    assert addressing.role_in(senator, ES.address, ES.places) == "una de mis dos senadoras"
    wicks = replace(OFFICIALS["state_lower_assembly"], gender="female")
    assert addressing.role_in(wicks, ES.address, ES.places) == (
        "mi asambleísta en la Asamblea de California"
    )
    mayor = replace(EXTRA["other_mayor"], gender="female")
    assert addressing.role_in(mayor, ES.address, ES.places) == "alcaldesa de City of Oakland"
    assert addressing.title_in(replace(mayor, gender=None), ES.address) == "alcalde o alcaldesa"
    assert addressing.title_in(replace(wicks, gender=None), ES.address) == "asambleísta"


@pytest.mark.parametrize("state", sorted(CODES))
def test_every_state_chamber_is_named_in_spanish(state: str) -> None:
    """Every chamber of the Open States metadata by the one rule of [chambers], with a
    Spanish title for its members; no chamber falls back to its English name."""
    assert ES.places is not None and ES.address is not None
    for office in ("state-upper", "state-lower"):
        seat = chamber(office, state)
        if seat is None:
            continue
        official = Official(
            name="Ana Ruiz",
            office=office,
            title="",
            state=state,
            district=District(state, "sldu" if office == "state-upper" else "sldl", "7"),
        )
        name = addressing.chamber_name_in(official, ES.places)
        assert "«" not in name, (state, office, seat)
        assert not ENGLISH.search(name.replace("Columbia", "")), name
        place = addressing.constituency_in(official, ES.places)
        assert place.startswith("el distrito 7 de"), place
        assert seat.title in ES.address.titles, (state, seat.title)


def test_unlisted_chamber_keeps_its_english_name_in_quotes() -> None:
    assert ES.places is not None
    bare = replace(ES.places, chambers={})
    official = OFFICIALS["state_lower_representative"]
    assert addressing.chamber_name_in(official, bare) == "«Texas House of Representatives»"


def test_spanish_call_script_headings_and_office_labels(renderer: LetterRenderer) -> None:
    officials = [KINDS[c] for c in ("state_lower_representative", "other_mayor")]
    scripts, _ = compose_callscripts(renderer, officials, SENDER)
    text = renderer.render_callscripts(scripts, "txt")
    assert "Casey Morgan Jr., por el distrito 5 de la Cámara de Representantes de Texas" in text
    assert "Barbara Lee (City of Oakland)" in text
    assert "510-444-2489  Alcaldía" in text
