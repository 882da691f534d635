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

import jinja2

from civickit.campaign import Campaign, Fact
from civickit.campaign.records import Audience
from civickit.campaign.translations import in_language
from civickit.core import addressing
from civickit.core.languages import DEFAULT_LANGUAGE
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
from civickit.materials.languages import language_words
from civickit.materials.letter_content import LetterContent, compose, role_phrase, variant_count
from civickit.materials.letter_email import (
    check_email_sender,
    email_message,
    message_id,
    office_email,
)
from civickit.materials.letter_facts import FactSelection, audience_for, audience_of, select_facts
from civickit.materials.letter_sender import Sender, parse_address, sender_lines
from civickit.materials.render import (
    make_environment,
    render_loaded,
    render_template,
    template_search_path,
)
from civickit.materials.variants import Variation, letter_seed

__all__ = [
    "CALLSCRIPT_TEMPLATE",
    "LETTER_FORMATS",
    "CallScript",
    "LetterContent",
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
        constituent: bool = True,
        delivery_agent: DeliveryAgent | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        self.constituent = constituent  # False: the writer does not live where the office serves
        self.delivery_agent = delivery_agent  # who files CWC documents (``--formats cwc``)
        self.template_dir = template_dir
        self.template = _template_stem(template) if template else None
        self.as_of = as_of or dt.date.today()
        self.search_path = template_search_path(template_dir, campaign.templates_dir)
        # Another language: its words (dates, salutations, defaults) and the campaign's texts
        # in it, English where the campaign gives none (campaign/translations.py).
        self.words = language_words(language, self.search_path)
        self.campaign = in_language(campaign, language, self.words.dates)
        self.env = make_environment(self.search_path, language, self.words.dates)
        self.env.auto_reload = False  # compile each template once, without a stat per letter
        self._selections: dict[Audience, FactSelection] = {}
        self._phrases: dict[str, jinja2.Template] = {}
        self._last: tuple[tuple[Any, ...], dict[str, Any]] | None = None

    # ------------------------------------------------------------------ facts

    def selection(self, official: Official) -> FactSelection:
        """The facts, ask and notes relevant to the official (level, state, role and place),
        computed once per audience; each letter draws its own from them (``content``)."""
        audience = audience_of(official)
        if audience not in self._selections:
            self._selections[audience] = select_facts(self.campaign, audience)
        return self._selections[audience]

    def cited_facts(self, official: Official, sender: Sender | None = None) -> list[Fact]:
        """The facts a letter to ``official`` (from ``sender``, when given) cites, in order."""
        if sender is None:
            return [cited.fact for cited in self.selection(official).facts]
        return [cited.fact for cited in self.content(official, sender).facts]

    @staticmethod
    def variation(official: Official, sender: Sender) -> Variation:
        """The seeded choices of ``sender``'s letters and calls to ``official``."""
        return letter_seed((sender.name, sender.address), official)

    def content(
        self, official: Official, sender: Sender, *, date: dt.date | None = None
    ) -> LetterContent:
        """The words of ``sender``'s letter to ``official``: the campaign's statement and the
        writer's own message, kept apart (the letter of ``date``, by default ``as_of``)."""
        context = self.context(official, sender, date=date or self.as_of)
        content: LetterContent = context["content"]
        return content

    def variant_count(self, official: Official) -> int:
        """About how many different statements the campaign can write to ``official``."""
        return variant_count(self.selection(official), self.campaign, audience_of(official))

    def _render_phrase(self, text: str, context: Any) -> str:
        template = self._phrases.get(text)
        if template is None:
            # Plain text: the letter's own template escapes it where its format needs that.
            source = "{% autoescape false %}" + text + "{% endautoescape %}"
            template = self._phrases[text] = self.env.from_string(source)
        return " ".join(render_loaded(self.env, template, context).split())

    # ------------------------------------------------------------------ letters

    def template_name(self, official: Official, fmt: str) -> str:
        """The template file a letter to ``official`` in ``fmt`` is rendered from."""
        return f"{self.template or OFFICE_TEMPLATES[official.office]}.{fmt}"

    def context(self, official: Official, sender: Sender, *, date: dt.date) -> dict[str, Any]:
        """Everything a letter template may use."""
        if official.vacant:
            raise UsageError(vacancy_note(official, "no one to write to"))
        memo = (official, sender, date)
        if self._last is not None and self._last[0] == memo:
            return dict(self._last[1])
        selection = self.selection(official)
        title = addressing.office_title(official)
        chamber = addressing.chamber_name(official)
        places = self._places(official, title, chamber)
        context = {
            "campaign": self.campaign,
            "official": official,
            "sender": sender,
            "sender_lines": sender_lines(sender),
            "date": date,
            "as_of": self.as_of,
            "salutation": (
                addressing.salutation_in(official, self.words.address)
                if self.words.address
                else addressing.salutation(official)
            ),
            "language": self.words.code,
            # The inside address stays as US mail rooms read it, in English (docs/campaigns.md).
            "recipient_lines": addressing.inside_address(official),
            # Only letters to legislators say "I live in …"; False words them as an outsider's.
            "constituent": self.constituent or not addressing.elected(official),
            **places,
            "audience": selection.audience,
            "story": sender.story_paragraphs,
            "subject": self.campaign.subject,
            # Unique per letter, so letters printed as one HTML page link to their own sources.
            "anchor": "src-" + letter_filename(date, official, "x").rsplit(".", 1)[0],
        }
        content = compose(
            self.campaign,
            selection,
            who=audience_of(official),
            official=official,
            variation=self.variation(official, sender),
            story=sender.story,
            render=self._render_phrase,
            context=context,
            words=self.words,
        )
        context.update(
            content=content,
            opening=content.opening,
            facts=content.facts,
            ask=content.ask,
            ask_text=content.ask_text,
            ask_note=content.ask_note,
            notes=content.notes,
            closing=content.closing,
            statement=content.statement,
            constituent_message=content.constituent_message,
        )
        self._last = (memo, context)
        return dict(context)

    def _places(self, official: Official, title: str, chamber: str) -> dict[str, str]:
        """The title, chamber, constituency, state and role words of a letter's texts, in the
        letter's language where its file gives them (``[places]``), else in English."""
        places, address = self.words.places, self.words.address
        if places is None or address is None:
            return {
                "title": title,
                "chamber": chamber,
                "constituency": addressing.constituency(official),
                "state_name": state_name(official.state),
                "role": role_phrase(official, title, chamber),
            }
        return {
            "title": addressing.title_in(official, address),
            "chamber": addressing.chamber_name_in(official, places),
            "constituency": addressing.constituency_in(official, places),
            "state_name": addressing.state_name_in(official.state, places),
            "role": addressing.role_in(official, address, places),
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
        variation = self.variation(official, sender)
        return build_callscript(official, sender, self.selection, variation, self.words)

    def render_callscripts(self, scripts: Sequence[CallScript], fmt: str) -> str:
        """Call scripts as txt or md through the ``callscript`` template."""
        name = f"{CALLSCRIPT_TEMPLATE}.{fmt}"
        return render_template(self.env, name, {"scripts": scripts, "campaign": self.campaign})


def _template_stem(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return stem if dot and ext in (*LETTER_FORMATS, "j2") else name
