"""The two CWC services (House and Senate): where they are, their keys, and their office lists.

A service's key travels in the query string, so every URL that could reach a message, a log or
a file is described by ``CwcService.where`` (base URL, no key) instead. The office list a service
publishes (``GET {base}/offices``) is cached in civickit's cache folder for a day, with the time
it was fetched, so a brief outage does not stop delivery and a message can say how old it is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from civickit.errors import NetworkError, UsageError
from civickit.files import write_atomically
from civickit.lookup.http import describe_request_error, redact
from civickit.lookup.limits import DeadlineError, LimitError, Limits, bounded_request

if TYPE_CHECKING:
    import requests

    from civickit.settings import Settings

Chamber = Literal["house", "senate"]
CHAMBERS: tuple[Chamber, ...] = ("house", "senate")
DEFAULT_URLS: dict[Chamber, str] = {
    "house": "https://cwc.house.gov",
    "senate": "https://soapbox.senate.gov/api",
}
URL_ENV: dict[Chamber, str] = {
    "house": "CIVICKIT_CWC_HOUSE_URL",
    "senate": "CIVICKIT_CWC_SENATE_URL",
}
KEY_ENV: dict[Chamber, str] = {
    "house": "CIVICKIT_CWC_HOUSE_KEY",
    "senate": "CIVICKIT_CWC_SENATE_KEY",
}
CHAMBER_NAMES: dict[Chamber, str] = {"house": "House", "senate": "Senate"}
OFFICE_LIST_TTL = 24 * 3600
MAX_BODY = 4 * 1024 * 1024  # the largest answer read from a service
REQUEST_SECONDS = 60.0  # the longest one request may take, answer included


class KeyRefusedError(NetworkError):
    """A service refused civickit's key (HTTP 401 or 403): the whole run stops."""


def key_refused(service: CwcService, status: int) -> KeyRefusedError:
    """The one message for a refused key."""
    return KeyRefusedError(
        f"the {service.name} CWC service refused the key (HTTP {status}): check "
        f"{KEY_ENV[service.chamber]} and that this machine's address is allowed"
    )


def chamber_of(member_office: str) -> Chamber:
    """``HCA12`` -> house, ``SWY01`` -> senate."""
    return "senate" if member_office.startswith("S") else "house"


@dataclass(frozen=True)
class CwcService:
    """One chamber's service: its base URL and key (never shown)."""

    chamber: Chamber
    base_url: str
    key: str | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, chamber: Chamber, settings: Settings) -> CwcService:
        """The service ``CIVICKIT_CWC_<CHAMBER>_URL`` and ``_KEY`` name (default URL)."""
        base = settings.base_urls.get(URL_ENV[chamber]) or DEFAULT_URLS[chamber]
        return cls(chamber, base.rstrip("/"), settings.secret(KEY_ENV[chamber]))

    @property
    def name(self) -> str:
        """``House`` or ``Senate``."""
        return CHAMBER_NAMES[self.chamber]

    @property
    def where(self) -> str:
        """The base URL, safe to show (no key)."""
        return redact(self.base_url)

    @property
    def no_key(self) -> str:
        """The one message for a service without a key."""
        return f"no CWC key for the {self.name}: set {KEY_ENV[self.chamber]}"

    def url(self, path: str) -> str:
        """The URL of ``path`` with the key in its query string: for requests only."""
        if not self.key:
            raise UsageError(self.no_key)
        return f"{self.base_url}/{path.lstrip('/')}?apikey={self.key}"


@dataclass(frozen=True)
class Answer:
    """A service's answer: status, body text (bounded) and ``Retry-After`` seconds if given."""

    status: int
    text: str
    retry_after: float | None = None


