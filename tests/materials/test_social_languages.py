"""Social posts in the supporter's language: the built-in campaign in Spanish (golden files for
every platform), quotes verbatim with their marked translation, and a third language (French)
added with campaign data and templates only.

Regenerate after an intended change, then review the diff:
``pytest --update-golden tests/materials/test_social_languages.py``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from civickit.campaign import Campaign, load_campaign
from civickit.errors import UsageError
from civickit.materials.social import SocialOptions, compose_posts, split_thread
from civickit.materials.textcount import parse_platforms, platform
from support.cli import invoke
from support.golden import Golden
from support.languages import FRENCH, FRENCH_SOCIAL, FRENCH_WORDS, MINI

PLATFORMS = ("x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram")


def _spanish(*args: str) -> str:
    result = invoke(["social", "--lang", "es", *args]).expect(0)
    return result.stdout


@pytest.mark.parametrize("name", PLATFORMS)
def test_spanish_posts_golden(name: str, golden: Golden) -> None:
    golden.check(f"social/es/{name}.txt", _spanish("--platform", name))


def test_spanish_thread_json_golden(golden: Golden) -> None:
    golden.check(
        "social/es/x.thread.json", _spanish("--platform", "x", "--thread", "--format", "json")
    )


@pytest.fixture(scope="module")
def builtin() -> Campaign:
    return load_campaign()


def _options(names: str = "all", *, thread: bool = False) -> SocialOptions:
    return SocialOptions(platforms=tuple(parse_platforms(names)), thread=thread, language="es")


@pytest.mark.parametrize("thread", [False, True])
def test_every_spanish_post_fits_its_platform(builtin: Campaign, thread: bool) -> None:
    posts = compose_posts(builtin, _options(thread=thread)).posts
    assert {post.platform for post in posts} == set(PLATFORMS)
    for post in posts:
        measured = platform(post.platform).measure(post.text)
        assert measured.fits, (post.item_id, post.platform, measured.problems)
        assert post.length == measured.length <= post.limit
        for english in ("Take action", "link in bio", ", via ", "Source:", " said "):
            assert english not in post.text, (post.item_id, post.platform)


def test_spanish_posts_use_the_translation_dates_and_hashtags(builtin: Campaign) -> None:
    posts = {p.item_id: p.text for p in compose_posts(builtin, _options("mastodon")).posts}
    assert posts["ibm-exit"].startswith("La semana del 8 de junio de 2020, IBM anunció que")
    assert "(10 de junio de 2020)." in posts["amazon-pause"]
    assert "(según se informó el 11 de junio de 2020)." in posts["bias-research"]
    assert "— The Washington Post, vía The Verge" in posts["microsoft-no-police-sales"]
    assert posts["ibm-exit"].endswith("#ReconocimientoFacial #LibertadesCiviles #Privacidad")
    assert "Cómo actuar: https://www.congress.gov/members/find-your-member" in posts["ibm-exit"]
    instagram = compose_posts(builtin, _options("instagram")).posts
    assert all("Cómo actuar: enlace en la bio" in post.text for post in instagram)


def test_a_quote_stays_verbatim_with_its_translation_marked(builtin: Campaign) -> None:
    result = compose_posts(builtin, _options("linkedin"))
    quote = next(p for p in result.posts if p.item_id == "aclu-statement-3")
    english = builtin.quote("aclu-statement-3").text
    assert f"Matt Cagle (ACLU of Northern California) dijo: “{english}”" in quote.text
    assert "Traducción: «Ningún proyecto de ley respaldado por las empresas" in quote.text
    # A quote the campaign does not translate has no post in Spanish, and the reason says so.
    es = builtin.translations["es"]
    quotes = {k: v for k, v in es.quotes.items() if k != "smith-no-sales-today"}
    untranslated = replace(builtin, translations={"es": replace(es, quotes=quotes)})
    result = compose_posts(untranslated, _options("linkedin"))
    left = {entry.item_id: entry.reason for entry in result.left_out}
    assert "smith-no-sales-today" not in {p.item_id for p in result.posts}
    assert (
        "[translations.es.quotes.smith-no-sales-today] translation" in left["smith-no-sales-today"]
    )
    translated = compose_posts(builtin, _options("linkedin"))
    assert "smith-no-sales-today" in {p.item_id for p in translated.posts}


def test_a_translated_quote_is_introduced_by_the_translations_reporting_words(
    builtin: Campaign,
) -> None:
    posts = {p.item_id: p.text for p in compose_posts(builtin, _options("mastodon")).posts}
    assert (
        "Brad Smith (Microsoft) dijo a The Washington Post: “As a result"
        in (posts["smith-no-sales-today"])
    )
    # A fragment continues the sentence its context begins, with no colon.
    assert (
        "Amazon dijo que su pausa de un año daría al Congreso tiempo para establecer “stronger"
        in (posts["amazon-stronger-regulations"])
    )
    # Without a translated context, the language's own verb; never the English context.
    assert (
        "Matt Cagle (ACLU of Northern California) dijo: “No company" in (posts["aclu-statement-3"])
    )
    assert not any("told The Washington Post" in text for text in posts.values())


def test_a_long_spanish_fact_is_cut_before_a_spanish_clause_word(builtin: Campaign) -> None:
    posts = {p.item_id: p for p in compose_posts(builtin, _options("x")).posts}
    cut = posts["ab-2261-failed"]
    assert cut.cut and cut.text.split("\n")[0].endswith("sistemas de reconocimiento facial…")


def test_english_posts_are_unchanged_by_the_language_option(builtin: Campaign) -> None:
    options = SocialOptions(platforms=tuple(parse_platforms("x")))
    english = compose_posts(builtin, options).posts
    assert english[0].text.startswith("In the week of June 8, 2020, IBM said")
    assert all("Take action:" in post.text for post in english)


def test_lang_accepts_any_spelling_and_refuses_an_unknown_one() -> None:
    assert invoke(["social", "--lang", "Español", "--platform", "x"]).expect(0).stdout == _spanish(
        "--platform", "x"
    )
    refused = invoke(["social", "--lang", "no such tongue"]).expect(2)
    assert "--lang" in refused.stderr and "Traceback" not in refused.stderr
    unknown = invoke(["social", "--lang", "de"]).expect(2)
    assert "templates/de/language.toml" in unknown.stderr


# --------------------------------------------------------------------------- a third language

_FRENCH_QUOTE = """
[[quotes]]
id = "cagle"
text = "No company backed bill should be taken seriously."
speaker = "Matt Cagle"
organisation = "ACLU"
date = "2020-06-11"
source = "verge"

