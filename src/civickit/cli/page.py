"""``civickit page``: the action page for supporters, as static files."""

from __future__ import annotations

from pathlib import Path

import click

from civickit.cli.completion import complete_states
from civickit.cli.context import AppContext, pass_app
from civickit.cli.options import date_options, materials_date
from civickit.cli.output import message


@click.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Folder for index.html and districts.html (created if missing).",
)
@click.option(
    "--state",
    "states",
    multiple=True,
    metavar="ST[,ST...]",
    shell_complete=complete_states,
    help="Only these states' districts and ZIPs [default: every state].",
)
@date_options("Date on the letters [default: --as-of, else today].")
@click.option("--force", is_flag=True, help="Replace a page already in the --out folder.")
@pass_app
def page(
    app: AppContext,
    *,
    out: Path,
    states: tuple[str, ...],
    date_text: str | None,
    dayfirst: bool,
    force: bool,
) -> None:
    """Write a static action page: the campaign's facts and ask, and a search that finds a
    visitor's officials by ZIP or district, with call scripts, letters and share texts.

    The page is self-contained (no request leaves it, nothing typed is stored or sent) and
    works from any web host or a USB stick; without JavaScript it shows the facts and a list
    of every district. Its data comes from the local data store (what is missing is downloaded
    first, unless --offline); state legislators are on it for the states synced with
    civickit data sync --state.

    \b
    Examples:
      civickit page --out site/
      civickit data sync --state CA && civickit page --out site/ --force
      civickit page --out site/ --state CA,NV --force
    """
    from civickit.files import refuse_existing, write_atomically
    from civickit.lookup.facade import Lookup
    from civickit.materials.page import page_files
    from civickit.materials.page_words import page_languages
    from civickit.outreach.page_data import build_page

    folder = out.expanduser()
    if folder.exists() and not folder.is_dir():
        raise click.BadParameter(f"{folder} is a file; give a folder", param_hint="--out")
    campaign = app.campaign()
    languages, notes = page_languages(campaign)
    names = page_files(languages)
    refuse_existing([folder / name for name in names], force=force, instead="another --out")
    date = materials_date(app, date_text, dayfirst=dayfirst)
    lookup = Lookup(settings=app.settings, notify=message)
    wanted = [s.strip() for value in states for s in value.split(",") if s.strip()]
    for note in notes:
        message(note)
    files = build_page(campaign, lookup, date=date, states=wanted)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomically(folder / name, data)
        message(f"Wrote {folder / name} ({len(data) // 1024} KiB)")
