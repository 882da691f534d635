"""``letter --format json`` (each letter's text and metadata) and ``social --format csv``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from support.cli import RunCli

SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]


def test_letter_json_holds_each_letter_text_and_metadata(
    lookup_data: Path, run_cli: RunCli
) -> None:
    place = ["--as-of", "2026-11-26", "letter", "--district", "CA-12", *SENDER]
    letters = run_cli([*place, "--format", "json"]).expect(0).json()
    text = run_cli(place).expect(0).stdout
    assert [(x["official"]["name"], x["template"], x["file"]) for x in letters] == [
        ("Adam B. Schiff", "letter_us_senate.txt", "2026-11-26_us-senate_CA_schiff.txt"),
        ("Alex Padilla", "letter_us_senate.txt", "2026-11-26_us-senate_CA_padilla.txt"),
        ("Lateefah Simon", "letter_us_house.txt", "2026-11-26_us-house_CA-12_simon.txt"),
    ]
    assert text == "\f\n".join(x["text"] for x in letters)
    assert {(x["campaign"], x["date"]) for x in letters} == {("facial-recognition", "2026-11-26")}
    assert letters[0]["subject"] in letters[0]["text"]


def test_letter_json_goes_to_stdout_only(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli(
        ["letter", "--district", "CA-12", *SENDER, "--format", "json", "--out", str(tmp_path / "o")]
    )
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        "Error: --format json writes to stdout: drop --out (or use --out -)",
    )
    assert not (tmp_path / "o").exists()


def test_social_csv_has_a_row_per_post_with_the_json_keys(run_cli: RunCli) -> None:
    args = ["social", "--platform", "x,bluesky", "--count", "2"]
    posts = run_cli([*args, "--format", "json"]).expect(0).json()
    rows = list(csv.DictReader(io.StringIO(run_cli([*args, "--format", "csv"]).expect(0).stdout)))
    assert len(rows) == len(posts) >= 4
    assert list(rows[0]) == [
        "platform", "text", "length", "limit", "unit", "thread_position", "source_id",
        "fact_id", "quote_id", "shortened",
    ]  # fmt: skip
    for row, post in zip(rows, posts, strict=True):
        assert (row["platform"], row["text"], int(row["length"])) == (
            post["platform"],
            post["text"],
            post["length"],
        )
        assert row["fact_id"] == (post.get("fact_id") or "")
        assert row["quote_id"] == (post.get("quote_id") or "")


def test_social_check_csv(run_cli: RunCli) -> None:
    result = run_cli(["social", "check", "A short draft", "--platform", "x", "--format", "csv"])
    assert result.expect(0).stdout.splitlines() == [
        "platform,length,limit,unit,fits,problems",
        "x,13,280,weighted characters,True,",
    ]
