"""One run at a time per batch folder: a second run is refused at once, a dead run's lock is not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from civickit.errors import ExitCode
from civickit.files import FolderLockedError, folder_lock
from support.cli import RunCli

HOLD = """
import sys, time
from pathlib import Path
from civickit.files import folder_lock
with folder_lock(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    time.sleep(60)
"""


def hold(folder: Path, command: str) -> subprocess.Popen[str]:
    """Another process holding the folder's lock, as a running batch or send would."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder), command], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_second_holder_is_refused_naming_the_first(tmp_path: Path) -> None:
    holder = hold(tmp_path, "batch")
    try:
        with pytest.raises(FolderLockedError) as caught, folder_lock(tmp_path, "send"):
            pass
        assert f"is in use by civickit batch (pid {holder.pid} on " in str(caught.value)
        assert caught.value.exit_code == ExitCode.FAILURE
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(tmp_path: Path) -> None:
    holder = hold(tmp_path, "batch")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with folder_lock(tmp_path, "batch") as path:
        assert b'"command": "batch"' in path.read_bytes()
    assert path.read_bytes() == b""


def test_a_symlinked_state_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / ".civickit").symlink_to(elsewhere)
    with pytest.raises(Exception, match=r"\.civickit is a symbolic link"), folder_lock(batch, "x"):
        pass
    assert list(elsewhere.iterdir()) == []


def test_batch_and_send_refuse_a_folder_in_use_at_once(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.csv"
    # A state senator whose data has an e-mail address, so the batch has a message to send.
    sheet.write_text("name,email,district\nAda,ada@example.test,CA-SD-2\n", encoding="utf-8")
    out = tmp_path / "out"
    made = ["batch", str(sheet), "--out", str(out), "--formats", "eml", "--to", "state-upper"]
    run_cli([*made, "--no-packets"], expect=0)
    assert list(out.rglob("*.eml"))
    holder = hold(out, "send")
    try:
        started = time.monotonic()
        again = run_cli([*made, "--no-packets", "--resume"], expect=1)
        assert again.stderr.startswith(f"Error: {out} is in use by civickit send (pid {holder.pid}")
        send = run_cli(
            [
                "send",
                str(out),
                "--smtp-host",
                "localhost",
                "--smtp-port",
                "1",
                "--org-email",
                "o@x.org",
            ],
            expect=1,
        )
        assert "is in use by civickit send" in send.stderr
        assert time.monotonic() - started < 10  # refused at once, not after waiting
    finally:
        holder.kill()
        holder.wait()
