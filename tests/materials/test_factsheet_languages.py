"""The fact sheet in the supporter's language: Spanish built in, French by campaign data only."""

from __future__ import annotations

import html as html_module
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from civickit.campaign import Campaign, load_campaign
from civickit.errors import UsageError
from civickit.materials import pagefit
from civickit.materials.factsheet import FactSheet, build_factsheet, html_renderer, render_factsheet
from civickit.materials.factsheet_words import ENGLISH_SHEET, sheet_words
from civickit.materials.languages import language_words
from civickit.materials.letters import LetterRenderer
from civickit.materials.render import TEMPLATES_DIR
from factsheet_helpers import GENERATED, html_citations, html_source_numbers, pdf_pages
from letters_officials import AS_OF, LETTER_DATE, OFFICIALS, SENDER
from support.cli import invoke
from support.golden import Golden
from support.languages import FRENCH, FRENCH_WORDS, MINI

DATE = ["--date", "2026-11-26"]

# The French sheet's words, added to the French test's language file.
_FRENCH_SHEET = """
[factsheet]
fact_sheet = "Fiche d'information"
fact_sheet_from = "Fiche d'information de {org}"
key_facts = "Les faits"
timeline = "Chronologie"
month_timeline = "Chronologie de {month}"
what_you_can_do = "Que pouvez-vous faire ?"
other_lead = "Demandez à {audience}"
take_action = "Agissez : scannez le code avec votre téléphone, ou rendez-vous sur"
take_action_md = "Agissez :"
translation = "Traduction : {text}"
sources = "Sources"
via = "cité par {publisher}"
generated = "Fiche créée le {date} avec civickit, campagne « {title} »."
precision_note = "Chaque fait est daté aussi précisément que sa source le permet."

[factsheet.leads]
federal = "Demandez au Congrès"
"""


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign()


@pytest.fixture(scope="module")
def spanish(campaign: Campaign) -> FactSheet:
    return build_factsheet(campaign, generated=GENERATED, language="es")


@pytest.fixture(scope="module")
def spanish_md(spanish: FactSheet) -> str:
    return str(render_factsheet(spanish, "md"))


def _english_words() -> list[str]:
    """civickit's own English words on a sheet, without their placeholders."""
    texts = [
        getattr(ENGLISH_SHEET, name)
        for name in ("fact_sheet", "key_facts", "what_you_can_do", "take_action", "sources")
    ]
    texts += [ENGLISH_SHEET.precision_note, "Generated on", "timeline", "Reported", " via "]
    return [*texts, *ENGLISH_SHEET.leads.values()]


# --------------------------------------------------------------------------- golden files


def test_spanish_markdown_matches_golden(golden: Golden) -> None:
    result = invoke(["factsheet", "--lang", "es", "--format", "md", *DATE])
    assert (result.exit_code, result.stderr) == (0, "")  # fully translated: no note
    golden.check("factsheet/es.md", result.stdout)


def test_spanish_html_at_a_fixed_layout_matches_golden(spanish: FactSheet, golden: Golden) -> None:
    layout = next(layout for layout in pagefit.LAYOUTS if layout.name == "9pt")
    html = html_renderer(spanish)(layout, 0.0)
    assert html.startswith('<!DOCTYPE html>\n<html lang="es">')
    assert sorted(set(html_citations(html))) == html_source_numbers(html) == [1, 2, 3]
    golden.check("factsheet/es-letter.html", html)


def test_english_sheet_keeps_lang_en(campaign: Campaign) -> None:
    html = html_renderer(build_factsheet(campaign, generated=GENERATED))(pagefit.LAYOUTS[0], 0.0)
    assert '<html lang="en">' in html


# --------------------------------------------------------------------------- words and dates


def test_spanish_sheet_has_no_english_civickit_words(spanish: FactSheet, spanish_md: str) -> None:
    page = html_renderer(spanish)(pagefit.FALLBACK_LAYOUT, 0.0).split("</style>")[1]
    html = html_module.unescape(re.sub(r"<[^>]+>", " ", page))  # the text a reader sees
    # The verbatim English quote and the sources' own English titles are allowed to stay.
    quote = spanish.quote.quote.text if spanish.quote else ""
    for shown in (html, spanish_md):
        text = shown.replace(quote, "")
        for source in spanish.sources:
            text = text.replace(source.source.title or "", "")
            text = text.replace(source.source.description or "", "")
        for words in _english_words():
            assert words not in text, words


