"""What every network adapter shares: base URL, offline switch, API key, HTTP errors, rate limit.

Subclasses call ``_get_json``; it refuses to run offline, sends the request through the shared
``Session`` (timeouts, retries honouring ``Retry-After``) and turns every failure into a
``CivickitError`` whose message never contains the API key.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode, urlsplit

from civickit.errors import NetworkError, OfflineError, UsageError
from civickit.lookup.adapters.base import Adapter, AdapterContext
from civickit.lookup.cache import DIRECTORY_TTL, AnswerCache
from civickit.lookup.http import DEFAULT_TIMEOUT, build_session, describe_request_error, redact
from civickit.lookup.limits import API_LIMITS, Limits, bounded_get
from civickit.lookup.schemas import SchemaError, check_answer

if TYPE_CHECKING:
    import requests

Params = Mapping[str, str | list[str]]


@functools.cache
def shared_session() -> requests.Session:
    """The one Session all network adapters use unless a caller passes its own."""
    return build_session()


class AdapterOfflineError(OfflineError):
    """A network adapter was asked a question while offline mode forbids the network."""

    def __init__(self, adapter: str, service: str) -> None:
        self.adapter = adapter
        self.service = service
        super().__init__(
            f"the {adapter} adapter needs the network to ask {service}, but offline mode is on; "
            "turn it off or use an adapter that works from synced data"
        )


class RemoteAdapter(Adapter):
    """Base of adapters that answer over HTTP. Subclasses set the class attributes below."""

    network: ClassVar[bool] = True
    service: ClassVar[str]  # human name for messages, e.g. "Congress.gov"
    default_url: ClassVar[str]
    url_env: ClassVar[str]  # environment variable overriding the base URL
    key_help: ClassVar[str] = ""  # where to get a key, appended to the missing-key message
    key_header: ClassVar[str | None] = None  # send the key in this header ...
    key_param: ClassVar[str | None] = None  # ... or in this query parameter
    default_ttl: ClassVar[int] = DIRECTORY_TTL  # seconds answers stay in the cache
    limits: Limits = API_LIMITS  # total time and size of one answer

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        offline: bool | None = None,
        cache: AnswerCache | None = None,
    ) -> None:
        # A URL given here is checked at once; one from the settings when first used.
        self._base_url = _checked_base_url(base_url, self.url_env) if base_url else None
        self._api_key = api_key
        self._session = session
        self.timeout = timeout
        self._offline = offline
        self._cache = cache

    @property
    def base_url(self) -> str:
        """The constructor's URL, else ``url_env`` in the settings, else ``default_url``."""
        if self._base_url is None:
            chosen = self.require_context().settings.base_urls.get(self.url_env)
            self._base_url = _checked_base_url(chosen or self.default_url, self.url_env)
        return self._base_url

    @property
    def cache(self) -> AnswerCache:
        """The constructor's cache, else the one the settings describe."""
        if self._cache is None:
            settings = self.require_context().settings
            self._cache = AnswerCache.for_settings(settings, self.default_ttl)
        return self._cache

    def bind(self, context: AdapterContext) -> None:
        """Take the context and check the base URL now, so a bad one fails at start."""
        super().bind(context)
        self.base_url  # noqa: B018 - checking is the point

    def configured(self) -> bool:
        """True when a key is set (by argument or environment) or none is needed."""
        return self._api_key is not None or super().configured()

    @property
    def session(self) -> requests.Session:
        """The Session given to the constructor, else the process-wide one."""
        if self._session is None:
            self._session = shared_session()
        return self._session

    @property
    def offline(self) -> bool:
        """True when network use is forbidden: the constructor argument, else the context's
        switch (``--offline``, ``CIVICKIT_OFFLINE``)."""
        if self._offline is not None:
            return self._offline
        return self.require_context().offline

    def _require_online(self) -> None:
        if self.offline:
            raise AdapterOfflineError(self.name, self.service)

    def _key(self) -> str:
        """The API key; a missing key is a usage error naming the variable to set."""
        if self._api_key:
            return self._api_key
        key = self.secret()
        if key is None:
            raise UsageError(
                f"no {self.service} API key: set {self.key_env}{self.key_help} "
                "or choose another adapter"
            )
        return key

    def _scrub(self, text: str) -> str:
        """``text`` with key-like query parameters and the key itself hidden."""
        cleaned = redact(text)
        for secret in (self._api_key, self.secret()):
            if secret:
                cleaned = cleaned.replace(secret, "***")
        return cleaned

    def _cached_json(
        self, path: str, params: Params, *, items: str, not_found_ok: bool = False
    ) -> tuple[Any, float]:
        """The JSON answer for ``path`` and ``params`` from the cache, else from the service,
        with when it was fetched. The key is added to the request only, never to the cache key.
        ``items`` names the list every good answer holds; a 404 reads as an empty list when
        ``not_found_ok``."""
        cache_query = path + "?" + urlencode(sorted(params.items()), doseq=True)
        entry = self.cache.get(self.name, cache_query)
        if entry is not None:
            return entry.value, entry.stored_at
        self._require_online()
        send: dict[str, str | list[str]] = dict(params)
        headers: dict[str, str] = {}
        if self.key_header:
            headers[self.key_header] = self._key()
        if self.key_param:
            send[self.key_param] = self._key()
        body = self._get_json(path, send, headers=headers, not_found_ok=not_found_ok)
        if body is None:
            return {items: []}, time.time()
        if not isinstance(body, Mapping) or not isinstance(body.get(items), list):
            raise NetworkError(
                f"{self.service} answered {path} without a {items!r} list; check "
                f"{self.url_env} points at the service, or try again later"
            )
        try:
            check_answer(self.name, body)
        except SchemaError as exc:
            raise NetworkError(
                f"{self.service} answered {self._scrub(path)} with data of the wrong shape "
                f"({exc}); nothing was cached; check {self.url_env}, or try again later"
            ) from None
        self.cache.put(self.name, cache_query, body)
        return body, time.time()

    def _get_json(
        self,
        path: str,
        params: Params,
        *,
        headers: Mapping[str, str] | None = None,
        not_found_ok: bool = False,
    ) -> Any:
        """GET ``base_url + path`` and return the decoded JSON body.

        Returns None for HTTP 404 when ``not_found_ok``. Raises ``OfflineError`` offline,
        ``UsageError`` when the key is refused, ``NetworkError`` for everything else.
        """
        import requests

        self._require_online()
        try:
            response = bounded_get(
                self.session, self.base_url + path, params=params, headers=headers,
                timeout=self.timeout, limits=self.limits,
            )  # fmt: skip
        except (requests.RequestException, NetworkError) as exc:
            said = exc if isinstance(exc, NetworkError) else describe_request_error(exc)
            raise NetworkError(f"{self.service}: {self._scrub(str(said))}") from None
        if response.status_code == 404 and not_found_ok:
            return None
        if response.status_code >= 400:
            raise self._status_error(response.status_code, path, _service_message(response))
        try:
            return response.json()
        except ValueError:
            raise NetworkError(
                f"{self.service} answered {self._scrub(path)} with something that is not JSON; "
                f"check {self.url_env} points at the service, or try again later"
            ) from None

    def _status_error(self, status: int, path: str, said: str) -> UsageError | NetworkError:
        where = self._scrub(path)
        if status in (401, 403):
            variable = self.key_env or "the API key"
            return UsageError(
                f"{self.service} refused the request for {where} (HTTP {status}); "
                f"check that {variable} holds a valid key"
            )
        if status == 429:
            return NetworkError(
                f"{self.service} is still rate limiting after several retries (HTTP 429); "
                "wait a few minutes and try again"
            )
        if status in (400, 422) and said:
            return UsageError(
                f"{self.service} refused the request for {where} (HTTP {status}: "
                f"{self._scrub(said)}); check the address, point or district given"
            )
        return NetworkError(
            f"{self.service} answered HTTP {status} for {where}; try again later"
            + ("" if status >= 500 else f", or check {self.url_env}")
        )


