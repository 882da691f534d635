"""Geocoders and directories. Plugin authors import the contract from here:

``from civickit.lookup.adapters import Directory, Geocoder, hookimpl``.
"""

from civickit.lookup.adapters.base import Adapter, Directory, Geocoder
from civickit.lookup.adapters.hooks import hookimpl

__all__ = ["Adapter", "Directory", "Geocoder", "hookimpl"]
