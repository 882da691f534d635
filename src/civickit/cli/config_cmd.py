"""``civickit config``: your name, address and defaults in a TOML file, so flags are optional."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from civickit.cli.completion import complete_config_keys
from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message, write_text
from civickit.errors import UsageError

if TYPE_CHECKING:
    from tomlkit.container import Container

    from civickit.config_keys import ConfigKey
    from civickit.settings import ConfigFile

MASK = "********"

NEW_FILE = """\
# civickit's config file: see `civickit config list` for every key, `civickit config --help`.
# A flag wins over its CIVICKIT_* variable, which wins over this file.

# [sender]
# name = "Ada Lopez"
# address = "1 Main St; San Francisco, CA 94103"
"""


@click.group()
def config() -> None:
    """Keep your name, address, organisation and defaults in a config file.

    Every key is the default of flags (sender.name is letter --name and callscript --name) or
    of a CIVICKIT_* variable (cache.ttl is CIVICKIT_CACHE_TTL). A flag wins over its variable,
    which wins over the config file, which wins over the built-in default. Secrets (API keys,
    the SMTP password) are kept only with --secret, in secrets.toml beside the config file,
    readable by you alone, and never shown.

    \b
    Examples:
      civickit config set sender.name "Ada Lopez"
      civickit config set sender.address "1 Main St; San Francisco, CA 94103"
      civickit config set defaults.to all
      civickit config set --secret adapters.openstates_api_key KEY
      civickit config list --origin
    """


@config.command("set")
@click.argument("key", shell_complete=complete_config_keys)
@click.argument("value")
@click.option("--secret", is_flag=True, help="Store a secret (API key, password) in secrets.toml.")
@pass_app
def set_value(app: AppContext, key: str, value: str, secret: bool) -> None:
    """Set KEY to VALUE, checked as the flag it stands for checks it. A VALUE that starts
    with '-' goes after --.

    \b
    Examples:
      civickit config set sender.email ada@example.org
      civickit config set defaults.formats txt,pdf
      civickit config set -- sender.phone "-"
    """
    from civickit.config_keys import find_key

    found = find_key(key)
    if found.secret and not secret:
        raise UsageError(
            f"{found.name} is a secret: add --secret to keep it in {_file(app).secrets_path} "
            f"(readable only by you), or set {found.variable} instead"
        )
    if secret and not found.secret:
        raise UsageError(f"{found.name} is not a secret; drop --secret")
    checked = check_value(found, value)
    target = _file(app).origin(found)

    def put(document: Container) -> None:
        table: Any = document
        *tables, last = found.name.split(".")
        for part in tables:
            table = table.setdefault(part, {})
        table[last] = checked

    _rewrite(target, put, secret=found.secret)
    message(f"Set {found.name} in {target}")


@config.command("unset")
@click.argument("key", shell_complete=complete_config_keys)
@pass_app
def unset_value(app: AppContext, key: str) -> None:
    """Remove KEY from the config file (or the secrets file), so its default applies again.
    A key civickit does not know is removed too when the file has it (to repair the file).

    \b
    Example:
      civickit config unset defaults.to
    """
    from civickit.config_keys import find_key
    from civickit.settings import read_toml

    file = _file(app)
    name, target, secret = key.strip(), file.path, False
    if not any(name in read_toml(path) for path in (file.path, file.secrets_path)):
        found = find_key(key)
        name, target, secret = found.name, file.origin(found), found.secret
    elif name not in read_toml(file.path):
        target, secret = file.secrets_path, True
    removed = False

    def drop(document: Container) -> None:
        nonlocal removed
        removed = _remove(document, name.split("."))

    if target.is_file():
        _rewrite(target, drop, secret=secret)
    message(f"Removed {name} from {target}" if removed else f"{name} was not set")


@config.command("get")
@click.argument("key", shell_complete=complete_config_keys)
@pass_app
def get_value(app: AppContext, key: str) -> None:
    """Print KEY's value (from its variable, else the config file); exit 1 when unset.

    \b
    Example:
      civickit config get sender.name
    """
    from civickit.config_keys import find_key
    from civickit.errors import CivickitError
    from civickit.settings import origin_of

    found = find_key(key)
    value, _origin = origin_of(found, os.environ, _loaded(app))
    if value is None:
        raise CivickitError(f"{found.name} is not set; civickit config set {found.name} VALUE")
    write_text(MASK if found.secret else _shown(value))


@config.command("list")
@click.option("--origin", is_flag=True, help="Also show where each value comes from.")
@click.option("--all", "every", is_flag=True, help="Also list the keys that are not set.")
@format_option("text", "json")
@pass_app
def list_values(app: AppContext, origin: bool, every: bool, fmt: str) -> None:
    """Every key that has a value, secrets masked.

    \b
    Examples:
      civickit config list --origin
      civickit config list --all --format json
    """
    from civickit.config_keys import BY_NAME, KEYS, find_key
    from civickit.settings import origin_of

    file = _loaded(app)
    plugins = [find_key(name) for name in file.values if name not in BY_NAME]
    rows = []
    for key in [*KEYS, *plugins]:
        value, where = origin_of(key, os.environ, file)
        if value is None and not every:
            continue
        shown = None if value is None else MASK if key.secret else value
        rows.append({"key": key.name, "value": shown, "origin": where, "help": key.help})

    def text() -> str:
        lines = []
        for row in rows:
            value = "" if row["value"] is None else _shown(row["value"])
            suffix = f"  # {row['origin']}" if origin else ""
            lines.append(f"{row['key']} = {value}{suffix}")
        return "".join(f"{line}\n" for line in lines) or "(nothing set)\n"

    emit(fmt, rows if origin else [{k: r[k] for k in ("key", "value")} for r in rows], text=text)


@config.command("path")
@click.option("--secrets", is_flag=True, help="The secrets file instead.")
@pass_app
def show_path(app: AppContext, secrets: bool) -> None:
    """Print the config file's path (CIVICKIT_CONFIG or --config move it).

    \b
    Examples:
      civickit config path
      civickit --config ~/work.toml config path
    """
    file = _file(app)
    write_text(str(file.secrets_path if secrets else file.path))


@config.command("edit")
@pass_app
def edit_file(app: AppContext) -> None:
    """Open the config file in $VISUAL or $EDITOR, then check what you saved.

    \b
    Example:
      EDITOR=nano civickit config edit
    """
    from civickit.files import write_atomically
    from civickit.settings import ConfigFile

    path = _file(app).path
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, NEW_FILE.encode())
    click.edit(filename=str(path))
    try:
        ConfigFile.load(path)
    except UsageError as exc:
        raise UsageError(f"{exc} (kept as you saved it: run civickit config edit again)") from exc
    message(f"Checked {path}")


def check_value(key: ConfigKey, text: str) -> str | bool | int:
    """``text`` as ``key``'s value, through the checks of the flags it is the default of."""
    from civickit.config_keys import parse_text

    value = parse_text(key, text)
    if isinstance(value, str):
        try:
            value = CHECKS.get(key.check, _as_is)(key, value)
        except UsageError as exc:
            if str(exc).startswith(key.name):
                raise
            raise UsageError(f"{key.name}: {exc}") from exc
    context = click.get_current_context()
    for option in key.options:
        param = _option(context, option.command, option.param)
        try:
            param.type.convert(value, param, context)
        except click.BadParameter as exc:
            raise UsageError(f"{key.name}: {exc.message}") from exc
    return value


