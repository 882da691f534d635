"""A batch killed with SIGKILL at any moment, then resumed, does every row exactly once."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from civickit.outreach.manifest import sha256_file

ROWS = 300


def start(out: Path, sheet: Path, *extra: str) -> subprocess.Popen[bytes]:
    """The real ``civickit batch`` in a process of its own, over the ``lookup_data`` store
    (its CIVICKIT_* variables are in ``os.environ``)."""
    command = [sys.executable, "-m", "civickit", "--as-of", "2026-11-26", "batch", str(sheet)]
    return subprocess.Popen(
        [*command, "--out", str(out), "--formats", "txt,html", "--no-packets", "--quiet", *extra],
        env=dict(os.environ),
        cwd=out.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def manifest_lines(out: Path) -> int:
    path = out / "manifest.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [1, 120])
def test_kill_9_then_resume_does_every_row_once(
    lookup_data: Path, tmp_path: Path, kill_after: int
) -> None:
    sheet = tmp_path / "supporters.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "district"])
        districts = ["CA-12", "CA-2", "NY-12", "NY-10", "CA-14"]
        writer.writerows([f"s{i:03d}", f"Person {i}", districts[i % 5]] for i in range(ROWS))
    out = tmp_path / "out"

    victim = start(out, sheet)
    deadline = time.monotonic() + 60
    while manifest_lines(out) < kill_after and victim.poll() is None:
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.005)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    assert manifest_lines(out) < ROWS

    resumed = start(out, sheet, "--resume")
    _, stderr = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, stderr.decode()

    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == [f"s{i:03d}" for i in range(ROWS)]
    assert all(r["status"] == "ok" for r in records)
    listed = {item["path"] for r in records for item in r["files"]}
    for record in records:
        for item in record["files"]:
            assert sha256_file(out / item["path"]) == item["sha256"], item["path"]
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.parent != out}
    # Nothing half-written, nothing left over but the options and the folder's lock: the killed
    # run's lock was taken over by the resumed run and released (emptied) at its end.
    assert on_disk == listed | {".civickit/lock", ".civickit/options.json"}
    assert (out / ".civickit" / "lock").read_bytes() == b""
    assert not (out / ".civickit" / "tmp").exists()
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == [r["id"] for r in records]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["statuses"]["ok"] == ROWS
    assert summary["resumed"] >= kill_after - 1
