"""``civickit social``: posts per platform, and ``social check`` for a draft of your own."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from civickit.cli.completion import complete_platforms
from civickit.cli.context import AppContext, pass_app
from civickit.cli.letters import lang_option, untranslated_notes
from civickit.cli.output import emit, format_option, message

PLATFORM_HELP = (
    "Comma-separated: x, bluesky, mastodon, threads, linkedin, facebook, instagram, or all."
)


def _platform_option(default: str | None = "all", extra_help: str = "") -> Callable[[Any], Any]:
    return click.option(
        "--platform",
        "platform_names",
        default=default,
        show_default=default is not None,
        metavar="NAMES",
        shell_complete=complete_platforms,
        help=PLATFORM_HELP + extra_help,
    )


@click.group(invoke_without_command=True)
@_platform_option()
@click.option(
    "--count",
    type=click.IntRange(min=1),
    metavar="N",
    help="At most N facts and quotes per platform [default: all].",
)
@click.option("--thread", is_flag=True, help="Split a post too long into numbered posts (1/3).")
@click.option("--url", metavar="URL", help="Action URL [default: the campaign's action_url].")
@click.option(
    "--hashtags/--no-hashtags", default=True, show_default=True, help="Add campaign hashtags."
)
@click.option(
    "--template-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with social_post.txt or social_post_<platform>.txt overriding the built-in.",
)
@lang_option(what="the posts")
@format_option("text", "json", "csv")
@pass_app
@click.pass_context
def social(
    ctx: click.Context,
    app: AppContext,
    *,
    platform_names: str,
    count: int | None,
    thread: bool,
    url: str | None,
    hashtags: bool,
    template_dir: Path | None,
    lang: str,
    fmt: str,
) -> None:
    """Write social posts from the campaign's facts and quotes, each within its platform's limit.

    Every post names its date and source, then the action URL and hashtags. A post too long
    drops hashtags, then a fact is shortened at a sentence or clause boundary; a quote is never
    cut. One that still does not fit is left out (named on stderr), or with --thread split at
    sentence boundaries into numbered posts. Use 'social check' to count a draft of your own.
    With --lang es the posts use the campaign's Spanish texts and hashtags; a quote stays as
    spoken, followed by its translation, and one with no translation is left out.

    \b
    Examples:
      civickit social --platform x
      civickit social --platform x,bluesky --count 3 --thread
      civickit social --platform mastodon --no-hashtags --url https://example.org/act
      civickit social --format json | jq '.[] | {platform, length, limit}'
      civickit social --platform x,bluesky --format csv > posts.csv
      civickit social --lang es --platform x,instagram
      civickit social check "My own draft post" --platform x,bluesky
    """
    if ctx.invoked_subcommand is not None:
        return
    from civickit.cli.social_views import POST_CSV_COLUMNS, posts_text
    from civickit.materials.social import SocialOptions, compose_posts
    from civickit.materials.textcount import parse_platforms, platforms

    options = SocialOptions(
        platforms=tuple(parse_platforms(platform_names)),
        count=count,
        thread=thread,
        url=url,
        hashtags=hashtags,
        template_dir=template_dir,
        language=lang,
    )
    campaign = app.campaign()
    result = compose_posts(campaign, options)
    posts = result.posts
    emit(
        fmt,
        [post.to_dict() for post in posts],
        text=lambda: posts_text(posts),
        csv_columns=POST_CSV_COLUMNS,
    )
    for left in result.left_out:
        label = platforms()[left.platform].label
        message(f"{label}: left out {left.kind} {left.item_id}: {left.reason}")
    for note in untranslated_notes(campaign, lang):
        message(note)


@social.command("check")
@click.argument("text", metavar="TEXT|-")
@_platform_option(None, " [default: the group's --platform, all]")
@format_option("text", "json", "csv")
@click.pass_context
def check(ctx: click.Context, *, text: str, platform_names: str | None, fmt: str) -> None:
    """Count your own draft the way each platform does and say whether it fits.

    Exits 1 when the draft does not fit on one or more of the platforms asked.

    \b
    Examples:
      civickit social check "Ask Congress to act on facial recognition"
      civickit social check - --platform x,bluesky < draft.txt
      civickit social check "$(cat draft.txt)" --format json
    """
    from civickit.cli.social_views import measures_text
    from civickit.materials.textcount import measure_all, parse_platforms

    draft = sys.stdin.read().rstrip("\r\n") if text == "-" else text
    if platform_names is None and ctx.parent is not None:
        platform_names = ctx.parent.params.get("platform_names")  # social --platform x check …
    measures = measure_all(draft, parse_platforms(platform_names))
    emit(fmt, [m.to_dict() for m in measures], text=lambda: measures_text(measures))
    refused = [m.label for m in measures if not m.fits]
    if refused:
        message(f"Does not fit on: {', '.join(refused)}")
        ctx.exit(1)
