"""The words of a language other than English: ``<code>/language.toml`` on the template path.

English is civickit's own wording (:data:`ENGLISH`, no file). For another language the first
``<code>/language.toml`` found in the template search path (``--template-dir``, the campaign's
``templates/``, the built-in templates) gives its date phrases, salutations, titles, default
letter phrases and call-script sentences; civickit ships ``es``. A campaign adds a language with
that file and its ``[translations.<code>]`` table, no code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civickit.core.addressing import AddressWords
from civickit.core.dates import DateWords
from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.errors import UsageError

LANGUAGE_FILE = "language.toml"


@dataclass(frozen=True)
class LanguageWords:
    """Everything civickit words itself in one language (``None`` parts: English)."""

    code: str
    dates: DateWords | None = None
    address: AddressWords | None = None
    opening: str = ""  # the letter's default opening to a legislator or named person
    body_opening: str = ""  # to a body with no named person
    closing: str = ""
    call_script: str = ""  # {name} {place} {addressee} {ask} {fact}
    voicemail: str = ""
    name_placeholder: str = ""
    place_placeholder: str = ""
    page: Mapping[str, Any] = field(default_factory=dict)  # the action page's ([page])

    @property
    def english(self) -> bool:
        """True for civickit's own English wording."""
        return self.code == DEFAULT_LANGUAGE


ENGLISH = LanguageWords(DEFAULT_LANGUAGE)


def language_words(code: str, folders: Sequence[Path]) -> LanguageWords:
    """The words of language ``code`` from the first ``<code>/language.toml`` in ``folders``;
    a clear error naming where to put one when there is none."""
    if code == DEFAULT_LANGUAGE:
        return ENGLISH
    for folder in folders:
        file = folder / code / LANGUAGE_FILE
        if file.is_file():
            return _read(code, file)
    raise UsageError(
        f"language {code!r}: civickit has no words for it; add templates/{code}/{LANGUAGE_FILE} "
        "to the campaign (copy the built-in es one and translate it)"
    )


def _read(code: str, file: Path) -> LanguageWords:
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
        return _words(code, raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{file}: not a valid UTF-8 TOML file ({exc}); fix it") from exc
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise UsageError(
            f"{file}: missing or wrong entry {exc}; compare it with the built-in es file"
        ) from exc


def _words(code: str, raw: Mapping[str, Any]) -> LanguageWords:
    dates, address, letter, call = raw["dates"], raw["address"], raw["letter"], raw["callscript"]
    titles = {
        str(english): (str(forms[0]), str(forms[1])) for english, forms in raw["titles"].items()
    }
    return LanguageWords(
        code=code,
        dates=DateWords(
            code,
            text={key: str(dates["text"][key]) for key in ("day", "week", "month", "year")},
            phrase={key: str(dates["phrase"][key]) for key in ("day", "week", "month", "year")},
            ordinary=frozenset(str(dates.get("ordinary", "")).split()),
            reported=str(dates["reported"]),
            as_reported_by=str(dates["as_reported_by"]),
        ),
        address=AddressWords(
            male=str(address["male"]),
            female=str(address["female"]),
            neutral=str(address["neutral"]),
            body=str(address["body"]),
            nobody=str(address["nobody"]),
            titles=titles,
            person=str(address.get("person", "")),
        ),
        opening=str(letter["opening"]),
        body_opening=str(letter.get("body_opening", letter["opening"])),
        closing=str(letter["closing"]),
        call_script=str(call["script"]),
        voicemail=str(call["voicemail"]),
        name_placeholder=str(call["name"]),
        place_placeholder=str(call["place"]),
        page=dict(raw.get("page", {})),
    )
