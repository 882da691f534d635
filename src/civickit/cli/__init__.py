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
    "config": "civickit.cli.config_cmd:config",
    "deliver": "civickit.cli.deliver:deliver",
    "page": "civickit.cli.page:page",
}

EPILOG = """\b
Examples:
  civickit facts --tag key
  civickit campaign show --format json
  civickit --campaign ./my-campaign facts --format md
  civickit lookup --district CA-12
  civickit --offline lookup --zip 10001 --format json

Every option can also be set with a CIVICKIT_* environment variable named after the command and
the flag (shown in each command's --help), e.g. CIVICKIT_CAMPAIGN, CIVICKIT_FACTS_FORMAT=json,
and your name, address and defaults once in the config file: see civickit config --help.
A flag wins over its variable, which wins over the config file.
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
        name_envvars(command, cmd_name)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.BadParameter as exc:
            _name_source(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.BadParameter as exc:
            _name_source(exc)
            raise
        except CivickitError as exc:
            from civickit.cli.error_words import cli_message

            _fail(ctx, cli_message(exc), exc.exit_code, exc)
        except OSError as exc:
            _fail(ctx, _describe_os_error(exc), _os_error_code(exc), exc)
        except KeyboardInterrupt:
            _interrupted(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # click's own: usage errors and exits, printed by click
        except Exception as exc:  # a bug: still one line, never a traceback (unless asked for)
            summary = " ".join(str(exc).split()) or "(no message)"
            text = (
                f"unexpected {type(exc).__name__}: {summary}; this is a bug in civickit, "
                "please report it (add --traceback to see where it happened)"
            )
            _fail(ctx, text, ExitCode.FAILURE, exc)
        return None


#: The exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def _interrupted(ctx: click.Context) -> None:
    """Ctrl-C: one line and exit 130. What was done is kept (``--resume`` continues)."""
    click.echo("Interrupted.", err=True)
    ctx.exit(INTERRUPTED)


def _on_interrupt(_signum: int, _frame: object) -> None:
    """The first Ctrl-C stops the command (``KeyboardInterrupt``); later presses are ignored,
    so they cannot break the clean-up the first one started (one press is enough)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def name_envvars(command: click.Command, path: str) -> None:
    """Give every option of ``command`` (and its subcommands) the variable named after its flag
    (``--from-address`` of ``letter`` reads ``CIVICKIT_LETTER_FROM_ADDRESS``, the rule of
    ``config_keys.option_variable``) and show it in ``--help``.

    click's automatic names use the Python parameter name (``fmt`` for ``--format``), which a user
    cannot see in ``--help``; the flag is what they know.
    """
    from civickit.config_keys import option_variable

    for param in command.params:
        if not isinstance(param, click.Option) or not param.allow_from_autoenv:
            continue
        if param.is_eager and not param.envvar:
            continue  # --version
        if param.is_flag and not param.is_bool_flag:
            continue  # one of several flags sharing a destination (--ssl/--starttls)
        if not param.envvar:
            param.envvar = option_variable(path, max(param.opts, key=len))
        param.show_envvar = True
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            name_envvars(sub, f"{path} {name}")


def _name_source(exc: click.BadParameter) -> None:
    """Name where a bad value came from when it was not a flag: the variable
    (``CIVICKIT_BATCH_JOBS``) or the config key and file, instead of the flag."""
    from click.core import ParameterSource

    ctx, param = exc.ctx, exc.param
    if ctx is None or not isinstance(param, click.Option) or param.name is None:
        return
    source = ctx.get_parameter_source(param.name)
    if source is ParameterSource.ENVIRONMENT:
        names = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar or ())
        given = [name for name in names if os.environ.get(name)] or names
        exc.param_hint = f"environment variable {given[0]} (of {param.opts[0]})"
    elif source is ParameterSource.DEFAULT_MAP:
        from civickit.config_keys import KEYS

        command = " ".join(ctx.command_path.split()[1:])
        for key in KEYS:
            if any((o.command.strip(), o.param) == (command, param.name) for o in key.options):
                app = ctx.find_object(AppContext)
                where = f" in {app.config.path}" if app is not None and app.config else ""
                exc.param_hint = f"config key {key.name}{where} (of {param.opts[0]})"


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


#: OS errors that mean a path given was wrong (missing, a folder, not a folder, not allowed):
#: bad input, exit 2. Others (a full disk, an I/O error, the network) are failures, exit 1.
_PATH_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


def _os_error_code(exc: OSError) -> ExitCode:
    import requests

    if isinstance(exc, _PATH_ERRORS) and not isinstance(exc, requests.RequestException):
        return ExitCode.USAGE
    return ExitCode.FAILURE


