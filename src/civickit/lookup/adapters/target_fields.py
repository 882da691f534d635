"""A target's fields: their names and aliases, and how one record of them is checked and made
an ``Official``, whatever file it came from (a table row, a TOML table)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from civickit.campaign import is_http_url
from civickit.core.addressing import title_for
from civickit.core.contacts import parse_email, parse_phone
from civickit.core.districts import parse_district
from civickit.core.officials import OFFICE_KINDS, Address, OfficeKind, Official, Provenance
from civickit.core.states import state_code
from civickit.core.zips import parse_zip
from civickit.errors import UsageError
from civickit.tabular import clean_cell

FIELDS = (
    "name",
    "title",
    "office",
    "organisation",
    "district",
    "address",
    "address2",
    "city",
    "state",
    "zip",
    "email",
    "phone",
    "website",
    "contact_form",
    "party",
    "family_name",
)
_ALIASES = {
    "organization": "organisation",
    "org": "organisation",
    "company": "organisation",
    "street": "address",
    "address1": "address",
    "address_1": "address",
    "address_line_1": "address",
    "address_line1": "address",
    "address_2": "address2",
    "address_line_2": "address2",
    "address_line2": "address2",
    "zip_code": "zip",
    "zipcode": "zip",
    "postcode": "zip",
    "postal_code": "zip",
    "e_mail": "email",
    "telephone": "phone",
    "url": "website",
    "contact_url": "contact_form",
    "last_name": "family_name",
}
_CONTACT_FIELDS = ("address", "email", "phone", "website", "contact_form")
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n|\|)\s*")


@dataclass(frozen=True)
class TargetRecord:
    """One target's raw fields, where it is in the file, and why it could not be read."""

    place: str  # "row 3" in a table, "line 5" in TOML
    fields: Mapping[str, Any]
    problem: str | None = None


def field_name(cell: str) -> str | None:
    """The field a column or key names (``Post Code`` -> ``zip``); ``None`` when unknown."""
    key = re.sub(r"[\s\-]+", "_", cell.strip().lower())
    key = _ALIASES.get(key, key)
    return key if key in FIELDS else None


def target_from(record: TargetRecord, source: str) -> tuple[Official | None, list[str]]:
    """The target of ``record`` (from file ``source``), or ``None`` and every problem it has."""
    fields = record.fields
    if record.problem is not None:
        return None, [f"{record.problem}; write each target as one JSON object on its line"]
    problems = [
        f"unknown field {key[1:]!r}; use {', '.join(FIELDS)}"
        for key in fields
        if key.startswith("?")
    ]
    values: dict[str, str] = {}
    address_lines: list[str] = []
    for key, value in fields.items():
        if key.startswith("?"):
            continue
        if key in ("address", "address2"):
            lines, problem = _address_lines(key, value)
            address_lines.extend(lines)
            problems.extend([problem] if problem else [])
        elif isinstance(value, str):
            values[key] = " ".join(clean_cell(value).split())
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[key] = str(value)
        else:
            problems.append(f"{key} must be text, not {type(value).__name__}")
    problems += _check_values(values, address_lines)
    if problems:
        return None, problems
    return _official(values, tuple(address_lines), source), []


def _address_lines(key: str, value: Any) -> tuple[list[str], str | None]:
    if isinstance(value, str):
        raw = _LINE_BREAKS.split(clean_cell(value).strip())
    elif isinstance(value, list) and all(isinstance(line, str) for line in value):
        raw = [clean_cell(line) for line in value]
    else:
        return [], f"{key} must be text or a list of lines"
    lines = [" ".join(line.split()) for line in raw]
    return [line for line in lines if line], None


def _check_values(values: dict[str, str], address_lines: list[str]) -> list[str]:
    problems: list[str] = []
    if not values.get("name"):
        problems.append("name is empty; give the person's or office's name")
    office = values.get("office") or "other"
    if office not in OFFICE_KINDS:
        problems.append(f"office {office!r} is not one of {', '.join(OFFICE_KINDS)}")
    state = values.get("state", "")
    if state:
        normalised = state_code(state)
        if normalised is None:
            problems.append(f"state {state!r} is not a US state or territory; use e.g. CA")
        else:
            values["state"] = normalised
    problems += _check_district_and_zip(values)
    checks: tuple[tuple[str, Callable[[str], object], str], ...] = (
        ("email", _passes(parse_email), "an e-mail address like clerk@example.gov"),
        ("website", is_http_url, "an http(s):// URL"),
        ("contact_form", is_http_url, "an http(s):// URL"),
        ("phone", _passes(parse_phone), "a phone number like 510-238-3141"),
    )
    for key, accepts, wanted in checks:
        value = values.get(key, "")
        if value and not accepts(value):
            problems.append(f"{key} {value!r} is not {wanted}")
    if not address_lines and (values.get("city") or values.get("zip")):
        problems.append("city/zip given without a street address; add the address column")
    if not address_lines and not any(values.get(key) for key in _CONTACT_FIELDS):
        problems.append(
            "no way to reach this target; give an address, email, phone, website or contact_form"
        )
    return problems


def _check_district_and_zip(values: dict[str, str]) -> list[str]:
    """Normalise ``district`` (to its label) and ``zip`` with the parsers ``--district`` and
    ``--zip`` use, and report what they reject in their words."""
    problems: list[str] = []
    for key, parse in (("district", lambda text: parse_district(text).label), ("zip", _zip)):
        if values.get(key):
            try:
                values[key] = parse(values[key])
            except UsageError as exc:
                problems.append(f"{key}: {exc}")
    if values.get("district") and not problems:
        district_state = parse_district(values["district"]).state
        if values.get("state") and values["state"] != district_state:
            problems.append(
                f"district {values['district']} is not in state {values['state']}; fix one of them"
            )
        values["state"] = values.get("state") or district_state
    return problems


def _zip(text: str) -> str:
    return str(parse_zip(text))


def _official(values: dict[str, str], lines: tuple[str, ...], source: str) -> Official:
    phone = values.get("phone") or None
    office: OfficeKind = next((k for k in OFFICE_KINDS if k == values.get("office")), "other")
    organisation = values.get("organisation") or None
    postal = (
        Address(
            label=organisation or "Office",
            lines=lines,
            city=values.get("city", ""),
            state=values.get("state", ""),
            zip=values.get("zip", ""),
            phone=phone,
        )
        if lines
        else None
    )
    return Official(
        name=values["name"],
        office=office,
        # An elected office's title is the one its letters use (Assemblymember in NJ, ...).
        title=title_for(office, values.get("state", "")) or values.get("title", ""),
        state=values.get("state", ""),
        district=parse_district(values["district"]) if values.get("district") else None,
        party=values.get("party") or None,
        family_name=values.get("family_name") or None,
        capitol_office=postal,
        phones=(phone,) if phone else (),
        contact_form=values.get("contact_form") or None,
        email=values.get("email") or None,
        website=values.get("website") or None,
        organisation=organisation,
        provenance=Provenance("file", source),
    )


def _passes(parse: Callable[[str], str]) -> Callable[[str], bool]:
    """``parse`` (the one e-mail or phone check, ``core.contacts``) as a yes/no test."""

    def accepts(value: str) -> bool:
        try:
            parse(value)
        except UsageError:
            return False
        return True

    return accepts
