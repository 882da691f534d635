"""``civickit facts``: every fact with its date and citation."""

from __future__ import annotations

import click

from civickit.cli.completion import complete_tags
from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option


@click.command()
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    shell_complete=complete_tags,
    help="Only facts with this tag (repeatable).",
)
@format_option("text", "json", "md", "csv")
@pass_app
def facts(app: AppContext, tags: tuple[str, ...], fmt: str) -> None:
    """List the campaign's facts, each with its date and source.

    \b
    Examples:
      civickit facts
      civickit facts --tag key --format md
      civickit facts --format json | jq '.[].citation'
    """
    from civickit.cli import campaign_views as views

    campaign = app.campaign()
    selected = campaign.facts_tagged(tags)
    emit(
        fmt,
        [fact.to_dict() for fact in selected],
        text=lambda: views.facts_text(selected),
        md=lambda: views.facts_markdown(campaign, selected),
        csv_rows=[views.fact_row(fact) for fact in selected],
    )
