"""Bounded HTTP: every download and API call within a total deadline and a size limit.

``bounded_request`` (``bounded_get`` for a GET) is the one bounded reader: datasets, API
lookups and the CWC services' posts all go through it. It follows redirects itself (at most
``MAX_REDIRECTS``; or none, returning the redirect), dropping API keys (secret headers and
key-like query parameters) whenever a redirect leaves the origin; reads the body in small
pieces, cut off at ``Limits.max_bytes`` and at ``Limits.seconds`` from the start (a server
that trickles bytes is not waited on for ever), and decompresses gzip/deflate itself, never past
the size limit (a gzip bomb is refused after ``max_bytes`` of output, never held whole).
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from civickit.errors import NetworkError
from civickit.lookup.http import SECRET_PARAM_NAMES, host_of

if TYPE_CHECKING:
    import requests

T = TypeVar("T")

MAX_REDIRECTS = 5
CHUNK = 1 << 16
# Headers that carry credentials; never sent to another origin after a redirect.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


@dataclass(frozen=True)
class Limits:
    """The most one request may take: ``seconds`` in all (connecting, redirects, headers and
    body) and ``max_bytes`` of body after decompression."""

    seconds: float = 300.0
    max_bytes: int = 200_000_000


DATASET_LIMITS = Limits()
API_LIMITS = Limits(seconds=60.0, max_bytes=20_000_000)


class LimitError(NetworkError):
    """A response took longer than its deadline or was larger than its size limit."""


class DeadlineError(LimitError):
    """A response did not finish within its deadline (the size limit is ``LimitError``)."""


def bounded_get(
    session: requests.Session,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float | tuple[float, float],
    limits: Limits,
    on_response: Callable[[requests.Response], None] | None = None,
) -> requests.Response:
    """GET ``url`` within ``limits``: ``bounded_request`` with method GET."""
    return bounded_request(
        session, "GET", url, params=params, headers=headers, timeout=timeout, limits=limits,
        on_response=on_response,
    )  # fmt: skip


def bounded_request(
    session: requests.Session,
    method: str,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    data: bytes | None = None,
    timeout: float | tuple[float, float],
    limits: Limits,
    follow_redirects: bool = True,
    on_response: Callable[[requests.Response], None] | None = None,
) -> requests.Response:
    """``method`` ``url`` (with ``data`` as its body) within ``limits``; the returned
    response's body is already read (its ``content``, ``text`` and ``json()`` work, nothing
    more comes from the network). ``on_response`` sees the final response's status and headers
    before its body is read. Without ``follow_redirects`` a redirect is the answer returned.

    Raises ``DeadlineError`` past the deadline, ``LimitError`` past the size limit,
    ``NetworkError`` for a redirect loop or a body that cannot be decompressed;
    ``requests.RequestException`` passes through.
    """
    cancelled = threading.Event()
    deadline = time.monotonic() + limits.seconds
    request = _Request(method, data, timeout, limits, follow_redirects, cancelled, on_response)

    def work() -> requests.Response:
        return _follow(session, url, params, dict(headers or {}), request)

    return _within(work, deadline, cancelled, url, limits)


@dataclass(frozen=True)
class _Request:
    """What stays the same across a request's redirects."""

    method: str
    data: bytes | None
    timeout: float | tuple[float, float]
    limits: Limits
    follow_redirects: bool
    cancelled: threading.Event
    on_response: Callable[[requests.Response], None] | None


