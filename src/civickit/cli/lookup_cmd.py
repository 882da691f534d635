"""``civickit lookup``: who represents a district, ZIP, address or point."""

from __future__ import annotations

import sys

import click

from civickit.cli.completion import complete_offices
from civickit.cli.context import AppContext, pass_app
from civickit.cli.options import source_option
from civickit.cli.output import emit, format_option, message, notes
from civickit.core.offices import WORDS_HELP


@click.command()
@click.option("--district", metavar="D", help="A district: CA-12, WY-AL, DC, CA-SD-2, OCD id.")
@click.option("--zip", "zip_code", metavar="ZIP", help="A ZIP code (may be ambiguous).")
@click.option(
    "--address", metavar="TEXT", help="A street address (US Census Geocoder; needs the network)."
)
@click.option(
    "--latlng", metavar="LAT,LNG", help="A point, e.g. 40.8036,-124.1682 (needs the network)."
)
@click.option(
    "--level",
    default="federal",
    show_default=True,
    metavar="OFFICES",
    shell_complete=complete_offices,
    help=f"US Congress (federal), the state legislature (state), both (all), or a comma list "
    f"of {WORDS_HELP}.",
)
@click.option(
    "--targets",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="CSV or TOML of your own targets (a city council, company executives) to list as "
    "well; with it, no place is needed.",
)
@source_option
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DATE",
    help="The day the lookup is for: warns when a member's term (or the ZIP table's Congress) "
    "has ended by then [default: the global --as-of, else today].",
)
@format_option("text", "json", "csv")
@pass_app
def lookup(
    app: AppContext,
    *,
    district: str | None,
    zip_code: str | None,
    address: str | None,
    latlng: str | None,
    level: str,
    targets: str | None,
    sources: tuple[str, ...],
    as_of_text: str | None,
    fmt: str,
) -> None:
    """Find the officials for a place: title, name, party, district, phones, offices and
    contact form. A ZIP that spans districts lists every candidate district; nothing is
    picked for you.

    \b
    Examples:
      civickit lookup --district CA-12
      civickit lookup --zip 10001 --format json
      civickit lookup --district CA-SD-2 --level state
      civickit --offline lookup --district WY-AL --format csv
      civickit lookup --address "317 Third St, Eureka, CA 95501" --level all
      civickit lookup --latlng 40.8036,-124.1682 --level state
      civickit lookup --district CA-12 --source congress-gov
      civickit lookup --targets council.csv
      civickit lookup --district CA-12 --as-of 2027-02-01
    """
    from civickit.cli import lookup_views as lookup_output
    from civickit.cli.options import materials_date
    from civickit.core.offices import parse_offices
    from civickit.lookup.facade import Lookup, parse_point
    from civickit.lookup.terms import date_warnings

    on = materials_date(app, as_of_text, option="--as-of")
    point = parse_point(latlng) if latlng is not None else None
    finder = Lookup(
        settings=app.settings,
        notify=message,
        sources=sources,
        targets=targets,
        stdin=sys.stdin if targets == "-" else None,
    )
    result = finder.resolve(
        district=district,
        zip_code=zip_code,
        address=address,
        point=point,
        offices=parse_offices(level, "--level"),
    )
    everyone = [*result.officials, *(o for c in result.candidates for o in c.officials)]
    warnings = date_warnings(everyone, result.provenance, on)
    for warning in warnings:
        message(warning.message)
    if fmt.lower() == "csv":
        notes(result.notes)
    emit(
        fmt,
        {**result.to_dict(), "date_warnings": [warning.to_dict() for warning in warnings]},
        text=lambda: lookup_output.result_text(result),
        csv_rows=lookup_output.result_rows(result),
        csv_columns=lookup_output.CSV_COLUMNS,
    )
