"""``civickit send`` against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from civickit.campaign import load_campaign
from civickit.errors import UsageError
from civickit.outreach.batch import BatchOptions, default_tools, run_batch
from civickit.outreach.delivery import SmtpSettings, parse_rate, send_batch
from civickit.outreach.supporters import open_supporters
from clock_support import Day
from support.cli import CliResult, RunCli, invoke


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps messages and can refuse or hang up on request."""

    messages: list[Envelope] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    hang_up_on: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.hang_up_on.intersection(envelope.rcpt_tos):
            assert server.transport is not None
            server.transport.close()
            return "421 closing"
        self.messages.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


MCGUIRE, WAHAB, GROVE = (
    "senator.mcguire@senate.ca.gov",
    "senator.wahab@senate.ca.gov",
    "senator.grove@senate.ca.gov",
)


@pytest.fixture
def batch_dir(lookup_data: Path, tmp_path: Path) -> Path:
    """A real batch of two supporters writing to the CA senators of districts 2, 10 and 12
    (whose data has e-mail addresses): six e-mails, each senator twice."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,email,district\n"
        + "".join(
            f"{name},{name.lower()}@example.test,CA-SD-{district}\n"
            for name in ("Ada", "Bo")
            for district in (2, 10, 12)
        )
    )
    out = tmp_path / "batch"
    options = BatchOptions(
        out=out,
        date=dt.date(2026, 11, 26),
        formats=("eml",),
        offices=frozenset({"state-upper"}),
        packets=False,
    )
    tools = default_tools(load_campaign(), as_of=dt.date(2026, 11, 26))
    with open_supporters(sheet) as rows:
        assert run_batch(rows, options, tools).exit_code == 0
    return out


ORG_EMAIL = "letters@bapc.example"
ORG_NAME = "Bay Area Privacy Coalition"


def send(batch_dir: Path, port: int, *extra: str) -> CliResult:
    args = ["send", str(batch_dir), "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
            "--org-email", ORG_EMAIL, "--org-name", ORG_NAME]  # fmt: skip
    return invoke([*args, *extra])


def content(envelope: Envelope) -> bytes:
    """The raw message the server received (aiosmtpd keeps bytes unless decoding is asked)."""
    assert isinstance(envelope.content, bytes), envelope.content
    return envelope.content


def log_entries(batch_dir: Path) -> list[dict[str, Any]]:
    text = (batch_dir / "send-log.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_sends_each_message_once_and_logs_it(inbox: tuple[Inbox, int], batch_dir: Path) -> None:
    handler, port = inbox
    first = send(batch_dir, port, "--plain", "--format", "json")
    assert first.exit_code == 0, first.stderr
    assert first.stderr == (
        "6 sent, 0 already sent earlier, 0 failed, 0 unknown (not resent; see --retry-unknown)\n"
    )
    assert len(handler.messages) == 6
    assert sorted(m.rcpt_tos[0] for m in handler.messages) == sorted([MCGUIRE, WAHAB, GROVE] * 2)
    report = first.json()
    entries = log_entries(batch_dir)
    assert [e["state"] for e in entries] == ["sending", "sent"] * 6
    assert [e["message_id"] for e in entries if e["state"] == "sent"] == [
        s["message_id"] for s in report["sent"]
    ]
    assert all(e["time"].endswith("+00:00") for e in entries)

    again = send(batch_dir, port, "--plain")
    assert again.exit_code == 0
    assert again.stderr.startswith("0 sent, 6 already sent earlier")
    assert len(handler.messages) == 6


def test_an_interrupted_send_is_not_repeated(inbox: tuple[Inbox, int], batch_dir: Path) -> None:
    handler, port = inbox
    plan = json.loads(send(batch_dir, port, "--plain", "--dry-run", "--format", "json").stdout)
    first = plan["would_send"][0]
    # What a run killed while the server had the message leaves behind:
    entry = {"time": "2026-11-26T12:00:00+00:00", "state": "sending", **first}
    entry["message_id"] = first["message_id"]
    (batch_dir / "send-log.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")

    result = send(batch_dir, port, "--plain")
    assert result.exit_code == 3
    assert result.stdout == f"unknown: {first['file']} ({first['message_id']})\n"
    assert len(handler.messages) == 5

    retried = send(batch_dir, port, "--plain", "--retry-unknown")
    assert retried.exit_code == 0
    assert retried.stderr.startswith("1 sent, 5 already sent earlier")
    assert len(handler.messages) == 6


def test_a_refused_message_fails_and_is_sent_on_rerun(
    inbox: tuple[Inbox, int], batch_dir: Path
) -> None:
    handler, port = inbox
    handler.refuse = {GROVE}
    result = send(batch_dir, port, "--plain")
    assert result.exit_code == 3
    assert result.stdout.count(f"{GROVE}: 550 5.1.1 mailbox unavailable") == 2
    assert len(handler.messages) == 4
    handler.refuse = set()
    rerun = send(batch_dir, port, "--plain")
    assert rerun.exit_code == 0
    assert rerun.stderr.startswith("2 sent, 4 already sent earlier, 0 failed")
    assert len(handler.messages) == 6


def test_connection_lost_mid_send_stops_and_leaves_it_unknown(
    inbox: tuple[Inbox, int], batch_dir: Path
) -> None:
    handler, port = inbox
    handler.hang_up_on = {WAHAB}
    result = send(batch_dir, port, "--plain")
    assert result.exit_code == 1
    assert "stopped: connection lost while sending" in result.stderr
    assert [e["state"] for e in log_entries(batch_dir)] == ["sending", "sent", "sending"]
    handler.hang_up_on = set()
    rerun = send(batch_dir, port, "--plain")
    assert rerun.exit_code == 3
    assert rerun.stderr.startswith("4 sent, 1 already sent earlier, 0 failed, 1 unknown")
    assert len(handler.messages) == 5


def test_rate_limit_spaces_sends(inbox: tuple[Inbox, int], batch_dir: Path) -> None:
    _, port = inbox
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    settings = SmtpSettings("127.0.0.1", port, "none")
    report = send_batch(batch_dir, settings, per_minute=30, clock=lambda: now[0], sleep=sleep)
    assert len(report.sent) == 6
    assert slept == [2.0] * 5


@pytest.mark.parametrize(
    ("text", "per_minute"), [("30/min", 30.0), ("2/s", 120.0), ("600/h", 10.0)]
)
def test_parse_rate(text: str, per_minute: float) -> None:
    assert parse_rate(text) == per_minute


def test_bad_rate() -> None:
    with pytest.raises(UsageError, match="write it as a count per minute"):
        parse_rate("fast")


@pytest.fixture
def tls_inbox(tmp_path: Path) -> Iterator[tuple[Inbox, int, Path]]:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))

    def authenticate(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.password == b"s3cret-pw"
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535

    handler = Inbox()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    yield handler, port, cafile
    controller.stop()


def test_starttls_and_login_with_password_from_env(
    tls_inbox: tuple[Inbox, int, Path], batch_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, port, cafile = tls_inbox
    monkeypatch.setenv("CIVICKIT_SMTP_PASSWORD", "s3cret-pw")
    args = ["--smtp-user", "organiser", "--smtp-cafile", str(cafile)]
    result = send(batch_dir, port, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(handler.messages) == 6
    log_text = (batch_dir / "send-log.jsonl").read_text(encoding="utf-8")
    assert "s3cret" not in result.stdout + result.stderr + log_text

    monkeypatch.setenv("CIVICKIT_SMTP_PASSWORD", "wrong")
    (batch_dir / "send-log.jsonl").unlink()
    refused = send(batch_dir, port, *args)
    assert refused.exit_code == 2, refused.stderr
    assert refused.stderr == (
        f"Error: 127.0.0.1:{port} refused the login of organiser; check --smtp-user and "
        "CIVICKIT_SMTP_PASSWORD\n"
    )


def test_starttls_with_an_untrusted_certificate_fails_cleanly(
    tls_inbox: tuple[Inbox, int, Path], batch_dir: Path
) -> None:
    _, port, _ = tls_inbox
    result = send(batch_dir, port)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot connect to SMTP server 127.0.0.1:{port}: ")
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr


def test_usage_errors(batch_dir: Path, tmp_path: Path, run_cli: RunCli) -> None:
    no_password = send(batch_dir, 2525, "--smtp-user", "me")
    assert (no_password.exit_code, no_password.stderr) == (
        2,
        "Error: --smtp-user me needs a password: set CIVICKIT_SMTP_PASSWORD\n",
    )
    plain = run_cli(["send", str(batch_dir), "--smtp-host", "smtp.example.org", "--plain",
                     "--org-email", ORG_EMAIL])  # fmt: skip
    assert plain.exit_code == 2
    assert plain.stderr == (
        "Error: --plain sends mail unencrypted; it is only allowed to localhost, not "
        "smtp.example.org; use --starttls or --ssl\n"
    )
    dry_plain = run_cli(["send", str(batch_dir), "--smtp-host", "smtp.example.org", "--plain",
                         "--dry-run"])  # fmt: skip
    assert (dry_plain.exit_code, dry_plain.stderr) == (2, plain.stderr)  # as the real send
    no_org = run_cli(["send", str(batch_dir), "--smtp-host", "smtp.example.org"])
    assert no_org.exit_code == 2 and "Missing option '--org-email'" in no_org.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = send(empty, 2525, "--plain")
    assert missing.stderr == (
        f"Error: {empty} has no manifest.jsonl; give the --out folder of 'civickit batch'\n"
    )


def test_dry_run_connects_to_nothing(batch_dir: Path, run_cli: RunCli) -> None:
    result = run_cli(["send", str(batch_dir), "--dry-run"])  # no --smtp-host
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 6
    assert result.stdout.splitlines()[0].startswith("would send ada-")
    assert result.stderr == (
        "6 would be sent (dry run), 0 already sent earlier, 0 failed, "
        "0 unknown (not resent; see --retry-unknown)\n"
    )
    assert not (batch_dir / "send-log.jsonl").exists()
    refused = run_cli(["send", str(batch_dir)])
    assert refused.exit_code == 2
    assert "Missing option '--smtp-host' (only --dry-run works without it)." in refused.stderr


def test_a_batch_without_emails_says_why(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,email,district\nAda,ada@example.test,NY-12\n")
    out = tmp_path / "batch"
    made = run_cli(["batch", str(sheet), "--out", str(out), "--formats", "eml", "--no-packets"])
    assert made.exit_code == 0, made.stderr
    result = run_cli(["send", str(out), "--dry-run"])
    assert result.exit_code == 0
    assert result.stderr == (
        "0 would be sent (dry run), 0 already sent earlier, 0 failed, 0 unknown (not resent; "
        "see --retry-unknown); the batch has no .eml letters (run civickit batch with "
        "--formats eml; officials without an e-mail address get none, see the notes in "
        "manifest.csv)\n"
    )


@dataclass
class SlowInbox(Inbox):
    """Takes its time to accept each message, so a sender can be killed mid-send."""

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        import asyncio

        await asyncio.sleep(0.4)
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.mark.slow
def test_kill_9_mid_send_then_rerun_never_sends_twice(batch_dir: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    handler = SlowInbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        command = [sys.executable, "-m", "civickit", "send", str(batch_dir), "--plain",
                   "--org-email", ORG_EMAIL]  # fmt: skip
        sender = subprocess.Popen(
            [*command, "--smtp-host", "127.0.0.1", "--smtp-port", str(port)],
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        log = batch_dir / "send-log.jsonl"
        deadline = time.monotonic() + 30
        # Kill once two messages are sent and the third is in the server's hands.
        while not (log.exists() and log.read_text().count('"sending"') == 3):
            assert sender.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        sender.send_signal(signal.SIGKILL)
        sender.wait()
        time.sleep(0.6)  # the server finishes accepting the third message

        rerun = send(batch_dir, port, "--plain")
        assert rerun.exit_code == 3
        assert rerun.stderr.startswith("3 sent, 2 already sent earlier, 0 failed, 1 unknown")
        ids = [content(e).split(b"Message-ID: ")[1].split(b"\r\n")[0] for e in handler.messages]
        # The killed message may or may not have reached the server; either way it was not
        # sent again, and nothing was delivered twice.
        assert len(ids) in {5, 6}
        assert len(set(ids)) == len(ids)
    finally:
        controller.stop()


def test_a_resume_the_next_day_sends_nothing_new(
    inbox: tuple[Inbox, int], lookup_data: Path, tmp_path: Path, today: type[Day]
) -> None:
    """``batch`` without ``--date`` dates letters today; resumed tomorrow with no flags, it keeps
    them (date, Message-ID, bytes), so ``send`` finds every message already sent."""
    handler, port = inbox
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,email,district\nAda,ada@example.test,CA-SD-2\nBo,bo@example.test,CA-SD-10\n"
    )
    out = tmp_path / "batch"
    made = ["batch", str(sheet), "--out", str(out), "--formats", "eml", "--to", "state-upper"]
    assert invoke(made).exit_code == 0
    assert send(out, port, "--plain").exit_code == 0
    assert len(handler.messages) == 2
    letters = {p: p.read_bytes() for p in out.rglob("*.eml")}

    today.current = dt.date(2026, 11, 27)
    resumed = invoke([*made[:4], "--resume"])
    assert resumed.exit_code == 0, resumed.stderr
    assert {p: p.read_bytes() for p in out.rglob("*.eml")} == letters
    again = send(out, port, "--plain")
    assert again.exit_code == 0, again.stderr
    assert again.stderr.startswith("0 sent, 2 already sent earlier, 0 failed")
    assert len(handler.messages) == 2


def test_messages_go_from_the_organisation_with_the_supporter_in_reply_to(
    inbox: tuple[Inbox, int], batch_dir: Path
) -> None:
    from email import message_from_bytes, policy
    from email.utils import parsedate_to_datetime

    handler, port = inbox
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    send(batch_dir, port, "--plain").expect(0)
    for envelope in handler.messages:
        assert envelope.mail_from == ORG_EMAIL  # the envelope sender: DMARC's SPF alignment
        message = message_from_bytes(content(envelope), policy=policy.default)
        supporter = message["Reply-To"].addresses[0]
        sender = message["From"].addresses[0]
        assert sender.addr_spec == ORG_EMAIL
        assert sender.display_name == f"{supporter.display_name} via {ORG_NAME}"
        assert supporter.addr_spec != ORG_EMAIL and "@" in supporter.addr_spec
        assert parsedate_to_datetime(message["Date"]) >= before  # the time of sending
    on_disk = {m["file"]: m for m in log_entries(batch_dir)}
    first = next(iter(on_disk))
    eml = (batch_dir / first).read_text(encoding="utf-8")
    assert ORG_EMAIL not in eml  # the .eml stays the supporter's own letter


# -- --dry-run says what a real send does ---------------------------------------------------------


def _rewrite_manifest(batch_dir: Path, listed: str, **changes: str) -> None:
    """Change the manifest's ``files`` entry of ``listed`` (its path or its SHA-256)."""
    manifest = batch_dir / "manifest.jsonl"
    records = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    for record in records:
        record["files"] = [{**f, **changes} if f["path"] == listed else f for f in record["files"]]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _stage_every_case(batch_dir: Path, tmp_path: Path) -> dict[str, str]:
    """One message per case: tampered path, changed since the manifest, refused by civickit
    (no To), already sent, unknown (interrupted), ok. Returns case -> manifest path."""
    import hashlib

    from civickit.outreach.journal import listed_files

    names = ("tampered", "changed", "refused", "sent", "unknown", "ok")
    cases = dict(zip(names, listed_files(batch_dir, "eml"), strict=True))
    outside = tmp_path / "outside.eml"
    outside.write_bytes((batch_dir / cases["tampered"]).read_bytes())
    _rewrite_manifest(batch_dir, cases["tampered"], path=str(outside))
    cases["tampered"] = str(outside)
    changed = batch_dir / cases["changed"]
    changed.write_bytes(changed.read_bytes().replace(b"Subject: ", b"Subject: Re: ", 1))
    refused = batch_dir / cases["refused"]
    data = b"".join(
        line
        for line in refused.read_bytes().splitlines(keepends=True)
        if not line.startswith(b"To:")
    )
    refused.write_bytes(data)  # consistent with the manifest: only civickit's check refuses it
    _rewrite_manifest(batch_dir, cases["refused"], sha256=hashlib.sha256(data).hexdigest())
    log = []
    for case, state in (("sent", "sent"), ("unknown", "sending")):
        text = (batch_dir / cases[case]).read_text(encoding="utf-8")
        message_id = next(
            line.split(":", 1)[1].strip()
            for line in text.splitlines()
            if line.startswith("Message-ID:")
        )
        log.append({"message_id": message_id, "file": cases[case], "state": state})
    (batch_dir / "send-log.jsonl").write_text("".join(json.dumps(e) + "\n" for e in log))
    return cases


