"""``civickit adapters``: the geocoders and directories available, built-in and plugins."""

from __future__ import annotations

from dataclasses import asdict

import click

from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message


@click.group()
def adapters() -> None:
    """Inspect the adapters that answer lookups.

    \b
    Example:
      civickit adapters list
    """


@adapters.command("list")
@format_option("text", "json", "csv")
@pass_app
def list_adapters(app: AppContext, fmt: str) -> None:
    """List each adapter: what it answers, whether it needs a key (and which environment
    variable holds it), and whether it is configured.

    \b
    Examples:
      civickit adapters list
      civickit adapters list --format json
    """
    from civickit.cli.lookup_views import adapters_text
    from civickit.lookup.facade import Lookup

    infos = Lookup(settings=app.settings, notify=message).infos()
    emit(fmt, [asdict(info) for info in infos], text=lambda: adapters_text(infos))
