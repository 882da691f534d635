"""``civickit plugins``: install, list and uninstall adapter plugins in civickit's environment."""

from __future__ import annotations

import click

from civickit.cli.output import emit, format_option, message


@click.group()
def plugins() -> None:
    """Install, list and uninstall plugins (third-party adapters).

    Plugins go into the Python environment civickit itself runs in, whether pip, pipx or uv
    installed it (pipx users may also run `pipx inject civickit NAME`, uv users
    `uv tool install civickit --with NAME`).

    \b
    Examples:
      civickit plugins install civickit-attorneys-general
      civickit plugins list
    """


@plugins.command("list")
@format_option("text", "json", "csv")
def list_plugins(fmt: str) -> None:
    """List the installed plugin distributions and their entry points.

    \b
    Examples:
      civickit plugins list
      civickit plugins list --format json
    """
    from civickit.lookup.adapters.plugins import installed_plugins

    found = installed_plugins()
    emit(
        fmt,
        [plugin.to_dict() for plugin in found],
        text=lambda: (
            "\n".join(f"{p.name} {p.version} ({'; '.join(p.entry_points)})" for p in found)
            or "no plugins installed (see civickit plugins install --help)"
        ),
    )


@plugins.command("install")
@click.argument("names", nargs=-1, required=True)
@click.option("--upgrade", "-U", is_flag=True, help="Upgrade plugins already installed.")
def install(names: tuple[str, ...], upgrade: bool) -> None:
    """Install plugins with civickit's own pip: NAMES are anything pip installs (a PyPI
    name, a folder, a wheel).

    \b
    Examples:
      civickit plugins install civickit-attorneys-general
      civickit plugins install ./docs/examples/civickit-example-plugin
    """
    _pip("install", names, ("--upgrade",) if upgrade else ())


@plugins.command("uninstall")
@click.argument("names", nargs=-1, required=True)
def uninstall(names: tuple[str, ...]) -> None:
    """Uninstall plugins from civickit's environment (only distributions that are civickit
    plugins; see civickit plugins list).

    \b
    Example:
      civickit plugins uninstall civickit-attorneys-general
    """
    _pip("uninstall", names)


def _pip(action: str, names: tuple[str, ...], options: tuple[str, ...] = ()) -> None:
    import subprocess
    import sys
    from importlib.util import find_spec

    from civickit.errors import CivickitError
    from civickit.lookup.adapters.plugins import pip_command

    has_pip = find_spec("pip") is not None
    command = pip_command(action, names, sys.executable, options, has_pip=has_pip)
    message(f"running {' '.join(command)}")
    # pip's own output is a message for the person at the terminal: stderr, as ours is.
    done = subprocess.run(  # noqa: S603 (sys.executable -m pip, with the names as arguments)
        command, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if done.stdout:
        message(done.stdout.rstrip("\n"))
    if done.returncode != 0:
        raise CivickitError(
            f"pip {action} {' '.join(names)} failed (exit {done.returncode}); see pip's "
            "message above"
        )
