"""``civickit factsheet``: a printable one-page fact sheet (HTML, PDF or Markdown)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from civickit.cli.completion import complete_tags
from civickit.cli.context import AppContext, pass_app
from civickit.cli.letters import lang_option, untranslated_notes
from civickit.cli.options import date_options, materials_date
from civickit.cli.output import format_option, message, notes, to_json, write_data
from civickit.errors import UsageError


@click.command()
@format_option("html", "pdf", "md", "json")
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"], case_sensitive=False),
    default="letter",
    show_default=True,
    help="Paper size the sheet is fitted to (HTML and PDF).",
)
@click.option(
    "--action-url",
    metavar="URL",
    help="Link printed with a QR code [default: the campaign's action_url; '' for none].",
)
@click.option("--org", metavar="NAME", help="Organisation handing the sheet out, printed on top.")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    shell_complete=complete_tags,
    help="Key facts with this tag instead of those tagged 'key' (repeatable).",
)
@click.option(
    "--template-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder whose factsheet.html / factsheet.md override the built-in templates.",
)
@lang_option(what="the fact sheet")
@date_options("Date printed as 'Generated on' [default: the global --as-of, else today].")
@click.option(
    "--out",
    "-o",
    default="-",
    show_default=True,
    metavar="FILE|-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write the sheet; '-' is stdout.",
)
@click.option("--force", is_flag=True, help="Replace --out FILE if it exists.")
@pass_app
def factsheet(
    app: AppContext,
    *,
    fmt: str,
    paper: str,
    action_url: str | None,
    org: str | None,
    tags: tuple[str, ...],
    template_dir: Path | None,
    lang: str,
    date_text: str | None,
    dayfirst: bool,
    out: str,
    force: bool,
) -> None:
    """Make a printable one-page fact sheet.

    HTML or PDF to print, Markdown to paste. The sheet holds the key facts with numbered
    citations, a timeline, a pull quote, what readers can do, a QR code of the action link
    and every source. HTML and PDF are fitted to exactly one page of --paper.

    \b
    Examples:
      civickit factsheet --format pdf --out factsheet.pdf
      civickit factsheet --paper a4 --org "Bay Area Privacy Coalition" -o sheet.html
      civickit factsheet --tag california --format md
      civickit factsheet --lang es --format pdf -o hoja.pdf
      civickit factsheet --action-url https://example.org/act --format pdf -o - | lp
    """
    from civickit.materials.factsheet import build_factsheet, render_factsheet

    generated = materials_date(app, date_text, dayfirst=dayfirst)
    campaign = app.campaign()
    sheet = build_factsheet(
        campaign,
        tags=tags,
        action_url=action_url,
        org=org,
        paper=paper,
        generated=generated,
        as_of=app.as_of,
        language=lang,
        template_dir=template_dir,
    )
    notes(untranslated_notes(campaign, sheet.language))
    if sheet.left_out:
        message(
            f"Left out {len(sheet.left_out)} fact(s) to keep to one page: "
            f"{', '.join(sheet.left_out)}; narrow the selection with --tag"
        )
    if fmt == "pdf" and out == "-" and sys.stdout.isatty():
        raise UsageError("refusing to write a PDF to the terminal; use --out FILE")
    content = (
        to_json(sheet.to_dict())
        if fmt == "json"
        else render_factsheet(sheet, fmt, template_dir=template_dir)
    )
    data = content.encode("utf-8") if isinstance(content, str) else content
    written = write_data(data, out, force=force)
    if written is not None:
        message(f"Wrote {written} ({fmt}, {sheet.paper}, {len(data):,} bytes)")
