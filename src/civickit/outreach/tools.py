"""What a batch is made with: the injected resolver and renderer, and the real wiring."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.core.officials import OfficeKind, Official
from civickit.errors import CivickitError
from civickit.lookup.facade import Lookup, LookupResult
from civickit.lookup.locate import Location
from civickit.materials.letter_files import LetterRendering
from civickit.materials.pdf import html_to_pdf
from civickit.outreach.covers import CoverWords
from civickit.outreach.packets import Centroid, PdfFunction
from civickit.outreach.supporters import SupporterRow

if TYPE_CHECKING:
    from civickit.campaign import Campaign
    from civickit.settings import Settings

__all__ = [
    "SUPPORTER_LANGUAGE",
    "BatchTools",
    "LetterRendering",  # its home is civickit.materials.letter_files
    "LookupResolver",
    "ResolveOutcome",
    "Resolver",
    "default_tools",
    "templates_fingerprint",
]

ResolveOutcome = LookupResult | Exception
#: ``--letter-lang supporter``: each row's letters in the supporter's own language.
SUPPORTER_LANGUAGE = "supporter"
_DEFAULT_LANGUAGES = (DEFAULT_LANGUAGE, SUPPORTER_LANGUAGE)


class Resolver(Protocol):
    """Looks up many locations; each distinct location is asked about once."""

    def resolve_many(
        self, locations: Sequence[Location], offices: Collection[OfficeKind]
    ) -> Mapping[Location, ResolveOutcome]:
        """A result (or the exception it failed with) for every location given."""
        ...


@dataclass
class BatchTools:
    """What a batch is made with: injected so tests and other front ends can swap them."""

    resolver: Resolver
    renderer: LetterRendering
    make_sender: Callable[[SupporterRow], Any]
    letter_filename: Callable[[dt.date, Official, str], str]
    campaign: str  # the campaign's title, for cover sheets
    fingerprint: str  # changes when the campaign or its templates change
    pdf: PdfFunction = html_to_pdf  # must be picklable: it runs in worker processes
    centroid: Centroid | None = None  # ZIP -> (lat, lon), for packets' nearest office
    language: str = DEFAULT_LANGUAGE  # a row's language when its sheet gives none
    # The letters' language: a code, or SUPPORTER_LANGUAGE for each row's own.
    letter_language: str = SUPPORTER_LANGUAGE
    renderer_for: Callable[[str], LetterRendering] | None = None  # a renderer per language

    def row_language(self, row: SupporterRow) -> str:
        """The supporter's language: the row's ``language`` column, else the batch default."""
        return row.fields.get("language") or self.language

    def letters_language(self, row: SupporterRow) -> str:
        """The language code of the row's letters ("" for English, or no renderer for others)."""
        language = self.letter_language
        if language == SUPPORTER_LANGUAGE:
            language = self.row_language(row)
        if language == DEFAULT_LANGUAGE or self.renderer_for is None:
            return ""
        return language

    def letter_renderer(self, row: SupporterRow) -> LetterRendering:
        """The renderer of the row's letters, in ``letter_language`` (the row's by default)."""
        language = self.letters_language(row)
        if not language or self.renderer_for is None:
            return self.renderer
        return self.renderer_for(language)

    def cover_words(self, code: str) -> tuple[CoverWords, str] | None:
        """A language's packet-cover words and campaign title; ``None``: the English cover."""
        if self.renderer_for is None:
            return None
        renderer = self.renderer_for(code)
        words = CoverWords.of(renderer.words)
        return (words, renderer.campaign.title) if words is not None else None


class LookupResolver:
    """A ``Resolver`` over ``civickit.lookup.facade.Lookup``.

    Districts are answered from the local data; ZIPs and addresses go through
    ``Lookup.resolve_many``, which geocodes each distinct one once, ``jobs`` at a time under
    the geocoder's rate limit.
    """

    def __init__(self, lookup: Lookup, jobs: int = 4) -> None:
        self.lookup = lookup
        self.jobs = max(1, jobs)

    def resolve_many(
        self, locations: Sequence[Location], offices: Collection[OfficeKind]
    ) -> dict[Location, ResolveOutcome]:
        """Each location looked up once; failures come back as their exceptions."""
        from civickit.lookup.adapters.base import GeocodeQuery

        answers: dict[Location, ResolveOutcome] = {}
        queries: dict[Location, GeocodeQuery] = {}
        for location in locations:
            if location.kind == "district":
                try:
                    answers[location] = self.lookup.resolve(
                        district=location.value, offices=offices
                    )
                except CivickitError as exc:
                    answers[location] = exc
            elif location.kind == "zip":
                queries[location] = GeocodeQuery(zip=location.value)
            else:
                queries[location] = GeocodeQuery(address=location.value)
        if queries:
            found = self.lookup.resolve_many(queries.values(), offices=offices, jobs=self.jobs)
            answers.update({location: found[query] for location, query in queries.items()})
        return {location: answers[location] for location in locations}


def templates_fingerprint(campaign: Campaign, template_dir: Path | None) -> str:
    """A hash of the campaign file and every template a letter may use."""
    from civickit.materials.render import template_search_path

    digest = hashlib.sha256()
    digest.update((campaign.path / "campaign.toml").read_bytes())
    for folder in template_search_path(template_dir, campaign.templates_dir):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def default_tools(
    campaign: Campaign,
    *,
    jobs: int = 4,
    template_dir: Path | None = None,
    as_of: dt.date | None = None,
    lookup: Lookup | None = None,
    notify: Callable[[str], None] | None = None,
    offline: bool | None = None,
    settings: Settings | None = None,
    language: str = DEFAULT_LANGUAGE,
    letter_language: str = SUPPORTER_LANGUAGE,
) -> BatchTools:
    """The real wiring: ``Lookup`` for districts and officials, ``LetterRenderer`` for letters.

    ``notify`` receives the lookup's progress and warnings (data loading, plugin problems);
    ``settings`` (default: the environment's) reach the lookup; ``offline`` overrides theirs.
    """
    from civickit.materials import letters
    from civickit.materials.cwc import DeliveryAgent

    @functools.cache
    def renderer_for(code: str) -> letters.LetterRenderer:
        return letters.LetterRenderer(
            campaign,
            template_dir=template_dir,
            as_of=as_of,
            delivery_agent=DeliveryAgent.from_settings(settings),
            language=code,
        )

    renderer = renderer_for(DEFAULT_LANGUAGE)
    # Letters made with other language settings differ: --resume must not keep them.
    chosen = (language, letter_language)
    languages = "" if chosen == _DEFAULT_LANGUAGES else ":" + ":".join(chosen)

    def make_sender(row: SupporterRow) -> letters.Sender:
        fields = row.fields
        return letters.Sender(
            name=row.name,
            address=row.postal_address(),
            email=fields.get("email") or None,
            phone=fields.get("phone") or None,
            story=fields.get("story") or None,
            prefix=fields.get("prefix") or None,
        )

    return BatchTools(
        resolver=LookupResolver(
            lookup or Lookup(offline=offline, notify=notify, settings=settings), jobs
        ),
        renderer=renderer,
        make_sender=make_sender,
        letter_filename=letters.letter_filename,
        campaign=campaign.title,
        fingerprint=templates_fingerprint(campaign, template_dir) + languages,
        language=language,
        letter_language=letter_language,
        renderer_for=renderer_for,
    )
