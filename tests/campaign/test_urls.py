"""The one URL check (``civickit.campaign.is_http_url``) behind campaign links, --url, --action-url."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.campaign import is_http_url
from civickit.errors import UsageError
from civickit.materials.social import check_action_url


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://example.org/act", True),
        ("HTTP://Example.org", True),
        ("https://example.org/a?b=c#d", True),
        ("https://", False),
        ("ftp://example.org", False),
        ("example.org", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x00", False),
        ("https://[abc", False),
        (None, False),
    ],
)
def test_http_urls(value: object, ok: bool) -> None:
    assert is_http_url(value) is ok


@given(st.text())
def test_anything_with_whitespace_or_control_characters_is_refused(text: str) -> None:
    url = f"https://example.org/{text}"
    clean = all(ch.isprintable() and not ch.isspace() for ch in text)
    assert is_http_url(url) is clean


def test_entry_points_share_the_rule() -> None:
    assert check_action_url(" https://example.org/act ") == "https://example.org/act"
    with pytest.raises(UsageError, match="give an http"):
        check_action_url("https://")
