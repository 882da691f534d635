"""Letters to Congress as Communicating With Congress (CWC 2.0) documents.

A document is built with lxml (never by pasting strings), in the element order CWC requires,
and validated against civickit's own schema (``schemas/cwc-2.0.xsd``) before it is written or
sent. The campaign's text goes in ``OrganizationStatement`` and only what the supporter wrote
themselves in ``ConstituentMessage``, as CWC asks.

Everything a document needs that is missing or unusable (no prefix CWC accepts, no e-mail
address, an address without ``City, ST ZIP``) raises ``CwcDocumentError`` naming the problem, so
batch reports it for that letter alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from civickit.core.cwc import house_office_code, parse_prefix, senate_office_code
from civickit.core.officials import Official
from civickit.core.zips import split_city_line
from civickit.errors import CivickitError, ExitCode
from civickit.settings import CWC_AGENT_ENV, Settings, or_default

if TYPE_CHECKING:
    from lxml import etree

CWC_VERSION = "2.0"
#: The longest constituent message civickit puts in a document (characters).
MAX_MESSAGE = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_PHONE_DIGITS = 10
_REQUIRED_AGENT_FIELDS = ("name", "ack_email", "contact_name", "contact_email", "contact_phone")


class CwcDocumentError(CivickitError):
    """A letter that cannot become a CWC document, and why (a usage problem: exit 2)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class DeliveryAgent:
    """The organisation that holds the CWC keys and delivers the messages (from config)."""

    name: str
    ack_email: str
    contact_name: str
    contact_email: str
    contact_phone: str
    organization: str | None = None
    organization_about: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None) -> DeliveryAgent | None:
        """The agent the settings name, ``None`` when they name none (a partial identity
        raises ``CwcDocumentError`` naming what is missing)."""
        values = or_default(settings).delivery_agent
        return cls.from_values(values) if values else None

    @classmethod
    def from_values(cls, values: Mapping[str, str]) -> DeliveryAgent:
        """The agent from its settings (``Settings.delivery_agent``); ``CwcDocumentError``
        naming every missing variable."""
        missing = [
            variable
            for name, variable in CWC_AGENT_ENV.items()
            if name in _REQUIRED_AGENT_FIELDS and not values.get(name, "").strip()
        ]
        if missing:
            raise CwcDocumentError(
                "CWC documents need the delivery agent's identity: set "
                + ", ".join(missing)
                + " (or the same keys in the config file)"
            )
        phone = cwc_phone(values["contact_phone"])
        if phone is None:
            raise CwcDocumentError(
                f"CIVICKIT_CWC_AGENT_CONTACT_PHONE={values['contact_phone']!r}: give a US "
                "number of 10 digits, e.g. 202-555-0100"
            )
        return cls(
            name=values["name"].strip(),
            ack_email=values["ack_email"].strip(),
            contact_name=values["contact_name"].strip(),
            contact_email=values["contact_email"].strip(),
            contact_phone=phone,
            organization=(values.get("organization") or "").strip() or None,
            organization_about=(values.get("organization_about") or "").strip() or None,
        )


@dataclass(frozen=True)
class Constituent:
    """The supporter as CWC wants them: a prefix from its list, name parts and address."""

    prefix: str
    first_name: str
    last_name: str
    address: tuple[str, ...]  # one to three street lines
    city: str
    state: str
    zip: str
    email: str
    middle_name: str | None = None
    suffix: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class CwcMessage:
    """The ``Message`` of a document, and who it goes to."""

    member_office: str
    subject: str
    topics: tuple[str, ...]
    statement: str | None
    constituent_message: str | None
    bills: tuple[tuple[int, str, int], ...] = ()
    pro_or_con: str | None = None
    more_info: str | None = None


@dataclass(frozen=True)
class CwcDocument:
    """The pieces of one document; ``to_xml`` builds and checks it."""

    delivery_id: str
    delivery_date: dt.date
    campaign_id: str
    agent: DeliveryAgent
    constituent: Constituent
    message: CwcMessage

    def to_xml(self) -> bytes:
        """The document as UTF-8 XML, validated; ``CwcDocumentError`` when the schema refuses it."""
        data = _build(self)
        problems = validate_document(data)
        if problems:
            raise CwcDocumentError("CWC document refused by the schema: " + problems[0])
        return data


