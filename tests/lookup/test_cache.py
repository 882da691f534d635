"""The on-disk answer cache: keys, TTL, atomic writes, corrupt entries."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.errors import UsageError
from civickit.lookup.cache import AnswerCache, normalise_query
from civickit.settings import Settings


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_put_then_get(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path, ttl=60)
    cache.put("census", "1 Main St", {"districts": ["CA-12"]})
    entry = cache.get("census", "1 main st")
    assert entry is not None
    assert entry.value == {"districts": ["CA-12"]}


def test_default_folder_is_under_the_cache_home(isolated_env: Path) -> None:
    cache = AnswerCache()
    cache.put("census", "q", 1)
    assert cache.folder == isolated_env / "civickit-cache" / "answers"
    assert len(list(cache.folder.glob("*.json"))) == 1


def test_entry_expires_after_ttl(tmp_path: Path) -> None:
    clock = Clock()
    cache = AnswerCache(tmp_path, ttl=100, clock=clock)
    cache.put("census", "q", "answer")
    clock.now += 99
    assert cache.get("census", "q") is not None
    clock.now += 1
    assert cache.get("census", "q") is None


def test_entry_from_the_future_is_ignored(tmp_path: Path) -> None:
    clock = Clock()
    AnswerCache(tmp_path, ttl=100, clock=clock).put("census", "q", "answer")
    clock.now -= 10
    assert AnswerCache(tmp_path, ttl=100, clock=clock).get("census", "q") is None


def test_key_is_sha256_of_adapter_and_normalised_query(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    cache.put("openstates", "  A  B ,C ", 1)
    expected = hashlib.sha256(b"openstates\na b, c").hexdigest()
    assert [p.name for p in tmp_path.iterdir()] == [f"{expected}.json"]


def test_adapters_do_not_share_entries(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    cache.put("census", "q", 1)
    assert cache.get("openstates", "q") is None


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        json.dumps({"format": 1, "adapter": "census", "stored_at": "yesterday", "value": 1}),
        json.dumps({"format": 99, "adapter": "census", "stored_at": 1e6, "value": 1}),
        json.dumps({"format": 1, "adapter": "census", "stored_at": 1e6}),
    ],
)
def test_corrupt_entries_read_as_missing(tmp_path: Path, content: str) -> None:
    cache = AnswerCache(tmp_path, clock=Clock())
    cache.put("census", "q", 1)
    [path] = tmp_path.iterdir()
    path.write_text(content, encoding="utf-8")
    assert cache.get("census", "q") is None
    cache.put("census", "q", 2)  # a corrupt entry is simply replaced
    entry = cache.get("census", "q")
    assert entry is not None and entry.value == 2


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    for n in range(5):
        cache.put("census", "q", n)
    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_unwritable_folder_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = AnswerCache(blocker / "answers")
    cache.put("census", "q", 1)
    assert cache.get("census", "q") is None


def test_ttl_zero_turns_the_cache_off(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path, ttl=0)
    cache.put("census", "q", 1)
    assert cache.get("census", "q") is None
    assert list(tmp_path.iterdir()) == []


def test_stats_and_clear(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers")
    assert cache.stats().entries == 0
    assert cache.clear() == 0
    cache.put("census", "a", 1)
    cache.put("census", "b", 2)
    stats = cache.stats()
    assert (stats.entries, stats.folder) == (2, str(tmp_path / "answers"))
    assert stats.bytes > 0
    assert cache.clear() == 2
    assert cache.get("census", "a") is None


def test_ttl_from_settings(tmp_path: Path) -> None:
    def ttl(raw: str) -> int:
        settings = Settings.from_environ({"CIVICKIT_CACHE_TTL": raw}, cache_dir=tmp_path)
        cache = AnswerCache.for_settings(settings, 30)
        assert cache.folder == tmp_path / "answers"
        return cache.ttl

    assert ttl("") == 30
    assert ttl(" 3600 ") == 3600
    assert ttl("0") == 0
    with pytest.raises(UsageError) as caught:
        ttl("a week")
    assert str(caught.value) == (
        "CIVICKIT_CACHE_TTL='a week' is not a number of seconds; set it to a whole number such "
        "as 86400 (0 turns the cache off)"
    )
    with pytest.raises(UsageError):
        ttl("-5")


@given(st.text(max_size=60))
def test_normalising_is_idempotent_and_ignores_case_and_spacing(text: str) -> None:
    once = normalise_query(text)
    assert normalise_query(once) == once
    assert normalise_query(f"  {text.upper()}  ") == normalise_query(text.upper())
    assert "  " not in once


def test_cache_folder_and_files_are_private(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers")
    cache.put("census", "1 Main St", {"matched_address": "1 MAIN ST"})
    [path] = (tmp_path / "answers").iterdir()
    assert (tmp_path / "answers").stat().st_mode & 0o077 == 0
    assert path.stat().st_mode & 0o077 == 0
