"""Reusable lookup test support: a seeded data store and a local HTTP mirror of data files.

Fixtures (imported into conftest.py, so every test module can use them):

- ``lookup_mirror``: the folder of small dataset excerpts, laid out like a data mirror.
- ``lookup_data``: a data store seeded from that mirror through the real
  ``civickit data sync --mirror DIR --state CA`` command; afterwards ``Lookup()`` and
  ``civickit lookup`` answer offline with real officials (CA, NY, NV, WY, DC, PR).
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.core.officials import Official
from civickit.lookup.adapters.file_targets import TargetsFormat, load_targets
from support.cli import invoke

FIXTURE_MIRROR = Path(__file__).resolve().parent / "fixtures" / "lookup"


def read_targets(text: str, fmt: TargetsFormat | None = "csv") -> list[Official]:
    """Targets from ``text``, read as a targets file piped in on standard input."""
    return load_targets("-", fmt, stdin=io.BytesIO(text.encode("utf-8")))


@pytest.fixture
def lookup_mirror() -> Path:
    """The small mirror folder of lookup fixtures."""
    return FIXTURE_MIRROR


@pytest.fixture
def lookup_data(isolated_env: Path, lookup_mirror: Path) -> Path:
    """A data store (``CIVICKIT_DATA_DIR``) filled by ``data sync --mirror`` from the fixtures."""
    invoke(["data", "sync", "--mirror", str(lookup_mirror), "--state", "CA"], expect=0)
    return Path(os.environ["CIVICKIT_DATA_DIR"])


def file_responder(
    path: Path, *, last_modified: str = "Mon, 15 Jun 2026 19:27:44 GMT"
) -> Callable[[Request], Response]:
    """A pytest-httpserver handler serving ``path`` with an ETag, honouring If-None-Match."""

    def respond(request: Request) -> Response:
        data = path.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag, "Last-Modified": last_modified})

    return respond


def serve_mirror(httpserver: HTTPServer, root: Path, relative_paths: list[str]) -> str:
    """Serve ``root/<relative path>`` for each path; return the base URL of the mirror."""
    for relative in relative_paths:
        httpserver.expect_request(f"/mirror/{relative}").respond_with_handler(
            file_responder(root / relative)
        )
    return httpserver.url_for("/mirror")
