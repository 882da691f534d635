"""Sending a batch's ``.eml`` letters over SMTP, each exactly once, even across crashes.

The send log (``send-log.jsonl`` next to the manifest) gets a line *before* each message is
handed to the server (state ``sending``, with its Message-ID) and another *after* the server
accepted it (``sent``, with the time) or refused it (``failed``, with the reason). Each line
is flushed and fsynced before the next step.

On a re-run:

* ``sent``: never sent again;
* ``failed`` (the server said no): sent again;
* ``sending`` with no later line (the run died while the server had the message): the outcome
  is **unknown** — the server may have accepted it. It is *not* resent unless
  ``retry_unknown`` (``--retry-unknown``) is given after checking the mailbox; it is reported
  and makes the exit status 3.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from typing import Any, Literal

from civickit.core.safety import check_header_value
from civickit.errors import CivickitError, ExitCode, NetworkError, UsageError
from civickit.files import folder_lock
from civickit.lookup.adapters.remote import TokenBucket
from civickit.outreach.batch_paths import UnsafePathError, batch_file, refuse_links
from civickit.outreach.delivery_files import read_listed
from civickit.outreach.journal import Journal, listed_files, rerun_verdict

SEND_LOG = "send-log.jsonl"
Security = Literal["starttls", "ssl", "none"]
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_RATE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|min|minute|h|hour))?\s*")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect, and who sends. The password comes from the environment,
    never a flag. ``org_email`` (the address the server may send as) is the ``From`` and the
    envelope sender of every message, with the supporter in ``Reply-To``; without it messages
    go out as their ``.eml`` files say (library callers only: ``civickit send`` requires it)."""

    host: str
    port: int | None = None
    security: Security = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: Path | None = None
    timeout: float = 30.0
    org_name: str | None = None
    org_email: str | None = None

    @property
    def effective_port(self) -> int:
        """The port given, or the usual one for the security mode."""
        return self.port or DEFAULT_PORTS[self.security]

    def check(self) -> None:
        """Refuse settings that would leak the password or cannot log in."""
        if self.user and not self.password:
            raise UsageError(
                f"--smtp-user {self.user} needs a password: set CIVICKIT_SMTP_PASSWORD"
            )
        if self.security == "none" and self.host not in LOCAL_HOSTS:
            raise UsageError(
                f"--plain sends mail unencrypted; it is only allowed to localhost, not "
                f"{self.host}; use --starttls or --ssl"
            )


def parse_rate(text: str) -> float:
    """``30/min``, ``2/s`` or ``600/h`` -> messages per minute."""
    match = _RATE.fullmatch(text)
    if match is None or float(match.group(1)) <= 0:
        raise UsageError(f"--rate {text!r}: write it as a count per minute, e.g. 30/min")
    unit = (match.group(2) or "min")[0]
    return float(match.group(1)) * {"s": 60.0, "m": 1.0, "h": 1 / 60}[unit]


@dataclass(frozen=True)
class Outgoing:
    """One ``.eml`` file of the batch."""

    path: str  # relative to the batch folder
    message_id: str
    to: str
    subject: str
    problem: str = ""  # why it cannot be sent (a path outside the batch folder); never read
    sha256: str = ""  # what the manifest recorded of the file


@dataclass
class SendReport:
    """What a send run did (or, for a dry run, would do)."""

    sent: list[Outgoing] = field(default_factory=list)
    already_sent: list[Outgoing] = field(default_factory=list)
    unknown: list[Outgoing] = field(default_factory=list)
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)
    would_send: list[Outgoing] = field(default_factory=list)
    aborted: str | None = None
    dry_run: bool = False
    messages: int = 0  # .eml files listed in the manifest

    @property
    def exit_code(self) -> ExitCode:
        """1 when the connection was lost, 3 when some messages are failed or unknown."""
        if self.aborted:
            return ExitCode.FAILURE
        return ExitCode.PARTIAL if self.failed or self.unknown else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""

        def ids(items: list[Outgoing]) -> list[dict[str, str]]:
            return [{"file": o.path, "message_id": o.message_id, "to": o.to} for o in items]

        return {
            "sent": ids(self.sent),
            "already_sent": ids(self.already_sent),
            "unknown": ids(self.unknown),
            "failed": [{**ids([o])[0], "reason": reason} for o, reason in self.failed],
            "would_send": ids(self.would_send),
            "aborted": self.aborted,
        }


