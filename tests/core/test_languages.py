"""Language codes as people and sheets write them: codes, ISO 639-2, names in English and in
the language itself, any case; anything else a one-line usage error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.core.languages import language_code
from civickit.errors import UsageError


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("es", "es"),
        ("ES", "es"),
        (" es-MX ", "es"),
        ("es_US", "es"),
        ("spa", "es"),
        ("Spanish", "es"),
        ("español", "es"),
        ("ESPANOL", "es"),
        ("fr", "fr"),
        ("fre", "fr"),
        ("fra", "fr"),
        ("French", "fr"),
        ("français", "fr"),
        ("Vietnamese", "vi"),
        ("Tiếng Việt", "vi"),
        ("eng", "en"),
    ],
)
def test_language_spellings(text: str, code: str) -> None:
    assert language_code(text) == code


@pytest.mark.parametrize("text", ["", "  ", "Klingonish", "xx", "es-", "123"])
def test_not_a_language(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        language_code(text)
    assert "\n" not in str(caught.value)


@given(st.text(max_size=20))
def test_any_text_is_a_code_or_a_usage_error(text: str) -> None:
    try:
        code = language_code(text)
    except UsageError:
        return
    assert code == language_code(code)  # a code reads as itself
