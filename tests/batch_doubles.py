"""Small, honest stand-ins for ``civickit.lookup.Lookup`` and ``civickit.letters`` (built on
other branches) so batch tests and benchmarks run before the merge. After the merge, swap them
for the real ones (``civickit.batch.default_tools``); ``test_batch_integration.py`` already
runs the real wiring as soon as it is importable.

Run as a script it is the ``civickit`` CLI with these doubles wired in (used by the kill -9
test): ``python tests/batch_doubles.py batch rows.csv --out out/``. ``BATCH_DOUBLE_DELAY``
(seconds per letter) slows rendering so a test can kill the run midway.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import jinja2

from civickit.batch import BatchTools, ResolveOutcome, sender_fields
from civickit.campaign import Campaign, load_campaign
from civickit.districts import District
from civickit.errors import NetworkError, UsageError
from civickit.lookup import Candidate, LookupResult
from civickit.officials import Address, OfficeKind, Official, Provenance
from civickit.safety import safe_filename_part
from civickit.supporters import Location, SupporterRow

DATASET = Provenance("double", "test-directory", "2026-06-15")


def parse_label(label: str) -> District:
    """``CA-12`` / ``WY-AL`` -> a congressional ``District``."""
    state, _, number = label.partition("-")
    return District(state, "cd", "0" if number == "AL" else number)


def official(
    name: str,
    office: OfficeKind,
    state: str,
    district: str | None = None,
    *,
    email: str | None = None,
    offices: Sequence[Address] = (),
    vacant: bool = False,
) -> Official:
    """A test official with a Washington office."""
    title = "Senator" if office == "us-senate" else "Representative"
    capitol = Address("Washington Office", ("1 Capitol Hill",), "Washington", "DC", "20515")
    return Official(
        name=name,
        office=office,
        title=title,
        state=state,
        district=parse_label(district) if district else None,
        capitol_office=capitol,
        district_offices=tuple(offices),
        email=email,
        ids={"bioguide": safe_filename_part(name or f"vacant-{district}")},
        provenance=DATASET,
        vacant=vacant,
    )


def sample_directory() -> dict[str, list[Official]]:
    """District label -> officials (House member first, then the senators)."""
    ca_senators = [
        official(
            "Alex Padilla",
            "us-senate",
            "CA",
            email="padilla@example.test",
            offices=[
                Address(
                    "Fresno Office",
                    ("2500 Tulare St",),
                    "Fresno",
                    "CA",
                    "93721",
                    None,
                    None,
                    36.73,
                    -119.78,
                ),
                Address(
                    "San Francisco Office",
                    ("333 Bush St",),
                    "San Francisco",
                    "CA",
                    "94104",
                    None,
                    None,
                    37.79,
                    -122.40,
                ),
            ],
        ),
        official("Adam B. Schiff", "us-senate", "CA", email="schiff@example.test"),
    ]
    ny_senators = [
        official("Charles E. Schumer", "us-senate", "NY"),
        official("Kirsten E. Gillibrand", "us-senate", "NY"),
    ]
    return {
        "CA-11": [
            official("Nancy Pelosi", "us-house", "CA", "CA-11", email="pelosi@example.test"),
            *ca_senators,
        ],
        "CA-2": [official("Jared Huffman", "us-house", "CA", "CA-2"), *ca_senators],
        "CA-14": [official("", "us-house", "CA", "CA-14", vacant=True), *ca_senators],
        "NY-10": [official("Daniel S. Goldman", "us-house", "NY", "NY-10"), *ny_senators],
        "NY-12": [official("Jerrold Nadler", "us-house", "NY", "NY-12"), *ny_senators],
    }


SAMPLE_ZIPS = {"94103": ["CA-11"], "95501": ["CA-2"], "10001": ["NY-10", "NY-12"]}


class DictResolver:
    """A ``Resolver`` over a dict of district -> officials, a ZIP table, and (for addresses)
    a geocoder at ``geocoder_url`` answering ``GET ?address=...`` with ``{"district": ...}``."""

    def __init__(
        self,
        directory: Mapping[str, list[Official]],
        zips: Mapping[str, list[str]] | None = None,
        geocoder_url: str | None = None,
        jobs: int = 4,
        timeout: float = 2.0,
    ) -> None:
        self.directory = directory
        self.zips = zips or {}
        self.geocoder_url = geocoder_url
        self.jobs = jobs
        self.timeout = timeout
        self.calls: list[Location] = []
        self._lock = threading.Lock()
        self._session: Any = None

    def resolve_many(
        self, locations: Sequence[Location], offices: Collection[OfficeKind]
    ) -> dict[Location, ResolveOutcome]:
        with ThreadPoolExecutor(self.jobs) as pool:
            answers = list(pool.map(self._one, locations))
        return dict(zip(locations, answers, strict=True))

    def _one(self, location: Location) -> ResolveOutcome:
        with self._lock:
            self.calls.append(location)
        try:
            if location.kind == "district":
                return self._district(location.value)
            if location.kind == "zip":
                labels = self.zips.get(location.value)
                if not labels:
                    raise UsageError(f"ZIP {location.value} is not in the ZIP table")
                if len(labels) == 1:
                    return self._district(labels[0], query=location.value)
                return self._ambiguous(location.value, labels)
            return self._district(self._geocode(location.value), query=location.value)
        except (UsageError, NetworkError, OSError) as exc:
            return exc

    def _district(self, label: str, query: str | None = None) -> LookupResult:
        officials = self.directory.get(label)
        if officials is None:
            raise UsageError(f"district {label} is not in the directory")
        return LookupResult(
            query=query or label,
            districts=(parse_label(label),),
            officials=tuple(officials),
            provenance=(DATASET,),
        )

    def _ambiguous(self, zip_code: str, labels: list[str]) -> LookupResult:
        candidates = tuple(
            Candidate(parse_label(label), tuple(self.directory.get(label, ()))) for label in labels
        )
        return LookupResult(
            query=zip_code,
            districts=tuple(c.district for c in candidates),
            officials=(),
            ambiguous=True,
            candidates=candidates,
            notes=(f"ZIP {zip_code} spans {len(labels)} districts",),
            provenance=(DATASET,),
        )

    def _geocode(self, address: str) -> str:
        if self.geocoder_url is None:
            raise UsageError("no geocoder configured for address lookups")
        from civickit.http import build_session

        if self._session is None:
            self._session = build_session(retries=1, backoff=0)
        response = self._session.get(
            self.geocoder_url, params={"address": address}, timeout=self.timeout
        )
        if response.status_code != 200:
            raise NetworkError(f"the geocoder answered HTTP {response.status_code}; try later")
        district = response.json().get("district")
        if not district:
            raise UsageError(f"the geocoder found no district for {address!r}")
        return str(district)


@dataclass(frozen=True)
class Sender:
    """Mirror of ``civickit.letters.Sender``."""

    name: str
    address: str
    email: str | None = None
    phone: str | None = None
    story: str | None = None


_TEXT = """{{ date | date_text }}

