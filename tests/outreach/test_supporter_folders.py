"""Supporter folders can never collide: ids that a slug folds together keep their own folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.safety import distinct_filename
from support.cli import RunCli

FOLDED_TOGETHER = [("甲", "乙"), ("AB1", "ab1"), ("x/2", "x-2"), ("Zoë", "Zoe")]


@pytest.mark.parametrize(("one", "two"), FOLDED_TOGETHER)
def test_ids_a_slug_folds_together_get_their_own_folders(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path, one: str, two: str
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(f"id,name,district\n{one},Ada,CA-12\n{two},Ada,CA-12\n", encoding="utf-8")
    out = tmp_path / "out"
    run_cli(["batch", str(sheet), "--out", str(out), "--no-packets"], expect=0)
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [r["status"] for r in records] == ["ok", "ok"]
    first, second = (r["folder"] for r in records)
    assert first != second
    for record in records:  # each row's files are its own, all still there
        for item in record["files"]:
            assert item["path"].startswith(record["folder"] + "/")
            assert (out / item["path"]).is_file()


@given(st.text(max_size=20), st.text(max_size=20), st.text(max_size=20))
def test_distinct_ids_never_share_a_name(readable: str, one: str, two: str) -> None:
    if one != two:
        assert distinct_filename(readable, one) != distinct_filename(readable, two)
    name = distinct_filename(readable, one)
    assert "/" not in name and not name.startswith(".") and len(name) <= 80
