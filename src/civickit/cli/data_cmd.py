"""``civickit data``: download the public datasets and see what is stored."""

from __future__ import annotations

import click

from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message


@click.group()
def data() -> None:
    """Download the public datasets lookups use, and show what is stored.

    \b
    Examples:
      civickit data sync
      civickit data sync --state CA,NY
      civickit data sync --mirror /srv/civickit-mirror
      civickit data status --format json
    """


@data.command()
@click.option(
    "--only", "only", multiple=True, metavar="NAME",
    help="Sync just this dataset (repeatable): congress-legislators, district-offices, "
    "social-media, zcta-cd, openstates-<state>.",
)  # fmt: skip
@click.option(
    "--state", "states", multiple=True, metavar="ST[,ST...]",
    help="Also sync the Open States file of these states (repeatable or comma-separated).",
)  # fmt: skip
@click.option(
    "--mirror",
    metavar="URL|DIR",
    envvar="CIVICKIT_DATA_MIRROR",
    help="Take files from this URL or folder (laid out <dataset>/<file>) instead of the sources.",
)
@format_option("text", "json")
@pass_app
def sync(
    app: AppContext, only: tuple[str, ...], states: tuple[str, ...], mirror: str | None, fmt: str
) -> None:
    """Download each dataset (only when it changed), validate it, and replace the stored copy
    atomically. A failed or corrupt download keeps the previous copy. Exit code 1 if any failed.

    \b
    Examples:
      civickit data sync
      civickit data sync --only zcta-cd
      civickit data sync --state CA,NY --mirror https://mirror.example.org/civickit
    """
    from civickit.cli.data_views import check_synced, sync_text
    from civickit.cli.progress import ProgressDisplay
    from civickit.lookup.store import DataStore, datasets_for

    state_list = [s for value in states for s in value.split(",") if s.strip()]
    store = DataStore(mirror=mirror, notify=message, settings=app.settings)
    with ProgressDisplay() as bar:
        outcomes = store.sync(
            datasets_for(only, state_list), on_progress=lambda n, of: bar.update("Sync", n, of)
        )
    emit(
        fmt,
        [{"name": o.name, "status": o.status, "message": o.message} for o in outcomes],
        text=lambda: sync_text(outcomes),
    )
    check_synced(outcomes)


@data.command()
@format_option("text", "json", "csv")
@pass_app
def status(app: AppContext, fmt: str) -> None:
    """Show each dataset: whether it is stored, from where, when, and how old.

    \b
    Examples:
      civickit data status
      civickit data status --format json
    """
    from civickit.cli.data_views import status_text
    from civickit.lookup.store import DataStore

    rows = DataStore(settings=app.settings).status()
    emit(fmt, [row.to_dict() for row in rows], text=lambda: status_text(rows))