def _describe_os_error(exc: OSError) -> str:
    # requests' ConnectionError and Timeout are OSError subclasses; name the host, not the URL,
    # so a key in a query string never reaches the terminal.
    import requests

    if isinstance(exc, requests.RequestException):
        from civickit.lookup.http import describe_request_error

        return describe_request_error(exc)
    text = f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc)
    return f"{text}; check the path" if isinstance(exc, _PATH_ERRORS) else text


#: ``-h`` as well as ``--help``, inherited by every command and subcommand.
CONTEXT_SETTINGS = {"auto_envvar_prefix": "CIVICKIT", "help_option_names": ["-h", "--help"]}


def _read_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--config`` (eager, so before every other option): read the config file and make it
    the ``default_map`` of every command. A broken file is reported when a command runs
    (``civickit config edit`` and ``unset`` still work, to repair it)."""
    from civickit.settings import ConfigFile, config_path

    path = config_path(os.environ, value)
    try:
        config = ConfigFile.load(path)
    except CivickitError as exc:
        ctx.meta[_CONFIG_ERROR] = exc
        config = ConfigFile(path)
    ctx.meta[_CONFIG] = config
    ctx.default_map = {**config.default_map(), **(ctx.default_map or {})}
    return value


def _complete_campaigns(ctx: click.Context, param: click.Parameter, incomplete: str) -> Any:
    from civickit.cli.completion import complete_campaigns

    return complete_campaigns(ctx, param, incomplete)


_CONFIG = "civickit.config"
_CONFIG_ERROR = "civickit.config_error"
# Commands that work with a config file that does not load (edit, unset and path repair it;
# list and get report it).
_REPAIRS = {"config"}


@click.group(cls=CivickitGroup, epilog=EPILOG, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", "-V", prog_name="civickit")
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    envvar="CIVICKIT_CONFIG",
    is_eager=True,
    expose_value=False,
    callback=_read_config,
    type=click.Path(dir_okay=False),
    help="Config file to read [default: config.toml in the platform's config folder; "
    "see civickit config path].",
)
@click.option(
    "--campaign",
    "campaign_ref",
    metavar="NAME|PATH",
    envvar="CIVICKIT_CAMPAIGN",
    shell_complete=_complete_campaigns,
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
@click.option(
    "--quiet", "-q", is_flag=True, envvar="CIVICKIT_QUIET", help="No messages on stderr but errors."
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    envvar="CIVICKIT_VERBOSE",
    help="Also say which config file is read and log each download.",
)
@click.pass_context
def cli(  # noqa: PLR0917 - click passes every option as an argument
    ctx: click.Context,
    campaign_ref: str | None,
    as_of: str | None,
    traceback: bool,
    offline: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Turn a campaign's sourced facts into letters, call scripts, fact sheets and posts,
    addressed to the right elected officials."""
    if quiet and verbose:
        from civickit.errors import UsageError

        raise UsageError("--quiet and --verbose contradict each other; give one")
    if os.environ.get("NO_COLOR", ""):
        ctx.color = False  # https://no-color.org; click already drops colour off a terminal
    ctx.obj = AppContext(
        campaign_ref=campaign_ref,
        as_of_text=as_of,
        traceback=traceback,
        offline=offline,
        quiet=quiet,
        verbose=verbose,
        config=ctx.meta.get(_CONFIG),
        config_error=ctx.meta.get(_CONFIG_ERROR),
    )
    if ctx.obj.config_error is not None and ctx.invoked_subcommand not in _REPAIRS:
        raise ctx.obj.config_error
    ctx.obj.settings  # noqa: B018 - built once, here; a bad CIVICKIT_* value fails every command
    if verbose:
        _be_verbose(ctx.obj)
    if as_of:
        _check_as_of(ctx.obj)


def _check_as_of(app: AppContext) -> None:
    """Read --as-of now, so a bad date fails even for commands that never use it."""
    from civickit.errors import DateError, UsageError

    try:
        app.as_of  # noqa: B018 - parsing is the point
    except DateError as exc:
        raise UsageError(f"--as-of: {exc}") from exc


def _be_verbose(app: AppContext) -> None:
    import logging

    from civickit.lookup.http import install_log_redaction

    if app.config is not None:
        found = "" if app.config.path.is_file() else " (none there)"
        click.echo(f"Config: {app.config.path}{found}", err=True)
    install_log_redaction()
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    for name in ("civickit", "urllib3"):  # our own and each request; not every library's debug
        logging.getLogger(name).setLevel(logging.DEBUG)


name_envvars(cli, "")


def main() -> None:
    """Console-script entry point."""
    import signal

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        cli.main(prog_name="civickit", standalone_mode=True)
    except KeyboardInterrupt:  # before a command ran (click turns it into "Aborted!" later)
        click.echo("Interrupted.", err=True)
        sys.exit(INTERRUPTED)
    sys.exit(0)  # pragma: no cover
