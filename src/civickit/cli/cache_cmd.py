"""``civickit cache``: see and empty the cache of geocoder and API answers."""

from __future__ import annotations

from dataclasses import asdict

import click

from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message
from civickit.core.plurals import counted


@click.group()
def cache() -> None:
    """The on-disk cache of geocoder and API answers.

    Answers are kept 30 days (geocoders) or 1 day (directories of officials);
    CIVICKIT_CACHE_TTL sets another number of seconds, 0 turns the cache off.
    CIVICKIT_CACHE_DIR moves it.

    \b
    Examples:
      civickit cache info
      civickit cache clear
    """


@cache.command()
@format_option("text", "json")
@pass_app
def info(app: AppContext, fmt: str) -> None:
    """Where the cache is, how many answers it holds and their size.

    \b
    Examples:
      civickit cache info
      civickit cache info --format json
    """
    from civickit.lookup.cache import AnswerCache

    stats = AnswerCache(settings=app.settings).stats()
    emit(
        fmt,
        asdict(stats),
        text=lambda: f"{stats.folder}\n{stats.entries} answers, {stats.bytes:,} bytes\n",
    )


@cache.command()
@pass_app
def clear(app: AppContext) -> None:
    """Delete every cached answer (the next lookups ask the services again).

    \b
    Example:
      civickit cache clear
    """
    from civickit.lookup.cache import AnswerCache

    removed = AnswerCache(settings=app.settings).clear()
    message(f"Removed {counted(removed, 'cached answer')}.")
