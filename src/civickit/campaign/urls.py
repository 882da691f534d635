"""The one URL check for links a campaign or a command line gives."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_http_url(value: object) -> bool:
    """The one URL check: an absolute http(s) URL with a host and no spaces or control
    characters (campaign links, ``--url``, ``--action-url``)."""
    if not isinstance(value, str) or not all(ch.isprintable() and not ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket: "https://[abc"
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
