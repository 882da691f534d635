"""Campaigns: sourced facts, verbatim quotes and asks, loaded and validated from ``campaign.toml``.

A campaign is a folder holding ``campaign.toml`` and, optionally, a ``templates/`` folder whose
files override the built-in templates of the same name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from civickit.core.dates import FuzzyDate
from civickit.errors import CampaignError, DateError, UsageError

#: The built-in campaigns, shipped as package data beside this module.
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"

CAMPAIGN_FILE = "campaign.toml"
DEFAULT_CAMPAIGN = "facial-recognition"
AUDIENCES = ("federal", "state", "local", "companies")
Audience = Literal["federal", "state", "local", "companies"]
DateBasis = Literal["event", "reported"]

_TOP_LEVEL_KEYS = {
    "schema", "id", "title", "summary", "subject", "hashtags", "action_url",
    "tags", "sources", "facts", "quotes", "asks",
}  # fmt: skip
_ITEM_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required fields, optional fields)
    "sources": ({"id", "publisher", "title", "date"}, {"author", "url", "via"}),
    "facts": (
        {"id", "text", "date", "source"},
        {"tags", "attribution", "date_basis", "headline"},
    ),
    "quotes": (
        {"id", "text", "speaker", "date", "source"},
        {"role", "organisation", "context", "tags"},
    ),
}


@dataclass(frozen=True)
class Source:
    """Where a fact or quote comes from."""

    id: str
    publisher: str
    title: str
    date: FuzzyDate
    author: str | None = None
    url: str | None = None
    via: str | None = None  # id of the source that relays this one (a quote reported by a paper)

    def citation(self) -> str:
        """One-line citation: publisher, title in quotes, author, date, URL where known."""
        parts = [self.publisher, f"\u201c{self.title}\u201d"]
        if self.author:
            parts.append(self.author)
        parts.append(self.date.text())
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "publisher": self.publisher,
            "title": self.title,
            "author": self.author,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "url": self.url,
            "via": self.via,
        }


@dataclass(frozen=True)
class Fact:
    """A claim an advocate can cite, with its source and the date it refers to."""

    id: str
    text: str
    date: FuzzyDate
    source: Source
    tags: tuple[str, ...] = ()
    attribution: str | None = None  # "according to the ACLU"
    date_basis: DateBasis = "event"  # "reported": the date is when the source reported it
    headline: str | None = None  # a few words for timelines: "IBM quits facial recognition"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "text": self.text,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "date_text": self.date.text(),
            "date_basis": self.date_basis,
            "attribution": self.attribution,
            "headline": self.headline,
            "tags": list(self.tags),
            "source": self.source.to_dict(),
            "citation": self.source.citation(),
        }


@dataclass(frozen=True)
class Quote:
    """Words someone said or wrote, verbatim, with who said them and where it was reported."""

    id: str
    text: str
    speaker: str
    date: FuzzyDate
    source: Source
    role: str | None = None
    organisation: str | None = None
    context: str | None = None
    tags: tuple[str, ...] = ()

    def attribution(self) -> str:
        """``Matt Cagle, technology and civil liberties attorney, ACLU of Northern California``."""
        return ", ".join(part for part in (self.speaker, self.role, self.organisation) if part)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "role": self.role,
            "organisation": self.organisation,
            "context": self.context,
            "date": self.date.iso(),
            "precision": self.date.precision.value,
            "tags": list(self.tags),
            "source": self.source.to_dict(),
            "citation": self.source.citation(),
        }


@dataclass(frozen=True)
class Ask:
    """What the reader of a letter is asked to do, for one audience."""

    audience: str
    text: str
    short: str  # one sentence for call scripts and social posts
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "audience": self.audience,
            "text": self.text,
            "short": self.short,
            "source": self.source.id if self.source else None,
        }


@dataclass(frozen=True)
class Campaign:
    """A validated campaign. Build one with :func:`load_campaign`."""

    path: Path
    id: str
    title: str
    summary: str
    subject: str
    hashtags: tuple[str, ...]
    action_url: str | None
    tags: Mapping[str, str]
    sources: Mapping[str, Source]
    facts: tuple[Fact, ...]
    quotes: tuple[Quote, ...]
    asks: Mapping[str, Ask]
    builtin: bool = False

    @property
    def templates_dir(self) -> Path:
        """The folder of this campaign's template overrides (it may not exist)."""
        return self.path / "templates"

    def facts_tagged(self, tags: Iterable[str] = ()) -> list[Fact]:
        """Facts carrying any of ``tags`` (all facts when ``tags`` is empty), in file order."""
        wanted = set(tags)
        unknown = wanted - set(self.tags)
        if unknown:
            known = ", ".join(sorted(self.tags))
            raise UsageError(f"unknown tag {sorted(unknown)[0]!r}: use one of {known}")
        if not wanted:
            return list(self.facts)
        return [fact for fact in self.facts if wanted.intersection(fact.tags)]

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id."""
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise UsageError(f"no fact {fact_id!r} in campaign {self.id!r}")

    def quote(self, quote_id: str) -> Quote:
        """The quote with this id."""
        for quote in self.quotes:
            if quote.id == quote_id:
                return quote
        raise UsageError(f"no quote {quote_id!r} in campaign {self.id!r}")

    def ask(self, audience: str) -> Ask:
        """The ask for ``audience``; a clear error when the campaign has none."""
        try:
            return self.asks[audience]
        except KeyError:
            have = ", ".join(self.asks) or "none"
            raise UsageError(
                f"campaign {self.id!r} has no ask for {audience!r} (it has: {have}); "
                f"add [asks.{audience}] to {self.path / CAMPAIGN_FILE}"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of the whole campaign."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "subject": self.subject,
            "hashtags": list(self.hashtags),
            "action_url": self.action_url,
            "path": str(self.path),
            "builtin": self.builtin,
            "tags": dict(self.tags),
            "sources": [source.to_dict() for source in self.sources.values()],
            "facts": [fact.to_dict() for fact in self.facts],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "asks": {name: ask.to_dict() for name, ask in self.asks.items()},
        }


# --------------------------------------------------------------------------- locating


def builtin_campaigns_dir() -> Path:
    """Where the campaigns shipped with civickit live."""
    return BUILTIN_DIR


def builtin_campaign_names() -> list[str]:
    """Names of the built-in campaigns."""
    root = builtin_campaigns_dir()
    return sorted(p.name for p in root.iterdir() if (p / CAMPAIGN_FILE).is_file())


def resolve_campaign_path(ref: str | Path | None) -> tuple[Path, bool]:
    """Turn a name, folder or ``campaign.toml`` path into the campaign folder.

    Returns the folder and whether it is a built-in campaign.
    """
    if ref is None or str(ref) == "":
        ref = DEFAULT_CAMPAIGN
    text = str(ref)
    builtin = builtin_campaigns_dir() / text
    if "/" not in text and "\\" not in text and (builtin / CAMPAIGN_FILE).is_file():
        return builtin, True
    path = Path(text).expanduser()
    if path.is_file() and path.name == CAMPAIGN_FILE:
        return path.parent, False
    if (path / CAMPAIGN_FILE).is_file():
        return path, False
    names = ", ".join(builtin_campaign_names())
    if path.exists():
        raise UsageError(
            f"{text}: no {CAMPAIGN_FILE} there; create one with 'civickit campaign init {text}'"
        )
    raise UsageError(f"no campaign {text!r}: give a folder with {CAMPAIGN_FILE} or one of: {names}")


def load_campaign(ref: str | Path | None = None) -> Campaign:
    """Load and validate a campaign by built-in name or path, reporting every problem at once."""
    folder, builtin = resolve_campaign_path(ref)
    file = folder / CAMPAIGN_FILE
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CampaignError(str(file), [f"not valid TOML ({exc}); fix the syntax"]) from exc
    except UnicodeDecodeError as exc:
        raise CampaignError(str(file), ["not UTF-8 text; save the file as UTF-8"]) from exc
    return _Validator(file, raw, builtin).campaign()


# --------------------------------------------------------------------------- validation


@dataclass
class _Validator:
    file: Path
    raw: dict[str, Any]
    builtin: bool
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
        hashtags = self._hashtags()
        action_url = self.raw.get("action_url")
        if action_url is not None and not is_http_url(action_url):
            self.problems.append(f"action_url {action_url!r}: use an http(s) URL")
        if self.problems:
            raise CampaignError(str(self.file), self.problems)
        return Campaign(
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
        )

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
                title=str(item.get("title", "")),
                date=date,
                author=item.get("author"),
                url=url,
                via=item.get("via"),
            )
        for label, item in items:
            via = item.get("via")
            if via is not None and via not in sources:
                self.problems.append(f"{label}: unknown source {via!r} in via")
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
            text = self._text(item, "text", label)
            short = str(item.get("short") or text)
            source = self._source_ref(label, item, sources)
            asks[audience] = Ask(audience=audience, text=text, short=short, source=source)
        return asks

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


def is_http_url(value: object) -> bool:
    """The one URL check: an absolute http(s) URL with a host and no spaces or control
    characters (campaign links, ``--url``, ``--action-url``)."""
    if not isinstance(value, str) or not all(ch.isprintable() and not ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket: "https://[abc"
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
