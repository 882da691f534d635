"""Jinja2 filters for advocacy materials, registered in one place."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from civickit.core.dates import (
    DateWords,
    FuzzyDate,
    fit_to_date,
    join_date,
    parse_user_date,
    sentence_case,
)

if TYPE_CHECKING:
    from civickit.campaign import Fact, Source

WRAP_WIDTH = 72


def _as_fuzzy(value: FuzzyDate | dt.date | str) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, dt.date):
        return FuzzyDate.from_date(value)
    return FuzzyDate.parse(value)


def date_phrase(value: FuzzyDate | dt.date | str) -> str:
    """``on June 11, 2020`` / ``in March 2020`` / ``in 2019``, never more precise than known."""
    return _as_fuzzy(value).phrase()


def date_text(value: FuzzyDate | dt.date | str) -> str:
    """``June 11, 2020`` / ``the week of June 1, 2020`` / ``March 2020`` / ``2019``."""
    return _as_fuzzy(value).text()


def localised_date_filters(words: DateWords) -> dict[str, Callable[..., str]]:
    """``date_text`` and ``date_phrase`` worded by ``words`` (another language's dates)."""
    return {
        "date_text": lambda value: _as_fuzzy(value).in_language(words).text(),
        "date_phrase": lambda value: _as_fuzzy(value).in_language(words).phrase(),
    }


def date_short(value: FuzzyDate | dt.date | str) -> str:
    """``Jun 11, 2020`` / ``Mar 2020`` for tables and timelines."""
    return _as_fuzzy(value).short()


def relative_date(value: FuzzyDate | dt.date | str, as_of: dt.date | str) -> str:
    """``six years ago``, counted against ``as_of`` at the value's precision."""
    reference = as_of if isinstance(as_of, dt.date) else parse_user_date(as_of)
    return _as_fuzzy(value).relative_to(reference)


def citation_marker(number: int, style: str = "text", anchor: str = "src") -> str:
    """A footnote marker: ``[1]`` in text and Markdown, a superscript link in HTML.

    The HTML link points at ``#<anchor>-<number>``; letters sharing one page pass their own
    ``anchor`` so each links to its own list of sources.
    """
    if style == "html":
        from markupsafe import Markup

        return Markup('<sup class="cite"><a href="#{1}-{0}">[{0}]</a></sup>').format(number, anchor)
    if style == "md":
        return f"[^{number}]"
    return f"[{number}]"


@lru_cache(maxsize=4096)  # batches wrap the same facts and notes in every letter
def capitalise_first(text: str) -> str:
    """``text`` with its first letter upper-cased, to start a sentence (``sentence_case``)."""
    return sentence_case(text)


def wrap_text(text: str, width: int = WRAP_WIDTH, indent: str = "", hanging: str = "") -> str:
    """Wrap each paragraph of ``text`` at ``width`` columns, keeping blank lines between them.

    ``indent`` starts every line; ``hanging`` is added to the second and later lines of each
    paragraph, for list items and numbered notes.
    """
    paragraphs = text.split("\n\n")
    wrapped = [
        textwrap.fill(
            " ".join(paragraph.split()),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent + hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for paragraph in paragraphs
    ]
    return "\n\n".join(wrapped)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_escape(text: str) -> str:
    """Backslash-escape characters Markdown would read as markup or raw HTML (``<script>``)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def fact_sentence(fact: Fact) -> str:
    """The fact with its attribution, as a writer would cite it.

    "according to ..." trails the claim; a speech attribution leads it, so that a dated lead-in
    reads naturally: "On June 11, 2020, Brad Smith told The Washington Post that Microsoft ...".
    """
    if not fact.attribution:
        return fact.text
    # A translated fact's attribution trails it, as English "according to ..." does.
    if fact.date.words is not None or fact.attribution.lower().startswith("according to"):
        return f"{fact.text.rstrip('.')}, {fact.attribution}."
    return f"{fact.attribution} that {fit_to_date(fact.text, 'lead')}"


def fact_when(fact: Fact, *, phrase: bool = False) -> str:
    """When a fact is dated, as civickit always says it: ``June 2020``, or ``reported June 11,
    2020`` for a fact dated by when its source reported it (the event may be older).
    ``phrase`` gives the running-text form (``on June 11, 2020``, ``in June 2020``)."""
    when = fact.date.phrase() if phrase else fact.date.text()
    if fact.date_basis != "reported":
        return when
    return fact.date.words.reported.format(when=when) if fact.date.words else f"reported {when}"


def source_numbers(sources: Iterable[Source]) -> dict[str, int]:
    """Citation numbers by source id: each source numbered by its first use, from 1."""
    numbers: dict[str, int] = {}
    for source in sources:
        numbers.setdefault(source.id, len(numbers) + 1)
    return numbers


def dated_fact(fact: Fact) -> str:
    """A fact as a letter cites it, dated at its precision and never more precisely.

    ``In the week of June 8, 2020, IBM said ...`` (``join_date``, the one rule); a fact dated
    by when it was reported ends ``(reported on June 11, 2020).`` instead, since the event
    itself may be older.
    """
    sentence = fact_sentence(fact)
    if fact.date_basis == "reported":
        return f"{sentence_case(sentence).rstrip('.')} ({fact_when(fact, phrase=True)})."
    ordinary = fact.date.words.ordinary if fact.date.words else None
    return join_date(fact_when(fact, phrase=True), sentence, "lead", ordinary)


def markdown_url(url: str) -> str:
    """A URL safe inside a Markdown autolink ``<...>``, whose angle brackets it may not hold."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


FILTERS: dict[str, Callable[..., Any]] = {
    "date_phrase": date_phrase,
    "date_text": date_text,
    "date_short": date_short,
    "relative_date": relative_date,
    "cite": citation_marker,
    "wrap": wrap_text,
    "dated_fact": dated_fact,
    "md": markdown_escape,
    "md_url": markdown_url,
}
