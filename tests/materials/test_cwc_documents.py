"""CWC documents: built by lxml in CWC's element order, validated, hostile text made safe."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from civickit.materials.cwc import (
    CwcDocument,
    CwcDocumentError,
    CwcMessage,
    DeliveryAgent,
    clean_text,
    constituent,
    cwc_phone,
    delivery_id,
    validate_document,
    with_delivery_date,
)

AGENT = DeliveryAgent.from_values(
    {
        "name": "Bay Area Privacy Coalition",
        "ack_email": "ack@bapc.example",
        "contact_name": "Sam Lee",
        "contact_email": "sam@bapc.example",
        "contact_phone": "415.555.0100",
    }
)
ORDER = ["CWCVersion", "Delivery", "Recipient", "Constituent", "Message"]


def document(story: str | None = "My own words.", statement: str | None = "Dear Rep:") -> bytes:
    person = constituent(
        "Ada M. Lopez Jr.",
        ["1 Broadway", "Apt 2", "Oakland, CA 94612"],
        prefix="ms",
        email="ada@example.org",
        phone="+1 (510) 555-0199",
    )
    message = CwcMessage("HCA12", "Stop police use of facial recognition",
                         ("Crime and Law Enforcement",), statement, story,
                         bills=((119, "H.R.", 1234),), pro_or_con="pro")  # fmt: skip
    return CwcDocument(delivery_id("row-1:HCA12"), dt.date(2026, 12, 1), "fr", AGENT, person,
                       message).to_xml()  # fmt: skip


def test_elements_come_in_cwc_order_and_validate() -> None:
    data = document()
    root = etree.fromstring(data)
    assert [child.tag for child in root] == ORDER
    person = root.find("Constituent")
    assert person is not None
    assert [c.tag for c in person] == [
        "Prefix", "FirstName", "MiddleName", "LastName", "Suffix", "Address1", "Address2",
        "City", "StateAbbreviation", "Zip", "Phone", "Email",
    ]  # fmt: skip
    assert root.findtext("Constituent/Prefix") == "Ms."
    assert root.findtext("Constituent/Phone") == "510-555-0199"
    assert root.findtext("Delivery/DeliveryAgentContact/DeliveryAgentContactPhone") == (
        "415-555-0100"
    )
    assert len(root.findtext("Delivery/DeliveryId") or "") == 32
    assert validate_document(data) == []


def test_the_schema_refuses_elements_out_of_order() -> None:
    root = etree.fromstring(document())
    constituent_node = root.find("Constituent")
    assert constituent_node is not None
    root.remove(constituent_node)
    root.insert(1, constituent_node)  # before Delivery
    problems = validate_document(etree.tostring(root))
    assert problems and problems[0].startswith("line ")


def test_a_message_needs_a_statement_or_the_constituent_s_own_words() -> None:
    with pytest.raises(CwcDocumentError, match="statement or the constituent"):
        document(story=None, statement=None)


def test_the_delivery_date_is_set_when_sent_and_the_id_is_stable() -> None:
    data = with_delivery_date(document(), dt.date(2027, 1, 2))
    assert etree.fromstring(data).findtext("Delivery/DeliveryDate") == "20270102"
    assert validate_document(data) == []
    assert delivery_id("x") == delivery_id("x") != delivery_id("y")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_story_is_escaped_never_breaking_the_document(story: str) -> None:
    data = document(story=story)
    assert validate_document(data) == []  # well-formed and valid, whatever the supporter wrote
    text = etree.fromstring(data).findtext("Message/ConstituentMessage")
    expected = clean_text(story).strip()  # lxml writes a carriage return as &#13;: kept
    assert text == (expected or None)  # verbatim, but for characters XML cannot carry


def test_a_huge_story_is_refused_for_that_letter() -> None:
    with pytest.raises(CwcDocumentError, match="shorten the story"):
        document(story="x" * 30_000)


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [({"prefix": "Mx."}, "'Mx.' is not one CWC takes"), ({"prefix": None}, "needs a prefix"),
     ({"email": None}, "needs an e-mail address"),
     ({"lines": ["Oakland, CA 94612"]}, "needs a street address")],
)  # fmt: skip
def test_missing_pieces_are_named(kwargs: dict[str, object], problem: str) -> None:
    args: dict[str, object] = {"prefix": "Ms.", "email": "ada@example.org", **kwargs}
    lines = args.pop("lines", ["1 Broadway", "Oakland, CA 94612"])
    with pytest.raises(CwcDocumentError, match=problem):
        constituent("Ada Lopez", lines, **args)  # type: ignore[arg-type]


def test_phones() -> None:
    assert cwc_phone("(202) 555-0100 x12") == "202-555-0100"
    assert cwc_phone("+44 20 7946 0958") is None


def test_an_incomplete_agent_names_every_missing_variable() -> None:
    with pytest.raises(CwcDocumentError) as caught:
        DeliveryAgent.from_values({"name": "Org"})
    assert "CIVICKIT_CWC_AGENT_ACK_EMAIL" in str(caught.value)
    assert "CIVICKIT_CWC_AGENT_CONTACT_PHONE" in str(caught.value)
