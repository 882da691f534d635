"""``civickit targets``: check a file of your own targets (a city council, executives)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from civickit.cli.output import emit, format_option, message
from civickit.core.plurals import counted

if TYPE_CHECKING:
    from civickit.core.officials import Official

CSV_COLUMNS = ("name", "title", "office", "organisation", "state", "email", "phones", "website")


@click.group()
def targets() -> None:
    """Your own targets from a CSV, TSV, JSON Lines or TOML file, for --targets FILE.

    \b
    Example:
      civickit targets check council.csv
    """


@targets.command()
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--input-format",
    type=click.Choice(["csv", "tsv", "jsonl", "toml"]),
    help="Format of FILE [default: from the suffix, else from the content].",
)
@format_option("text", "json", "csv")
def check(file: str, input_format: str | None, fmt: str) -> None:
    """Validate FILE (CSV, TSV, JSON Lines or TOML; '-' for stdin) and list its targets.

    Every problem is reported at once, with its line number.

    \b
    Examples:
      civickit targets check council.csv
      civickit targets check executives.toml --format json
      cat council.csv | civickit targets check - --input-format csv
    """
    from civickit.lookup.adapters.file_targets import TARGETS_FORMATS, load_targets

    fmt_in = next((f for f in TARGETS_FORMATS if f == input_format), None)
    stdin = sys.stdin.buffer if file == "-" else None
    found = load_targets(file, fmt_in, stdin=stdin, notify=lambda w: message(f"Warning: {w}"))
    emit(
        fmt,
        [target.to_dict() for target in found],
        text=lambda: _text(found),
        csv_rows=[{**target.to_dict(), "phones": list(target.phones)} for target in found],
        csv_columns=CSV_COLUMNS,
    )
    message(f"{counted(len(found), 'target')} OK.")


def _text(found: list[Official]) -> str:
    lines = []
    for target in found:
        where = target.organisation or target.seat_label
        contact = target.email or target.contact_form or target.website or ", ".join(target.phones)
        if not contact and target.capitol_office is not None:
            contact = "; ".join(target.capitol_office.postal_lines())
        title = f"{target.title} " if target.title else ""
        lines.append(f"{title}{target.name} ({where}): {contact}")
    return "\n".join(lines) + "\n"
