"""One configured requests ``Session`` for every adapter, and safe descriptions of its errors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from civickit import __version__

if TYPE_CHECKING:
    import requests

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
USER_AGENT = f"civickit/{__version__} (+https://github.com/civickit/civickit)"
_SECRET_PARAMS = re.compile(r"(?i)((?:api[_-]?key|apikey|key|token|password|secret)=)[^&\s]+")


def redact(text: str) -> str:
    """Hide secrets that appear as query parameters (``api_key=...``) in a URL or message."""
    return _SECRET_PARAMS.sub(r"\1***", text)


def build_session(retries: int = 3, backoff: float = 0.5) -> requests.Session:
    """A Session with civickit's User-Agent and urllib3 ``Retry`` on 429 and 5xx.

    ``Retry-After`` is honoured; connection errors are retried with exponential backoff.
    """
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=16)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def describe_request_error(exc: BaseException) -> str:
    """A one-line, key-free description of a requests failure."""
    import requests

    request = getattr(exc, "request", None)
    url = redact(str(getattr(request, "url", "") or ""))
    host = re.sub(r"^[a-z]+://([^/?#]+).*$", r"\1", url) if url else "the server"
    # After retries, a read timeout surfaces as a ConnectionError wrapping urllib3's
    # MaxRetryError; it is still a timeout to the user.
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    if isinstance(exc, requests.Timeout) or isinstance(reason, Urllib3Timeout):
        return f"{host} did not answer in time; try again later or use --offline with synced data"
    if isinstance(exc, requests.ConnectionError):
        return f"cannot connect to {host}; check the network, or use --offline with synced data"
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"{host} answered HTTP {exc.response.status_code} for {url}"
    return redact(f"request to {host} failed: {exc}")