def _service_message(response: requests.Response, limit: int = 200) -> str:
    """The service's own one-line explanation of an error, where its JSON body has one:
    ``{"errors": [...]}`` (Census), ``{"detail": ...}`` (Open States),
    ``{"error": {"message": ...}}`` (api.data.gov)."""
    try:
        body = response.json()
    except ValueError:
        return ""
    said: Any = None
    if isinstance(body, Mapping):
        said = body.get("errors") or body.get("detail") or body.get("error")
    if isinstance(said, list) and said:
        said = said[0]
    if isinstance(said, Mapping):
        said = said.get("message") or said.get("msg")
    text = " ".join(str(said).split()) if isinstance(said, str) else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _checked_base_url(url: str, variable: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"base URL {redact(url)!r} is not an http(s) URL; fix {variable} or the base_url given"
        )
    return url.rstrip("/")


class TokenBucket:
    """A thread-safe rate limit: at most ``rate`` acquisitions a second, bursts of ``capacity``."""

    def __init__(
        self,
        rate: float,
        capacity: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise UsageError(f"rate limit {rate} must be more than 0 requests a second")
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self._tokens = self.capacity
        self._clock = clock
        self._sleep = sleep
        self._last = clock()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Wait until a token is free, then take it."""
        while True:
            with self._lock:
                now = self._clock()
                self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
                self._last = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                wait = (1 - self._tokens) / self.rate
            self._sleep(wait)
