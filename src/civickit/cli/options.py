"""Options shared by the commands that make materials, and the one rule for their date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from civickit.cli.completion import complete_sources
from civickit.cli.context import AppContext

LETTER_DATE_HELP = "Date on the letters [default: the global --as-of, else today]."


#: ``--source NAME`` (repeatable): the directories ``letter``, ``callscript`` and ``lookup`` ask
#: first; the command receives them as ``sources``.
source_option = click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="NAME",
    shell_complete=complete_sources,
    help="Directory to ask first, e.g. congress-gov (see civickit adapters list).",
)


def date_options(help_text: str = LETTER_DATE_HELP) -> Callable[[Any], Any]:
    """``--date`` and ``--dayfirst``; the command receives them as ``date_text`` and
    ``dayfirst`` and turns them into its date with ``materials_date``."""
    date = click.option("--date", "date_text", metavar="DATE", help=help_text)
    dayfirst = click.option("--dayfirst", is_flag=True, help="Read 01/02/2026 as 1 February.")

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        return date(dayfirst(function))

    return decorate


def materials_date(
    app: AppContext, date_text: str | None, *, dayfirst: bool = False, option: str = "--date"
) -> dt.date:
    """The date materials carry: the command's ``--date``, else the global ``--as-of``, else
    today. ``letter``, ``callscript`` and ``batch`` all date their output through this, and
    ``lookup`` its own ``--as-of`` (``option`` names the flag in errors)."""
    from civickit.core.dates import parse_user_date
    from civickit.errors import DateError, UsageError

    if not date_text:
        return app.as_of
    try:
        return parse_user_date(date_text, dayfirst=dayfirst)
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from exc


__all__ = ["date_options", "materials_date"]
