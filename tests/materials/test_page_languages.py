"""The action page in each of the campaign's languages: every word the page shows follows its
language (from the ``[page]`` table of ``<code>/language.toml``), a district list per language,
numbers, lists and dates by Babel, and a third language from data alone."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_percent

from civickit.campaign import load_campaign
from civickit.errors import UsageError
from civickit.lookup.facade import Lookup
from civickit.materials.page_words import ENGLISH_TEXT, page_languages, page_words
from civickit.materials.render import TEMPLATES_DIR
from civickit.outreach.page_data import build_page
from support.cli import RunCli
from support.golden import Golden
from support.languages import FRENCH, FRENCH_SOCIAL, FRENCH_WORDS, MINI

DATE = dt.date(2026, 11, 26)
BUILTIN = Path(load_campaign().path) / "campaign.toml"
HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)">'
DATA_BLOCK = re.compile(r'<script type="application/json" id="civickit-data">(.*?)</script>', re.S)
#: English words the page's own wording uses: none may show in another language's version.
ENGLISH_WORDS = re.compile(
    r"\b(Senator|Representative|Delegate|Office|office|contact form|congressional district|"
    r"at large|vacant|Republican|Democratic|Independent|district|Every|Back to|Your|Find|"
    r"Copy|Call|Letter|Made with|Officials|Sources|The facts|What we ask|Skip)\b"
)
#: Keys whose value is only placeholders and punctuation, the same in any language.
PLACEHOLDERS_ONLY = {"official"}
#: What the patterns naming the data's officials and districts may use besides the English.
PATTERN_FIELDS = {"{state}", "{number}", "{chamber}", "{office}", "{place}", "{seat}", "{party}"}


def page_data(html: str) -> dict[str, Any]:
    found = DATA_BLOCK.search(html)
    assert found is not None
    data: dict[str, Any] = json.loads(found[1])
    return data


def visible_text(html: str) -> str:
    """The text of ``html`` outside its style, scripts, tags and English links."""
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<p lang="en">.*?</p>', " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def site(lookup_data: Path, tmp_path: Path, run_cli: RunCli) -> Path:
    out = tmp_path / "site"
    run_cli(["page", "--out", str(out), "--date", "2026-11-26"], expect=0)
    return out


def spanish() -> dict[str, str]:
    words = page_words("es", [TEMPLATES_DIR])
    assert words is not None
    return dict(words.text)


def test_the_spanish_words_cover_every_english_one() -> None:
    words = spanish()
    assert words.keys() == ENGLISH_TEXT.keys()
    same = [key for key in words if words[key] == ENGLISH_TEXT[key]]
    assert set(same) <= PLACEHOLDERS_ONLY, same
    for key, text in words.items():  # the placeholders of the English, so every one is filled
        english = set(re.findall(r"\{\w*\}", ENGLISH_TEXT[key]))
        assert set(re.findall(r"\{\w*\}", text)) <= english | PATTERN_FIELDS, key
        assert not ENGLISH_WORDS.search(re.sub(r"\{\w*\}", "", text)), (key, text)


def test_the_spanish_page_table_comes_before_address() -> None:
    text = (TEMPLATES_DIR / "es" / "language.toml").read_text(encoding="utf-8")
    assert text.index("\n[page]\n") < text.index("\n[address]\n")
    assert tomllib.loads(text)["page"]["find"] == "Buscar"


def test_the_spanish_district_list_is_wholly_spanish(site: Path) -> None:
    listed = (site / "districts.es.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in listed
    assert "<h1>Todos los distritos y sus representantes</h1>" in listed
    assert "CA-12: Distrito 12 de California en el Congreso" in listed
    assert "NY-12: Distrito 12 de Nueva York en el Congreso" in listed
    assert "WY-AL: Wyoming (distrito único)" in listed
    assert "CA-SD-2: Distrito 2 del Senado de California" in listed
    assert "CA-AD-14: Distrito 14 de la Asamblea de California" in listed
    assert "DC: Washington D. C." in listed  # as the Spanish letters name it ([places])
    vacant = "CA-14: escaño vacante (Cámara de Representantes de EE. UU.)"
    assert "AL-1</h2>" not in listed and "Alabama: escaño vacante (Senado de EE. UU.)" in listed
    assert f'<span class="vacant">{vacant}</span>' in listed
    assert "Alex Padilla (Senado de EE. UU., California, Partido Demócrata)" in listed
    assert ">Oficina en Washington 202-224-3553</a>" in listed
    assert ">formulario de contacto</a>" in listed
    english = [m for m in ENGLISH_WORDS.findall(visible_text(listed)) if m]
    # Only the proper names of the data may stay English (an office's city, a person's name).
    assert english == [], sorted(set(english))[:20]


def test_each_district_list_links_the_other_language(site: Path) -> None:
    english = (site / "districts.html").read_text(encoding="utf-8")
    spanish_list = (site / "districts.es.html").read_text(encoding="utf-8")
    link = '<p lang="es"><a href="districts.es.html" hreflang="es">Todos los distritos y sus'
    assert link in english
    back = '<p lang="en"><a href="districts.html" hreflang="en">Every district and its officials,'
    assert back in spanish_list
    assert '<a href="index.html">Volver a Que la policía deje de usar' in spanish_list


def test_without_javascript_the_index_reads_english_and_offers_the_spanish_list(
    site: Path,
) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    noscript = html[html.index("<noscript>") : html.index("</noscript>")]
    assert 'see <a href="districts.html">every district and its officials</a>.' in noscript
    assert '<a href="districts.es.html" hreflang="es">Todos los distritos' in noscript
    assert '<p lang="es">' in noscript
    assert '<html lang="en">' in html


def test_every_static_word_of_the_index_follows_the_language(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    data = page_data(html)
    ui, es = data["ui"], data["ui_text"]["es"]
    for key in re.findall(r'data-ui="(\w+)"', html):  # the script relabels these on a switch
        assert key in es, key
        if key not in {"share_heading", "copy_post"}:  # the share section's own
            shown = re.search(rf'data-ui="{key}"[^>]*>([^<]*)<', html)
            assert shown is not None and shown[1].replace("&#39;", "'") == ui[key], key
        assert es[key] != ui[key], key
        assert not ENGLISH_WORDS.search(es[key]), (key, es[key])
    assert es["hint"] == (
        "Por ejemplo, 94612, un distrito como CA-12, WY-AL o DC o un distrito legislativo "
        "estatal como CA-SD-1."
    )
    assert es["example"].endswith("un distrito como CA-12, WY-AL o DC.")  # Babel's "or" list
    assert ui["example"].endswith("a district such as CA-12, WY-AL, or DC.")
    assert es["made"] == "Hecho con civickit el 26 de noviembre de 2026."
    assert "Made with civickit on November 26, 2026." in html
    assert 'aria-label="Language / Idioma"' in html


def test_percent_and_lists_are_worded_by_babel(site: Path) -> None:
    data = page_data((site / "index.html").read_text(encoding="utf-8"))
    es = data["ui_text"]["es"]
    assert es["percent"].replace("{p}", "64") == format_percent(0.64, locale="es") == "64\u00a0%"
    assert es["less_than_1"] == "menos del 1\u00a0%"
    assert data["ui"]["percent"].replace("{p}", "64") == "64%"
    assert (es["list_2"], es["list_end"]) == ("{0} y {1}", "{0} y {1}")
    assert data["ui"]["list_end"] == "{0}, and {1}"


def test_officials_and_districts_carry_their_spanish_words(site: Path) -> None:
    data = page_data((site / "index.html").read_text(encoding="utf-8"))
    by_label = {d["label"]: d for d in data["districts"]}
    assert by_label["CA-12"]["es"]["name"] == "Distrito 12 de California en el Congreso"
    assert by_label["CA-12"]["name"] == "California's congressional district 12"
    for official in data["officials"]:
        assert not ENGLISH_WORDS.search(official["es"]["heading"]), official["es"]["heading"]
        if not official["vacant"]:
            assert len(official["es"]["labels"]) == len(official["phones"])
            assert all(not ENGLISH_WORDS.search(label) for label in official["es"]["labels"])


def test_hostile_spanish_text_is_escaped(lookup_data: Path, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    spanish_title = 'title = "Que la policía deje de usar el reconocimiento facial"'
    assert spanish_title in text
    text = text.replace(spanish_title, f"title = '{HOSTILE}'", 1)
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "campaign.toml").write_text(text, encoding="utf-8")
    files = build_page(load_campaign(folder), Lookup(offline=True), date=DATE, states=["WY"])
    assert set(files) == {"index.html", "districts.html", "districts.es.html"}
    for name, body in files.items():
        html = body.decode("utf-8")
        assert "<script>alert" not in html and "<img" not in html, name
        assert html.count("<script") == (2 if name == "index.html" else 0)
    assert "&lt;/script&gt;" in files["districts.es.html"].decode("utf-8")
    data = page_data(files["index.html"].decode("utf-8"))
    assert data["ui_text"]["es"]["title"] == HOSTILE  # plain text, put on the page as text


#: A few of the French page's words; the test fills the others with marked stand-ins.
_FRENCH_PAGE = {
    "name": "Français",
    "language_label": "Langue",
    "find_heading": "Trouvez vos élus",
    "find": "Chercher",
    "letter": "Votre lettre",
    "split": "Votre code postal {zip} est partagé entre {parts}.",
    "district_cd": "{number}e circonscription de {state}",
    "official": "{name} ({office}, {place}{party})",
    "list_in_language": "Toutes les circonscriptions et leurs élus, en français",
}


def french_campaign(tmp_path: Path, *, page: bool, social: bool = True) -> Path:
    folder = tmp_path / "fr-campaign"
    (folder / "templates" / "fr").mkdir(parents=True)
    (folder / "campaign.toml").write_text(MINI + FRENCH, encoding="utf-8")
    words = FRENCH_WORDS + (FRENCH_SOCIAL if social else "")
    if page:
        table = {key: _FRENCH_PAGE.get(key, f"(fr) {text}") for key, text in ENGLISH_TEXT.items()}
        lines = [f"{key} = {json.dumps(text, ensure_ascii=False)}" for key, text in table.items()]
        words += (
            "\n[page]\n" + "\n".join(lines) + '\n\n[page.parties]\nRepublican = "républicain"\n'
        )
    (folder / "templates" / "fr" / "language.toml").write_text(words, encoding="utf-8")
    return folder


def test_a_third_language_gets_its_page_from_data_only(lookup_data: Path, tmp_path: Path) -> None:
    campaign = load_campaign(french_campaign(tmp_path, page=True))
    assert page_languages(campaign) == (["fr"], [])
    files = build_page(campaign, Lookup(offline=True), date=DATE, states=["WY"])
    assert set(files) == {"index.html", "districts.html", "districts.fr.html"}
    html = files["index.html"].decode("utf-8")
    assert 'data-language="fr" aria-pressed="false">Français</button>' in html
    assert 'aria-label="Language / Langue"' in html
    data = page_data(html)
    fr = data["ui_text"]["fr"]
    assert (fr["find_heading"], fr["letter"]) == ("Trouvez vos élus", "Votre lettre")
    assert fr["percent"] == "{p}\u00a0%"  # Babel's French percent
    assert fr["made"] == "(fr) Made with civickit on 26 novembre 2026."  # Babel's French date
    assert data["officials"][0]["fr"]["heading"].endswith(", républicain)")
    listed = files["districts.fr.html"].decode("utf-8")
    assert '<html lang="fr">' in listed
    assert "WY-AL: (fr) {state} (at large)".replace("{state}", "Wyoming") in listed
    assert "Arrêtez la reconnaissance faciale" in listed


def test_a_language_without_a_page_table_is_left_out_with_a_note(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    folder = french_campaign(tmp_path, page=False)
    codes, notes = page_languages(load_campaign(folder))
    assert codes == []
    assert notes == [
        "The page is not in 'fr': its language.toml has no [page] table (copy the built-in "
        "es one and translate it)"
    ]
    out = tmp_path / "site"
    result = run_cli(
        ["--campaign", str(folder), "page", "--out", str(out), "--state", "WY"], expect=0
    )
    assert notes[0] in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["districts.html", "index.html"]
    assert '<nav class="languages' not in (out / "index.html").read_text(encoding="utf-8")


def test_a_language_without_social_words_is_left_out_as_its_share_texts_need_them(
    tmp_path: Path,
) -> None:
    codes, notes = page_languages(load_campaign(french_campaign(tmp_path, page=True, social=False)))
    assert codes == []
    assert notes == [
        "The page is not in 'fr': its language.toml has no [social] table (copy the built-in "
        "es one and translate it)"
    ]


def test_a_language_without_any_words_is_left_out_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "de"
    folder.mkdir()
    german = '\n[translations.de]\ntitle = "Stoppt Gesichtserkennung"\n'
    (folder / "campaign.toml").write_text(MINI + german, encoding="utf-8")
    codes, notes = page_languages(load_campaign(folder))
    assert codes == []
    assert len(notes) == 1
    assert notes[0].startswith("The page is not in 'de': language 'de': civickit has no words")
    assert "templates/de/language.toml" in notes[0]


def test_an_incomplete_page_table_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "words"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "language.toml").write_text(
        FRENCH_WORDS + '\n[page]\nfind = "Chercher"\nfnid = "typo"\n', encoding="utf-8"
    )
    with pytest.raises(UsageError) as caught:
        page_words("fr", [folder])
    message = str(caught.value)
    assert "language 'fr': the [page] table of its language.toml lacks name, " in message
    assert "has unknown fnid" in message
    assert "\n" not in message


def test_the_spanish_district_list_of_one_state_is_golden(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, golden: Golden
) -> None:
    out = tmp_path / "wy"
    run_cli(["page", "--out", str(out), "--state", "wy", "--date", "2026-11-26"], expect=0)
    listed = (out / "districts.es.html").read_text(encoding="utf-8")
    listed = re.sub(r"<style>.*?</style>", "<style>(page.css)</style>", listed, flags=re.S)
    golden.check("page/wy-districts.es.html", listed)


def test_every_state_district_is_named_as_the_spanish_letters_name_its_chamber() -> None:
    from civickit.core.addressing import office_chamber_in
    from civickit.core.state_bodies import state_chamber
    from civickit.core.states import CODES
    from civickit.materials.page import district_name

    words = page_words("es", [TEMPLATES_DIR])
    assert words is not None and words.places is not None
    named = 0
    for state in sorted(CODES):
        for kind, office in (("sldu", "state-upper"), ("sldl", "state-lower")):
            body = state_chamber(state, kind)  # type: ignore[arg-type]
            if body is None or not body.districts:
                continue
            label = body.districts[0].division_id  # a district as an OCD id
            if "/state:" not in label:  # DC's council wards are no district of the page
                continue
            name = district_name({"label": label, "name": ""}, words)
            chamber = office_chamber_in(office, state, words.places)  # type: ignore[arg-type]
            assert chamber is not None
            assert chamber.removeprefix("el ").removeprefix("la ") in name, (label, name)
            assert "de el " not in name and not re.search(r"\b(Senate|House|Assembly)\b", name)
            named += 1
    assert named == 99  # every state's two chambers, Nebraska's one
