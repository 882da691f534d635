"""The words civickit itself puts on a fact sheet, in the sheet's language.

English is civickit's own wording (:data:`ENGLISH_SHEET`). Another language words its sheet in
the ``[factsheet]`` table of its ``<code>/language.toml`` (:mod:`civickit.materials.languages`);
the table is optional in that file, so a language written for letters only still loads, but a
fact sheet in it is refused with an error naming the words to add (a sheet never mixes
civickit's English headings into another language).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass, fields

from civickit.core.dates import DateWords, FuzzyDate, Precision
from civickit.errors import UsageError
from civickit.materials.languages import LANGUAGE_FILE, LanguageWords


@dataclass(frozen=True)
class SheetWords:
    """One language's fact-sheet words; ``{...}`` fields are filled in by the sheet."""

    fact_sheet: str  # the kicker above the title, and the page title's suffix
    fact_sheet_from: str  # Markdown's org line: {org}
    key_facts: str
    timeline: str  # the timeline heading when its entries span several months
    month_timeline: str  # ... when they fall in one month: {month}, e.g. "June 2020"
    what_you_can_do: str
    other_lead: str  # an ask's lead for an audience not in `leads`: {audience}
    take_action: str  # beside the QR code, before the link
    take_action_md: str  # before the link in Markdown
    translation: str  # a quote's translation, marked as one: {text}
    sources: str
    via: str  # a source reported by another: {publisher}
    generated: str  # the footer: {date} {title}
    precision_note: str  # after the footer in HTML
    leads: Mapping[str, str]  # an ask's lead by audience: "Ask Congress to"

    def lead(self, audience: str) -> str:
        """The words before an ask's short form: ``Ask Congress to``."""
        return self.leads.get(audience) or self.other_lead.format(audience=audience)

    def timeline_title(self, month: tuple[int, int] | None, dates: DateWords | None) -> str:
        """``June 2020 timeline`` for entries all in one (year, month), else ``Timeline``."""
        if month is None:
            return self.timeline
        year, number = month
        name = FuzzyDate(dt.date(year, number, 1), Precision.MONTH).in_language(dates).text()
        return self.month_timeline.format(month=name)


ENGLISH_SHEET = SheetWords(
    fact_sheet="Fact sheet",
    fact_sheet_from="Fact sheet from {org}",
    key_facts="Key facts",
    timeline="Timeline",
    month_timeline="{month} timeline",
    what_you_can_do="What you can do",
    other_lead="Ask {audience} to",
    take_action="Take action now: scan the code with your phone\u2019s camera, or visit",
    take_action_md="Take action now:",
    translation="Translation: {text}",
    sources="Sources",
    via="via {publisher}",
    generated="Generated on {date} from the campaign \u201c{title}\u201d with civickit.",
    precision_note="Every fact above is dated as precisely as its source allows.",
    leads={
        "federal": "Ask Congress to",
        "state": "Ask your state legislators to",
        "local": "Ask your city council and county board to",
        "companies": "Tell technology companies to",
    },
)

_TEXT_FIELDS = tuple(item.name for item in fields(SheetWords) if item.name != "leads")
# The fields the sheet fills in, and with what.
_PLACEHOLDERS = {
    "fact_sheet_from": ("org",),
    "month_timeline": ("month",),
    "other_lead": ("audience",),
    "translation": ("text",),
    "via": ("publisher",),
    "generated": ("date", "title"),
}


def sheet_words(words: LanguageWords) -> SheetWords:
    """The fact-sheet words of ``words``' language; a clear error when its file lacks some."""
    if words.english:
        return ENGLISH_SHEET
    table = words.factsheet
    missing = [name for name in _TEXT_FIELDS if not isinstance(table.get(name), str)]
    leads = table.get("leads", {})
    if missing or not isinstance(leads, Mapping):
        wanted = ", ".join(missing) if missing else "leads (a table)"
        raise UsageError(
            f"language {words.code!r}: {words.code}/{LANGUAGE_FILE} lacks fact-sheet words "
            f"({wanted}); add a [factsheet] table like the one at the end of the built-in "
            f"es/{LANGUAGE_FILE}"
        )
    texts = {name: str(table[name]) for name in _TEXT_FIELDS}
    for name, allowed in _PLACEHOLDERS.items():
        _check_placeholders(words.code, name, texts[name], allowed)
    return SheetWords(
        fact_sheet=texts["fact_sheet"],
        fact_sheet_from=texts["fact_sheet_from"],
        key_facts=texts["key_facts"],
        timeline=texts["timeline"],
        month_timeline=texts["month_timeline"],
        what_you_can_do=texts["what_you_can_do"],
        other_lead=texts["other_lead"],
        take_action=texts["take_action"],
        take_action_md=texts["take_action_md"],
        translation=texts["translation"],
        sources=texts["sources"],
        via=texts["via"],
        generated=texts["generated"],
        precision_note=texts["precision_note"],
        leads={str(key): str(value) for key, value in leads.items()},
    )


def _check_placeholders(code: str, name: str, text: str, allowed: tuple[str, ...]) -> None:
    """Only the bare ``{name}`` placeholders the sheet fills in, so formatting cannot fail."""
    try:
        used = [
            field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for _, field, spec, conversion in string.Formatter().parse(text)
            if field is not None
        ]
    except ValueError as exc:
        used = [f"({exc})"]
    wrong = [field for field in used if field not in allowed]
    if wrong:
        braces = ", ".join("{" + key + "}" for key in allowed)
        raise UsageError(
            f"language {code!r}: [factsheet] {name} = {text!r}: unknown placeholder "
            f"{wrong[0]!r}; use only {braces} (write {{{{ and }}}} for literal braces)"
        )
