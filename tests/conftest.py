"""Shared fixtures: every CIVICKIT_* location points into tmp_path; no third-party plugins.

Also the one CLI runner (``run_cli``) and the one golden-file check (``golden``); pass
``--update-golden`` (or set ``CIVICKIT_UPDATE_GOLDEN=1``) to rewrite the golden files.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from settings_support import MakeSettings, settings_under
from support.cli import RunCli
from support.golden import UPDATE_OPTION, Golden, update_requested

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
SEED_ARTICLE = SHARED / "seeds" / "000_121a5e386aeba53a.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output instead of comparing",
    )


@pytest.fixture
def run_cli() -> RunCli:
    """Run the real click app: ``run_cli(["lookup", "--zip", "10001"], expect=0)``."""
    return RunCli()


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text to ``tests/golden/NAME``: ``golden.check("lookup/zip-10001.txt", text)``."""
    return Golden(update=update_requested(bool(request.config.getoption(UPDATE_OPTION))))


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point data, cache and config at tmp_path; forbid the network unless a test allows it."""
    for name in ("DATA", "CACHE", "CONFIG"):
        folder = tmp_path / f"civickit-{name.lower()}"
        monkeypatch.setenv(f"CIVICKIT_{name}_DIR", str(folder))
    for variable in (
        "CIVICKIT_CAMPAIGN",
        "CIVICKIT_AS_OF",
        "CIVICKIT_TRACEBACK",
        "CIVICKIT_DATA_MIRROR",
        "OPENSTATES_API_KEY",
        "CONGRESS_GOV_API_KEY",
        "CIVICKIT_SMTP_PASSWORD",
        "CIVICKIT_CONFIG",
        "NO_COLOR",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("CIVICKIT_OFFLINE", "1")
    monkeypatch.setenv("CIVICKIT_NO_PLUGINS", "1")
    yield tmp_path


@pytest.fixture
def make_settings(tmp_path: Path) -> MakeSettings:
    """``settings_under(tmp_path, environ, **overrides)``: settings passed to library code."""
    return functools.partial(settings_under, tmp_path)


@pytest.fixture
def shared_data() -> Path:
    """The full public datasets in ../shared/data; the test is skipped where they are absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data (the full public datasets), absent here")
    return SHARED_DATA


@pytest.fixture
def seed_article() -> str:
    """The source article of the default campaign; skipped where ../shared is absent."""
    if not SEED_ARTICLE.is_file():
        pytest.skip("needs ../shared/seeds (the source article), absent here")
    return SEED_ARTICLE.read_text(encoding="utf-8")


from clock_support import data_clock, today  # noqa: E402, F401  (shared fixtures)
from lookup_support import lookup_data, lookup_mirror  # noqa: E402, F401  (shared fixtures)
