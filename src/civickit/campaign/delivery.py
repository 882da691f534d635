"""A campaign's ``[delivery]`` table: what Communicating With Congress needs to file its letters.

```toml
[delivery]
topics = ["Crime and Law Enforcement", "Civil Rights and Liberties, Minority Issues"]
bills = ["119 H.R. 1234"]      # optional: bills the letters are about
position = "pro"               # optional: "pro" or "con" the bills
campaign_id = "facial-recognition-2026"   # optional: defaults to the campaign's id
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from civickit.core.cwc import parse_bill, parse_topic
from civickit.errors import UsageError

_KEYS = {"topics", "bills", "position", "campaign_id"}
_POSITIONS = {"pro", "con"}
_MAX_ID = 200


@dataclass(frozen=True)
class DeliveryInfo:
    """The topics (Library of Congress policy areas), bills and position of a campaign."""

    topics: tuple[str, ...] = ()
    bills: tuple[tuple[int, str, int], ...] = ()
    position: str | None = None
    campaign_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "topics": list(self.topics),
            "bills": [f"{congress} {kind} {number}" for congress, kind, number in self.bills],
            "position": self.position,
            "campaign_id": self.campaign_id,
        }


def parse_delivery(raw: object, problems: list[str]) -> DeliveryInfo:
    """The ``[delivery]`` table; each problem is appended to ``problems``."""
    if raw is None:
        return DeliveryInfo()
    if not isinstance(raw, Mapping):
        problems.append("delivery: write it as a [delivery] table")
        return DeliveryInfo()
    for key in raw:
        if key not in _KEYS:
            problems.append(f"delivery: unknown key {key!r}; use one of {', '.join(sorted(_KEYS))}")
    topics: list[str] = []
    for item in _strings(raw.get("topics", []), "topics", problems):
        try:
            topics.append(parse_topic(item))
        except UsageError as exc:
            problems.append(f"delivery: {exc}")
    bills: list[tuple[int, str, int]] = []
    for item in _strings(raw.get("bills", []), "bills", problems):
        try:
            bills.append(parse_bill(item))
        except UsageError as exc:
            problems.append(f"delivery: {exc}")
    position = raw.get("position")
    if position is not None and position not in _POSITIONS:
        problems.append(f'delivery: position {position!r}: use "pro" or "con"')
        position = None
    campaign_id = raw.get("campaign_id")
    if campaign_id is not None and (
        not isinstance(campaign_id, str) or not 0 < len(campaign_id.strip()) <= _MAX_ID
    ):
        problems.append(f"delivery: campaign_id: give a text of 1 to {_MAX_ID} characters")
        campaign_id = None
    return DeliveryInfo(tuple(dict.fromkeys(topics)), tuple(bills), position, campaign_id)


def _strings(value: object, key: str, problems: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f'delivery: {key}: write a list of texts, e.g. {key} = ["..."]')
        return []
    return list(value)
