"""The built-in adapters, registered through the same pluggy hook as third-party ones."""

from __future__ import annotations

from collections.abc import Callable

from civickit.adapters.base import Adapter
from civickit.adapters.legislators import CongressLegislators
from civickit.adapters.openstates_bulk import OpenStatesBulk
from civickit.adapters.plugins import hookimpl
from civickit.adapters.zcta import ZctaGeocoder

# Order matters: when two adapters answer the same question, the earlier one is asked first.
BUILTIN_ADAPTERS: list[type[Adapter]] = [CongressLegislators, ZctaGeocoder, OpenStatesBulk]


@hookimpl
def register_adapters(register: Callable[[type[Adapter]], None]) -> None:
    """Register every built-in adapter class."""
    for adapter_class in BUILTIN_ADAPTERS:
        register(adapter_class)
