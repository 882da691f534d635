"""The built-in adapters, registered through the same pluggy hook as third-party ones.

This module is imported only when adapters are discovered (never by ``civickit --help``), so
importing the network adapters here costs the CLI nothing at start-up; they import
``requests`` only when they send a request.
"""

from __future__ import annotations

from collections.abc import Callable

from civickit.lookup.adapters.base import Adapter
from civickit.lookup.adapters.census import CensusGeocoder
from civickit.lookup.adapters.congress_gov import CongressGovDirectory
from civickit.lookup.adapters.file_targets import FileDirectory
from civickit.lookup.adapters.hooks import hookimpl
from civickit.lookup.adapters.legislators import CongressLegislators
from civickit.lookup.adapters.openstates_bulk import OpenStatesBulk
from civickit.lookup.adapters.zcta import ZctaGeocoder

# Order matters: when two adapters answer the same question, the earlier one is asked first
# (``--source NAME`` puts a directory ahead of the others). So congress-legislators is the
# federal default and congress-gov is asked only when chosen; ``file`` answers only with
# ``--targets FILE``. ``openstates`` is one adapter: bulk CSV by district, API v3 by point.
BUILTIN_ADAPTERS: list[type[Adapter]] = [
    CongressLegislators,
    ZctaGeocoder,
    CensusGeocoder,
    OpenStatesBulk,
    CongressGovDirectory,
    FileDirectory,
]


@hookimpl
def register_adapters(register: Callable[[type[Adapter]], None]) -> None:
    """Register every built-in adapter class."""
    for adapter_class in BUILTIN_ADAPTERS:
        register(adapter_class)
