"""Manifest paths stay inside the batch folder (issue 12, point 6): a tampered manifest.jsonl is
a per-row error and never read; symbolic links inside --out are refused on --resume and send."""

from __future__ import annotations

import hashlib
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from hypothesis import given
from hypothesis import strategies as st

from batch_support import write_csv
from civickit.errors import UsageError
from civickit.outreach.batch_paths import UnsafePathError, batch_file, refuse_links
from civickit.outreach.delivery import SmtpSettings, send_batch
from clock_support import Day
from support.cli import CliResult, invoke

SHEET = [
    ["id", "name", "email", "district"],
    ["a", "Ada", "ada@example.test", "CA-12"],
    ["b", "Bo", "bo@example.test", "NY-12"],
]
SECRET = "TOP-SECRET-OUTSIDE-THE-BATCH"


def batch(*args: str) -> CliResult:
    return invoke(["batch", *args])


def make_batch(tmp_path: Path, formats: str = "txt") -> Path:
    """Ada and Bo writing to their representatives, or with ``eml`` to their CA senators (whose
    data has e-mail addresses)."""
    rows = [[*row[:3], "CA-SD-2" if row[0] == "a" else "CA-SD-10"] for row in SHEET[1:]]
    sheet = write_csv(tmp_path / "s.csv", [SHEET[0], *rows] if "eml" in formats else SHEET)
    out = tmp_path / "out"
    to = "state-upper" if "eml" in formats else "house"
    result = batch(str(sheet), "--out", str(out), "--formats", formats, "--to", to)
    assert result.exit_code == 0, result.stderr
    return out


def lines(out: Path) -> list[dict[str, Any]]:
    text = (out / "manifest.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def tamper(out: Path, target: str, fmt: str, sha256: str = "0" * 64) -> None:
    """Point Ada's file of format ``fmt`` at ``target`` in manifest.jsonl."""
    records = lines(out)
    for item in records[0]["files"]:
        if item["format"] == fmt:
            item["path"], item["sha256"] = target, sha256
    text = "".join(json.dumps(record) + "\n" for record in records)
    (out / "manifest.jsonl").write_text(text, encoding="utf-8")


def outside_file(tmp_path: Path, text: str = SECRET) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(text, encoding="utf-8")
    return secret


# -- the check itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "relative",
    ["../../etc/passwd", "/etc/passwd", "a/../../x", "a\\..\\..\\x", "", "a/\x1b[2J", "..", "a/.."],
)
def test_paths_outside_the_folder_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(UnsafePathError, match="not a file inside the batch folder"):
        batch_file(tmp_path, relative)


def test_a_path_through_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ada").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError):
        batch_file(out, "ada/secret.txt")
    assert batch_file(out, "bo/letter.txt") == out / "bo" / "letter.txt"


@given(st.text(max_size=40))
def test_any_accepted_path_stays_inside(relative: str) -> None:
    out = Path("/tmp/civickit-batch-paths")
    try:
        path = batch_file(out, relative)
    except UnsafePathError:
        return
    assert out.resolve() in path.resolve().parents


def test_refuse_links_finds_a_link_anywhere(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    refuse_links(tmp_path)
    (tmp_path / "a" / "b" / "letter.txt").symlink_to("/etc/hostname")
    with pytest.raises(UsageError, match=r"letter\.txt is a symbolic link"):
        refuse_links(tmp_path)


# -- resume and packets ------------------------------------------------------------------------


def test_resume_remakes_a_row_whose_manifest_names_an_outside_file(
    lookup_data: Path, tmp_path: Path, today: type[Day]
) -> None:
    out = make_batch(tmp_path)
    secret = outside_file(tmp_path)
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()  # as if it were the letter
    tamper(out, "../secret.txt", "txt", digest)
    again = batch(str(tmp_path / "s.csv"), "--out", str(out), "--resume", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert again.json()["resumed"] == 1  # Bo kept; Ada's tampered line made again
    paths = [item["path"] for record in lines(out) for item in record["files"]]
    assert all(not path.startswith(("..", "/")) for path in paths)
    assert secret.read_text(encoding="utf-8") == SECRET  # neither deleted nor changed
    packets = "".join(p.read_text(encoding="utf-8") for p in (out / "packets").glob("*.txt"))
    assert SECRET not in packets
    assert "Ada" in packets


@pytest.mark.parametrize("name", [".civickit", "manifest.jsonl"])
def test_resume_refuses_state_that_is_a_link(
    lookup_data: Path, tmp_path: Path, today: type[Day], name: str
) -> None:
    out = make_batch(tmp_path)
    elsewhere = tmp_path / f"elsewhere-{name}"
    (out / name).rename(elsewhere)
    (out / name).symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir()) if elsewhere.is_dir() else None
    content = None if elsewhere.is_dir() else elsewhere.read_bytes()
    again = batch(str(tmp_path / "s.csv"), "--out", str(out), "--resume")
    assert again.exit_code == 2
    assert f"{out / name} is a symbolic link" in again.stderr
    assert "Traceback" not in again.stderr
    assert elsewhere.exists()  # never deleted, emptied or truncated
    if before is not None:
        assert sorted(p.name for p in elsewhere.iterdir()) == before
    else:
        assert elsewhere.read_bytes() == content


# -- send -----------------------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content)
        return "250 Message accepted"


def test_send_fails_only_the_message_whose_path_leaves_the_folder(
    lookup_data: Path, tmp_path: Path
) -> None:
    out = make_batch(tmp_path, "eml")
    mail = f"To: someone@example.test\nFrom: a@b.test\nSubject: x\nMessage-ID: <x@y>\n\n{SECRET}\n"
    secret = outside_file(tmp_path, mail)
    tamper(out, str(secret), "eml")
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        report = send_batch(out, SmtpSettings(host="127.0.0.1", port=port, security="none"))
    finally:
        controller.stop()
    ((unsafe, reason),) = report.failed
    assert unsafe.path == str(secret)
    assert "not a file inside the batch folder" in reason
    assert len(report.sent) == 1  # Bo's message is still sent ...
    assert len(inbox.messages) == 1
    assert all(SECRET.encode() not in message for message in inbox.messages)  # ... never this


def test_send_refuses_a_manifest_that_is_a_link(lookup_data: Path, tmp_path: Path) -> None:
    out = make_batch(tmp_path, "eml")
    elsewhere = tmp_path / "manifest-elsewhere.jsonl"
    (out / "manifest.jsonl").rename(elsewhere)
    (out / "manifest.jsonl").symlink_to(elsewhere)
    result = invoke(["send", str(out), "--smtp-host", "127.0.0.1", "--plain", "--dry-run"])
    assert result.exit_code == 2
    assert "manifest.jsonl is a symbolic link" in result.stderr
