"""``--lang`` on ``letter`` and ``callscript``: any spelling of a language, a note for what the
campaign leaves untranslated, a one-line usage error for a language civickit cannot write."""

from __future__ import annotations

from pathlib import Path

from support.cli import RunCli

SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]


def test_letter_in_spanish(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(
        ["letter", "--district", "CA-12", "--to", "house", "--lang", "Español", *SENDER], expect=0
    )
    assert "Atentamente," in result.stdout
    assert "Asunto: Que la policía deje de usar el reconocimiento facial" in result.stdout
    assert "Sincerely" not in result.stdout
    assert "not translated" not in result.stderr  # the built-in campaign is all in Spanish


def test_callscript_in_spanish(lookup_data: Path, run_cli: RunCli) -> None:
    result = run_cli(["callscript", "--district", "CA-12", "--lang", "spa"], expect=0)
    assert "Hola, me llamo [su nombre]" in result.stdout
    assert "Llame a:" in result.stdout


def _campaign_copy(tmp_path: Path, old: str, new: str) -> Path:
    builtin = Path(__file__).parents[2] / "src/civickit/campaign/builtin/facial-recognition"
    text = (builtin / "campaign.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "campaign.toml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path / "c"


def test_untranslated_texts_are_noted(lookup_data: Path, run_cli: RunCli, tmp_path: Path) -> None:
    folder = _campaign_copy(
        tmp_path, "[translations.es.asks.federal]\ntext =", "[translations.es.asks.federal]\n#t ="
    )
    result = run_cli(
        ["--campaign", str(folder), "callscript", "--district", "CA-12", "--lang", "es"], expect=0
    )
    assert "language es: not translated, so in English: ask federal text" in result.stderr


def test_untranslated_texts_are_noted_by_social_too(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _campaign_copy(
        tmp_path, "[translations.es.facts.ibm-exit]\n", "[translations.es.facts.ibm-exit]\n#"
    )
    result = run_cli(["--campaign", str(folder), "social", "--lang", "es"], expect=0)
    assert "language es: not translated, so in English: fact ibm-exit headline" in result.stderr
    english = run_cli(["--campaign", str(folder), "social"], expect=0)
    assert "not translated" not in english.stderr


def test_translation_of_no_such_id_is_a_usage_error(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    folder = _campaign_copy(
        tmp_path, "[translations.es.asks.local]", "[translations.es.asks.localx]"
    )
    result = run_cli(
        ["--campaign", str(folder), "callscript", "--district", "CA-12", "--lang", "es"]
    )
    assert result.exit_code == 2
    assert "translations.es.asks.localx: the campaign has no such id" in result.stderr


def test_unknown_and_unwritten_languages_are_usage_errors(
    lookup_data: Path, run_cli: RunCli
) -> None:
    unknown = run_cli(["callscript", "--district", "CA-12", "--lang", "Klingonish"], expect=2)
    assert "unknown language 'Klingonish'" in unknown.stderr
    unwritten = run_cli(["callscript", "--district", "CA-12", "--lang", "German"], expect=2)
    assert "language 'de': civickit has no words for it" in unwritten.stderr
    assert "Traceback" not in unknown.stderr + unwritten.stderr


def test_spanish_salutations_follow_the_data_gender(lookup_data: Path, run_cli: RunCli) -> None:
    """congress-legislators' bio.gender and Open States' gender column choose the form."""
    federal = run_cli(["letter", "--district", "CA-12", "--lang", "es", *SENDER], expect=0)
    assert "Estimado senador Padilla:" in federal.stdout
    assert "Estimado senador Schiff:" in federal.stdout
    assert "Estimada representante Simon:" in federal.stdout
    state = ["letter", "--district", "CA-SD-2", "--to", "state", "--lang", "es", *SENDER]
    assert "Estimado senador McGuire:" in run_cli(state, expect=0).stdout
