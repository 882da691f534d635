"""A campaign's text in other languages: ``[translations.<code>]`` tables in ``campaign.toml``.

Any language code works by data::

    [translations.es]
    title = "..."                     # also summary, subject, hashtags
    [translations.es.facts.ibm-exit]
    text = "..."                      # also headline, attribution (which then trails the text)
    [translations.es.quotes.cagle-statement]
    translation = "..."               # shown beside the verbatim quote, marked as a translation
    role = "..."                      # also context: the speaker's role and the reporting words
    [translations.es.asks.federal]    # an audience ask, or a targeted ask by its id
    text = "..."
    short = "..."
    phrasings = ["..."]
    [translations.es.letter]
    openings = ["..."]
    closings = ["..."]

Fallback rule: what a translation does not give stays in English, as it is (a fact keeps its
English date too, so no sentence mixes two languages), and :func:`missing_translations` lists
it. Quotes keep their words in the language spoken; sources keep their own titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from civickit.campaign.records import Ask, Campaign, Fact, Quote, Source, Translation
from civickit.campaign.targeting import read_phrases, read_phrasings
from civickit.core.dates import DateWords
from civickit.core.languages import DEFAULT_LANGUAGE, language_code
from civickit.errors import UsageError

_TOP_FIELDS = ("title", "summary", "subject")
_FACT_FIELDS = ("text", "headline", "attribution")
_QUOTE_FIELDS = ("translation", "role", "context")
_ASK_FIELDS = ("text", "short")
_SECTIONS = {*_TOP_FIELDS, "hashtags", "facts", "quotes", "asks", "letter"}


def read_translations(value: Any, problems: list[str]) -> dict[str, Translation]:
    """``[translations]``: one table per language code; every mistake appended to ``problems``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append("translations: write [translations.es] tables, one per language")
        return {}
    result = {}
    for code, table in value.items():
        label = f"translations.{code}"
        try:
            known = language_code(code)
        except UsageError:
            known = ""
        if known != code:
            hint = f"write {known!r}" if known else "use a language code such as 'es'"
            problems.append(f"{label}: language {code!r}: {hint}")
            continue
        if not isinstance(table, dict):
            problems.append(f"{label}: write it as a table of title, facts, asks, ...")
            continue
        result[code] = _translation(code, table, label, problems)
    return result


