"""``civickit templates``: list, show, copy and check letter templates."""

from __future__ import annotations

from pathlib import Path

import click

from civickit.cli.completion import complete_templates
from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, message, write_text
from civickit.core.plurals import counted

_TEMPLATE_DIR = click.option(
    "--template-dir",
    type=click.Path(path_type=Path),
    help="Folder searched before the campaign's templates and the built-in ones.",
)


@click.group()
def templates() -> None:
    """List, show, copy and check the templates letters and call scripts use.

    \b
    Search order: --template-dir, the campaign's templates/ folder, built-in.
    Examples:
      civickit templates list
      civickit templates copy letter_us_senate ./my-templates
      civickit templates check ./my-templates
    """


@templates.command("list")
@_TEMPLATE_DIR
@format_option("text", "json")
@pass_app
def list_command(app: AppContext, template_dir: Path | None, fmt: str) -> None:
    """List every template and where it comes from; a shadowed one is marked.

    \b
    Example:
      civickit templates list --template-dir ./my-templates --format json
    """
    from civickit.materials.catalog import list_templates

    found = list_templates(app.campaign(), template_dir)

    def text() -> str:
        width = max((len(info.name) for info in found), default=0)
        return "".join(
            f"{info.name:<{width}}  {info.origin:<12}  "
            f"{'(shadowed) ' if info.shadowed else ''}{info.path}\n"
            for info in found
        )

    emit(fmt, [info.to_dict() for info in found], text=text)


@templates.command("show")
@click.argument("name", shell_complete=complete_templates)
@_TEMPLATE_DIR
@pass_app
def show(app: AppContext, name: str, template_dir: Path | None) -> None:
    """Print template NAME (e.g. letter_us_senate.txt) as the search path finds it.

    \b
    Example:
      civickit templates show letter_base.html
    """
    from civickit.materials.catalog import find_template

    for info in find_template(app.campaign(), name, template_dir):
        message(f"# {info.path}")
        write_text(info.path.read_text(encoding="utf-8"), newline=False)


@templates.command("copy")
@click.argument("name", shell_complete=complete_templates)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_TEMPLATE_DIR
@click.option("--force", is_flag=True, help="Replace templates already in DIRECTORY.")
@pass_app
def copy(
    app: AppContext, name: str, directory: Path, template_dir: Path | None, force: bool
) -> None:
    """Copy template NAME into DIRECTORY to start a custom one (a bare NAME copies each format).

    \b
    Examples:
      civickit templates copy letter_us_house ./my-templates
      civickit letter --district CA-12 --name "Ada Lopez" \\
          --from-address "1 Main St; San Francisco, CA 94103" --template-dir ./my-templates
    """
    from civickit.materials.catalog import copy_template

    for path in copy_template(app.campaign(), name, directory, template_dir, force=force):
        message(f"Copied {path}")
    message(f"Next: edit them, then run: civickit templates check {directory}")


@templates.command("check")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@pass_app
def check(app: AppContext, directory: Path | None) -> None:
    """Render every template against sample officials of each office type; report errors.

    Each problem is printed as file:line: message; the exit code is 1 when there is any.

    \b
    Examples:
      civickit templates check
      civickit templates check ./my-templates
    """
    from civickit.errors import TemplateRenderError
    from civickit.materials.catalog import check_templates

    report = check_templates(app.campaign(), directory)
    for problem in report.problems:
        write_text(problem)
    for name in report.skipped:
        message(f"Skipped {name}: not a kind of template civickit renders")
    summary = f"checked {len(report.checked)} templates against {report.samples} sample officials"
    if report.problems:
        raise TemplateRenderError(f"{summary}: {counted(len(report.problems), 'problem')}")
    message(f"OK: {summary}")