def _as_is(_key: ConfigKey, value: str) -> str:
    return value


def _offices(key: ConfigKey, value: str) -> str:
    from civickit.core.offices import parse_offices

    parse_offices(value, key.name)
    return value


def _formats(_key: ConfigKey, value: str) -> str:
    from civickit.cli.output import parse_format_list
    from civickit.outreach.options import parse_formats

    return ",".join(parse_formats(parse_format_list(value)))


def _kit(_key: ConfigKey, value: str) -> str:
    from civickit.outreach.kit import kit_word, parse_kit

    return kit_word(parse_kit(value))


def _url(key: ConfigKey, value: str) -> str:
    from civickit.campaign.urls import is_http_url

    if not is_http_url(value):
        raise UsageError(f"{key.name}: {value!r} is not an http(s) URL")
    return value


def _email(_key: ConfigKey, value: str) -> str:
    from civickit.core.contacts import parse_email

    return parse_email(value)


def _phone(_key: ConfigKey, value: str) -> str:
    from civickit.core.contacts import parse_phone

    return parse_phone(value)


def _folder(_key: ConfigKey, value: str) -> str:
    """A folder as an absolute path, so the value means the same from every directory."""
    return str(Path(value).expanduser().absolute())


def _campaign(_key: ConfigKey, value: str) -> str:
    """A campaign folder as an absolute path; a built-in campaign's name as it is."""
    folder = Path(value).expanduser()
    return str(folder.absolute()) if folder.is_dir() else value


CHECKS: dict[str, Callable[[ConfigKey, str], str]] = {
    "folder": _folder,
    "campaign": _campaign,
    "email": _email,
    "phone": _phone,
    "offices": _offices,
    "formats": _formats,
    "kit": _kit,
    "url": _url,
}


def _option(context: click.Context, command: str, name: str) -> click.Parameter:
    """The click parameter ``name`` of ``command`` (``"data sync"``) of the whole CLI."""
    node: click.Command = context.find_root().command
    for word in command.split():
        found = node.get_command(context, word) if isinstance(node, click.Group) else None
        if found is None:  # pragma: no cover - tests/cli/test_config_cli.py walks every key
            raise LookupError(f"no command {command!r}")
        node = found
    return next(param for param in node.params if param.name == name)


def _file(app: AppContext) -> ConfigFile:
    from civickit.settings import ConfigFile, config_path

    return app.config if app.config is not None else ConfigFile(config_path(os.environ))


def _loaded(app: AppContext) -> ConfigFile:
    """The config file, or the error that kept it from loading."""
    if app.config_error is not None:
        raise app.config_error
    return _file(app)


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _rewrite(path: Path, change: Callable[[Container], None], *, secret: bool) -> None:
    """Apply ``change`` to the TOML file at ``path``, keeping its comments and layout, and
    write it atomically (``0600`` for the secrets file)."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from civickit.files import write_atomically

    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8") if path.is_file() else "")
    except TOMLKitError as exc:
        raise UsageError(
            f"{path}: not valid TOML ({exc}); fix it with civickit config edit"
        ) from exc
    change(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o600 if secret else stat.S_IMODE(path.stat().st_mode) if path.is_file() else None
    write_atomically(path, tomlkit.dumps(document).encode("utf-8"), mode=mode)


def _remove(table: Any, parts: list[str]) -> bool:
    """Delete the dotted key ``parts`` from ``table``, and tables left empty by it."""
    first, *rest = parts
    if first not in table:
        return False
    if not rest:
        del table[first]
        return True
    inner = table[first]
    if not hasattr(inner, "keys"):
        return False
    removed = _remove(inner, rest)
    if removed and not inner:
        del table[first]
    return removed
