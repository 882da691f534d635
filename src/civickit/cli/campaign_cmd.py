"""``civickit campaign``: list, show and scaffold campaigns."""

from __future__ import annotations

from pathlib import Path

import click

from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message


@click.group()
def campaign() -> None:
    """List, inspect and create campaigns.

    \b
    Examples:
      civickit campaign list
      civickit campaign show --format json
      civickit campaign init ./library-privacy
    """


@campaign.command("list")
@format_option("text", "json")
def list_campaigns(fmt: str) -> None:
    """List the built-in campaigns.

    \b
    Example:
      civickit campaign list --format json
    """
    from civickit.campaign import builtin_campaign_names, load_campaign

    loaded = [load_campaign(name) for name in builtin_campaign_names()]
    records = [
        {"id": c.id, "title": c.title, "path": str(c.path), "facts": len(c.facts)} for c in loaded
    ]
    emit(fmt, records, text=lambda: "".join(f"{c.id:<24} {c.title}\n" for c in loaded))


@campaign.command("show")
@format_option("text", "json")
@pass_app
def show(app: AppContext, fmt: str) -> None:
    """Show the selected campaign (see --campaign) after validating it.

    \b
    Examples:
      civickit campaign show
      civickit --campaign ./my-campaign campaign show --format json
    """
    from civickit.cli.campaign_views import campaign_text

    selected = app.campaign()
    emit(fmt, selected.to_dict(), text=lambda: campaign_text(selected))


@campaign.command("init")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace a campaign.toml already at PATH.")
def init(path: Path, force: bool) -> None:
    """Create a new campaign folder at PATH that validates and renders as it is.

    \b
    Example:
      civickit campaign init ./library-privacy
      civickit --campaign ./library-privacy facts
    """
    from civickit.campaign.scaffold import init_campaign

    created = init_campaign(path, force=force)
    message(f"Created {created}")
    message(f"Next: edit it, then run: civickit --campaign {path} campaign show")
