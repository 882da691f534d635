"""Letters, call scripts and e-mails to officials, rendered from a campaign's sourced facts.

One ``LetterRenderer`` serves any number of letters: it builds the Jinja2 environment once and
selects each audience's facts once, so a batch of thousands of letters pays for that only once.

Audience by office: members of Congress get the ``federal`` facts and ask, state legislators the
``state`` ones. An ``other`` target (a company, a city body) gets ``local`` when its organisation
names a city or county body (see ``LOCAL_BODY_WORDS``) and ``companies`` otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from functools import cached_property
from pathlib import Path
from typing import Any

from civickit.campaign import Ask, Campaign, Fact, Source
from civickit.core import addressing
from civickit.core.officials import FEDERAL_OFFICES, STATE_OFFICES, Official
from civickit.core.safety import check_header_value, safe_filename_part
from civickit.core.states import state_name
from civickit.core.vacancies import vacancy_note
from civickit.core.zips import split_one_line_address
from civickit.errors import UsageError
from civickit.materials.filters import capitalise_first, dated_fact, source_numbers
from civickit.materials.render import make_environment, render_template, template_search_path

TEXT_FORMATS = ("txt", "md", "html")
LETTER_FORMATS = (*TEXT_FORMATS, "pdf", "eml")
OFFICE_TEMPLATES = {
    "us-senate": "letter_us_senate",
    "us-house": "letter_us_house",
    "state-upper": "letter_state_upper",
    "state-lower": "letter_state_lower",
    "other": "letter_other",
}
CALLSCRIPT_TEMPLATE = "callscript"
MIN_FACTS, MAX_FACTS = 3, 5
LOCAL_BODY_WORDS = frozenset(
    {"city", "county", "council", "supervisors", "town", "village", "borough", "municipal"}
)
_AUDIENCE_TAGS = ("federal", "state", "local", "companies")
_WORDS_PER_SECOND = 2.5  # a calm speaking pace of 150 words a minute


@dataclass(frozen=True)
class Sender:
    """The person writing: a name and a multi-line postal address, optionally more."""

    name: str
    address: str
    email: str | None = None
    phone: str | None = None
    story: str | None = None

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


@dataclass(frozen=True)
class Note:
    """A numbered citation at the end of a letter."""

    number: int
    source: Source

    @property
    def citation(self) -> str:
        """The one-line citation of the source."""
        return self.source.citation()


@dataclass(frozen=True)
class CitedFact:
    """A fact in a letter with the number of the note that cites its source."""

    fact: Fact
    note: int

    @cached_property
    def sentence(self) -> str:
        """The fact as the letter says it, with its date."""
        return dated_fact(self.fact)


@dataclass(frozen=True)
class FactSelection:
    """What letters to one audience cite: facts, the ask and the notes for their sources."""

    audience: str
    facts: tuple[CitedFact, ...]
    ask: Ask
    ask_note: int | None
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number of an office."""

    label: str
    number: str


@dataclass(frozen=True)
class CallScript:
    """What to say when phoning one office, in about 30 seconds."""

    official: Official
    addressee: str  # "Senator Padilla"
    constituency: str  # "California", "Texas House District 5", the organisation
    phones: tuple[PhoneNumber, ...]
    script: str
    voicemail: str
    fact: Fact
    ask: Ask
    notes: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """``Senator Padilla (California)``; no repeat when the addressee names the place."""
        if self.constituency in self.addressee:
            return capitalise_first(self.addressee)
        return f"{self.addressee} ({self.constituency})"

    @property
    def words(self) -> int:
        """Words in the spoken script."""
        return len(self.script.split())

    @property
    def seconds(self) -> int:
        """About how long the script takes to say."""
        return round(self.words / _WORDS_PER_SECOND)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "official": self.official.name,
            "office": self.official.office,
            "seat": self.official.seat_label,
            "addressee": self.addressee,
            "constituency": self.constituency,
            "phones": [{"label": p.label, "number": p.number} for p in self.phones],
            "script": self.script,
            "voicemail": self.voicemail,
            "words": self.words,
            "seconds": self.seconds,
            "fact": self.fact.to_dict(),
            "ask": self.ask.to_dict(),
            "notes": list(self.notes),
        }


def audience_for(official: Official) -> str:
    """``federal``, ``state``, ``local`` or ``companies``: whose facts and ask a letter uses."""
    if official.office in FEDERAL_OFFICES:
        return "federal"
    if official.office in STATE_OFFICES:
        return "state"
    words = set(re.findall(r"[a-z]+", (official.organisation or "").lower()))
    return "local" if words & LOCAL_BODY_WORDS else "companies"


def select_facts(campaign: Campaign, audience: str) -> FactSelection:
    """Choose 3 to 5 facts for ``audience`` and number the sources they cite.

    Facts tagged with the audience come first, ``key`` facts before the rest, and among those
    the facts most specific to the audience (fewest other audience tags) lead, so a federal
    letter opens with the call for a national law and a state letter with state and local
    action. File order breaks ties. When fewer than three facts carry the tag, key facts fill in.
    """
    ask = campaign.ask(audience)
    ranked = sorted(
        (fact for fact in campaign.facts if audience in fact.tags),
        key=lambda fact: ("key" not in fact.tags, _other_audiences(fact, audience)),
    )
    chosen = ranked[:MAX_FACTS]
    for fact in [f for f in campaign.facts if "key" in f.tags] + list(campaign.facts):
        if len(chosen) >= MIN_FACTS:
            break
        if fact not in chosen:
            chosen.append(fact)
    cited = [fact.source for fact in chosen] + ([ask.source] if ask.source else [])
    number = source_numbers(cited)
    by_id = {source.id: source for source in cited}
    return FactSelection(
        audience=audience,
        facts=tuple(CitedFact(fact, number[fact.source.id]) for fact in chosen),
        ask=ask,
        ask_note=number[ask.source.id] if ask.source else None,
        notes=tuple(Note(index, by_id[source_id]) for source_id, index in number.items()),
    )


