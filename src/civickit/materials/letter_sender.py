"""The person writing a letter: name, postal address and optional contact details and story."""

from __future__ import annotations

import re
from dataclasses import dataclass

from civickit.core.zips import split_one_line_address
from civickit.errors import UsageError

_TRAILING_ZIP = re.compile(r"(?:^|[\s,])(\d{5}(?:-\d{4})?)\s*$")


@dataclass(frozen=True)
class Sender:
    """The person writing: a name and a multi-line postal address, optionally more."""

    name: str
    address: str
    email: str | None = None
    phone: str | None = None
    story: str | None = None
    prefix: str | None = None  # "Ms.", "Dr." ...: CWC asks for one, letters do not

    @property
    def address_lines(self) -> list[str]:
        """The postal address, one line per item, blank lines dropped."""
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def city_zip(self) -> str:
        """``San Francisco, CA 94103``: the last address line (after the street on one line)."""
        lines = self.address_lines
        if not lines:
            return ""
        if len(lines) == 1 and lines[0].count(",") >= 2:
            return lines[0].split(",", 1)[1].strip()
        return lines[-1]

    @property
    def zip_code(self) -> str | None:
        """The ZIP (or ZIP+4) that ends the address's last line, ``None`` when there is none."""
        match = _TRAILING_ZIP.search(self.city_zip)
        return match[1] if match else None

    @property
    def story_paragraphs(self) -> list[str]:
        """The personal story split into paragraphs at blank lines."""
        if not self.story:
            return []
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", self.story) if p.strip()]


def parse_address(text: str) -> str:
    """A postal address typed on one line: ``;`` or a typed ``\\n`` separates its lines, and
    ``1 Main St, San Francisco, CA 94103`` becomes the street and ``San Francisco, CA 94103``."""
    lines = [line.strip() for line in re.split(r"\n|\\n|;", text) if line.strip()]
    parts = split_one_line_address(lines[0]) if len(lines) == 1 else None
    if parts is not None:
        lines = [parts.street, f"{parts.city}, {parts.state} {parts.zip}"]
    cleaned = "\n".join(lines)
    if not cleaned:
        raise UsageError(
            "--from-address is empty: give your postal address, e.g. '1 Main St; Salem, OR 97301'"
        )
    return cleaned


def sender_lines(sender: Sender) -> list[str]:
    """The sender block: name, address lines, e-mail and phone where given."""
    return [sender.name, *sender.address_lines, *(v for v in (sender.email, sender.phone) if v)]
