"""A letter to a Member of Congress as its CWC document.

The campaign's words of the letter (``LetterContent.statement``, with its sources) are the
organisation's statement; the supporter's own story, exactly as given, is the constituent's
message: the letter model keeps the two apart, as CWC asks. Offices outside Congress get no
document.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from civickit.campaign import Campaign
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
from civickit.materials.letter_content import LetterContent
from civickit.materials.letter_sender import Sender

CONGRESS_OFFICES = frozenset({"us-house", "us-senate"})


class TextLetters(Protocol):
    """What a CWC document needs of ``LetterRenderer``."""

    campaign: Campaign
    delivery_agent: DeliveryAgent | None

    def content(
        self, official: Official, sender: Sender, *, date: dt.date | None = None
    ) -> LetterContent:
        """The words of one letter: statement and constituent message apart."""
        ...


def letter_parts(
    renderer: TextLetters, official: Official, sender: Sender, date: dt.date
) -> tuple[str, str | None]:
    """The organisation's statement (the campaign's words of this letter, from
    ``LetterContent.statement``, with its sources) and the constituent's own message (the
    supporter's story exactly as given, ``None`` without one)."""
    content = renderer.content(official, sender, date=date)
    sources = "\n".join(f"[{note.number}] {note.citation}" for note in content.notes)
    statement = content.statement + (f"\n\nSources:\n{sources}" if sources else "")
    return statement, content.constituent_message or None


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
    statement, own_words = letter_parts(renderer, official, sender, date)
    message = CwcMessage(
        member_office=office_code(official),
        subject=campaign.subject,
        topics=campaign.delivery.topics,
        statement=statement,
        constituent_message=own_words,
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
