"""Settings for library tests, built from a given environment instead of patching the real one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from civickit.settings import Settings

MakeSettings = Callable[..., Settings]


def settings_under(
    tmp_path: Path, environ: Mapping[str, str] | None = None, **overrides: Any
) -> Settings:
    """Folders in ``tmp_path``, offline, no third-party plugins, unless ``environ`` or
    ``overrides`` say otherwise."""
    base = {f"CIVICKIT_{n}_DIR": str(tmp_path / f"civickit-{n.lower()}") for n in _DIRS}
    base |= {"CIVICKIT_OFFLINE": "1", "CIVICKIT_NO_PLUGINS": "1"}
    return Settings.from_environ({**base, **(environ or {})}, **overrides)


_DIRS = ("DATA", "CACHE", "CONFIG")
