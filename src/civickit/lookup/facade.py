"""Who represents a place: from a district, ZIP, address or point to officials.

``Lookup`` holds the configured adapters and loaded datasets, so one instance answers many
questions (a batch) while loading each dataset once. What it answers lives in
``civickit.lookup.answers``, what it is asked in ``civickit.lookup.queries``; both are
importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from civickit.core.districts import District
from civickit.core.offices import ADAPTER_OFFICES, DEFAULT_OFFICES
from civickit.core.officials import OFFICE_KINDS, OfficeKind, Official
from civickit.errors import CivickitError, UsageError
from civickit.lookup.answers import (
    Candidate,
    LookupResult,
    coverage_notes,
    gap_notes,
    labelled,
    official_key,
    provenance_of,
    split_candidates,
)
from civickit.lookup.queries import check_offices, make_query, parse_point

if TYPE_CHECKING:
    from civickit.lookup.adapters.base import (
        Adapter,
        AdapterInfo,
        Directory,
        GeocodeQuery,
        Geocoder,
        GeocodeResult,
    )
    from civickit.lookup.adapters.plugins import AdapterRegistry
    from civickit.lookup.store import DataStore
    from civickit.settings import Settings


__all__ = [
    "Candidate",
    "Lookup",
    "LookupResult",
    "official_key",
    "parse_point",
    "split_candidates",
]


class Lookup:
    """Resolve places to officials through the configured adapters.

    Adapters and their datasets load on first use and stay loaded, so one instance answers a
    whole batch while reading each dataset (or its cached compact index) once.
    """

    def __init__(
        self,
        *,
        offline: bool | None = None,
        datastore: DataStore | None = None,
        notify: Callable[[str], None] | None = None,
        registry: AdapterRegistry | None = None,
        sources: Sequence[str] = (),
        targets: str | Path | None = None,
        settings: Settings | None = None,
        stdin: IO[str] | None = None,
    ) -> None:
        """``sources`` names directories to ask before the default ones (``--source``, e.g.
        ``congress-gov``); ``targets`` is a CSV or TOML file of your own targets
        (``--targets``; ``-`` reads ``stdin``), answered by a supplementing directory next to
        the officials found. ``settings`` default to the environment's; ``offline`` overrides
        theirs."""
        from civickit.lookup.adapters.base import AdapterOptions
        from civickit.settings import or_default

        self.settings = or_default(settings)
        self.offline = self.settings.offline if offline is None else offline
        self.notify: Callable[[str], None] = notify or (lambda _message: None)
        self.sources = tuple(dict.fromkeys(name.strip() for name in sources if name.strip()))
        self.targets = targets
        self.options = AdapterOptions(targets=targets, stdin=stdin)
        self._datastore = datastore
        self._registry = registry
        self._adapters: list[Adapter] | None = None
        self._sources_checked: frozenset[OfficeKind] | None = None

    @property
    def datastore(self) -> DataStore:
        """The data store adapters read from."""
        if self._datastore is None:
            from civickit.lookup.store import DataStore

            self._datastore = DataStore(
                offline=self.offline, notify=self.notify, settings=self.settings
            )
        return self._datastore

    @property
    def registry(self) -> AdapterRegistry:
        """The adapter classes discovered through pluggy (built-ins and plugins)."""
        if self._registry is None:
            from civickit.lookup.adapters.plugins import discover

            self._registry = discover(third_party=self.settings.plugins)
            for warning in self._registry.warnings:
                self.notify(warning)
        return self._registry

    def adapters(self) -> list[Adapter]:
        """One bound instance of each adapter class, in asking order."""
        if self._adapters is None:
            from civickit.lookup.adapters.base import AdapterContext

            context = AdapterContext(self.datastore, self.offline, self.notify)
            self._adapters = []
            for key, adapter_class in self.registry.classes.items():
                try:
                    adapter = adapter_class.create(self.options)
                    adapter.bind(context)
                except Exception as exc:  # a plugin's bug (or a bad base URL) is a warning
                    self.notify(f"warning: adapter {key[1]!r} could not start: {exc}; ignored")
                    continue
                self._adapters.append(adapter)
        return self._adapters

    def infos(self) -> list[AdapterInfo]:
        """A description of every adapter for ``civickit adapters list``."""
        from civickit.lookup.adapters.base import AdapterInfo

        origins = self.registry.origins
        return [
            AdapterInfo.describe(a, origins.get((a.kind, a.name), "built-in"))
            for a in self.adapters()
        ]

    def resolve(
        self,
        *,
        district: str | None = None,
        zip_code: str | None = None,
        address: str | None = None,
        point: tuple[float, float] | None = None,
        offices: Collection[OfficeKind] = DEFAULT_OFFICES,
    ) -> LookupResult:
        """Officials for exactly one of ``district``, ``zip_code``, ``address`` or ``point``.

        With ``targets`` set, the file's targets come too (those in another state are left
        out), and no place at all may be given: then the answer is every target in the file.
        """
        given = [v for v in (district, zip_code, address, point) if v is not None]
        if not given and self.targets is not None:
            return self._targets_only()
        if len(given) != 1:
            raise UsageError(
                "give exactly one of --district, --zip, --address or --latlng, "
                "e.g. civickit lookup --district CA-12"
            )
        wanted = check_offices(offices)
        self._check_sources(wanted)
        if district is not None:
            from civickit.core.districts import parse_district

            parsed = parse_district(district)
            return self._for_districts(f"district {parsed.label}", (parsed,), wanted, ())
        query = make_query(zip_code, address, point)
        return self._answer(query, self._geocoder(query).geocode(query), wanted)

    def resolve_many(
        self,
        queries: Iterable[GeocodeQuery],
        *,
        offices: Collection[OfficeKind] = DEFAULT_OFFICES,
        jobs: int | None = None,
    ) -> dict[GeocodeQuery, LookupResult | CivickitError]:
        """Answer many ZIP, address or point queries, geocoding each distinct one once.

        Queries are grouped by the geocoder that answers them and sent through its
        ``geocode_many`` (the census geocoder runs them concurrently under its rate limit and
        answers repeated addresses from one request). One bad query does not stop the others:
        its value is the ``CivickitError`` it raised (a usage error for input that cannot be
        used, e.g. no match). Only a wrong ``offices`` or ``sources`` raises. ``jobs`` caps
        the concurrent requests of a network geocoder (default: the geocoder's own).
        """
        wanted = check_offices(offices)
        self._check_sources(wanted)
        unique = list(dict.fromkeys(queries))
        answers: dict[GeocodeQuery, LookupResult | CivickitError] = {}
        # geocoder id -> (geocoder, the queries as given, the same queries checked and trimmed)
        groups: dict[int, tuple[Geocoder, list[GeocodeQuery], list[GeocodeQuery]]] = {}
        for query in unique:
            try:
                checked = make_query(query.zip, query.address, query.point)
                geocoder = self._geocoder(checked)
            except CivickitError as exc:
                answers[query] = exc
                continue
            group = groups.setdefault(id(geocoder), (geocoder, [], []))
            group[1].append(query)
            group[2].append(checked)
        for geocoder, members, checked_queries in groups.values():
            try:
                results = geocoder.geocode_many(checked_queries, jobs=jobs)
            except CivickitError as exc:  # e.g. the service refused the whole batch
                answers.update(dict.fromkeys(members, exc))
                continue
            for query, geocoded in zip(members, results, strict=True):
                try:
                    answers[query] = self._answer(query, geocoded, wanted)
                except CivickitError as exc:
                    answers[query] = exc
        return {query: answers[query] for query in unique}

    # -- internals -------------------------------------------------------------------------------

    def _answer(
        self, query: GeocodeQuery, geocoded: GeocodeResult, offices: frozenset[OfficeKind]
    ) -> LookupResult:
        if geocoded.confidence == "none" or not geocoded.districts:
            raise UsageError(geocoded.note or f"no district found for {query.kind} {query}")
        notes = (geocoded.note,) if geocoded.note else ()
        label = f"{'ZIP' if query.kind == 'zip' else query.kind} {query}"
        if geocoded.confidence == "exact":
            return self._for_districts(label, geocoded.districts, offices, notes, geocoded)
        return self._ambiguous(label, geocoded, offices, notes)

    def _targets_only(self) -> LookupResult:
        targets = self._file_targets((), frozenset(OFFICE_KINDS))
        return LookupResult(
            query=f"targets {self.targets}",
            districts=(),
            officials=tuple(targets),
            provenance=provenance_of(targets, None),
        )

    def _file_targets(
        self, districts: Sequence[District], offices: frozenset[OfficeKind]
    ) -> list[Official]:
        """The supplementing directories' targets for ``districts`` (the ``--targets`` file's):
        ``other`` ones always."""
        from civickit.lookup.adapters.base import Directory

        if self.targets is None:
            return []
        found: list[Official] = []
        for adapter in self.adapters():
            if isinstance(adapter, Directory) and adapter.supplements and adapter.configured():
                found += adapter.officials(districts, offices | {"other"})
        return found

    def _check_sources(self, offices: frozenset[OfficeKind]) -> None:
        """Every ``--source`` must name a directory that can answer ``offices`` now."""
        from civickit.lookup.adapters.base import Directory

        if self._sources_checked == offices:
            return
        directories = {a.name: a for a in self.adapters() if isinstance(a, Directory)}
        for name in self.sources:
            directory = directories.get(name)
            if directory is None:
                raise UsageError(
                    f"--source {name!r} is not a directory: choose from "
                    f"{', '.join(sorted(directories))} (see civickit adapters list)"
                )
            if not directory.configured():
                hint = directory.hint()
                raise UsageError(f"--source {name} is not configured: {hint}, or drop --source")
            if self.offline and directory.network:
                raise UsageError(
                    f"--source {name} needs the network, which --offline forbids; drop one of them"
                )
            if not directory.offices & offices:
                answers = ", ".join(k for k in OFFICE_KINDS if k in directory.offices)
                asked = ", ".join(k for k in OFFICE_KINDS if k in offices)
                raise UsageError(
                    f"--source {name} answers only {answers or 'no office'}, not {asked}: "
                    "ask for its offices or drop --source"
                )
        self._sources_checked = offices

    def _gap_notes(self, officials: Sequence[Official]) -> list[str]:
        from civickit.lookup.adapters.base import Directory

        directories = {a.name: a for a in self.adapters() if isinstance(a, Directory)}
        return gap_notes(officials, directories)

    def _directories(self, office: OfficeKind) -> list[Directory]:
        """The directories asked for ``office``: for an elected office the one answering, a
        ``--source`` one first, then in order; for an office only adapters define (``other``)
        every one that answers it, or the ``--source`` ones among them."""
        from civickit.lookup.adapters.base import Directory

        usable = [
            a
            for a in self.adapters()
            if isinstance(a, Directory)
            and not a.supplements  # --targets are added next to the officials, never instead
            and office in a.offices
            and a.configured()
            and not (self.offline and a.network)
        ]
        preferred = [a for name in self.sources for a in usable if a.name == name]
        if office in ADAPTER_OFFICES:
            return preferred or usable
        return (preferred + usable)[:1]

    def _geocoder(self, query: GeocodeQuery) -> Geocoder:
        from civickit.lookup.adapters.base import Geocoder

        noun = {"zip": "ZIP codes", "address": "addresses", "point": "points"}[query.kind]
        able = [
            a
            for a in self.adapters()
            if isinstance(a, Geocoder) and query.kind in a.supports and a.configured()
        ]
        usable = [a for a in able if not (self.offline and a.network)]
        if usable:
            return usable[0]
        if able:
            raise UsageError(
                f"the geocoders that answer {noun} ({', '.join(a.name for a in able)}) need the "
                "network, which --offline forbids; use --district or --zip"
            )
        raise UsageError(
            f"no configured geocoder answers {noun}; use --district or --zip "
            "(see civickit adapters list)"
        )

    def _officials(
        self,
        districts: Sequence[District],
        offices: frozenset[OfficeKind],
        point: tuple[float, float] | None = None,
    ) -> tuple[list[Official], list[str]]:
        """Officials of ``districts``; with a ``point``, directories that look up by point
        (openstates with its key) answer for it, and by district for any seat they miss."""
        found: list[Official] = []
        notes: list[str] = []
        by_point: dict[str, tuple[Directory, set[OfficeKind]]] = {}
        for office in (o for o in OFFICE_KINDS if o in offices):
            directories = self._directories(office)
            # An office only plugins answer goes unmentioned when asked with others (``all``).
            quiet = office in ADAPTER_OFFICES and (self.targets is not None or offices - {office})
            if not directories and not quiet:
                notes.append(
                    f"no configured directory answers {office}; see civickit adapters list"
                )
            for directory in directories:
                if point is not None and directory.answers_points() and not self.offline:
                    by_point.setdefault(directory.name, (directory, set()))[1].add(office)
                else:
                    found += labelled(directory, directory.officials(districts, {office}))
        for directory, kinds in by_point.values():
            people = labelled(directory, directory.officials_at(point or (0.0, 0.0), kinds))
            missing = kinds - {person.office for person in people}
            found += people
            if missing:
                found += labelled(directory, directory.officials(districts, missing))
        found += self._file_targets(districts, offices)
        return found, notes

    def _for_districts(
        self,
        label: str,
        districts: tuple[District, ...],
        offices: frozenset[OfficeKind],
        notes: tuple[str, ...],
        geocoded: GeocodeResult | None = None,
    ) -> LookupResult:
        point = geocoded.point if geocoded is not None else None
        officials, more = self._officials(districts, offices, point)
        notes = (*notes, *more, *coverage_notes(districts, offices), *self._gap_notes(officials))
        return LookupResult(
            query=label,
            districts=districts,
            officials=tuple(officials),
            notes=tuple(dict.fromkeys(notes)),
            provenance=provenance_of(officials, geocoded),
        )

    def _ambiguous(
        self,
        label: str,
        geocoded: GeocodeResult,
        offices: frozenset[OfficeKind],
        notes: tuple[str, ...],
    ) -> LookupResult:
        options, settled = split_candidates(geocoded.districts)
        candidates = []
        extra: list[str] = []
        for district in options:
            officials, more = self._officials((district, *settled), offices)
            extra += more
            candidates.append(Candidate(district, tuple(officials), geocoded.shares.get(district)))
        keys = [{official_key(o) for o in c.officials} for c in candidates]
        common_keys = set.intersection(*keys) if keys else set()
        common = [o for o in candidates[0].officials if official_key(o) in common_keys]
        everyone = [o for c in candidates for o in c.officials]
        notes = (
            *notes,
            *extra,
            *coverage_notes((options[0], *settled), offices),
            *self._gap_notes(everyone),
        )
        return LookupResult(
            query=label,
            districts=geocoded.districts,
            officials=tuple(common),
            ambiguous=True,
            candidates=tuple(candidates),
            notes=tuple(dict.fromkeys(notes)),
            provenance=provenance_of(everyone, geocoded),
        )
