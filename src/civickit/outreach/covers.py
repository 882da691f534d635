"""A delivery packet's cover sheet, in the language of its letters.

A packet whose letters are all in one language has its cover in that language: the words of
the language file's ``[cover]`` table (``<code>/language.toml``, read by
:mod:`civickit.materials.languages`), the campaign's title in that language and the date by
Babel. A packet of letters in several languages, or in a language whose file has no
``[cover]``, has the English cover, and its letters line counts them per language by their
CLDR names: ``Constituent letters: 12 (8 in English, 4 in Spanish)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from civickit.core.dates import DateWords, FuzzyDate
from civickit.core.languages import DEFAULT_LANGUAGE, language_name
from civickit.materials.languages import LanguageWords


@dataclass(frozen=True)
class CoverWords:
    """The words of a cover sheet in one language."""

    code: str = DEFAULT_LANGUAGE
    title: str = "Delivery packet"
    office: str = "Office"
    deliver_to: str = "Deliver to"
    no_address: str = "(no address on record)"
    letters: str = "Constituent letters"
    campaign: str = "Campaign"
    date: str = "Date"
    dates: DateWords | None = None  # Babel's dates in the language; None: English

    @classmethod
    def of(cls, words: LanguageWords) -> CoverWords | None:
        """The cover words of a language file's ``[cover]``; ``None`` when it has none
        (its packets get the English cover)."""
        if not words.cover:
            return None
        english = cls()
        given = {key: words.cover.get(key, getattr(english, key)) for key in _KEYS}
        return cls(code=words.code, dates=words.dates, **given)


_KEYS = ("title", "office", "deliver_to", "no_address", "letters", "campaign", "date")
ENGLISH_COVER = CoverWords()


@dataclass(frozen=True)
class CoverSheet:
    """What goes on a packet's first page.

    ``languages`` counts the packet's letters per language code (empty: all English);
    ``covers`` gives the cover words (and ``titles`` the campaign's title) of languages other
    than English: a packet all in one of them has its cover in it."""

    office: str
    delivery: list[str]
    method: str
    letters: int
    campaign: str
    date: dt.date
    page_size: str = "letter"  # the CSS page size of the letters it fronts
    languages: Mapping[str, int] = field(default_factory=dict)
    covers: Mapping[str, CoverWords] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def words(self) -> CoverWords:
        """The cover's words: the one language of all its letters, else English."""
        used = [code for code, count in self.languages.items() if count]
        if len(used) == 1 and used[0] in self.covers:
            return self.covers[used[0]]
        return ENGLISH_COVER

    @property
    def campaign_title(self) -> str:
        """The campaign's title in the cover's language."""
        return self.titles.get(self.words.code, self.campaign)

    @property
    def date_text(self) -> str:
        """The date in the cover's language (Babel): ``26 de noviembre de 2026``."""
        date = FuzzyDate.from_date(self.date)
        dates = self.words.dates
        return (date.in_language(dates) if dates is not None else date).text()

    @property
    def letters_text(self) -> str:
        """``12``, or ``12 (8 in English, 4 in Spanish)`` for letters in several languages."""
        used = sorted(
            ((code, count) for code, count in self.languages.items() if count),
            key=lambda item: (-item[1], item[0]),
        )
        if len(used) < 2:
            return str(self.letters)
        parts = ", ".join(f"{count} in {language_name(code)}" for code, count in used)
        return f"{self.letters} ({parts})"

    def text(self) -> str:
        """Plain-text cover."""
        words = self.words
        lines = [
            words.title.upper(),
            "",
            f"{words.office}: {self.office}",
            f"{words.deliver_to}:",
            *(f"  {line}" for line in self.delivery or [words.no_address]),
            f"{words.letters}: {self.letters_text}",
            f"{words.campaign}: {self.campaign_title}",
            f"{words.date}: {self.date_text}",
            "",
        ]
        return "\n".join(lines)

    def html(self) -> str:
        """HTML cover; every value is escaped."""
        from markupsafe import escape

        words = self.words
        address = "<br>".join(str(escape(line)) for line in self.delivery)
        address = address or str(escape(words.no_address))
        title = escape(words.title)
        return (
            f'<!doctype html><html lang="{escape(words.code)}"><head><meta charset="utf-8">'
            f"<title>{title}</title>"
            f"<style>@page{{size:{escape(self.page_size)}}}"
            "body{font-family:serif;margin:3cm} h1{font-size:20pt}</style></head><body>"
            f"<h1>{title}</h1><p><b>{escape(words.office)}:</b> {escape(self.office)}</p>"
            f"<p><b>{escape(words.deliver_to)}:</b><br>{address}</p>"
            f"<p><b>{escape(words.letters)}:</b> {escape(self.letters_text)}</p>"
            f"<p><b>{escape(words.campaign)}:</b> {escape(self.campaign_title)}</p>"
            f"<p><b>{escape(words.date)}:</b> {escape(self.date_text)}</p>"
            "</body></html>"
        )
