"""``civickit batch`` end to end with the real ``Lookup`` and ``LetterRenderer`` over a data
store seeded offline through ``civickit data sync --mirror`` (``lookup_data``)."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import RunCli


def test_real_wiring_writes_cited_letters_and_packets(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    sheet = tmp_path / "supporters.csv"
    sheet.write_text(
        "Full Name,Email,District,Story\n"
        "Ada Lopez,ada@example.test,CA-12,I ride BART every day.\n"
        "Ben Okafor,ben@example.test,NY-12,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli(["--as-of", "2026-11-26", "batch", str(sheet), "--out", str(out), "--formats",
         "txt,html,eml", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["statuses"]["ok"] == 2
    assert summary["provenance"], "the manifest records which dataset versions were used"
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    txt = next(f for f in records[0]["files"] if f["format"] == "txt")
    letter = (out / txt["path"]).read_text(encoding="utf-8")
    assert "Ada Lopez" in letter
    assert "The Verge" in letter  # every fact carries its citation
    assert summary["packets"], "one packet per office"
