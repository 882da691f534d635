"""Everything civickit is configured with, as one frozen object the CLI builds once.

``Settings.from_environ`` is the only place that reads ``CIVICKIT_*`` (and API key) environment
variables; the library receives the object (``Lookup(settings=...)``, ``DataStore``, the answer
cache, plugin discovery, network adapters, sending) and never consults ``os.environ`` itself.
Nothing is computed at import time, so tests can build settings over a temporary folder.

It also owns the one precedence of every option: the flag, then its ``CIVICKIT_*`` variable, then
the config file (``ConfigFile``, keys in ``config_keys.py``), then the built-in default. Command
options get the config file through click's ``default_map`` (``ConfigFile.default_map``, which
click consults after the command line and the variable); the values ``Settings`` holds get it
through ``from_environ``, where the config file fills in variables that are not set.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civickit.config_keys import BY_NAME, ConfigKey, find_key, typed_value
from civickit.errors import UsageError

APP_NAME = "civickit"

DATA_DIR_ENV = "CIVICKIT_DATA_DIR"
CACHE_DIR_ENV = "CIVICKIT_CACHE_DIR"
CONFIG_DIR_ENV = "CIVICKIT_CONFIG_DIR"
CONFIG_ENV = "CIVICKIT_CONFIG"
CONFIG_NAME = "config.toml"
SECRETS_NAME = "secrets.toml"  # beside the config file, readable only by its owner
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
    config: ConfigFile | None = field(default=None, repr=False)
    #: The CWC delivery agent's identity, by ``CWC_AGENT_ENV`` field (only those set).
    delivery_agent: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_environ(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        config: ConfigFile | None = None,
        **overrides: Any,
    ) -> Settings:
        """Settings from ``environ`` (default: the process environment), then ``config`` (the
        config file, for variables ``environ`` does not set), then platform defaults;
        ``overrides`` (e.g. ``offline=True`` from ``--offline``) win over all three. A bad
        ``CIVICKIT_CACHE_TTL`` raises ``UsageError`` naming the variable."""
        env = dict(os.environ if environ is None else environ)
        if config is not None:
            env = config.fill_variables(env)
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
        values["config"] = config
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


def config_path(environ: Mapping[str, str], given: str | Path | None = None) -> Path:
    """The config file: ``given`` (``--config``), else ``CIVICKIT_CONFIG``, else
    ``config.toml`` in the config folder (``CIVICKIT_CONFIG_DIR`` or the platform's)."""
    if given:
        return Path(given).expanduser()
    if value := environ.get(CONFIG_ENV, "").strip():
        return Path(value).expanduser()
    if folder := environ.get(CONFIG_DIR_ENV, "").strip():
        return Path(folder).expanduser() / CONFIG_NAME
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_NAME


@dataclass(frozen=True)
class ConfigFile:
    """The values of the config file and of the secrets file beside it, by dotted key."""

    path: Path
    values: Mapping[str, str | bool | int] = field(default_factory=dict, repr=False)

    @property
    def secrets_path(self) -> Path:
        return self.path.with_name(SECRETS_NAME)

    @classmethod
    def load(cls, path: Path) -> ConfigFile:
        """Both files, each checked whole: a missing file is empty; bad TOML, an unknown key,
        a value of the wrong type or a secret outside the secrets file is a ``UsageError``
        naming the file and the key."""
        values: dict[str, str | bool | int] = {}
        for file, secret in ((path, False), (path.with_name(SECRETS_NAME), True)):
            for name, value in read_toml(file).items():
                key = find_key(name, str(file))
                if key.secret and not secret:
                    raise UsageError(
                        f"{file}: {name} is a secret; move it to {file.with_name(SECRETS_NAME)} "
                        f"(civickit config set --secret {name} ...) or set {key.variable}"
                    )
                values[key.name] = typed_value(key, value, str(file))
        return cls(path, values)

    def origin(self, key: ConfigKey) -> Path:
        """The file ``key``'s value comes from."""
        return self.secrets_path if key.secret else self.path

    def fill_variables(self, environ: Mapping[str, str]) -> dict[str, str]:
        """``environ`` with the config file's value for each ``Settings`` variable it does not
        set (``cache.ttl`` -> ``CIVICKIT_CACHE_TTL``): variables win over the file."""
        filled = dict(environ)
        for name, value in self.values.items():
            variable = find_key(name).variable
            if variable and not filled.get(variable, "").strip():
                filled[variable] = str(value).lower() if isinstance(value, bool) else str(value)
        return filled

    def default_map(self) -> dict[str, Any]:
        """click's ``default_map`` for the options the file sets:
        ``{"campaign_ref": ..., "letter": {"name": ...}, "data": {"sync": {...}}}``."""
        tree: dict[str, Any] = {}
        for name, value in self.values.items():
            for option in find_key(name).options:
                node = tree
                for word in option.command.split():
                    node = node.setdefault(word, {})
                node[option.param] = value
        return tree


def read_toml(path: Path) -> dict[str, object]:
    """A TOML file flattened to dotted keys (``{"sender.name": "Ada"}``); ``{}`` when missing."""
    import tomllib

    try:
        with path.open("rb") as stream:
            document = tomllib.load(stream)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"{path}: not valid TOML ({exc}); fix it with civickit config edit"
        ) from exc
    flat: dict[str, object] = {}

    def walk(table: Mapping[str, object], prefix: str) -> None:
        for name, value in table.items():
            if isinstance(value, dict) and f"{prefix}{name}" not in BY_NAME:
                walk(value, f"{prefix}{name}.")
            else:
                flat[f"{prefix}{name}"] = value

    walk(document, "")
    return flat


def origin_of(
    key: ConfigKey, environ: Mapping[str, str], config: ConfigFile | None
) -> tuple[str | bool | int | None, str]:
    """Where ``key``'s value comes from when no flag is given: ``(value, "env VARIABLE")``,
    ``(value, "config PATH")`` or ``(None, "default")``: the precedence ``config list
    --origin`` shows."""
    variables = [key.variable] if key.variable else [option.variable for option in key.options]
    for variable in variables:
        if value := environ.get(variable, "").strip():
            return value, f"env {variable}"
    if config is not None and key.name in config.values:
        return config.values[key.name], f"config {config.origin(key)}"
    return None, "default"


__all__ = [
    "ConfigFile",
    "Settings",
    "config_path",
    "or_default",
    "origin_of",
    "parse_ttl",
    "read_toml",
]
