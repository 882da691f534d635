"""``civickit completion``: print the shell completion script; and the completers it uses.

Options whose values come from a list (``--to`` words, platforms, campaigns, templates,
datasets, states, adapters, formats, config keys) name one of the ``complete_*`` functions here
with ``shell_complete=``; file and folder arguments use ``click.Path``, which the shells
complete as file names. A completer never fails: anything going wrong offers nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem, get_completion_class

from civickit.cli.output import write_text

if TYPE_CHECKING:
    from civickit.campaign import Campaign

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _words(words: Iterable[str], incomplete: str, *, comma: bool = False) -> list[CompletionItem]:
    """The ``words`` starting with ``incomplete``; with ``comma``, its last comma-separated
    word is completed (``house,se`` -> ``house,senate``)."""
    head, tail = "", incomplete
    if comma and "," in incomplete:
        before, _, tail = incomplete.rpartition(",")
        head = f"{before},"
    chosen = set(head.lower().split(","))
    return [
        CompletionItem(f"{head}{word}")
        for word in sorted(dict.fromkeys(words))
        if word.lower().startswith(tail.lower()) and word.lower() not in chosen
    ]


def _safely(source: Callable[[click.Context], Iterable[str]], *, comma: bool = False) -> Completer:
    def complete(
        ctx: click.Context, _param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        try:
            words = list(source(ctx))
        except Exception:  # completion offers nothing rather than a traceback
            return []
        return _words(words, incomplete, comma=comma)

    return complete


def _office_words(_ctx: click.Context) -> Iterable[str]:
    from civickit.core.offices import OFFICE_WORDS

    return OFFICE_WORDS


def _platform_names(_ctx: click.Context) -> Iterable[str]:
    from civickit.materials.textcount import platforms

    return [*platforms(), "all"]


def _campaign(ctx: click.Context) -> Campaign:
    from civickit.campaign import load_campaign

    ref = ctx.find_root().params.get("campaign_ref")
    return load_campaign(ref if isinstance(ref, str) else None)


def _template_names(ctx: click.Context) -> Iterable[str]:
    from civickit.materials.catalog import list_templates

    folder = ctx.params.get("template_dir")
    return [info.name for info in list_templates(_campaign(ctx), folder)]


def _template_stems(ctx: click.Context) -> Iterable[str]:
    return [name.partition(".")[0] for name in _template_names(ctx)]


def _tags(ctx: click.Context) -> Iterable[str]:
    return _campaign(ctx).tags


def _dataset_names(_ctx: click.Context) -> Iterable[str]:
    from civickit.core.states import CODES
    from civickit.lookup.datasets import NATIONAL, OPENSTATES_PREFIX

    return [d.name for d in NATIONAL] + [f"{OPENSTATES_PREFIX}{c.lower()}" for c in CODES]


def _state_codes(_ctx: click.Context) -> Iterable[str]:
    from civickit.core.states import CODES

    return CODES


def _adapter_names(_ctx: click.Context) -> Iterable[str]:
    from civickit.lookup.facade import Lookup
    from civickit.settings import Settings

    return [info.name for info in Lookup(settings=Settings.from_environ(os.environ)).infos()]


def _letter_formats(_ctx: click.Context) -> Iterable[str]:
    from civickit.outreach.options import FORMATS

    return FORMATS


def _config_keys(_ctx: click.Context) -> Iterable[str]:
    from civickit.config_keys import KEYS

    return [key.name for key in KEYS]


def complete_campaigns(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Built-in campaign names, and folders (a campaign folder holds campaign.toml)."""
    from civickit.campaign.loading import builtin_campaign_names

    return [*_words(builtin_campaign_names(), incomplete), CompletionItem(incomplete, type="dir")]


complete_offices = _safely(_office_words, comma=True)
complete_platforms = _safely(_platform_names, comma=True)
complete_templates = _safely(_template_names)
complete_template_stems = _safely(_template_stems)  # letter --template NAME: NAME.<format>
complete_tags = _safely(_tags)
complete_datasets = _safely(_dataset_names)
complete_states = _safely(_state_codes, comma=True)
complete_sources = _safely(_adapter_names)
complete_letter_formats = _safely(_letter_formats, comma=True)
complete_config_keys = _safely(_config_keys)


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL; source it from your shell's startup file.

    It completes commands, options, --to words, platforms, campaigns, templates, datasets,
    states, adapters, formats, config keys and file names.

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
