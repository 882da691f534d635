"""Language codes: the one reader of what a person or sheet writes for a language.

``es``, ``ES``, ``spa``, ``Spanish``, ``español`` and ``es-MX`` all mean ``es``. Names and the
three-letter ISO 639-2 codes come from CLDR through Babel (imported when first needed), so any
language Babel knows is accepted, not only the ones civickit ships words for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from civickit.errors import UsageError

DEFAULT_LANGUAGE = "en"
_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _names() -> dict[str, str]:
    """Every language name Babel knows, in English and in the language itself, folded."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    english = Locale("en").languages
    names = {_folded(name): code for code, name in english.items() if "_" not in code}
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue
        own = Locale.parse(identifier).languages.get(identifier)
        if own:
            names.setdefault(_folded(own), identifier)
    return names


@cache
def language_code(text: str) -> str:
    """The two-letter (or CLDR) code of the language ``text`` names, in any case:
    ``es``, ``spa``, ``Spanish``, ``español``, ``es-MX`` -> ``es``."""
    from babel.core import get_global

    folded = _folded(text).replace("_", "-")
    if not folded:
        raise UsageError("empty language: give a code such as 'es' or a name such as 'Spanish'")
    if _TAG.fullmatch(folded):  # a code, with a region or script after it (es-MX)
        base = folded.split("-", 1)[0]
        aliases: Mapping[str, str] = get_global("language_aliases")
        code = aliases.get(base, base)
        if code in _known_codes():
            return code
    if folded in _names():
        return _names()[folded]
    raise UsageError(
        f"unknown language {text!r}: give a code such as 'es' or 'fr', or a name such as 'Spanish'"
    )


@cache
def _known_codes() -> frozenset[str]:
    """The language codes Babel has data for (its locale files, without reading them)."""
    from babel.localedata import locale_identifiers

    return frozenset(identifier for identifier in locale_identifiers() if "_" not in identifier)


def language_name(code: str, in_language: str = DEFAULT_LANGUAGE) -> str:
    """The name of language ``code`` in language ``in_language``, from CLDR through Babel:
    ``Spanish`` for ``es``, ``español`` for ``es`` in ``es``; the code when Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        names: Mapping[str, str] = Locale.parse(in_language).languages
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(code, code)
