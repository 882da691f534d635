"""The fixed vocabulary of Communicating With Congress (CWC 2.0): topics, prefixes, bill types
and member office codes.

These lists are the one owner in Python; the schema civickit validates documents with
(``materials/schemas/cwc-2.0.xsd``) spells the same lists, and a test keeps the two equal.
"""

from __future__ import annotations

import re
import unicodedata

from civickit.core.districts import District
from civickit.errors import UsageError

#: The 32 Library of Congress policy areas a message's ``LibraryOfCongressTopic`` may name.
TOPICS: tuple[str, ...] = (
    "Agriculture and Food",
    "Animals",
    "Armed Forces and National Security",
    "Arts, Culture, Religion",
    "Civil Rights and Liberties, Minority Issues",
    "Commerce",
    "Congress",
    "Crime and Law Enforcement",
    "Economics and Public Finance",
    "Education",
    "Emergency Management",
    "Energy",
    "Environmental Protection",
    "Families",
    "Finance and Financial Sector",
    "Foreign Trade and International Finance",
    "Government Operations and Politics",
    "Health",
    "Housing and Community Development",
    "Immigration",
    "International Affairs",
    "Labor and Employment",
    "Law",
    "Native Americans",
    "Public Lands and Natural Resources",
    "Science, Technology, Communications",
    "Social Sciences and History",
    "Social Welfare",
    "Sports and Recreation",
    "Taxation",
    "Transportation and Public Works",
    "Water Resources Development",
)

#: The prefixes a constituent's ``Prefix`` may take.
PREFIXES: tuple[str, ...] = (
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Dr.",
    "Mr. and Mrs.",
    "Reverend",
    "Rabbi",
    "Sister",
    "Father",
    "Pastor",
    "The Honorable",
    "Admiral",
    "General",
    "Colonel",
    "Lieutenant Colonel",
    "Major",
    "Captain",
    "Lieutenant",
    "Sergeant",
    "Corporal",
    "Private",
    "Commander",
    "Chief",
)

#: Bill type abbreviations, as CWC writes them.
BILL_TYPES: tuple[str, ...] = (
    "H.R.",
    "S.",
    "H.Res.",
    "S.Res.",
    "H.J.Res.",
    "S.J.Res.",
    "H.Con.Res.",
    "S.Con.Res.",
)


def _key(text: str) -> str:
    """Letters only, lower case, accents dropped: ``"MR"``, ``"mr."``, ``"Mr"`` are one key."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.lower())


_PREFIX_KEYS: dict[str, str] = {_key(prefix): prefix for prefix in PREFIXES}
_PREFIX_KEYS.update({"rev": "Reverend", "hon": "The Honorable", "honorable": "The Honorable"})
_TOPIC_KEYS = {_key(topic): topic for topic in TOPICS}
_BILL_KEYS = {_key(kind): kind for kind in BILL_TYPES}
_BILL = re.compile(r"^\s*(?:(\d{2,3})(?:th|st|nd|rd)?\s*[:/ ]\s*)?([A-Za-z. ]+?)\s*(\d+)\s*$")


def parse_prefix(text: str) -> str | None:
    """The CWC prefix for ``mr``, ``MS.``, ``Dr`` ..., ``None`` for one CWC does not take
    (``Mx.`` among them) or an empty cell."""
    return _PREFIX_KEYS.get(_key(text)) if text.strip() else None


def parse_topic(text: str) -> str:
    """One of the 32 topics, written in any case; ``UsageError`` naming the list otherwise."""
    topic = _TOPIC_KEYS.get(_key(text))
    if topic is None:
        raise UsageError(
            f"topic {text!r} is not a Library of Congress policy area; use one of: "
            + "; ".join(TOPICS)
        )
    return topic


def parse_bill(text: str, *, congress: int | None = None) -> tuple[int, str, int]:
    """``119 H.R. 1234``, ``H.R.1234`` (with ``congress``) -> (congress, type, number)."""
    match = _BILL.match(text)
    kind = _BILL_KEYS.get(_key(match[2])) if match else None
    number = int(match[3]) if match else 0
    bill_congress = int(match[1]) if match and match[1] else congress
    if match is None or kind is None or number <= 0 or bill_congress is None:
        raise UsageError(
            f"bill {text!r}: write it as CONGRESS TYPE NUMBER, e.g. '119 H.R. 1234' (types: "
            + ", ".join(BILL_TYPES)
            + ")"
        )
    return bill_congress, kind, number


def house_office_code(district: District) -> str:
    """``HCA12``; at-large seats and delegates ``HWY00``, ``HDC00``."""
    if district.kind != "cd":
        raise UsageError(f"{district.label} is not a congressional district")
    number = 0 if district.at_large else int(district.number)
    return f"H{district.state}{number:02d}"


def senate_office_code(state: str, senate_class: int) -> str:
    """The code the class rule gives a senator (``S`` + state + class minus one, two digits).

    Only a guess until matched against the service's own office list, which is the authority:
    see ``civickit.outreach.cwc_offices``."""
    if senate_class not in {1, 2, 3}:
        raise UsageError(f"Senate class {senate_class}: it is 1, 2 or 3")
    return f"S{state}{senate_class - 1:02d}"
