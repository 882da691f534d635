"""``civickit send``: send a batch's e-mails over SMTP, each exactly once."""

from __future__ import annotations

from pathlib import Path

import click

from civickit.cli.batch_views import send_line
from civickit.cli.context import AppContext, pass_app
from civickit.cli.output import emit, format_option, result_line


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--smtp-host", metavar="HOST", help="SMTP server (not needed with --dry-run).")
@click.option(
    "--smtp-port",
    type=click.IntRange(1, 65535),
    metavar="PORT",
    help="SMTP port [default: 587 with --starttls, 465 with --ssl, 25 with --plain].",
)
@click.option(
    "--starttls",
    "security",
    flag_value="starttls",
    default=True,
    help="Upgrade with STARTTLS (default).",
)
@click.option("--ssl", "security", flag_value="ssl", help="Connect over TLS from the start.")
@click.option("--plain", "security", flag_value="none", help="No encryption (localhost only).")
@click.option(
    "--smtp-user", metavar="USER", help="Log in as USER; password from CIVICKIT_SMTP_PASSWORD."
)
@click.option(
    "--smtp-cafile",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="CA certificate(s) to trust for a server with a private certificate.",
)
@click.option(
    "--org-email",
    metavar="ADDR",
    help="The organisation's sending address: From and envelope sender of every message "
    "(the supporter goes in Reply-To). Required unless --dry-run.",
)
@click.option(
    "--org-name",
    metavar="NAME",
    help="The organisation's name, shown as 'Ada Lopez via NAME'.",
)
@click.option("--rate", metavar="N/min", help="At most N messages per minute (e.g. 30/min).")
@click.option("--dry-run", is_flag=True, help="List what would be sent; connect to nothing.")
@click.option(
    "--retry-unknown",
    is_flag=True,
    help="Also resend messages whose earlier send was interrupted (check the mailbox first).",
)
@format_option("text", "json")
@pass_app
def send(  # noqa: PLR0917 - click passes one argument per option
    app: AppContext,
    directory: Path,
    smtp_host: str | None,
    smtp_port: int | None,
    security: str,
    smtp_user: str | None,
    smtp_cafile: Path | None,
    org_email: str | None,
    org_name: str | None,
    rate: str | None,
    dry_run: bool,
    retry_unknown: bool,
    fmt: str,
) -> None:
    """Send the .eml letters of a batch folder DIR and record each in DIR/send-log.jsonl.

    A message the log shows as sent is never sent again. One whose send was interrupted
    (logged as "sending", outcome unknown) is not resent without --retry-unknown.
    Exit status: 0 all sent, 3 some failed or unknown, 1 connection lost, 2 bad options.

    \b
    Examples:
      CIVICKIT_SMTP_PASSWORD=... civickit send letters/ --smtp-host smtp.example.org \\
          --smtp-user organiser@example.org --org-email letters@bapc.example \\
          --org-name "Bay Area Privacy Coalition" --rate 30/min
      civickit send letters/ --dry-run
    """
    from civickit.cli.progress import ProgressDisplay
    from civickit.outreach.delivery import SmtpSettings, parse_rate, send_batch
    from civickit.settings import SMTP_PASSWORD_ENV

    if not smtp_host and not dry_run:
        raise click.UsageError("Missing option '--smtp-host' (only --dry-run works without it).")
    if not org_email and not dry_run:
        raise click.UsageError(
            "Missing option '--org-email' (or config organisation.email): the address your SMTP "
            "server sends as; each message goes From it with the supporter in Reply-To, so DMARC "
            "passes"
        )
    settings = SmtpSettings(
        host=smtp_host or "",
        port=smtp_port,
        security=security,  # type: ignore[arg-type]
        user=smtp_user,
        password=app.settings.secret(SMTP_PASSWORD_ENV),
        cafile=smtp_cafile,
        org_name=org_name,
        org_email=org_email,
    )
    with ProgressDisplay() as bar:
        report = send_batch(
            directory,
            settings,
            per_minute=parse_rate(rate) if rate else None,
            dry_run=dry_run,
            retry_unknown=retry_unknown,
            on_progress=lambda done, total: bar.update("Sending", done, total),
        )
    lines = [f"would send {o.path} to {o.to}" for o in report.would_send]
    lines += [f"unknown: {o.path} ({o.message_id})" for o in report.unknown]
    failed = "would fail" if report.dry_run else "failed"
    lines += [f"{failed}: {o.path}: {reason}" for o, reason in report.failed]
    if lines or fmt != "text":
        emit(fmt, report.to_dict(), text=lambda: "".join(f"{line}\n" for line in lines))
    result_line(send_line(report))
    if report.exit_code:
        click.get_current_context().exit(int(report.exit_code))
