"""Everything civickit is configured with, as one frozen object the CLI builds once.

``Settings.from_environ`` is the only place that reads ``CIVICKIT_*`` (and API key) environment
variables; the library receives the object (``Lookup(settings=...)``, ``DataStore``, the answer
cache, plugin discovery, network adapters, sending) and never consults ``os.environ`` itself.
Nothing is computed at import time, so tests can build settings over a temporary folder.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civickit.errors import UsageError

APP_NAME = "civickit"

DATA_DIR_ENV = "CIVICKIT_DATA_DIR"
CACHE_DIR_ENV = "CIVICKIT_CACHE_DIR"
CONFIG_DIR_ENV = "CIVICKIT_CONFIG_DIR"
OFFLINE_ENV = "CIVICKIT_OFFLINE"
MIRROR_ENV = "CIVICKIT_DATA_MIRROR"
CACHE_TTL_ENV = "CIVICKIT_CACHE_TTL"
NO_PLUGINS_ENV = "CIVICKIT_NO_PLUGINS"
SMTP_PASSWORD_ENV = "CIVICKIT_SMTP_PASSWORD"  # noqa: S105 - a variable name
# The CWC delivery agent's identity (``docs/delivery.md``): field -> variable.
CWC_AGENT_ENV: dict[str, str] = {
    "name": "CIVICKIT_CWC_AGENT_NAME",
    "ack_email": "CIVICKIT_CWC_AGENT_ACK_EMAIL",
    "contact_name": "CIVICKIT_CWC_AGENT_CONTACT_NAME",
    "contact_email": "CIVICKIT_CWC_AGENT_CONTACT_EMAIL",
    "contact_phone": "CIVICKIT_CWC_AGENT_CONTACT_PHONE",
    "organization": "CIVICKIT_CWC_ORGANIZATION",
    "organization_about": "CIVICKIT_CWC_ORGANIZATION_ABOUT",
}

# Variables kept as secrets (API keys, passwords): an adapter's ``key_env`` ends with one of these.
SECRET_SUFFIXES = ("_KEY", "_TOKEN", "_SECRET", "_PASSWORD")
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Where data, cache and config live, whether the network may be used, and the keys.

    ``base_urls`` maps an adapter's ``url_env`` (``CIVICKIT_CENSUS_URL``) to the URL to use
    instead of its default; ``secrets`` maps a variable name (``OPENSTATES_API_KEY``) to its
    value. ``cache_ttl`` of ``None`` lets each cache keep its own default lifetime.
    """

    data_dir: Path
    cache_dir: Path
    config_dir: Path
    offline: bool = False
    data_mirror: str | None = None
    cache_ttl: int | None = None
    plugins: bool = True
    base_urls: Mapping[str, str] = field(default_factory=dict)
    secrets: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: The CWC delivery agent's identity, by ``CWC_AGENT_ENV`` field (only those set).
    delivery_agent: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``environ`` (default: the process environment) and platform defaults;
        ``overrides`` (e.g. ``offline=True`` from ``--offline``) win over both. A bad
        ``CIVICKIT_CACHE_TTL`` raises ``UsageError`` naming the variable."""
        env = os.environ if environ is None else environ
        import platformdirs

        def folder(variable: str, default: str) -> Path:
            value = env.get(variable, "").strip()
            return Path(value).expanduser() if value else Path(default)

        values: dict[str, Any] = {
            "data_dir": folder(DATA_DIR_ENV, platformdirs.user_data_dir(APP_NAME)),
            "cache_dir": folder(CACHE_DIR_ENV, platformdirs.user_cache_dir(APP_NAME)),
            "config_dir": folder(CONFIG_DIR_ENV, platformdirs.user_config_dir(APP_NAME)),
            "offline": env.get(OFFLINE_ENV, "").strip().lower() in _TRUE,
            "data_mirror": env.get(MIRROR_ENV, "").strip() or None,
            "cache_ttl": parse_ttl(env.get(CACHE_TTL_ENV, "")),
            "plugins": env.get(NO_PLUGINS_ENV, "").strip() in {"", "0"},
            "base_urls": {
                name: value.strip()
                for name, value in env.items()
                if name.startswith("CIVICKIT_") and name.endswith("_URL") and value.strip()
            },
            "secrets": {
                name: value.strip()
                for name, value in env.items()
                if name.endswith(SECRET_SUFFIXES) and value.strip()
            },
            "delivery_agent": {
                name: env[variable].strip()
                for name, variable in CWC_AGENT_ENV.items()
                if env.get(variable, "").strip()
            },
        }
        values.update(overrides)
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def secret(self, variable: str | None) -> str | None:
        """An API key or password by its variable name; empty counts as unset."""
        return self.secrets.get(variable) if variable else None

    def ttl(self, default: int) -> int:
        """Seconds cached answers stay fresh: ``CIVICKIT_CACHE_TTL`` when set, else ``default``."""
        return default if self.cache_ttl is None else self.cache_ttl


def parse_ttl(raw: str) -> int | None:
    """``CIVICKIT_CACHE_TTL`` as seconds (``None`` when unset); ``UsageError`` when not a
    whole number of seconds."""
    text = raw.strip()
    if not text:
        return None
    try:
        seconds = int(text)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise UsageError(
            f"{CACHE_TTL_ENV}={text!r} is not a number of seconds; set it to a whole number "
            "such as 86400 (0 turns the cache off)"
        )
    return seconds


def or_default(settings: Settings | None) -> Settings:
    """``settings``, or those of the process environment for library callers that gave none.

    The one place the library falls back to the environment, at its entry points (``Lookup()``,
    ``DataStore()``, ``AnswerCache()``); the CLI always passes the object it built.
    """
    return settings if settings is not None else Settings.from_environ()
