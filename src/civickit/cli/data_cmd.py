"""``civickit data``: download the public datasets, see what is stored and what a sync changed."""

from __future__ import annotations

import click

from civickit.cli.completion import complete_datasets, complete_states
from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message


@click.group()
def data() -> None:
    """Download the public datasets lookups use, show what is stored, and what changed.

    \b
    Examples:
      civickit data sync
      civickit data sync --state CA,NY
      civickit data sync --mirror /srv/civickit-mirror
      civickit data status --format json
      civickit data diff congress-legislators
    """


@data.command()
@click.option(
    "--only", "only", multiple=True, metavar="NAME", shell_complete=complete_datasets,
    help="Sync just this dataset (repeatable): congress-legislators, district-offices, "
    "social-media, zcta-cd, openstates-<state>.",
)  # fmt: skip
@click.option(
    "--state", "states", multiple=True, metavar="ST[,ST...]", shell_complete=complete_states,
    help="Also sync the Open States file of these states (repeatable or comma-separated).",
)  # fmt: skip
@click.option(
    "--mirror",
    metavar="URL|DIR",
    envvar="CIVICKIT_DATA_MIRROR",
    help="Take files from this URL or folder (laid out <dataset>/<file>) instead of the sources.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Take a valid file even when it has far fewer records than the stored copy (or, on a "
    "first download, than a complete file).",
)
@format_option("text", "json")
@pass_app
def sync(  # noqa: PLR0917 - click passes one argument per option
    app: AppContext,
    only: tuple[str, ...],
    states: tuple[str, ...],
    mirror: str | None,
    force: bool,
    fmt: str,
) -> None:
    """Download each dataset (only when it changed), validate it, and replace the stored copy
    atomically. A failed or corrupt download keeps the previous copy. Exit code 1 if any failed.
    For members of Congress and Open States files, says what changed against the copy it
    replaced (members added or gone, new vacancies, changed phones or offices); see data diff.

    \b
    Examples:
      civickit data sync
      civickit data sync --only zcta-cd
      civickit data sync --state CA,NY --mirror https://mirror.example.org/civickit
    """
    from civickit.cli.data_views import check_synced, sync_rows, sync_text
    from civickit.cli.progress import ProgressDisplay
    from civickit.lookup.datasets import datasets_for
    from civickit.lookup.store import DataStore

    state_list = [s for value in states for s in value.split(",") if s.strip()]
    store = DataStore(mirror=mirror, notify=message, settings=app.settings)
    with ProgressDisplay() as bar:
        outcomes = store.sync(
            datasets_for(only, state_list),
            force=force,
            on_progress=lambda n, of: bar.update("Sync", n, of),
        )
    emit(fmt, sync_rows(outcomes), text=lambda: sync_text(outcomes))
    check_synced(outcomes)


@data.command()
@format_option("text", "json", "csv")
@pass_app
def status(app: AppContext, fmt: str) -> None:
    """Show each dataset: whether it is stored, the date of its data and how old that is, and
    when and from where it was retrieved.

    \b
    Examples:
      civickit data status
      civickit data status --format json
    """
    from civickit.cli.data_views import status_text
    from civickit.lookup.store import DataStore

    rows = DataStore(settings=app.settings).status()
    emit(fmt, [row.to_dict() for row in rows], text=lambda: status_text(rows))


@data.command()
@click.argument("dataset", required=False, metavar="[DATASET]")
@format_option("text", "json")
@pass_app
def diff(app: AppContext, dataset: str | None, fmt: str) -> None:
    """Show again what the last sync that replaced a dataset changed: members added or gone,
    new vacancies, changed Washington (or Capitol) phones and offices. Without DATASET, every
    stored dataset's last report.

    \b
    Examples:
      civickit data diff
      civickit data diff congress-legislators --format json
      civickit data diff openstates-ca
    """
    from civickit.cli.data_views import diff_text
    from civickit.lookup.datasets import dataset_named
    from civickit.lookup.store import DataStore

    store = DataStore(settings=app.settings)
    chosen = [dataset_named(dataset)] if dataset else store.known_datasets()
    reports = [report for d in chosen if (report := store.changes(d)) is not None]
    emit(fmt, [report.to_dict() for report in reports], text=lambda: diff_text(reports))