def test_spanish_dates_at_each_facts_precision(spanish: FactSheet) -> None:
    labels = [item.date_label for item in spanish.facts]
    assert labels[0] == "Según se informó el 11 de junio de 2020"  # dated by its report
    assert "2019" in labels
    timeline = [entry.label for entry in spanish.timeline]
    assert timeline[:2] == ["La semana del 1 de junio de 2020", "La semana del 8 de junio de 2020"]
    assert timeline[-1] == "11 de junio de 2020"
    assert spanish.timeline_title == "Cronología de junio de 2020"
    assert spanish.quote is not None
    assert spanish.quote.attribution.endswith("ACLU of Northern California, 11 de junio de 2020")


def test_spanish_asks_read_as_one_sentence(spanish: FactSheet) -> None:
    sentences = [ask.sentence for ask in spanish.asks]
    assert sentences[0].startswith("Pida al Congreso que apruebe una ley nacional")
    assert sentences[-1].startswith("Exija a cada empresa de tecnología que trabaje")
    assert all(sentence.endswith(".") and ".." not in sentence for sentence in sentences)


def test_quote_stays_verbatim_beside_a_marked_translation(
    campaign: Campaign, spanish: FactSheet, spanish_md: str
) -> None:
    english = build_factsheet(campaign, generated=GENERATED)
    assert spanish.quote is not None and english.quote is not None
    assert spanish.quote.quote.text == english.quote.quote.text
    assert f"> Traducción: {spanish.quote.quote.translation}" in spanish_md
    assert "Traducción" not in str(render_factsheet(english, "md"))
    assert spanish.to_dict()["quote"]["translation"] == spanish.quote.quote.translation


def test_json_names_the_language() -> None:
    result = invoke(["factsheet", "--lang", "Español", "--format", "json", *DATE])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["language"], data["timeline_title"]) == ("es", "Cronología de junio de 2020")
    english = json.loads(invoke(["factsheet", "--format", "json", *DATE]).stdout)
    assert english["language"] == "en"


# --------------------------------------------------------------------------- one page


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_spanish_sheet_is_one_readable_page(campaign: Campaign, paper: str) -> None:
    sheet = build_factsheet(campaign, paper=paper, generated=GENERATED, language="es")
    fitted = pagefit.fit_one_page(html_renderer(sheet))
    # Spanish runs longer than English (9.75/10 pt); the sheet still prints well above the
    # smallest step (measured: 8.75 pt on Letter, 9 pt on A4).
    assert fitted.layout.font_pt >= 8.5 > pagefit.LAYOUTS[-1].font_pt
    pdf = fitted.pdf()
    assert pdf_pages(pdf) == 1
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    for words in ("DATOS CLAVE", "CRONOLOGÍA DE JUNIO DE 2020", "FUENTES", "Traducción:"):
        assert words in text


def test_cli_pdf_in_spanish_is_one_page(tmp_path: Path) -> None:
    out = tmp_path / "hoja.pdf"
    result = invoke(
        ["factsheet", "--lang", "spa", "--paper", "a4", "--format", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert pdf_pages(out.read_bytes()) == 1


# --------------------------------------------------------------------------- fallbacks, errors


def test_missing_translation_is_noted_and_stays_english(tmp_path: Path) -> None:
    text = (load_campaign().path / "campaign.toml").read_text(encoding="utf-8")
    start = text.index("[translations.es.facts.city-bans]")
    end = text.index("[translations.es.facts.", start + 10)
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "campaign.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = invoke(
        ["--campaign", str(folder), "factsheet", "--lang", "es", "--format", "md", *DATE]
    )
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "Note: language es: not translated, so in English: fact city-bans text"
    )
    # The untranslated fact keeps its English words and its English date, nothing mixed.
    assert "- **2019:** San Francisco, Oakland, and other California cities passed" in (
        result.stdout
    )
    assert "## Datos clave" in result.stdout


