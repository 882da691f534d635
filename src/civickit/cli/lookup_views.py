"""Text and CSV views of a ``LookupResult`` for ``civickit lookup``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from civickit.core.officials import Address, Official
from civickit.lookup.adapters.base import AdapterInfo
from civickit.lookup.answers import Candidate, rounded_share, share_phrase
from civickit.lookup.facade import LookupResult, official_key

CSV_COLUMNS = (
    "query",
    "candidate_district",
    "candidate_share",
    "ambiguous",
    "office",
    "title",
    "name",
    "organisation",
    "party",
    "state",
    "district",
    "vacant",
    "phones",
    "capitol_office",
    "district_offices",
    "contact_form",
    "email",
    "website",
    "bioguide",
    "openstates",
    "source",
)


def _address_line(address: Address) -> str:
    text = ", ".join(address.postal_lines())
    return f"{text} (phone {address.phone})" if address.phone else text


def official_text(official: Official, indent: str = "  ") -> list[str]:
    """A few lines about one official: who, seat, phones, offices, contact form."""
    if official.vacant:
        return [f"{indent}{official.title} for {official.seat_label}: VACANT (no current member)"]
    party = f" ({official.party})" if official.party else ""
    lines = [f"{indent}{official.title} {official.name}{party}, {official.seat_label}"]
    deeper = indent + "  "
    offices = [o for o in (official.capitol_office, *official.district_offices) if o]
    loose = [phone for phone in official.phones if phone not in {o.phone for o in offices}]
    if loose:
        lines.append(f"{deeper}Phone: {', '.join(loose)}")
    if official.capitol_office is not None:
        lines.append(f"{deeper}{official.capitol_office.label}: "
                     f"{_address_line(official.capitol_office)}")  # fmt: skip
    for office in official.district_offices:
        lines.append(f"{deeper}{office.label}: {_address_line(office)}")
    for label, value in (
        ("Contact form", official.contact_form),
        ("E-mail", official.email),
        ("Website", official.website),
    ):
        if value:
            lines.append(f"{deeper}{label}: {value}")
    return lines


def result_text(result: LookupResult) -> str:
    """The ``text`` format of ``civickit lookup``."""
    districts = ", ".join(d.label for d in result.districts)
    lines = [f"{result.query}: {districts}" if districts else result.query]
    if result.ambiguous:
        lines.append(
            f"AMBIGUOUS: this may be any of {len(result.candidates)} districts; "
            "none was picked for you."
        )
        states = sorted({c.district.state for c in result.candidates})
        if len(states) > 1:
            lines.append(
                f"It crosses a state line ({', '.join(states)}): each state's senators are "
                "listed under its districts."
            )
        if result.officials:
            lines += ["", "Whichever district:"]
            lines += _many(result.officials)
        shared = {official_key(o) for o in result.officials}
        for candidate in result.candidates:
            lines += ["", f"If you are in {_candidate_label(candidate)}:"]
            own = [o for o in candidate.officials if official_key(o) not in shared]
            lines += _many(own) if own else ["  (no one else)"]
    else:
        lines.append("")
        lines += _many(result.officials) if result.officials else ["  (no officials found)"]
    if result.notes:
        lines.append("")
        lines += [f"Note: {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def _candidate_label(candidate: Candidate) -> str:
    """``NY-12 (about 64% of the ZIP's land)``, or the district alone when no share is known."""
    if candidate.share is None:
        return candidate.district.label
    return f"{candidate.district.label} ({share_phrase(candidate.share)} of the ZIP's land)"


def _many(officials: Iterable[Official]) -> list[str]:
    lines: list[str] = []
    for official in officials:
        lines += official_text(official)
    return lines


def result_rows(result: LookupResult) -> list[dict[str, Any]]:
    """One CSV row per official (per candidate district when ambiguous)."""
    if not result.ambiguous:
        return [_row(result, None, o) for o in result.officials]
    return [
        _row(result, candidate, official)
        for candidate in result.candidates
        for official in candidate.officials
    ]


def _row(result: LookupResult, candidate: Candidate | None, official: Official) -> dict[str, Any]:
    capitol = official.capitol_office
    share = rounded_share(candidate.share) if candidate else None
    return {
        "query": result.query,
        "candidate_district": candidate.district.label if candidate else "",
        "candidate_share": "" if share is None else share,
        "ambiguous": "yes" if result.ambiguous else "no",
        "office": official.office,
        "title": official.title,
        "name": official.name,
        "organisation": official.organisation,
        "party": official.party,
        "state": official.state,
        "district": official.district.label if official.district else "",
        "vacant": "yes" if official.vacant else "no",
        "phones": list(official.phones),
        "capitol_office": _address_line(capitol) if capitol else "",
        "district_offices": [_address_line(o) for o in official.district_offices],
        "contact_form": official.contact_form,
        "email": official.email,
        "website": official.website,
        "bioguide": official.ids.get("bioguide", ""),
        "openstates": official.ids.get("openstates", ""),
        "source": official.provenance.adapter if official.provenance else "",
    }


def adapters_text(infos: Sequence[AdapterInfo]) -> str:
    """The ``text`` format of ``civickit adapters list``."""
    lines = []
    for info in infos:
        key = "no key"
        if info.key_env:
            key = f"{'key' if info.needs_key else 'optional key'} in {info.key_env}"
        state = "configured" if info.configured else f"NOT configured: {info.hint}".rstrip(": ")
        where = "network" if info.network else "offline"
        lines.append(f"{info.name} ({info.kind}, {info.origin})")
        lines.append(f"  answers: {', '.join(info.answers)}; {key}; {state}; {where}")
        lines.append(f"  {info.description}")
    return "\n".join(lines) + "\n"
