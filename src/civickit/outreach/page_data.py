"""What the action page embeds: every ZIP with its districts and shares, every district's
officials (vacant seats as vacant), and for each official the call script and the letters.

The letters and scripts are rendered here by the same ``LetterRenderer`` as ``civickit letter``,
for a writer whose name, address and story the page fills in as the visitor types them
(``NAME``, ``STREET``, ``CITY_LINE`` and ``STORY`` stand in for them). Batch letters vary with
the writer (``materials/variants.py`` seeds the choices by writer and office); the page has no
writer yet, so it renders ``LETTER_VARIANTS`` stand-in writers' letters per official and picks
one per visit. The result is plain JSON, so the page needs no server: it looks ZIPs up in the
browser exactly as ``civickit lookup --zip`` does (every district a ZIP touches, with its share,
never one picked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from civickit.campaign import Campaign
from civickit.core.districts import HOUSE_SEATS, NON_STATES, District
from civickit.core.offices import FEDERAL_OFFICES, STATE_OFFICES
from civickit.core.officials import Official
from civickit.core.state_bodies import state_chamber
from civickit.core.states import state_name
from civickit.core.vacancies import vacancy_note
from civickit.lookup.datasets import OPENSTATES_PREFIX
from civickit.lookup.facade import Lookup
from civickit.materials.callscripts import office_phones
from civickit.materials.letters import LetterRenderer, Sender
from civickit.materials.page import tel
from civickit.materials.variants import Variation, letter_seed

#: Stand-ins for what the visitor types; the page replaces them (``page.js``).
NAME = "[[NAME]]"
STREET = "[[STREET]]"
CITY_LINE = "[[CITY_LINE]]"
STORY = "[[STORY]]"
#: How many stand-in writers' letters the page carries per official; a visit picks one.
LETTER_VARIANTS = 3


@dataclass
class PageData:
    """The page's data, ready for ``json.dumps``."""

    campaign: dict[str, Any]
    districts: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)
    zips: dict[str, list[list[int]]] = field(default_factory=dict)
    zip_table: str = ""  # which Congress's districts the ZIP table describes, and its version
    zip_version: str = ""  # the ZIP table's version alone
    state_data: list[str] = field(default_factory=list)  # states with their legislators
    only_states: list[str] = field(default_factory=list)  # --state; empty: every state
    languages: list[str] = field(default_factory=list)  # the campaign's other languages

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "campaign": self.campaign,
            "districts": self.districts,
            "officials": self.officials,
            "zips": self.zips,
            "zip_table": self.zip_table,
            "zip_version": self.zip_version,
            "state_data": self.state_data,
            "only_states": self.only_states,
            **({"languages": self.languages} if self.languages else {}),
        }


class VisitorRenderer(LetterRenderer):
    """A ``LetterRenderer`` whose choices are seeded by a stand-in writer id, not by the
    stand-in name and address (which are the same for every visitor)."""

    def __init__(self, campaign: Campaign, visitor: str, **options: Any) -> None:
        super().__init__(campaign, **options)
        self.visitor = visitor

    def variation(self, official: Official, sender: Sender) -> Variation:  # type: ignore[override]
        """The choices of stand-in writer ``visitor``'s letters and calls to ``official``."""
        return letter_seed((self.visitor,), official)


def stand_in_sender() -> Sender:
    """The writer the page's letters are rendered for; the page fills the stand-ins."""
    return Sender(NAME, f"{STREET}\n{CITY_LINE}", story=STORY)


def congressional_districts(states: Collection[str] = ()) -> Iterator[District]:
    """Every House seat (of ``states``, when given): each state's numbered districts or its
    at-large seat, DC and the territories' delegates."""
    for state, seats in HOUSE_SEATS.items():
        if states and state not in states:
            continue
        if seats == 1 or state in NON_STATES:
            yield District(state, "cd", "0")
        else:
            for number in range(1, seats + 1):
                yield District(state, "cd", str(number))


def synced_states(lookup: Lookup, states: Collection[str] = ()) -> list[str]:
    """The states whose Open States legislators are in the data store (of ``states``)."""
    found = [
        dataset.name.removeprefix(OPENSTATES_PREFIX).upper()
        for dataset in lookup.datastore.known_datasets()
        if dataset.name.startswith(OPENSTATES_PREFIX)
    ]
    return sorted(state for state in found if not states or state in states)


def state_districts(state: str) -> Iterator[District]:
    """Every district of ``state``'s legislature, upper chamber first."""
    for kind in ("sldu", "sldl"):
        body = state_chamber(state, kind)
        if body is not None:
            for district in body.districts:
                yield District(state, kind, district.name)


