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


#: The CLI's "today" in tests: before the fixture data's terms end (2027-01-03), so the suite
#: gives the same answers whatever day it runs (``today`` below moves it).
CLI_TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def data_clock(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """Pin the data store's clock to ``DATA_NOW`` and the CLI's today to ``CLI_TODAY`` (a test
    may move either with monkeypatch or the ``today`` fixture)."""
    from civickit.lookup import store

    class Clock:
        date = Day

    monkeypatch.setattr(store, "_now", lambda: DATA_NOW)
    monkeypatch.setattr(context, "dt", Clock)
    monkeypatch.setattr(Day, "current", CLI_TODAY)
    return DATA_NOW
