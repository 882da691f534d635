"""The adapter interface: geocoders find districts, directories find officials.

An adapter is a small class with documented attributes and methods that return typed records,
never raw JSON. Built-in adapters and third-party ones register through the same pluggy hook
(see ``civickit.lookup.adapters.plugins``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, ClassVar, Literal, Self

from civickit.core.districts import District
from civickit.core.officials import OfficeKind, Official, Provenance
from civickit.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from civickit.lookup.store import DataStore
    from civickit.settings import Settings

AdapterKind = Literal["geocoder", "directory"]
Confidence = Literal["exact", "ambiguous", "none"]
QueryKind = Literal["zip", "address", "point"]


class NotSupportedError(UsageError):
    """The adapter cannot answer this kind of question."""


@dataclass(frozen=True)
class GeocodeQuery:
    """What a person gave to locate themselves. Exactly one of the fields is set."""

    zip: str | None = None
    address: str | None = None
    point: tuple[float, float] | None = None  # (latitude, longitude)

    @property
    def kind(self) -> QueryKind:
        """Which field is set."""
        if self.zip is not None:
            return "zip"
        if self.address is not None:
            return "address"
        return "point"

    def __str__(self) -> str:
        if self.point is not None:
            return f"{self.point[0]},{self.point[1]}"
        return self.zip if self.zip is not None else (self.address or "")


@dataclass(frozen=True)
class GeocodeResult:
    """Districts found for a query.

    ``exact``: ``districts`` holds the districts containing the place (a congressional one and,
    where the geocoder knows them, state upper and lower). ``ambiguous``: the place may lie in
    any of ``districts`` (e.g. a ZIP spanning several congressional districts); the caller must
    not pick one. ``none``: nothing matched; ``note`` says why and what to try. ``shares``
    gives, where the geocoder knows it, each district's share of the place (a ZIP's land).
    """

    query: GeocodeQuery
    confidence: Confidence
    districts: tuple[District, ...] = ()
    matched_address: str | None = None
    point: tuple[float, float] | None = None
    note: str | None = None
    provenance: Provenance | None = None
    shares: Mapping[District, float] = field(default_factory=dict)


@dataclass
class AdapterContext:
    """What an adapter may use: the data store, the offline switch and a progress channel;
    its ``settings`` (keys, base URLs, the cache) are those of the data store."""

    datastore: DataStore
    offline: bool = False
    notify: Callable[[str], None] = field(default=lambda _message: None)

    @property
    def settings(self) -> Settings:
        """The settings of this lookup: API keys, base URLs, the cache dir and lifetime."""
        return self.datastore.settings


@dataclass(frozen=True)
class AdapterOptions:
    """What the user chose for one lookup that an adapter may be made with: ``targets`` is the
    ``--targets`` file (``-``: read ``stdin``, a stream the caller opened)."""

    targets: str | Path | None = None
    stdin: IO[str] | None = None


class Adapter:
    """Base of every adapter. Subclasses set the class attributes below.

    Adapters are created with no arguments; ``bind`` then hands them the ``AdapterContext``
    before any question is asked.
    """

    name: ClassVar[str]  # unique, e.g. "zcta"
    kind: ClassVar[AdapterKind]
    description: ClassVar[str]  # what it answers, one line
    needs_key: ClassVar[bool] = False
    key_env: ClassVar[str | None] = None  # environment variable holding the key
    network: ClassVar[bool] = False  # True when answering needs the network
    configure_hint: ClassVar[str] = ""  # how to configure it when no key is involved
    datasets: ClassVar[tuple[str, ...]] = ()  # names of the data-store datasets it reads
    context: AdapterContext | None = None

    @classmethod
    def create(cls, options: AdapterOptions) -> Self:  # noqa: ARG003 - most need none
        """A new adapter for a lookup made with ``options``; most need none of them."""
        return cls()

    def bind(self, context: AdapterContext) -> None:
        """Receive the data store and settings of the ``Lookup`` that uses this adapter."""
        self.context = context

    def require_context(self) -> AdapterContext:
        """The bound context, or a default one over the configured data store."""
        if self.context is None:
            from civickit.lookup.store import DataStore

            store = DataStore()
            self.context = AdapterContext(store, offline=store.offline)
        return self.context

    def secret(self) -> str | None:
        """The value of ``key_env`` in the settings, when set."""
        return self.require_context().settings.secret(self.key_env) if self.key_env else None

    def configured(self) -> bool:
        """True when the adapter can answer now (its key is set, if it needs one)."""
        if not self.needs_key or self.key_env is None:
            return True
        return self.secret() is not None

    def hint(self) -> str:
        """What to do to configure it: ``configure_hint``, else set ``key_env``."""
        return self.configure_hint or (f"set {self.key_env}" if self.key_env else "")

    def answers(self) -> list[str]:
        """What it answers now, for ``civickit adapters list``: query kinds or offices."""
        return []


class Geocoder(Adapter):
    """Turns a ZIP, an address or a point into districts."""

    kind: ClassVar[AdapterKind] = "geocoder"
    supports: ClassVar[frozenset[QueryKind]] = frozenset()

    def answers(self) -> list[str]:
        """The query kinds it answers."""
        return sorted(self.supports)

    def geocode(self, query: GeocodeQuery) -> GeocodeResult:
        """Districts for ``query``; raise ``NotSupportedError`` for a kind not in ``supports``."""
        raise NotSupportedError(f"the {self.name} geocoder cannot answer a {query.kind} query")

    def geocode_many(
        self, queries: Sequence[GeocodeQuery], *, jobs: int | None = None
    ) -> list[GeocodeResult]:
        """Answer many queries; network geocoders override this to deduplicate and run
        ``jobs`` at a time under their rate limit. Order of results follows ``queries``."""
        return [self.geocode(query) for query in queries]


class Directory(Adapter):
    """Turns districts into the officials who hold their seats."""

    kind: ClassVar[AdapterKind] = "directory"
    offices: ClassVar[frozenset[OfficeKind]] = frozenset()
    # True for directories whose officials come next to those found, never instead
    # (``--targets``): never the directory asked for an office, always asked as well.
    supplements: ClassVar[bool] = False
    # Why an official from this directory may lack a Washington or Capitol office, for the note.
    capitol_office_gap: ClassVar[str] = ""

    def vacant_seat(
        self,
        office: OfficeKind,
        state: str,
        district: District | None,
        provenance: Provenance | None = None,
    ) -> Official:
        """The answer for a seat with no current member: an ``Official`` with ``vacant=True``."""
        from civickit.core.vacancies import vacant_seat

        return vacant_seat(office, state, district, provenance or Provenance(self.name))

    def officials(
        self, districts: Sequence[District], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """Officials for ``districts`` limited to ``offices``. A seat with no current member
        comes back as an ``Official`` with ``vacant=True``, never silently dropped. US senators
        are found from the state of any district given."""
        raise NotImplementedError

    def answers_points(self) -> bool:
        """True when ``officials_at`` can answer now (directories that look up by point)."""
        return False

    def answers(self) -> list[str]:
        """The offices it answers, and ``point`` when it looks up by point now."""
        return [*sorted(self.offices), *(["point"] if self.answers_points() else [])]

    def officials_at(
        self, point: tuple[float, float], offices: Collection[OfficeKind]
    ) -> list[Official]:
        """Officials whose districts contain ``point`` (latitude, longitude), for directories
        whose ``answers_points()`` is true."""
        raise NotSupportedError(f"the {self.name} directory cannot look up officials by point")


@dataclass
class AdapterInfo:
    """A row of ``civickit adapters list``."""

    name: str
    kind: AdapterKind
    description: str
    needs_key: bool
    key_env: str | None
    configured: bool
    network: bool
    origin: str = "built-in"  # or the distribution name of a plugin
    answers: list[str] = field(default_factory=list)
    hint: str = ""  # what to do to configure it, when it is not

    @classmethod
    def describe(cls, adapter: Adapter, origin: str = "built-in") -> AdapterInfo:
        """The row of ``adapter``, registered by ``origin``."""
        configured = adapter.configured()
        return cls(
            name=adapter.name,
            kind=adapter.kind,
            description=adapter.description,
            needs_key=adapter.needs_key,
            key_env=adapter.key_env,
            configured=configured,
            network=adapter.network,
            origin=origin,
            answers=adapter.answers(),
            hint="" if configured else adapter.hint(),
        )
