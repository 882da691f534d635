"""``civickit letter`` and ``civickit callscript``: one per official of a place."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from civickit.cli.completion import complete_offices, complete_template_stems
from civickit.cli.context import AppContext, pass_app
from civickit.cli.options import date_options, materials_date, source_option
from civickit.cli.output import emit, extension, format_option, message, notes, write_data
from civickit.core.offices import DEFAULT_TO, WORDS_HELP

if TYPE_CHECKING:
    import datetime as dt

    from civickit.campaign import Campaign
    from civickit.lookup.recipients import Place, Recipients

_PLACE_OPTIONS = (
    click.option("--district", metavar="D", help="District: CA-12, WY-AL, CA-SD-2, CA-AD-4."),
    click.option("--zip", "zip_code", metavar="ZIP", help="ZIP code (ZIP+4 accepted)."),
    click.option(
        "--address", metavar="ADDRESS", help="Street address, e.g. '1 Main St, Eureka, CA'."
    ),
    click.option(
        "--to",
        "to",
        default=DEFAULT_TO,
        show_default=True,
        metavar="OFFICES",
        shell_complete=complete_offices,
        help=f"Comma list of {WORDS_HELP}.",
    ),
    click.option(
        "--targets",
        metavar="FILE",
        type=click.Path(dir_okay=False, allow_dash=True),
        help="CSV or TOML of your own targets (a city council, company executives) to write to "
        "as well; with it, no place is needed.",
    ),
    source_option,
)


def place_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say where the writer lives and which offices to write to.

    The command receives them as one ``place`` argument (a ``recipients.Place``).
    """

    @functools.wraps(function)
    def wrapper(
        *args: Any,
        district: str | None,
        zip_code: str | None,
        address: str | None,
        to: str,
        targets: str | None,
        sources: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
        from civickit.core.offices import parse_offices
        from civickit.lookup.recipients import Place

        place = Place(district, zip_code, address, parse_offices(to), targets, sources)
        return function(*args, place=place, **kwargs)

    for option in reversed(_PLACE_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _stdin(place: Place) -> IO[str] | None:
    """The stream ``--targets -`` reads."""
    return sys.stdin if str(place.targets) == "-" else None


def _warn_dates(recipients: Recipients, on: dt.date) -> None:
    """Warn on stderr when a recipient's term (or the ZIP table's Congress) ended by ``on``."""
    from civickit.lookup.terms import date_warnings

    for warning in date_warnings(recipients.officials, recipients.provenance, on):
        message(warning.message)


def _read_story(value: str | None) -> str | None:
    """``--story`` text as given, or ``@FILE`` read from a file (``@-`` is stdin)."""
    if value is None or not value.startswith("@"):
        return value
    from civickit.tabular import read_text

    stdin = sys.stdin.buffer if value == "@-" else None
    return read_text(value[1:], stdin=stdin, what="--story file")


def language_option_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """A ``--lang`` value as its language code (``es`` for ``español``); a usage error else."""
    from civickit.core.languages import DEFAULT_LANGUAGE, language_code
    from civickit.errors import UsageError

    try:
        return language_code(value) if value else DEFAULT_LANGUAGE
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None


def lang_option(name: str = "--lang", what: str = "the materials") -> Callable[..., Any]:
    """``--lang CODE``: the language of ``what`` (``es``, ``spa``, ``Spanish``, ``español``)."""
    return click.option(
        name,
        "lang",
        metavar="LANG",
        callback=language_option_value,
        help=f"Language of {what}: en (default), es, or any with campaign translations.",
    )


def _untranslated(renderer: Any) -> list[str]:
    return untranslated_notes(renderer.campaign, renderer.words.code)


def untranslated_notes(campaign: Campaign, code: str) -> list[str]:
    """The note on what language ``code`` lacks and so prints in English (every --lang)."""
    from civickit.campaign.translations import missing_translations

    missing = missing_translations(campaign, code)
    if not missing:
        return []
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return [f"language {code}: not translated, so in English: {shown}"]


@click.command()
@place_options
@click.option("--name", required=True, help="Your name, as you sign the letter.")
@click.option(
    "--from-address",
    "from_address",
    required=True,
    metavar="ADDR",
    help="Your postal address; separate lines with ';' (or '1 Main St, City, ST 12345').",
)
@click.option("--email", metavar="E", help="Your e-mail address (needed for --format eml).")
@click.option("--phone", metavar="P", help="Your phone number.")
@click.option("--prefix", metavar="P", help="Mr., Ms., Mrs., Dr. ... (needed for --format cwc).")
@click.option("--story", metavar="TEXT|@FILE", help="A personal paragraph; @FILE reads a file.")
@click.option(
    "--not-constituent",
    is_flag=True,
    help="Write to officials of a place you do not live in: the letter does not say you live "
    "there, and your --from-address ZIP is not checked against the place.",
)
@date_options()
@lang_option(what="the letter")
@format_option("text", "md", "html", "pdf", "eml", "cwc", "json")
@click.option(
    "--template",
    metavar="NAME",
    shell_complete=complete_template_stems,
    help="Use template NAME.<format> for every office.",
)
@click.option(
    "--template-dir",
    type=click.Path(path_type=Path),
    help="Folder searched for templates before the campaign's and the built-in ones.",
)
@click.option(
    "--out", default="-", show_default=True, metavar="DIR|-", help="Folder for one file per letter."
)
@click.option("--force", is_flag=True, help="Replace letters already in the --out folder.")
@pass_app
def letter(  # noqa: PLR0917 - click passes every option as an argument
    app: AppContext,
    place: Place,
    name: str,
    from_address: str,
    email: str | None,
    phone: str | None,
    prefix: str | None,
    story: str | None,
    not_constituent: bool,
    date_text: str | None,
    dayfirst: bool,
    lang: str,
    fmt: str,
    template: str | None,
    template_dir: Path | None,
    out: str,
    force: bool,
) -> None:
    """Write a letter to each official of a district, ZIP or address, and to each target
    of a --targets file.

    A letter to a legislator says you live in their district, so the ZIP of --from-address is
    checked against the place: outside it, the letter is refused (exit 2) unless you add
    --not-constituent; a ZIP only partly in the district is accepted with a note.

    \b
    Examples:
      civickit letter --district CA-11 --name "Ada Lopez" \\
          --from-address "1 Main St; San Francisco, CA 94103"
      civickit letter --zip 95501 --to all --name "Ada Lopez" \\
          --from-address "1 Main St; Eureka, CA 95501" --format pdf --out letters/
      civickit letter --address "100 State Cir, Annapolis, MD 21401" --to state \\
          --name "Ada Lopez" --from-address "1 Main St; Annapolis, MD 21401" \\
          --date "26/11/2026" --dayfirst --format md
      civickit letter --targets council.csv --name "Ada Lopez" \\
          --from-address "1 Main St, Oakland, CA 94612" --out letters/
      civickit letter --district CA-12 --to other --name "Ada Lopez" \\
          --from-address "1 Main St; Oakland, CA 94612" --format json
    """
    from dataclasses import replace

    from civickit.lookup.recipients import find_recipients
    from civickit.materials import letter_files as letter_output
    from civickit.materials.cwc import DeliveryAgent
    from civickit.materials.letters import LetterRenderer, Sender, parse_address

    if fmt == "json" and out != "-":
        raise click.UsageError("--format json writes to stdout: drop --out (or use --out -)")
    letter_date = materials_date(app, date_text, dayfirst=dayfirst)
    sender = Sender(name, parse_address(from_address), email, phone, _read_story(story), prefix)
    renderer = LetterRenderer(
        app.campaign(),
        template_dir=template_dir,
        template=template,
        as_of=app.as_of,
        constituent=not not_constituent,
        delivery_agent=DeliveryAgent.from_settings(app.settings) if fmt == "cwc" else None,
        language=lang,
    )
    if not not_constituent:  # the letter says "I live in …": check it against the sender's ZIP
        place = replace(place, sender_zip=sender.zip_code)
    recipients = find_recipients(place, settings=app.settings, notify=message, stdin=_stdin(place))
    made = "txt" if fmt == "json" else extension(fmt)
    letters = letter_output.compose_letters(
        renderer, recipients.officials, sender, made, date=letter_date
    )
    _warn_dates(recipients, letter_date)
    letters_notes = [*_untranslated(renderer), *letters.notes]
    if fmt == "json":
        notes([*recipients.notes, *letters_notes])
        emit(
            fmt, [letter_output.letter_json(renderer, one, letter_date) for one in letters.letters]
        )
        return
    # Made before the notes are shown, so a refused stream shows only its error.
    data = letter_output.stream_bytes(renderer, letters) if out == "-" else b""
    notes([*recipients.notes, *letters_notes])
    if out == "-":
        write_data(data)
        return
    for path in letter_output.save_letters(renderer, letters, Path(out), force=force):
        message(f"Wrote {path}")


@click.command()
@place_options
@click.option("--name", default="", help="Your name [default: a placeholder to fill in].")
@click.option(
    "--from-address",
    "from_address",
    default="",
    metavar="ADDR",
    help="Your address; its last line (city, ZIP) is said on the call.",
)
@lang_option(what="the call script")
@format_option("text", "md", "json")
@pass_app
def callscript(  # noqa: PLR0917 - click passes every option as an argument
    app: AppContext,
    place: Place,
    name: str,
    from_address: str,
    lang: str,
    fmt: str,
) -> None:
    """A 30-second phone script for each office: numbers, what to say, voicemail.

    \b
    Examples:
      civickit callscript --district CA-12
      civickit callscript --zip 95501 --to all --name "Ada Lopez" \\
          --from-address "Eureka, CA 95501" --format json
      civickit callscript --targets council.csv --format md
    """
    from civickit.lookup.recipients import find_recipients
    from civickit.materials import letter_files as letter_output
    from civickit.materials.letters import LetterRenderer, Sender, parse_address

    # Without an address, a --zip given for the lookup is still where the caller lives.
    where = f"ZIP code {place.zip_code.strip()}" if place.zip_code else ""
    sender = Sender(name, parse_address(from_address) if from_address.strip() else where)
    renderer = LetterRenderer(app.campaign(), as_of=app.as_of, language=lang)
    recipients = find_recipients(place, settings=app.settings, notify=message, stdin=_stdin(place))
    scripts, script_notes = letter_output.compose_callscripts(
        renderer, recipients.officials, sender
    )
    _warn_dates(recipients, app.as_of)
    notes([*recipients.notes, *_untranslated(renderer), *script_notes])
    emit(
        fmt,
        [script.to_dict() for script in scripts],
        text=lambda: renderer.render_callscripts(scripts, "txt"),
        md=lambda: renderer.render_callscripts(scripts, "md"),
    )
