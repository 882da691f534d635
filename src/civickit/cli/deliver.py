"""``civickit deliver``: post a batch's CWC documents to the House and Senate, each once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message

if TYPE_CHECKING:
    from civickit.outreach.cwc_delivery import DeliveryReport


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--via",
    type=click.Choice(["cwc"]),
    default="cwc",
    show_default=True,
    help="The channel: cwc (Communicating With Congress); e-mail goes by 'civickit send'.",
)
@click.option(
    "--chamber",
    type=click.Choice(["house", "senate", "both"]),
    default="both",
    show_default=True,
    help="Deliver only to one chamber's service.",
)
@click.option(
    "--validate",
    is_flag=True,
    help="Send each document to the services' validate endpoint instead; deliver nothing.",
)
@click.option("--dry-run", is_flag=True, help="List what would be delivered; post nothing.")
@click.option(
    "--retry-unknown",
    is_flag=True,
    help="Also repost documents whose earlier delivery was interrupted mid-request.",
)
@click.option(
    "--rate", metavar="N/min", default="30/min", show_default=True, help="Pace of requests."
)
@click.option("--refresh-offices", is_flag=True, help="Fetch the office lists even if cached.")
@format_option("text", "json")
@pass_app
def deliver(  # noqa: PLR0917 - click passes one argument per option
    app: AppContext,
    directory: Path,
    via: str,
    chamber: str,
    validate: bool,
    dry_run: bool,
    retry_unknown: bool,
    rate: str,
    refresh_offices: bool,
    fmt: str,
) -> None:
    """Deliver the CWC documents of a batch folder DIR (made with --formats cwc) to the
    offices' Communicating With Congress services, logging each in DIR/cwc-log.jsonl.

    Keys come from CIVICKIT_CWC_HOUSE_KEY and CIVICKIT_CWC_SENATE_KEY (never a flag); a
    document already delivered is never posted again. Offices not on a service's office list
    are reported (write to them by contact form or on paper). Exit status: 0 all delivered,
    3 some refused, failed, unknown or not listed, 1 the run stopped (a key refused), 2 bad
    options.

    \b
    Examples:
      civickit batch supporters.csv --out letters/ --formats txt,cwc
      civickit deliver letters/ --validate
      civickit deliver letters/ --rate 20/min
    """
    from civickit.lookup.http import build_session
    from civickit.outreach.cwc_delivery import deliver_batch
    from civickit.outreach.cwc_service import CHAMBERS, CwcService
    from civickit.outreach.delivery import parse_rate

    del via  # one channel so far
    services = {
        name: CwcService.from_settings(name, app.settings)
        for name in CHAMBERS
        if chamber in {name, "both"}
    }
    report = deliver_batch(
        directory,
        services,
        session=build_session(retries=0),
        cache_dir=app.settings.cache_dir,
        senate_classes=lambda state: _senate_classes(app, state),
        validate_only=validate,
        dry_run=dry_run,
        retry_unknown=retry_unknown,
        per_minute=parse_rate(rate),
        refresh_offices=refresh_offices,
    )
    lines = _lines(report)
    if lines or fmt != "text":
        emit(fmt, report.to_dict(), text=lambda: "".join(f"{line}\n" for line in lines))
    message(deliver_line(report, validate=validate))
    if report.exit_code:
        click.get_current_context().exit(int(report.exit_code))


def _senate_classes(app: AppContext, state: str) -> list[int]:
    """The Senate classes of the state's senators, from the local member data."""
    from civickit.core.districts import HOUSE_SEATS
    from civickit.lookup.facade import Lookup

    seat = "AL" if HOUSE_SEATS.get(state) == 1 else "1"
    lookup = Lookup(offline=True, settings=app.settings, notify=message)
    result = lookup.resolve(district=f"{state}-{seat}", offices={"us-senate"})
    return sorted(o.senate_class for o in result.officials if o.senate_class is not None)


def _lines(report: DeliveryReport) -> list[str]:
    lines = [f"would deliver {d.path} to {d.office}" for d in report.would_deliver]
    lines += [f"unknown: {d.path} ({d.office})" for d in report.unknown]
    lines += [f"refused: {d.path} ({d.office}): {reason}" for d, reason in report.refused]
    lines += [f"failed: {d.path} ({d.office}): {reason}" for d, reason in report.failed]
    lines += [f"not delivered: {d.path}: {reason}" for d, reason in report.not_listed]
    return lines


def deliver_line(report: DeliveryReport, *, validate: bool = False) -> str:
    """The one-line summary ``civickit deliver`` prints at the end."""
    first = (
        f"{len(report.valid)} valid"
        if validate
        else f"{len(report.delivered)} delivered, {len(report.already)} already delivered earlier"
    )
    parts = [
        first,
        f"{len(report.refused)} refused",
        f"{len(report.failed)} failed",
        f"{len(report.not_listed)} not on an office list",
        f"{len(report.unknown)} unknown (not reposted; see --retry-unknown)",
    ]
    if report.dry_run:
        would = f"{len(report.would_deliver)} would be delivered (dry run)"
        already = f"{len(report.already)} already delivered earlier"
        parts[0] = would if validate else f"{would}, {already}"
    text = ", ".join(parts)
    if not report.documents:
        text += "; the batch has no CWC documents (run civickit batch with --formats cwc)"
    lists = "; ".join(f"{c} office list {age}" for c, age in report.office_lists.items())
    if lists:
        text += f" ({lists})"
    return f"{text}; stopped: {report.aborted}" if report.aborted else text
