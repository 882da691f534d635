"""Delivering a batch's CWC documents to the House and Senate, each exactly once.

``civickit batch --formats cwc`` writes one validated CWC 2.0 document per letter to a Member of
Congress. ``deliver_batch`` posts them. Like ``send``, it keeps a log (``cwc-log.jsonl`` beside
the manifest), written and fsynced *before* each request (``sending``) and *after* the answer
(``delivered``, ``refused`` with the service's reason, or ``failed``), under the batch folder's
lock. On a re-run a delivered message is never posted again; a ``sending`` line with no answer
(the run died mid-request) is an **unknown** outcome, reported and retried only with
``retry_unknown``. A retry posts the same document, so the service sees the same ``DeliveryId``.

Answers: 200 delivered; 400 refused with the service's reason (that letter only); 401/403 stop
the run (the key); 429 waits out ``Retry-After``; 5xx and timeouts are retried with back-off,
then reported for that letter (a timeout as unknown: the service may have it).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civickit.errors import CivickitError, ExitCode, NetworkError, UsageError
from civickit.files import folder_lock
from civickit.lookup.adapters.remote import TokenBucket
from civickit.outreach.batch_paths import UnsafePathError, batch_file, refuse_links
from civickit.outreach.cwc_service import (
    Chamber,
    CwcService,
    KeyRefusedError,
    OfficeList,
    chamber_of,
    key_refused,
    office_list,
    request,
)
from civickit.outreach.delivery_files import read_listed
from civickit.outreach.journal import Journal, listed_files, rerun_verdict

if TYPE_CHECKING:
    import requests

CWC_LOG = "cwc-log.jsonl"
DEFAULT_RATE = 30.0  # documents per minute: one every two seconds
RETRIES = 4
MAX_WAIT = 120.0  # the longest Retry-After or back-off waited out between tries


@dataclass(frozen=True)
class Document:
    """One CWC document of the batch."""

    path: str  # relative to the batch folder
    delivery_id: str
    office: str  # MemberOffice, e.g. HCA12
    state: str
    problem: str = ""  # why it cannot be delivered (a path leaving the batch folder)
    sha256: str = ""  # what the manifest recorded of the file

    @property
    def chamber(self) -> Chamber:
        """house or senate."""
        return chamber_of(self.office)

    def to_dict(self, **extra: str) -> dict[str, str]:
        """JSON-ready form."""
        return {"file": self.path, "delivery_id": self.delivery_id, "office": self.office, **extra}


@dataclass
class DeliveryReport:
    """What a delivery run did (or, with ``dry_run``, would do)."""

    delivered: list[Document] = field(default_factory=list)
    already: list[Document] = field(default_factory=list)
    unknown: list[Document] = field(default_factory=list)
    refused: list[tuple[Document, str]] = field(default_factory=list)
    failed: list[tuple[Document, str]] = field(default_factory=list)
    not_listed: list[tuple[Document, str]] = field(default_factory=list)
    valid: list[Document] = field(default_factory=list)  # --validate: accepted by the service
    would_deliver: list[Document] = field(default_factory=list)
    office_lists: dict[str, str] = field(default_factory=dict)  # chamber -> age text
    aborted: str | None = None
    documents: int = 0
    dry_run: bool = False

    @property
    def exit_code(self) -> ExitCode:
        """1 when the run stopped (key refused, service unreachable), 3 when some letters need
        attention, else 0."""
        if self.aborted:
            return ExitCode.FAILURE
        attention = self.unknown or self.refused or self.failed or self.not_listed
        return ExitCode.PARTIAL if attention else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""

        def docs(items: list[Document]) -> list[dict[str, str]]:
            return [d.to_dict() for d in items]

        def reasons(items: list[tuple[Document, str]]) -> list[dict[str, str]]:
            return [d.to_dict(reason=reason) for d, reason in items]

        return {
            "documents": self.documents,
            "delivered": docs(self.delivered),
            "already_delivered": docs(self.already),
            "unknown": docs(self.unknown),
            "refused": reasons(self.refused),
            "failed": reasons(self.failed),
            "not_listed": reasons(self.not_listed),
            "valid": docs(self.valid),
            "would_deliver": docs(self.would_deliver),
            "office_lists": dict(self.office_lists),
            "aborted": self.aborted,
        }


def find_documents(batch_dir: Path) -> list[Document]:
    """The CWC documents the manifest lists, in row order (each path checked to be inside the
    batch folder)."""
    from civickit.materials.cwc import document_field

    files = listed_files(batch_dir, "cwc")
    refuse_links(batch_dir)
    found: list[Document] = []
    for relative, digest in files.items():
        try:
            data = batch_file(batch_dir, relative).read_bytes()
        except FileNotFoundError:
            raise UsageError(
                f"{relative} is listed in the manifest but missing; rerun the batch"
            ) from None
        except UnsafePathError as exc:  # that document fails; the others are delivered
            found.append(Document(relative, "", "", "", problem=str(exc)))
            continue
        found.append(
            Document(
                relative,
                document_field(data, "Delivery/DeliveryId"),
                document_field(data, "Recipient/MemberOffice"),
                document_field(data, "Constituent/StateAbbreviation"),
                sha256=digest,
            )
        )
    return found


@dataclass
class _Run:
    batch_dir: Path
    services: Mapping[Chamber, CwcService]
    session: requests.Session
    report: DeliveryReport
    journal: Journal | None
    today: dt.date
    sleep: Callable[[float], None]
    validate_only: bool

    def post(self, document: Document) -> bool:
        """Post one document; False when the run must stop."""
        service = self.services[document.chamber]
        data = ready_document(self.batch_dir, document, self.today)
        if isinstance(data, tuple):
            return self._outcome(document, *data)
        if self.journal is not None:
            self.journal.record(document.to_dict(state="sending"))
        path = "v2/validate" if self.validate_only else "v2/message"
        for attempt in range(RETRIES + 1):
            try:
                answer = request(self.session, service, "POST", path, body=data)
            except TimeoutError as exc:
                if attempt < RETRIES:
                    self.sleep(min(MAX_WAIT, 2.0**attempt))
                    continue
                return self._outcome(document, "unknown", str(exc))
            except NetworkError as exc:
                if attempt < RETRIES:
                    self.sleep(min(MAX_WAIT, 2.0**attempt))
                    continue
                return self._outcome(document, "failed", str(exc))
            if answer.status == 429 and attempt < RETRIES:
                self.sleep(min(MAX_WAIT, answer.retry_after or 2.0**attempt))
                continue
            if answer.status >= 500 and attempt < RETRIES:
                self.sleep(min(MAX_WAIT, 2.0**attempt))
                continue
            return self._answered(document, service, answer.status, answer.text)
        return self._outcome(document, "failed", "no answer")  # pragma: no cover - loop returns

    def _answered(self, document: Document, service: CwcService, status: int, text: str) -> bool:
        reason = " ".join(text.split())[:500]
        if 200 <= status < 300:
            return self._outcome(document, "delivered", "")
        if status in {401, 403}:
            self._outcome(document, "failed", f"HTTP {status}")
            self.report.aborted = str(key_refused(service, status))
            return False
        if status == 400:
            return self._outcome(document, "refused", reason or "HTTP 400")
        return self._outcome(
            document, "failed", f"HTTP {status}" + (f": {reason}" if reason else "")
        )

    def _outcome(self, document: Document, state: str, reason: str) -> bool:
        report = self.report
        if self.journal is not None and state != "unknown":
            extra = {"reason": reason} if reason else {}
            self.journal.record(document.to_dict(state=state, **extra))
        if state == "delivered":
            (report.valid if self.validate_only else report.delivered).append(document)
        elif state == "unknown":
            report.unknown.append(document)
        elif state == "refused":
            report.refused.append((document, reason))
        else:
            report.failed.append((document, reason))
        return True


def ready_document(batch_dir: Path, document: Document, today: dt.date) -> bytes | tuple[str, str]:
    """The bytes to post (dated ``today``), or the outcome (``failed``, ``refused``) and reason
    that stop the document before any request: the one decision of a delivery and of
    ``--dry-run`` (a file gone or changed since the manifest, civickit's schema check)."""
    from civickit.materials.cwc import validate_document, with_delivery_date

    try:
        data = read_listed(batch_dir, document.path, document.sha256)
    except CivickitError as exc:
        return "failed", str(exc)
    try:
        data = with_delivery_date(data, today)
    except (CivickitError, SyntaxError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        return "refused", f"civickit's schema check: {exc}"
    problems = validate_document(data)
    if problems:
        return "refused", f"civickit's schema check: {problems[0]}"
    return data


def plan(
    documents: list[Document], states: Mapping[str, str], *, retry_unknown: bool
) -> tuple[list[Document], DeliveryReport]:
    """Which documents to post now; the report holds those delivered or unknown already."""
    report = DeliveryReport(documents=len(documents))
    due: list[Document] = []
    for document in documents:
        verdict = rerun_verdict(
            states.get(document.delivery_id), "delivered", retry_unknown=retry_unknown
        )
        if document.problem:
            report.failed.append((document, document.problem))
        elif verdict == "done":
            report.already.append(document)
        elif verdict == "unknown":
            report.unknown.append(document)
        else:
            due.append(document)
    return due, report


def deliver_batch(
    batch_dir: Path,
    services: Mapping[Chamber, CwcService],
    *,
    session: requests.Session,
    cache_dir: Path,
    senate_classes: Callable[[str], list[int]],
    validate_only: bool = False,
    dry_run: bool = False,
    retry_unknown: bool = False,
    per_minute: float = DEFAULT_RATE,
    refresh_offices: bool = False,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    on_progress: Callable[[int, int], None] | None = None,
) -> DeliveryReport:
    """Post every due CWC document of the batch (see the module docstring).

    ``senate_classes(state)`` gives the Senate classes of a state's senators (from the member
    data), so a senator's office code is trusted only when the service's list agrees."""
    # Only the chambers asked for (``--chamber``); the others wait for their own run.
    documents = [d for d in find_documents(batch_dir) if d.chamber in services]
    log_path = batch_dir / CWC_LOG
    with folder_lock(batch_dir, "deliver"):
        states = {} if validate_only else Journal.states(log_path, "delivery_id")
        due, report = plan(documents, states, retry_unknown=retry_unknown)
        check = _OfficeCheck(services, session, cache_dir, now(), senate_classes, refresh_offices)
        due = check.keep(due, report)
        if report.aborted:
            return report
        if dry_run:
            report.dry_run = True
            _dry_run(batch_dir, due, report, now().date())
            return report
        journal = None if validate_only else Journal(log_path)
        run = _Run(
            batch_dir, services, session, report, journal, now().date(), sleep, validate_only
        )
        pacer = TokenBucket(per_minute / 60, clock=clock, sleep=sleep)
        try:
            for number, document in enumerate(due, start=1):
                pacer.acquire()
                if not run.post(document):
                    break
                if on_progress is not None:
                    on_progress(number, len(due))
        finally:
            if journal is not None:
                journal.close()
    return report


def _dry_run(batch_dir: Path, due: list[Document], report: DeliveryReport, today: dt.date) -> None:
    """What ``_Run.post`` would decide before posting each document, with nothing posted."""
    for document in due:
        data = ready_document(batch_dir, document, today)
        if not isinstance(data, tuple):
            report.would_deliver.append(document)
        elif data[0] == "refused":
            report.refused.append((document, data[1]))
        else:
            report.failed.append((document, data[1]))


@dataclass
class _OfficeCheck:
    """Keeps the documents whose office is on its service's list; reports the others."""

    services: Mapping[Chamber, CwcService]
    session: requests.Session
    cache_dir: Path
    now: dt.datetime
    senate_classes: Callable[[str], list[int]]
    refresh: bool
    lists: dict[Chamber, OfficeList | str] = field(default_factory=dict)

    def office_list(self, chamber: Chamber, report: DeliveryReport) -> OfficeList | str:
        if chamber not in self.lists:
            found = _office_list(
                self.services.get(chamber), self.session, self.cache_dir, self.now, self.refresh
            )
            self.lists[chamber] = found
            if isinstance(found, OfficeList):
                report.office_lists[chamber] = found.age_text(self.now)
            elif found.startswith("the ") and "refused the key" in found:
                report.aborted = found
        return self.lists[chamber]

    def keep(self, due: list[Document], report: DeliveryReport) -> list[Document]:
        kept: list[Document] = []
        for document in due:
            problem = self.problem(document, report)
            if problem:
                report.not_listed.append((document, problem))
            else:
                kept.append(document)
        return kept

    def problem(self, document: Document, report: DeliveryReport) -> str:
        from civickit.core.cwc import senate_office_code
        from civickit.outreach.cwc_service import senate_codes_agree

        listed = self.office_list(document.chamber, report)
        if isinstance(listed, str):
            return listed
        if document.office not in listed.codes:
            return (
                f"{document.office} is not on the {document.chamber} CWC office list "
                f"({listed.age_text(self.now)}); write by the office's contact form or on paper"
            )
        if document.chamber == "senate":
            classes = self.senate_classes(document.state)
            expected = [senate_office_code(document.state, c) for c in classes]
            if not senate_codes_agree(listed.codes, document.state, expected):
                return (
                    f"the Senate CWC office list's codes for {document.state} do not match its "
                    "senators' classes, so civickit cannot tell which code is whose"
                )
        return ""


def _office_list(
    service: CwcService | None,
    session: requests.Session,
    cache_dir: Path,
    now: dt.datetime,
    refresh: bool,
) -> OfficeList | str:
    """The office list, or why there is none (no key, service unreachable)."""
    if service is None:  # pragma: no cover - deliver_batch keeps only these chambers' documents
        return "not delivering to this chamber in this run"
    if not service.key:
        return service.no_key
    try:
        return office_list(session, service, cache_dir, now=now, refresh=refresh)
    except KeyRefusedError as exc:
        return str(exc)
    except (CivickitError, TimeoutError) as exc:
        return f"no {service.name} CWC office list: {exc}"