def delivery_id(message_key: str) -> str:
    """32 hex characters, the same for the same letter on every run (from its message key)."""
    return hashlib.sha256(message_key.encode("utf-8")).hexdigest()[:32]


def office_code(official: Official) -> str:
    """The ``MemberOffice`` the member data gives; ``CwcDocumentError`` for other offices."""
    if official.office == "us-house" and official.district is not None:
        return house_office_code(official.district)
    if official.office == "us-senate":
        if official.senate_class is None:
            raise CwcDocumentError(f"no Senate class for {official.name} in the data")
        return senate_office_code(official.state, official.senate_class)
    raise CwcDocumentError(
        f"{official.seat_label} is not a Congress office; CWC delivers to Congress"
    )


def cwc_phone(text: str | None) -> str | None:
    """``415-555-0100`` from any way of writing a 10-digit US number; ``None`` otherwise."""
    digits = re.sub(r"\D", "", (text or "").split("x")[0])
    if len(digits) == _PHONE_DIGITS + 1 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != _PHONE_DIGITS:
        return None
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def clean_text(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry (tabs and newlines kept)."""
    return _CONTROL.sub("", text)


def constituent(
    name: str,
    address_lines: Sequence[str],
    *,
    prefix: str | None,
    email: str | None,
    phone: str | None = None,
) -> Constituent:
    """The constituent from a letter's sender; ``CwcDocumentError`` naming what CWC would lack."""
    from nameparser import HumanName

    chosen = parse_prefix(prefix or "")
    if chosen is None:
        given = f" ({prefix!r} is not one CWC takes)" if prefix and prefix.strip() else ""
        raise CwcDocumentError(
            f"CWC needs a prefix such as Mr., Ms., Mrs. or Dr. for {name}{given}: add a "
            "'prefix' column to the sheet"
        )
    if not email:
        raise CwcDocumentError(f"CWC needs an e-mail address for {name}: add an 'email' column")
    lines = [clean_text(line).strip() for line in address_lines if line.strip()]
    place = split_city_line(lines[-1]) if lines else None
    if place is None or len(lines) < 2:
        raise CwcDocumentError(
            f"CWC needs a street address and 'City, ST ZIP' for {name}; the sheet gives "
            f"{' / '.join(lines) or 'none'}"
        )
    street = lines[:-1]
    if len(street) > 3:
        street = [*street[:2], ", ".join(street[2:])]
    parsed = HumanName(clean_text(name))
    first, last = parsed.first.strip(), parsed.last.strip()
    if not first or not last:
        raise CwcDocumentError(f"CWC needs a first and a last name; {name!r} gives only one")
    return Constituent(
        prefix=chosen,
        first_name=first,
        last_name=last,
        middle_name=parsed.middle.strip() or None,
        suffix=parsed.suffix.strip() or None,
        address=tuple(street),
        city=place.city,
        state=place.state,
        zip=place.zip,
        email=email.strip(),
        phone=cwc_phone(phone),
    )


def _build(document: CwcDocument) -> bytes:
    from lxml import etree

    def add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
        child = etree.SubElement(parent, tag)
        if text is not None:
            child.text = clean_text(text)
        return child

    def optional(parent: etree._Element, tag: str, text: str | None) -> None:
        if text and clean_text(text).strip():
            add(parent, tag, text)

    root = etree.Element("CWC")
    add(root, "CWCVersion", CWC_VERSION)
    _delivery(document, add(root, "Delivery"), add, optional)
    recipient = add(root, "Recipient")
    add(recipient, "MemberOffice", document.message.member_office)
    _constituent(document.constituent, add(root, "Constituent"), add, optional)
    _message(document.message, add(root, "Message"), add, optional)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _delivery(document: CwcDocument, delivery: Any, add: Any, optional: Any) -> None:
    agent = document.agent
    add(delivery, "DeliveryId", document.delivery_id)
    add(delivery, "DeliveryDate", document.delivery_date.strftime("%Y%m%d"))
    add(delivery, "DeliveryAgent", agent.name)
    add(delivery, "DeliveryAgentAckEmailAddress", agent.ack_email)
    contact = add(delivery, "DeliveryAgentContact")
    add(contact, "DeliveryAgentContactName", agent.contact_name)
    add(contact, "DeliveryAgentContactEmail", agent.contact_email)
    add(contact, "DeliveryAgentContactPhone", agent.contact_phone)
    optional(delivery, "Organization", agent.organization)
    optional(delivery, "OrganizationAbout", agent.organization_about)
    add(delivery, "CampaignId", document.campaign_id)


def _constituent(person: Constituent, node: Any, add: Any, optional: Any) -> None:
    add(node, "Prefix", person.prefix)
    add(node, "FirstName", person.first_name)
    optional(node, "MiddleName", person.middle_name)
    add(node, "LastName", person.last_name)
    optional(node, "Suffix", person.suffix)
    for number, line in enumerate(person.address, start=1):
        add(node, f"Address{number}", line)
    add(node, "City", person.city)
    add(node, "StateAbbreviation", person.state)
    add(node, "Zip", person.zip)
    optional(node, "Phone", person.phone)
    add(node, "Email", person.email)


def _message(message: CwcMessage, body: Any, add: Any, optional: Any) -> None:
    add(body, "Subject", message.subject)
    topics = add(body, "LibraryOfCongressTopics")
    for topic in message.topics:
        add(topics, "LibraryOfCongressTopic", topic)
    if message.bills:
        bills = add(body, "Bills")
        for congress, kind, number in message.bills:
            bill = add(bills, "Bill")
            add(bill, "BillCongress", str(congress))
            add(bill, "BillTypeAbbreviation", kind)
            add(bill, "BillNumber", str(number))
    optional(body, "ProOrCon", message.pro_or_con)
    statement = clean_text(message.statement or "").strip()
    own_words = clean_text(message.constituent_message or "").strip()
    if not statement and not own_words:
        raise CwcDocumentError(
            "a CWC message needs an organisation statement or the constituent's own"
        )
    optional(body, "OrganizationStatement", statement)
    if len(own_words) > MAX_MESSAGE:
        raise CwcDocumentError(
            f"the supporter's own message has {len(own_words):,} characters; "
            f"CWC documents from civickit take at most {MAX_MESSAGE:,}: shorten the story"
        )
    optional(body, "ConstituentMessage", own_words)
    optional(body, "MoreInfo", message.more_info)


@functools.cache
def _schema() -> etree.XMLSchema:
    from lxml import etree

    source = resources.files("civickit.materials").joinpath("schemas/cwc-2.0.xsd")
    with resources.as_file(source) as path:
        return etree.XMLSchema(etree.parse(str(path)))


def validate_document(data: bytes) -> list[str]:
    """Every way ``data`` breaks the CWC 2.0 schema, as ``line N: reason``; empty when valid."""
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        tree = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    schema = _schema()
    if schema.validate(tree):
        message = tree.find("Message")
        has_text = message is not None and any(
            message.find(tag) is not None for tag in ("OrganizationStatement", "ConstituentMessage")
        )
        return (
            [] if has_text else ["Message has neither OrganizationStatement nor ConstituentMessage"]
        )
    errors: Iterable[Any] = schema.error_log  # type: ignore[assignment] # iterable; stubs lag
    return [f"line {error.line}: {error.message}" for error in errors]


def with_delivery_date(data: bytes, date: dt.date) -> bytes:
    """The document with its ``DeliveryDate`` set to ``date`` (the day it is sent)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)
    node = root.find("Delivery/DeliveryDate")
    if node is None:
        raise CwcDocumentError("the document has no Delivery/DeliveryDate; rebuild it with batch")
    node.text = date.strftime("%Y%m%d")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def document_field(data: bytes, path: str) -> str:
    """The text at ``path`` (``Recipient/MemberOffice``) of a document, ``""`` when absent."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    node = etree.fromstring(data, parser).find(path)
    return (node.text or "") if node is not None else ""
