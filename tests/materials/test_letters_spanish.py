"""Materials in the supporter's language: Spanish letters and call scripts, a third language by
data only, and the campaign's translations checked and reported."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from civickit.campaign import load_campaign
from civickit.campaign.translations import missing_translations
from civickit.core import addressing
from civickit.core.dates import FuzzyDate
from civickit.errors import CampaignError, UsageError
from civickit.materials.languages import language_words
from civickit.materials.letter_files import compose_callscripts
from civickit.materials.letters import LetterRenderer, Sender
from civickit.materials.render import TEMPLATES_DIR
from letters_officials import AS_OF, LETTER_DATE, OFFICIALS, SENDER
from support.golden import Golden
from support.languages import FRENCH, FRENCH_WORDS, MINI

SPANISH_CASES = ("us_senate", "us_house", "state_lower_assembly", "other_city", "other_company")


@pytest.fixture(scope="module")
def renderer() -> LetterRenderer:
    return LetterRenderer(load_campaign(), as_of=AS_OF, language="es")


@pytest.mark.parametrize("case", SPANISH_CASES)
def test_golden_spanish_letter(renderer: LetterRenderer, case: str, golden: Golden) -> None:
    text = renderer.render(OFFICIALS[case], SENDER, "txt", date=LETTER_DATE)
    golden.check(f"letters/es/{case}.txt", text)
    assert "26 de noviembre de 2026" in text
    assert "Atentamente," in text and "Sincerely" not in text
    assert max(len(line) for line in text.splitlines()) <= 72


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_spanish_letter_in_every_format(renderer: LetterRenderer, fmt: str) -> None:
    text = renderer.render(OFFICIALS["us_senate"], SENDER, fmt, date=LETTER_DATE)
    assert "Asunto: Que la policía deje de usar el reconocimiento facial" in text
    assert "Atentamente," in text
    if fmt == "html":
        assert '<html lang="es">' in text


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_golden_spanish_callscript(renderer: LetterRenderer, fmt: str, golden: Golden) -> None:
    officials = [OFFICIALS[c] for c in ("us_senate", "us_house", "other_city")]
    scripts, _ = compose_callscripts(renderer, officials, SENDER)
    text = renderer.render_callscripts(scripts, fmt)
    golden.check(f"letters/es/callscript.{fmt}", text)
    assert text.count("Hola, me llamo Ada Lopez") == 3
    assert "Hello" not in text
    assert min(script.seconds for script in scripts) >= 20


def test_story_is_never_translated(renderer: LetterRenderer) -> None:
    story = "My cousin was stopped by mistake. Twice."
    sender = Sender(**{**SENDER.__dict__, "story": story})
    text = renderer.render(OFFICIALS["us_house"], sender, "txt", date=LETTER_DATE)
    assert story in " ".join(text.split())
    assert renderer.content(OFFICIALS["us_house"], sender).constituent_message == story


def test_quotes_stay_verbatim_with_a_marked_translation(renderer: LetterRenderer) -> None:
    english = load_campaign().quote("aclu-statement-1")
    spanish = renderer.campaign.quote("aclu-statement-1")
    assert spanish.text == english.text
    assert spanish.translation and spanish.translation.startswith("Cuando incluso")
    assert spanish.to_dict()["translation"] == spanish.translation
    verge = "verge-2020-06-11"
    assert renderer.campaign.sources[verge].title == load_campaign().sources[verge].title


def test_a_quotes_role_and_reporting_words_are_translated_its_words_are_not(
    renderer: LetterRenderer,
) -> None:
    english = load_campaign().quote("smith-no-sales-today")
    spanish = renderer.campaign.quote("smith-no-sales-today")
    assert spanish.text == english.text and spanish.speaker == english.speaker
    assert (spanish.role, spanish.context) == ("presidente", "dijo a The Washington Post")
    assert spanish.attribution() == "Brad Smith, presidente, Microsoft"
    assert english.role == "President"


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        ("male", "Estimado senador Padilla"),
        ("female", "Estimada senadora Padilla"),
        (None, "Honorable Alex Padilla"),
    ],
)
def test_spanish_salutation_by_gender_only_when_given(gender: str | None, expected: str) -> None:
    words = language_words("es", [TEMPLATES_DIR]).address
    assert words is not None
    senator = replace(OFFICIALS["us_senate"], gender=gender)
    assert addressing.salutation_in(senator, words) == expected


def test_spanish_salutation_of_a_representative_and_a_body() -> None:
    words = language_words("es", [TEMPLATES_DIR]).address
    assert words is not None
    house = OFFICIALS["us_house"]
    assert house.gender == "female"
    assert addressing.salutation_in(house, words) == "Estimada representante Pelosi"
    company = OFFICIALS["other_company"]
    assert addressing.salutation_in(company, words) == "Apreciable Satya Nadella"
    city = OFFICIALS["other_city"]
    assert addressing.salutation_in(city, words) == (
        "Estimados miembros de San Francisco Board of Supervisors"
    )


@pytest.mark.parametrize(
    ("iso", "phrase", "text"),
    [
        ("2020-06-11", "el 11 de junio de 2020", "11 de junio de 2020"),
        ("2020-06", "en junio de 2020", "junio de 2020"),
        ("2019", "en 2019", "2019"),
        ("2020-W24", "la semana del 8 de junio de 2020", "la semana del 8 de junio de 2020"),
        ("2020-W23", "la semana del 1 de junio de 2020", "la semana del 1 de junio de 2020"),
    ],
)
def test_spanish_dates_at_every_precision(iso: str, phrase: str, text: str) -> None:
    words = language_words("es", [TEMPLATES_DIR]).dates
    date = FuzzyDate.parse(iso).in_language(words)
    assert date.phrase() == phrase
    assert date.text() == text
    assert date == FuzzyDate.parse(iso)  # the wording is not part of the date


def test_built_in_campaign_is_fully_translated_to_spanish() -> None:
    assert missing_translations(load_campaign(), "es") == []


def test_missing_translation_is_listed_and_falls_back_to_english(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path, drop_fact="ibm-exit")
    campaign = load_campaign(folder)
    assert missing_translations(campaign, "es") == [
        "fact ibm-exit text",
        "fact ibm-exit headline",
    ]
    spanish = LetterRenderer(campaign, as_of=AS_OF, language="es").campaign
    assert spanish.fact("ibm-exit").text == campaign.fact("ibm-exit").text
    assert spanish.fact("ibm-exit").date.words is None  # English text keeps its English date


def test_translation_of_an_unknown_id_or_language_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "campaign.toml").write_text(
        MINI
        + '[translations.xx]\ntitle = "?"\n[translations.es.facts.nope]\ntext = "?"\n'
        + '[translations.es.quotes.q1]\nspeaker = "?"\n',
        encoding="utf-8",
    )
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    text = str(caught.value)
    assert "translations.xx: language 'xx'" in text
    assert "translations.es.facts.nope: the campaign has no such id" in text
    assert "unknown field 'speaker'; allowed: translation, role, context" in text


def test_a_language_without_words_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match=r"language 'de'.*templates/de/language.toml"):
        LetterRenderer(load_campaign(), language="de")


def test_third_language_by_data_only(tmp_path: Path) -> None:
    """French from a campaign folder alone: its [translations.fr] and templates/fr/."""
    folder = tmp_path / "fr-campaign"
    (folder / "templates" / "fr").mkdir(parents=True)
    (folder / "campaign.toml").write_text(MINI + FRENCH, encoding="utf-8")
    spanish_words = (TEMPLATES_DIR / "es" / "language.toml").read_text(encoding="utf-8")
    assert tomllib.loads(spanish_words)  # the file a translator starts from
    (folder / "templates" / "fr" / "language.toml").write_text(FRENCH_WORDS, encoding="utf-8")
    (folder / "templates" / "fr" / "letter_base.txt").write_text(
        '{% extends "en/letter_base.txt" %}\n'
        "{% block re %}Objet {% endblock %}\n"
        "{% block sign_off %}Veuillez agréer mes salutations distinguées,{% endblock %}\n",
        encoding="utf-8",
    )
    renderer = LetterRenderer(load_campaign(folder), as_of=AS_OF, language="fr")
    text = renderer.render(OFFICIALS["us_senate"], SENDER, "txt", date=LETTER_DATE)
    assert "26 novembre 2026" in text
    assert "Objet : Arrêtez la reconnaissance faciale" in text
    assert "Monsieur le sénateur Padilla:" in text  # the data gives his gender
    assert "Le 11 juin 2020, IBM a annoncé" in text
    assert "Veuillez agréer mes salutations distinguées," in text
    assert "Je vous écris pour vous demander d'adopter une loi." in " ".join(text.split())
    script = renderer.callscript(OFFICIALS["us_senate"], SENDER)
    assert script.script.startswith("Bonjour, je m'appelle Ada Lopez")


def _copy_builtin(tmp_path: Path, *, drop_fact: str) -> Path:
    source = load_campaign().path / "campaign.toml"
    text = source.read_text(encoding="utf-8")
    start = text.index(f"[translations.es.facts.{drop_fact}]")
    end = text.index("[translations.es.facts.", start + 10)
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "campaign.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    return folder


def test_campaign_languages_line_notes_what_is_untranslated(tmp_path: Path) -> None:
    from civickit.campaign.translations import languages_line

    assert languages_line(load_campaign()) == "en, es (complete)"
    partial = load_campaign(_copy_builtin(tmp_path, drop_fact="ibm-exit"))
    assert languages_line(partial) == (
        "en, es (2 texts in English: fact ibm-exit text, fact ibm-exit headline)"
    )
