"""One supporter row to its manifest record and letters: recipients, offices, files to write."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from civickit.core.officials import Official
from civickit.core.vacancies import vacancy_note
from civickit.errors import CivickitError
from civickit.lookup.facade import LookupResult
from civickit.lookup.locate import Location, locate
from civickit.lookup.terms import date_warnings
from civickit.materials.letter_files import NoLetterFile, make_letter_file
from civickit.materials.render import enable_block_cache
from civickit.outreach.batch_paths import supporter_folder
from civickit.outreach.kit import KitFile, KitMaker
from civickit.outreach.options import BatchOptions, Status
from civickit.outreach.options import digest as _digest
from civickit.outreach.packets import office_key, office_label, office_record
from civickit.outreach.records import (
    CandidateDistrict,
    ManifestRecord,
    OfficeRecord,
    OutputFile,
    Recipient,
)
from civickit.outreach.supporters import SupporterRow
from civickit.outreach.tools import BatchTools, LetterRendering, ResolveOutcome


def describe_failure(exc: BaseException) -> str:
    """A one-line reason for a row's failed lookup or rendering (lookups and adapters already
    phrase theirs without secrets)."""
    if isinstance(exc, CivickitError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


@dataclass
class Letter:
    """One letter of a row: where it goes, and its bytes once made."""

    path: str
    fmt: str
    recipient: str
    data: bytes | None = None
    pdf_source: str | None = None  # HTML to render into ``data`` in a worker
    language: str = ""  # the letter's language code, "" for English


@dataclass
class RowWork:
    """A row being made: its record, its letters and their PDF jobs."""

    row: SupporterRow
    record: ManifestRecord
    letters: list[Letter] = field(default_factory=list)
    pdf_jobs: list[tuple[Letter, Future[bytes] | bytes]] = field(default_factory=list)
    kit: list[KitFile] = field(default_factory=list)  # the row's own kit files, to write
    kit_links: list[OutputFile] = field(default_factory=list)  # shared kit files, written

    def drop_files(self) -> None:
        """Nothing of the row is written (it failed)."""
        self.letters.clear()
        self.kit.clear()
        self.kit_links.clear()


class RowMaker:
    """Makes each row's record and letters; remembers the offices met (``offices.json``)."""

    def __init__(
        self, options: BatchOptions, tools: BatchTools, offices: dict[str, OfficeRecord]
    ) -> None:
        self.options = options
        self.tools = tools
        self.fingerprint = options.fingerprint(tools.fingerprint)
        self.offices = offices
        self.offices_dirty = False
        self.office_keys: dict[tuple[Any, ...], str] = {}
        self.date_warnings: dict[str, None] = {}  # ended terms and Congresses, once each
        self.variants: dict[str, int] = {}  # office label: about how many different letters
        # A batch's letters to one office share most of their text: render those parts once.
        env = getattr(tools.renderer, "env", None)
        if env is not None:
            enable_block_cache(env)
        self.kit = KitMaker(
            options.out,
            parts=options.kit,
            formats=options.formats,
            date=options.date,
            fingerprint=self.fingerprint,
            campaign=getattr(tools.renderer, "campaign", None),
            renderer_for=tools.renderer_for or (lambda _language: tools.renderer),
            template_dir=getattr(tools.renderer, "template_dir", None),
        )

    def office_key(self, official: Official) -> str:
        """``packets.office_key``, remembered: thousands of rows share a few offices."""
        ids = tuple(sorted(official.ids.items()))
        memo = (official.office, official.seat_label, official.name, ids)
        key = self.office_keys.get(memo)
        if key is None:
            key = self.office_keys[memo] = office_key(official)
        return key

    def input_hash(self, row: SupporterRow) -> str:
        return _digest(row.input_hash + self.fingerprint)

    def base_record(self, row: SupporterRow, status: Status, reason: str = "") -> ManifestRecord:
        """The row's manifest record before any lookup result is added."""
        language = self.tools.row_language(row)
        return ManifestRecord.of_row(
            row, status, reason, input_hash=self.input_hash(row), language=language
        )

    def render(self, row: SupporterRow, outcomes: Mapping[Location, ResolveOutcome]) -> RowWork:
        """The row's record and letters (not yet written) from the lookup ``outcomes`` of its
        locations, decided by ``civickit.lookup.locate.locate``."""
        record = self.base_record(row, "ok")
        work = RowWork(row, record)
        located = locate(outcomes)
        record.location_note = "; ".join(located.notes)
        if located.location is None or located.result is None:
            failure = located.error
            reason = located.problem or (describe_failure(failure) if failure else "no location")
            record.status, record.reason = "error", reason
            return work
        outcome, where = located.result, located.location
        record.location, record.located_by = str(where), where.kind
        if located.problem:
            record.districts = [d.label for d in outcome.districts]
            record.status, record.reason = "error", located.problem
            return work
        record.provenance = sorted(set(outcome.provenance), key=lambda p: p.sort_key)
        record.districts = [d.label for d in outcome.districts]
        if outcome.ambiguous:
            record.candidates = [CandidateDistrict.of(c) for c in outcome.candidates]
            labels = ", ".join(c.district for c in record.candidates)
            record.status = "ambiguous"
            record.reason = (
                f"{where} may be in any of {labels}; add the street address or a district column"
            )
            return work
        try:
            self.render_letters(work, outcome)
        except (CivickitError, ValueError) as exc:  # ValueError: e.g. a header e-mail refuses
            record.status, record.reason, record.files = "error", describe_failure(exc), []
            work.drop_files()
        return work

    def render_letters(self, work: RowWork, outcome: LookupResult) -> None:
        row, record = work.row, work.record
        officials = [o for o in outcome.officials if o.office in self.options.offices]
        if not officials:
            record.status, record.reason = "error", f"no officials found for {record.location}"
            return
        folder = supporter_folder(row.name, row.id)
        record.folder = folder
        sender = self.tools.make_sender(row)
        renderer = self.tools.letter_renderer(row)  # the row's language (--letter-lang)
        env = getattr(renderer, "env", None)
        if renderer is not self.tools.renderer and env is not None:
            enable_block_cache(env)
        used: set[str] = set()
        for warning in date_warnings(officials, outcome.provenance, self.options.date):
            self.date_warnings.setdefault(warning.message)
        for official in officials:
            key = self.office_key(official)
            recipient = Recipient(key, office_label(official), official.vacant, official.office)
            record.recipients.append(recipient)
            if official.vacant:
                record.notes.append(vacancy_note(official, "no letter written"))
                continue
            content = renderer.content(official, sender, date=self.options.date)
            recipient.statement = content.statement
            recipient.constituent_message = content.constituent_message
            if recipient.label not in self.variants:
                self.variants[recipient.label] = renderer.variant_count(official)
            if key not in self.offices:
                self.offices[key] = office_record(official)
                self.offices_dirty = True
            for fmt in self.options.written_formats:
                self.add_letter(
                    work,
                    official,
                    sender,
                    fmt,
                    folder=folder,
                    key=key,
                    used=used,
                    renderer=renderer,
                )
            made = {letter.fmt for letter in work.letters if letter.recipient == key}
            recipient.channel = channel_for(made, official)
            recipient.contact_form = official.contact_form or ""
        if self.kit.enabled:
            self.add_kit(work, [o for o in officials if not o.vacant], sender, folder)

    def add_kit(self, work: RowWork, officials: list[Official], sender: Any, folder: str) -> None:
        """The row's kit (``--kit``) in the supporter's language, never ``--letter-lang``; a
        part that cannot be made is a note of the row."""
        record = work.record
        place = record.districts[0] if record.districts else ""
        files, notes = self.kit.row_files(folder, record.language, officials, sender, place)
        links, shared_notes = self.kit.shared_files(record.language)
        work.kit, work.kit_links = files, links
        record.notes.extend([*notes, *shared_notes])

    def add_letter(
        self,
        work: RowWork,
        official: Official,
        sender: Any,
        fmt: str,
        *,
        folder: str,
        key: str,
        used: set[str],
        renderer: LetterRendering | None = None,
    ) -> None:
        if fmt == "eml" and not getattr(sender, "email", None):
            note = "no e-mail address for the supporter; no .eml written"
            if note not in work.record.notes:
                work.record.notes.append(note)
            return
        # The same row and office always give the same Message-ID, so a re-made message
        # is recognised by ``civickit send`` as the one already sent.
        made = make_letter_file(
            renderer or self.tools.renderer,
            official,
            sender,
            fmt,
            date=self.options.date,
            taken=used,
            message_key=work.record.input_hash + key,
            filename=self.tools.letter_filename,
        )
        if isinstance(made, NoLetterFile):
            if made.note:  # an empty note: the format is not for this office (CWC, a mayor)
                work.record.notes.append(made.note)
            return
        language = self.tools.letters_language(work.row)
        letter = Letter(f"{folder}/{made.name}", fmt, key, made.data, made.html, language)
        work.letters.append(letter)


def channel_for(formats: set[str], official: Official) -> str:
    """How a letter in ``formats`` reaches ``official``: CWC, then e-mail, then the office's
    contact form, else paper (``records.CHANNELS``)."""
    if "cwc" in formats:
        return "cwc"
    if "eml" in formats:
        return "email"
    return "web-form" if official.contact_form else "paper"