def find_messages(batch_dir: Path) -> list[Outgoing]:
    """The ``.eml`` files listed in the batch's manifest, in row order (a folder holding a
    symbolic link is refused; a path that leaves the folder fails only its message)."""
    files = listed_files(batch_dir, "eml")
    refuse_links(batch_dir)
    return [_outgoing(batch_dir, relative, digest) for relative, digest in files.items()]


def _outgoing(batch_dir: Path, relative: str, sha256: str) -> Outgoing:
    try:
        path = batch_file(batch_dir, relative)
    except UnsafePathError as exc:  # that message fails; the others are sent
        return Outgoing(relative, f"<unsafe path {relative}>", "", "", problem=str(exc))
    try:
        with path.open("rb") as handle:
            headers = BytesHeaderParser(policy=policy.default).parse(handle)
    except FileNotFoundError as exc:
        raise UsageError(f"{path} is listed in the manifest but missing; rerun the batch") from exc
    message_id = str(headers.get("Message-ID", "")).strip()
    if not message_id:
        raise UsageError(f"{path} has no Message-ID; recreate it with 'civickit batch'")
    to, subject = str(headers.get("To", "")), str(headers.get("Subject", ""))
    return Outgoing(relative, message_id, to, subject, sha256=sha256)


def read_send_states(log_path: Path) -> dict[str, str]:
    """Message-ID -> last recorded state (``sending``, ``sent`` or ``failed``)."""
    return Journal.states(log_path, "message_id")


