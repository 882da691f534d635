"""Letters, call scripts and e-mails to officials, rendered from a campaign's sourced facts.

One ``LetterRenderer`` serves any number of letters: it builds the Jinja2 environment once and
selects each audience's facts once (:mod:`civickit.materials.letter_facts`), so a batch of
thousands of letters pays for that only once. The writer is a
:class:`~civickit.materials.letter_sender.Sender`; e-mails are built by
:mod:`civickit.materials.letter_email` and call scripts by :mod:`civickit.materials.callscripts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from civickit.campaign import Campaign, Fact
from civickit.core import addressing
from civickit.core.officials import Official
from civickit.core.safety import safe_filename_part
from civickit.core.states import state_name
from civickit.core.vacancies import vacancy_note
from civickit.errors import UsageError
from civickit.materials.callscripts import (
    CALLSCRIPT_TEMPLATE,
    CallScript,
    build_callscript,
    contact_form_hint,
)
from civickit.materials.cwc import DeliveryAgent
from civickit.materials.letter_email import (
    check_email_sender,
    email_message,
    message_id,
    office_email,
)
from civickit.materials.letter_facts import FactSelection, audience_for, select_facts
from civickit.materials.letter_sender import Sender, parse_address, sender_lines
from civickit.materials.render import make_environment, render_template, template_search_path

__all__ = [
    "CALLSCRIPT_TEMPLATE",
    "LETTER_FORMATS",
    "CallScript",
    "LetterRenderer",
    "Sender",
    "audience_for",
    "contact_form_hint",
    "letter_filename",
    "message_id",
    "office_email",
    "parse_address",
    "select_facts",
]

TEXT_FORMATS = ("txt", "md", "html")
LETTER_FORMATS = (*TEXT_FORMATS, "pdf", "eml", "cwc")
OFFICE_TEMPLATES = {
    "us-senate": "letter_us_senate",
    "us-house": "letter_us_house",
    "state-upper": "letter_state_upper",
    "state-lower": "letter_state_lower",
    "other": "letter_other",
}


def letter_filename(date: dt.date, official: Official, ext: str) -> str:
    """``2026-11-26_us-house_CA-12_pelosi.txt``; every part is made safe for a file name."""
    seat = official.district.label if official.district else official.state
    if official.office == "other":
        seat = official.organisation or official.state
    parts = [
        date.isoformat(),
        safe_filename_part(official.office),
        safe_filename_part(seat or "", "seat", lower=False),
        safe_filename_part(official.last_name if official.name else "", "office"),
    ]
    return "_".join(parts) + "." + safe_filename_part(ext, "txt")


class LetterRenderer:
    """Renders letters, e-mails and call scripts for one campaign.

    ``template`` names a template to use for every office instead of the one for its kind
    (``--template``); ``template_dir`` is searched before the campaign's and the built-in ones.
    """

    def __init__(
        self,
        campaign: Campaign,
        *,
        template_dir: Path | None = None,
        template: str | None = None,
        as_of: dt.date | None = None,
        delivery_agent: DeliveryAgent | None = None,
    ) -> None:
        self.campaign = campaign
        self.delivery_agent = delivery_agent  # who files CWC documents (``--formats cwc``)
        self.template_dir = template_dir
        self.template = _template_stem(template) if template else None
        self.as_of = as_of or dt.date.today()
        self.search_path = template_search_path(template_dir, campaign.templates_dir)
        self.env = make_environment(self.search_path)
        self.env.auto_reload = False  # compile each template once, without a stat per letter
        self._selections: dict[str, FactSelection] = {}

    # ------------------------------------------------------------------ facts

    def selection(self, official: Official) -> FactSelection:
        """The facts, ask and notes for the official's audience (computed once per audience)."""
        audience = audience_for(official)
        if audience not in self._selections:
            self._selections[audience] = select_facts(self.campaign, audience)
        return self._selections[audience]

    def cited_facts(self, official: Official) -> list[Fact]:
        """The facts a letter to ``official`` cites, in the order it cites them."""
        return [cited.fact for cited in self.selection(official).facts]

    # ------------------------------------------------------------------ letters

    def template_name(self, official: Official, fmt: str) -> str:
        """The template file a letter to ``official`` in ``fmt`` is rendered from."""
        return f"{self.template or OFFICE_TEMPLATES[official.office]}.{fmt}"

    def context(self, official: Official, sender: Sender, *, date: dt.date) -> dict[str, Any]:
        """Everything a letter template may use."""
        if official.vacant:
            raise UsageError(vacancy_note(official, "no one to write to"))
        selection = self.selection(official)
        return {
            "campaign": self.campaign,
            "official": official,
            "sender": sender,
            "sender_lines": sender_lines(sender),
            "date": date,
            "as_of": self.as_of,
            "title": addressing.office_title(official),
            "salutation": addressing.salutation(official),
            "recipient_lines": addressing.inside_address(official),
            "chamber": addressing.chamber_name(official),
            "constituency": addressing.constituency(official),
            "state_name": state_name(official.state),
            "audience": selection.audience,
            "facts": selection.facts,
            "ask": selection.ask,
            "ask_note": selection.ask_note,
            "notes": selection.notes,
            "story": sender.story_paragraphs,
            "subject": self.campaign.subject,
            # Unique per letter, so letters printed as one HTML page link to their own sources.
            "anchor": "src-" + letter_filename(date, official, "x").rsplit(".", 1)[0],
        }

    def render(self, official: Official, sender: Sender, fmt: str, *, date: dt.date) -> str:
        """The letter to ``official`` as txt, md or html text."""
        if fmt not in TEXT_FORMATS:
            raise UsageError(f"format {fmt!r}: render() makes {', '.join(TEXT_FORMATS)}")
        context = self.context(official, sender, date=date)
        return render_template(self.env, self.template_name(official, fmt), context)

    def render_email(
        self,
        official: Official,
        sender: Sender,
        *,
        date: dt.date,
        sent_at: dt.datetime | None = None,
        message_key: str | None = None,
    ) -> EmailMessage:
        """The txt letter as an e-mail to the office (see
        :func:`~civickit.materials.letter_email.email_message`)."""
        check_email_sender(sender)  # before rendering: a missing address is the first problem
        body = self.render(official, sender, "txt", date=date)
        return email_message(
            official,
            sender,
            subject=self.campaign.subject,
            body=body,
            date=date,
            sent_at=sent_at,
            message_key=message_key,
        )

    @staticmethod
    def render_pdf(html_documents: Sequence[str]) -> bytes:
        """One PDF of ``html_documents``, each starting on a new page (WeasyPrint)."""
        from civickit.materials.pdf import html_to_pdf

        return html_to_pdf(html_documents)

    # ------------------------------------------------------------------ call scripts

    def callscript(self, official: Official, sender: Sender) -> CallScript:
        """A phone script for the official's offices: numbers, what to say, voicemail."""
        return build_callscript(official, sender, self.selection)

    def render_callscripts(self, scripts: Sequence[CallScript], fmt: str) -> str:
        """Call scripts as txt or md through the ``callscript`` template."""
        name = f"{CALLSCRIPT_TEMPLATE}.{fmt}"
        return render_template(self.env, name, {"scripts": scripts, "campaign": self.campaign})


def _template_stem(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return stem if dot and ext in (*LETTER_FORMATS, "j2") else name
