"""A letter to a Member of Congress as its CWC document.

The campaign's letter (rendered without the supporter's story, from the salutation on, with its
sources) is the organisation's statement; the supporter's own story, verbatim, is the
constituent's message. Offices outside Congress get no document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Protocol

from civickit.campaign import Campaign
from civickit.core import addressing
from civickit.core.officials import Official
from civickit.materials.cwc import (
    Constituent,
    CwcDocument,
    CwcDocumentError,
    CwcMessage,
    DeliveryAgent,
    constituent,
    delivery_id,
    office_code,
)
from civickit.materials.letter_sender import Sender

CONGRESS_OFFICES = frozenset({"us-house", "us-senate"})


class TextLetters(Protocol):
    """What a CWC document needs of ``LetterRenderer``."""

    campaign: Campaign
    delivery_agent: DeliveryAgent | None

    def render(self, official: Official, sender: Sender, fmt: str, *, date: dt.date) -> str:
        """One letter as txt."""
        ...


def letter_statement(
    renderer: TextLetters, official: Official, sender: Sender, date: dt.date
) -> str:
    """The campaign's part of a letter: the txt letter without the supporter's story, from the
    salutation to the sources (the sender's and the office's address blocks are CWC fields)."""
    text = renderer.render(official, dataclasses.replace(sender, story=None), "txt", date=date)
    opening = f"{addressing.salutation(official)}:"
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.strip() == opening:
            return "\n".join(lines[number:]).strip() + "\n"
    return text.strip() + "\n"


def constituent_message(sender: Sender) -> str | None:
    """The supporter's own words, exactly as given (paragraphs kept), or ``None``."""
    paragraphs = sender.story_paragraphs
    return "\n\n".join(paragraphs) if paragraphs else None


def sender_constituent(sender: Sender) -> Constituent:
    """The letter's sender as a CWC constituent (``CwcDocumentError`` naming what is missing)."""
    return constituent(
        sender.name,
        sender.address_lines,
        prefix=sender.prefix,
        email=sender.email,
        phone=sender.phone,
    )


def cwc_document(
    renderer: TextLetters,
    official: Official,
    sender: Sender,
    *,
    date: dt.date,
    message_key: str,
) -> CwcDocument:
    """The document for one letter; ``CwcDocumentError`` when CWC cannot take it."""
    agent = renderer.delivery_agent
    if agent is None:
        raise CwcDocumentError(
            "CWC documents need the delivery agent's identity: set CIVICKIT_CWC_AGENT_NAME and "
            "the other CIVICKIT_CWC_AGENT_* settings (see docs/delivery.md)"
        )
    campaign = renderer.campaign
    if not campaign.delivery.topics:
        raise CwcDocumentError(
            f"campaign {campaign.id!r} names no Library of Congress topic: add "
            '[delivery] topics = ["..."] to its campaign.toml'
        )
    message = CwcMessage(
        member_office=office_code(official),
        subject=campaign.subject,
        topics=campaign.delivery.topics,
        statement=letter_statement(renderer, official, sender, date),
        constituent_message=constituent_message(sender),
        bills=campaign.delivery.bills,
        pro_or_con=campaign.delivery.position,
        more_info=campaign.action_url,
    )
    return CwcDocument(
        delivery_id=delivery_id(message_key),
        delivery_date=date,
        campaign_id=campaign.delivery.campaign_id or campaign.id,
        agent=agent,
        constituent=sender_constituent(sender),
        message=message,
    )