{{ official.title }} {{ official.name }}
{% for line in office_lines %}{{ line }}
{% endfor %}

Dear {{ official.title }} {{ official.last_name }},

I am your constituent. {{ fact.dated_text() }} [1]
{% if sender.story %}

{{ sender.story }}
{% endif %}

Sincerely,
{{ sender.name }}
{{ sender.address }}

[1] {{ fact.source.citation() }}
"""

_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Letter</title></head>
<body><p>{{ date | date_text }}</p><p>Dear {{ official.title }} {{ official.last_name }},</p>
<p>I am your constituent. {{ fact.dated_text() }}<sup>[1]</sup></p>
{% if sender.story %}<p>{{ sender.story }}</p>{% endif %}
<p>Sincerely,<br>{{ sender.name }}</p>
<p class="src">[1] {{ fact.source.citation() }}</p></body></html>
"""


class TemplateRenderer:
    """Mirror of ``LetterRenderer``'s batch methods: one Jinja template per format."""

    def __init__(self, campaign: Campaign, delay: float = 0.0) -> None:
        from civickit.filters import FILTERS

        self.campaign = campaign
        self.fact = campaign.facts_tagged(["key"])[0]
        self.delay = delay
        env = jinja2.Environment(
            loader=jinja2.DictLoader(
                {"letter.txt": _TEXT, "letter.md": _TEXT, "letter.html": _HTML}
            ),
            autoescape=jinja2.select_autoescape(["html"]),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        env.filters.update(FILTERS)
        self.env = env

    def render(self, official: Official, sender: Any, fmt: str, *, date: dt.date) -> str:
        if self.delay:
            time.sleep(self.delay)
        office = official.capitol_office
        return self.env.get_template(f"letter.{fmt}").render(
            official=official,
            sender=sender,
            date=date,
            fact=self.fact,
            office_lines=office.postal_lines() if office else [],
        )

    def render_email(self, official: Official, sender: Any, *, date: dt.date) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = self.campaign.subject
        message["From"] = sender.email or "supporter@example.test"
        if official.email:
            message["To"] = official.email
        message.set_content(self.render(official, sender, "txt", date=date))
        return message


def letter_filename(date: dt.date, official: Official, ext: str) -> str:
    """Mirror of ``civickit.letters.letter_filename``."""
    who = safe_filename_part(official.last_name or official.seat_label)
    return f"{date.isoformat()}-{safe_filename_part(official.seat_label)}-{who}.{ext}"


def make_sender(row: SupporterRow) -> Sender:
    return Sender(**sender_fields(row))  # type: ignore[arg-type]


def make_tools(
    campaign: Campaign | None = None,
    *,
    directory: Mapping[str, list[Official]] | None = None,
    zips: Mapping[str, list[str]] | None = None,
    geocoder_url: str | None = None,
    delay: float = 0.0,
    jobs: int = 4,
) -> BatchTools:
    """Batch tools built from the doubles."""
    campaign = campaign or load_campaign()
    return BatchTools(
        resolver=DictResolver(
            directory if directory is not None else sample_directory(),
            zips if zips is not None else SAMPLE_ZIPS,
            geocoder_url,
            jobs,
        ),
        renderer=TemplateRenderer(campaign, delay),
        make_sender=make_sender,
        letter_filename=letter_filename,
        campaign=campaign.title,
        fingerprint="doubles-v1",
    )


def install() -> None:
    """Make ``civickit batch`` use the doubles (for subprocess tests)."""
    import civickit.batch

    delay = float(os.environ.get("BATCH_DOUBLE_DELAY", "0") or 0)

    def tools(campaign: Campaign, **_: Any) -> BatchTools:
        return make_tools(campaign, delay=delay)

    civickit.batch.default_tools = tools  # type: ignore[assignment]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    install()
    from civickit.cli import main

    main()