def _outcomes(report: Any) -> dict[str, list[tuple[str, str]]]:
    return {
        "go": sorted((o.path, "") for o in report.would_send + report.sent),
        "already": sorted((o.path, "") for o in report.already_sent),
        "unknown": sorted((o.path, "") for o in report.unknown),
        "failed": sorted((o.path, reason) for o, reason in report.failed),
    }


@pytest.mark.parametrize("retry_unknown", [False, True])
def test_dry_run_decides_every_message_as_the_real_send_does(
    inbox: tuple[Inbox, int], batch_dir: Path, tmp_path: Path, retry_unknown: bool
) -> None:
    handler, port = inbox
    cases = _stage_every_case(batch_dir, tmp_path)
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    dry = send_batch(batch_dir, settings, dry_run=True, retry_unknown=retry_unknown)
    assert handler.messages == []
    real = send_batch(batch_dir, settings, retry_unknown=retry_unknown)
    assert _outcomes(dry) == _outcomes(real)
    going = ["unknown", "ok"] if retry_unknown else ["ok"]
    assert [path for path, _ in _outcomes(real)["go"]] == sorted(cases[c] for c in going)
    assert len(handler.messages) == len(going)
    reasons = dict(_outcomes(dry)["failed"])
    assert "not a file inside the batch folder" in reasons[cases["tampered"]]
    assert "has changed since the batch wrote it" in reasons[cases["changed"]]
    assert "has no To address" in reasons[cases["refused"]]
    assert [o.path for o in dry.already_sent] == [cases["sent"]]


