"""Many letters at once: render one per official, then save them to a folder or one stream.

Vacant seats get no letter, only a note. Files are written only after every name is checked,
never over an existing file unless asked, each through a temporary file so none is left half
written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from civickit.core.officials import Official
from civickit.core.vacancies import vacancy_note
from civickit.errors import UsageError
from civickit.files import write_atomically
from civickit.materials.letters import (
    LETTER_FORMATS,
    CallScript,
    LetterRenderer,
    Sender,
    contact_form_hint,
    letter_filename,
)

# Between letters on one stream: a form feed (a printer's page break) in text, a rule in Markdown.
_SEPARATORS = {"txt": "\f\n", "md": "\n---\n\n"}
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class RenderedLetter:
    """One letter: its official, file name and text (the HTML of a PDF, the message of an eml)."""

    official: Official
    filename: str
    fmt: str
    text: str


@dataclass
class LetterSet:
    """The letters made for a set of officials, and notes for the writer (vacant seats, ...)."""

    fmt: str
    letters: list[RenderedLetter] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def compose_letters(
    renderer: LetterRenderer,
    officials: Sequence[Official],
    sender: Sender,
    fmt: str,
    *,
    date: dt.date,
) -> LetterSet:
    """A letter per official in ``fmt`` (txt, md, html, pdf or eml); vacant seats become notes."""
    if fmt not in LETTER_FORMATS:
        raise UsageError(f"format {fmt!r}: use one of {', '.join(LETTER_FORMATS)}")
    result = LetterSet(fmt)
    for official in officials:
        if official.vacant:
            result.notes.append(vacancy_note(official, "no letter written"))
            continue
        if fmt == "eml":
            message = renderer.render_email(official, sender, date=date)
            text = message.as_string()
            if "To" not in message:
                result.notes.append(_no_email_note(official))
        else:
            text = renderer.render(official, sender, "html" if fmt == "pdf" else fmt, date=date)
        filename = letter_filename(date, official, fmt)
        result.letters.append(RenderedLetter(official, filename, fmt, text))
    if not result.letters:
        result.notes.append("no letters: every seat found is vacant")
    return result


def _no_email_note(official: Official) -> str:
    hint = contact_form_hint(official)
    return f"no e-mail address for {official.name} in the data, so the message has no To{hint}"


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


def stream_bytes(renderer: LetterRenderer, letters: LetterSet) -> bytes:
    """Every letter as one stream for stdout: PDF and HTML as one document, one letter a page."""
    texts = [letter.text for letter in letters.letters]
    if not texts:
        return b""
    if letters.fmt == "pdf":
        return renderer.render_pdf(texts)
    if letters.fmt == "html":
        return combine_html(texts).encode("utf-8")
    if letters.fmt == "eml" and len(texts) > 1:
        raise UsageError(
            f"{len(texts)} e-mails cannot share one stream: give --out DIR for one .eml per office"
        )
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
    renderer: LetterRenderer, letters: LetterSet, folder: Path, *, force: bool = False
) -> list[Path]:
    """Write each letter to its own file in ``folder``; returns the paths written.

    Refuses, before writing anything, when a file is already there (``force`` replaces it).
    Two letters whose names collide get ``-2``, ``-3`` ... before the extension.
    """
    folder.mkdir(parents=True, exist_ok=True)
    targets = _unique_targets(folder, [letter.filename for letter in letters.letters])
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        raise UsageError(
            f"{existing[0]} already exists; use another --out folder or add --force to replace it"
        )
    for letter, target in zip(letters.letters, targets, strict=True):
        if letters.fmt == "pdf":
            data = renderer.render_pdf([letter.text])
        else:
            data = letter.text.encode("utf-8")
        write_atomically(target, data)
    return targets


def _unique_targets(folder: Path, names: Sequence[str]) -> list[Path]:
    root = folder.resolve()
    taken: set[str] = set()
    targets = []
    for name in names:
        stem, _, ext = name.rpartition(".")
        candidate, counter = name, 1
        while candidate in taken:
            counter += 1
            candidate = f"{stem}-{counter}.{ext}"
        taken.add(candidate)
        target = (root / candidate).resolve()
        if target.parent != root:  # letter_filename makes safe names; this is a second lock
            raise UsageError(f"refusing to write {candidate!r} outside {folder}")
        targets.append(target)
    return targets
