"""Guards for data that comes from users: file names, CSV cells, e-mail headers."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from civickit.errors import UsageError

_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")
_MAX_NAME = 80


def safe_filename_part(text: str, fallback: str = "unnamed", *, lower: bool = True) -> str:
    """A piece of a file name made from user data: ASCII, no separators, no dots in front.

    ``../../etc/x`` becomes ``etc-x``; the result never leaves the folder it is joined to.
    ``lower=False`` keeps the case (``CA-12``).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE_FILENAME_CHARS.sub("-", ascii_text).strip("-._")
    cleaned = cleaned.lower() if lower else cleaned
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:_MAX_NAME].strip("-._")
    return cleaned or fallback


def distinct_filename(readable: str, exact: str, fallback: str = "unnamed") -> str:
    """A file name that reads like ``readable`` and can never collide for two ``exact`` values.

    The slug keeps the name recognisable (``ada-lopez``); eight hex digits of SHA-256 of the
    exact value (case, accents, CJK and punctuation included) keep ids such as ``AB1``/``ab1``,
    ``甲``/``乙`` or ``x/2``/``x-2`` apart, which a slug alone would fold together.
    """
    tag = hashlib.sha256(exact.encode("utf-8")).hexdigest()[:8]
    return f"{safe_filename_part(readable, fallback)[: _MAX_NAME - 9]}-{tag}"


def neutralise_csv_cell(value: object) -> object:
    """Prefix a quote to text a spreadsheet would run as a formula (``=cmd|...``)."""
    if isinstance(value, str) and value.startswith(_FORMULA_LEADERS):
        return "'" + value
    return value


def check_header_value(name: str, value: str) -> str:
    """Refuse an e-mail header value carrying a line break (header injection)."""
    if any(ch in value for ch in "\r\n\x0b\x0c\x85\u2028\u2029"):
        raise UsageError(f"the {name} {value!r} contains a line break; give it on one line")
    return value
