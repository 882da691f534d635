"""E-mail addresses and phone numbers as people type them into sign-up sheets and flags.

One check each, used wherever a supporter's or sender's contact details come in, so an address
that would break a mail header, or a "phone number" with no digits, is reported on its own row
instead of failing a batch half way (or reaching a letter).
"""

from __future__ import annotations

import re

from civickit.errors import UsageError

_PHONE = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?", re.IGNORECASE)
_MIN_DIGITS = 7  # a local number without its area code
_MAX_DIGITS = 15  # E.164's longest number, country code included


def parse_email(text: str) -> str:
    """The address in ``text`` (``ada@example.org``); ``UsageError`` for anything else.

    One bare address (RFC 5322 addr-spec) whose domain has a dot: no display name, no second
    address, no spaces or line breaks.
    """
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    value = text.strip()
    problem = f"{value!r} is not an e-mail address: give one such as ada@example.org"
    try:
        address = Address(addr_spec=value)
    except (ValueError, IndexError, AttributeError, HeaderParseError) as exc:  # 3.11: "0@["
        raise UsageError(problem) from exc
    if not address.username or "." not in address.domain.strip("."):
        raise UsageError(problem)
    return address.addr_spec


def parse_phone(text: str) -> str:
    """``text`` with its white space tidied, when it reads as a phone number; ``UsageError``
    otherwise. Digits with the usual separators (``+1 (415) 555-0100``, ``415.555.0100``) and
    an extension (``x12``) are accepted; 7 to 15 digits before the extension."""
    value = " ".join(text.split())
    main = re.split(r"(?i)\s*(?:x|ext\.?|extension)\s*\d", value, maxsplit=1)[0]
    digits = sum(ch.isdigit() for ch in main)
    if not _PHONE.fullmatch(value) or not _MIN_DIGITS <= digits <= _MAX_DIGITS:
        raise UsageError(
            f"{value!r} is not a phone number: give digits such as 415-555-0100 or +1 415 555 0100"
        )
    return value