class SendLog(Journal):
    """The append-only, fsynced send log: one line per state change of a message."""

    def record_state(self, outgoing: Outgoing, state: str, **extra: str) -> None:
        """Append one state change and make it durable before going on."""
        entry = {"message_id": outgoing.message_id, "file": outgoing.path, "to": outgoing.to}
        self.record({**entry, "state": state, **extra})


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in SMTP connection; failures raise ``NetworkError``/``UsageError``."""
    settings.check()
    where = f"{settings.host}:{settings.effective_port}"
    context = ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    try:
        smtp: smtplib.SMTP
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                settings.host, settings.effective_port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.effective_port, timeout=settings.timeout)
            if settings.security == "starttls":
                smtp.starttls(context=context)
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
    except smtplib.SMTPAuthenticationError as exc:
        raise UsageError(
            f"{where} refused the login of {settings.user}; check --smtp-user and "
            "CIVICKIT_SMTP_PASSWORD"
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise NetworkError(f"{where} does not offer STARTTLS; try --ssl") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise NetworkError(f"cannot connect to SMTP server {where}: {exc}") from exc
    return smtp


def load_message(batch_dir: Path, outgoing: Outgoing) -> EmailMessage:
    """The message as it would be sent, or the ``CivickitError`` that refuses it (a path
    outside the folder, a file gone or changed since the manifest, a bad header, no ``To``):
    the one decision of a real send and of ``--dry-run``."""
    if outgoing.problem:
        raise UnsafePathError(outgoing.problem)
    data = read_listed(batch_dir, outgoing.path, outgoing.sha256)
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    for header in ("From", "To", "Subject"):
        check_header_value(header, str(message.get(header, "")))
    if not message.get("To"):
        raise UsageError(f"{outgoing.path} has no To address")
    return message


def plan_sends(
    messages: list[Outgoing], states: dict[str, str], *, retry_unknown: bool
) -> tuple[list[Outgoing], SendReport]:
    """Which messages to send now; the report holds those already sent or unknown."""
    report = SendReport()
    due: list[Outgoing] = []
    queued: set[str] = set()
    for outgoing in messages:
        verdict = rerun_verdict(
            states.get(outgoing.message_id), "sent", retry_unknown=retry_unknown
        )
        if verdict == "done" or outgoing.message_id in queued:
            report.already_sent.append(outgoing)
        elif verdict == "unknown":
            report.unknown.append(outgoing)
        else:
            due.append(outgoing)
            queued.add(outgoing.message_id)
    return due, report


def send_batch(
    batch_dir: Path,
    settings: SmtpSettings,
    *,
    per_minute: float | None = None,
    dry_run: bool = False,
    retry_unknown: bool = False,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    on_progress: Callable[[int, int], None] | None = None,
) -> SendReport:
    """Send every due ``.eml`` of the batch in ``batch_dir``; see the module docstring.

    ``on_progress(done, total)`` is called before the first message and after each one tried."""
    messages = find_messages(batch_dir)
    log_path = batch_dir / SEND_LOG
    due, report = plan_sends(messages, read_send_states(log_path), retry_unknown=retry_unknown)
    report.messages = len(messages)
    if dry_run:
        report.dry_run = True
        if settings.host:  # settings the real send would refuse are refused here too
            settings.check()
        for outgoing in due:  # what _send_one would decide before handing it to the server
            try:
                load_message(batch_dir, outgoing)
            except CivickitError as exc:
                report.failed.append((outgoing, str(exc)))
            else:
                report.would_send.append(outgoing)
        return report
    if not due:
        return report
    settings.check()
    with folder_lock(batch_dir, "send"):
        # Read again under the lock: a send that finished meanwhile has sent some of these.
        due, report = plan_sends(messages, read_send_states(log_path), retry_unknown=retry_unknown)
        report.messages = len(messages)
        _send_due(
            batch_dir,
            settings,
            due,
            report,
            per_minute=per_minute,
            clock=clock,
            sleep=sleep,
            on_progress=on_progress,
        )
    return report


def _send_due(
    batch_dir: Path,
    settings: SmtpSettings,
    due: list[Outgoing],
    report: SendReport,
    *,
    per_minute: float | None,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    log = SendLog(batch_dir / SEND_LOG)
    tell = on_progress or (lambda _done, _total: None)
    # The one rate limiter (the geocoders' too): one message, then one per 60/per_minute s.
    pacer = TokenBucket(per_minute / 60, clock=clock, sleep=sleep) if per_minute else None
    try:
        with connect(settings) as smtp:
            tell(0, len(due))
            for done, outgoing in enumerate(due, start=1):
                if pacer is not None:
                    pacer.acquire()
                if not _send_one(smtp, batch_dir, outgoing, log, report, settings=settings):
                    break
                tell(done, len(due))
    finally:
        log.close()


def _send_one(
    smtp: smtplib.SMTP,
    batch_dir: Path,
    outgoing: Outgoing,
    log: SendLog,
    report: SendReport,
    *,
    settings: SmtpSettings,
) -> bool:
    """Send one message; False when the connection is gone and the run must stop."""
    try:
        message = load_message(batch_dir, outgoing)
    except CivickitError as exc:
        log.record_state(outgoing, "failed", reason=str(exc))
        report.failed.append((outgoing, str(exc)))
        return True
    envelope = None
    if settings.org_email:
        from civickit.materials.letter_email import for_sending

        envelope = settings.org_email
        message = for_sending(
            message,
            org_name=settings.org_name or settings.org_email,
            org_email=settings.org_email,
            now=dt.datetime.now(dt.UTC),
        )
    log.record_state(outgoing, "sending")
    try:
        refused = smtp.send_message(message, from_addr=envelope)
    except (
        smtplib.SMTPRecipientsRefused,
        smtplib.SMTPSenderRefused,
        smtplib.SMTPDataError,
    ) as exc:
        # The server answered "no": the message was not accepted, so it may be sent again.
        reason = _smtp_reason(exc)
        log.record_state(outgoing, "failed", reason=reason)
        report.failed.append((outgoing, reason))
        return True
    except (smtplib.SMTPException, OSError) as exc:
        # No answer: the server may or may not have the message. Leave it as "sending".
        report.unknown.append(outgoing)
        report.aborted = f"connection lost while sending {outgoing.path}: {exc}"
        return False
    extra = {"refused": ", ".join(sorted(refused))} if refused else {}
    log.record_state(outgoing, "sent", **extra)
    report.sent.append(outgoing)
    return True


def _smtp_reason(exc: smtplib.SMTPException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {_decoded(text)}"
            for address, (code, text) in exc.recipients.items()
        )
    code = getattr(exc, "smtp_code", "")
    return f"server refused the message: {code} {_decoded(getattr(exc, 'smtp_error', b''))}"


def _decoded(text: object) -> str:
    return text.decode(errors="replace") if isinstance(text, bytes) else str(text)
