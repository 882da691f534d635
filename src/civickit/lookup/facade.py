"""Who represents a place: from a district, ZIP, address or point to officials.

``Lookup`` holds the configured adapters and loaded datasets, so one instance answers many
questions (a batch) while loading each dataset once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from civickit.core.districts import District
from civickit.core.officials import OFFICE_KINDS, STATE_OFFICES, OfficeKind, Official, Provenance
from civickit.errors import CivickitError, UsageError

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

DEFAULT_OFFICES: frozenset[OfficeKind] = frozenset({"us-house", "us-senate"})


@dataclass(frozen=True)
class Candidate:
    """One district a place may lie in, with the officials of that district."""

    district: District
    officials: tuple[Official, ...]


@dataclass(frozen=True)
class LookupResult:
    """The answer to one lookup.

    When ``ambiguous`` is false, ``officials`` are the place's officials for the offices asked
    (vacant seats included, with ``vacant=True``). When it is true, ``officials`` holds only those
    common to every candidate (e.g. the state's senators) and ``candidates`` lists each possible
    district with its officials; ``notes`` says how to get an exact answer.
    """

    query: str
    districts: tuple[District, ...]
    officials: tuple[Official, ...]
    ambiguous: bool = False
    candidates: tuple[Candidate, ...] = ()
    notes: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "query": self.query,
            "ambiguous": self.ambiguous,
            "districts": [d.label for d in self.districts],
            "officials": [o.to_dict() for o in self.officials],
            "candidates": [
                {"district": c.district.label, "officials": [o.to_dict() for o in c.officials]}
                for c in self.candidates
            ],
            "notes": list(self.notes),
            "provenance": [asdict(p) for p in self.provenance],
        }


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
        self._sources_checked = False

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
        from civickit.lookup.adapters.base import AdapterInfo, Directory, Geocoder

        rows = []
        for adapter in self.adapters():
            answers: list[str] = []
            if isinstance(adapter, Geocoder):
                answers = sorted(adapter.supports)
            elif isinstance(adapter, Directory):
                answers = sorted(adapter.offices)
                if adapter.answers_points():
                    answers.append("point")
            configured = adapter.configured()
            rows.append(
                AdapterInfo(
                    name=adapter.name,
                    kind=adapter.kind,
                    description=adapter.description,
                    needs_key=adapter.needs_key,
                    key_env=adapter.key_env,
                    configured=configured,
                    network=adapter.network,
                    origin=self.registry.origins.get((adapter.kind, adapter.name), "built-in"),
                    answers=answers,
                    hint="" if configured else adapter.hint(),
                )
            )
        return rows

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
        wanted = _check_offices(offices)
        self._check_sources()
        if district is not None:
            from civickit.core.districts import parse_district

            parsed = parse_district(district)
            return self._for_districts(f"district {parsed.label}", (parsed,), wanted, ())
        query = _query(zip_code, address, point)
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
        wanted = _check_offices(offices)
        self._check_sources()
        unique = list(dict.fromkeys(queries))
        answers: dict[GeocodeQuery, LookupResult | CivickitError] = {}
        # geocoder id -> (geocoder, the queries as given, the same queries checked and trimmed)
        groups: dict[int, tuple[Geocoder, list[GeocodeQuery], list[GeocodeQuery]]] = {}
        for query in unique:
            try:
                checked = _query(query.zip, query.address, query.point)
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
            provenance=_provenance(targets, None),
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

    def _check_sources(self) -> None:
        """Every ``--source`` must name a directory that can answer now."""
        from civickit.lookup.adapters.base import Directory

        if self._sources_checked:
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
        self._sources_checked = True

    def _gap_notes(self, officials: Sequence[Official]) -> list[str]:
        from civickit.lookup.adapters.base import Directory

        directories = {a.name: a for a in self.adapters() if isinstance(a, Directory)}
        return _gap_notes(officials, directories)

    def _directory(self, office: OfficeKind) -> Directory | None:
        """The directory asked for ``office``: a ``--source`` one first, then in order."""
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
        return next(iter(preferred + usable), None)

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
            directory = self._directory(office)
            if directory is None:
                if office != "other" or self.targets is None:
                    notes.append(
                        f"no configured directory answers {office}; see civickit adapters list"
                    )
                continue
            if point is not None and directory.answers_points() and not self.offline:
                by_point.setdefault(directory.name, (directory, set()))[1].add(office)
            else:
                found += directory.officials(districts, {office})
        for directory, kinds in by_point.values():
            people = directory.officials_at(point or (0.0, 0.0), kinds)
            missing = kinds - {person.office for person in people}
            found += people
            if missing:
                found += directory.officials(districts, missing)
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
        notes = (*notes, *more, *_coverage_notes(districts, offices), *self._gap_notes(officials))
        return LookupResult(
            query=label,
            districts=districts,
            officials=tuple(officials),
            notes=tuple(dict.fromkeys(notes)),
            provenance=_provenance(officials, geocoded),
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
            candidates.append(Candidate(district, tuple(officials)))
        keys = [{official_key(o) for o in c.officials} for c in candidates]
        common_keys = set.intersection(*keys) if keys else set()
        common = [o for o in candidates[0].officials if official_key(o) in common_keys]
        everyone = [o for c in candidates for o in c.officials]
        notes = (
            *notes,
            *extra,
            *_coverage_notes((options[0], *settled), offices),
            *self._gap_notes(everyone),
        )
        return LookupResult(
            query=label,
            districts=geocoded.districts,
            officials=tuple(common),
            ambiguous=True,
            candidates=tuple(candidates),
            notes=tuple(dict.fromkeys(notes)),
            provenance=_provenance(everyone, geocoded),
        )


def split_candidates(
    districts: Sequence[District],
) -> tuple[tuple[District, ...], tuple[District, ...]]:
    """The districts an ambiguous place may lie in, and those it surely lies in.

    The candidates are the districts of the first kind (congressional, then state upper, then
    lower) with more than one entry. Kinds with a single district are settled; other ambiguous
    kinds are dropped, as which of them goes with which candidate is unknown.
    """
    counts = {kind: sum(1 for d in districts if d.kind == kind) for kind in ("cd", "sldu", "sldl")}
    split = next((kind for kind, count in counts.items() if count > 1), None)
    if split is None:
        return tuple(districts), ()
    options = tuple(d for d in districts if d.kind == split)
    settled = tuple(d for d in districts if counts.get(d.kind, 0) == 1)
    return options, settled


def _check_offices(offices: Collection[OfficeKind]) -> frozenset[OfficeKind]:
    unknown = [o for o in offices if o not in OFFICE_KINDS]
    if unknown or not offices:
        what = f"unknown office {unknown[0]!r}" if unknown else "no office asked for"
        raise UsageError(f"{what}: choose from {', '.join(OFFICE_KINDS)}")
    return frozenset(offices)


def _query(
    zip_code: str | None, address: str | None, point: tuple[float, float] | None
) -> GeocodeQuery:
    from civickit.lookup.adapters.base import GeocodeQuery

    if zip_code is not None:
        from civickit.lookup.adapters.zcta import normalise_zip

        normalise_zip(zip_code)  # a typo is a usage error before any geocoder is asked
        return GeocodeQuery(zip=zip_code.strip())
    if address is not None:
        if not address.strip():
            raise UsageError("empty address: give a street address such as '1 Main St, Eureka, CA'")
        return GeocodeQuery(address=address.strip())
    if point is None:
        raise UsageError("empty query: give a ZIP, an address or a LAT,LNG point")
    latitude, longitude = point
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise UsageError(
            f"{latitude},{longitude} is not a point: give LAT,LNG such as 40.80,-124.16"
        )
    return GeocodeQuery(point=(latitude, longitude))


def _coverage_notes(districts: Sequence[District], offices: frozenset[OfficeKind]) -> list[str]:
    notes = []
    kinds = {d.kind for d in districts}
    if offices & STATE_OFFICES and not kinds & {"sldu", "sldl"}:
        notes.append(
            "state legislators need a state legislative district (e.g. CA-SD-2 or CA-AD-2) or "
            "an address; a congressional district or ZIP does not determine them"
        )
    if "us-house" in offices and "cd" not in kinds:
        notes.append(
            "the US House member needs a congressional district (e.g. CA-12), a ZIP or an address"
        )
    return notes


def _gap_notes(officials: Sequence[Official], directories: Mapping[str, Directory]) -> list[str]:
    notes = []
    for official in officials:
        source = directories.get(official.provenance.adapter) if official.provenance else None
        if official.vacant:
            notes.append(vacancy_note(official))
        elif official.capitol_office is None and not (source and source.supplements):
            why = f" ({source.capitol_office_gap})" if source and source.capitol_office_gap else ""
            notes.append(
                f"no Washington or Capitol office address is published for {official.name} "
                f"({official.seat_label}){why}; use a district office or the contact details"
            )
    return notes


def vacancy_note(official: Official) -> str:
    """The note a lookup gives for a vacant seat."""
    return f"{official.seat_label} is vacant: no current {official.title}"


def official_key(official: Official) -> tuple[str, ...]:
    """What makes two answers the same seat holder (for officials common to candidates)."""
    district = official.district.label if official.district else ""
    return (official.office, official.state, district, official.name)


def _provenance(
    officials: Sequence[Official], geocoded: GeocodeResult | None
) -> tuple[Provenance, ...]:
    found = [o.provenance for o in officials if o.provenance is not None]
    if geocoded is not None and geocoded.provenance is not None:
        found.insert(0, geocoded.provenance)
    return tuple(dict.fromkeys(found))


LEVELS: dict[str, frozenset[OfficeKind]] = {
    "federal": frozenset({"us-senate", "us-house"}),
    "state": frozenset({"state-upper", "state-lower"}),
    "all": frozenset({"us-senate", "us-house", "state-upper", "state-lower"}),
}


def offices_for_level(level: str) -> frozenset[OfficeKind]:
    """The offices of ``federal``, ``state`` or ``all``."""
    try:
        return LEVELS[level.lower()]
    except KeyError:
        raise UsageError(f"unknown level {level!r}: choose federal, state or all") from None


def parse_point(text: str) -> tuple[float, float]:
    """``(lat, lng)`` from ``"40.80,-124.16"``; ``UsageError`` with an example otherwise."""
    parts = text.replace(" ", "").split(",")
    try:
        latitude, longitude = (float(part) for part in parts)
    except ValueError:
        raise UsageError(
            f"{text!r} is not LAT,LNG: give two numbers such as 40.8036,-124.1682"
        ) from None
    return latitude, longitude
