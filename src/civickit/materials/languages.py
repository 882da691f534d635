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

from civickit.core.addressing import AddressWords, PlaceWords
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
    zip_place: str = "{zip}"  # where a caller with only a ZIP lives ("el código postal {zip}")
    factsheet: Mapping[str, Any] = field(default_factory=dict, hash=False)  # [factsheet], optional
    social: Mapping[str, str] = field(default_factory=dict, hash=False)  # materials/social_words
    places: PlaceWords | None = None  # optional [places], [chambers], [roles]: else English
    call_heading: str = ""  # {addressee} {constituency}; "" : "Name (place)"
    office_labels: Mapping[str, str] | None = field(
        default=None, hash=False
    )  # "Washington Office" -> its words
    cover: Mapping[str, str] | None = field(
        default=None, hash=False
    )  # optional [cover]: a packet cover's words
    page: Mapping[str, Any] = field(default_factory=dict, hash=False)  # the action page's ([page])

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
            either=str(address.get("either", "{masculine}/{feminine}")),
        ),
        opening=str(letter["opening"]),
        body_opening=str(letter.get("body_opening", letter["opening"])),
        closing=str(letter["closing"]),
        call_script=str(call["script"]),
        voicemail=str(call["voicemail"]),
        name_placeholder=str(call["name"]),
        place_placeholder=str(call["place"]),
        zip_place=str(call.get("zip_place", "{zip}")),
        factsheet=dict(raw.get("factsheet", {})),
        social={str(key): str(value) for key, value in raw.get("social", {}).items()},
        places=_places(raw),
        cover={str(key): str(text) for key, text in raw.get("cover", {}).items()} or None,
        call_heading=str(call.get("heading", "")),
        office_labels={str(k): str(v) for k, v in call.get("offices", {}).items()},
        page=dict(raw.get("page", {})),
    )


def _places(raw: Mapping[str, Any]) -> PlaceWords | None:
    """The optional ``[places]``, ``[chambers]`` and ``[roles]`` tables; ``None`` (English
    place names, chambers and roles) for a file without ``[places]``."""
    if "places" not in raw:
        return None
    places, chambers = raw["places"], dict(raw.get("chambers", {}))
    default = str(chambers.pop("default", "{name}"))
    return PlaceWords(
        states={str(code).upper(): str(name) for code, name in places.get("states", {}).items()},
        chambers={str(words): str(name) for words, name in chambers.items()},
        default_chamber=default,
        district=str(places["district"]),
        chamber_district=str(places["chamber_district"]),
        community=str(places.get("community", "")),
        roles={
            str(office): (str(forms[0]), str(forms[1]), str(forms[2]))
            for office, forms in raw.get("roles", {}).items()
        },
        contractions={str(k): str(v) for k, v in places.get("contractions", {}).items()},
    )
