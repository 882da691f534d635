"""JSON Schemas of every dataset's records and every directory API's answers, types included.

A download or an answer is checked record by record against its schema (compiled once with
``fastjsonschema``) before it may replace a stored copy or enter the answer cache, so a file of
well-formed JSON with wrong types is refused with the record and the field named, and later
lookups keep working from the good copy. CSV rows are checked as objects of strings (column ->
cell). The schemas describe what civickit reads; other fields may be anything.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from civickit.core.districts import HOUSE_SEATS

Schema = dict[str, Any]
Label = Callable[[int, Any], str]

_TEXT: Schema = {"type": "string"}
_OPTIONAL_TEXT: Schema = {"type": ["string", "null"]}
_NUMBER: Schema = {"type": ["number", "null"]}
_TEXT_OR_NUMBER: Schema = {"type": ["string", "integer", "null"]}
_BIOGUIDE: Schema = {"type": "string", "pattern": r"^[A-Z]\d{6}$"}
_MEMBER_ID: Schema = {
    "type": "object",
    "required": ["bioguide"],
    "properties": {"bioguide": _BIOGUIDE},
}
_TERM_TEXT = ("party", "start", "end", "phone", "fax", "address", "office", "url", "contact_form")
_OFFICE_TEXT = ("id", "address", "building", "city", "state", "phone", "fax", "hours")

LEGISLATOR: Schema = {
    "type": "object",
    "required": ["id", "name", "terms"],
    "properties": {
        "id": _MEMBER_ID,
        "name": {
            "type": "object",
            "required": ["first", "last"],
            "properties": {"first": _TEXT, "last": _TEXT, "official_full": _TEXT},
        },
        "terms": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["type", "state"],
                "properties": {
                    "type": {"enum": ["sen", "rep"]},
                    "state": {"enum": sorted(HOUSE_SEATS)},
                    "district": {"type": "integer", "minimum": -1, "maximum": 99},
                    "state_rank": {"enum": ["senior", "junior"]},
                    **dict.fromkeys(_TERM_TEXT, _OPTIONAL_TEXT),
                },
            },
        },
    },
}
DISTRICT_OFFICES: Schema = {
    "type": "object",
    "required": ["id", "offices"],
    "properties": {
        "id": _MEMBER_ID,
        "offices": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    **dict.fromkeys(_OFFICE_TEXT, _OPTIONAL_TEXT),
                    "suite": _TEXT_OR_NUMBER,
                    "zip": _TEXT_OR_NUMBER,
                    "latitude": _NUMBER,
                    "longitude": _NUMBER,
                },
            },
        },
    },
}
SOCIAL_MEDIA: Schema = {
    "type": "object",
    "required": ["id", "social"],
    "properties": {
        "id": _MEMBER_ID,
        "social": {"type": "object", "additionalProperties": {"type": ["string", "integer"]}},
    },
}


def _csv_row(columns: Mapping[str, Schema]) -> Schema:
    """A CSV row as an object of strings that has each of ``columns``, checked as given."""
    return {
        "type": "object",
        "required": list(columns),
        "additionalProperties": {"type": "string"},
        "properties": dict(columns),
    }


# Members between roles have no current chamber or district (and an odd row may lack a name):
# such rows are skipped and counted when the file is read, never a reason to refuse the file.
OPENSTATES_ROW = _csv_row({
    "id": {"type": "string", "pattern": r"^ocd-person/\S+$"},
    "name": {"type": "string"},
    "current_chamber": {"type": "string"},  # upper, lower, legislature; others are skipped
    "current_district": {"type": "string"},
})  # fmt: skip
_WHOLE_NUMBER: Schema = {"type": "string", "pattern": r"^\s*\d*\s*$"}  # blank reads as 0
ZCTA_ROW = _csv_row({
    "GEOID_ZCTA5_20": {"type": "string", "pattern": r"^\s*\d{5}\s*$"},
    "GEOID_CD119_20": {"type": "string", "pattern": r"^\s*(\d{4}|\d{2}ZZ)?\s*$"},
    "AREALAND_ZCTA5_20": _WHOLE_NUMBER,
    "AREALAND_PART": _WHOLE_NUMBER,
})  # fmt: skip
# Directory API answers, by adapter name: what ``RemoteAdapter._cached_json`` may cache.
_OPENSTATES_PERSON: Schema = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": _TEXT,
        **dict.fromkeys(("id", "party", "email", "family_name", "given_name"), _OPTIONAL_TEXT),
        "current_role": {
            "type": ["object", "null"],
            "properties": dict.fromkeys(
                ("title", "org_classification", "district", "division_id"), _OPTIONAL_TEXT
            ),
        },
        "jurisdiction": {"type": ["object", "null"], "properties": {"classification": _TEXT}},
        "offices": {
            "type": ["array", "null"],
            "items": {"type": "object", "additionalProperties": _OPTIONAL_TEXT},
        },
        "links": {
            "type": ["array", "null"],
            "items": {"type": "object", "properties": {"url": _TEXT, "note": _OPTIONAL_TEXT}},
        },
    },
}
_CONGRESS_MEMBER: Schema = {
    "type": "object",
    "required": ["bioguideId", "name"],
    "properties": {
        "bioguideId": _BIOGUIDE,
        "name": _TEXT,
        "state": _TEXT,
        "partyName": _OPTIONAL_TEXT,
        "district": {"type": ["integer", "null"], "minimum": 0, "maximum": 99},
        "terms": {"type": ["object", "array"]},
    },
}
ANSWERS: Mapping[str, tuple[str, Schema]] = {
    "openstates": ("results", _OPENSTATES_PERSON),
    "congress-gov": ("members", _CONGRESS_MEMBER),
}


class SchemaError(ValueError):
    """A record does not match its schema; the message names the record and the field."""


@functools.cache
def _compiled(name: str) -> Callable[[Any], Any]:
    import fastjsonschema

    schema = {**_BY_NAME[name], "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema)


_BY_NAME: dict[str, Schema] = {
    "legislator": LEGISLATOR,
    "district-offices": DISTRICT_OFFICES,
    "social-media": SOCIAL_MEDIA,
    "openstates-row": OPENSTATES_ROW,
    "zcta-row": ZCTA_ROW,
    **{f"answer:{adapter}": schema for adapter, (_, schema) in ANSWERS.items()},
}


def check_records(schema: str, records: Iterable[Any], label: Label) -> int:
    """Check each record against the schema named ``schema``; the number of records checked.

    ``label(number, record)`` names a record in the message (``record 12 (bioguide X000001)``,
    ``line 40``). Raises ``SchemaError`` at the first record that does not match.
    """
    import fastjsonschema

    validate = _compiled(schema)
    count = 0
    for count, record in enumerate(records, start=1):
        try:
            validate(record)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise SchemaError(f"{label(count, record)}: {_field_problem(exc)}") from None
    return count


def check_answer(adapter: str, body: Any) -> None:
    """Check a directory API answer's list items against the adapter's schema (adapters with
    no schema here are not checked); ``SchemaError`` naming the item and the field."""
    if adapter not in ANSWERS:
        return
    items, _ = ANSWERS[adapter]
    found = body.get(items) if isinstance(body, Mapping) else None
    if not isinstance(found, list):
        raise SchemaError(f"the answer has no {items!r} list")
    check_records(f"answer:{adapter}", found, lambda number, _item: f"{items}[{number - 1}]")


def member_label(number: int, record: Any) -> str:
    """``record 12 (bioguide S000033)``: a congress-legislators record as people find it."""
    ids = record.get("id") if isinstance(record, Mapping) else None
    bioguide = ids.get("bioguide") if isinstance(ids, Mapping) else None
    return f"record {number}" + (f" (bioguide {bioguide})" if isinstance(bioguide, str) else "")


def _field_problem(exc: Any) -> str:
    """``field terms[0].state must be one of [...]`` from a fastjsonschema error."""
    where = "".join(f"[{part}]" if str(part).isdigit() else f".{part}" for part in exc.path[1:])
    said = str(exc.message)
    prefix = str(exc.name)
    reason = said[len(prefix) :].strip() if said.startswith(prefix) else said
    if len(reason) > 100:
        reason = reason[:99] + "…"
    return f"field {where.lstrip('.')} {reason}" if where else f"the record {reason}"