def _within(
    work: Callable[[], T], deadline: float, cancelled: threading.Event, url: str, limits: Limits
) -> T:
    """``work()`` in a helper thread, given up on at ``deadline``: a blocked socket read cannot
    be interrupted from here, so the thread is told to stop and left to end on its own."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # handed to the caller below
            failure.append(exc)

    thread = threading.Thread(target=run, name="civickit-download", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if thread.is_alive():
        cancelled.set()
        raise DeadlineError(
            f"{host_of(url)} did not finish answering within {limits.seconds:g} s (a stalled or "
            "trickling server); try again later"
        )
    if failure:
        raise failure[0]
    return result[0]


def _follow(
    session: requests.Session,
    url: str,
    params: Mapping[str, Any] | None,
    headers: dict[str, str],
    request: _Request,
) -> requests.Response:
    for _ in range(MAX_REDIRECTS + 1):
        response = session.request(
            request.method, url, params=params, headers=headers, data=request.data,
            timeout=request.timeout, stream=True, allow_redirects=False,
        )  # fmt: skip
        location = response.headers.get("Location")
        redirect = response.status_code in _REDIRECTS and bool(location)
        if not redirect or not request.follow_redirects:
            if request.on_response is not None:
                request.on_response(response)
            with response:
                _read_body(response, request.limits, request.cancelled)
            return response
        response.close()
        target = urljoin(response.url, location or "")
        if response.status_code in {301, 302, 303} and request.method != "GET":
            request = replace(request, method="GET", data=None)  # as browsers and requests do
        if _origin(target) != _origin(response.url):
            headers = {k: v for k, v in headers.items() if k.lower() not in SECRET_HEADERS}
            target = _without_secret_params(target)
        url, params = target, None
    raise NetworkError(f"{host_of(url)} redirected more than {MAX_REDIRECTS} times; check the URL")


def _read_body(response: requests.Response, limits: Limits, cancelled: threading.Event) -> None:
    """Fill ``response``'s content from the network, bounded; see the module docstring."""
    where = host_of(response.url)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(where, limits)
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in {"", "identity", *_WBITS}:
        raise NetworkError(f"{where} sent a body in an unsupported encoding {encoding!r}")
    inflate = _Inflater(encoding) if encoding in _WBITS else None
    body = bytearray()
    while True:
        if cancelled.is_set():
            raise LimitError(f"{where} was given up on")
        piece = _read_piece(response, where)
        if not piece:
            break
        body += inflate.feed(piece, limits.max_bytes - len(body) + 1) if inflate else piece
        if len(body) > limits.max_bytes:
            raise _too_large(where, limits)
    if inflate is not None:
        body += inflate.finish()
        if len(body) > limits.max_bytes:
            raise _too_large(where, limits)
    response._content = bytes(body)
    response._content_consumed = True  # type: ignore[attr-defined]


def _read_piece(response: requests.Response, where: str) -> bytes:
    """At most ``CHUNK`` bytes as they arrive; a broken or stalled connection is a
    ``NetworkError`` (urllib3 raises its own errors when its body is read directly)."""
    from urllib3.exceptions import HTTPError, ReadTimeoutError

    try:
        piece: bytes = response.raw.read1(CHUNK, decode_content=False)
    except ReadTimeoutError:
        raise NetworkError(f"{where} stopped sending; try again later") from None
    except (HTTPError, OSError) as exc:
        raise NetworkError(
            f"{where} broke off the transfer ({type(exc).__name__}: a truncated body); "
            "try again later"
        ) from None
    return piece


class _Inflater:
    """gzip or zlib/raw deflate, decompressed at most ``room`` bytes at a time."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib = zlib.decompressobj(_WBITS[encoding])
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            try:
                out = self._zlib.decompress(data, max(room, 1))
            except zlib.error:
                if self.encoding != "deflate" or self._started:
                    raise
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # deflate without zlib header
                out = self._zlib.decompress(data, max(room, 1))
        except zlib.error:
            raise NetworkError(f"a {self.encoding} body is damaged; try again later") from None
        self._started = True
        return out  # with input left over, ``out`` fills ``room``: the caller sees the excess

    def finish(self) -> bytes:
        try:
            return self._zlib.flush()
        except zlib.error:
            raise NetworkError(f"a {self.encoding} body is damaged; try again later") from None


def _too_large(where: str, limits: Limits) -> LimitError:
    return LimitError(
        f"{where} sent more than {limits.max_bytes // 1_000_000} MB (after decompression), more "
        "than any dataset or answer civickit expects; refused"
    )


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or ""), parts.port or default


def _without_secret_params(url: str) -> str:
    parts = urlsplit(url)
    kept = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in SECRET_PARAM_NAMES
    ]  # fmt: skip
    return urlunsplit(parts._replace(query=urlencode(kept)))