def _other_audiences(fact: Fact, audience: str) -> int:
    return sum(1 for tag in _AUDIENCE_TAGS if tag != audience and tag in fact.tags)


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
    ) -> None:
        self.campaign = campaign
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
        """The txt letter as an RFC 5322 message from the sender to the office's e-mail.

        ``To`` is set only when the official's data has an e-mail address (many offices take
        mail through a web form instead). ``sent_at`` defaults to noon UTC of ``date``. The
        Message-ID follows ``message_id``: from ``message_key`` (a batch gives its row's input
        hash and the office), else from the message itself, so the same letter to the same
        office always gets the same one.
        """
        from email import policy
        from email.utils import format_datetime, formataddr

        if not sender.email:
            raise UsageError(
                "e-mail output needs the sender's address: add --email you@example.org"
            )
        check_header_value("sender name", sender.name)
        check_header_value("sender e-mail", sender.email)
        body = self.render(official, sender, "txt", date=date)
        message = EmailMessage(policy=policy.SMTP)
        message["From"] = formataddr((sender.name, sender.email))
        to = office_email(official)
        if to:
            check_header_value("official's e-mail", to)
            check_header_value("official's name", official.name)
            message["To"] = formataddr((official.name, to))
        message["Subject"] = check_header_value("campaign subject", self.campaign.subject)
        when = sent_at or dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.UTC)
        message["Date"] = format_datetime(when)
        if message_key is None:
            fields = [str(message[header] or "") for header in ("From", "To", "Subject", "Date")]
            message_key = "\n".join([*fields, body])
        message["Message-ID"] = message_id(message_key, sender.email)
        message.set_content(body, cte="quoted-printable")
        return message

    @staticmethod
    def render_pdf(html_documents: Sequence[str]) -> bytes:
        """One PDF of ``html_documents``, each starting on a new page (WeasyPrint)."""
        from civickit.materials.pdf import html_to_pdf

        return html_to_pdf(html_documents)

    # ------------------------------------------------------------------ call scripts

    def callscript(self, official: Official, sender: Sender) -> CallScript:
        """A phone script for the official's offices: numbers, what to say, voicemail."""
        if official.vacant:
            raise UsageError(vacancy_note(official, "no one to call"))
        selection = self.selection(official)
        fact = min(selection.facts[:MIN_FACTS], key=lambda c: len(c.sentence.split())).fact
        addressee = addressing.addressee(official)
        name = sender.name or "[your name]"
        place = sender.city_zip or "[your city and ZIP code]"
        script = (
            f"Hello, my name is {name} and I live in {place}. "
            f"I am calling to ask {addressee} to {selection.ask.short.rstrip('.')}. "
            f"{dated_fact(fact)} "
            "Thank you for your time."
        )
        voicemail = (
            "If you reach voicemail, leave your name, your street address and ZIP code (so the "
            "office can see you are a constituent) and a phone number, then say the same "
            "message. If the mailbox is full, try the next number."
        )
        phones = office_phones(official)
        notes: tuple[str, ...] = ()
        if not phones:
            who = official.name or addressee
            notes = (f"no phone number for {who} in the data{contact_form_hint(official)}",)
        return CallScript(
            official,
            addressee,
            addressing.constituency(official),
            phones,
            script,
            voicemail,
            fact,
            selection.ask,
            notes,
        )

    def render_callscripts(self, scripts: Sequence[CallScript], fmt: str) -> str:
        """Call scripts as txt or md through the ``callscript`` template."""
        name = f"{CALLSCRIPT_TEMPLATE}.{fmt}"
        return render_template(self.env, name, {"scripts": scripts, "campaign": self.campaign})


def message_id(key: str, sender_email: str) -> str:
    """The one Message-ID rule: ``<32 hex digits of SHA-256(key)@the sender's domain>``.

    Stable: a letter re-made from the same ``key`` keeps its Message-ID, so ``civickit send``
    recognises a message it has already sent.
    """
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = sender_email.rpartition("@")[2] or "civickit.invalid"
    return f"<{digest}@{domain}>"


def sender_lines(sender: Sender) -> list[str]:
    """The sender block: name, address lines, e-mail and phone where given."""
    return [sender.name, *sender.address_lines, *(v for v in (sender.email, sender.phone) if v)]


def _template_stem(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return stem if dot and ext in (*LETTER_FORMATS, "j2") else name


def contact_form_hint(official: Official) -> str:
    """``: use the contact form at URL`` when the data has one, else nothing."""
    return f": use the contact form at {official.contact_form}" if official.contact_form else ""


def office_email(official: Official) -> str | None:
    """The official's e-mail address, if the data holds a real one (not a contact-form URL)."""
    value = (official.email or "").strip()
    if not value or "://" in value or value.count("@") != 1 or " " in value:
        return None
    return value.removeprefix("mailto:")


def office_phones(official: Official) -> tuple[PhoneNumber, ...]:
    """Every phone number of the official's offices, Washington or Capitol office first."""
    found: list[PhoneNumber] = []
    seen: set[str] = set()

    def add(label: str, number: str | None) -> None:
        digits = re.sub(r"\D", "", number or "")
        if digits and digits not in seen:
            seen.add(digits)
            found.append(PhoneNumber(label, (number or "").strip()))

    if official.capitol_office is not None:
        add(official.capitol_office.label, official.capitol_office.phone)
    for office in official.district_offices:
        where = f"{office.label} ({office.city})" if office.city else office.label
        add(where, office.phone)
    for number in official.phones:
        add("Office", number)
    return tuple(found)
