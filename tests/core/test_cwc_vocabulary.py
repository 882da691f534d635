"""The CWC vocabulary: prefixes, topics, bills and office codes, and its parity with the XSD."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from civickit.core.cwc import (
    BILL_TYPES,
    PREFIXES,
    TOPICS,
    house_office_code,
    parse_bill,
    parse_prefix,
    parse_topic,
    senate_office_code,
)
from civickit.core.districts import parse_district
from civickit.errors import UsageError

XS = "{http://www.w3.org/2001/XMLSchema}"


def schema_enumeration(type_name: str) -> tuple[str, ...]:
    source = resources.files("civickit.materials").joinpath("schemas/cwc-2.0.xsd")
    tree = etree.fromstring(source.read_bytes())
    (simple,) = [t for t in tree.iter(f"{XS}simpleType") if t.get("name") == type_name]
    return tuple(str(e.get("value")) for e in simple.iter(f"{XS}enumeration"))


@pytest.mark.parametrize(
    ("type_name", "values"), [("topic", TOPICS), ("prefix", PREFIXES), ("billType", BILL_TYPES)]
)
def test_the_schema_spells_the_same_lists(type_name: str, values: tuple[str, ...]) -> None:
    assert schema_enumeration(type_name) == values


def test_there_are_the_32_policy_areas() -> None:
    assert len(TOPICS) == 32 and len(set(TOPICS)) == 32


@pytest.mark.parametrize(
    ("text", "prefix"),
    [("mr", "Mr."), ("MS.", "Ms."), ("Dr", "Dr."), ("mrs", "Mrs."), ("Rev.", "Reverend"),
     ("Mx.", None), ("", None), ("Sir", None), ("mr and mrs", "Mr. and Mrs.")],
)  # fmt: skip
def test_prefixes_as_people_type_them(text: str, prefix: str | None) -> None:
    assert parse_prefix(text) == prefix


@given(st.text(max_size=30))
def test_parse_prefix_gives_a_listed_prefix_or_none(text: str) -> None:
    assert parse_prefix(text) in {*PREFIXES, None}


def test_topics_in_any_case_and_a_clear_error() -> None:
    assert parse_topic("crime and law enforcement") == "Crime and Law Enforcement"
    with pytest.raises(UsageError, match="'Privacy' is not a Library of Congress policy area"):
        parse_topic("Privacy")


@pytest.mark.parametrize(
    ("text", "bill"),
    [("119 H.R. 1234", (119, "H.R.", 1234)), ("119th HR1234", (119, "H.R.", 1234)),
     ("118 s. 5", (118, "S.", 5)), ("119 H.Res. 7", (119, "H.Res.", 7))],
)  # fmt: skip
def test_bills(text: str, bill: tuple[int, str, int]) -> None:
    assert parse_bill(text) == bill


@pytest.mark.parametrize("text", ["H.R. 1234", "119 XY 3", "119 H.R. 0", "hello"])
def test_bad_bills_name_the_form(text: str) -> None:
    with pytest.raises(UsageError, match="CONGRESS TYPE NUMBER"):
        parse_bill(text)


@pytest.mark.parametrize(
    ("district", "code"),
    [("CA-12", "HCA12"), ("WY-AL", "HWY00"), ("DC", "HDC00"), ("PR", "HPR00"), ("NY-3", "HNY03")],
)
def test_house_codes(district: str, code: str) -> None:
    assert house_office_code(parse_district(district)) == code


def test_senate_codes_follow_the_class_rule_and_refuse_other_classes() -> None:
    assert [senate_office_code("WY", c) for c in (1, 2, 3)] == ["SWY00", "SWY01", "SWY02"]
    with pytest.raises(UsageError):
        senate_office_code("WY", 4)