def _french_campaign(tmp_path: Path, words: str) -> Path:
    folder = tmp_path / "fr-campaign"
    (folder / "templates" / "fr").mkdir(parents=True)
    (folder / "campaign.toml").write_text(MINI + FRENCH, encoding="utf-8")
    (folder / "templates" / "fr" / "language.toml").write_text(words, encoding="utf-8")
    return folder


def test_third_language_sheet_by_data_only(tmp_path: Path) -> None:
    """The French test campaign of the letters gets its sheet from campaign data alone."""
    campaign = load_campaign(_french_campaign(tmp_path, FRENCH_WORDS + _FRENCH_SHEET))
    sheet = build_factsheet(
        campaign, tags=["federal"], generated=GENERATED, language="fr", org="Amis"
    )
    md = str(render_factsheet(sheet, "md"))
    assert md.startswith("# Arrêtez la reconnaissance faciale\n\n*Fiche d'information de Amis*")
    assert "## Les faits\n\n- **11 juin 2020:** IBM a annoncé" in md
    assert "- **Demandez au Congrès** d'adopter une loi." in md
    assert "*Fiche créée le 26 novembre 2026 avec civickit" in md
    assert "## Sources\n\n[^1]: The Verge, “IBM quits”, 11 juin 2020." in md
    html = html_renderer(sheet)(pagefit.FALLBACK_LAYOUT, 0.0)
    assert '<html lang="fr">' in html and "Que pouvez-vous faire ?" in html
    # A per-language template found in the campaign overrides the built-in one.
    (campaign.path / "templates" / "fr" / "factsheet.md").write_text(
        '{% extends "en/factsheet.md" %}\n', encoding="utf-8"
    )
    assert str(render_factsheet(sheet, "md")) == md


def test_a_language_file_for_letters_only_still_loads_but_no_sheet(tmp_path: Path) -> None:
    campaign = load_campaign(_french_campaign(tmp_path, FRENCH_WORDS))
    renderer = LetterRenderer(campaign, as_of=AS_OF, language="fr")
    assert "26 novembre 2026" in renderer.render(
        OFFICIALS["us_senate"], SENDER, "txt", date=LETTER_DATE
    )
    with pytest.raises(UsageError, match=r"fr/language.toml lacks fact-sheet words \(fact_sheet"):
        build_factsheet(campaign, tags=["federal"], generated=GENERATED, language="fr")
    result = invoke(["--campaign", str(campaign.path), "factsheet", "--lang", "fr", "--tag", "x"])
    assert result.exit_code == 2
    assert "[factsheet] table" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "pattern", ["Fiche de {organisation}", "Fiche de {org.__class__}", "Fiche {0}", "Fiche {org"]
)
def test_a_wrong_placeholder_is_a_clear_error(tmp_path: Path, pattern: str) -> None:
    sheet_words = _FRENCH_SHEET.replace("Fiche d'information de {org}", pattern)
    campaign = load_campaign(_french_campaign(tmp_path, FRENCH_WORDS + sheet_words))
    with pytest.raises(UsageError, match=re.escape("[factsheet] fact_sheet_from") + ".*{org}"):
        build_factsheet(campaign, tags=["federal"], generated=GENERATED, language="fr")


def _spanish_table() -> dict[str, object]:
    words = language_words("es", [TEMPLATES_DIR])
    return dict(words.factsheet)


@given(st.text(alphabet=st.sampled_from("{}!:.[]0rs orgdatetil"), max_size=30))
@settings(max_examples=200, deadline=None)
def test_any_placeholder_text_loads_or_is_refused_never_fails_later(pattern: str) -> None:
    table = {**_spanish_table(), "fact_sheet_from": pattern, "generated": pattern}
    try:
        words = sheet_words(replace(language_words("es", [TEMPLATES_DIR]), factsheet=table))
    except UsageError as exc:
        assert "[factsheet]" in str(exc)
        return
    assert isinstance(words.fact_sheet_from.format(org="Amigos {x}"), str)
    assert isinstance(words.generated.format(date="hoy", title="T"), str)
