"""Call scripts: what to say when phoning an official's offices, and which numbers to call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from civickit.campaign import Ask, Fact
from civickit.core import addressing
from civickit.core.officials import Official, Phone
from civickit.core.vacancies import vacancy_note
from civickit.errors import UsageError
from civickit.materials.filters import capitalise_first, dated_fact
from civickit.materials.languages import ENGLISH, LanguageWords
from civickit.materials.letter_facts import MAX_FACTS, MIN_FACTS, FactSelection
from civickit.materials.letter_sender import Sender
from civickit.materials.variants import Variation

CALLSCRIPT_TEMPLATE = "callscript"
_WORDS_PER_SECOND = 2.5  # a calm speaking pace of 150 words a minute
TALKING_POINT_WORDS = 32  # a fact longer than this makes a call run past about 40 seconds


PhoneNumber = Phone  # a phone number of an office (civickit.core.officials owns it)


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
    heading_words: str = ""  # the language's {addressee} {constituency} pattern, "" : English

    @property
    def heading(self) -> str:
        """``Senator Padilla (California)``; no repeat when the addressee names the place."""
        if self.constituency in self.addressee:
            return capitalise_first(self.addressee)
        if self.heading_words:
            return self.heading_words.format(
                addressee=self.addressee, constituency=self.constituency
            )
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
            "official": self.official.to_dict(),
            "addressee": self.addressee,
            "constituency": self.constituency,
            "phones": [phone.to_dict() for phone in self.phones],
            "script": self.script,
            "voicemail": self.voicemail,
            "words": self.words,
            "seconds": self.seconds,
            "fact": self.fact.to_dict(),
            "ask": self.ask.to_dict(),
            "notes": list(self.notes),
        }


def talking_points(selection: FactSelection) -> list[Fact]:
    """The facts a call may say: up to three of the shortest among the most relevant (those of
    at most ``TALKING_POINT_WORDS`` words, or else the shortest), shortest first."""
    facts = [alternatives[0] for alternatives in selection.pool[:MAX_FACTS]]
    facts = facts or [item.fact for item in selection.facts]
    ranked = sorted(facts, key=lambda fact: len(dated_fact(fact).split()))[:MIN_FACTS]
    short = [fact for fact in ranked if len(dated_fact(fact).split()) <= TALKING_POINT_WORDS]
    return short or ranked[:1]


def build_callscript(
    official: Official,
    sender: Sender,
    select: Callable[[Official], FactSelection],
    variation: Variation | None = None,
    words: LanguageWords = ENGLISH,
) -> CallScript:
    """A phone script for the official's offices: numbers, what to say, voicemail.

    ``select`` gives what letters to the official's audience cite (a renderer's ``selection``);
    the script says its ask, one of its short talking points (``talking_points``, chosen by
    ``variation``, the caller and the office, so callers to one office rotate them) and asks
    where the official stands.
    """
    if official.vacant:
        raise UsageError(vacancy_note(official, "no one to call"))
    selection = select(official)
    points = talking_points(selection)
    fact = variation.pick("call-fact", points) if variation else points[0]
    if not words.english:
        addressee = addressing.addressee_in(official)
        script = words.call_script.format(
            name=sender.name or words.name_placeholder,
            place=said_place(sender, words.zip_place) or words.place_placeholder,
            addressee=addressee,
            ask=selection.ask.short.rstrip("."),
            fact=dated_fact(fact),
        )
        return _script(
            official,
            addressee,
            script=script,
            voicemail=words.voicemail,
            fact=fact,
            selection=selection,
            constituency=(
                addressing.constituency_in(official, words.places)
                if words.places
                else addressing.constituency(official)
            ),
            heading_words=words.call_heading if addressing.elected(official) else "",
            office_words=words.office_labels,
        )
    addressee = addressing.addressee(official)
    name = sender.name or "[your name]"
    place = said_place(sender, "ZIP code {zip}") or "[your city and ZIP code]"
    script = (
        f"Hello, my name is {name} and I live in {place}. "
        f"I am calling to ask {addressee} to {selection.ask.short.rstrip('.')}. "
        f"{dated_fact(fact)} "
        f"Where does {addressee} stand on this? "
        "Thank you for your time."
    )
    voicemail = (
        "If you reach voicemail, leave your name, your street address and ZIP code (so the "
        "office can see you are a constituent) and a phone number, then say the same "
        "message. If the mailbox is full, try the next number."
    )
    return _script(
        official, addressee, script=script, voicemail=voicemail, fact=fact, selection=selection
    )


def _script(
    official: Official,
    addressee: str,
    *,
    script: str,
    voicemail: str,
    fact: Fact,
    selection: FactSelection,
    constituency: str = "",
    heading_words: str = "",
    office_words: Mapping[str, str] | None = None,
) -> CallScript:
    phones = office_phones(official)
    if office_words:
        phones = tuple(_labelled(phone, office_words) for phone in phones)
    notes: tuple[str, ...] = ()
    if not phones:
        who = official.name or addressee
        notes = (f"no phone number for {who} in the data{contact_form_hint(official)}",)
    return CallScript(
        official,
        addressee,
        constituency or addressing.constituency(official),
        phones,
        script,
        voicemail,
        fact,
        selection.ask,
        notes,
        heading_words,
    )


def _labelled(phone: PhoneNumber, office_words: Mapping[str, str]) -> PhoneNumber:
    """``phone`` with its office's label in another language (``Oficina del distrito
    (Fresno)``); a label the language does not give stays as the data has it."""
    for english, label in office_words.items():
        if phone.label == english or phone.label.startswith(english + " ("):
            return replace(phone, label=label + phone.label[len(english) :])
    return phone


def said_place(sender: Sender, zip_words: str) -> str:
    """Where the caller lives, as said on the call: the address's city line, or with only a
    ZIP, ``zip_words`` around it ("ZIP code 94612", "el código postal 94612")."""
    place = sender.city_zip
    zip_code = sender.zip_code
    if zip_code and place == zip_code and "{zip}" in zip_words:
        return zip_words.format(zip=zip_code)
    return place


def contact_form_hint(official: Official) -> str:
    """``: use the contact form at URL`` when the data has one, else nothing."""
    return f": use the contact form at {official.contact_form}" if official.contact_form else ""


def office_phones(official: Official) -> tuple[PhoneNumber, ...]:
    """Every phone number of the official's offices, Washington or Capitol office first."""
    return official.all_phones()
