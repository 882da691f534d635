"""Letters as e-mail: the RFC 5322 message, its stable Message-ID and the office's address."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage

from civickit.core.contacts import parse_email
from civickit.core.officials import Official
from civickit.core.safety import check_header_value
from civickit.errors import UsageError
from civickit.materials.letter_sender import Sender


def check_email_sender(sender: Sender) -> str:
    """The sender's e-mail address, checked for use in a header; a clear error when missing."""
    if not sender.email:
        raise UsageError("e-mail output needs the sender's address: add --email you@example.org")
    check_header_value("sender name", sender.name)
    return parse_email(check_header_value("sender e-mail", sender.email))


def email_message(
    official: Official,
    sender: Sender,
    *,
    subject: str,
    body: str,
    date: dt.date,
    sent_at: dt.datetime | None = None,
    message_key: str | None = None,
) -> EmailMessage:
    """``body`` as an RFC 5322 message from the sender to the office's e-mail.

    ``To`` is set only when the official's data has an e-mail address (many offices take
    mail through a web form instead). ``sent_at`` defaults to noon UTC of ``date``. The
    Message-ID follows ``message_id``: from ``message_key`` (a batch gives its row's input
    hash and the office), else from the message itself, so the same letter to the same
    office always gets the same one.
    """
    from email import policy
    from email.utils import format_datetime, formataddr

    sender_email = check_email_sender(sender)
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = formataddr((sender.name, sender_email))
    to = office_email(official)
    if to:
        check_header_value("official's e-mail", to)
        check_header_value("official's name", official.name)
        message["To"] = formataddr((official.name, to))
    message["Subject"] = check_header_value("campaign subject", subject)
    when = sent_at or dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.UTC)
    message["Date"] = format_datetime(when)
    if message_key is None:
        fields = [str(message[header] or "") for header in ("From", "To", "Subject", "Date")]
        message_key = "\n".join([*fields, body])
    message["Message-ID"] = message_id(message_key, sender_email)
    message.set_content(body, cte="quoted-printable")
    return message


def message_id(key: str, sender_email: str) -> str:
    """The one Message-ID rule: ``<32 hex digits of SHA-256(key)@the sender's domain>``.

    Stable: a letter re-made from the same ``key`` keeps its Message-ID, so ``civickit send``
    recognises a message it has already sent.
    """
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = sender_email.rpartition("@")[2] or "civickit.invalid"
    return f"<{digest}@{domain}>"


def office_email(official: Official) -> str | None:
    """The official's e-mail address, if the data holds a real one (not a contact-form URL)."""
    value = (official.email or "").strip()
    if not value or "://" in value or value.count("@") != 1 or " " in value:
        return None
    return value.removeprefix("mailto:")


def for_sending(
    message: EmailMessage, *, org_name: str, org_email: str, now: dt.datetime
) -> EmailMessage:
    """``message`` as the organisation's server sends it, so receiving servers that enforce
    DMARC for the supporter's domain accept it: ``From`` is the organisation's sending address
    with the supporter's name ("Ada Lopez via Bay Area Privacy Coalition"), ``Reply-To`` the
    supporter, ``Date`` the time of sending. The Message-ID is kept (``send`` knows the message
    by it); the envelope sender is the organisation's address too (``send`` passes it)."""
    from email.headerregistry import Address
    from email.utils import format_datetime

    address = parse_email(check_header_value("organisation e-mail", org_email))
    check_header_value("organisation name", org_name)
    supporter = message["From"]
    supporter_address = supporter.addresses[0] if getattr(supporter, "addresses", ()) else None
    display = supporter_address.display_name if supporter_address else ""
    user, _, domain = address.rpartition("@")
    shown = f"{display} via {org_name}" if display else org_name
    del message["From"], message["Reply-To"], message["Sender"], message["Date"]
    message["From"] = Address(display_name=shown, username=user, domain=domain)
    if supporter_address is not None:
        message["Reply-To"] = supporter_address
    message["Date"] = format_datetime(now)
    return message
