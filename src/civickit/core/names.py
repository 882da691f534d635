"""Names as people write them: supporters' names and cities typed in one case, and the key that
tells two spellings of one name apart from two names.

A name or city typed with both upper- and lower-case letters (or with characters no name has,
such as digits or ``/``) is the writer's own spelling and is never changed (``McDonald``,
``de la Cruz``, ``DeKalb``). Typed all lower or all upper case
(``jane doe``, ``SAN FRANCISCO``), it is capitalised:

- a person's name by ``nameparser``, the library made for human names: ``mary mcdonald`` ->
  ``Mary McDonald``, ``SEAN O'BRIEN`` -> ``Sean O'Brien``, ``juan de la cruz`` ->
  ``Juan de la Cruz``, ``JOSÉ NÚÑEZ`` -> ``José Núñez``, ``doe, jane`` -> ``Jane Doe``;
- a city by one rule (``city_name``): every word and every part of a hyphenated word starts
  with a capital, the rest lower case; a part after an apostrophe starts with a capital too
  (``O'Fallon``, ``Coeur d'Alene``: ``d'`` itself stays lower case after the first word);
  ``Mc`` is followed by a capital (``McAllen``); and the small words ``of``, ``the``, ``on``,
  ``upon``, ``by``, ``and``, ``in``, ``at``, ``de``, ``del``, ``la``, ``las``, ``los``, ``y``
  are lower case after the first word (``King of Prussia``, ``Lake of the Woods``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CITY_SMALL_WORDS = frozenset(
    {"of", "the", "on", "upon", "by", "and", "in", "at", "de", "del", "la", "las", "los", "y"}
)
_LETTERS = re.compile(r"[^\W\d_]")
# What names and cities are made of: letters, spaces and . , ' ’ - (no digits, no / < =).
_NAME_LIKE = re.compile(r"(?:[^\W\d_]|[\s.,'\u2019-])+")


def one_case(text: str) -> bool:
    """True when ``text`` reads as a name (letters, spaces, ``.,'’-``) and all its letters are
    lower case, or all upper case; anything else is kept as typed."""
    letters = _LETTERS.findall(text)
    return (
        bool(letters)
        and _NAME_LIKE.fullmatch(text) is not None
        and (text == text.lower() or text == text.upper())
    )


@lru_cache(maxsize=8192)  # sheets repeat names and cities
def person_name(text: str) -> str:
    """A person's name capitalised as people write it when typed in one case (see the module)."""
    if not one_case(text):
        return text
    from nameparser import HumanName

    parsed = HumanName(text)
    parsed.capitalize(force=True)
    result = " ".join(str(parsed).split())
    # nameparser may reorder "doe, jane"; it must never lose or add a word.
    if sorted(name_key(result).split()) != sorted(name_key(text.replace(",", " ")).split()):
        return text
    return result


@lru_cache(maxsize=8192)
def city_name(text: str) -> str:
    """A city capitalised by the one rule of the module docstring when typed in one case."""
    if not one_case(text):
        return text
    words = text.lower().split()
    result = " ".join(_city_word(word, first=index == 0) for index, word in enumerate(words))
    # A letter whose case pair is another letter ("ı" -> "I" -> "i") is left as typed.
    return result if name_key(result) == name_key(" ".join(words)) else text


def _city_word(word: str, *, first: bool) -> str:
    if not first and word in _CITY_SMALL_WORDS:
        return word
    return "-".join(_city_part(part, first=first) for part in word.split("-"))


def _city_part(part: str, *, first: bool) -> str:
    head, apostrophe, tail = part.partition("'")
    if apostrophe and tail:
        lead = head if head == "d" and not first else _capital(head)
        return f"{lead}'{_capital(tail)}"
    if part.startswith("mc") and len(part) > 2:
        return "Mc" + _capital(part[2:])
    return _capital(part)


def _capital(text: str) -> str:
    upper = text[:1].upper()
    return upper + text[1:] if len(upper) == 1 else text  # "ŉ" has no one-letter capital


def name_key(text: str) -> str:
    """``text`` folded for comparison: case, accents and spacing ignored (``JOSÉ  Núñez`` and
    ``jose nunez`` have one key)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