def build_page_data(
    campaign: Campaign,
    lookup: Lookup,
    *,
    date: dt.date,
    states: Sequence[str] = (),
    as_of: dt.date | None = None,
    on_district: Callable[[str], None] | None = None,
) -> PageData:
    """The page's data from the local datasets (``lookup`` should be offline), for every state
    or only ``states`` (USPS codes). ``on_district`` is told each district as it is done."""
    from civickit.lookup.adapters.zcta import DATASET, build_index

    wanted = {state.upper() for state in states}
    renderers = [
        VisitorRenderer(campaign, f"page visitor {n + 1}", as_of=as_of or date)
        for n in range(LETTER_VARIANTS)
    ]
    languages = page_languages(campaign)
    translated = {
        code: [
            VisitorRenderer(campaign, f"page visitor {n + 1}", as_of=as_of or date, language=code)
            for n in range(LETTER_VARIANTS)
        ]
        for code in languages
    }
    builder = _Builder(renderers, date, translated)
    data = PageData(
        campaign={"title": campaign.title, "action_url": campaign.action_url or ""},
        languages=languages,
    )
    index_of: dict[str, int] = {}
    places: list[tuple[District, Collection[Any]]] = [
        (district, FEDERAL_OFFICES) for district in congressional_districts(wanted)
    ]
    data.only_states = sorted(wanted)
    data.state_data = synced_states(lookup, wanted)
    for state in data.state_data:
        places += [(district, STATE_OFFICES) for district in state_districts(state)]
    for district, offices in places:
        result = lookup.resolve(district=district.label, offices=offices)
        members = [builder.index(official) for official in result.officials]
        index_of[district.label] = len(data.districts)
        data.districts.append(
            {
                "label": district.label,
                "kind": district.kind,
                "name": _district_name(district),
                "officials": members,
            }
        )
        if on_district is not None:
            on_district(district.label)
    data.officials = builder.officials
    zips = lookup.datastore.load_index("zcta-cd", [DATASET], build_index)
    for code, entries in sorted(zips.items()):
        rows = []
        for key, share in entries:
            state, number = key.split(":")
            label = District(state, "cd", number).label
            if label in index_of:
                rows.append([index_of[label], round(share * 1000)])
        if rows and len(rows) == len(entries):  # a ZIP half outside --state is left out
            data.zips[code] = rows
    record = lookup.datastore.record(DATASET)
    data.zip_version = record.version if record and record.version else ""
    data.zip_table = "the Census Bureau's ZCTA to congressional district relationship file" + (
        f" ({record.version})" if record and record.version else ""
    )
    return data


class _Builder:
    """Officials in the page's data, each once however many districts list it (a senator)."""

    def __init__(
        self,
        renderers: Sequence[LetterRenderer],
        date: dt.date,
        translated: Mapping[str, Sequence[LetterRenderer]],
    ) -> None:
        self.renderers = renderers
        self.translated = translated
        self.date = date
        self.sender = stand_in_sender()
        self.officials: list[dict[str, Any]] = []
        self._index: dict[tuple[str, str, str], int] = {}

    def index(self, official: Official) -> int:
        key = (official.office, official.seat_label, official.name)
        if key not in self._index:
            self._index[key] = len(self.officials)
            self.officials.append(self._entry(official))
        return self._index[key]

    def _entry(self, official: Official) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "seat": official.seat_label,
            "office": official.office,
            "vacant": official.vacant,
        }
        if official.vacant:
            entry["heading"] = vacancy_note(official)
            return entry
        heading = renderers_heading(self.renderers[0], official, self.sender)
        entry.update(
            heading=heading,
            name=official.name,
            party=official.party or "",
            contact_form=official.contact_form or "",
            phones=[
                {"label": phone.label, "number": phone.number, "tel": tel(phone.number)}
                for phone in office_phones(official)
            ],
        )
        entry.update(self._materials(official, self.renderers))
        for code, renderers in self.translated.items():
            entry[code] = self._materials(official, renderers)
        return entry

    def _materials(
        self, official: Official, renderers: Sequence[LetterRenderer]
    ) -> dict[str, list[str]]:
        """The distinct letters and call scripts of ``renderers``' stand-in writers."""
        letters = [r.render(official, self.sender, "txt", date=self.date) for r in renderers]
        scripts = [r.callscript(official, self.sender).script for r in renderers]
        return {"letters": list(dict.fromkeys(letters)), "scripts": list(dict.fromkeys(scripts))}


def renderers_heading(renderer: LetterRenderer, official: Official, sender: Sender) -> str:
    """``Senator Alex Padilla (California)``: the call script's heading, with the full name."""
    script = renderer.callscript(official, sender)
    party = f", {official.party}" if official.party else ""
    return f"{official.title} {official.name} ({script.constituency}{party})"


def page_languages(campaign: Campaign) -> list[str]:
    """The campaign's other languages the page carries: those it has translations for and
    the page has words for (``materials.page_words.page_languages``)."""
    from civickit.materials.page_words import page_languages as carried

    return carried(campaign)[0]


def _district_name(district: District) -> str:
    place = state_name(district.state)
    if district.kind != "cd":
        body = state_chamber(district.state, district.kind)
        chamber = body.name if body else "legislature"
        return f"{place} {chamber} district {district.number}"
    if district.state in NON_STATES:
        return place
    if district.at_large:
        return f"{place} (at large)"
    return f"{place}'s congressional district {district.number}"


def check_states(states: Sequence[str]) -> list[str]:
    """``--state`` values as USPS codes; a ``UsageError`` naming one that is not a state."""
    from civickit.core.states import state_code
    from civickit.errors import UsageError

    codes = []
    for text in states:
        code = state_code(text)
        if code is None:
            raise UsageError(f"--state {text!r}: not a US state or territory; give e.g. CA or NY")
        codes.append(code)
    return list(dict.fromkeys(codes))


def build_page(
    campaign: Campaign,
    lookup: Lookup,
    *,
    date: dt.date,
    states: Sequence[str] = (),
    on_district: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """The action page's files by name (``index.html``, ``districts.html``)."""
    from civickit.materials.page import render_page

    data = build_page_data(
        campaign, lookup, date=date, states=check_states(states), on_district=on_district
    )
    return render_page(campaign, data.to_dict(), made=date)