[translations.fr.quotes.cagle]
translation = "Aucun projet soutenu par les entreprises ne devrait être pris au sérieux."
"""


def _french(tmp_path: Path, *, social: bool = True) -> Campaign:
    folder = tmp_path / "fr-campaign"
    (folder / "templates" / "fr").mkdir(parents=True)
    (folder / "campaign.toml").write_text(
        MINI.replace("\n\n[[sources]]", '\nhashtags = ["#Privacy"]\n\n[[sources]]', 1)
        + FRENCH
        + _FRENCH_QUOTE,
        encoding="utf-8",
    )
    words = FRENCH_WORDS + (FRENCH_SOCIAL if social else "")
    (folder / "templates" / "fr" / "language.toml").write_text(words, encoding="utf-8")
    return load_campaign(folder)


def test_third_language_posts_by_data_and_templates_only(tmp_path: Path) -> None:
    campaign = _french(tmp_path)
    folder = campaign.path / "templates" / "fr"
    (folder / "social_post_mastodon.txt").write_text(
        "{{ statement }}\n\n{{ words.take_action }} {{ url }}\n", encoding="utf-8"
    )
    options = SocialOptions(
        platforms=tuple(parse_platforms("x,mastodon,instagram")),
        url="https://example.org/agir",
        language="fr",
    )
    posts = {(p.platform, p.item_id): p.text for p in compose_posts(campaign, options).posts}
    assert posts[("x", "ibm")] == (
        "Le 11 juin 2020, IBM a annoncé qu'elle abandonnait la reconnaissance faciale.\n"
        "— The Verge\nAgir : https://example.org/agir\n#Privacy"
    )
    assert posts[("mastodon", "ibm")].endswith("faciale.\n\nAgir : https://example.org/agir")  # fr/
    quote = posts[("x", "cagle")]
    assert "Matt Cagle (ACLU) a déclaré: “No company backed bill" in quote
    assert "Traduction : « Aucun projet soutenu" in quote
    assert "Agir : lien dans la bio" in posts[("instagram", "ibm")]


def test_a_language_without_a_social_table_is_a_clear_error(tmp_path: Path) -> None:
    campaign = _french(tmp_path, social=False)
    options = SocialOptions(platforms=tuple(parse_platforms("x")), language="fr")
    with pytest.raises(UsageError, match=r"language 'fr'.*no \[social\] table.*es file"):
        compose_posts(campaign, options)


def test_a_social_table_missing_words_names_them(tmp_path: Path) -> None:
    campaign = _french(tmp_path)
    words = campaign.path / "templates" / "fr" / "language.toml"
    text = words.read_text(encoding="utf-8").replace('take_action = "Agir :"\n', "")
    words.write_text(text, encoding="utf-8")
    options = SocialOptions(platforms=tuple(parse_platforms("x")), language="fr")
    with pytest.raises(UsageError, match=r"lacks take_action"):
        compose_posts(campaign, options)
    words.write_text(text.replace("{via}", "{par}") + 'take_action = "Agir :"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"via .* must contain \{publisher\} and \{via\}"):
        compose_posts(campaign, options)


def test_spanish_json_posts_keep_the_english_shape(builtin: Campaign) -> None:
    spanish = json.loads(_spanish("--platform", "bluesky", "--format", "json"))
    english = invoke(["social", "--platform", "bluesky", "--format", "json"]).expect(0).json()
    assert {frozenset(post) for post in spanish} <= {frozenset(post) for post in english}


def test_spanish_quotation_marks_bound_sentences_and_keep_cuts_outside() -> None:
    from civickit.materials.social_breaks import clause_cuts

    text = (
        "El concejo votó que no, por mayoría amplia, y el alcalde dijo: «Basta ya. No más "
        "vigilancia, nunca más en esta ciudad»"
    )
    # No cut inside «…»: not after "Basta ya." nor at the comma after "vigilancia".
    assert clause_cuts(text, ("que", "y")) == [
        "El concejo votó que no, por mayoría amplia, y el alcalde dijo."
    ]
    thread = split_thread("«Basta ya.» " * 40, platform("x"))
    assert len(thread) > 1 and all(post.split(" ")[-2].endswith("»") for post in thread)
