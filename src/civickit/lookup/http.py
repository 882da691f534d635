"""One configured requests ``Session`` for every adapter, and safe descriptions of its errors."""

from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING

from civickit.version import __version__

if TYPE_CHECKING:
    import requests
    from urllib3.response import BaseHTTPResponse
    from urllib3.util.retry import Retry

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
# The longest Retry-After civickit waits out; an API whose hourly quota is spent may ask for an
# hour, and a CLI that silently hangs that long is worse than a clear "rate limited" error.
MAX_RETRY_AFTER = 30.0
USER_AGENT = f"civickit/{__version__} (+https://github.com/civickit/civickit)"
# Query parameters that carry credentials (lower case); hidden in messages, dropped on redirects.
SECRET_PARAM_NAMES = frozenset(
    {"api_key", "api-key", "apikey", "key", "token", "access_token", "password", "secret"}
)
_SECRET_PARAMS = re.compile(r"(?i)((?:api[_-]?key|apikey|key|token|password|secret)=)[^&\s]+")
# ``scheme://user:password@host``: everything between ``//`` and the last ``@`` of the authority.
_USERINFO = re.compile(r"(?ai)\b([a-z][a-z0-9+.-]*://)[^/?#\s]*@")


def redact(text: str) -> str:
    """Hide secrets in a URL or message: query parameters (``api_key=...``) and the user name
    and password of a URL (``https://user:pass@mirror/`` -> ``https://***@mirror/``)."""
    return _SECRET_PARAMS.sub(r"\1***", _USERINFO.sub(r"\1***@", text))


class RedactingFilter(logging.Filter):
    """Rewrites a log record's message through ``redact`` so URLs with keys never reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


# urllib3 logs every request line (with its query string) at DEBUG and every retry.
_URL_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry")


def install_log_redaction() -> None:
    """Attach ``RedactingFilter`` to the loggers that print request URLs (once)."""
    for name in _URL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


def build_session(retries: int = 3, backoff: float = 0.5) -> requests.Session:
    """A Session with civickit's User-Agent and urllib3 ``Retry`` on 429 and 5xx.

    ``Retry-After`` is honoured up to ``MAX_RETRY_AFTER`` seconds; connection errors are
    retried with exponential backoff.
    """
    import requests
    from requests.adapters import HTTPAdapter

    install_log_redaction()
    retry = _capped_retry_class()(
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
    # Only encodings ``lookup.limits`` decompresses within its size limit.
    session.headers["Accept-Encoding"] = "gzip, deflate"
    return session


@functools.cache
def _capped_retry_class() -> type[Retry]:
    from urllib3.util.retry import Retry

    class CappedRetry(Retry):
        """``Retry`` that waits at most ``MAX_RETRY_AFTER`` seconds for a ``Retry-After``."""

        def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
            wanted = super().get_retry_after(response)
            return None if wanted is None else min(wanted, MAX_RETRY_AFTER)

    return CappedRetry


def host_of(url: str) -> str:
    """The host (and port) of ``url`` to name in a message: never its user name, password,
    path or query (``the server`` when it has none)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        hostname, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number
        return "the server"
    if not hostname:
        return "the server"
    return f"{hostname}:{port}" if port else hostname


def describe_request_error(exc: BaseException) -> str:
    """A one-line, key-free description of a requests failure."""
    import requests

    request = getattr(exc, "request", None)
    url = redact(str(getattr(request, "url", "") or ""))
    host = host_of(url)
    if _timed_out(exc):
        return f"{host} did not answer in time; try again later or use --offline with synced data"
    if isinstance(exc, requests.ConnectionError):
        return f"cannot connect to {host}; check the network, or use --offline with synced data"
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"{host} answered HTTP {exc.response.status_code} for {url}"
    return redact(f"request to {host} failed: {exc}")


def _timed_out(exc: BaseException) -> bool:
    """True for timeouts, including a read timeout requests reports as a ConnectionError once
    urllib3's retries are used up."""
    import requests
    from urllib3.exceptions import NewConnectionError
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    if isinstance(exc, requests.Timeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    # urllib3 makes NewConnectionError (refused, unreachable) a kind of ConnectTimeoutError.
    return isinstance(reason, Urllib3Timeout) and not isinstance(reason, NewConnectionError)
