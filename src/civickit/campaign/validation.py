"""Whole-file validation of a parsed ``campaign.toml``: every problem reported at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from civickit.campaign.delivery import parse_delivery
from civickit.campaign.records import AUDIENCES, Ask, Campaign, Fact, Phrase, Quote, Source
from civickit.campaign.targeting import read_applies, read_phrases, read_phrasings
from civickit.campaign.translations import check_translation_ids, read_translations
from civickit.campaign.urls import is_http_url
from civickit.core.dates import FuzzyDate, covers, relative_time_words
from civickit.errors import CampaignError, DateError

_TOP_LEVEL_KEYS = {
    "schema", "id", "title", "summary", "subject", "hashtags", "action_url",
    "tags", "sources", "facts", "quotes", "asks",
    "targeted_asks", "letter", "delivery", "translations",
}  # fmt: skip
_ASK_FIELDS = {"text", "short", "source", "phrasings"}
_LETTER_FIELDS = {"openings", "closings"}
_ITEM_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required fields, optional fields)
    "sources": ({"id", "publisher", "date"}, {"title", "description", "author", "url", "via"}),
    "facts": (
        {"id", "text", "date", "source"},
        {"tags", "attribution", "date_basis", "headline", "applies", "point"},
    ),
    "quotes": (
        {"id", "text", "speaker", "date", "source"},
        {"role", "organisation", "context", "tags"},
    ),
    "targeted_asks": ({"id", "text", "applies"}, _ASK_FIELDS),
}


def validate_campaign(
    file: Path, raw: dict[str, Any], *, builtin: bool, as_of: dt.date | None = None
) -> Campaign:
    """The campaign ``raw`` (parsed from ``file``) describes, or a :class:`CampaignError`
    listing every problem in it.

    ``as_of`` is the date materials are made on (today when not given): a campaign text with
    a relative time word ("now", "this week", "recently") is a problem unless its own date
    covers that day, since in a material dated later the word would no longer be true.
    """
    return _Validator(file, raw, builtin, as_of or dt.date.today()).campaign()


@dataclass
class _Validator:
    file: Path
    raw: dict[str, Any]
    builtin: bool
    as_of: dt.date
    problems: list[str] = field(default_factory=list)
    ids_seen: dict[str, str] = field(default_factory=dict)
    declared_sources: set[str] = field(default_factory=set)

    def campaign(self) -> Campaign:
        for key in self.raw:
            if key not in _TOP_LEVEL_KEYS:
                allowed = ", ".join(sorted(_TOP_LEVEL_KEYS))
                self.problems.append(f"unknown section {key!r}: use one of {allowed}")
        title = self._text(self.raw, "title", "campaign")
        summary = self._text(self.raw, "summary", "campaign")
        tags = self._tags()
        sources = self._sources()
        facts = self._facts(sources, tags)
        quotes = self._quotes(sources, tags)
        asks = self._asks(sources)
        targeted = self._targeted_asks(sources)
        openings, closings = self._letter()
        hashtags = self._hashtags()
        every_ask = {**asks, **{ask.id or ask.audience: ask for ask in targeted}}
        self._relative_time(summary, facts, quotes, every_ask, (*openings, *closings))
        delivery = parse_delivery(self.raw.get("delivery"), self.problems)
        action_url = self.raw.get("action_url")
        if action_url is not None and not is_http_url(action_url):
            self.problems.append(f"action_url {action_url!r}: use an http(s) URL")
        translations = read_translations(self.raw.get("translations"), self.problems)
        campaign = Campaign(
            path=self.file.parent,
            id=str(self.raw.get("id") or self.file.parent.name),
            title=title,
            summary=summary,
            subject=str(self.raw.get("subject") or title),
            hashtags=hashtags,
            action_url=action_url,
            tags=tags,
            sources=sources,
            facts=tuple(facts),
            quotes=tuple(quotes),
            asks=asks,
            builtin=self.builtin,
            targeted_asks=targeted,
            openings=openings,
            closings=closings,
            delivery=delivery,
            translations=translations,
        )
        check_translation_ids(campaign, self.problems)
        if self.problems:
            raise CampaignError(str(self.file), self.problems)
        return campaign

    def _text(self, item: Mapping[str, Any], key: str, where: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f'{where}: missing field {key!r}; add {key} = "..."')
            return ""
        return value.strip()

    def _date(self, item: Mapping[str, Any], where: str) -> FuzzyDate | None:
        value = item.get("date")
        if value is None:
            return None  # reported as a missing field already
        try:
            return FuzzyDate.parse(str(value))
        except DateError as exc:
            self.problems.append(f"{where}: {exc}")
            return None

    def _items(self, section: str) -> list[tuple[str, Mapping[str, Any]]]:
        """Items of an array-of-tables section, with a label naming each; checks fields and ids."""
        raw_items = self.raw.get(section, [])
        if not isinstance(raw_items, list):
            self.problems.append(f"{section}: write each entry as [[{section}]]")
            return []
        required, optional = _ITEM_FIELDS[section]
        singular = section.rstrip("s")
        result = []
        for index, item in enumerate(raw_items, start=1):
            item_id = item.get("id")
            label = f"{singular} {item_id!r}" if item_id else f"{singular} #{index}"
            for name in sorted(required - item.keys()):
                self.problems.append(f"{label}: missing field {name!r}")
            for name in sorted(item.keys() - required - optional):
                allowed = ", ".join(sorted(required | optional))
                self.problems.append(f"{label}: unknown field {name!r}; allowed: {allowed}")
            if item_id:
                if item_id in self.ids_seen:
                    self.problems.append(
                        f"{label}: duplicate id (also used by a {self.ids_seen[item_id]}); "
                        "give each entry its own id"
                    )
                self.ids_seen[str(item_id)] = singular
            result.append((label, item))
        return result

    def _tags(self) -> dict[str, str]:
        raw_tags = self.raw.get("tags", {})
        if not isinstance(raw_tags, dict):
            self.problems.append('tags: write them as a [tags] table of name = "description"')
            return {}
        return {str(name): str(description) for name, description in raw_tags.items()}

    def _check_tags(
        self, label: str, item: Mapping[str, Any], tags: Mapping[str, str]
    ) -> tuple[str, ...]:
        values = item.get("tags", [])
        if not isinstance(values, list):
            self.problems.append(f'{label}: tags must be a list such as ["federal"]')
            return ()
        for tag in values:
            if tag not in tags:
                self.problems.append(
                    f"{label}: unknown tag {tag!r}; declare it in the [tags] section"
                )
        return tuple(str(tag) for tag in values)

    def _source_ref(
        self, label: str, item: Mapping[str, Any], sources: Mapping[str, Source]
    ) -> Source | None:
        ref = item.get("source")
        if ref is None:
            return None
        if ref not in sources:
            if ref in self.declared_sources:
                return None  # the source itself is broken and reported already
            known = ", ".join(sources) or "none defined"
            self.problems.append(f"{label}: unknown source {ref!r} (known: {known})")
            return None
        return sources[ref]

    def _sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        items = self._items("sources")
        self.declared_sources = {str(item["id"]) for _, item in items if item.get("id")}
        for label, item in items:
            date = self._date(item, label)
            if not item.get("id") or date is None:
                continue
            url = item.get("url")
            if url is not None and not is_http_url(url):
                self.problems.append(f"{label}: url {url!r} is not an http(s) URL")
            sources[str(item["id"])] = Source(
                id=str(item["id"]),
                publisher=str(item.get("publisher", "")),
                title=str(item.get("title") or ""),
                date=date,
                description=item.get("description"),
                author=item.get("author"),
                url=url,
                via=item.get("via"),
            )
        for label, item in items:
            via = item.get("via")
            if via is not None and via not in sources:
                self.problems.append(f"{label}: unknown source {via!r} in via")
            elif via is not None and str(item.get("id")) in sources:
                source = sources[str(item["id"])]
                sources[source.id] = replace(source, reported_by=sources[via])
        return sources

    def _facts(self, sources: Mapping[str, Source], tags: Mapping[str, str]) -> list[Fact]:
        facts = []
        for label, item in self._items("facts"):
            date = self._date(item, label)
            source = self._source_ref(label, item, sources)
            fact_tags = self._check_tags(label, item, tags)
            basis = item.get("date_basis", "event")
            if basis not in ("event", "reported"):
                self.problems.append(f'{label}: date_basis must be "event" or "reported"')
            headline = self._headline(label, item)
            applies = read_applies(item.get("applies"), label, self.problems)
            point = item.get("point")
            if point is not None and (not isinstance(point, str) or not point.strip()):
                self.problems.append(f'{label}: point must be a short name such as "bias"')
                point = None
            if date is None or source is None or not item.get("text") or not item.get("id"):
                continue
            facts.append(
                Fact(
                    id=str(item["id"]),
                    text=str(item["text"]).strip(),
                    date=date,
                    source=source,
                    tags=fact_tags,
                    attribution=item.get("attribution"),
                    date_basis=basis,
                    headline=headline,
                    applies=applies,
                    point=point.strip() if point else None,
                )
            )
        return facts

    def _headline(self, label: str, item: Mapping[str, Any]) -> str | None:
        value = item.get("headline")
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f'{label}: headline must be a short text, e.g. "IBM quits"')
            return None
        return " ".join(value.split())

    def _quotes(self, sources: Mapping[str, Source], tags: Mapping[str, str]) -> list[Quote]:
        quotes = []
        for label, item in self._items("quotes"):
            date = self._date(item, label)
            source = self._source_ref(label, item, sources)
            quote_tags = self._check_tags(label, item, tags)
            if date is None or source is None or not item.get("text") or not item.get("id"):
                continue
            quotes.append(
                Quote(
                    id=str(item["id"]),
                    text=str(item["text"]).strip(),
                    speaker=str(item.get("speaker", "")),
                    date=date,
                    source=source,
                    role=item.get("role"),
                    organisation=item.get("organisation"),
                    context=item.get("context"),
                    tags=quote_tags,
                )
            )
        return quotes

    def _asks(self, sources: Mapping[str, Source]) -> dict[str, Ask]:
        raw_asks = self.raw.get("asks", {})
        if not isinstance(raw_asks, dict) or not raw_asks:
            self.problems.append(
                "asks: missing; add at least one of [asks.federal], [asks.state], "
                "[asks.local], [asks.companies]"
            )
            return {}
        asks = {}
        for audience, item in raw_asks.items():
            label = f"ask {audience!r}"
            if audience not in AUDIENCES:
                self.problems.append(
                    f"{label}: unknown audience; use one of {', '.join(AUDIENCES)}"
                )
                continue
            if not isinstance(item, dict):
                self.problems.append(f'{label}: write it as a table with text = "..."')
                continue
            asks[audience] = self._ask(label, audience, item, sources)
        return asks

    def _relative_time(
        self,
        summary: str,
        facts: list[Fact],
        quotes: list[Quote],
        asks: Mapping[str, Ask],
        phrases: Sequence[Phrase] = (),
    ) -> None:
        """Flag relative time words ("now", "this week") in texts not dated ``as_of``.

        A quote's words are verbatim and always shown with its date, so only its ``context``
        (our words around it) is checked.
        """
        texts: list[tuple[str, str, FuzzyDate | None]] = [("campaign summary", summary, None)]
        for fact in facts:
            for name, text in (("", fact.text), (" headline", fact.headline)):
                texts.append((f"fact {fact.id!r}{name}", text or "", fact.date))
            texts.append((f"fact {fact.id!r} attribution", fact.attribution or "", fact.date))
        for quote in quotes:
            texts.append((f"quote {quote.id!r} context", quote.context or "", quote.date))
        for audience, ask in asks.items():
            when = ask.source.date if ask.source else None
            texts.append((f"ask {audience!r}", ask.text, when))
            if ask.short != ask.text:
                texts.append((f"ask {audience!r} short", ask.short, when))
            for number, phrasing in enumerate(ask.phrasings, start=1):
                texts.append((f"ask {audience!r} phrasing {number}", phrasing, when))
        for number, phrase in enumerate(phrases, start=1):  # openings and closings are undated
            texts.append((f"letter phrase {number}", phrase.text, None))
        for label, text, date in texts:
            words = relative_time_words(text)
            if words and (date is None or not covers(date, self.as_of)):
                dated = f"written {date.text()}" if date else "undated"
                self.problems.append(
                    f"{label}: {words[0]!r} is {dated} and untrue in a material dated "
                    f"{self.as_of.isoformat()}; say when instead (e.g. 'in June 2020')"
                )

    def _ask(
        self, label: str, audience: str, item: Mapping[str, Any], sources: Mapping[str, Source]
    ) -> Ask:
        for name in sorted(item.keys() - _ASK_FIELDS - {"id", "applies"}):
            allowed = ", ".join(sorted(_ASK_FIELDS))
            self.problems.append(f"{label}: unknown field {name!r}; allowed: {allowed}")
        text = self._text(item, "text", label)
        return Ask(
            audience=audience,
            text=text,
            short=str(item.get("short") or text),
            source=self._source_ref(label, item, sources),
            phrasings=read_phrasings(item.get("phrasings"), label, self.problems),
        )

    def _targeted_asks(self, sources: Mapping[str, Source]) -> tuple[Ask, ...]:
        """``[[targeted_asks]]``: asks for the recipients their ``applies`` names; a recipient
        gets the most specific one that applies, else the ask of its level."""
        asks = []
        for label, item in self._items("targeted_asks"):
            applies = read_applies(item.get("applies"), label, self.problems)
            levels = {level for c in applies.conditions for level in c.level} if applies else set()
            if applies is not None and not levels:
                self.problems.append(
                    f"{label}: applies needs a level (one of {', '.join(AUDIENCES)})"
                )
            ask = self._ask(label, sorted(levels)[0] if levels else "", item, sources)
            if applies is not None and item.get("id"):
                asks.append(replace(ask, applies=applies, id=str(item["id"])))
        return tuple(asks)

    def _letter(self) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
        """``[letter]``: several openings and closings, each a text or ``{text, applies}``."""
        raw = self.raw.get("letter", {})
        if not isinstance(raw, dict):
            self.problems.append("letter: write it as a [letter] table with openings, closings")
            return (), ()
        for name in sorted(raw.keys() - _LETTER_FIELDS):
            self.problems.append(f"letter: unknown field {name!r}; allowed: closings, openings")
        openings = read_phrases(raw.get("openings"), "letter openings", self.problems)
        closings = read_phrases(raw.get("closings"), "letter closings", self.problems)
        return openings, closings

    def _hashtags(self) -> tuple[str, ...]:
        values = self.raw.get("hashtags", [])
        if not isinstance(values, list):
            self.problems.append('hashtags: must be a list such as ["#BanFacialRecognition"]')
            return ()
        cleaned = []
        for tag in values:
            text = str(tag).strip()
            if not text.startswith("#") or len(text) < 2 or any(ch.isspace() for ch in text):
                self.problems.append(f"hashtag {tag!r}: write it as #Word with no spaces")
            cleaned.append(text)
        return tuple(cleaned)
