"""The one progress display (``cli/progress.py``) and Ctrl-C in every phase of a long command.

The terminal tests run the real ``civickit`` in a pseudo-terminal (Python's ``pty``) in a session
of its own; Ctrl-C is sent as a terminal sends it, SIGINT to the whole process group (so PDF
worker processes get it too).
"""

from __future__ import annotations

import csv
import io
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from civickit.cli import progress
from civickit.cli.progress import CLEAR_LINE, ProgressDisplay

CIVICKIT = [sys.executable, "-m", "civickit", "--as-of", "2026-11-26"]
DISTRICTS = ["CA-12", "CA-2", "NY-12", "NY-10", "CA-14"]


class FakeTerminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> FakeTerminal:
    """Make stderr a terminal; called in the test itself (pytest's capture replaces stderr
    again between a fixture and its test)."""
    stream = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("TERM", "xterm")
    return stream


def test_messages_go_above_the_bar_which_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = fake_terminal(monkeypatch)
    with ProgressDisplay() as display:
        display.update("Letters", 0, 10, "rows")
        display.update("Letters", 3, 10, "rows")
        progress.echo_message("row 4: error: no district")
        display.update("Letters", 10, 10, "rows")
    text = terminal.getvalue()
    before, after = text.split("row 4: error: no district\n")
    assert before.endswith(CLEAR_LINE)  # the bar is cleared first, not written over
    assert "Letters" in after.split("\n")[0]  # and drawn again under the message
    assert "10/10" in after
    assert text.endswith(CLEAR_LINE + progress.SHOW_CURSOR)
    progress.echo_message("after")  # the display is closed: a plain line
    assert terminal.getvalue().endswith("after\n")


def test_a_new_phase_replaces_the_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = fake_terminal(monkeypatch)
    with ProgressDisplay() as display:
        display.update("Letters", 5, 5, "rows")
        display.update("Packets", 0, 3, "packets")
        display.update("Packets", 3, 3, "packets")
    text = terminal.getvalue()
    assert text.index("5/5") < text.index("Packets")
    assert "3/3" in text


