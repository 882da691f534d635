"""Letter files: the one way a rendered letter becomes a file's name and bytes.

``make_letter_file`` serves ``civickit letter`` (through ``compose_letters``) and ``civickit
batch`` alike: the same names (unique with ``-2``, ``-3`` ...), the same bytes, the same
Message-ID rule and the same rule for an e-mail to an office with no address (no file, a note).
Vacant seats get no letter, only a note. ``save_letters`` writes files only after every name is
checked, never over an existing file unless forced, each through ``civickit.files``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from civickit.campaign import Campaign
from civickit.core.officials import Official
from civickit.core.vacancies import vacancy_note
from civickit.errors import UsageError
from civickit.files import refuse_existing, write_atomically
from civickit.materials.cwc import DeliveryAgent
from civickit.materials.languages import LanguageWords
from civickit.materials.letters import (
    LETTER_FORMATS,
    CallScript,
    LetterRenderer,
    Sender,
    contact_form_hint,
    letter_filename,
)


class PdfRendering(Protocol):
    """What saving PDF letters needs: ``LetterRenderer.render_pdf``."""

    def render_pdf(self, html_documents: Sequence[str]) -> bytes:
        """One PDF of ``html_documents``, each starting on a new page."""
        ...


# Between letters on one stream: a form feed (a printer's page break) in text, a rule in Markdown.
_SEPARATORS = {"txt": "\f\n", "md": "\n---\n\n"}
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class LetterFile:
    """One letter as a file: its official, name, format and bytes.

    A PDF's bytes are made from its ``html`` by the caller (``letter`` one at a time or all in
    one document, ``batch`` in worker processes), so ``data`` is ``None`` until then.
    """

    official: Official
    name: str
    fmt: str
    data: bytes | None
    html: str | None = None


@dataclass(frozen=True)
class NoLetterFile:
    """Why an official gets no file in this format (an e-mail to an office with no address)."""

    official: Official
    note: str


class LetterRendering(Protocol):
    """What making letters needs of ``civickit.materials.letters.LetterRenderer``: the one
    protocol of ``make_letter_file``, ``compose_letters`` and a batch's ``BatchTools``."""

    campaign: Campaign
    delivery_agent: DeliveryAgent | None  # for CWC documents (``--formats cwc``)
    words: LanguageWords  # the language's own words (a packet cover's among them)

    def render(self, official: Official, sender: Any, fmt: str, *, date: dt.date) -> str:
        """One letter as txt, md or html."""
        ...

    def render_email(
        self, official: Official, sender: Any, *, date: dt.date, message_key: str | None = None
    ) -> EmailMessage:
        """One letter as an e-mail (its Message-ID from ``message_key``)."""
        ...

    def content(self, official: Official, sender: Any, *, date: dt.date | None = None) -> Any:
        """The letter's words: its ``statement`` and ``constituent_message``."""
        ...

    def variant_count(self, official: Official) -> int:
        """About how many different statements the campaign can write to ``official``."""
        ...


def make_letter_file(
    renderer: LetterRendering,
    official: Official,
    sender: Any,
    fmt: str,
    *,
    date: dt.date,
    taken: set[str],
    message_key: str | None = None,
    filename: Callable[[dt.date, Official, str], str] = letter_filename,
) -> LetterFile | NoLetterFile:
    """The one way a rendered letter becomes a file, for ``letter`` and for ``batch``.

    ``fmt`` is txt, md, html, pdf or eml. The name is ``filename`` (``letter_filename``) made
    unique among ``taken`` (``unique_name``), which it joins. An e-mail gets the Message-ID of
    ``letters.message_id`` (from ``message_key`` when given); an office with no e-mail address
    in the data gets no ``.eml`` at all (``civickit send`` could not deliver it), only a note
    naming its contact form.
    """
    if fmt not in LETTER_FORMATS:
        raise UsageError(f"format {fmt!r}: use one of {', '.join(LETTER_FORMATS)}")
    html: str | None = None
    if fmt == "cwc":
        return _cwc_file(
            renderer, official, sender, date=date, taken=taken, key=message_key, filename=filename
        )
    if fmt == "eml":
        message = renderer.render_email(official, sender, date=date, message_key=message_key)
        if "To" not in message:
            return NoLetterFile(official, no_email_note(official))
        data: bytes | None = message.as_bytes(policy=policy.SMTP)
    elif fmt == "pdf":
        data, html = None, renderer.render(official, sender, "html", date=date)
    else:
        data = renderer.render(official, sender, fmt, date=date).encode("utf-8")
    name = unique_name(filename(date, official, fmt), taken)
    return LetterFile(official, name, fmt, data, html)


def _cwc_file(
    renderer: LetterRendering,
    official: Official,
    sender: Any,
    *,
    date: dt.date,
    taken: set[str],
    key: str | None,
    filename: Callable[[dt.date, Official, str], str],
) -> LetterFile | NoLetterFile:
    """The CWC document of a letter to Congress; other offices get none (an empty note)."""
    from civickit.materials.cwc import CwcDocumentError
    from civickit.materials.cwc_letter import CONGRESS_OFFICES, cwc_document

    if official.office not in CONGRESS_OFFICES:
        return NoLetterFile(official, "")
    message_key = key or f"{date.isoformat()}:{official.seat_label}:{sender.name}"
    try:
        document = cwc_document(renderer, official, sender, date=date, message_key=message_key)
        data = document.to_xml()
    except CwcDocumentError as exc:
        return NoLetterFile(official, f"no CWC document for {official.name}: {exc}")
    name = unique_name(filename(date, official, "xml"), taken)
    return LetterFile(official, name, "cwc", data)


