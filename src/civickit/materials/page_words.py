"""The action page's words in one language (``PageWords``): what the page and its script show.

English is civickit's own wording here (:data:`ENGLISH`). Another language's words are data:
the ``[page]`` table of its ``<code>/language.toml`` on the template search path (the built-in
``es`` one, or a campaign's ``templates/<code>/language.toml``), with the same keys as
:data:`ENGLISH_TEXT` and optional ``[page.parties]``, ``[page.phones]``, ``[page.offices]``
and ``[page.units]`` tables naming the data's English words in it; states and state chambers are
named by the language's ``[places]`` and ``[chambers]``, as its letters name them. A language
whose file has no ``[page]`` table is left out of the page (``page_languages`` says so).
Numbers, lists and dates are worded by Babel in the language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civickit.campaign import Campaign
from civickit.core.addressing import PlaceWords, office_chamber_in, state_name_in
from civickit.core.chambers import chamber
from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.core.offices import OfficeKind
from civickit.core.states import state_name
from civickit.errors import UsageError

#: Every word of the page in English; another language's ``[page]`` table has these keys.
ENGLISH_TEXT: dict[str, str] = {
    "name": "English",
    "language_label": "Language",
    "skip": "Skip to finding your officials",
    "ask": "What we ask",
    "facts": "The facts",
    "sources": "Sources",
    "source": "source",
    "find_heading": "Find your officials",
    "noscript": "This search needs JavaScript. Without it, see {link}.",
    "noscript_link": "every district and its officials",
    "list_in_language": "Every district and its officials, in English",
    "place_label": "Your ZIP code or district",
    "hint": "For example {zip}, or a district such as {districts}.",
    "hint_state": "For example {zip}, a district such as {districts}, or a state legislative "
    "district such as {state}.",
    "find": "Find",
    "only": "This page covers {states} only.",
    "zip_note": "A ZIP code finds your members of Congress: the ZIP table maps ZIP codes to "
    "congressional districts only.",
    "state_note": "For your state legislators ({states}), enter your state district, e.g. "
    "{examples} (see the district list).",
    "districts_link": "Every district and its officials",
    "works_without_js": "(works without JavaScript).",
    "data_note": "Officials and districts: congress-legislators, Open States and the Census "
    "Bureau's ZCTA to congressional district relationship file{version}.",
    "made": "Made with civickit on {date}.",
    "list_title": "Districts and officials: {title}",
    "list_heading": "Every district and its officials",
    "back": "Back to {title}",
    "contact_form_link": "contact form",
    "your_name": "(your name)",
    "your_street": "(your street address)",
    "your_city": "(your city, state and ZIP)",
    "officials_for": "Your officials for {label} ({name})",
    "vacant_note": "This seat is vacant: there is no one to write to or call until it is filled.",
    "call": "Call {label}:",
    "other_offices": "Other offices ({count})",
    "state_hint": "Your state legislators are on this page too: enter your {state} state "
    "district (see the district list). A ZIP code finds only your members of Congress.",
    "no_phone": "No phone number in the data: use the contact form.",
    "script": "What to say when you call",
    "letter": "Your letter",
    "letter_to": "Letter to {heading}",
    "copy_letter": "Copy the letter",
    "copied": "Copied.",
    "contact_form": "Open the contact form of {name} to paste your letter",
    "split": "Your ZIP {zip} is split between {parts}. Choose your district, or find it from "
    "your street address at the Census Bureau's site.",
    "less_than_1": "less than {one}",
    "census": "Find your district from your street address (U.S. Census Bureau)",
    "zip_unknown": "ZIP {zip} is not in the ZIP table (PO-box-only and single-business ZIPs "
    "are missing). Enter your district instead, or find it from your street address at the "
    "Census Bureau's site.",
    "not_a_place": "'{value}' is not a ZIP code or a district here.",
    "example": "Enter a 5-digit ZIP such as {zip}, or a district such as {districts}.",
    "add_yourself": "Add your name, address and own words",
    "you_heading": "About you (for your letter)",
    "you_hint": "Nothing you type leaves this page: it is not stored and not sent anywhere.",
    "name_label": "Your name",
    "street_label": "Street address",
    "city_label": "City, state and ZIP",
    "story_label": "Your own words (optional): why this matters to you",
    "share_heading": "Share",
    "copy_post": "Copy",
    "post_caption": "{platform} ({length} of {limit} {unit})",  # the unit: [page.units]
    "post_label": "Post for {platform}",
    # How the data's officials and districts read in another language (English: as the data
    # words them, so these are used for other languages only).
    "official": "{name} ({office}, {place}{party})",
    "vacant": "{place} is vacant ({office})",
    "district_cd": "{state}'s congressional district {number}",
    "district_at_large": "{state} (at large)",
    "district_state": "{chamber} district {number}",
}
#: The data's own words a language's file may name (``[page.<table>]``). State and chamber
#: names are the language's ``[places]`` and ``[chambers]``, the ones its letters use.
WORD_TABLES = ("parties", "phones", "offices", "units")


@dataclass(frozen=True)
class PageWords:
    """The page's words in language ``code``: ``text`` (the keys of :data:`ENGLISH_TEXT`)
    and the data's English words in it (``tables``: party names, phone labels, ...)."""

    code: str
    text: Mapping[str, str]
    tables: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    places: PlaceWords | None = None  # the language's [places] and [chambers]: else English

    @property
    def english(self) -> bool:
        """True for civickit's own English wording (the data's words as they are)."""
        return self.code == DEFAULT_LANGUAGE

    def word(self, table: str, english: str) -> str:
        """``english`` (a party, phone label, ...) in this language; as it is when unnamed."""
        return self.tables.get(table, {}).get(english, english)

    def state(self, code: str) -> str:
        """The state's name as this language's letters name it (``Nueva York``)."""
        return state_name_in(code, self.places) if self.places else state_name(code)

    def chamber(self, state: str, office: OfficeKind) -> str:
        """A state chamber as this language's letters name it, with its article (``el Senado
        de California``); its English name where the language names no chambers."""
        named = office_chamber_in(office, state, self.places) if self.places else None
        if named is not None:
            return named
        found = chamber(office, state)
        return found.name if found else ""

    def contract(self, text: str) -> str:
        """``text`` with the language's contractions ("de el" is "del")."""
        return self.places.contract(text) if self.places else text

    def percent(self) -> str:
        """Babel's percent of the language with ``{p}`` for the number: ``{p}\u00a0%`` in
        Spanish, ``{p}%`` in English."""
        from babel import Locale

        pattern = Locale.parse(self.code).percent_formats[None]
        return f"{pattern.prefix[0]}{{p}}{pattern.suffix[0]}"

    def less_than_1(self) -> str:
        """``less than 1%``, ``menos del 1\u00a0%``."""
        from babel.numbers import format_percent

        return self.text["less_than_1"].format(one=format_percent(0.01, locale=self.code))

    def list_patterns(self) -> dict[str, str]:
        """Babel's patterns joining a list (``{0} and {1}``) for the script."""
        from babel import Locale

        patterns = Locale.parse(self.code).list_patterns["standard"]
        return {f"list_{key}": patterns[key] for key in ("2", "start", "middle", "end")}

    def either(self, items: Sequence[str]) -> str:
        """``CA-12, WY-AL or DC``, ``CA-12, WY-AL o DC``."""
        from babel.lists import format_list

        return format_list(list(items), style="or", locale=self.code) if items else ""

    def number(self, value: int) -> str:
        """``63,206`` in English, ``63.206`` in Spanish (Babel)."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.code))

    def date(self, day: dt.date) -> str:
        """``November 26, 2026``, ``26 de noviembre de 2026``."""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.code)


ENGLISH = PageWords(DEFAULT_LANGUAGE, ENGLISH_TEXT)


def page_words(code: str, folders: Sequence[Path]) -> PageWords | None:
    """The page's words in ``code`` from the ``[page]`` table of its ``language.toml`` in
    ``folders``; ``None`` when that file has no ``[page]`` table."""
    from civickit.materials.languages import language_words

    if code == DEFAULT_LANGUAGE:
        return ENGLISH
    words = language_words(code, folders)
    return _read(code, words.page, words.places) if words.page else None


def _read(code: str, table: Mapping[str, Any], places: PlaceWords | None = None) -> PageWords:
    where = f"language {code!r}: the [page] table of its language.toml"
    missing = [key for key in ENGLISH_TEXT if key not in table]
    unknown = [key for key in table if key not in ENGLISH_TEXT and key not in WORD_TABLES]
    if missing or unknown:
        problems = [f"lacks {', '.join(missing)}"] if missing else []
        problems += [f"has unknown {', '.join(unknown)}"] if unknown else []
        raise UsageError(f"{where} {'; '.join(problems)}; compare it with the built-in es file")
    tables: dict[str, dict[str, str]] = {}
    for name in WORD_TABLES:
        words = table.get(name, {})
        if not isinstance(words, Mapping):
            raise UsageError(f"{where}: [page.{name}] must be a table of words; fix it")
        tables[name] = {str(english): str(text) for english, text in words.items()}
    text = {key: str(table[key]) for key in ENGLISH_TEXT}
    return PageWords(code, text, tables, places)


def page_languages(campaign: Campaign) -> tuple[list[str], list[str]]:
    """The campaign's other languages the page carries (those it has translations for and
    whose ``language.toml`` has a ``[page]`` table), and a note for each it leaves out."""
    from civickit.materials.languages import language_words
    from civickit.materials.render import template_search_path

    folders = template_search_path(None, campaign.templates_dir)
    codes, notes = [], []
    for code in campaign.translations:
        if code == campaign.language:
            continue
        try:  # a language with no words at all (no language.toml) is left out too
            words = language_words(code, folders)
        except UsageError as exc:
            notes.append(f"The page is not in {code!r}: {exc}")
            continue
        lacking = [
            table
            for table, given in (("[page]", page_words(code, folders)), ("[social]", words.social))
            if not given
        ]
        if lacking:
            notes.append(
                f"The page is not in {code!r}: its language.toml has no {' or '.join(lacking)} "
                "table (copy the built-in es one and translate it)"
            )
        else:
            codes.append(code)
    return codes, notes