@pytest.mark.parametrize("term", ["dumb", None])
def test_plain_lines_only_without_a_terminal(
    term: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream: io.StringIO = FakeTerminal() if term == "dumb" else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("TERM", term or "xterm")
    with ProgressDisplay() as display:
        assert not display.live
        display.update("Letters", 1, 2, "rows")
        progress.echo_message("row 2: error: no district")
        display.update("Letters", 2, 2, "rows")
    assert stream.getvalue() == "row 2: error: no district\n"


def test_disabled_display_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = fake_terminal(monkeypatch)
    with ProgressDisplay(enabled=False) as display:
        display.update("Letters", 1, 2)
    assert terminal.getvalue() == ""


# -- the real command in a terminal ---------------------------------------------------------


@dataclass
class Run:
    """One ``civickit`` process in a pseudo-terminal."""

    returncode: int
    output: bytes
    stopped_in: float | None  # seconds from Ctrl-C to exit


def in_terminal(
    args: Sequence[str],
    cwd: Path,
    *,
    interrupt_when: bytes | None = None,
    interrupt_after: float = 0.3,
    presses: int = 1,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Run:
    """Run ``civickit ARGS`` with its stderr on a pty; press Ctrl-C ``interrupt_after`` seconds
    after ``interrupt_when`` appears in what it printed (``presses`` times, 0.1 s apart)."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [*CIVICKIT, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=cwd,
        env={**os.environ, "TERM": "xterm", **(env or {})},
        start_new_session=True,
    )
    os.close(slave)
    output, seen_at, pressed = b"", None, None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the process closed the terminal
                    chunk = b""
                output += chunk
                if not chunk and process.poll() is not None:
                    break
            elif process.poll() is not None:
                break
            if interrupt_when is not None and seen_at is None and interrupt_when in output:
                seen_at = time.monotonic()
            if (
                pressed is None
                and seen_at is not None
                and time.monotonic() - seen_at >= interrupt_after
            ):
                pressed = time.monotonic()
                for press in range(presses):
                    if press:
                        time.sleep(0.1)
                    os.killpg(process.pid, signal.SIGINT)
        else:
            raise AssertionError(f"civickit {args} did not end: {output[-500:]!r}")
        process.wait(timeout=5)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)
    stopped = time.monotonic() - pressed if pressed is not None else None
    return Run(process.returncode, output, stopped)


def write_sheet(path: Path, rows: int, *, bad_every: int = 0) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "district", "story"])
        for i in range(rows):
            district = "XX-99" if bad_every and i % bad_every == bad_every - 1 else DISTRICTS[i % 5]
            # A story over two lines: the sheet has fewer rows than the file has lines.
            writer.writerow([f"s{i:04d}", f"Person {i}", district, "I care.\nA lot."])
    return path


def assert_interrupted(run: Run) -> None:
    text = run.output.decode("utf-8", "replace")
    assert run.returncode == 130, text[-800:]
    assert run.stopped_in is not None and run.stopped_in < 2.0, run.stopped_in
    assert "Traceback" not in text
    assert "KeyboardInterrupt" not in text
    assert text.rstrip().endswith("Interrupted.")


@pytest.mark.slow
def test_batch_bar_counts_rows_and_prints_messages_above_it(
    lookup_data: Path, tmp_path: Path
) -> None:
    sheet = write_sheet(tmp_path / "s.csv", 30, bad_every=10)
    run = in_terminal(["batch", str(sheet), "--out", "out"], tmp_path)
    text = run.output.decode()
    assert run.returncode == 3, text
    assert "Letters" in text
    assert "/30" in text  # rows of the sheet, not the file's 61 lines
    assert "/61" not in text
    assert "Packets" in text
    for number in (11, 21, 31):  # sheet rows 10, 20, 30 are file rows 11, 21, 31 (header)
        line = f"row {number}: error:"
        assert text.count(line) == 1
        # Every message starts on a cleared line and ends with its own newline.
        assert f"{CLEAR_LINE}{line}" in text
        assert text.split(line)[1].split("\n")[0].endswith("\r")  # a pty's "\r\n"
    assert text.rstrip().endswith("output in out")


@pytest.mark.slow
def test_dumb_terminal_gets_plain_lines_only(lookup_data: Path, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "s.csv", 10, bad_every=5)
    run = in_terminal(["batch", str(sheet), "--out", "out"], tmp_path, env={"TERM": "dumb"})
    text = run.output.decode()
    assert run.returncode == 3, text
    assert "\x1b" not in text
    assert "Letters" not in text
    lines = [
        line  # the data's staleness warnings come first: a subprocess runs on today's clock
        for line in text.replace("\r\n", "\n").splitlines()
        if not line.startswith("warning: ")
    ]
    assert lines[:2] == [
        line for line in lines if line.startswith("row ")
    ]  # the row messages, each on a line of its own
    assert lines[-1].endswith("output in out")


@pytest.mark.slow
def test_ctrl_c_while_making_letters_then_resume(lookup_data: Path, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "s.csv", 5_000)
    run = in_terminal(
        ["batch", str(sheet), "--out", "out", "--no-packets"],
        tmp_path,
        interrupt_when=b"rows/s",
    )
    assert_interrupted(run)
    done = (tmp_path / "out" / "manifest.jsonl").read_bytes().count(b"\n")
    assert 0 < done < 5_000
    resumed = subprocess.run(
        [*CIVICKIT, "batch", str(sheet), "--out", "out", "--resume", "--limit", "1000"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert b"unchanged from an earlier run" in resumed.stderr


@pytest.mark.slow
def test_ctrl_c_while_rendering_pdf_packets_in_workers(lookup_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    sheet = write_sheet(tmp_path / "s.csv", 30)
    args = ["batch", str(sheet), "--out", "out", "--formats", "pdf"]
    # Pressed twice, as impatient people do: the second press must not break the clean-up.
    run = in_terminal(args, tmp_path, interrupt_when=b"Packets", interrupt_after=0.5, presses=2)
    assert_interrupted(run)
    time.sleep(0.5)
    assert not worker_processes(tmp_path), "PDF workers outlived the batch"
    assert not list((tmp_path / "out" / "packets").glob("*.pdf"))
    # The rows were all done; --resume keeps them and makes the packets.
    resumed = subprocess.run(
        [*CIVICKIT, "batch", str(sheet), "--out", "out", "--resume"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert b"30 rows: 30 ok (30 unchanged from an earlier run)" in resumed.stderr
    assert list((tmp_path / "out" / "packets").glob("*.pdf"))


def worker_processes(marker: Path) -> list[str]:
    """Multiprocessing workers still running with ``marker`` in their environment."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes()
        except OSError:  # not a process, gone, or not ours
            continue
        if b"spawn_main" in command and str(marker).encode() in environment:
            found.append(command.decode(errors="replace"))
    return found


# -- send and sync --------------------------------------------------------------------------


@dataclass
class Inbox:
    """A local SMTP server's handler that keeps what it receives."""

    messages: list[Any] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.mark.slow
def test_ctrl_c_while_sending_then_send_again(
    lookup_data: Path, tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,email,district\n"
        + "".join(f"P{i},p{i}@example.test,CA-SD-{d}\n" for i in range(2) for d in (2, 10, 12))
    )
    made = subprocess.run(
        [*CIVICKIT, "batch", str(sheet), "--out", "out", "--formats", "eml", "--to", "state-upper"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr.decode()
    smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--plain",
            "--org-email", "letters@example.test"]  # fmt: skip
    # One message a minute: Ctrl-C while waiting for the next one.
    run = in_terminal(
        ["send", "out", *smtp, "--rate", "1/min"],
        tmp_path,
        interrupt_when=b"Sending",
        interrupt_after=1.0,
    )
    assert_interrupted(run)
    sent = len(handler.messages)
    assert 1 <= sent < 6
    again = subprocess.run(
        [*CIVICKIT, "send", "out", *smtp], cwd=tmp_path, capture_output=True, check=False
    )
    assert again.returncode == 0, again.stderr.decode()
    assert again.stderr.startswith(f"{6 - sent} sent, {sent} already sent earlier".encode())
    ids = [e.content.split(b"Message-ID: ")[1].split(b"\r\n")[0] for e in handler.messages]
    assert len(set(ids)) == len(ids) == 6


@pytest.mark.slow
def test_ctrl_c_while_a_download_hangs(
    isolated_env: Path, httpserver: HTTPServer, tmp_path: Path
) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(5)
        return Response(b"", status=503)

    httpserver.expect_request(
        "/congress-legislators/legislators-current.json"
    ).respond_with_handler(slow)
    run = in_terminal(
        ["data", "sync", "--only", "congress-legislators", "--mirror", httpserver.url_for("/")],
        tmp_path,
        interrupt_when=b"Sync",
        interrupt_after=0.5,
        env={"CIVICKIT_OFFLINE": "0"},
    )
    assert_interrupted(run)
    assert not list((isolated_env / "civickit-data").glob("**/*.json"))
