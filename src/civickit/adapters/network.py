"""The adapters that ask web services, plus the ``file`` directory, for registration as
built-ins.

``file`` never touches the network; it is listed here because it comes with the same change
and is registered the same way (constructed with the ``--targets`` path).
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
