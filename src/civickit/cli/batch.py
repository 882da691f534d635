"""``civickit batch``: every supporter's letters from a sign-up sheet, tracked and resumable."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from civickit.cli.batch_views import plan_text, summary_line, summary_text
from civickit.cli.completion import complete_letter_formats, complete_offices
from civickit.cli.context import AppContext, pass_app
from civickit.cli.letters import lang_option, language_option_value
from civickit.cli.options import date_options, materials_date
from civickit.cli.output import emit, format_option, message, parse_format_list, result_line
from civickit.cli.progress import ProgressDisplay
from civickit.core.offices import DEFAULT_TO, WORDS_HELP

if TYPE_CHECKING:
    from civickit.outreach.batch import BatchSummary, Progress
    from civickit.outreach.options import PacketsChoice
    from civickit.outreach.records import ManifestRecord


def _letter_language(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value.strip().casefold() == "supporter":
        return "supporter"
    return language_option_value(ctx, param, value)


@click.command()
@click.argument("source", metavar="INPUT|-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the letters, packets and manifest (new or empty, or one to --resume).",
)
@click.option(
    "--formats",
    default="txt",
    show_default=True,
    metavar="LIST",
    shell_complete=complete_letter_formats,
    help="Comma-separated letter formats: text (or txt), md, html, pdf, eml.",
)
@click.option(
    "--to",
    "offices",
    default=DEFAULT_TO,
    show_default=True,
    metavar="LIST",
    shell_complete=complete_offices,
    help=f"Comma list of {WORDS_HELP}.",
)
@click.option(
    "--packets",
    type=click.Choice(["pdf", "txt", "none"], case_sensitive=False),
    help="Delivery packets per office: pdf (and txt), txt, or none "
    "[default: pdf with --formats pdf, else txt].",
)
@click.option("--no-packets", is_flag=True, help="The same as --packets none.")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Read COLUMN as FIELD (name, email, phone, address, street, city, state, zip, "
    "district, story, language, id); repeatable.",
)
@click.option("--encoding", metavar="NAME", help="Encoding of INPUT [default: detected].")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Concurrent geocoder requests for address rows (within the geocoder's rate limit).",
)
@click.option("--resume", is_flag=True, help="Keep rows already done unchanged; redo the rest.")
@click.option(
    "--dry-run", is_flag=True, help="Show what would be looked up and written; no network or files."
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the first N rows.")
@date_options()
@click.option("--fail-fast", is_flag=True, help="Stop at the first row that is not ok.")
@click.option(
    "--template-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Templates overriding the campaign's.",
)
@click.option(
    "--fsync-interval",
    type=click.FloatRange(min=0),
    default=0.2,
    show_default=True,
    metavar="SECONDS",
    help="How often the manifest is forced to disk (0: after every row). Each row's line "
    "is always flushed, so a killed run loses nothing.",
)
@lang_option(what="a supporter whose row has no language column")
@click.option(
    "--letter-lang",
    "letter_lang",
    default="supporter",
    show_default=True,
    metavar="LANG|supporter",
    callback=_letter_language,
    help="Language of the letters to offices: 'supporter' (each row's own) or a language.",
)
@click.option(
    "--kit",
    default="none",
    show_default=True,
    metavar="LIST",
    help="Each supporter's own materials, in the supporter's language (not --letter-lang): "
    "comma list of callscript, factsheet, posts, or all, none.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-row messages.")
@format_option("text", "json")
@pass_app
def batch(  # noqa: PLR0917 - click passes one argument per option
    app: AppContext,
    source: str,
    out: Path,
    formats: str,
    offices: str,
    packets: PacketsChoice | None,
    no_packets: bool,
    mappings: tuple[str, ...],
    encoding: str | None,
    jobs: int,
    resume: bool,
    dry_run: bool,
    limit: int | None,
    date_text: str | None,
    dayfirst: bool,
    fail_fast: bool,
    template_dir: Path | None,
    fsync_interval: float,
    lang: str,
    letter_lang: str,
    kit: str,
    quiet: bool,
    fmt: str,
) -> None:
    """Make every supporter's letters from a sign-up sheet (CSV, TSV or JSON Lines; - for stdin).

    Each row needs a name and a district, an address (or street and ZIP) or a ZIP. Output:
    one folder per supporter, packets/ per office, manifest.csv, manifest.jsonl, summary.json.
    Exit status: 0 every row ok, 3 some rows not ok (see the manifest), 1 or 2 the run failed.

    \b
    Examples:
      civickit batch signups.csv --out letters/
      civickit batch signups.csv --out letters/ --formats txt,pdf,eml --to house,senate
      civickit batch signups.csv --out letters/ --resume
      civickit batch signups.csv --out letters/ --letter-lang en --kit all
      civickit batch export.tsv --out letters/ --map 'Post Code=zip' --dry-run
      cat signups.jsonl | civickit batch - --out letters/ --format json
    """
    from civickit.core.offices import parse_offices
    from civickit.errors import UsageError
    from civickit.outreach import batch as engine
    from civickit.outreach.kit import parse_kit
    from civickit.outreach.supporters import offline_notice, open_supporters, parse_mapping

    ctx = click.get_current_context()
    quiet = quiet or app.quiet  # the global --quiet means the same

    def given(name: str) -> bool:
        # A config-file default (DEFAULT_MAP) is chosen for new batches; --resume keeps its own.
        source = ctx.get_parameter_source(name)
        return source is not ParameterSource.DEFAULT and not (
            resume and source is ParameterSource.DEFAULT_MAP
        )

    if no_packets and packets not in {None, "none"}:
        raise UsageError(f"--no-packets conflicts with --packets {packets}; give one")
    dated = bool(date_text) or bool(app.as_of_text)
    options = engine.settle_options(
        out,
        resume=resume,
        default_date=app.as_of,
        date=materials_date(app, date_text, dayfirst=dayfirst) if dated else None,
        formats=engine.parse_formats(parse_format_list(formats)) if given("formats") else None,
        offices=parse_offices(offices) if given("offices") else None,
        packets="none" if no_packets else packets,
        limit=limit,
        fail_fast=fail_fast,
        fsync_interval=fsync_interval,
        kit=parse_kit(kit) if given("kit") else None,
    )
    stdin = sys.stdin.buffer if source == "-" else None
    with open_supporters(
        source, mapping=parse_mapping(mappings), encoding=encoding, stdin=stdin
    ) as sheet:
        for warning in sheet.info.warnings:
            message(f"Warning: {warning}")
        if app.settings.offline and (notice := offline_notice(sheet.info)):
            message(f"Note: {notice}")
        if dry_run:
            plan = engine.plan_batch(sheet, options, language=lang)
            emit(fmt, plan.to_dict(), text=lambda: plan_text(plan))
            return
        engine.check_out_dir(out, resume=resume)
        tools = engine.default_tools(
            app.campaign(),
            jobs=jobs,
            template_dir=template_dir,
            as_of=app.as_of,
            notify=None if quiet else message,
            settings=app.settings,
            language=lang,
            letter_language=letter_lang,
        )
        with ProgressDisplay(enabled=not quiet) as display:
            summary = engine.run_batch(
                sheet,
                options,
                tools,
                on_progress=batch_progress(display) if display.live else None,
                on_problem=None if quiet else _report_problem,
                total=sheet.info.rows,
            )
        alike = set(summary.similarity.warnings if summary.similarity else ())
        for warning in summary.warnings[len(sheet.info.warnings) :]:
            if warning not in alike:  # ended terms (sheet warnings were shown before the run)
                message(warning)
    _finish(summary, fmt)


def _report_problem(record: ManifestRecord) -> None:
    message(f"row {record.row}: {record.status}: {record.reason}")


def _finish(summary: BatchSummary, fmt: str) -> None:
    emit(fmt, summary.to_dict(), text=lambda: summary_text(summary))
    for warning in summary.similarity.warnings if summary.similarity else ():
        message(f"Warning: {warning}")
    result_line(summary_line(summary))
    if summary.exit_code:
        click.get_current_context().exit(int(summary.exit_code))


def batch_progress(display: ProgressDisplay) -> Callable[[Progress], None]:
    """The engine's progress callback drawing ``display``: letters per row, then packets."""

    def show(progress: Progress) -> None:
        if progress.phase == "packets":
            display.update("Packets", progress.done, progress.total, "packets")
        else:
            display.update("Letters", progress.done, progress.total, "rows")

    return show
