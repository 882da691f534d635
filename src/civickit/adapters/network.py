"""The adapters that ask web services, plus the ``file`` directory.

All of them are registered as built-ins in ``civickit.adapters.builtin``. The Open States API
class is not registered on its own: the one ``openstates`` adapter (``OpenStatesBulk``)
delegates point lookups to it, so users see a single ``openstates``.
"""

from __future__ import annotations

from civickit.adapters.base import Adapter
from civickit.adapters.census import CensusGeocoder
from civickit.adapters.congress_gov import CongressGovDirectory
from civickit.adapters.file_targets import FileDirectory
from civickit.adapters.openstates_api import OpenStatesDirectory

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
