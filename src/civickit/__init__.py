"""civickit: sourced advocacy materials, addressed to the right officials."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("civickit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
