"""Helpers shared by the network adapter tests (plain functions, no fixtures)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.lookup.adapters.remote import RemoteAdapter
from civickit.lookup.http import build_session

AdapterT = TypeVar("AdapterT", bound=RemoteAdapter)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fast_session(retries: int = 3) -> requests.Session:
    """The production session with a backoff small enough for tests."""
    return build_session(retries=retries, backoff=0.01)


def fixture_json(*parts: str) -> Any:
    """A JSON fixture from tests/fixtures."""
    return json.loads(FIXTURES.joinpath(*parts).read_text(encoding="utf-8"))


def cache_text(cache_dir: Path) -> str:
    """Every cache file's name and content, to search for leaked secrets."""
    files = sorted(cache_dir.rglob("*")) if cache_dir.exists() else []
    return "\n".join(f"{p.name}\n{p.read_text(encoding='utf-8')}" for p in files if p.is_file())


@contextmanager
def own_server(*, threaded: bool = False) -> Iterator[HTTPServer]:
    """A server of the test's own, for handlers that outlive the test (slow or concurrent)
    and must not leak entries into the shared ``httpserver`` log."""
    server = HTTPServer(threaded=threaded)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def slow_handler(seconds: float) -> Callable[[Request], Response]:
    """A handler that answers only after ``seconds``: longer than the client's read timeout."""

    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return Response("{}", content_type="application/json")

    return handler


def make_adapter(cls: type[AdapterT], server: HTTPServer, prefix: str, **options: Any) -> AdapterT:
    """A network adapter pointed at ``server``, online, with the fast test session."""
    options.setdefault("session", fast_session())
    options.setdefault("offline", False)
    return cls(base_url=server.url_for(prefix), **options)


def serve_census(httpserver: HTTPServer, endpoint: str, fixture: str) -> dict[str, str]:
    """Answer ``geographies/<endpoint>`` with a census fixture; returns the variables that point
    civickit at it, online (for ``make_settings``, or the CLI's ``env``)."""
    httpserver.expect_request(f"/geocoder/geographies/{endpoint}").respond_with_json(
        fixture_json("census", fixture)
    )
    return {"CIVICKIT_CENSUS_URL": httpserver.url_for("/geocoder"), "CIVICKIT_OFFLINE": "0"}


def use_quick_census(monkeypatch: Any, *, read_timeout: float) -> None:
    """Make every ``Lookup`` use the real census adapter with one quick retry and a short read
    timeout, so tests of a failing geocoder stay fast."""
    from civickit.lookup.adapters import plugins
    from civickit.lookup.adapters.census import CensusGeocoder

    class QuickCensus(CensusGeocoder):
        def __init__(self, **options: Any) -> None:
            timeout = (1.0, read_timeout)
            super().__init__(session=fast_session(retries=1), timeout=timeout, **options)

    discover = plugins.discover

    def with_quick_census(**kwargs: Any) -> plugins.AdapterRegistry:
        registry = discover(**kwargs)
        registry.classes[("geocoder", "census")] = QuickCensus
        return registry

    monkeypatch.setattr(plugins, "discover", with_quick_census)
