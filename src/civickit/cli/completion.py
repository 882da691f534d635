"""``civickit completion``: print the shell completion script."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

from civickit.cli.output import write_text


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL; source it from your shell's startup file.

    \b
    Examples:
      civickit completion bash >> ~/.bashrc
      civickit completion zsh > ~/.zfunc/_civickit
      civickit completion fish > ~/.config/fish/completions/civickit.fish
    """
    root = ctx.find_root().command
    completion_class = get_completion_class(shell)
    if completion_class is None:  # pragma: no cover - click ships all three
        raise click.UsageError(f"no completion support for {shell}")
    script = completion_class(root, {}, "civickit", "_CIVICKIT_COMPLETE").source()
    write_text(script)
