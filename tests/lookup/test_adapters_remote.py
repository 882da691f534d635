"""What the network adapters share: rate limit, log redaction, the adapter list."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from pytest_httpserver import HTTPServer

from civickit.errors import NetworkError, UsageError
from civickit.lookup.adapters.base import Directory, Geocoder
from civickit.lookup.adapters.congress_gov import CongressGovDirectory
from civickit.lookup.adapters.network import NETWORK_ADAPTERS
from civickit.lookup.adapters.remote import RemoteAdapter, TokenBucket, shared_session
from civickit.lookup.http import USER_AGENT, RedactingFilter, install_log_redaction
from netsupport import fast_session


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_token_bucket_spaces_requests() -> None:
    fake = FakeTime()
    bucket = TokenBucket(4.0, clock=fake.clock, sleep=fake.sleep)
    for _ in range(5):
        bucket.acquire()
    assert fake.sleeps == [0.25, 0.25, 0.25, 0.25]
    assert fake.now == pytest.approx(1.0)


def test_token_bucket_allows_a_burst_then_refills() -> None:
    fake = FakeTime()
    bucket = TokenBucket(2.0, capacity=3, clock=fake.clock, sleep=fake.sleep)
    for _ in range(3):
        bucket.acquire()
    assert fake.sleeps == []
    bucket.acquire()
    assert fake.sleeps == [0.5]
    fake.now += 10  # idle time refills only up to the capacity
    for _ in range(3):
        bucket.acquire()
    assert fake.sleeps == [0.5]


def test_token_bucket_is_thread_safe() -> None:
    fake = FakeTime()  # the clock stands still: exactly `capacity` tokens exist
    bucket = TokenBucket(1.0, capacity=50, clock=fake.clock, sleep=fake.sleep)
    threads = [threading.Thread(target=bucket.acquire) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake.sleeps == []
    assert bucket._tokens == 0


def test_token_bucket_rejects_a_zero_rate() -> None:
    with pytest.raises(UsageError, match="must be more than 0 requests a second"):
        TokenBucket(0)


def test_redacting_filter_hides_keys_in_log_records() -> None:
    record = logging.LogRecord(
        "urllib3.connectionpool",
        logging.DEBUG,
        __file__,
        1,
        '%s "GET %s HTTP/1.1" %s',
        ("https://api.congress.gov:443", "/v3/member/CA?format=json&api_key=SECRET", 200),
        None,
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == (
        'https://api.congress.gov:443 "GET /v3/member/CA?format=json&api_key=*** HTTP/1.1" 200'
    )


def test_log_redaction_is_installed_once() -> None:
    install_log_redaction()
    install_log_redaction()
    filters = logging.getLogger("urllib3.connectionpool").filters
    assert sum(isinstance(f, RedactingFilter) for f in filters) == 1


def test_shared_session_names_civickit() -> None:
    session = shared_session()
    assert session is shared_session()
    assert session.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("civickit/")


def test_network_adapters_are_complete_and_documented() -> None:
    names = [cls.name for cls in NETWORK_ADAPTERS]
    assert names == ["census", "openstates", "congress-gov", "file"]
    for cls in NETWORK_ADAPTERS:
        assert issubclass(cls, (Geocoder, Directory))
        assert cls.description
        assert cls.network == issubclass(cls, RemoteAdapter)
        if cls.needs_key:
            assert cls.key_env and cls.key_env in cls.description


def test_configured_follows_the_key_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from civickit.lookup.adapters.census import CensusGeocoder
    from civickit.lookup.adapters.congress_gov import CongressGovDirectory

    assert CensusGeocoder().configured()
    assert not CongressGovDirectory().configured()
    monkeypatch.setenv("CONGRESS_GOV_API_KEY", "k")
    assert CongressGovDirectory().configured()


def test_long_retry_after_is_capped(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("civickit.lookup.http.MAX_RETRY_AFTER", 0.2)
    httpserver.expect_request("/v3/member/CA").respond_with_data(
        "", status=429, headers={"Retry-After": "3600"}
    )
    directory = CongressGovDirectory(
        base_url=httpserver.url_for("/v3"),
        api_key="k",
        session=fast_session(retries=2),
        offline=False,
    )
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"still rate limiting after several retries"):
        directory.senators("CA")
    assert 0.35 <= time.monotonic() - started < 5
    assert len(httpserver.log) == 3
