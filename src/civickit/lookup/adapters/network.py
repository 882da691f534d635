"""The adapters that ask web services, plus the ``file`` directory.

All of them are registered as built-ins in ``civickit.lookup.adapters.builtin``. The Open States API
class is not registered on its own: the one ``openstates`` adapter (``OpenStatesBulk``)
delegates point lookups to it, so users see a single ``openstates``.
"""

from __future__ import annotations

from civickit.lookup.adapters.base import Adapter
from civickit.lookup.adapters.census import CensusGeocoder
from civickit.lookup.adapters.congress_gov import CongressGovDirectory
from civickit.lookup.adapters.file_targets import FileDirectory
from civickit.lookup.adapters.openstates_api import OpenStatesDirectory

NETWORK_ADAPTERS: tuple[type[Adapter], ...] = (
    CensusGeocoder,
    OpenStatesDirectory,
    CongressGovDirectory,
    FileDirectory,
)

__all__ = [
    "NETWORK_ADAPTERS",
    "CensusGeocoder",
    "CongressGovDirectory",
    "FileDirectory",
    "OpenStatesDirectory",
]