def no_email_note(official: Official) -> str:
    """The note for an office with no e-mail address: no ``.eml``, and where to write instead."""
    who = official.name or official.seat_label
    hint = contact_form_hint(official)
    return f"no e-mail address for {who} in the data, so no .eml is written{hint}"


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2.ext``, ``name-3.ext`` ... when taken; the result joins ``taken``."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, counter = name, 1
    while candidate in taken:
        counter += 1
        candidate = f"{stem}-{counter}{dot}{ext}"
    taken.add(candidate)
    return candidate


@dataclass
class LetterSet:
    """The letters made for a set of officials, and notes for the writer (vacant seats, ...)."""

    fmt: str
    letters: list[LetterFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def compose_letters(
    renderer: LetterRendering,
    officials: Sequence[Official],
    sender: Sender,
    fmt: str,
    *,
    date: dt.date,
) -> LetterSet:
    """A letter file per official in ``fmt`` (txt, md, html, pdf or eml); vacant seats and
    offices that cannot get one become notes."""
    result = LetterSet(fmt)
    taken: set[str] = set()
    for official in officials:
        if official.vacant:
            result.notes.append(vacancy_note(official, "no letter written"))
            continue
        made = make_letter_file(renderer, official, sender, fmt, date=date, taken=taken)
        if isinstance(made, NoLetterFile):
            if made.note:  # an empty note: the format is not for this office
                result.notes.append(made.note)
        else:
            result.letters.append(made)
    if not result.letters:
        result.notes.append(_nothing_written(result, officials))
    return result


def _nothing_written(result: LetterSet, officials: Sequence[Official]) -> str:
    if all(official.vacant for official in officials):
        return "no letters: every seat found is vacant"
    return f"no letters: no office found can take {result.fmt}; try another --format"


def letter_json(renderer: LetterRenderer, letter: LetterFile, date: dt.date) -> dict[str, Any]:
    """A text letter as ``civickit letter --format json`` gives it: its official (the JSON of
    an official), the campaign, the date, subject and template, the file name and the text."""
    return {
        "official": letter.official.to_dict(),
        "campaign": renderer.campaign.id,
        "date": date.isoformat(),
        "subject": renderer.campaign.subject,
        "template": renderer.template_name(letter.official, letter.fmt),
        "file": letter.name,
        "text": (letter.data or b"").decode("utf-8"),
    }


def compose_callscripts(
    renderer: LetterRenderer, officials: Sequence[Official], sender: Sender
) -> tuple[list[CallScript], list[str]]:
    """A call script per official, and notes (vacant seats, offices with no phone number)."""
    scripts: list[CallScript] = []
    notes: list[str] = []
    for official in officials:
        if official.vacant:
            notes.append(vacancy_note(official, "no script"))
            continue
        script = renderer.callscript(official, sender)
        scripts.append(script)
        notes.extend(script.notes)
    return scripts, notes


def stream_bytes(renderer: PdfRendering, letters: LetterSet) -> bytes:
    """Every letter as one stream for stdout: PDF and HTML as one document, one letter a page."""
    if not letters.letters:
        return b""
    if letters.fmt == "pdf":
        return renderer.render_pdf([letter.html or "" for letter in letters.letters])
    if letters.fmt in {"eml", "cwc"} and len(letters.letters) > 1:
        count = len(letters.letters)
        what, ext = {"eml": ("e-mails", "eml"), "cwc": ("CWC documents", "xml")}[letters.fmt]
        raise UsageError(
            f"{count} {what} cannot share one stream: give --out DIR for one .{ext} per office"
        )
    texts = [(letter.data or b"").decode("utf-8") for letter in letters.letters]
    if letters.fmt == "html":
        return combine_html(texts).encode("utf-8")
    return _SEPARATORS.get(letters.fmt, "").join(texts).encode("utf-8")


def combine_html(documents: Sequence[str]) -> str:
    """One HTML document: the head of the first letter and the body of each, in order."""
    if len(documents) == 1:
        return documents[0]
    first = documents[0]
    match = _BODY.search(first)
    if match is None:
        return "\n".join(documents)
    bodies = [_body(document) for document in documents]
    return first[: match.start(1)] + "\n" + "\n".join(bodies) + "\n" + first[match.end(1) :]


def _body(document: str) -> str:
    match = _BODY.search(document)
    return match.group(1).strip("\n") if match else document


def save_letters(
    renderer: PdfRendering, letters: LetterSet, folder: Path, *, force: bool = False
) -> list[Path]:
    """Write each letter to its own file in ``folder``; returns the paths written.

    Refuses, before writing anything, when a file is already there (``force`` replaces it).
    """
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    targets = [(root / letter.name).resolve() for letter in letters.letters]
    for target in targets:
        if target.parent != root:  # letter_filename makes safe names; this is a second lock
            raise UsageError(f"refusing to write {target.name!r} outside {folder}")
    refuse_existing(targets, force=force, instead="another --out folder")
    for letter, target in zip(letters.letters, targets, strict=True):
        data = letter.data
        if data is None:
            data = renderer.render_pdf([letter.html or ""])
        write_atomically(target, data)
    return targets
