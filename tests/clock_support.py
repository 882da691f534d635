"""A settable "today" for the CLI, for runs on different days without ``--as-of``."""

from __future__ import annotations

import datetime as dt

import pytest

from civickit.cli import context


class Day(dt.date):
    """``datetime.date`` whose ``today()`` is the day a test says it is."""

    current = dt.date(2026, 11, 26)

    @classmethod
    def today(cls) -> Day:
        return cls(cls.current.year, cls.current.month, cls.current.day)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> type[Day]:
    """The CLI's today, settable (no ``--as-of``, no ``--date``: the user's default)."""

    class Clock:
        date = Day

    monkeypatch.setattr(context, "dt", Clock)
    monkeypatch.setattr(Day, "current", dt.date(2026, 11, 26))
    return Day


# The data store's "now" in tests: ten days after the newest date in the fixture data
# (tests/fixtures/lookup), so the fixtures are fresh data whatever day the tests run.
DATA_NOW = dt.datetime(2026, 6, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def data_clock(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """Pin the data store's clock to ``DATA_NOW`` (a test may move it with monkeypatch)."""
    from civickit.lookup import store

    monkeypatch.setattr(store, "_now", lambda: DATA_NOW)
    return DATA_NOW
