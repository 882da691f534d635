"""ZIP codes as people and spreadsheets write them: ``94103``, ``94103-1234``, ``941031234``,
and ``2134`` (a spreadsheet that dropped the leading zero of Boston's ``02134``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from civickit.errors import UsageError

# 3 to 5 digits (spreadsheets drop leading zeros: 00501 becomes 501), then an optional +4;
# or ZIP+4 written as one number of 7 to 9 digits (021341234 becomes 21341234).
_ZIP = re.compile(r"(\d{3,5})(?:\s*[-\s]\s*(\d{4}))?")
_ONE_NUMBER = re.compile(r"\d{7,9}")


@dataclass(frozen=True)
class Zip:
    """A ZIP code: five digits and, for ZIP+4, the four more."""

    five: str
    plus4: str | None = None

    def __str__(self) -> str:
        return f"{self.five}-{self.plus4}" if self.plus4 else self.five


def parse_zip(text: str) -> Zip:
    """A ``Zip`` from ``94103``, ``94103-1234``, ``94103 1234`` or ``941031234``, with the
    leading zeros a spreadsheet dropped put back (``2134`` -> ``02134``); ``UsageError`` naming
    the input for anything else."""
    cleaned = text.strip()
    if _ONE_NUMBER.fullmatch(cleaned):
        digits = cleaned.zfill(9)
        return Zip(digits[:5], digits[5:])
    match = _ZIP.fullmatch(cleaned)
    if match is None:
        raise UsageError(
            f"{cleaned!r} is not a ZIP code: give 5 digits such as 94103 (or ZIP+4 94103-1234)"
        )
    return Zip(match[1].zfill(5), match[2])


def zip5(text: str) -> str:
    """The five-digit ZIP of ``text`` (see ``parse_zip``)."""
    return parse_zip(text).five


# "1 Main St, Suite 2, San Francisco, CA 94103": the street (commas allowed), the city, the
# state code and the ZIP (or ZIP+4) at the end; the comma before the state may be missing.
_CITY_LINE = r"(?P<city>[^,]+?),?\s+(?P<state>[A-Za-z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)"
_ONE_LINE_ADDRESS = re.compile(rf"^(?P<street>.+?),\s*{_CITY_LINE}$")
_CITY_LINE_ONLY = re.compile(rf"^\s*{_CITY_LINE}\s*$")


@dataclass(frozen=True)
class OneLineAddress:
    """The parts of a US postal address written on one line."""

    street: str
    city: str
    state: str  # upper case
    zip: str


def split_one_line_address(text: str) -> OneLineAddress | None:
    """``1 Main St, San Francisco, CA 94103`` -> its street, city, state and ZIP; ``None``
    when the text does not end in ``City, ST ZIP``."""
    match = _ONE_LINE_ADDRESS.match(text.strip())
    if match is None:
        return None
    return OneLineAddress(match["street"], match["city"], match["state"].upper(), match["zip"])


@dataclass(frozen=True)
class CityLine:
    """The last line of a US postal address: ``San Francisco, CA 94103``."""

    city: str
    state: str  # upper case
    zip: str


def split_city_line(text: str) -> CityLine | None:
    """``San Francisco, CA 94103`` -> its city, state and ZIP; ``None`` when it is not one."""
    match = _CITY_LINE_ONLY.match(text)
    if match is None:
        return None
    return CityLine(match["city"].strip(), match["state"].upper(), match["zip"])