def request(
    session: requests.Session,
    service: CwcService,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    seconds: float = REQUEST_SECONDS,
) -> Answer:
    """One request through ``civickit.lookup.limits.bounded_request``: at most ``seconds`` in
    all and ``MAX_BODY`` of answer, redirects not followed (a redirect is the answer).
    ``NetworkError`` (key-free) when there is no answer; timeouts raise ``TimeoutError`` so
    callers can tell them apart (the service may have the message)."""
    import requests

    headers = {"Content-Type": "application/xml"} if body is not None else {}
    limits = Limits(seconds=seconds, max_bytes=MAX_BODY)
    try:
        response = bounded_request(
            session, method, service.url(path), data=body, headers=headers,
            timeout=(min(10.0, seconds), min(30.0, seconds)), limits=limits,
            follow_redirects=False,
        )  # fmt: skip
    except DeadlineError as exc:
        raise TimeoutError(f"the {service.name} CWC service took over {seconds:g} s") from exc
    except LimitError as exc:
        raise NetworkError(
            f"the {service.name} CWC service sent an answer over {MAX_BODY // (1 << 20)} MB"
        ) from exc
    except requests.Timeout as exc:
        raise TimeoutError(f"the {service.name} CWC service did not answer in time") from exc
    except requests.RequestException as exc:
        raise NetworkError(
            f"{service.name} CWC service {service.where}: {describe_request_error(exc)}"
        ) from exc
    text = response.content.decode("utf-8", errors="replace")
    return Answer(response.status_code, text, _retry_after(response.headers))


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` in seconds (a number or an HTTP date), read by urllib3's own rule (the
    one ``lookup.http``'s retries follow); ``None`` when absent or unreadable."""
    from urllib3.exceptions import InvalidHeader
    from urllib3.util.retry import Retry

    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return float(Retry().parse_retry_after(value))
    except InvalidHeader:
        return None


@dataclass(frozen=True)
class OfficeList:
    """The office codes a service delivers to, and when the list was fetched."""

    chamber: Chamber
    codes: frozenset[str]
    fetched: dt.datetime
    from_cache: bool = False

    def age_text(self, now: dt.datetime) -> str:
        """``fetched 2026-12-01 09:00 UTC, 2 h old``."""
        hours = (now - self.fetched).total_seconds() / 3600
        age = f"{hours * 60:.0f} min" if hours < 1 else f"{hours:.0f} h"
        return f"fetched {self.fetched:%Y-%m-%d %H:%M} UTC, {age} old"


def parse_office_list(text: str) -> frozenset[str]:
    """Office codes from a service's answer: a JSON list of codes, or of objects with a code
    (``office_code``, ``code``, ``OfficeCode``), possibly under an ``offices`` key."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NetworkError(f"the CWC office list is not JSON: {exc}") from exc
    if isinstance(data, Mapping):
        data = data.get("offices", data.get("Offices"))
    if not isinstance(data, list):
        raise NetworkError("the CWC office list is not a list of office codes")
    codes = {_code(item) for item in data}
    codes.discard("")
    return frozenset(codes)


def _code(item: object) -> str:
    if isinstance(item, str):
        return item.strip().upper()
    if isinstance(item, Mapping):
        for key in ("office_code", "code", "OfficeCode", "officeCode", "MemberOffice"):
            if isinstance(item.get(key), str):
                return str(item[key]).strip().upper()
    return ""


def office_list(
    session: requests.Session,
    service: CwcService,
    cache_dir: Path,
    *,
    now: dt.datetime,
    refresh: bool = False,
) -> OfficeList:
    """The service's office list: the cached copy when under a day old, else fetched (and the
    cache kept when the service cannot be reached, with its age)."""
    cache = cache_dir / "cwc" / f"{service.chamber}-offices.json"
    cached = _read_cache(service.chamber, cache)
    fresh = cached is not None and (now - cached.fetched).total_seconds() < OFFICE_LIST_TTL
    if cached is not None and fresh and not refresh:
        return cached
    try:
        answer = request(session, service, "GET", "offices")
        if answer.status in {401, 403}:
            raise key_refused(service, answer.status)
        if answer.status != 200:
            raise NetworkError(
                f"the {service.name} CWC service answered HTTP {answer.status} for its office list"
            )
        codes = parse_office_list(answer.text)
    except KeyRefusedError:
        raise
    except (NetworkError, TimeoutError):
        if cached is not None:
            return cached
        raise
    cache.parent.mkdir(parents=True, exist_ok=True)
    payload = {"fetched": now.isoformat(timespec="seconds"), "codes": sorted(codes)}
    write_atomically(cache, json.dumps(payload).encode("utf-8"), mode=0o600)
    return OfficeList(service.chamber, codes, now)


def _read_cache(chamber: Chamber, path: Path) -> OfficeList | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fetched = dt.datetime.fromisoformat(data["fetched"])
        codes = frozenset(str(code) for code in data["codes"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return OfficeList(chamber, codes, fetched, from_cache=True)


def senate_codes_agree(listed: Iterable[str], state: str, expected: Iterable[str]) -> bool:
    """True when the list's Senate codes for ``state`` are exactly those the class rule gives
    its senators (``expected``): only then is a senator's code known to be theirs."""
    prefix = f"S{state}"
    return {code for code in listed if code.startswith(prefix)} == set(expected)