def test_dry_run_and_send_refuse_a_missing_message_alike(
    inbox: tuple[Inbox, int], batch_dir: Path
) -> None:
    from civickit.outreach.journal import listed_files

    _, port = inbox
    (batch_dir / next(iter(listed_files(batch_dir, "eml")))).unlink()
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    with pytest.raises(UsageError, match="listed in the manifest but missing") as dry:
        send_batch(batch_dir, settings, dry_run=True)
    with pytest.raises(UsageError) as real:
        send_batch(batch_dir, settings)
    assert str(dry.value) == str(real.value)


def test_dry_run_cli_names_what_would_fail(
    batch_dir: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    cases = _stage_every_case(batch_dir, tmp_path)
    result = run_cli(["send", str(batch_dir), "--dry-run"])
    assert result.exit_code == 3, result.stderr  # as the real send would end
    assert f"would send {cases['ok']} to " in result.stdout
    assert f"would fail: {cases['changed']}: " in result.stdout
    assert result.stderr.startswith("1 would be sent (dry run), 1 already sent earlier, 3 failed")


@pytest.mark.parametrize(
    ("state", "retry_unknown", "verdict"),
    [
        (None, False, "due"),
        ("failed", False, "due"),
        ("refused", False, "due"),
        ("sent", True, "done"),
        ("sending", False, "unknown"),
        ("sending", True, "due"),
    ],
)
def test_the_one_rerun_rule(state: str | None, retry_unknown: bool, verdict: str) -> None:
    from civickit.outreach.journal import rerun_verdict

    assert rerun_verdict(state, "sent", retry_unknown=retry_unknown) == verdict
    assert rerun_verdict("delivered", "delivered", retry_unknown=retry_unknown) == "done"
