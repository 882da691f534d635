"""The ``civickit`` command line: a thin click layer over the library."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from civickit.cli.context import AppContext
from civickit.errors import CivickitError, ExitCode
from civickit.version import __version__

# Command name -> "module:attribute". Modules are imported only when a command is used or
# listed, so `civickit --help` stays fast.
COMMANDS: dict[str, str] = {
    "facts": "civickit.cli.facts:facts",
    "campaign": "civickit.cli.campaign_cmd:campaign",
    "completion": "civickit.cli.completion:completion",
    "social": "civickit.cli.social:social",
    "letter": "civickit.cli.letters:letter",
    "callscript": "civickit.cli.letters:callscript",
    "templates": "civickit.cli.templates_cmd:templates",
    "lookup": "civickit.cli.lookup_cmd:lookup",
    "data": "civickit.cli.data_cmd:data",
    "adapters": "civickit.cli.adapters_cmd:adapters",
    "plugins": "civickit.cli.plugins_cmd:plugins",
    "cache": "civickit.cli.cache_cmd:cache",
    "targets": "civickit.cli.targets_cmd:targets",
    "factsheet": "civickit.cli.factsheet:factsheet",
    "batch": "civickit.cli.batch:batch",
    "send": "civickit.cli.send:send",
}

EPILOG = """\b
Examples:
  civickit facts --tag key
  civickit campaign show --format json
  civickit --campaign ./my-campaign facts --format md
  civickit lookup --district CA-12
  civickit --offline lookup --zip 10001 --format json

Every option can also be set with a CIVICKIT_* environment variable named after the command and
the flag, e.g. CIVICKIT_CAMPAIGN, CIVICKIT_FACTS_FORMAT=json, CIVICKIT_LETTER_FROM_ADDRESS.
"""


class CivickitGroup(click.Group):
    """Lazy command loading plus the one error boundary for the whole CLI."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*COMMANDS, *self.commands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        name_envvars(command, f"CIVICKIT_{cmd_name}")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CivickitError as exc:
            from civickit.cli.error_words import cli_message

            _fail(ctx, cli_message(exc), exc.exit_code, exc)
        except OSError as exc:
            _fail(ctx, _describe_os_error(exc), ExitCode.FAILURE, exc)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        return None


def name_envvars(command: click.Command, prefix: str) -> None:
    """Give every option of ``command`` (and its subcommands) the variable named after its flag:
    ``--from-address`` of ``letter`` reads ``CIVICKIT_LETTER_FROM_ADDRESS``.

    click's automatic names use the Python parameter name (``fmt`` for ``--format``), which a user
    cannot see in ``--help``; the flag is what they know.
    """
    stem = prefix.upper().replace("-", "_")
    for param in command.params:
        if not isinstance(param, click.Option) or param.envvar or not param.allow_from_autoenv:
            continue
        if param.is_flag and not param.is_bool_flag:
            continue  # one of several flags sharing a destination (--ssl/--starttls)
        flag = max(param.opts, key=len).lstrip("-").upper().replace("-", "_")
        param.envvar = f"{stem}_{flag}"
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            name_envvars(sub, f"{stem}_{name}")


def _traceback_wanted(ctx: click.Context) -> bool:
    obj = ctx.find_object(AppContext)
    if obj is not None and obj.traceback:
        return True
    return os.environ.get("CIVICKIT_TRACEBACK", "") not in ("", "0")


def _fail(ctx: click.Context, message: str, code: int, exc: BaseException) -> None:
    if _traceback_wanted(ctx):
        raise exc
    first, *rest = message.splitlines() or [""]
    click.echo(f"Error: {first}", err=True)
    for line in rest:
        click.echo(line, err=True)
    ctx.exit(int(code))


def _describe_os_error(exc: OSError) -> str:
    # requests' ConnectionError and Timeout are OSError subclasses; name the host, not the URL,
    # so a key in a query string never reaches the terminal.
    import requests

    if isinstance(exc, requests.RequestException):
        from civickit.lookup.http import describe_request_error

        return describe_request_error(exc)
    if exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


#: ``-h`` as well as ``--help``, inherited by every command and subcommand.
CONTEXT_SETTINGS = {"auto_envvar_prefix": "CIVICKIT", "help_option_names": ["-h", "--help"]}


@click.group(cls=CivickitGroup, epilog=EPILOG, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", "-V", prog_name="civickit")
@click.option(
    "--campaign",
    "campaign_ref",
    metavar="NAME|PATH",
    envvar="CIVICKIT_CAMPAIGN",
    help="Built-in campaign name or a folder with campaign.toml [default: facial-recognition].",
)
@click.option(
    "--as-of",
    metavar="DATE",
    envvar="CIVICKIT_AS_OF",
    help="Date that relative phrases ('six years ago') are counted from [default: today].",
)
@click.option(
    "--traceback", is_flag=True, envvar="CIVICKIT_TRACEBACK", help="Show full tracebacks on errors."
)
@click.option(
    "--offline",
    is_flag=True,
    envvar="CIVICKIT_OFFLINE",
    help="Never use the network: only data already in the data store (or a mirror folder).",
)
@click.pass_context
def cli(
    ctx: click.Context,
    campaign_ref: str | None,
    as_of: str | None,
    traceback: bool,
    offline: bool,
) -> None:
    """Turn a campaign's sourced facts into letters, call scripts, fact sheets and posts,
    addressed to the right elected officials."""
    ctx.obj = AppContext(
        campaign_ref=campaign_ref, as_of_text=as_of, traceback=traceback, offline=offline
    )
    ctx.obj.settings  # noqa: B018 - built once, here; a bad CIVICKIT_* value fails every command
    if as_of:
        _check_as_of(ctx.obj)


def _check_as_of(app: AppContext) -> None:
    """Read --as-of now, so a bad date fails even for commands that never use it."""
    from civickit.errors import DateError, UsageError

    try:
        app.as_of  # noqa: B018 - parsing is the point
    except DateError as exc:
        raise UsageError(f"--as-of: {exc}") from exc


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="civickit", standalone_mode=True)
    sys.exit(0)  # pragma: no cover
