"""The one output helper of every command.

Data goes to stdout (``emit`` for JSON, CSV, text and Markdown; ``write_data`` for bytes, to
stdout for ``-`` or else atomically to a file), messages and notes to stderr (``message``,
``notes``), and ``--format`` has one vocabulary (``format_option``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from civickit.cli.progress import echo_message
from civickit.core.safety import neutralise_csv_cell

Renderer = Callable[[], str]

# The one ``--format`` vocabulary: every command offers the subset that makes sense for it.
FORMATS = ("text", "json", "csv", "md", "html", "pdf", "eml", "cwc")
FORMAT_ALIASES = {"txt": "text"}
# The file extension (and the library's name) of each format that is written as a file.
EXTENSIONS = {"text": "txt"}


def normalise_format(word: str) -> str:
    """``TXT`` -> ``text``: a format word as the vocabulary spells it (unknown words unchanged)."""
    lowered = word.strip().lower()
    return FORMAT_ALIASES.get(lowered, lowered)


def extension(fmt: str) -> str:
    """The file extension for a format: ``text`` -> ``txt``, the others as they are."""
    return EXTENSIONS.get(fmt, fmt)


def parse_format_list(text: str) -> str:
    """``text,PDF`` -> ``txt,pdf``: a comma list of formats (``batch --formats``) with each
    word normalised and spelled as its file extension; the library checks what is allowed."""
    words = [extension(normalise_format(word)) for word in text.split(",") if word.strip()]
    return ",".join(words)


class FormatChoice(click.Choice[str]):
    """A ``click.Choice`` of vocabulary words that also accepts their aliases (``txt``)."""

    def __init__(self, choices: Sequence[str]) -> None:
        unknown = [choice for choice in choices if choice not in FORMATS]
        if unknown:
            raise ValueError(f"formats {unknown} are not in the --format vocabulary {FORMATS}")
        super().__init__(choices, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = normalise_format(value)
        return super().convert(value, param, ctx)


def format_option(*choices: str, default: str | None = None) -> Callable[[Any], Any]:
    """The shared ``--format`` option; the first choice is the default."""
    return click.option(
        "--format",
        "fmt",
        type=FormatChoice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format" + (" (txt is the same as text)." if "text" in choices else "."),
    )


def to_json(records: Any) -> str:
    """Pretty JSON with non-ASCII kept readable."""
    return json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"


def to_csv(records: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV with nested values as JSON and formula-looking cells neutralised."""
    buffer = io.StringIO()
    fieldnames = list(columns or (records[0].keys() if records else []))
    writer = csv.DictWriter(
        buffer, fieldnames=fieldnames, extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for record in records:
        writer.writerow({key: neutralise_csv_cell(_flat(record.get(key))) for key in fieldnames})
    return buffer.getvalue()


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def emit(
    fmt: str,
    records: Any,
    *,
    text: Renderer | None = None,
    md: Renderer | None = None,
    csv_rows: Sequence[Mapping[str, Any]] | None = None,
    csv_columns: Sequence[str] | None = None,
) -> None:
    """Write ``records`` to stdout in ``fmt``; text and Markdown come from their renderers."""
    writers: dict[str, Callable[[], str]] = {
        "json": lambda: to_json(records),
        "csv": lambda: to_csv(csv_rows if csv_rows is not None else records, csv_columns),
    }
    if text is not None:
        writers["text"] = text
    if md is not None:
        writers["md"] = md
    write_text(writers[normalise_format(fmt)]())


def write_text(text: str, *, newline: bool = True) -> None:
    """Text to stdout, with a final newline added when it has none (unless not ``newline``)."""
    click.echo(text, nl=newline and not text.endswith("\n"))


def message(text: str) -> None:
    """A message for the person at the terminal (progress, warnings, what was written): stderr.

    Also the ``notify`` callback the library reports progress and warnings through; nothing
    with the global ``--quiet``. Printed above the progress bar when one is drawn
    (``cli/progress.py``), never onto it."""
    if not _quiet():
        echo_message(text)


def result_line(text: str) -> None:
    """A run's one-line outcome on stderr (``3 rows: 2 ok, 1 error``), kept with ``--quiet``
    so scripts and logs still see what happened."""
    echo_message(text)


def _quiet() -> bool:
    from civickit.cli.context import AppContext

    context = click.get_current_context(silent=True)
    app = context.find_object(AppContext) if context is not None else None
    return app is not None and app.quiet


def notes(items: Iterable[str]) -> None:
    """Each of the library's notes (vacant seats, missing contact details) as ``Note: ...``."""
    for item in items:
        message(f"Note: {item}")


def write_data(data: bytes, out: str | Path = "-", *, force: bool = False) -> Path | None:
    """``data`` untouched to stdout for ``-``, else atomically to the file ``out`` (never over
    an existing one without ``force``); returns the path written."""
    if str(out) == "-":
        sys.stdout.flush()  # text already written comes first
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    from civickit.files import write_output

    return write_output(Path(out), data, force=force)