def _texts(table: Any, allowed: tuple[str, ...], label: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(table, dict):
        problems.append(f'{label}: write a table such as {{{allowed[0]} = "..."}}')
        return {}
    texts = {}
    for key, text in table.items():
        if key not in allowed:
            problems.append(f"{label}: unknown field {key!r}; allowed: {', '.join(allowed)}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f'{label}: {key} must be a text; write {key} = "..."')
        else:
            texts[key] = " ".join(text.split())
    return texts


def _translation(code: str, table: dict[str, Any], label: str, problems: list[str]) -> Translation:
    for key in sorted(table.keys() - _SECTIONS):
        problems.append(f"{label}: unknown field {key!r}; allowed: {', '.join(sorted(_SECTIONS))}")
    fields = _texts(
        {k: v for k, v in table.items() if k in _TOP_FIELDS}, _TOP_FIELDS, label, problems
    )
    facts = {
        str(key): _texts(item, _FACT_FIELDS, f"{label}.facts.{key}", problems)
        for key, item in _table(table, "facts", label, problems).items()
    }
    quotes = {
        str(key): _texts(item, _QUOTE_FIELDS, f"{label}.quotes.{key}", problems)
        for key, item in _table(table, "quotes", label, problems).items()
    }
    asks: dict[str, dict[str, Any]] = {}
    for key, item in _table(table, "asks", label, problems).items():
        where = f"{label}.asks.{key}"
        plain = (
            {k: v for k, v in item.items() if k != "phrasings"} if isinstance(item, dict) else item
        )
        asks[str(key)] = dict(_texts(plain, _ASK_FIELDS, where, problems))
        if isinstance(item, dict) and "phrasings" in item:
            asks[str(key)]["phrasings"] = read_phrasings(item["phrasings"], where, problems)
    letter = _table(table, "letter", label, problems)
    for key in sorted(letter.keys() - {"openings", "closings"}):
        problems.append(f"{label}.letter: unknown field {key!r}; allowed: closings, openings")
    hashtags = table.get("hashtags", [])
    if not isinstance(hashtags, list) or not all(isinstance(tag, str) for tag in hashtags):
        problems.append(f'{label}: hashtags must be a list such as ["#Privacidad"]')
        hashtags = []
    return Translation(
        language=code,
        fields=fields,
        facts=facts,
        quotes=quotes,
        asks=asks,
        openings=read_phrases(letter.get("openings"), f"{label} letter openings", problems),
        closings=read_phrases(letter.get("closings"), f"{label} letter closings", problems),
        hashtags=tuple(hashtags),
    )


def _table(table: dict[str, Any], key: str, label: str, problems: list[str]) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        problems.append(f"{label}: {key} must be a table, [{label}.{key}.<id>]")
        return {}
    return value


def check_translation_ids(campaign: Campaign, problems: list[str]) -> None:
    """A translation of a fact, quote or ask the campaign does not have is a problem."""
    facts = {fact.id for fact in campaign.facts}
    quotes = {quote.id for quote in campaign.quotes}
    asks = {*campaign.asks, *(ask.id for ask in campaign.targeted_asks)}
    for code, translation in campaign.translations.items():
        for kind, given, known in (
            ("facts", translation.facts, facts),
            ("quotes", translation.quotes, quotes),
            ("asks", translation.asks, asks),
        ):
            for key in sorted(set(given) - known):
                problems.append(f"translations.{code}.{kind}.{key}: the campaign has no such id")


def missing_translations(campaign: Campaign, language: str) -> list[str]:
    """What ``language`` lacks and so stays English (the fallback): ``fact ibm-exit text``."""
    if language == DEFAULT_LANGUAGE:
        return []
    translation = campaign.translations.get(language)
    if translation is None:
        return [f"the whole campaign (no [translations.{language}] in campaign.toml)"]
    missing = [f"campaign {key}" for key in ("title", "summary") if key not in translation.fields]
    for fact in campaign.facts:
        given = translation.facts.get(fact.id, {})
        # An attribution may be folded into the translated text, so it is not required.
        needed = ["text", "headline"] if fact.headline else ["text"]
        missing += [f"fact {fact.id} {key}" for key in needed if key not in given]
    for ask in (*campaign.asks.values(), *campaign.targeted_asks):
        key = ask.id or ask.audience
        given = translation.asks.get(key, {})
        missing += [f"ask {key} {part}" for part in _ASK_FIELDS if part not in given]
    if campaign.openings and not translation.openings:
        missing.append("letter openings")
    if campaign.closings and not translation.closings:
        missing.append("letter closings")
    return missing


def in_language(campaign: Campaign, language: str, words: DateWords | None) -> Campaign:
    """``campaign`` with the texts ``language`` gives (English where it gives none, see the
    module's fallback rule), its dates worded by ``words``."""
    if language == campaign.language:
        return campaign
    translation = campaign.translations.get(language) or Translation(language, {}, {}, {}, {})
    sources = {key: _source(source, words) for key, source in campaign.sources.items()}
    asks = {key: _ask(ask, translation, sources) for key, ask in campaign.asks.items()}
    return replace(
        campaign,
        language=language,
        title=translation.fields.get("title", campaign.title),
        summary=translation.fields.get("summary", campaign.summary),
        subject=translation.fields.get(
            "subject", translation.fields.get("title", campaign.subject)
        ),
        hashtags=translation.hashtags or campaign.hashtags,
        sources=sources,
        facts=tuple(_fact(fact, translation, words, sources) for fact in campaign.facts),
        quotes=tuple(_quote(quote, translation, sources) for quote in campaign.quotes),
        asks=asks,
        targeted_asks=tuple(_ask(ask, translation, sources) for ask in campaign.targeted_asks),
        openings=translation.openings,
        closings=translation.closings,
    )


def _source(source: Source, words: DateWords | None) -> Source:
    via = _source(source.reported_by, words) if source.reported_by else None
    return replace(source, date=source.date.in_language(words), reported_by=via)


def _fact(
    fact: Fact, translation: Translation, words: DateWords | None, sources: Mapping[str, Source]
) -> Fact:
    given = translation.facts.get(fact.id, {})
    source = sources.get(fact.source.id, fact.source)
    if "text" not in given:
        return replace(fact, source=source)
    return replace(
        fact,
        text=given["text"],
        headline=given.get("headline", fact.headline),
        attribution=given.get("attribution"),
        date=fact.date.in_language(words),
        source=source,
    )


def _quote(quote: Quote, translation: Translation, sources: Mapping[str, Source]) -> Quote:
    source = sources.get(quote.source.id, quote.source)
    given = translation.quotes.get(quote.id, {})
    return replace(
        quote,
        source=source,
        translation=given.get("translation"),
        role=given.get("role", quote.role),
        context=given.get("context", quote.context),
    )


def _ask(ask: Ask, translation: Translation, sources: Mapping[str, Source]) -> Ask:
    given = translation.asks.get(ask.id or ask.audience, {})
    source = sources.get(ask.source.id, ask.source) if ask.source else None
    if "text" not in given:
        return replace(ask, source=source)
    return replace(
        ask,
        text=given["text"],
        short=given.get("short", ask.short),
        phrasings=tuple(given.get("phrasings", ())),
        source=source,
    )


def languages_line(campaign: Campaign) -> str:
    """``en, es (complete)`` or ``en, es (3 texts in English: fact ibm-exit text, ...)``."""
    parts = [campaign.language]
    for code in campaign.translations:
        missing = missing_translations(campaign, code)
        if not missing:
            parts.append(f"{code} (complete)")
        else:
            shown = ", ".join(missing[:2]) + (", ..." if len(missing) > 2 else "")
            parts.append(f"{code} ({len(missing)} texts in English: {shown})")
    return ", ".join(parts)
