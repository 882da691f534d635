"""Where civickit keeps its data, cache and config; each location has a CIVICKIT_* override.

Everything is computed when asked for, never at import time, so tests can point the variables
at a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "civickit"


def _from_env_or(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else Path(default)


def data_home() -> Path:
    """The data store for downloaded datasets (``CIVICKIT_DATA_DIR`` overrides)."""
    import platformdirs

    return _from_env_or("CIVICKIT_DATA_DIR", platformdirs.user_data_dir(APP_NAME))


def cache_home() -> Path:
    """The cache for geocoder and API answers (``CIVICKIT_CACHE_DIR`` overrides)."""
    import platformdirs

    return _from_env_or("CIVICKIT_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME))


def config_home() -> Path:
    """The config folder (``CIVICKIT_CONFIG_DIR`` overrides)."""
    import platformdirs

    return _from_env_or("CIVICKIT_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME))


def offline() -> bool:
    """True when ``CIVICKIT_OFFLINE`` forbids all network use."""
    return os.environ.get("CIVICKIT_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def env_secret(variable: str) -> str | None:
    """An API key or password from the environment; empty counts as unset."""
    value = os.environ.get(variable, "").strip()
    return value or None
